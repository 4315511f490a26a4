/* test-stress.c: the 1-10 stress level (Baevsky SI and RMSSD) */
#include "config.h"

#include <math.h>

#include "ascend-test-util.h"
#include "ascend-stress.h"

#define N_BEATS 300

/* Deterministic synthetic RR: a 4-beat respiratory wave (its successive
 * differences are +-hf, so RMSSD is about hf), a 25-beat slow wave that
 * widens the histogram, and uniform noise from a fixed seed. */
static void
synth (double  *rr,
       gsize    n,
       guint32  seed,
       double   mean,
       double   hf,
       double   lf,
       double   noise)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < n; i++)
    rr[i] = mean + hf * sin (i * G_PI / 2.0) + lf * sin (i * 2.0 * G_PI / 25.0)
            + g_rand_double_range (rand, -noise, noise);
}

static AscendStress
compute_ok (const double *rr,
            gsize         n)
{
  g_autoptr(GError) error = NULL;
  AscendStress stress;

  g_assert_true (ascend_stress_compute (rr, n, TRUE, &stress, &error));
  g_assert_no_error (error);
  g_test_message ("SI %.1f (Mo %.3f s, AMo %.1f %%, MxDMn %.3f s), RMSSD %.1f ms, level %d",
                  stress.baevsky_si, stress.mo, stress.amo, stress.mxdmn, stress.rmssd,
                  stress.level);
  return stress;
}

static void
test_calm (void)
{
  double rr[N_BEATS];
  AscendStress s;

  /* Mean 900 ms, RMSSD about 60 ms, a wide histogram. */
  synth (rr, N_BEATS, 1, 900, 55, 80, 15);
  s = compute_ok (rr, N_BEATS);
  g_assert_cmpuint (s.n_nn, ==, N_BEATS);
  g_assert_cmpfloat (s.rmssd, >, 50);
  g_assert_cmpfloat (s.rmssd, <, 70);
  g_assert_cmpfloat (s.baevsky_si, <, 50);   /* Baevsky: relaxed */
  g_assert_cmpint (s.level, >=, 1);
  g_assert_cmpint (s.level, <=, 3);
}

static void
test_normal (void)
{
  double rr[N_BEATS];
  AscendStress s;

  /* Mean 800 ms, RMSSD about 30 ms. */
  synth (rr, N_BEATS, 2, 800, 28, 55, 8);
  s = compute_ok (rr, N_BEATS);
  g_assert_cmpfloat (s.rmssd, >, 25);
  g_assert_cmpfloat (s.rmssd, <, 35);
  g_assert_cmpfloat (s.baevsky_si, >, 50);   /* Baevsky: normal */
  g_assert_cmpfloat (s.baevsky_si, <, 150);
  g_assert_cmpint (s.level, >=, 4);
  g_assert_cmpint (s.level, <=, 6);
}

static void
test_stressed (void)
{
  double rr[N_BEATS];
  AscendStress s;

  /* Mean 520 ms (115 bpm), RMSSD about 8 ms, a narrow histogram. */
  synth (rr, N_BEATS, 3, 520, 7, 8, 3);
  s = compute_ok (rr, N_BEATS);
  g_assert_cmpfloat (s.rmssd, >, 5);
  g_assert_cmpfloat (s.rmssd, <, 11);
  g_assert_cmpfloat (s.baevsky_si, >, 900);  /* Baevsky: overstrain */
  g_assert_cmpint (s.level, >=, 8);
  g_assert_cmpint (s.level, <=, 10);
}

static void
test_ordering (void)
{
  /* Less variability at a faster rate never lowers the level. */
  static const struct { double mean, hf, lf, noise; } steps[] = {
    { 1000, 70, 100, 20 }, { 900, 55, 80, 15 }, { 800, 28, 55, 8 },
    { 700, 18, 20, 6 }, { 600, 10, 12, 4 }, { 520, 7, 8, 3 },
  };
  double rr[N_BEATS];
  int previous = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      AscendStress s;

      synth (rr, N_BEATS, 10 + i, steps[i].mean, steps[i].hf, steps[i].lf, steps[i].noise);
      s = compute_ok (rr, N_BEATS);
      g_assert_cmpint (s.level, >=, previous);
      previous = s.level;
    }
  g_assert_cmpint (previous, >=, 8);
}

static void
test_hand_computed (void)
{
  /* [810 810 770 810 810 860] five times: 30 NN, none removed.
   *   50 ms bins: 810 -> [800, 850) x 20, 770 -> [750, 800) x 5,
   *               860 -> [850, 900) x 5
   *   Mo = 0.825 s, AMo = 20 / 30 = 66.67 %, MxDMn = 0.860 - 0.770 = 0.090 s
   *   SI = 66.667 / (2 * 0.825 * 0.090) = 448.934
   *   successive differences within a period 0 -40 +40 0 +50 (5700 squared,
   *   five times: 28500), and -50 at each of the 4 seams 860 -> 810 (10000):
   *   RMSSD = sqrt(38500 / 29) = 36.436
   *   level: s_si = 5.5 + 2.5 * ln(448.93 / 150) / ln(500 / 150) = 7.776,
   *          s_rmssd = 1 + 9 * ln(100 / 36.436) / ln(20) = 4.033,
   *          0.6 * 7.776 + 0.4 * 4.033 = 6.28 -> 6 */
  static const double period[] = { 810, 810, 770, 810, 810, 860 };
  double rr[30];
  AscendStress s;

  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    rr[i] = period[i % G_N_ELEMENTS (period)];
  s = compute_ok (rr, G_N_ELEMENTS (rr));
  g_assert_cmpuint (s.n_nn, ==, 30);
  g_assert_cmpfloat_with_epsilon (s.mo, 0.825, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.amo, 200.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.mxdmn, 0.090, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.baevsky_si, (200.0 / 3.0) / (2 * 0.825 * 0.090), 1e-9);
  g_assert_cmpfloat_with_epsilon (s.baevsky_si, 448.93378226711574, 1e-6);
  g_assert_cmpfloat_with_epsilon (s.rmssd, sqrt (38500.0 / 29.0), 1e-9);
  g_assert_cmpint (s.level, ==, 6);
}

static void
test_mode_tie (void)
{
  /* 15 at 810 ms and 15 at 860 ms: bins [800, 850) and [850, 900) tie;
   * the mean is 835, nearer the centre 825 than 875. */
  double rr[30];
  AscendStress s;

  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    rr[i] = (i / 3) % 2 == 0 ? 810 : 860;
  s = compute_ok (rr, G_N_ELEMENTS (rr));
  g_assert_cmpfloat_with_epsilon (s.mo, 0.825, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.amo, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.mxdmn, 0.050, 1e-12);

  /* 10 at 810 ms and 20 at 880 ms: no tie, the fuller bin [850, 900). */
  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    rr[i] = i % 3 == 0 ? 810 : 880;
  s = compute_ok (rr, G_N_ELEMENTS (rr));
  g_assert_cmpfloat_with_epsilon (s.mo, 0.875, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.amo, 200.0 / 3.0, 1e-9);
}

static void
test_constant_rhythm (void)
{
  /* No variation at all: MxDMn is floored at 1 ms, SI stays finite and
   * the level is the highest. */
  double rr[40];
  AscendStress s;

  for (guint i = 0; i < G_N_ELEMENTS (rr); i++)
    rr[i] = 800;
  s = compute_ok (rr, G_N_ELEMENTS (rr));
  g_assert_cmpfloat_with_epsilon (s.mxdmn, 0.001, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.baevsky_si, 100.0 / (2 * 0.825 * 0.001), 1e-6);
  g_assert_cmpfloat (s.rmssd, ==, 0.0);
  g_assert_cmpint (s.level, ==, 10);
}

static void
test_level_mapping (void)
{
  /* The examples of the table in ascend-stress.c. */
  g_assert_cmpint (ascend_stress_level (40, 70), ==, 2);
  g_assert_cmpint (ascend_stress_level (80, 45), ==, 4);
  g_assert_cmpint (ascend_stress_level (150, 30), ==, 5);
  g_assert_cmpint (ascend_stress_level (300, 20), ==, 6);
  g_assert_cmpint (ascend_stress_level (500, 15), ==, 7);
  g_assert_cmpint (ascend_stress_level (1500, 8), ==, 9);
  /* The ends. */
  g_assert_cmpint (ascend_stress_level (10, 150), ==, 1);
  g_assert_cmpint (ascend_stress_level (25, 100), ==, 1);
  g_assert_cmpint (ascend_stress_level (1500, 5), ==, 10);
  g_assert_cmpint (ascend_stress_level (1e9, 0), ==, 10);
  g_assert_cmpint (ascend_stress_level (0, 1e9), ==, 1);

  /* Monotonic: up with SI, down with RMSSD. */
  for (double rmssd = 2; rmssd <= 200; rmssd *= 1.3)
    {
      int previous = 1;

      for (double si = 5; si <= 5000; si *= 1.1)
        {
          int level = ascend_stress_level (si, rmssd);

          g_assert_cmpint (level, >=, previous);
          g_assert_cmpint (level, <=, 10);
          g_assert_cmpint (ascend_stress_level (si, rmssd * 1.3), <=, level);
          previous = level;
        }
    }
}

static void
test_artefacts_removed_first (void)
{
  /* The normal series with 10 ectopic beats and their compensatory pauses:
   * they are removed before the histogram, so the level does not move. */
  double rr[N_BEATS];
  AscendStress clean, noisy;

  synth (rr, N_BEATS, 2, 800, 28, 55, 8);
  clean = compute_ok (rr, N_BEATS);
  for (guint k = 0; k < 10; k++)
    {
      guint i = 20 + 27 * k;

      rr[i] = 0.65 * rr[i - 1];
      rr[i + 1] = 1.35 * rr[i - 1];
    }
  noisy = compute_ok (rr, N_BEATS);
  g_assert_cmpuint (noisy.n_nn, ==, N_BEATS - 20);
  g_assert_cmpint (noisy.level, ==, clean.level);
  g_assert_cmpfloat (fabs (noisy.rmssd - clean.rmssd), <, 2.0);
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  double rr[N_BEATS];
  AscendStress s;

  synth (rr, N_BEATS, 2, 800, 28, 55, 8);

  /* Not in sinus rhythm: refused whatever the data. */
  g_assert_false (ascend_stress_compute (rr, N_BEATS, FALSE, &s, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "irregular"));
  g_clear_error (&error);

  /* 29 clean intervals: one short of 30. */
  g_assert_false (ascend_stress_compute (rr, 29, TRUE, &s, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_assert_nonnull (strstr (error->message, "29 of 29 remain"));
  g_clear_error (&error);
  s = compute_ok (rr, 30);
  g_assert_cmpuint (s.n_nn, ==, 30);

  /* 40 intervals, but 12 are ectopic pairs: 28 NN. */
  for (guint k = 0; k < 6; k++)
    {
      guint i = 3 + 6 * k;

      rr[i] = 0.65 * rr[i - 1];
      rr[i + 1] = 1.35 * rr[i - 1];
    }
  g_assert_false (ascend_stress_compute (rr, 40, TRUE, &s, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_assert_nonnull (strstr (error->message, "28 of 40 remain"));
  g_clear_error (&error);

  g_assert_false (ascend_stress_compute (NULL, 0, TRUE, &s, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/stress/calm", test_calm);
  g_test_add_func ("/stress/normal", test_normal);
  g_test_add_func ("/stress/stressed", test_stressed);
  g_test_add_func ("/stress/ordering", test_ordering);
  g_test_add_func ("/stress/hand-computed", test_hand_computed);
  g_test_add_func ("/stress/mode-tie", test_mode_tie);
  g_test_add_func ("/stress/constant-rhythm", test_constant_rhythm);
  g_test_add_func ("/stress/level-mapping", test_level_mapping);
  g_test_add_func ("/stress/artefacts-removed-first", test_artefacts_removed_first);
  g_test_add_func ("/stress/refusals", test_refusals);

  return g_test_run ();
}
