/* ascend-bluez-common.h: small D-Bus helpers shared by the BlueZ sensor and scanner
 *
 * Everything goes through one GDBusObjectManagerClient on the system bus
 * for org.bluez; these helpers look things up in it and wrap the few
 * BlueZ calls both users make.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ASCEND_BLUEZ_BUS_NAME             "org.bluez"
#define ASCEND_BLUEZ_ADAPTER_IFACE        "org.bluez.Adapter1"
#define ASCEND_BLUEZ_DEVICE_IFACE         "org.bluez.Device1"
#define ASCEND_BLUEZ_BATTERY_IFACE        "org.bluez.Battery1"
#define ASCEND_BLUEZ_GATT_CHAR_IFACE      "org.bluez.GattCharacteristic1"

#define ASCEND_BLUEZ_UUID_HEART_RATE      "0000180d-0000-1000-8000-00805f9b34fb"
#define ASCEND_BLUEZ_UUID_HRM             "00002a37-0000-1000-8000-00805f9b34fb"
#define ASCEND_BLUEZ_UUID_BATTERY_LEVEL   "00002a19-0000-1000-8000-00805f9b34fb"

/* A GDBusObjectManagerClient for org.bluez on the system bus. It does not
 * start bluetoothd: when the service is not running there are simply no
 * objects until it appears. */
void                ascend_bluez_manager_new          (GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GDBusObjectManager *ascend_bluez_manager_new_finish   (GAsyncResult         *result,
                                                       GError              **error);

/* Proxies with the interface, sorted by object path (stable choices when
 * there are several adapters or sensors). Free with g_list_free_full
 * (list, g_object_unref). */
GList      *ascend_bluez_list_proxies        (GDBusObjectManager *manager,
                                              const char         *iface);
GDBusProxy *ascend_bluez_get_proxy           (GDBusObjectManager *manager,
                                              const char         *path,
                                              const char         *iface);
/* The first adapter, or NULL. */
GDBusProxy *ascend_bluez_find_adapter        (GDBusObjectManager *manager);
/* The adapter of device (a Device1 proxy, or NULL), else the first one. */
GDBusProxy *ascend_bluez_find_adapter_of     (GDBusObjectManager *manager,
                                              GDBusProxy         *device);
/* The Device1 with that address (any case); with address NULL, the first
 * one offering the heart-rate service, paired ones first. */
GDBusProxy *ascend_bluez_find_device         (GDBusObjectManager *manager,
                                              const char         *address);
/* The GattCharacteristic1 with this UUID somewhere under device_path. */
GDBusProxy *ascend_bluez_find_characteristic (GDBusObjectManager *manager,
                                              const char         *device_path,
                                              const char         *uuid);

gboolean    ascend_bluez_get_boolean         (GDBusProxy *proxy,
                                              const char *name,
                                              gboolean    fallback);
char       *ascend_bluez_dup_string          (GDBusProxy *proxy,
                                              const char *name);
/* "UUIDs" (Device1) holds uuid, compared case-insensitively. */
gboolean    ascend_bluez_has_uuid            (GDBusProxy *proxy,
                                              const char *uuid);
/* "Flags" (GattCharacteristic1) holds flag. */
gboolean    ascend_bluez_has_flag            (GDBusProxy *proxy,
                                              const char *flag);
/* Alias, else Name, else Address. */
char       *ascend_bluez_device_name         (GDBusProxy *device);
/* Battery1 "Percentage" of the device object, or -1. */
int         ascend_bluez_battery1_percentage (GDBusObjectManager *manager,
                                              const char         *device_path);
gboolean    ascend_bluez_path_is_under       (const char *path,
                                              const char *parent);
gboolean    ascend_bluez_changed_has         (GVariant   *changed_properties,
                                              const char *name);
/* The remote error is org.bluez.Error.<name>. */
gboolean    ascend_bluez_error_is            (const GError *error,
                                              const char   *name);

/* Callbacks of calls hold the sensor or scanner weakly: dropping it must
 * not wait for BlueZ to answer (a Connect can take 25 s), and dispose
 * cancels the calls. weak_new gives the user_data; weak_take, in the
 * callback, frees it and returns a strong reference or NULL. */
gpointer    ascend_bluez_weak_new                (gpointer             object);
gpointer    ascend_bluez_weak_take               (gpointer             weak);

/* SetDiscoveryFilter ({UUIDs: [180d], Transport: le}) then StartDiscovery. */
void        ascend_bluez_start_discovery         (GDBusProxy          *adapter,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    ascend_bluez_start_discovery_finish  (GDBusProxy          *adapter,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* A call whose answer does not matter (StopDiscovery, StopNotify,
 * Disconnect when leaving): failures are only logged. */
void        ascend_bluez_call_best_effort        (GDBusProxy          *proxy,
                                                  const char          *method);

G_END_DECLS
