/* ascend-hrv.h: RR clean-up and time-domain HRV (Task Force 1996) */
#pragma once

#include "ascend-health-error.h"

G_BEGIN_DECLS

typedef struct {
  double rmssd;      /* ms, over successive NN pairs */
  double sdnn;       /* ms, sample standard deviation of NN */
  double pnn50;      /* percent of successive NN differences > 50 ms */
  double mean_nn;    /* ms */
  double mean_hr;    /* bpm, 60000 / mean_nn */
  guint  n_beats;    /* RR intervals given */
  guint  n_nn;       /* kept as normal-to-normal */
} AscendHrv;

/* Marks each RR interval (ms) normal (TRUE) or artefact/ectopic (FALSE);
 * returns the number kept. The rule is documented in ascend-hrv.c. */
guint    ascend_rr_clean    (const double *rr_ms,
                             gsize         n,
                             gboolean     *is_normal);

/* Cleans rr_ms and computes HRV over the kept NN intervals. Fails with
 * ASCEND_HEALTH_ERROR_TOO_SHORT when fewer than 3 NN remain, or when no two
 * NN intervals are adjacent (RMSSD would have no successive difference). */
gboolean ascend_hrv_compute (const double *rr_ms,
                             gsize         n,
                             AscendHrv    *out,
                             GError      **error);

/* The same with a mask from ascend_rr_clean() the caller already has. */
gboolean ascend_hrv_compute_masked (const double   *rr_ms,
                                    const gboolean *is_normal,
                                    gsize           n,
                                    AscendHrv      *out,
                                    GError        **error);

G_END_DECLS
