/* test-hrv.c: RR clean-up and time-domain HRV (Task Force 1996) */
#include "config.h"

#include <math.h>

#include "ascend-test-util.h"
#include "ascend-hrv.h"

#define EPS 1e-9

/* Runs the clean-up and asserts the mask: expected is a string of 'N'
 * (kept) and 'x' (removed), one per interval. */
static void
assert_clean (const double *rr,
              gsize         n,
              const char   *expected)
{
  g_autofree gboolean *mask = g_new0 (gboolean, n);
  g_autofree char *got = g_malloc0 (n + 1);
  guint kept;
  guint expected_kept = 0;

  g_assert_cmpuint (strlen (expected), ==, n);
  kept = ascend_rr_clean (rr, n, mask);
  for (gsize i = 0; i < n; i++)
    {
      got[i] = mask[i] ? 'N' : 'x';
      expected_kept += expected[i] == 'N';
    }
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (kept, ==, expected_kept);
}

#define CLEAN(expected, ...) G_STMT_START {                 \
    static const double rr_[] = { __VA_ARGS__ };              \
    assert_clean (rr_, G_N_ELEMENTS (rr_), (expected));       \
  } G_STMT_END

static void
test_hand_computed (void)
{
  /* RR 800 810 790 820 805 ms, all normal.
   *   successive differences: +10 -20 +30 -15
   *   RMSSD = sqrt((100 + 400 + 900 + 225) / 4) = sqrt(406.25) = 20.155644370746373
   *   mean NN = 4025 / 5 = 805
   *   SDNN = sqrt((25 + 25 + 225 + 225 + 0) / (5 - 1)) = sqrt(125) = 11.180339887498949
   *   pNN50 = 0 of 4 = 0 %
   *   mean HR = 60000 / 805 = 74.53416149068323 */
  static const double rr[] = { 800, 810, 790, 820, 805 };
  g_autoptr(GError) error = NULL;
  AscendHrv hrv;

  g_assert_true (ascend_hrv_compute (rr, G_N_ELEMENTS (rr), &hrv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hrv.n_beats, ==, 5);
  g_assert_cmpuint (hrv.n_nn, ==, 5);
  g_assert_cmpfloat_with_epsilon (hrv.rmssd, sqrt (406.25), EPS);
  g_assert_cmpfloat_with_epsilon (hrv.rmssd, 20.155644370746373, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.sdnn, 11.180339887498949, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.mean_nn, 805.0, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.pnn50, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.mean_hr, 74.53416149068323, EPS);
}

static void
test_pnn50_strictly_greater (void)
{
  /* RR 800 860 800 849 900 850 ms.
   *   differences: +60 -60 +49 +51 -50; > 50 ms: 60, 60, 51 (50 is not
   *   greater) -> pNN50 = 3 / 5 = 60 %
   *   RMSSD = sqrt((3600 + 3600 + 2401 + 2601 + 2500) / 5) = sqrt(2940.4)
   *         = 54.225455277019115
   *   mean = 5059 / 6 = 843.1666...; sum of squared deviations 7320.8333...
   *   SDNN = sqrt(7320.8333 / 5) = 38.264430828991394 */
  static const double rr[] = { 800, 860, 800, 849, 900, 850 };
  g_autoptr(GError) error = NULL;
  AscendHrv hrv;

  g_assert_true (ascend_hrv_compute (rr, G_N_ELEMENTS (rr), &hrv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hrv.n_nn, ==, 6);
  g_assert_cmpfloat_with_epsilon (hrv.pnn50, 60.0, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.rmssd, 54.225455277019115, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.sdnn, 38.264430828991394, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.mean_nn, 5059.0 / 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.mean_hr, 71.16030836133623, EPS);
}

static void
test_gap (void)
{
  /* A 2500 ms gap (missed beats) is out of range and removed. RMSSD and
   * pNN50 must not use the pair 810 -> 790 that spans it:
   *   pairs (800,810) (790,820) (820,805) (805,800): +10 +30 -15 -5
   *   RMSSD = sqrt((100 + 900 + 225 + 25) / 4) = sqrt(312.5) */
  static const double rr[] = { 800, 810, 2500, 790, 820, 805, 800 };
  g_autoptr(GError) error = NULL;
  AscendHrv hrv;

  assert_clean (rr, G_N_ELEMENTS (rr), "NNxNNNN");
  g_assert_true (ascend_hrv_compute (rr, G_N_ELEMENTS (rr), &hrv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hrv.n_beats, ==, 7);
  g_assert_cmpuint (hrv.n_nn, ==, 6);
  g_assert_cmpfloat_with_epsilon (hrv.rmssd, sqrt (312.5), EPS);
  g_assert_cmpfloat_with_epsilon (hrv.mean_nn, 4825.0 / 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.pnn50, 0.0, EPS);
}

static void
test_extra_beat (void)
{
  /* A false detection splits 800 ms into 300 + 500: both halves go (300
   * is in range but 62% below its neighbours; 500 follows a short one),
   * and the 820 after them stays (rule 3 does not chain). */
  CLEAN ("NNNxxNNNN", 800, 810, 790, 300, 500, 820, 805, 800, 790);
  /* Below the range: 250 removed by rule 1, the 550 after it as well. */
  CLEAN ("NNNxxNNNN", 800, 810, 790, 250, 550, 820, 805, 800, 790);
}

static void
test_ectopic_compensatory (void)
{
  /* A premature beat (560, 30% short) and its full compensatory pause
   * (1040, 30% long): both removed, the beats around them kept. */
  CLEAN ("NNNxxNNNN", 800, 810, 790, 560, 1040, 805, 800, 795, 810);
  /* A partially compensated ectopic: 950 is within 20% of its reference
   * (median 800, +18.75%) and still removed as the pause after 600. */
  CLEAN ("NNNxxNNNN", 800, 810, 790, 600, 950, 805, 800, 795, 810);
  /* A long interval alone (missed detection) removes only itself: the
   * interval after a long one is not a compensatory pause. */
  CLEAN ("NNxNNNNN", 800, 810, 1600, 790, 805, 800, 795, 810);
}

static void
test_twenty_percent_threshold (void)
{
  /* Deviation of exactly 20% is kept; more is removed. */
  CLEAN ("NNNNNNNNNNN", 800, 800, 800, 800, 800, 960, 800, 800, 800, 800, 800);
  CLEAN ("NNNNNxNNNNN", 800, 800, 800, 800, 800, 961, 800, 800, 800, 800, 800);
  CLEAN ("NNNNNNNNNNN", 800, 800, 800, 800, 800, 640, 800, 800, 800, 800, 800);
  /* 639 is short: it and the interval after it go. */
  CLEAN ("NNNNNxxNNNN", 800, 800, 800, 800, 800, 639, 800, 800, 800, 800, 800);
}

static void
test_range_limits (void)
{
  /* 300 and 2000 ms are the inclusive limits of the range; each value is
   * among neighbours like it, so only rule 1 can remove it. */
  CLEAN ("NNNN", 300, 300, 300, 300);
  CLEAN ("NNNN", 2000, 2000, 2000, 2000);
  CLEAN ("xxxN", 2001, 2001, 2001, 2000);
  CLEAN ("xxxx", 299, 299, 299, 299);
  /* Zero, negative and non-finite values are artefacts; a short one (0,
   * negative) also takes the interval after it (rule 3), a NaN or an
   * infinity does not. Rule 3 does not chain: -800 goes as the pause after
   * 0, and the 800 after it stays. */
  CLEAN ("NxxNxxN", 800, 0, -800, 800, 0, 800, 800);
  CLEAN ("NNxNxNN", 800, 800, NAN, 800, INFINITY, 800, 800);
  /* A single in-range interval has no reference: kept. */
  CLEAN ("N", 800);
  CLEAN ("x", 250);
}

static void
test_local_reference (void)
{
  /* The reference follows a slow change of heart rate: a steady rise from
   * 600 to 1000 ms is all normal, although its ends are 40% apart. */
  double rr[41];

  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    rr[i] = 600 + 10 * i;
  assert_clean (rr, G_N_ELEMENTS (rr), "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN");

  /* Two ectopic beats close together do not shift the median enough to
   * hide each other or remove normal neighbours. */
  CLEAN ("NNNxxNxxNNN", 800, 810, 790, 560, 1040, 805, 580, 1020, 800, 795, 810);
}

static void
test_too_short (void)
{
  static const double two[] = { 800, 810 };
  static const double gaps[] = { 800, 2500, 800, 2500, 800 };
  static const double junk[] = { 100, 5000, 0, 800, 810 };
  g_autoptr(GError) error = NULL;
  AscendHrv hrv;

  g_assert_false (ascend_hrv_compute (NULL, 0, &hrv, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_clear_error (&error);

  g_assert_false (ascend_hrv_compute (two, G_N_ELEMENTS (two), &hrv, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_assert_nonnull (strstr (error->message, "2 of 2 remain"));
  g_clear_error (&error);

  g_assert_false (ascend_hrv_compute (junk, G_N_ELEMENTS (junk), &hrv, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_clear_error (&error);

  /* Three NN, but no two of them adjacent: no successive difference. */
  assert_clean (gaps, G_N_ELEMENTS (gaps), "NxNxN");
  g_assert_false (ascend_hrv_compute (gaps, G_N_ELEMENTS (gaps), &hrv, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_clear_error (&error);
}

/* Five minutes of clean synthetic RR against a direct computation over all
 * intervals (nothing is removed, so the two must agree). */
static void
test_five_minutes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1996);
  g_autoptr(GError) error = NULL;
  double rr[375];
  double sum = 0, ss = 0, dd = 0;
  guint over = 0;
  AscendHrv hrv;
  double mean;

  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    rr[i] = 800 + 60 * sin (i * G_PI / 2.0) + 30 * sin (i * 2 * G_PI / 30.0)
            + g_rand_double_range (rand, -10, 10);
  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    sum += rr[i];
  mean = sum / G_N_ELEMENTS (rr);
  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    ss += (rr[i] - mean) * (rr[i] - mean);
  for (guint i = 1; i < G_N_ELEMENTS (rr); i++)
    {
      dd += (rr[i] - rr[i - 1]) * (rr[i] - rr[i - 1]);
      over += fabs (rr[i] - rr[i - 1]) > 50;
    }

  g_assert_true (ascend_hrv_compute (rr, G_N_ELEMENTS (rr), &hrv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hrv.n_nn, ==, G_N_ELEMENTS (rr));
  g_assert_cmpfloat_with_epsilon (hrv.mean_nn, mean, EPS);
  g_assert_cmpfloat_with_epsilon (hrv.sdnn, sqrt (ss / (G_N_ELEMENTS (rr) - 1)), EPS);
  g_assert_cmpfloat_with_epsilon (hrv.rmssd, sqrt (dd / (G_N_ELEMENTS (rr) - 1)), EPS);
  g_assert_cmpfloat_with_epsilon (hrv.pnn50, 100.0 * over / (G_N_ELEMENTS (rr) - 1), EPS);
  /* The 4-beat wave (0, +60, 0, -60) makes successive differences of
   * +-60 ms, plus a little from the slow wave and the noise: RMSSD about
   * 61 ms, and most differences exceed 50 ms. */
  g_assert_cmpfloat (hrv.rmssd, >, 55);
  g_assert_cmpfloat (hrv.rmssd, <, 70);
  g_assert_cmpfloat (hrv.pnn50, >, 50);
}

static void
test_masked (void)
{
  /* A caller's own mask is used as given. */
  static const double rr[] = { 800, 810, 790, 820, 805 };
  static const gboolean mask[] = { TRUE, TRUE, FALSE, TRUE, TRUE };
  g_autoptr(GError) error = NULL;
  AscendHrv hrv;

  g_assert_true (ascend_hrv_compute_masked (rr, mask, G_N_ELEMENTS (rr), &hrv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hrv.n_nn, ==, 4);
  /* pairs (800,810) and (820,805): sqrt((100 + 225) / 2) */
  g_assert_cmpfloat_with_epsilon (hrv.rmssd, sqrt (162.5), EPS);
  g_assert_cmpfloat_with_epsilon (hrv.mean_nn, 3235.0 / 4.0, EPS);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/hrv/hand-computed", test_hand_computed);
  g_test_add_func ("/hrv/pnn50-strictly-greater", test_pnn50_strictly_greater);
  g_test_add_func ("/hrv/gap", test_gap);
  g_test_add_func ("/hrv/extra-beat", test_extra_beat);
  g_test_add_func ("/hrv/ectopic-compensatory", test_ectopic_compensatory);
  g_test_add_func ("/hrv/twenty-percent-threshold", test_twenty_percent_threshold);
  g_test_add_func ("/hrv/range-limits", test_range_limits);
  g_test_add_func ("/hrv/local-reference", test_local_reference);
  g_test_add_func ("/hrv/too-short", test_too_short);
  g_test_add_func ("/hrv/five-minutes", test_five_minutes);
  g_test_add_func ("/hrv/masked", test_masked);

  return g_test_run ();
}
