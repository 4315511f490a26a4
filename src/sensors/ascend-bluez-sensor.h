/* ascend-bluez-sensor.h: a Bluetooth LE heart-rate strap or watch through BlueZ */
#pragma once

#include "ascend-sensor.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_BLUEZ_SENSOR (ascend_bluez_sensor_get_type ())
G_DECLARE_FINAL_TYPE (AscendBluezSensor, ascend_bluez_sensor, ASCEND, BLUEZ_SENSOR, GObject)

/* address: "AA:BB:CC:DD:EE:FF", or NULL for the first heart-rate sensor
 * BlueZ knows (paired ones first), discovering one when none is known.
 *
 * Besides the AscendSensor properties it has "address" (construct-only)
 * and "backoff-base-ms": the first reconnection delay, doubled after each
 * failure up to 30 times itself (1, 2, 4, 8, 16, 30 s by default; the
 * ASCEND_BLUEZ_BACKOFF_MS environment variable changes the default). */
AscendBluezSensor *ascend_bluez_sensor_new         (const char        *address);
const char        *ascend_bluez_sensor_get_address (AscendBluezSensor *self);

G_END_DECLS
