/* ascend-fall.h: fall detection on a 3-axis accelerometer stream
 *
 * Free fall (|a| well below 1 g), then an impact (a peak well above 1 g)
 * shortly after, then stillness or a changed orientation. Decisions are
 * causal: a fall is reported when its post-impact check completes.
 */
#pragma once

#include "ascend-health-error.h"

G_BEGIN_DECLS

typedef struct _AscendFallDetector AscendFallDetector;

AscendFallDetector *ascend_fall_detector_new   (double              sample_rate_hz);
void                ascend_fall_detector_free  (AscendFallDetector *self);
void                ascend_fall_detector_reset (AscendFallDetector *self);
/* One sample in g. Returns TRUE when a fall is confirmed; *fall_ms is the
 * time of its impact, in ms from the first sample. */
gboolean            ascend_fall_detector_push  (AscendFallDetector *self,
                                                double              ax_g,
                                                double              ay_g,
                                                double              az_g,
                                                double             *fall_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendFallDetector, ascend_fall_detector_free)

/* SisFall text (200 Hz, 9 columns, ADXL345 in columns 1-3 at 32/8192 g per
 * unit): fills a newly allocated array of 3*n doubles in g. */
gboolean ascend_sisfall_parse (const char  *text,
                               double     **xyz_g,
                               gsize       *n_samples,
                               GError     **error);

G_END_DECLS
