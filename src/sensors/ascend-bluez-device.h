/* ascend-bluez-device.h: one heart-rate sensor BlueZ knows, as the device list shows it */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ASCEND_TYPE_BLUEZ_DEVICE (ascend_bluez_device_get_type ())
G_DECLARE_FINAL_TYPE (AscendBluezDevice, ascend_bluez_device, ASCEND, BLUEZ_DEVICE, GObject)

/* Read-only properties, notified when they change: "object-path",
 * "address", "name" (Alias, else Name, else the address), "rssi" (dBm,
 * G_MININT16 when unknown, e.g. out of range), "battery" (percent, -1
 * unknown), "paired", "connected". */
const char *ascend_bluez_device_get_object_path (AscendBluezDevice *self);
const char *ascend_bluez_device_get_address     (AscendBluezDevice *self);
const char *ascend_bluez_device_get_name        (AscendBluezDevice *self);
int         ascend_bluez_device_get_rssi        (AscendBluezDevice *self);
int         ascend_bluez_device_get_battery     (AscendBluezDevice *self);
gboolean    ascend_bluez_device_get_paired      (AscendBluezDevice *self);
gboolean    ascend_bluez_device_get_connected   (AscendBluezDevice *self);

/* For the scanner: a device for a BlueZ object, and refreshing it from the
 * object's org.bluez.Device1 and org.bluez.Battery1 proxies. */
AscendBluezDevice *ascend_bluez_device_new  (const char        *object_path);
void               ascend_bluez_device_sync (AscendBluezDevice *self,
                                             GDBusObject       *object);

G_END_DECLS
