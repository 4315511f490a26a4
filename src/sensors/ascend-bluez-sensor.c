/* ascend-bluez-sensor.c: a Bluetooth LE heart-rate sensor through BlueZ
 *
 * Everything is asynchronous GDBus on the system bus. Rather than a chain
 * of callbacks, one function, advance(), looks at what BlueZ currently
 * says (adapter, device, connection, services, characteristic) and takes
 * the next step. It runs after every change BlueZ reports and after every
 * call we made returns, so a link that drops, an adapter that is switched
 * off or a sensor that disappears and comes back are all just "the world
 * changed, what now?". The flags below only remember calls in flight, so
 * nothing is asked twice.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-bluez-common.h"
#include "ascend-bluez-sensor.h"

#define DEFAULT_BACKOFF_MS 1000
#define MAX_BACKOFF_FACTOR 30     /* 1, 2, 4, 8, 16, then 30 times the base */

struct _AscendBluezSensor
{
  GObject             parent_instance;

  char               *address;          /* asked for; NULL = any heart-rate sensor */
  guint               backoff_base_ms;

  AscendSensorState   state;
  char               *display_name;
  char               *status_message;
  int                 battery;
  guint               malformed;

  /* One run, from start() to stop(). */
  gboolean            started;
  GCancellable       *cancellable;
  GDBusObjectManager *manager;
  GDBusProxy         *adapter;
  char               *device_path;      /* the chosen sensor, kept while its object is gone */
  char               *device_address;
  GDBusProxy         *hrm_char;
  GDBusProxy         *battery_char;
  guint               retry_id;
  guint               attempt;          /* failures since the last success, for the backoff */
  guint               discovering : 1;  /* we started discovery */
  guint               discovery_pending : 1;
  guint               connect_pending : 1;
  guint               notify_pending : 1;
  guint               subscribed : 1;
  guint               battery_subscribed : 1;
  guint               link_up : 1;      /* we saw the device connected */
  guint               ever_connected : 1;
};

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_BACKOFF_BASE_MS,
  N_OWN_PROPS
};

static GParamSpec *properties[N_OWN_PROPS];

static void sensor_iface_init (AscendSensorInterface *iface);
static void advance           (AscendBluezSensor     *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (AscendBluezSensor, ascend_bluez_sensor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ASCEND_TYPE_SENSOR, sensor_iface_init))

/* Public state ---------------------------------------------------------- */

static void
set_state (AscendBluezSensor *self,
           AscendSensorState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

/* Status first, so whoever watches "state" reads the matching message. */
static void
set_status (AscendBluezSensor *self,
            AscendSensorState  state,
            const char        *message)
{
  if (g_strcmp0 (self->status_message, message) != 0)
    {
      g_free (self->status_message);
      self->status_message = g_strdup (message);
      g_object_notify (G_OBJECT (self), "status-message");
    }
  set_state (self, state);
}

static void
set_battery (AscendBluezSensor *self,
             int                percent)
{
  if (percent < 0 || percent > 100 || self->battery == percent)
    return;
  self->battery = percent;
  g_object_notify (G_OBJECT (self), "battery");
}

static void
set_display_name (AscendBluezSensor *self,
                  const char        *name)
{
  if (name == NULL || *name == '\0' || g_strcmp0 (self->display_name, name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (name);
  g_object_notify (G_OBJECT (self), "display-name");
}

/* While connecting, RECONNECTING once a connection has been lost. */
static AscendSensorState
connecting_state (AscendBluezSensor *self)
{
  return self->ever_connected ? ASCEND_SENSOR_RECONNECTING : ASCEND_SENSOR_CONNECTING;
}

/* Retries ------------------------------------------------------------------ */

static gboolean
retry_cb (gpointer data)
{
  AscendBluezSensor *self = data;

  self->retry_id = 0;
  advance (self);
  return G_SOURCE_REMOVE;
}

/* Returns the delay in whole seconds (rounded up), for messages. */
static guint
schedule_retry (AscendBluezSensor *self)
{
  guint factor = self->attempt >= 5 ? MAX_BACKOFF_FACTOR : 1u << self->attempt;
  guint delay_ms = self->backoff_base_ms * factor;

  if (self->retry_id == 0)
    {
      self->retry_id = g_timeout_add (delay_ms, retry_cb, self);
      self->attempt = MIN (self->attempt + 1, 5);
    }
  return MAX (1, (delay_ms + 999) / 1000);
}

/* reason: a sentence saying what went wrong. */
static void
retry_later (AscendBluezSensor *self,
             const char        *reason)
{
  guint seconds = schedule_retry (self);
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Trying again in %u second.",
                                                           "%s Trying again in %u seconds.", seconds),
                                              reason, seconds);

  set_status (self, connecting_state (self), message);
}

/* The link ------------------------------------------------------------------ */

static void
forget_link (AscendBluezSensor *self)
{
  self->link_up = FALSE;
  self->subscribed = FALSE;
  self->battery_subscribed = FALSE;
  g_clear_object (&self->hrm_char);
  g_clear_object (&self->battery_char);
}

static void
link_lost (AscendBluezSensor *self)
{
  g_autofree char *message = NULL;

  g_debug ("Lost the link to %s", self->device_path);
  forget_link (self);
  self->ever_connected = TRUE;
  schedule_retry (self);
  message = g_strdup_printf (_("Lost the connection to %s. Reconnecting…"), self->display_name);
  set_status (self, ASCEND_SENSOR_RECONNECTING, message);
}

/* No adapter or adapter off: nothing to retry until BlueZ tells us it changed. */
static void
fail_without_adapter (AscendBluezSensor *self,
                      const char        *message)
{
  forget_link (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->adapter);
  self->attempt = 0;
  self->discovering = FALSE;
  set_status (self, ASCEND_SENSOR_FAILED, message);
}

/* Measurements ----------------------------------------------------------------- */

static void
handle_hrm_value (AscendBluezSensor *self,
                  GVariant          *value)
{
  static const guint8 nothing[1];
  g_autoptr(GError) error = NULL;
  AscendHrmPacket packet;
  AscendMeasurement m;
  const guint8 *data = NULL;
  gsize len = 0;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    data = g_variant_get_fixed_array (value, &len, 1);
  if (data == NULL)
    data = nothing;   /* an empty "ay": let the parser reject it */

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING)
      || !ascend_hrm_parse (data, len, &packet, &error))
    {
      g_debug ("Skipping a malformed heart rate packet from %s (%" G_GSIZE_FORMAT " bytes): %s",
               self->device_path, len, error ? error->message : "not a byte array");
      self->malformed++;
      g_object_notify (G_OBJECT (self), "malformed-packets");
      return;
    }

  memset (&m, 0, sizeof m);
  m.time_ms = g_get_real_time () / 1000;
  m.heart_rate = packet.heart_rate;
  m.contact = packet.contact;
  m.n_rr = MIN (packet.n_rr, ASCEND_SENSOR_MAX_RR);
  for (guint i = 0; i < m.n_rr; i++)
    m.rr_ms[i] = ascend_hrm_rr_to_ms (packet.rr[i]);
  ascend_sensor_emit_measurement (ASCEND_SENSOR (self), &m);
}

static void
handle_battery_value (AscendBluezSensor *self,
                      GVariant          *value)
{
  const guint8 *data;
  gsize len = 0;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    return;
  data = g_variant_get_fixed_array (value, &len, 1);
  if (len >= 1)
    set_battery (self, data[0]);
}

/* Calls -------------------------------------------------------------------------- */

static gboolean
was_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
discovery_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AscendBluezSensor) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GError) error = NULL;

  if (!ascend_bluez_start_discovery_finish (G_DBUS_PROXY (object), result, &error))
    {
      if (self == NULL || was_cancelled (error))
        return;
      self->discovery_pending = FALSE;
      g_debug ("StartDiscovery: %s", error->message);
      retry_later (self, _("Could not search for Bluetooth devices."));
      return;
    }
  if (self == NULL)
    return;
  self->discovery_pending = FALSE;
  self->discovering = TRUE;
  advance (self);
}

static void
ensure_discovery (AscendBluezSensor *self)
{
  if (self->discovering || self->discovery_pending || self->retry_id != 0)
    return;
  self->discovery_pending = TRUE;
  ascend_bluez_start_discovery (self->adapter, self->cancellable, discovery_cb, ascend_bluez_weak_new (self));
}

static void
stop_discovery (AscendBluezSensor *self)
{
  if (!self->discovering)
    return;
  self->discovering = FALSE;
  if (self->adapter != NULL)
    ascend_bluez_call_best_effort (self->adapter, "StopDiscovery");
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AscendBluezSensor) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  if (self == NULL || was_cancelled (error))
    return;
  self->connect_pending = FALSE;
  if (reply == NULL && !ascend_bluez_error_is (error, "AlreadyConnected"))
    {
      g_debug ("Connect %s: %s", g_dbus_proxy_get_object_path (G_DBUS_PROXY (object)), error->message);
      reason = g_strdup_printf (_("Could not connect to %s."), self->display_name);
      retry_later (self, reason);
      return;
    }
  /* Connected even if the property change has not arrived yet: if it
   * drops before we look, that counts as a lost link (with a backoff),
   * not as a reason to call Connect again at once. */
  self->link_up = TRUE;
  advance (self);
}

static void
connect_device (AscendBluezSensor *self,
                GDBusProxy        *device)
{
  g_autofree char *message = NULL;

  self->connect_pending = TRUE;
  g_dbus_proxy_call (device, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                     connect_cb, ascend_bluez_weak_new (self));
  message = g_strdup_printf (self->ever_connected ? _("Reconnecting to %s…") : _("Connecting to %s…"),
                             self->display_name);
  set_status (self, connecting_state (self), message);
}

static void
start_notify_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AscendBluezSensor) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  if (self == NULL || was_cancelled (error))
    return;
  self->notify_pending = FALSE;
  if (G_DBUS_PROXY (object) != self->hrm_char)
    {
      /* The characteristic went away meanwhile (a link drop). */
      advance (self);
      return;
    }
  /* InProgress: this client is already subscribed. */
  if (reply == NULL && !ascend_bluez_error_is (error, "InProgress"))
    {
      g_debug ("StartNotify %s: %s", g_dbus_proxy_get_object_path (G_DBUS_PROXY (object)), error->message);
      reason = g_strdup_printf (_("Could not read the heart rate of %s."), self->display_name);
      retry_later (self, reason);
      return;
    }
  self->subscribed = TRUE;
  self->ever_connected = TRUE;
  self->attempt = 0;
  set_status (self, ASCEND_SENSOR_CONNECTED, NULL);
}

static void
read_battery_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AscendBluezSensor) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  if (reply == NULL)
    {
      if (!was_cancelled (error))
        g_debug ("Reading the battery level: %s", error->message);
      return;
    }
  if (self != NULL && g_variant_is_of_type (reply, G_VARIANT_TYPE ("(ay)")))
    {
      value = g_variant_get_child_value (reply, 0);
      handle_battery_value (self, value);
    }
}

static void
setup_battery (AscendBluezSensor *self)
{
  set_battery (self, ascend_bluez_battery1_percentage (self->manager, self->device_path));

  if (self->battery_char != NULL)
    return;
  self->battery_char = ascend_bluez_find_characteristic (self->manager, self->device_path,
                                                         ASCEND_BLUEZ_UUID_BATTERY_LEVEL);
  if (self->battery_char == NULL)
    return;
  g_dbus_proxy_call (self->battery_char, "ReadValue", g_variant_new ("(a{sv})", NULL),
                     G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, read_battery_cb, ascend_bluez_weak_new (self));
  if (ascend_bluez_has_flag (self->battery_char, "notify"))
    {
      self->battery_subscribed = TRUE;
      ascend_bluez_call_best_effort (self->battery_char, "StartNotify");
    }
}

/* Choosing the device ---------------------------------------------------------- */

static GDBusProxy *
find_device (AscendBluezSensor *self)
{
  GDBusProxy *device = ascend_bluez_get_proxy (self->manager, self->device_path, ASCEND_BLUEZ_DEVICE_IFACE);

  /* Once chosen, always the same sensor, even if its object comes back anew. */
  if (device == NULL)
    device = ascend_bluez_find_device (self->manager, self->device_address ? self->device_address : self->address);
  return device;
}

static void
choose_device (AscendBluezSensor *self,
               GDBusProxy        *device)
{
  const char *path = g_dbus_proxy_get_object_path (device);
  g_autofree char *name = NULL;

  if (g_strcmp0 (self->device_path, path) == 0)
    return;
  g_free (self->device_path);
  self->device_path = g_strdup (path);
  g_free (self->device_address);
  self->device_address = ascend_bluez_dup_string (device, "Address");
  name = ascend_bluez_device_name (device);
  g_debug ("Using %s (%s)", path, name);
  set_display_name (self, name);
}

/* The state machine ------------------------------------------------------------- */

static void
advance (AscendBluezSensor *self)
{
  g_autoptr(GDBusProxy) device = NULL;
  g_autoptr(GDBusProxy) adapter = NULL;
  g_autoptr(GDBusProxy) hrm = NULL;
  g_autofree char *message = NULL;

  if (!self->started || self->manager == NULL)
    return;

  device = find_device (self);
  adapter = ascend_bluez_find_adapter_of (self->manager, device);
  if (adapter == NULL)
    {
      fail_without_adapter (self, _("No Bluetooth adapter found"));
      return;
    }
  if (!ascend_bluez_get_boolean (adapter, "Powered", FALSE))
    {
      fail_without_adapter (self, _("Bluetooth is off"));
      return;
    }
  g_set_object (&self->adapter, adapter);

  if (device == NULL)
    {
      if (self->link_up)
        {
          link_lost (self);
          return;
        }
      ensure_discovery (self);
      if (self->state == ASCEND_SENSOR_RECONNECTING)
        return;   /* keep saying the connection was lost */
      if (self->address != NULL)
        message = g_strdup_printf (_("Looking for %s…"), self->address);
      set_status (self, ASCEND_SENSOR_CONNECTING,
                  message ? message : _("Looking for a heart-rate sensor…"));
      return;
    }

  choose_device (self, device);
  stop_discovery (self);

  if (!ascend_bluez_get_boolean (device, "Connected", FALSE))
    {
      if (self->link_up)
        link_lost (self);
      else if (self->retry_id == 0 && !self->connect_pending)
        connect_device (self, device);
      return;
    }
  self->link_up = TRUE;

  if (!ascend_bluez_get_boolean (device, "ServicesResolved", FALSE))
    {
      message = g_strdup_printf (_("Reading the services of %s…"), self->display_name);
      set_status (self, connecting_state (self), message);
      return;
    }

  setup_battery (self);
  hrm = ascend_bluez_find_characteristic (self->manager, self->device_path, ASCEND_BLUEZ_UUID_HRM);
  if (hrm == NULL)
    {
      /* Not final: if the characteristic shows up after all, we go on. */
      message = g_strdup_printf (_("%s does not measure heart rate"), self->display_name);
      set_status (self, ASCEND_SENSOR_FAILED, message);
      return;
    }
  if (hrm != self->hrm_char)
    {
      g_set_object (&self->hrm_char, hrm);
      self->subscribed = FALSE;
    }
  if (!self->subscribed && !self->notify_pending && self->retry_id == 0)
    {
      self->notify_pending = TRUE;
      g_dbus_proxy_call (self->hrm_char, "StartNotify", NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                         self->cancellable, start_notify_cb, ascend_bluez_weak_new (self));
    }
}

/* What BlueZ tells us ------------------------------------------------------------ */

static void
on_properties_changed (GDBusObjectManagerClient *manager,
                       GDBusObjectProxy         *object,
                       GDBusProxy               *proxy,
                       GVariant                 *changed,
                       const char *const        *invalidated,
                       gpointer                  user_data)
{
  g_autoptr(AscendBluezSensor) self = g_object_ref (user_data);
  const char *iface = g_dbus_proxy_get_interface_name (proxy);
  const char *path = g_dbus_proxy_get_object_path (proxy);
  g_autoptr(GVariant) value = NULL;

  if (proxy == self->hrm_char || proxy == self->battery_char)
    {
      value = g_variant_lookup_value (changed, "Value", NULL);
      if (value == NULL)
        return;
      if (proxy == self->hrm_char)
        handle_hrm_value (self, value);
      else
        handle_battery_value (self, value);
    }
  else if (g_str_equal (iface, ASCEND_BLUEZ_BATTERY_IFACE))
    {
      if (g_strcmp0 (path, self->device_path) == 0)
        set_battery (self, ascend_bluez_battery1_percentage (self->manager, path));
    }
  else if (g_str_equal (iface, ASCEND_BLUEZ_DEVICE_IFACE))
    {
      if (g_strcmp0 (path, self->device_path) != 0)
        {
          if (self->device_path == NULL)   /* still looking for one */
            advance (self);
          return;
        }
      if (ascend_bluez_changed_has (changed, "Alias") || ascend_bluez_changed_has (changed, "Name"))
        {
          g_autofree char *name = ascend_bluez_device_name (proxy);
          set_display_name (self, name);
        }
      /* Reconnected by BlueZ itself: no need to wait for our timer. */
      if (ascend_bluez_changed_has (changed, "Connected")
          && ascend_bluez_get_boolean (proxy, "Connected", FALSE) && !self->connect_pending)
        g_clear_handle_id (&self->retry_id, g_source_remove);
      if (ascend_bluez_changed_has (changed, "Connected")
          || ascend_bluez_changed_has (changed, "ServicesResolved"))
        advance (self);
    }
  else if (g_str_equal (iface, ASCEND_BLUEZ_ADAPTER_IFACE))
    {
      if (ascend_bluez_changed_has (changed, "Powered"))
        advance (self);
    }
}

/* A characteristic we use went away (with its object, or alone). */
static void
forget_removed (AscendBluezSensor *self,
                const char        *path,
                GDBusInterface    *interface)
{
  if (self->hrm_char != NULL
      && (interface == (GDBusInterface *) self->hrm_char
          || g_strcmp0 (path, g_dbus_proxy_get_object_path (self->hrm_char)) == 0))
    {
      g_clear_object (&self->hrm_char);
      self->subscribed = FALSE;
    }
  if (self->battery_char != NULL
      && (interface == (GDBusInterface *) self->battery_char
          || g_strcmp0 (path, g_dbus_proxy_get_object_path (self->battery_char)) == 0))
    {
      g_clear_object (&self->battery_char);
      self->battery_subscribed = FALSE;
    }
}

static void
on_object_added (GDBusObjectManager *manager,
                 GDBusObject        *object,
                 gpointer            user_data)
{
  g_autoptr(AscendBluezSensor) self = g_object_ref (user_data);

  advance (self);
}

static void
on_object_removed (GDBusObjectManager *manager,
                   GDBusObject        *object,
                   gpointer            user_data)
{
  g_autoptr(AscendBluezSensor) self = g_object_ref (user_data);

  forget_removed (self, g_dbus_object_get_object_path (object), NULL);
  advance (self);
}

static void
on_interface_added (GDBusObjectManager *manager,
                    GDBusObject        *object,
                    GDBusInterface     *interface,
                    gpointer            user_data)
{
  g_autoptr(AscendBluezSensor) self = g_object_ref (user_data);

  advance (self);
}

static void
on_interface_removed (GDBusObjectManager *manager,
                      GDBusObject        *object,
                      GDBusInterface     *interface,
                      gpointer            user_data)
{
  g_autoptr(AscendBluezSensor) self = g_object_ref (user_data);

  forget_removed (self, NULL, interface);
  advance (self);
}

static void
manager_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AscendBluezSensor) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GDBusObjectManager) manager = NULL;
  g_autoptr(GError) error = NULL;

  manager = ascend_bluez_manager_new_finish (result, &error);
  if (self == NULL)
    return;
  if (manager == NULL)
    {
      if (was_cancelled (error))
        return;
      /* Typically no system bus at all: as far as the user can tell, no adapter. */
      g_debug ("Cannot reach BlueZ: %s", error->message);
      set_status (self, ASCEND_SENSOR_FAILED, _("No Bluetooth adapter found"));
      return;
    }
  if (!self->started)
    return;

  self->manager = g_steal_pointer (&manager);
  g_signal_connect_object (self->manager, "object-added", G_CALLBACK (on_object_added), self, 0);
  g_signal_connect_object (self->manager, "object-removed", G_CALLBACK (on_object_removed), self, 0);
  g_signal_connect_object (self->manager, "interface-added", G_CALLBACK (on_interface_added), self, 0);
  g_signal_connect_object (self->manager, "interface-removed", G_CALLBACK (on_interface_removed), self, 0);
  g_signal_connect_object (self->manager, "interface-proxy-properties-changed",
                           G_CALLBACK (on_properties_changed), self, 0);
  advance (self);
}

/* AscendSensor ------------------------------------------------------------------ */

/* Leaves the sensor and BlueZ as they were before start(); no notifications. */
static void
teardown (AscendBluezSensor *self)
{
  g_autoptr(GDBusProxy) device = NULL;

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  if (self->hrm_char != NULL && (self->subscribed || self->notify_pending))
    ascend_bluez_call_best_effort (self->hrm_char, "StopNotify");
  if (self->battery_char != NULL && self->battery_subscribed)
    ascend_bluez_call_best_effort (self->battery_char, "StopNotify");
  device = ascend_bluez_get_proxy (self->manager, self->device_path, ASCEND_BLUEZ_DEVICE_IFACE);
  if (device != NULL && (self->link_up || self->connect_pending
                         || ascend_bluez_get_boolean (device, "Connected", FALSE)))
    ascend_bluez_call_best_effort (device, "Disconnect");
  if (self->discovering || self->discovery_pending)
    {
      self->discovering = TRUE;
      stop_discovery (self);
    }

  forget_link (self);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->adapter);
  g_clear_pointer (&self->device_path, g_free);
  g_clear_pointer (&self->device_address, g_free);
  self->attempt = 0;
  self->discovering = self->discovery_pending = FALSE;
  self->connect_pending = self->notify_pending = FALSE;
  self->ever_connected = FALSE;
}

static void
bluez_start (AscendSensor *sensor)
{
  AscendBluezSensor *self = ASCEND_BLUEZ_SENSOR (sensor);

  if (self->started)
    return;
  self->started = TRUE;
  self->cancellable = g_cancellable_new ();
  set_status (self, ASCEND_SENSOR_CONNECTING, _("Looking for Bluetooth…"));
  ascend_bluez_manager_new (self->cancellable, manager_ready_cb, ascend_bluez_weak_new (self));
}

static void
bluez_stop (AscendSensor *sensor)
{
  AscendBluezSensor *self = ASCEND_BLUEZ_SENSOR (sensor);

  teardown (self);
  set_status (self, ASCEND_SENSOR_DISCONNECTED, NULL);
}

static gboolean
bluez_is_simulated (AscendSensor *sensor)
{
  return FALSE;
}

static void
sensor_iface_init (AscendSensorInterface *iface)
{
  iface->start = bluez_start;
  iface->stop = bluez_stop;
  iface->is_simulated = bluez_is_simulated;
}

/* GObject ------------------------------------------------------------------------ */

static void
ascend_bluez_sensor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AscendBluezSensor *self = ASCEND_BLUEZ_SENSOR (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      return;
    case PROP_BACKOFF_BASE_MS:
      g_value_set_uint (value, self->backoff_base_ms);
      return;
    default:
      break;
    }

  switch ((int) prop_id - N_OWN_PROPS)
    {
    case ASCEND_SENSOR_PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case ASCEND_SENSOR_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case ASCEND_SENSOR_PROP_BATTERY:
      g_value_set_int (value, self->battery);
      break;
    case ASCEND_SENSOR_PROP_MALFORMED_PACKETS:
      g_value_set_uint (value, self->malformed);
      break;
    case ASCEND_SENSOR_PROP_STATUS_MESSAGE:
      g_value_set_string (value, self->status_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ascend_bluez_sensor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AscendBluezSensor *self = ASCEND_BLUEZ_SENSOR (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_free (self->address);
      self->address = g_value_dup_string (value);
      if (self->address != NULL && *self->address == '\0')
        g_clear_pointer (&self->address, g_free);
      if (self->address != NULL)
        {
          g_free (self->display_name);
          self->display_name = g_ascii_strup (self->address, -1);
        }
      break;
    case PROP_BACKOFF_BASE_MS:
      if (self->backoff_base_ms != g_value_get_uint (value))
        {
          self->backoff_base_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ascend_bluez_sensor_dispose (GObject *object)
{
  AscendBluezSensor *self = ASCEND_BLUEZ_SENSOR (object);

  teardown (self);
  G_OBJECT_CLASS (ascend_bluez_sensor_parent_class)->dispose (object);
}

static void
ascend_bluez_sensor_finalize (GObject *object)
{
  AscendBluezSensor *self = ASCEND_BLUEZ_SENSOR (object);

  g_free (self->address);
  g_free (self->display_name);
  g_free (self->status_message);
  G_OBJECT_CLASS (ascend_bluez_sensor_parent_class)->finalize (object);
}

static void
ascend_bluez_sensor_class_init (AscendBluezSensorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ascend_bluez_sensor_get_property;
  object_class->set_property = ascend_bluez_sensor_set_property;
  object_class->dispose = ascend_bluez_sensor_dispose;
  object_class->finalize = ascend_bluez_sensor_finalize;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKOFF_BASE_MS] =
    g_param_spec_uint ("backoff-base-ms", NULL, NULL, 1, 60000, DEFAULT_BACKOFF_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_OWN_PROPS, properties);
  ascend_sensor_install_properties (object_class, N_OWN_PROPS);
}

static void
ascend_bluez_sensor_init (AscendBluezSensor *self)
{
  const char *env = g_getenv ("ASCEND_BLUEZ_BACKOFF_MS");
  guint64 base = 0;

  self->battery = -1;
  self->state = ASCEND_SENSOR_DISCONNECTED;
  self->display_name = g_strdup (_("Bluetooth heart-rate sensor"));
  self->backoff_base_ms = DEFAULT_BACKOFF_MS;
  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 60000, &base, NULL))
    self->backoff_base_ms = (guint) base;
}

AscendBluezSensor *
ascend_bluez_sensor_new (const char *address)
{
  return g_object_new (ASCEND_TYPE_BLUEZ_SENSOR, "address", address, NULL);
}

const char *
ascend_bluez_sensor_get_address (AscendBluezSensor *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_SENSOR (self), NULL);
  return self->address;
}
