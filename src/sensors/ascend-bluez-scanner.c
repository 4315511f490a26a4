/* ascend-bluez-scanner.c: the heart-rate sensors around, for the device list
 *
 * The list mirrors BlueZ's object tree: every Device1 whose UUIDs include
 * the heart-rate service is an AscendBluezDevice, refreshed whenever BlueZ
 * reports a change (RSSI while discovering, battery, pairing, connection).
 * Discovery itself only makes BlueZ find more devices and update RSSI.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-bluez-common.h"
#include "ascend-bluez-scanner.h"

struct _AscendBluezScanner
{
  GObject                  parent_instance;

  GCancellable            *cancellable;
  GDBusObjectManager      *manager;
  GListStore              *devices;
  GHashTable              *by_path;          /* object path -> AscendBluezDevice (in devices) */
  GDBusProxy              *adapter;
  AscendBluezAdapterState  adapter_state;
  char                    *adapter_message;
  gboolean                 scanning;         /* asked for */
  gboolean                 discovering;      /* we started discovery on adapter */
  gboolean                 discovery_pending;
};

enum {
  PROP_0,
  PROP_DEVICES,
  PROP_SCANNING,
  PROP_ADAPTER_STATE,
  PROP_ADAPTER_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (AscendBluezAdapterState, ascend_bluez_adapter_state,
  G_DEFINE_ENUM_VALUE (ASCEND_BLUEZ_ADAPTER_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (ASCEND_BLUEZ_ADAPTER_NONE, "none"),
  G_DEFINE_ENUM_VALUE (ASCEND_BLUEZ_ADAPTER_OFF, "off"),
  G_DEFINE_ENUM_VALUE (ASCEND_BLUEZ_ADAPTER_READY, "ready"))

G_DEFINE_FINAL_TYPE (AscendBluezScanner, ascend_bluez_scanner, G_TYPE_OBJECT)

static void update_adapter (AscendBluezScanner *self);

/* The device list ------------------------------------------------------------ */

static void
remove_device (AscendBluezScanner *self,
               const char         *path)
{
  AscendBluezDevice *device = g_hash_table_lookup (self->by_path, path);
  guint position = 0;

  if (device == NULL)
    return;
  if (g_list_store_find (self->devices, device, &position))
    g_list_store_remove (self->devices, position);
  g_hash_table_remove (self->by_path, path);
}

static void
sync_object (AscendBluezScanner *self,
             GDBusObject        *object)
{
  const char *path = g_dbus_object_get_object_path (object);
  g_autoptr(GDBusProxy) proxy = (GDBusProxy *) g_dbus_object_get_interface (object, ASCEND_BLUEZ_DEVICE_IFACE);
  AscendBluezDevice *device;

  if (proxy == NULL || !ascend_bluez_has_uuid (proxy, ASCEND_BLUEZ_UUID_HEART_RATE))
    {
      remove_device (self, path);
      return;
    }

  device = g_hash_table_lookup (self->by_path, path);
  if (device != NULL)
    {
      ascend_bluez_device_sync (device, object);
      return;
    }
  device = ascend_bluez_device_new (path);
  ascend_bluez_device_sync (device, object);
  g_hash_table_insert (self->by_path, g_strdup (path), device);
  g_list_store_append (self->devices, device);
}

/* Discovery ------------------------------------------------------------------------ */

static void
discovery_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AscendBluezScanner) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = ascend_bluez_start_discovery_finish (G_DBUS_PROXY (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->discovery_pending = FALSE;
  if (!ok)
    {
      g_debug ("StartDiscovery: %s", error->message);
      return;
    }
  /* stop() came while the call was on its way, or the adapter changed. */
  if (!self->scanning || G_DBUS_PROXY (object) != self->adapter)
    {
      ascend_bluez_call_best_effort (G_DBUS_PROXY (object), "StopDiscovery");
      update_adapter (self);
      return;
    }
  self->discovering = TRUE;
}

static void
maybe_start_discovery (AscendBluezScanner *self)
{
  if (!self->scanning || self->discovering || self->discovery_pending
      || self->adapter_state != ASCEND_BLUEZ_ADAPTER_READY)
    return;
  self->discovery_pending = TRUE;
  ascend_bluez_start_discovery (self->adapter, self->cancellable, discovery_cb, ascend_bluez_weak_new (self));
}

/* The adapter -------------------------------------------------------------------- */

static void
set_adapter_state (AscendBluezScanner      *self,
                   AscendBluezAdapterState  state,
                   const char              *message)
{
  if (g_strcmp0 (self->adapter_message, message) != 0)
    {
      g_free (self->adapter_message);
      self->adapter_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADAPTER_MESSAGE]);
    }
  if (self->adapter_state != state)
    {
      self->adapter_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADAPTER_STATE]);
    }
}

static void
update_adapter (AscendBluezScanner *self)
{
  g_autoptr(GDBusProxy) adapter = ascend_bluez_find_adapter (self->manager);

  /* A new adapter, or one switched off, has forgotten our discovery. */
  if (adapter != self->adapter || !ascend_bluez_get_boolean (adapter, "Powered", FALSE))
    self->discovering = FALSE;
  g_set_object (&self->adapter, adapter);

  if (adapter == NULL)
    set_adapter_state (self, ASCEND_BLUEZ_ADAPTER_NONE, _("No Bluetooth adapter found"));
  else if (!ascend_bluez_get_boolean (adapter, "Powered", FALSE))
    set_adapter_state (self, ASCEND_BLUEZ_ADAPTER_OFF, _("Bluetooth is off"));
  else
    set_adapter_state (self, ASCEND_BLUEZ_ADAPTER_READY, _("Bluetooth is ready"));
  maybe_start_discovery (self);
}

/* What BlueZ tells us ----------------------------------------------------------- */

static void
on_object_added (GDBusObjectManager *manager,
                 GDBusObject        *object,
                 AscendBluezScanner *self)
{
  sync_object (self, object);
  update_adapter (self);
}

static void
on_object_removed (GDBusObjectManager *manager,
                   GDBusObject        *object,
                   AscendBluezScanner *self)
{
  remove_device (self, g_dbus_object_get_object_path (object));
  update_adapter (self);
}

static void
on_interface_changed (GDBusObjectManager *manager,
                      GDBusObject        *object,
                      GDBusInterface     *interface,
                      AscendBluezScanner *self)
{
  sync_object (self, object);
  update_adapter (self);
}

static void
on_properties_changed (GDBusObjectManagerClient *manager,
                       GDBusObjectProxy         *object,
                       GDBusProxy               *proxy,
                       GVariant                 *changed,
                       const char *const        *invalidated,
                       AscendBluezScanner       *self)
{
  const char *iface = g_dbus_proxy_get_interface_name (proxy);

  if (g_str_equal (iface, ASCEND_BLUEZ_DEVICE_IFACE) || g_str_equal (iface, ASCEND_BLUEZ_BATTERY_IFACE))
    sync_object (self, G_DBUS_OBJECT (object));
  else if (g_str_equal (iface, ASCEND_BLUEZ_ADAPTER_IFACE))
    update_adapter (self);
}

static void
manager_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AscendBluezScanner) self = ascend_bluez_weak_take (user_data);
  g_autoptr(GDBusObjectManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;

  manager = ascend_bluez_manager_new_finish (result, &error);
  if (self == NULL)
    return;
  if (manager == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Cannot reach BlueZ: %s", error->message);
          set_adapter_state (self, ASCEND_BLUEZ_ADAPTER_NONE, _("No Bluetooth adapter found"));
        }
      return;
    }

  self->manager = g_steal_pointer (&manager);
  g_signal_connect_object (self->manager, "object-added", G_CALLBACK (on_object_added), self, 0);
  g_signal_connect_object (self->manager, "object-removed", G_CALLBACK (on_object_removed), self, 0);
  g_signal_connect_object (self->manager, "interface-added", G_CALLBACK (on_interface_changed), self, 0);
  g_signal_connect_object (self->manager, "interface-removed", G_CALLBACK (on_interface_changed), self, 0);
  g_signal_connect_object (self->manager, "interface-proxy-properties-changed",
                           G_CALLBACK (on_properties_changed), self, 0);

  objects = g_dbus_object_manager_get_objects (self->manager);
  for (GList *l = objects; l != NULL; l = l->next)
    sync_object (self, l->data);
  g_list_free_full (objects, g_object_unref);
  update_adapter (self);
}

/* Public API ---------------------------------------------------------------- */

AscendBluezScanner *
ascend_bluez_scanner_new (void)
{
  return g_object_new (ASCEND_TYPE_BLUEZ_SCANNER, NULL);
}

GListModel *
ascend_bluez_scanner_get_devices (AscendBluezScanner *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_SCANNER (self), NULL);
  return G_LIST_MODEL (self->devices);
}

void
ascend_bluez_scanner_start (AscendBluezScanner *self)
{
  g_return_if_fail (ASCEND_IS_BLUEZ_SCANNER (self));

  if (self->scanning)
    return;
  self->scanning = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
  maybe_start_discovery (self);
}

void
ascend_bluez_scanner_stop (AscendBluezScanner *self)
{
  g_return_if_fail (ASCEND_IS_BLUEZ_SCANNER (self));

  if (!self->scanning)
    return;
  self->scanning = FALSE;
  if (self->discovering && self->adapter != NULL)
    ascend_bluez_call_best_effort (self->adapter, "StopDiscovery");
  self->discovering = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
}

gboolean
ascend_bluez_scanner_get_scanning (AscendBluezScanner *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_SCANNER (self), FALSE);
  return self->scanning;
}

AscendBluezAdapterState
ascend_bluez_scanner_get_adapter_state (AscendBluezScanner *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_SCANNER (self), ASCEND_BLUEZ_ADAPTER_UNKNOWN);
  return self->adapter_state;
}

const char *
ascend_bluez_scanner_get_adapter_message (AscendBluezScanner *self)
{
  g_return_val_if_fail (ASCEND_IS_BLUEZ_SCANNER (self), NULL);
  return self->adapter_message;
}

/* GObject ------------------------------------------------------------------------- */

static void
ascend_bluez_scanner_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AscendBluezScanner *self = ASCEND_BLUEZ_SCANNER (object);

  switch (prop_id)
    {
    case PROP_DEVICES:
      g_value_set_object (value, self->devices);
      break;
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
      break;
    case PROP_ADAPTER_STATE:
      g_value_set_enum (value, self->adapter_state);
      break;
    case PROP_ADAPTER_MESSAGE:
      g_value_set_string (value, self->adapter_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ascend_bluez_scanner_dispose (GObject *object)
{
  AscendBluezScanner *self = ASCEND_BLUEZ_SCANNER (object);

  g_cancellable_cancel (self->cancellable);
  if ((self->discovering || self->discovery_pending) && self->adapter != NULL)
    ascend_bluez_call_best_effort (self->adapter, "StopDiscovery");
  self->discovering = self->discovery_pending = FALSE;
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->adapter);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_object (&self->devices);
  G_OBJECT_CLASS (ascend_bluez_scanner_parent_class)->dispose (object);
}

static void
ascend_bluez_scanner_finalize (GObject *object)
{
  AscendBluezScanner *self = ASCEND_BLUEZ_SCANNER (object);

  g_free (self->adapter_message);
  G_OBJECT_CLASS (ascend_bluez_scanner_parent_class)->finalize (object);
}

static void
ascend_bluez_scanner_constructed (GObject *object)
{
  AscendBluezScanner *self = ASCEND_BLUEZ_SCANNER (object);

  G_OBJECT_CLASS (ascend_bluez_scanner_parent_class)->constructed (object);
  ascend_bluez_manager_new (self->cancellable, manager_ready_cb, ascend_bluez_weak_new (self));
}

static void
ascend_bluez_scanner_class_init (AscendBluezScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ascend_bluez_scanner_constructed;
  object_class->get_property = ascend_bluez_scanner_get_property;
  object_class->dispose = ascend_bluez_scanner_dispose;
  object_class->finalize = ascend_bluez_scanner_finalize;

  properties[PROP_DEVICES] = g_param_spec_object ("devices", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_SCANNING] = g_param_spec_boolean ("scanning", NULL, NULL, FALSE, flags);
  properties[PROP_ADAPTER_STATE] = g_param_spec_enum ("adapter-state", NULL, NULL,
                                                      ASCEND_TYPE_BLUEZ_ADAPTER_STATE,
                                                      ASCEND_BLUEZ_ADAPTER_UNKNOWN, flags);
  properties[PROP_ADAPTER_MESSAGE] = g_param_spec_string ("adapter-message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ascend_bluez_scanner_init (AscendBluezScanner *self)
{
  self->cancellable = g_cancellable_new ();
  self->devices = g_list_store_new (ASCEND_TYPE_BLUEZ_DEVICE);
  self->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->adapter_state = ASCEND_BLUEZ_ADAPTER_UNKNOWN;
  self->adapter_message = g_strdup (_("Checking Bluetooth…"));
}
