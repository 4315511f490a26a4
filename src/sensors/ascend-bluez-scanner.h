/* ascend-bluez-scanner.h: the heart-rate sensors around, for the device list */
#pragma once

#include <gio/gio.h>

#include "ascend-bluez-device.h"

G_BEGIN_DECLS

typedef enum {
  ASCEND_BLUEZ_ADAPTER_UNKNOWN,   /* not asked BlueZ yet */
  ASCEND_BLUEZ_ADAPTER_NONE,
  ASCEND_BLUEZ_ADAPTER_OFF,
  ASCEND_BLUEZ_ADAPTER_READY,
} AscendBluezAdapterState;

#define ASCEND_TYPE_BLUEZ_ADAPTER_STATE (ascend_bluez_adapter_state_get_type ())
GType ascend_bluez_adapter_state_get_type (void);

#define ASCEND_TYPE_BLUEZ_SCANNER (ascend_bluez_scanner_get_type ())
G_DECLARE_FINAL_TYPE (AscendBluezScanner, ascend_bluez_scanner, ASCEND, BLUEZ_SCANNER, GObject)

/* Watches BlueZ from creation on (asynchronously). "devices" lists, live,
 * every device BlueZ knows that offers the heart-rate service (0x180D);
 * start() asks BlueZ to discover more (LE, heart-rate only) until stop()
 * or until the scanner is destroyed. Properties: "devices" (GListModel of
 * AscendBluezDevice), "scanning" (discovery was asked for), "adapter-state"
 * and "adapter-message" (why there is nothing to scan with, or that it is
 * ready). */
AscendBluezScanner      *ascend_bluez_scanner_new                 (void);
GListModel              *ascend_bluez_scanner_get_devices         (AscendBluezScanner *self);
void                     ascend_bluez_scanner_start               (AscendBluezScanner *self);
void                     ascend_bluez_scanner_stop                (AscendBluezScanner *self);
gboolean                 ascend_bluez_scanner_get_scanning        (AscendBluezScanner *self);
AscendBluezAdapterState  ascend_bluez_scanner_get_adapter_state   (AscendBluezScanner *self);
const char              *ascend_bluez_scanner_get_adapter_message (AscendBluezScanner *self);

G_END_DECLS
