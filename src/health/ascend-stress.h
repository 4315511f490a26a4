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
  /* The parts of the index, for display and tests: */
  double mo;          /* s, centre of the modal 50 ms bin */
  double amo;         /* percent of NN in the modal bin */
  double mxdmn;       /* s, max - min NN (floored at 1 ms) */
  guint  n_nn;        /* NN intervals used */
} AscendStress;

/* Fails (TOO_SHORT) with fewer than 30 NN intervals after clean-up, and
 * (MALFORMED) when sinus is FALSE: stress is not estimated during an
 * irregular rhythm. */
gboolean ascend_stress_compute (const double *rr_ms,
                                gsize         n,
                                gboolean      sinus,
                                AscendStress *out,
                                GError      **error);

/* The 1..10 level for a Baevsky index and an RMSSD (ms), as documented in
 * ascend-stress.c; ascend_stress_compute() uses it. */
int      ascend_stress_level   (double        baevsky_si,
                                double        rmssd);

G_END_DECLS
