/* ascend-stress.c: a 1-10 stress level from the Baevsky index and RMSSD
 *
 * Input: RR intervals of a window in sinus rhythm (the caller says so with
 * `sinus`; during an irregular rhythm the variability is the arrhythmia's,
 * not the autonomic system's, and no level is given). The intervals are
 * cleaned with ascend_rr_clean(); at least 30 NN must remain.
 *
 * Baevsky stress index (Baevsky RM, Chernikova AG. Heart rate variability
 * analysis: physiological foundations and main methods. Cardiometry 2017;
 * 10:66-76; Baevsky RM et al. 2002):
 *
 *   SI = AMo / (2 * Mo * MxDMn)
 *
 *   Mo     the mode: centre of the most populated 50 ms bin, in seconds
 *          (bins [0, 50), [50, 100), ... ms; a tie goes to the bin whose
 *          centre is nearest the mean NN, then to the lower one)
 *   AMo    the mode amplitude: percent of the NN intervals in that bin
 *   MxDMn  the variation range, max NN - min NN in seconds; floored at
 *          0.001 s (the resolution of a sensor's RR values) so a perfectly
 *          constant series gives a large, finite index
 *
 * Baevsky's reading of SI: below 50 a strong parasympathetic (relaxed)
 * state; 50-150 normal; 150-500 tension; 500-900 marked stress; above 900
 * overstrain.
 *
 * Mapping to the level. Two sub-scores on 1..10, both on a log scale
 * because both measures are roughly log-normal across people:
 *
 *   s_si: piecewise linear in log10(SI) through the anchors
 *
 *       SI      <= 25    50    150    500    900   >= 1500
 *       s_si       1    2.5    5.5     8      9       10
 *
 *   s_rmssd = 1 + 9 * ln(100 / RMSSD) / ln(20), clamped to 1..10:
 *
 *       RMSSD ms  >= 100   60    42    30    20    10   <= 5
 *       s_rmssd      1    2.5   3.6   4.6   5.8   7.9    10
 *
 *   level = round(0.6 * s_si + 0.4 * s_rmssd), clamped to 1..10.
 *
 * SI (sympathetic tension: a narrow, peaked histogram at a short RR) has
 * the larger weight; RMSSD (vagal activity) corrects it for a person whose
 * histogram is narrow but whose beat-to-beat variability is intact. Some
 * resulting levels:
 *
 *       SI    RMSSD   level           SI    RMSSD   level
 *       40     70       2            150     30       5
 *       80     45       4            500     15       7
 *      300     20       6           1500      8       9-10
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-hrv.h"
#include "ascend-stress.h"

#define MIN_NN        30
#define BIN_MS        50.0
#define N_BINS        64      /* 0..3200 ms: NN are at most 2000 ms after clean-up */
#define MIN_RANGE_S   0.001

typedef struct {
  double si;
  double score;
} Anchor;

static const Anchor si_anchors[] = {
  {   25.0,  1.0 },
  {   50.0,  2.5 },
  {  150.0,  5.5 },
  {  500.0,  8.0 },
  {  900.0,  9.0 },
  { 1500.0, 10.0 },
};

static double
si_score (double si)
{
  guint last = G_N_ELEMENTS (si_anchors) - 1;

  if (!(si > si_anchors[0].si))
    return si_anchors[0].score;
  if (si >= si_anchors[last].si)
    return si_anchors[last].score;
  for (guint i = 1; i <= last; i++)
    if (si < si_anchors[i].si)
      {
        double t = log (si / si_anchors[i - 1].si) / log (si_anchors[i].si / si_anchors[i - 1].si);

        return si_anchors[i - 1].score + t * (si_anchors[i].score - si_anchors[i - 1].score);
      }
  g_assert_not_reached ();
}

static double
rmssd_score (double rmssd)
{
  if (!(rmssd > 0.0))
    return 10.0;
  return CLAMP (1.0 + 9.0 * log (100.0 / rmssd) / log (20.0), 1.0, 10.0);
}

int
ascend_stress_level (double baevsky_si,
                     double rmssd)
{
  double score = 0.6 * si_score (baevsky_si) + 0.4 * rmssd_score (rmssd);

  return CLAMP ((int) lround (score), 1, 10);
}

gboolean
ascend_stress_compute (const double *rr_ms,
                       gsize         n,
                       gboolean      sinus,
                       AscendStress *out,
                       GError      **error)
{
  g_autofree gboolean *is_normal = NULL;
  guint bins[N_BINS] = { 0 };
  AscendStress stress = { 0 };
  AscendHrv hrv;
  double lo = G_MAXDOUBLE;
  double hi = -G_MAXDOUBLE;
  guint mode = 0;

  g_return_val_if_fail (rr_ms != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sinus)
    {
      g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                           _("Stress is not estimated while the heart rhythm is irregular."));
      return FALSE;
    }

  is_normal = g_new0 (gboolean, MAX (n, 1));
  stress.n_nn = ascend_rr_clean (rr_ms, n, is_normal);
  if (stress.n_nn < MIN_NN)
    {
      g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Stress needs at least %d normal beat; "
                                "%u of %" "zu" " remain after removing artefacts.",
                                "Stress needs at least %d normal beats; "
                                "%u of %" "zu" " remain after removing artefacts.", MIN_NN),
                   MIN_NN, stress.n_nn, n);
      return FALSE;
    }
  if (!ascend_hrv_compute_masked (rr_ms, is_normal, n, &hrv, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      guint bin;

      if (!is_normal[i])
        continue;
      lo = MIN (lo, rr_ms[i]);
      hi = MAX (hi, rr_ms[i]);
      bin = (guint) (rr_ms[i] / BIN_MS);
      g_assert (bin < N_BINS);
      bins[bin]++;
    }

  for (guint b = 1; b < N_BINS; b++)
    {
      double centre = (b + 0.5) * BIN_MS;
      double mode_centre = (mode + 0.5) * BIN_MS;

      if (bins[b] > bins[mode] ||
          (bins[b] == bins[mode] && fabs (centre - hrv.mean_nn) < fabs (mode_centre - hrv.mean_nn)))
        mode = b;
    }

  stress.mo = (mode + 0.5) * BIN_MS / 1000.0;
  stress.amo = 100.0 * bins[mode] / stress.n_nn;
  stress.mxdmn = MAX ((hi - lo) / 1000.0, MIN_RANGE_S);
  stress.baevsky_si = stress.amo / (2.0 * stress.mo * stress.mxdmn);
  stress.rmssd = hrv.rmssd;

  stress.level = ascend_stress_level (stress.baevsky_si, stress.rmssd);

  *out = stress;
  return TRUE;
}
