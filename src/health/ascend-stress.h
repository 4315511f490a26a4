/* ascend-stress.h: a 1-10 stress level from RR intervals
 *
 * From the Baevsky stress index SI = AMo / (2 * Mo * MxDMn) and RMSSD, on
 * sinus-rhythm windows only. The mapping is documented in ascend-stress.c.
 */
#pragma once

#include "ascend-health-error.h"

G_BEGIN_DECLS

typedef struct {
  double baevsky_si;  /* Mo and MxDMn in seconds, AMo in percent (50 ms bins) */
  double rmssd;       /* ms */
  int    level;       /* 1..10 */
} AscendStress;

/* Fails (TOO_SHORT) with fewer than 30 NN intervals after clean-up, and
 * (MALFORMED) when sinus is FALSE: stress is not estimated during an
 * irregular rhythm. */
gboolean ascend_stress_compute (const double *rr_ms,
                                gsize         n,
                                gboolean      sinus,
                                AscendStress *out,
                                GError      **error);

G_END_DECLS
