/* test-bluez.c: the BlueZ sensor and scanner against BlueZ's D-Bus API
 *
 * python3-dbusmock's bluez5 template plays bluetoothd on a private bus that
 * the process takes for its system bus (DBUS_SYSTEM_BUS_ADDRESS). The GATT
 * objects a real strap has (heart-rate service, 0x2A37 measurement, 0x2A19
 * battery level) are added with the generic Mock API; notifications are
 * PropertiesChanged on the characteristic's Value, as BlueZ sends them.
 * Each test gets a fresh mock; every wait gives up after TIMEOUT_S.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "ascend-test-util.h"
#include "ascend-bluez-scanner.h"
#include "ascend-bluez-sensor.h"

#define PYTHON            "/usr/bin/python3"
#define TIMEOUT_S         10
#define BACKOFF_MS        50u

#define MOCK_IFACE        "org.freedesktop.DBus.Mock"
#define BLUEZ_MOCK_IFACE  "org.bluez.Mock"
#define ADAPTER_IFACE     "org.bluez.Adapter1"
#define DEVICE_IFACE      "org.bluez.Device1"
#define CHAR_IFACE        "org.bluez.GattCharacteristic1"
#define SERVICE_IFACE     "org.bluez.GattService1"
#define TEST_IFACE        "org.ascend.Test"

#define UUID_HR_SERVICE   "0000180d-0000-1000-8000-00805f9b34fb"
#define UUID_BATTERY_SVC  "0000180f-0000-1000-8000-00805f9b34fb"
#define UUID_HRM          "00002a37-0000-1000-8000-00805f9b34fb"
#define UUID_BATTERY      "00002a19-0000-1000-8000-00805f9b34fb"

#define ADDRESS_1         "AA:BB:CC:DD:EE:01"
#define ADDRESS_2         "AA:BB:CC:DD:EE:02"
#define NAME_1            "Polar H10 A1B2C3D4"
#define NAME_2            "Wahoo TICKR 5F1E"

static GTestDBus *test_bus;
static GDBusConnection *bus;      /* the private bus, as the system bus */
static char *skip_reason;

typedef struct {
  GSubprocess *mock;
  char        *tmpdir;
  char        *log;
  GArray      *measurements;      /* AscendMeasurement */
  guint        malformed_notifies;
} Fixture;

/* Waiting ------------------------------------------------------------------- */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until cond holds; fails the test after TIMEOUT_S. */
#define WAIT_FOR(cond) G_STMT_START {                                            \
    gint64 wait_deadline_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC; \
    guint wait_tick_ = g_timeout_add (10, tick_cb, NULL);                        \
    while (!(cond) && g_get_monotonic_time () < wait_deadline_)                  \
      g_main_context_iteration (NULL, TRUE);                                     \
    g_source_remove (wait_tick_);                                                \
    if (!(cond))                                                                 \
      g_test_message ("Timed out after %d s waiting for %s", TIMEOUT_S, #cond);  \
    g_assert_true (cond);                                                        \
  } G_STMT_END

/* Runs the main loop for ms, to let anything that would happen happen. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (5, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* Talking to the mock -------------------------------------------------------- */

static GVariant *
mock_call (const char *path,
           const char *iface,
           const char *method,
           GVariant   *args,
           const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, "org.bluez", path, iface, method, args,
                                       reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

static void
mock_call_void (const char *path,
                const char *iface,
                const char *method,
                GVariant   *args)
{
  g_autoptr(GVariant) reply = mock_call (path, iface, method, args, NULL);
}

/* props: a GVariant text of an a{sv}, e.g. "{'Connected': <false>}". */
static void
mock_update (const char *path,
             const char *iface,
             const char *props)
{
  GVariant *dict = g_variant_new_parsed (props);

  mock_call_void (path, MOCK_IFACE, "UpdateProperties", g_variant_new ("(s@a{sv})", iface, dict));
}

static GVariant *
mock_get (const char *path,
          const char *iface,
          const char *name)
{
  g_autoptr(GVariant) reply = mock_call (path, "org.freedesktop.DBus.Properties", "Get",
                                         g_variant_new ("(ss)", iface, name), "(v)");
  GVariant *value;

  g_variant_get (reply, "(v)", &value);
  return value;
}

static gboolean
mock_get_boolean (const char *path,
                  const char *iface,
                  const char *name)
{
  g_autoptr(GVariant) value = mock_get (path, iface, name);

  return g_variant_get_boolean (value);
}

/* The calls the mock logged for one method on one object, oldest first:
 * an "a(tav)". */
static GVariant *
mock_calls (const char *path,
            const char *method)
{
  g_autoptr(GVariant) reply = mock_call (path, MOCK_IFACE, "GetMethodCalls",
                                         g_variant_new ("(s)", method), "(a(tav))");

  return g_variant_get_child_value (reply, 0);
}

static guint
mock_count_calls (const char *path,
                  const char *method)
{
  g_autoptr(GVariant) calls = mock_calls (path, method);

  return g_variant_n_children (calls);
}

static gboolean
name_has_owner (void)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.bluez"), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

/* AddObject does not announce the object: do what BlueZ does. */
static void
emit_interfaces_added (const char *path,
                       const char *iface,
                       GVariant   *props)
{
  GVariantBuilder args;
  GVariantBuilder ifaces;

  g_variant_builder_init (&ifaces, G_VARIANT_TYPE ("a{sa{sv}}"));
  g_variant_builder_add (&ifaces, "{s@a{sv}}", iface, props);
  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_object_path (path));
  g_variant_builder_add (&args, "v", g_variant_builder_end (&ifaces));
  mock_call_void ("/", MOCK_IFACE, "EmitSignal",
                  g_variant_new ("(sssav)", "org.freedesktop.DBus.ObjectManager",
                                 "InterfacesAdded", "oa{sa{sv}}", &args));
}

static void
add_object (const char *path,
            const char *iface,
            GVariant   *props,      /* a{sv}, floating */
            GVariant   *methods)    /* a(ssss), floating */
{
  g_variant_ref_sink (props);
  mock_call_void ("/", MOCK_IFACE, "AddObject",
                  g_variant_new ("(ss@a{sv}@a(ssss))", path, iface, props, methods));
  emit_interfaces_added (path, iface, props);
  g_variant_unref (props);
}

static void
remove_object (const char *path,
               const char *iface)
{
  const char *ifaces[] = { iface, NULL };
  GVariantBuilder args;

  mock_call_void ("/", MOCK_IFACE, "RemoveObject", g_variant_new ("(s)", path));
  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_object_path (path));
  g_variant_builder_add (&args, "v", g_variant_new_strv (ifaces, -1));
  mock_call_void ("/", MOCK_IFACE, "EmitSignal",
                  g_variant_new ("(sssav)", "org.freedesktop.DBus.ObjectManager",
                                 "InterfacesRemoved", "oas", &args));
}

/* The world BlueZ shows ---------------------------------------------------------- */

static char *
add_adapter (void)
{
  g_autoptr(GVariant) reply = mock_call ("/", BLUEZ_MOCK_IFACE, "AddAdapter",
                                         g_variant_new ("(ss)", "hci0", "ascend-test"), "(s)");
  char *path;

  g_variant_get (reply, "(s)", &path);
  return path;
}

/* Connect as BlueZ does it for a strap in range: Connected, then, once
 * the GATT database is known, ServicesResolved. FailConnects(n) makes the
 * next n attempts fail the way an out-of-range device does; after
 * HoldServices(true) the test resolves the services itself. */
static const char connect_code[] =
  "if getattr(self, 'fail_connects', 0) > 0:\n"
  "    self.fail_connects -= 1\n"
  "    raise dbus.exceptions.DBusException('Page Timeout', name='org.bluez.Error.Failed')\n"
  "if self.props['org.bluez.Device1']['Connected']:\n"
  "    raise dbus.exceptions.DBusException('Already Connected', name='org.bluez.Error.AlreadyConnected')\n"
  "self.UpdateProperties('org.bluez.Device1', {'Connected': dbus.Boolean(True, variant_level=1)})\n"
  "if not getattr(self, 'hold_services', False):\n"
  "    self.UpdateProperties('org.bluez.Device1', {'ServicesResolved': dbus.Boolean(True, variant_level=1)})\n";

static const char disconnect_code[] =
  "self.UpdateProperties('org.bluez.Device1', {'ServicesResolved': dbus.Boolean(False, variant_level=1),"
  " 'Connected': dbus.Boolean(False, variant_level=1)})\n";

/* A heart-rate strap BlueZ knows (as after an earlier scan or pairing). */
static char *
add_hr_device (const char *address,
               const char *name,
               gboolean    paired)
{
  g_autoptr(GVariant) reply = mock_call ("/", BLUEZ_MOCK_IFACE, "AddDevice",
                                         g_variant_new ("(sss)", "hci0", address, name), "(s)");
  g_autofree char *props = NULL;
  char *path;

  g_variant_get (reply, "(s)", &path);
  props = g_strdup_printf ("{'UUIDs': <['" UUID_HR_SERVICE "', '" UUID_BATTERY_SVC "']>, 'Paired': <%s>}",
                           paired ? "true" : "false");
  mock_update (path, DEVICE_IFACE, props);
  mock_call_void (path, MOCK_IFACE, "AddMethod",
                  g_variant_new ("(sssss)", DEVICE_IFACE, "Connect", "", "", connect_code));
  mock_call_void (path, MOCK_IFACE, "AddMethod",
                  g_variant_new ("(sssss)", DEVICE_IFACE, "Disconnect", "", "", disconnect_code));
  mock_call_void (path, MOCK_IFACE, "AddMethod",
                  g_variant_new ("(sssss)", TEST_IFACE, "FailConnects", "u", "", "self.fail_connects = args[0]"));
  mock_call_void (path, MOCK_IFACE, "AddMethod",
                  g_variant_new ("(sssss)", TEST_IFACE, "HoldServices", "b", "", "self.hold_services = bool(args[0])"));
  return path;
}

static char *
hrm_path (const char *device)
{
  return g_strconcat (device, "/service0010/char0011", NULL);
}

static char *
battery_path (const char *device)
{
  return g_strconcat (device, "/service0020/char0021", NULL);
}

static GVariant *
notify_methods (void)
{
  return g_variant_new_parsed (
    "[('StartNotify', '', '', 'self.UpdateProperties(\"" CHAR_IFACE "\", {\"Notifying\": dbus.Boolean(True, variant_level=1)})'),"
    " ('StopNotify', '', '', 'self.UpdateProperties(\"" CHAR_IFACE "\", {\"Notifying\": dbus.Boolean(False, variant_level=1)})'),"
    " ('ReadValue', 'a{sv}', 'ay', 'ret = self.props[\"" CHAR_IFACE "\"][\"Value\"]')]");
}

/* The GATT objects BlueZ exports for a strap once its services are resolved. */
static void
add_gatt (const char *device,
          gboolean    with_battery)
{
  g_autofree char *hr_service = g_strconcat (device, "/service0010", NULL);
  g_autofree char *hrm = hrm_path (device);
  g_autofree char *bat_service = g_strconcat (device, "/service0020", NULL);
  g_autofree char *battery = battery_path (device);

  add_object (hr_service, SERVICE_IFACE,
              g_variant_new_parsed ("{'UUID': <%s>, 'Device': <%o>, 'Primary': <true>}", UUID_HR_SERVICE, device),
              g_variant_new_parsed ("@a(ssss) []"));
  add_object (hrm, CHAR_IFACE,
              g_variant_new_parsed ("{'UUID': <%s>, 'Service': <%o>, 'Flags': <['notify']>,"
                                    " 'Value': <@ay []>, 'Notifying': <false>}", UUID_HRM, hr_service),
              notify_methods ());
  if (!with_battery)
    return;
  add_object (bat_service, SERVICE_IFACE,
              g_variant_new_parsed ("{'UUID': <%s>, 'Device': <%o>, 'Primary': <true>}", UUID_BATTERY_SVC, device),
              g_variant_new_parsed ("@a(ssss) []"));
  add_object (battery, CHAR_IFACE,
              g_variant_new_parsed ("{'UUID': <%s>, 'Service': <%o>, 'Flags': <['read', 'notify']>,"
                                    " 'Value': <@ay [85]>, 'Notifying': <false>}", UUID_BATTERY, bat_service),
              notify_methods ());
}

/* A notification: BlueZ sets Value and emits PropertiesChanged. */
static void
send_value (const char   *char_path,
            const guint8 *data,
            gsize         len)
{
  static const guint8 nothing[1];
  GVariant *value = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, len ? data : nothing, len, 1);
  GVariant *dict = g_variant_new_parsed ("{'Value': %v}", value);

  mock_call_void (char_path, MOCK_IFACE, "UpdateProperties", g_variant_new ("(s@a{sv})", CHAR_IFACE, dict));
}

#define SEND(path, ...) G_STMT_START {                  \
    static const guint8 bytes_[] = { __VA_ARGS__ };     \
    send_value (path, bytes_, sizeof bytes_);           \
  } G_STMT_END

/* Fixture ---------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->measurements = g_array_new (FALSE, TRUE, sizeof (AscendMeasurement));
  if (skip_reason != NULL)
    return;

  fx->tmpdir = g_dir_make_tmp ("ascend-bluez-XXXXXX", &error);
  g_assert_no_error (error);
  fx->log = g_build_filename (fx->tmpdir, "dbusmock.log", NULL);
  fx->mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                               PYTHON, "-m", "dbusmock", "--template", "bluez5", "--system",
                               "-l", fx->log, NULL);
  g_assert_no_error (error);
  g_test_message ("dbusmock log: %s", fx->log);
  WAIT_FOR (name_has_owner ());
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_array_unref (fx->measurements);
  if (fx->mock == NULL)
    return;

  /* Let the sensor's last best-effort calls (StopNotify, Disconnect) land. */
  spin (50);
  g_subprocess_send_signal (fx->mock, SIGTERM);
  g_subprocess_wait (fx->mock, NULL, NULL);
  g_clear_object (&fx->mock);
  /* The next test must not see this mock's objects. */
  WAIT_FOR (!name_has_owner ());

  g_unlink (fx->log);
  g_rmdir (fx->tmpdir);
  g_free (fx->log);
  g_free (fx->tmpdir);
}

static gboolean
skipped (void)
{
  if (skip_reason == NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

static void
on_measurement (AscendSensor            *sensor,
                const AscendMeasurement *m,
                Fixture                 *fx)
{
  g_array_append_vals (fx->measurements, m, 1);
}

static void
on_malformed (GObject    *sensor,
              GParamSpec *pspec,
              Fixture    *fx)
{
  fx->malformed_notifies++;
}

static AscendSensor *
new_sensor (Fixture    *fx,
            const char *address)
{
  AscendSensor *sensor = ASCEND_SENSOR (ascend_bluez_sensor_new (address));

  g_object_set (sensor, "backoff-base-ms", BACKOFF_MS, NULL);
  g_signal_connect (sensor, "measurement", G_CALLBACK (on_measurement), fx);
  g_signal_connect (sensor, "notify::malformed-packets", G_CALLBACK (on_malformed), fx);
  return sensor;
}

static char *
get_string (gpointer    object,
            const char *name)
{
  char *value = NULL;

  g_object_get (object, name, &value, NULL);
  return value;
}

static int
get_int (gpointer    object,
         const char *name)
{
  int value = 0;

  g_object_get (object, name, &value, NULL);
  return value;
}

static guint
get_uint (gpointer    object,
          const char *name)
{
  guint value = 0;

  g_object_get (object, name, &value, NULL);
  return value;
}

static AscendMeasurement *
measurement (Fixture *fx,
             guint    i)
{
  g_assert_cmpuint (i, <, fx->measurements->len);
  return &g_array_index (fx->measurements, AscendMeasurement, i);
}

/* A world with one adapter and one known strap, and a started sensor
 * that reached CONNECTED. Returns the device path. */
static char *
connect_to_strap (Fixture       *fx,
                  AscendSensor **out_sensor,
                  gboolean       with_battery)
{
  g_autofree char *adapter = add_adapter ();
  char *device = add_hr_device (ADDRESS_1, NAME_1, TRUE);
  AscendSensor *sensor;

  add_gatt (device, with_battery);
  sensor = new_sensor (fx, NULL);
  ascend_sensor_start (sensor);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  *out_sensor = sensor;
  return device;
}

/* Tests ------------------------------------------------------------------------ */

static void
test_readings (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autofree char *device = NULL;
  g_autofree char *hrm = NULL;
  g_autofree char *battery = NULL;
  g_autofree char *name = NULL;
  AscendMeasurement *m;
  gint64 before, after;

  if (skipped ())
    return;

  device = connect_to_strap (fx, &sensor, TRUE);
  hrm = hrm_path (device);
  battery = battery_path (device);

  g_assert_false (ascend_sensor_is_simulated (sensor));
  name = get_string (sensor, "display-name");
  g_assert_cmpstr (name, ==, NAME_1);
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 1);
  g_assert_true (mock_get_boolean (hrm, CHAR_IFACE, "Notifying"));
  /* Battery: read once at connection (85 %), then from notifications. */
  WAIT_FOR (get_int (sensor, "battery") == 85);
  g_assert_cmpuint (mock_count_calls (battery, "ReadValue"), ==, 1);

  before = g_get_real_time () / 1000;
  /* The design's example: HR 72, contact, RR 340/1024 s and 748/1024 s. */
  SEND (hrm, 0x16, 0x48, 0x54, 0x01, 0xEC, 0x02);
  WAIT_FOR (fx->measurements->len == 1);
  after = g_get_real_time () / 1000;
  m = measurement (fx, 0);
  g_assert_cmpuint (m->heart_rate, ==, 72);
  g_assert_cmpint (m->contact, ==, ASCEND_CONTACT_DETECTED);
  g_assert_cmpuint (m->n_rr, ==, 2);
  g_assert_cmpfloat_with_epsilon (m->rr_ms[0], 340 * 1000.0 / 1024, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->rr_ms[1], 748 * 1000.0 / 1024, 1e-9);
  g_assert_cmpint (m->time_ms, >=, before);
  g_assert_cmpint (m->time_ms, <=, after);

  /* 16-bit heart rate, RR but no contact bits: 300 bpm, one RR of 1 s. */
  SEND (hrm, 0x11, 0x2C, 0x01, 0x00, 0x04);
  /* Contact supported but not detected, energy expended, no RR. */
  SEND (hrm, 0x0C, 0x3C, 0x10, 0x00);
  WAIT_FOR (fx->measurements->len == 3);
  m = measurement (fx, 1);
  g_assert_cmpuint (m->heart_rate, ==, 300);
  g_assert_cmpint (m->contact, ==, ASCEND_CONTACT_UNSUPPORTED);
  g_assert_cmpuint (m->n_rr, ==, 1);
  g_assert_cmpfloat_with_epsilon (m->rr_ms[0], 1000.0, 1e-9);
  m = measurement (fx, 2);
  g_assert_cmpuint (m->heart_rate, ==, 60);
  g_assert_cmpint (m->contact, ==, ASCEND_CONTACT_NOT_DETECTED);
  g_assert_cmpuint (m->n_rr, ==, 0);

  SEND (battery, 80);
  WAIT_FOR (get_int (sensor, "battery") == 80);
  g_assert_cmpuint (get_uint (sensor, "malformed-packets"), ==, 0);

  /* stop(): unsubscribed and disconnected. */
  ascend_sensor_stop (sensor);
  g_assert_cmpint (ascend_sensor_get_state (sensor), ==, ASCEND_SENSOR_DISCONNECTED);
  WAIT_FOR (!mock_get_boolean (device, DEVICE_IFACE, "Connected"));
  WAIT_FOR (!mock_get_boolean (hrm, CHAR_IFACE, "Notifying"));
  g_assert_cmpuint (mock_count_calls (hrm, "StopNotify"), ==, 1);

  /* Nothing arrives once stopped. */
  SEND (hrm, 0x16, 0x48, 0x54, 0x01, 0xEC, 0x02);
  spin (100);
  g_assert_cmpuint (fx->measurements->len, ==, 3);

  /* And it can start again. */
  ascend_sensor_start (sensor);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 2);
  SEND (hrm, 0x06, 0x42);
  WAIT_FOR (fx->measurements->len == 4);
  g_assert_cmpuint (measurement (fx, 3)->heart_rate, ==, 66);
}

static void
test_malformed (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autofree char *device = NULL;
  g_autofree char *hrm = NULL;

  if (skipped ())
    return;

  device = connect_to_strap (fx, &sensor, FALSE);
  hrm = hrm_path (device);
  g_assert_cmpint (get_int (sensor, "battery"), ==, -1);

  send_value (hrm, NULL, 0);                 /* empty */
  SEND (hrm, 0x01, 0x48);                    /* 16-bit heart rate, one byte of it */
  SEND (hrm, 0x10, 0x48, 0x54);              /* RR present, an odd byte */
  SEND (hrm, 0x16, 0x48, 0x54, 0x01, 0xEC);  /* the example, cut short */
  SEND (hrm, 0x16, 0x48, 0x54, 0x01, 0xEC, 0x02);
  WAIT_FOR (fx->measurements->len == 1);
  /* Notifications are handled in order: all four were seen before it. */
  g_assert_cmpuint (get_uint (sensor, "malformed-packets"), ==, 4);
  g_assert_cmpuint (fx->malformed_notifies, ==, 4);
  g_assert_cmpuint (measurement (fx, 0)->heart_rate, ==, 72);
  g_assert_cmpuint (measurement (fx, 0)->n_rr, ==, 2);

  /* A Value of the wrong type counts as malformed too. */
  mock_update (hrm, CHAR_IFACE, "{'Value': <'not bytes'>}");
  SEND (hrm, 0x00, 0x41);
  WAIT_FOR (fx->measurements->len == 2);
  g_assert_cmpuint (get_uint (sensor, "malformed-packets"), ==, 5);
  g_assert_cmpuint (measurement (fx, 1)->heart_rate, ==, 65);
  g_assert_cmpint (ascend_sensor_get_state (sensor), ==, ASCEND_SENSOR_CONNECTED);
}

static void
on_state (GObject    *sensor,
          GParamSpec *pspec,
          GPtrArray  *states)
{
  g_ptr_array_add (states, GINT_TO_POINTER (ascend_sensor_get_state (ASCEND_SENSOR (sensor))));
}

static gboolean
saw_state (GPtrArray         *states,
           AscendSensorState  state)
{
  return g_ptr_array_find (states, GINT_TO_POINTER (state), NULL);
}

static void
test_reconnect (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  g_autofree char *device = NULL;
  g_autofree char *hrm = NULL;
  g_autofree char *message = NULL;
  gint64 dropped_at, elapsed_ms;

  if (skipped ())
    return;

  device = connect_to_strap (fx, &sensor, FALSE);
  hrm = hrm_path (device);
  SEND (hrm, 0x06, 0x48);
  WAIT_FOR (fx->measurements->len == 1);
  g_signal_connect (sensor, "notify::state", G_CALLBACK (on_state), states);

  /* The strap goes out of range: the next two attempts fail. */
  mock_call_void (device, TEST_IFACE, "FailConnects", g_variant_new ("(u)", 2));
  dropped_at = g_get_monotonic_time ();
  mock_update (hrm, CHAR_IFACE, "{'Notifying': <false>}");
  mock_update (device, DEVICE_IFACE, "{'ServicesResolved': <false>, 'Connected': <false>}");
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_RECONNECTING);
  message = get_string (sensor, "status-message");
  g_assert_nonnull (strstr (message, NAME_1));

  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  elapsed_ms = (g_get_monotonic_time () - dropped_at) / 1000;
  /* One success, two failures, one success: backoff 1 + 2 + 4 bases. */
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 4);
  g_assert_cmpint (elapsed_ms, >=, 7 * BACKOFF_MS);
  g_assert_cmpuint (mock_count_calls (hrm, "StartNotify"), ==, 2);
  g_assert_true (mock_get_boolean (hrm, CHAR_IFACE, "Notifying"));
  g_assert_false (saw_state (states, ASCEND_SENSOR_FAILED));
  g_assert_false (saw_state (states, ASCEND_SENSOR_DISCONNECTED));

  /* Resumed. */
  SEND (hrm, 0x06, 0x50);
  WAIT_FOR (fx->measurements->len == 2);
  g_assert_cmpuint (measurement (fx, 1)->heart_rate, ==, 80);

  /* A second drop is handled the same way. */
  mock_update (device, DEVICE_IFACE, "{'ServicesResolved': <false>, 'Connected': <false>}");
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_RECONNECTING);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 5);
  g_assert_cmpuint (mock_count_calls (hrm, "StartNotify"), ==, 3);

  g_signal_handlers_disconnect_by_data (sensor, states);
}

static void
test_device_removed (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autofree char *device = NULL;
  g_autofree char *again = NULL;
  g_autofree char *hrm = NULL;

  if (skipped ())
    return;

  device = connect_to_strap (fx, &sensor, FALSE);
  hrm = hrm_path (device);

  /* BlueZ forgets the device (as it does for a temporary one that left). */
  mock_call_void ("/org/bluez/hci0", ADAPTER_IFACE, "RemoveDevice", g_variant_new ("(o)", device));
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_RECONNECTING);
  /* It searches for the same strap again... */
  WAIT_FOR (mock_get_boolean ("/org/bluez/hci0", ADAPTER_IFACE, "Discovering"));
  /* ...which shows up again in range, and is connected. */
  again = add_hr_device (ADDRESS_1, NAME_1, FALSE);
  g_assert_cmpstr (again, ==, device);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  g_assert_cmpuint (mock_count_calls (again, "Connect"), ==, 1);
  WAIT_FOR (!mock_get_boolean ("/org/bluez/hci0", ADAPTER_IFACE, "Discovering"));

  SEND (hrm, 0x06, 0x48);
  WAIT_FOR (fx->measurements->len == 1);
}

static void
test_services_refreshed (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autofree char *device = NULL;
  g_autofree char *service = NULL;
  g_autofree char *hrm = NULL;
  g_autofree char *message = NULL;

  if (skipped ())
    return;

  device = connect_to_strap (fx, &sensor, FALSE);
  hrm = hrm_path (device);
  service = g_strconcat (device, "/service0010", NULL);

  /* The link drops and BlueZ removes the GATT objects of a device that is
   * not bonded; after reconnecting it resolves the services anew. */
  mock_call_void (device, TEST_IFACE, "HoldServices", g_variant_new ("(b)", TRUE));
  mock_update (device, DEVICE_IFACE, "{'ServicesResolved': <false>, 'Connected': <false>}");
  remove_object (hrm, CHAR_IFACE);
  remove_object (service, SERVICE_IFACE);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_RECONNECTING);
  WAIT_FOR (mock_count_calls (device, "Connect") == 2);
  WAIT_FOR (mock_get_boolean (device, DEVICE_IFACE, "Connected"));
  spin (2 * BACKOFF_MS);
  g_assert_cmpint (ascend_sensor_get_state (sensor), ==, ASCEND_SENSOR_RECONNECTING);
  message = get_string (sensor, "status-message");
  g_assert_nonnull (strstr (message, "Reading the services"));

  add_gatt (device, FALSE);
  mock_update (device, DEVICE_IFACE, "{'ServicesResolved': <true>}");
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  g_assert_cmpuint (mock_count_calls (hrm, "StartNotify"), ==, 1);   /* on the new object */
  SEND (hrm, 0x06, 0x48);
  WAIT_FOR (fx->measurements->len == 1);
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 2);
}

/* Dropping the last reference, without stop(), cleans up at once. */
static void
test_dispose (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *hrm = NULL;
  AscendBluezScanner *scanner;
  AscendSensor *sensor;

  if (skipped ())
    return;

  /* Before BlueZ even answered. */
  sensor = new_sensor (fx, NULL);
  ascend_sensor_start (sensor);
  g_object_add_weak_pointer (G_OBJECT (sensor), (gpointer *) &sensor);
  g_object_unref (sensor);
  g_assert_null (sensor);
  scanner = ascend_bluez_scanner_new ();
  g_object_add_weak_pointer (G_OBJECT (scanner), (gpointer *) &scanner);
  g_object_unref (scanner);
  g_assert_null (scanner);
  spin (100);   /* the cancelled calls come back to nobody */

  /* While streaming: it unsubscribes and disconnects. */
  device = connect_to_strap (fx, &sensor, FALSE);
  hrm = hrm_path (device);
  g_object_add_weak_pointer (G_OBJECT (sensor), (gpointer *) &sensor);
  g_object_unref (sensor);
  g_assert_null (sensor);
  WAIT_FOR (!mock_get_boolean (hrm, CHAR_IFACE, "Notifying"));
  WAIT_FOR (!mock_get_boolean (device, DEVICE_IFACE, "Connected"));
}

/* The reconnection delay can be shortened from the environment (and by
 * the property, which the other tests use). */
static void
test_backoff_setting (void)
{
  g_autoptr(AscendBluezSensor) plain = NULL;
  g_autoptr(AscendBluezSensor) quick = NULL;
  guint base = 0;

  g_unsetenv ("ASCEND_BLUEZ_BACKOFF_MS");
  plain = ascend_bluez_sensor_new (NULL);
  g_object_get (plain, "backoff-base-ms", &base, NULL);
  g_assert_cmpuint (base, ==, 1000);

  g_setenv ("ASCEND_BLUEZ_BACKOFF_MS", "25", TRUE);
  quick = ascend_bluez_sensor_new ("aa:bb:cc:dd:ee:ff");
  g_unsetenv ("ASCEND_BLUEZ_BACKOFF_MS");
  g_object_get (quick, "backoff-base-ms", &base, NULL);
  g_assert_cmpuint (base, ==, 25);
  g_assert_cmpstr (ascend_bluez_sensor_get_address (quick), ==, "aa:bb:cc:dd:ee:ff");
  g_assert_cmpint (ascend_sensor_get_state (ASCEND_SENSOR (quick)), ==, ASCEND_SENSOR_DISCONNECTED);
}

static void
test_no_adapter (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autofree char *message = NULL;
  g_autofree char *adapter = NULL;
  g_autofree char *device = NULL;

  if (skipped ())
    return;

  sensor = new_sensor (fx, NULL);
  ascend_sensor_start (sensor);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_FAILED);
  message = get_string (sensor, "status-message");
  g_assert_cmpstr (message, ==, "No Bluetooth adapter found");

  /* A dongle is plugged in: it goes on by itself. */
  adapter = add_adapter ();
  device = add_hr_device (ADDRESS_1, NAME_1, TRUE);
  add_gatt (device, FALSE);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
}

static void
test_adapter_off (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autofree char *message = NULL;
  g_autofree char *adapter = NULL;
  g_autofree char *device = NULL;

  if (skipped ())
    return;

  adapter = add_adapter ();
  mock_update (adapter, ADAPTER_IFACE, "{'Powered': <false>}");
  device = add_hr_device (ADDRESS_1, NAME_1, TRUE);
  add_gatt (device, FALSE);

  sensor = new_sensor (fx, NULL);
  ascend_sensor_start (sensor);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_FAILED);
  message = get_string (sensor, "status-message");
  g_assert_cmpstr (message, ==, "Bluetooth is off");
  spin (3 * BACKOFF_MS);
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 0);

  /* Switched on: it connects without being asked again. */
  mock_update (adapter, ADAPTER_IFACE, "{'Powered': <true>}");
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);

  /* Switched off while streaming (BlueZ drops the link first). */
  mock_update (device, DEVICE_IFACE, "{'ServicesResolved': <false>, 'Connected': <false>}");
  mock_update (adapter, ADAPTER_IFACE, "{'Powered': <false>}");
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_FAILED);
  g_free (message);
  message = get_string (sensor, "status-message");
  g_assert_cmpstr (message, ==, "Bluetooth is off");
  mock_update (adapter, ADAPTER_IFACE, "{'Powered': <true>}");
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  g_assert_cmpuint (mock_count_calls (device, "Connect"), ==, 2);
}

static gboolean
filter_is_heart_rate_le (GVariant *calls)
{
  g_autoptr(GVariant) call = NULL;
  g_autoptr(GVariant) args = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) filter = NULL;
  g_autofree const char **uuids = NULL;
  const char *transport = NULL;

  if (g_variant_n_children (calls) != 1)
    return FALSE;
  call = g_variant_get_child_value (calls, 0);
  args = g_variant_get_child_value (call, 1);
  boxed = g_variant_get_child_value (args, 0);
  filter = g_variant_get_variant (boxed);
  if (!g_variant_lookup (filter, "UUIDs", "^a&s", &uuids)
      || !g_variant_lookup (filter, "Transport", "&s", &transport))
    return FALSE;
  return g_strv_length ((char **) uuids) == 1
         && g_ascii_strcasecmp (uuids[0], UUID_HR_SERVICE) == 0
         && g_str_equal (transport, "le");
}

static void
test_discovery (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(AscendSensor) sensor = NULL;
  g_autoptr(GVariant) calls = NULL;
  g_autofree char *adapter = NULL;
  g_autofree char *other = NULL;
  g_autofree char *device = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) reply = NULL;

  if (skipped ())
    return;

  adapter = add_adapter ();
  /* Headphones BlueZ knows: not a heart-rate sensor. */
  reply = mock_call ("/", BLUEZ_MOCK_IFACE, "AddDevice",
                     g_variant_new ("(sss)", "hci0", "11:22:33:44:55:66", "Headphones"), "(s)");
  g_variant_get (reply, "(s)", &other);

  sensor = new_sensor (fx, NULL);
  ascend_sensor_start (sensor);
  WAIT_FOR (mock_get_boolean (adapter, ADAPTER_IFACE, "Discovering"));
  g_assert_cmpint (ascend_sensor_get_state (sensor), ==, ASCEND_SENSOR_CONNECTING);
  calls = mock_calls (adapter, "SetDiscoveryFilter");
  g_assert_true (filter_is_heart_rate_le (calls));

  /* A strap comes in range: BlueZ adds it, then learns its UUIDs. */
  device = add_hr_device (ADDRESS_2, NAME_2, FALSE);
  add_gatt (device, FALSE);
  WAIT_FOR (ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED);
  g_assert_false (mock_get_boolean (adapter, ADAPTER_IFACE, "Discovering"));
  g_assert_cmpuint (mock_count_calls (adapter, "StopDiscovery"), ==, 1);
  g_assert_cmpuint (mock_count_calls (other, "Connect"), ==, 0);
  name = get_string (sensor, "display-name");
  g_assert_cmpstr (name, ==, NAME_2);
}

static void
test_choice (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(AscendSensor) any = NULL;
  g_autoptr(AscendSensor) chosen = NULL;
  g_autofree char *adapter = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *name = NULL;

  if (skipped ())
    return;

  adapter = add_adapter ();
  first = add_hr_device (ADDRESS_1, NAME_1, FALSE);
  second = add_hr_device (ADDRESS_2, NAME_2, TRUE);
  add_gatt (first, FALSE);
  add_gatt (second, FALSE);

  /* Without an address, the paired strap wins over the first one listed. */
  any = new_sensor (fx, NULL);
  ascend_sensor_start (any);
  WAIT_FOR (ascend_sensor_get_state (any) == ASCEND_SENSOR_CONNECTED);
  name = get_string (any, "display-name");
  g_assert_cmpstr (name, ==, NAME_2);
  g_assert_cmpuint (mock_count_calls (first, "Connect"), ==, 0);
  ascend_sensor_stop (any);
  WAIT_FOR (!mock_get_boolean (second, DEVICE_IFACE, "Connected"));

  /* With an address (any case), that one. */
  chosen = new_sensor (fx, "aa:bb:cc:dd:ee:01");
  ascend_sensor_start (chosen);
  WAIT_FOR (ascend_sensor_get_state (chosen) == ASCEND_SENSOR_CONNECTED);
  g_free (name);
  name = get_string (chosen, "display-name");
  g_assert_cmpstr (name, ==, NAME_1);
  g_assert_cmpuint (mock_count_calls (second, "Connect"), ==, 1);
}

static AscendBluezDevice *
find_listed (AscendBluezScanner *scanner,
             const char         *address)
{
  GListModel *devices = ascend_bluez_scanner_get_devices (scanner);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(AscendBluezDevice) device = g_list_model_get_item (devices, i);
      if (g_strcmp0 (ascend_bluez_device_get_address (device), address) == 0)
        return device;   /* the model keeps it alive */
    }
  return NULL;
}

static void
test_scanner (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(AscendBluezScanner) scanner = NULL;
  g_autoptr(GVariant) calls = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *adapter = NULL;
  g_autofree char *device = NULL;
  g_autofree char *other = NULL;
  GListModel *devices;
  AscendBluezDevice *listed;

  if (skipped ())
    return;

  scanner = ascend_bluez_scanner_new ();
  devices = ascend_bluez_scanner_get_devices (scanner);
  WAIT_FOR (ascend_bluez_scanner_get_adapter_state (scanner) == ASCEND_BLUEZ_ADAPTER_NONE);
  g_assert_cmpstr (ascend_bluez_scanner_get_adapter_message (scanner), ==, "No Bluetooth adapter found");

  adapter = add_adapter ();
  WAIT_FOR (ascend_bluez_scanner_get_adapter_state (scanner) == ASCEND_BLUEZ_ADAPTER_READY);
  mock_update (adapter, ADAPTER_IFACE, "{'Powered': <false>}");
  WAIT_FOR (ascend_bluez_scanner_get_adapter_state (scanner) == ASCEND_BLUEZ_ADAPTER_OFF);
  g_assert_cmpstr (ascend_bluez_scanner_get_adapter_message (scanner), ==, "Bluetooth is off");

  /* Asked to scan while off: it waits, then scans once it is on. */
  ascend_bluez_scanner_start (scanner);
  g_assert_true (ascend_bluez_scanner_get_scanning (scanner));
  spin (50);
  g_assert_cmpuint (mock_count_calls (adapter, "StartDiscovery"), ==, 0);
  mock_update (adapter, ADAPTER_IFACE, "{'Powered': <true>}");
  WAIT_FOR (mock_get_boolean (adapter, ADAPTER_IFACE, "Discovering"));
  calls = mock_calls (adapter, "SetDiscoveryFilter");
  g_assert_true (filter_is_heart_rate_le (calls));

  /* Found: a strap, and headphones that are not listed. */
  reply = mock_call ("/", BLUEZ_MOCK_IFACE, "AddDevice",
                     g_variant_new ("(sss)", "hci0", "11:22:33:44:55:66", "Headphones"), "(s)");
  g_variant_get (reply, "(s)", &other);
  device = add_hr_device (ADDRESS_1, NAME_1, FALSE);
  WAIT_FOR (g_list_model_get_n_items (devices) == 1);
  listed = find_listed (scanner, ADDRESS_1);
  g_assert_nonnull (listed);
  g_assert_cmpstr (ascend_bluez_device_get_name (listed), ==, NAME_1);
  g_assert_cmpstr (ascend_bluez_device_get_object_path (listed), ==, device);
  g_assert_cmpint (ascend_bluez_device_get_rssi (listed), ==, -79);   /* the template's */
  g_assert_cmpint (ascend_bluez_device_get_battery (listed), ==, -1);
  g_assert_false (ascend_bluez_device_get_paired (listed));
  g_assert_false (ascend_bluez_device_get_connected (listed));

  /* It follows what BlueZ reports. */
  mock_update (device, DEVICE_IFACE, "{'RSSI': <@n -52>}");
  WAIT_FOR (ascend_bluez_device_get_rssi (listed) == -52);
  mock_update (device, DEVICE_IFACE, "{'RSSI': <@n -60>, 'Alias': <'My strap'>, 'Paired': <true>}");
  WAIT_FOR (ascend_bluez_device_get_rssi (listed) == -60);
  g_assert_cmpstr (ascend_bluez_device_get_name (listed), ==, "My strap");
  g_assert_true (ascend_bluez_device_get_paired (listed));

  /* Battery1 appears once connected. */
  mock_call_void (device, MOCK_IFACE, "AddProperties",
                  g_variant_new_parsed ("('org.bluez.Battery1', {'Percentage': <byte 77>})"));
  emit_interfaces_added (device, "org.bluez.Battery1", g_variant_new_parsed ("{'Percentage': <byte 77>}"));
  WAIT_FOR (ascend_bluez_device_get_battery (listed) == 77);

  /* Forgotten by BlueZ: gone from the list. */
  mock_call_void (adapter, ADAPTER_IFACE, "RemoveDevice", g_variant_new ("(o)", device));
  WAIT_FOR (g_list_model_get_n_items (devices) == 0);

  ascend_bluez_scanner_stop (scanner);
  g_assert_false (ascend_bluez_scanner_get_scanning (scanner));
  WAIT_FOR (!mock_get_boolean (adapter, ADAPTER_IFACE, "Discovering"));
}

/* Main ---------------------------------------------------------------------------- */

static gboolean
have_dbusmock (void)
{
  const char *argv[] = { PYTHON, "-c", "import dbusmock.templates.bluez5", NULL };
  int status = -1;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dbus_daemon = NULL;
  int ret;

  ascend_test_init (&argc, &argv);

  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (dbus_daemon == NULL)
    skip_reason = g_strdup ("dbus-daemon is not installed");
  else if (!have_dbusmock ())
    skip_reason = g_strdup (PYTHON " has no dbusmock (install python3-dbusmock)");

  if (skip_reason == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Before any GIO bus use: the private bus is this process's system bus. */
      test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (test_bus);
      g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_test_dbus_get_bus_address (test_bus), TRUE);
      bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
      g_assert_no_error (error);
      /* The bus goes away at the end: that must not kill the process. */
      g_dbus_connection_set_exit_on_close (bus, FALSE);
    }

  g_test_add_func ("/bluez/sensor/backoff-setting", test_backoff_setting);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bluez/sensor/readings", test_readings);
  ADD ("/bluez/sensor/malformed", test_malformed);
  ADD ("/bluez/sensor/reconnect", test_reconnect);
  ADD ("/bluez/sensor/device-removed", test_device_removed);
  ADD ("/bluez/sensor/services-refreshed", test_services_refreshed);
  ADD ("/bluez/sensor/dispose", test_dispose);
  ADD ("/bluez/sensor/no-adapter", test_no_adapter);
  ADD ("/bluez/sensor/adapter-off", test_adapter_off);
  ADD ("/bluez/sensor/discovery", test_discovery);
  ADD ("/bluez/sensor/choice", test_choice);
  ADD ("/bluez/scanner", test_scanner);
#undef ADD

  ret = g_test_run ();

  if (test_bus != NULL)
    {
      g_clear_object (&bus);
      g_test_dbus_down (test_bus);
      g_clear_object (&test_bus);
    }
  g_free (skip_reason);
  return ret;
}
