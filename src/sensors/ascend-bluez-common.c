/* ascend-bluez-common.c: D-Bus helpers shared by the BlueZ sensor and scanner */
#include "config.h"

#include "ascend-bluez-common.h"

void
ascend_bluez_manager_new (GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_dbus_object_manager_client_new_for_bus (G_BUS_TYPE_SYSTEM,
                                            G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START,
                                            ASCEND_BLUEZ_BUS_NAME, "/",
                                            NULL, NULL, NULL,
                                            cancellable, callback, user_data);
}

GDBusObjectManager *
ascend_bluez_manager_new_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_dbus_object_manager_client_new_for_bus_finish (result, error);
}

static int
compare_proxy_path (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 (g_dbus_proxy_get_object_path ((GDBusProxy *) a),
                    g_dbus_proxy_get_object_path ((GDBusProxy *) b));
}

GList *
ascend_bluez_list_proxies (GDBusObjectManager *manager,
                           const char         *iface)
{
  GList *objects = g_dbus_object_manager_get_objects (manager);
  GList *result = NULL;

  for (GList *l = objects; l != NULL; l = l->next)
    {
      GDBusInterface *interface = g_dbus_object_get_interface (l->data, iface);
      if (interface != NULL)
        result = g_list_prepend (result, interface);
    }
  g_list_free_full (objects, g_object_unref);
  return g_list_sort (result, compare_proxy_path);
}

GDBusProxy *
ascend_bluez_get_proxy (GDBusObjectManager *manager,
                        const char         *path,
                        const char         *iface)
{
  if (manager == NULL || path == NULL)
    return NULL;
  return (GDBusProxy *) g_dbus_object_manager_get_interface (manager, path, iface);
}

GDBusProxy *
ascend_bluez_find_adapter (GDBusObjectManager *manager)
{
  GList *adapters = ascend_bluez_list_proxies (manager, ASCEND_BLUEZ_ADAPTER_IFACE);
  GDBusProxy *first = adapters ? g_object_ref (adapters->data) : NULL;

  g_list_free_full (adapters, g_object_unref);
  return first;
}

GDBusProxy *
ascend_bluez_find_adapter_of (GDBusObjectManager *manager,
                              GDBusProxy         *device)
{
  g_autoptr(GVariant) path = device ? g_dbus_proxy_get_cached_property (device, "Adapter") : NULL;
  GDBusProxy *adapter = NULL;

  if (path != NULL && g_variant_is_of_type (path, G_VARIANT_TYPE_OBJECT_PATH))
    adapter = ascend_bluez_get_proxy (manager, g_variant_get_string (path, NULL), ASCEND_BLUEZ_ADAPTER_IFACE);
  return adapter ? adapter : ascend_bluez_find_adapter (manager);
}

GDBusProxy *
ascend_bluez_find_device (GDBusObjectManager *manager,
                          const char         *address)
{
  GList *devices = ascend_bluez_list_proxies (manager, ASCEND_BLUEZ_DEVICE_IFACE);
  GDBusProxy *found = NULL;

  if (address != NULL)
    {
      for (GList *l = devices; l != NULL && found == NULL; l = l->next)
        {
          g_autofree char *device_address = ascend_bluez_dup_string (l->data, "Address");
          if (device_address != NULL && g_ascii_strcasecmp (device_address, address) == 0)
            found = g_object_ref (l->data);
        }
    }
  else
    {
      /* A sensor the user paired is more likely theirs than one in range. */
      for (guint pass = 0; pass < 2 && found == NULL; pass++)
        for (GList *l = devices; l != NULL && found == NULL; l = l->next)
          if (ascend_bluez_has_uuid (l->data, ASCEND_BLUEZ_UUID_HEART_RATE)
              && (pass == 1 || ascend_bluez_get_boolean (l->data, "Paired", FALSE)))
            found = g_object_ref (l->data);
    }
  g_list_free_full (devices, g_object_unref);
  return found;
}

GDBusProxy *
ascend_bluez_find_characteristic (GDBusObjectManager *manager,
                                  const char         *device_path,
                                  const char         *uuid)
{
  GList *chars = ascend_bluez_list_proxies (manager, ASCEND_BLUEZ_GATT_CHAR_IFACE);
  GDBusProxy *found = NULL;

  for (GList *l = chars; l != NULL && found == NULL; l = l->next)
    {
      g_autofree char *char_uuid = ascend_bluez_dup_string (l->data, "UUID");

      if (char_uuid != NULL && g_ascii_strcasecmp (char_uuid, uuid) == 0
          && ascend_bluez_path_is_under (g_dbus_proxy_get_object_path (l->data), device_path))
        found = g_object_ref (l->data);
    }
  g_list_free_full (chars, g_object_unref);
  return found;
}

gboolean
ascend_bluez_get_boolean (GDBusProxy *proxy,
                          const char *name,
                          gboolean    fallback)
{
  g_autoptr(GVariant) value = proxy ? g_dbus_proxy_get_cached_property (proxy, name) : NULL;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return fallback;
  return g_variant_get_boolean (value);
}

char *
ascend_bluez_dup_string (GDBusProxy *proxy,
                         const char *name)
{
  g_autoptr(GVariant) value = proxy ? g_dbus_proxy_get_cached_property (proxy, name) : NULL;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_dup_string (value, NULL);
}

static gboolean
strv_property_has (GDBusProxy *proxy,
                   const char *name,
                   const char *wanted)
{
  g_autoptr(GVariant) value = g_dbus_proxy_get_cached_property (proxy, name);
  g_autofree const char **strv = NULL;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return FALSE;
  strv = g_variant_get_strv (value, NULL);
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], wanted) == 0)
      return TRUE;
  return FALSE;
}

gboolean
ascend_bluez_has_uuid (GDBusProxy *proxy,
                       const char *uuid)
{
  return strv_property_has (proxy, "UUIDs", uuid);
}

gboolean
ascend_bluez_has_flag (GDBusProxy *proxy,
                       const char *flag)
{
  return strv_property_has (proxy, "Flags", flag);
}

char *
ascend_bluez_device_name (GDBusProxy *device)
{
  char *name = ascend_bluez_dup_string (device, "Alias");

  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = ascend_bluez_dup_string (device, "Name");
    }
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = ascend_bluez_dup_string (device, "Address");
    }
  return name;
}

int
ascend_bluez_battery1_percentage (GDBusObjectManager *manager,
                                  const char         *device_path)
{
  g_autoptr(GDBusProxy) battery = ascend_bluez_get_proxy (manager, device_path, ASCEND_BLUEZ_BATTERY_IFACE);
  g_autoptr(GVariant) value = battery ? g_dbus_proxy_get_cached_property (battery, "Percentage") : NULL;

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_BYTE) || g_variant_get_byte (value) > 100)
    return -1;
  return g_variant_get_byte (value);
}

gboolean
ascend_bluez_path_is_under (const char *path,
                            const char *parent)
{
  gsize n;

  if (path == NULL || parent == NULL)
    return FALSE;
  n = strlen (parent);
  return strncmp (path, parent, n) == 0 && path[n] == '/';
}

gboolean
ascend_bluez_changed_has (GVariant   *changed_properties,
                          const char *name)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (changed_properties, name, NULL);

  return value != NULL;
}

gboolean
ascend_bluez_error_is (const GError *error,
                       const char   *name)
{
  g_autofree char *remote = NULL;
  g_autofree char *wanted = NULL;

  if (error == NULL || !g_dbus_error_is_remote_error (error))
    return FALSE;
  remote = g_dbus_error_get_remote_error (error);
  wanted = g_strconcat ("org.bluez.Error.", name, NULL);
  return g_strcmp0 (remote, wanted) == 0;
}

gpointer
ascend_bluez_weak_new (gpointer object)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, object);
  return weak;
}

gpointer
ascend_bluez_weak_take (gpointer weak)
{
  gpointer object = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return object;
}

static void
start_discovery_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  /* InProgress: this client is already discovering, which is what we want. */
  if (reply == NULL && !ascend_bluez_error_is (error, "InProgress"))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_filter_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Without the filter, discovery still works: it only finds more. */
  if (reply == NULL)
    g_debug ("SetDiscoveryFilter failed: %s", error->message);

  g_dbus_proxy_call (G_DBUS_PROXY (object), "StartDiscovery", NULL,
                     G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                     start_discovery_cb, g_object_ref (task));
}

void
ascend_bluez_start_discovery (GDBusProxy          *adapter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (adapter, cancellable, callback, user_data);
  const char *uuids[] = { ASCEND_BLUEZ_UUID_HEART_RATE, NULL };
  GVariantBuilder filter;

  g_task_set_source_tag (task, ascend_bluez_start_discovery);
  g_variant_builder_init (&filter, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&filter, "{sv}", "UUIDs", g_variant_new_strv (uuids, -1));
  g_variant_builder_add (&filter, "{sv}", "Transport", g_variant_new_string ("le"));
  g_dbus_proxy_call (adapter, "SetDiscoveryFilter", g_variant_new ("(a{sv})", &filter),
                     G_DBUS_CALL_FLAGS_NONE, -1, cancellable, set_filter_cb, task);
}

gboolean
ascend_bluez_start_discovery_finish (GDBusProxy    *adapter,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, adapter), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
best_effort_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree char *method = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  if (reply == NULL)
    g_debug ("%s on %s: %s", method, g_dbus_proxy_get_object_path (G_DBUS_PROXY (object)), error->message);
}

void
ascend_bluez_call_best_effort (GDBusProxy *proxy,
                               const char *method)
{
  g_return_if_fail (G_IS_DBUS_PROXY (proxy));
  g_dbus_proxy_call (proxy, method, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                     best_effort_cb, g_strdup (method));
}
