/* ascend-hrv.c: RR clean-up and time-domain HRV
 *
 * Clean-up rule (ascend_rr_clean). An RR interval is normal-to-normal (NN)
 * unless one of these holds:
 *
 *  1. Out of the physiologic range: below 300 ms (200 bpm) or above
 *     2000 ms (30 bpm), or not a finite number. Such a value is a missed or
 *     extra detection, not a heartbeat of a person at rest or exercising
 *     moderately.
 *  2. It deviates by more than 20% from its local reference, the median of
 *     the in-range intervals among the 5 before and the 5 after it (itself
 *     excluded; fewer at the ends of the series). This is the 20% rule of
 *     Malik et al. 1989 (Malik M, Farrell T, Cripps T, Camm AJ. Heart rate
 *     variability in relation to prognosis after myocardial infarction:
 *     selection of optimal processing techniques. Eur Heart J 10:1060-74),
 *     with a local median instead of the previous interval as reference, so
 *     one ectopic beat cannot contaminate the reference of its neighbours
 *     (as in Kubios' median-filtered detrending of artefacts; Lipponen &
 *     Tarvainen 2019 use the same idea).
 *  3. It directly follows an interval that was excluded for being short
 *     (below 300 ms, or more than 20% below its reference): the premature
 *     beat ends that short interval, and the next interval is its
 *     compensatory pause, which is not normal-to-normal even when it
 *     happens to be within 20% (a partially compensated ectopic beat).
 *     The rule does not chain: an interval removed as a compensatory pause
 *     does not remove the one after it, so a false detection that splits
 *     one beat in two (800 -> 300 + 500) costs those two intervals only.
 *
 * An interval with no in-range neighbour has no reference and is kept if
 * it passes rule 1.
 *
 * HRV (Task Force of the ESC and NASPE 1996, Circulation 93:1043-65):
 * - mean NN, and SDNN as the sample standard deviation (n - 1) of the NN;
 * - RMSSD and pNN50 over successive differences, counting only pairs of
 *   intervals that are both NN and adjacent in the original series: a pair
 *   that spans a removed interval is not a successive difference;
 * - pNN50 counts differences strictly greater than 50 ms;
 * - mean HR = 60000 / mean NN.
 * Fewer than 3 NN, or no adjacent NN pair, is ASCEND_HEALTH_ERROR_TOO_SHORT.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ascend-hrv.h"

#define RR_MIN_MS        300.0
#define RR_MAX_MS        2000.0
#define NEIGHBOURS       5      /* on each side */
#define MAX_DEVIATION    0.20

static inline gboolean
in_range (double rr)
{
  /* Written so that NaN fails. */
  return rr >= RR_MIN_MS && rr <= RR_MAX_MS;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median of the in-range intervals around i; FALSE when there are none. */
static gboolean
local_reference (const double *rr_ms,
                 gsize         n,
                 gsize         i,
                 double       *reference)
{
  double window[2 * NEIGHBOURS];
  gsize lo = i >= NEIGHBOURS ? i - NEIGHBOURS : 0;
  gsize hi = MIN (n - 1, i + NEIGHBOURS);
  gsize count = 0;

  for (gsize j = lo; j <= hi; j++)
    if (j != i && in_range (rr_ms[j]))
      window[count++] = rr_ms[j];

  if (count == 0)
    return FALSE;

  qsort (window, count, sizeof (double), compare_double);
  if (count % 2 == 1)
    *reference = window[count / 2];
  else
    *reference = (window[count / 2 - 1] + window[count / 2]) / 2.0;
  return TRUE;
}

guint
ascend_rr_clean (const double *rr_ms,
                 gsize         n,
                 gboolean     *is_normal)
{
  gboolean after_premature = FALSE;
  guint kept = 0;

  g_return_val_if_fail (rr_ms != NULL || n == 0, 0);
  g_return_val_if_fail (is_normal != NULL || n == 0, 0);

  for (gsize i = 0; i < n; i++)
    {
      double rr = rr_ms[i];
      double reference;
      gboolean normal = TRUE;
      gboolean premature = FALSE;

      if (!in_range (rr))
        {
          normal = FALSE;
          premature = rr < RR_MIN_MS;
        }
      else if (local_reference (rr_ms, n, i, &reference) &&
               fabs (rr - reference) > MAX_DEVIATION * reference)
        {
          normal = FALSE;
          premature = rr < reference;
        }

      if (after_premature)
        {
          normal = FALSE;
          premature = FALSE;
        }

      is_normal[i] = normal;
      kept += normal ? 1 : 0;
      after_premature = premature;
    }

  return kept;
}

gboolean
ascend_hrv_compute_masked (const double   *rr_ms,
                           const gboolean *is_normal,
                           gsize           n,
                           AscendHrv      *out,
                           GError        **error)
{
  AscendHrv hrv = { 0 };
  double sum = 0.0;
  double squares = 0.0;
  double diff_squares = 0.0;
  guint n_pairs = 0;
  guint n_over_50 = 0;

  g_return_val_if_fail (rr_ms != NULL || n == 0, FALSE);
  g_return_val_if_fail (is_normal != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hrv.n_beats = n;
  for (gsize i = 0; i < n; i++)
    {
      if (!is_normal[i])
        continue;
      hrv.n_nn++;
      sum += rr_ms[i];
      if (i > 0 && is_normal[i - 1])
        {
          double d = rr_ms[i] - rr_ms[i - 1];

          diff_squares += d * d;
          n_pairs++;
          if (fabs (d) > 50.0)
            n_over_50++;
        }
    }

  if (hrv.n_nn < 3)
    {
      g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT,
                   _("Heart rate variability needs at least 3 normal beats; "
                     "%u of %" "zu" " remain after removing artefacts."),
                   hrv.n_nn, n);
      return FALSE;
    }
  if (n_pairs == 0)
    {
      g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT,
                           _("Heart rate variability needs two normal beats in a row; "
                             "artefacts separate every pair."));
      return FALSE;
    }

  hrv.mean_nn = sum / hrv.n_nn;
  /* Second pass around the mean: the one-pass formula loses precision. */
  for (gsize i = 0; i < n; i++)
    if (is_normal[i])
      squares += (rr_ms[i] - hrv.mean_nn) * (rr_ms[i] - hrv.mean_nn);
  hrv.sdnn = sqrt (squares / (hrv.n_nn - 1));
  hrv.rmssd = sqrt (diff_squares / n_pairs);
  hrv.pnn50 = 100.0 * n_over_50 / n_pairs;
  hrv.mean_hr = 60000.0 / hrv.mean_nn;

  *out = hrv;
  return TRUE;
}

gboolean
ascend_hrv_compute (const double *rr_ms,
                    gsize         n,
                    AscendHrv    *out,
                    GError      **error)
{
  g_autofree gboolean *is_normal = NULL;

  g_return_val_if_fail (rr_ms != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  is_normal = g_new0 (gboolean, MAX (n, 1));
  ascend_rr_clean (rr_ms, n, is_normal);
  return ascend_hrv_compute_masked (rr_ms, is_normal, n, out, error);
}
