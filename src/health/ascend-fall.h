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

/* The detector's parameters, in seconds and g (never samples), so one set
 * serves every sample rate. ascend_fall_params_init() fills the shipped
 * values; ascend-fall.c documents each and how they were chosen. */
typedef struct {
  double lowpass_hz;        /* Butterworth low-pass on each axis before anything else */
  double impact_g;          /* the filtered |a| peak must reach this */
  double freefall_g;        /* the filtered |a| must dip below this ... */
  double freefall_window_s; /* ... within this long before the impact */
  double min_velocity_m_s;  /* speed gained while |a| < 1 g before the impact */
  double min_angle_deg;     /* posture after vs. before: angle between gravity vectors */
  double max_post_std_g;    /* stillness: std of the filtered |a| after the impact */
  double pre_gap_s;         /* the posture before ends this long before the impact */
  double pre_len_s;         /* and is averaged over this long */
  double post_gap_s;        /* the posture after starts this long after the impact */
  double post_len_s;        /* and is averaged over this long */
  double refractory_s;      /* one fall reported per this long */
} AscendFallParams;

/* What the detector measured on the last confirmed fall. */
typedef struct {
  double impact_ms;         /* time of the impact peak from the first sample */
  double peak_g;            /* filtered |a| at the impact */
  double dip_g;             /* lowest filtered |a| before it */
  double velocity_m_s;      /* speed gained in the free fall */
  double angle_deg;         /* posture change */
  double post_std_g;        /* activity after the impact */
} AscendFallEvent;

void                ascend_fall_params_init               (AscendFallParams       *params);
/* NULL if a parameter is out of range (negative, windows of zero length). */
AscendFallDetector *ascend_fall_detector_new_with_params  (double                  sample_rate_hz,
                                                           const AscendFallParams *params);
/* NULL until a fall has been confirmed (and after a reset). */
const AscendFallEvent *ascend_fall_detector_get_last_fall (AscendFallDetector     *self);
/* Seconds of signal the detector needs after an impact before it decides. */
double              ascend_fall_detector_get_latency      (AscendFallDetector     *self);

/* Called for every impact once its post-impact window is in, whether or not
 * it is confirmed as a fall: `judged` is FALSE when the impact could not be
 * assessed (too close to the start of the stream, or no stable gravity before
 * or after it), `confirmed` is TRUE when push() reports it. For tuning and
 * diagnostics; NULL removes it. */
typedef void (*AscendFallCandidateFunc) (const AscendFallEvent *candidate,
                                         gboolean               judged,
                                         gboolean               confirmed,
                                         gpointer               user_data);
void                ascend_fall_detector_set_candidate_func (AscendFallDetector     *self,
                                                             AscendFallCandidateFunc func,
                                                             gpointer                user_data);

/* SisFall text (200 Hz, 9 columns, ADXL345 in columns 1-3 at 32/8192 g per
 * unit): fills a newly allocated array of 3*n doubles in g. */
gboolean ascend_sisfall_parse (const char  *text,
                               double     **xyz_g,
                               gsize       *n_samples,
                               GError     **error);

G_END_DECLS
