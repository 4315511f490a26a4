/* ascend-hrm.h: the Bluetooth Heart Rate Measurement characteristic (0x2A37)
 *
 * Flags byte; bit 0: heart rate is uint16 LE (else uint8); bits 1-2 sensor
 * contact (bit 2 = supported, bit 1 = detected); bit 3: Energy Expended
 * uint16 LE kJ follows; bit 4: RR intervals follow, all remaining bytes,
 * uint16 LE in 1/1024 s, oldest first.
 */
#pragma once

#include "ascend-health-error.h"

G_BEGIN_DECLS

#define ASCEND_HRM_MAX_PACKET 512  /* the largest ATT attribute value */
#define ASCEND_HRM_MAX_RR     ((ASCEND_HRM_MAX_PACKET - 2) / 2)

typedef enum {
  ASCEND_CONTACT_UNSUPPORTED,
  ASCEND_CONTACT_NOT_DETECTED,
  ASCEND_CONTACT_DETECTED,
} AscendContact;

typedef struct {
  guint         heart_rate;      /* bpm */
  AscendContact contact;
  gboolean      has_energy;
  guint         energy_kj;
  guint         n_rr;
  guint16       rr[ASCEND_HRM_MAX_RR]; /* raw, 1/1024 s */
} AscendHrmPacket;

/* Parses len bytes; never reads past data + len. On a malformed packet
 * returns FALSE with ASCEND_HEALTH_ERROR_MALFORMED and a sentence. */
gboolean    ascend_hrm_parse          (const guint8    *data,
                                       gsize            len,
                                       AscendHrmPacket *out,
                                       GError         **error);
const char *ascend_contact_to_string  (AscendContact    contact); /* "unsupported", "not-detected", "detected" */
double      ascend_hrm_rr_to_ms       (guint16          raw);

G_END_DECLS
