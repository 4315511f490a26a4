/* test-rhythm.c: the AF (irregular rhythm) detector and the afdb parsers
 *
 * Synthetic RR series whose answer is known (sinus rhythm with respiratory
 * variation, random AF-like intervals, sinus with isolated ectopic beats),
 * the streaming detector against the batch one, the parsers on good text
 * and on junk, and floors on the real MIT-BIH AF Database records in
 * ../shared/data/afdb-rr (skipped when they are not there), scored as
 * bench-rhythm scores them (positive = AFIB beats; AFL and J are non-AF).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-health-error.h"
#include "ascend-rhythm.h"

/* The shipped detector (fit on all 17 records) scores per beat Se 98.9%,
 * Sp 99.2%, and in 128-beat windows Se 99.0%, Sp 99.5% (bench-rhythm).
 * Held out by record it scores nearly the same. The floors leave about one
 * point of margin per beat, and hold the windows to the 95% the issue asks. */
#define FLOOR_BEAT_SE 97.5
#define FLOOR_BEAT_SP 98.0
#define FLOOR_WIN_SE 95.0
#define FLOOR_WIN_SP 95.0

/* Deterministic uniform numbers in [0, 1). */
static double
uniform (guint32 *seed)
{
  *seed = *seed * 1664525u + 1013904223u;
  return (*seed >> 8) / (double) (1u << 24);
}

/* Sinus rhythm: 850 ms with respiratory sinus arrhythmia (+-6% over about
 * four beats), a slow drift, and +-1% beat-to-beat noise. */
static void
make_sinus (double  *rr,
            gsize    n,
            guint32 *seed)
{
  for (gsize i = 0; i < n; i++)
    rr[i] = 850.0 * (1.0 + 0.06 * sin (2 * G_PI * i / 4.3) +
                     0.10 * sin (2 * G_PI * i / 700.0) +
                     0.02 * (uniform (seed) - 0.5));
}

/* AF-like: independent intervals, uniform in [350, 1100] ms. */
static void
make_af (double  *rr,
         gsize    n,
         guint32 *seed)
{
  for (gsize i = 0; i < n; i++)
    rr[i] = 350.0 + 750.0 * uniform (seed);
}

static gsize
count_true (const gboolean *v,
            gsize           n)
{
  gsize c = 0;

  for (gsize i = 0; i < n; i++)
    c += v[i] != FALSE;
  return c;
}

static void
test_sinus_regular (void)
{
  const gsize n = 3000;
  g_autofree double *rr = g_new (double, n);
  g_autofree gboolean *irregular = g_new (gboolean, n);
  guint32 seed = 1;

  make_sinus (rr, n, &seed);
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, n), ==, 0);

  /* Faster and slower hearts, and a quick rise of the rate (exercise). */
  for (gsize i = 0; i < n; i++)
    rr[i] = (i < 1000 ? 1100.0 : i < 1040 ? 1100.0 - 15.0 * (i - 1000) : 500.0) *
            (1.0 + 0.02 * (uniform (&seed) - 0.5));
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, n), ==, 0);
}

static void
test_af_irregular (void)
{
  const gsize n = 3000;
  g_autofree double *rr = g_new (double, n);
  g_autofree gboolean *irregular = g_new (gboolean, n);
  guint32 seed = 2;

  make_af (rr, n, &seed);
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, n), ==, n);

  /* An AF episode inside sinus rhythm is found where it is, give or take
   * the smoothing. */
  make_sinus (rr, n, &seed);
  make_af (rr + 1000, 1000, &seed);
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, 900), ==, 0);
  g_assert_cmpuint (count_true (irregular + 1050, 900), ==, 900);
  g_assert_cmpuint (count_true (irregular + 2100, 900), ==, 0);
}

static void
test_ectopic_mostly_regular (void)
{
  const gsize n = 3000;
  g_autofree double *rr = g_new (double, n);
  g_autofree gboolean *irregular = g_new (gboolean, n);
  guint32 seed = 3;
  gsize ectopics = 0;

  /* An isolated premature beat every 10 to 30 beats: a short coupling
   * interval, then a compensatory pause. */
  make_sinus (rr, n, &seed);
  for (gsize i = 20; i + 1 < n; i += 10 + (gsize) (20 * uniform (&seed)))
    {
      double base = rr[i];

      rr[i] = 0.65 * base;
      rr[i + 1] = 1.35 * base;
      ectopics++;
    }
  g_assert_cmpuint (ectopics, >, 100);
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, n), <=, n / 20);

  /* Bigeminy: every other beat premature. The intervals alternate short
   * and long, but they repeat. */
  make_sinus (rr, n, &seed);
  for (gsize i = 0; i + 1 < n; i += 2)
    {
      double base = rr[i];

      rr[i] = 0.65 * base;
      rr[i + 1] = 1.35 * base;
    }
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, n), <=, n / 20);

  /* Artefacts: a missed beat (double interval) and an extra beat (split
   * interval) now and then, and values no heart makes. */
  make_sinus (rr, n, &seed);
  for (gsize i = 50; i + 1 < n; i += 97)
    rr[i] *= 2.0;
  for (gsize i = 80; i + 1 < n; i += 131)
    {
      rr[i] *= 0.4;
      rr[i + 1] *= 0.6;
    }
  rr[500] = NAN;
  rr[700] = -5;
  rr[900] = INFINITY;
  rr[1100] = 0;
  ascend_rhythm_classify (rr, n, irregular);
  g_assert_cmpuint (count_true (irregular, n), <=, n / 20);
}

/* Pushes rr one by one and flushes; checks the protocol on the way. */
static void
stream (AscendRhythmDetector *detector,
        const double         *rr,
        gsize                 n,
        gboolean             *out)
{
  guint delay = ascend_rhythm_detector_delay (detector);
  gsize written = 0;

  for (gsize i = 0; i < n; i++)
    {
      gboolean decision = 42;
      gboolean ready = ascend_rhythm_detector_push (detector, rr[i], &decision);

      g_assert_cmpint (ready, ==, i >= delay);
      if (ready)
        {
          g_assert_true (decision == TRUE || decision == FALSE);
          out[written++] = decision;
        }
    }
  g_assert_cmpuint (written, ==, n > delay ? n - delay : 0);
  written += ascend_rhythm_detector_flush (detector, out + written, n - written);
  g_assert_cmpuint (written, ==, n);
}

static void
test_streaming_equals_batch (void)
{
  const gsize n = 6000;
  g_autofree double *rr = g_new (double, n);
  g_autofree gboolean *batch = g_new (gboolean, n);
  g_autofree gboolean *streamed = g_new (gboolean, n);
  g_autoptr(AscendRhythmDetector) detector = ascend_rhythm_detector_new ();
  const gsize lengths[] = { 0, 1, 2, 3, 5, 17, 48, 49, 50, 97, 200, 6000 };
  guint32 seed = 4;
  guint delay = ascend_rhythm_detector_delay (detector);

  g_assert_cmpuint (delay, >=, 8);
  g_assert_cmpuint (delay, <=, 64);

  /* Sinus, AF, sinus with ectopy, AF: every kind of boundary. */
  make_sinus (rr, n, &seed);
  make_af (rr + 1000, 1500, &seed);
  for (gsize i = 3000; i < 4000; i += 7)
    rr[i] *= 0.7;
  make_af (rr + 4500, 1200, &seed);

  for (guint k = 0; k < G_N_ELEMENTS (lengths); k++)
    {
      gsize len = lengths[k];

      ascend_rhythm_classify (rr, len, batch);
      stream (detector, rr, len, streamed);
      g_assert_cmpmem (batch, len * sizeof (gboolean), streamed, len * sizeof (gboolean));
      /* The detector starts over after a flush. */
      stream (detector, rr, len, streamed);
      g_assert_cmpmem (batch, len * sizeof (gboolean), streamed, len * sizeof (gboolean));
    }

  /* reset() in the middle of a recording forgets it. */
  for (gsize i = 0; i < 500; i++)
    ascend_rhythm_detector_push (detector, rr[1000 + i], NULL);
  ascend_rhythm_detector_reset (detector);
  ascend_rhythm_classify (rr, n, batch);
  stream (detector, rr, n, streamed);
  g_assert_cmpmem (batch, n * sizeof (gboolean), streamed, n * sizeof (gboolean));

  /* A flush into a short buffer writes what fits. */
  for (gsize i = 0; i < 300; i++)
    ascend_rhythm_detector_push (detector, rr[i], NULL);
  g_assert_cmpuint (ascend_rhythm_detector_flush (detector, streamed, 5), ==, 5);
  g_assert_cmpuint (ascend_rhythm_detector_flush (detector, streamed, 5), ==, 0);
}

static void
test_features_match_detector (void)
{
  const AscendRhythmParams *p = ascend_rhythm_params_default ();
  AscendRhythmParams q = *p;
  const gsize n = 800;
  g_autofree double *rr = g_new (double, n);
  g_autofree double *features = g_new (double, n * ASCEND_RHYTHM_N_FEATURES);
  g_autofree gboolean *batch = g_new (gboolean, n);
  guint32 seed = 5;

  make_sinus (rr, n, &seed);
  make_af (rr + 300, 300, &seed);
  ascend_rhythm_features (rr, n, p->half_window, p->tolerance, features);
  /* Every feature is the log of a share of matching pairs: <= 0. Sinus
   * beats match; AF beats hardly do. */
  for (gsize i = 0; i < n * ASCEND_RHYTHM_N_FEATURES; i++)
    g_assert_cmpfloat (features[i], <=, 0.0);
  g_assert_cmpfloat (features[100 * ASCEND_RHYTHM_N_FEATURES + 2], >, -2.0);
  g_assert_cmpfloat (features[450 * ASCEND_RHYTHM_N_FEATURES + 2], <, -4.0);

  /* Without smoothing, a beat is irregular exactly when its linear score
   * is positive. */
  q.smooth_half = 0;
  ascend_rhythm_classify_with_params (&q, rr, n, batch);
  for (gsize i = 0; i < n; i++)
    {
      double s = q.weight[0];

      for (guint f = 0; f < ASCEND_RHYTHM_N_FEATURES; f++)
        s += q.weight[1 + f] * features[i * ASCEND_RHYTHM_N_FEATURES + f];
      g_assert_cmpint (batch[i], ==, s > 0.0);
    }
}

/* ------------------------------------------------------------------------ */
/* Parsers                                                                    */

static const char *atr_header = "Elapsed time  Sample #  Type  Sub Chan  Num\tAux\n";

static void
test_parse_good (void)
{
  AscendAfdbRecord rec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *atr = g_strconcat (atr_header,
    "    0:01.000      250     +    0    0    0\t(N\n"
    "    0:02.000      500     +    0    0    0\t(AFIB\n"
    "    0:03.000      750     N    0    0    0\n"        /* not a rhythm change */
    "    0:04.000     1000     +    0    0    0\t(AFL\n"
    "    0:05.000     1250     +    0    0    0\t(J\n"
    "    0:06.000     1500     +    0    0    0\t(SVTA\n",  /* another rhythm: N */
    NULL);
  /* CRLF, a blank line, no final newline. */
  const char *qrs =
    "0\t0.244\t61\r\n"
    "61\t0.556\t200\r\n"
    "\r\n"
    "200\t0.400\t300\n"
    "300\t0.800\t500\n"
    "500 0.500 625\n"
    "625\t0.500\t750\n"
    "750\t1.000\t1000\n"
    "1000\t0.252\t1063\n"
    "1063\t0.748\t1250\n"
    "1250\t0.500\t1375\n"
    "1375\t0.500\t1500\n"
    "1500\t1.000\t1750";

  g_assert_true (ascend_afdb_parse (qrs, atr, &rec, &error));
  g_assert_no_error (error);
  /* The first line (from the start of the recording) is dropped. */
  g_assert_cmpuint (rec.n, ==, 11);
  g_assert_cmpint (rec.sample[0], ==, 200);
  /* Exact intervals from the sample numbers: 139 samples = 556 ms. */
  g_assert_cmpfloat (rec.rr_ms[0], ==, 556.0);
  g_assert_cmpfloat (rec.rr_ms[6], ==, 252.0);
  g_assert_cmpstr (rec.label, ==, "NNAAAFFJJNN");
  ascend_afdb_clear (&rec);
  g_assert_null (rec.rr_ms);
  g_assert_null (rec.label);
  g_assert_cmpuint (rec.n, ==, 0);

  /* Without rhythm annotations every beat is 'N'; beats before the first
   * annotation are 'N' too. */
  g_assert_true (ascend_afdb_parse (qrs, NULL, &rec, &error));
  g_assert_cmpstr (rec.label, ==, "NNNNNNNNNNN");
  ascend_afdb_clear (&rec);
  {
    g_autofree char *late = g_strconcat (atr_header,
      "    0:04.000     1000     +    0    0    0\t(AFIB\n", NULL);

    g_assert_true (ascend_afdb_parse (qrs, late, &rec, &error));
    g_assert_cmpstr (rec.label, ==, "NNNNNAAAAAA");
    ascend_afdb_clear (&rec);
  }

  /* Nothing, or only the first line: no beats, no error. */
  g_assert_true (ascend_afdb_parse ("", "", &rec, &error));
  g_assert_cmpuint (rec.n, ==, 0);
  ascend_afdb_clear (&rec);
  g_assert_true (ascend_afdb_parse ("0\t0.244\t61\n", atr_header, &rec, &error));
  g_assert_cmpuint (rec.n, ==, 0);
  g_assert_nonnull (rec.label);
  ascend_afdb_clear (&rec);
  ascend_afdb_clear (&rec);
  ascend_afdb_clear (NULL);
}

static void
test_parse_malformed (void)
{
  const char *bad_qrs[] = {
    "0\t0.244\t61\n61\t0.556\n",                 /* two fields */
    "0\t0.244\t61\n61\t0.556\t200\t7\n",         /* four */
    "0\t0.244\t61\n61\tabc\t200\n",              /* not a number */
    "0\t0.244\t61\n61\t0.556\t2x0\n",
    "0\t0.244\t61\n-61\t0.556\t200\n",           /* negative */
    "0\t0.244\t61\n61\t-0.556\t200\n",
    "0\t0.244\t61\n61\t0.556e0\t200\n",          /* not plain decimal */
    "0\t0.244\t61\n200\t0.000\t200\n",           /* empty interval */
    "0\t0.244\t61\n61\t0.700\t200\n",            /* interval does not match */
    "0\t0.244\t61\n61\t0.556\t200\n20\t0.120\t50\n",   /* back in time */
    "0\t0.244\t61\n61\t0.556\t99999999999999999999999\n",  /* overflow */
    "junk\n61\t0.556\t200\n",                    /* the first line is checked too */
    "0\t0.244\t61\n61\t\xff\t200\n",
  };
  const char *good_qrs = "0\t0.244\t61\n61\t0.556\t200\n";
  const char *bad_atr[] = {
    "Elapsed\n    0:00.120   xx   +  0  0  0\t(N\n",       /* no sample number */
    "Elapsed\n    0:00.120\n",                            /* nothing after the time */
    "Elapsed\n    120   30   +  0  0  0\t(N\n",           /* no elapsed time */
    "Elapsed\n  0:01.000  250  +  0  0  0\t(AFIB\n  0:00.500  125  +  0  0  0\t(N\n",  /* back */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_qrs); i++)
    {
      AscendAfdbRecord rec = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("qrs case %u", i);
      g_assert_false (ascend_afdb_parse (bad_qrs[i], NULL, &rec, &error));
      g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
      g_assert_true (strstr (error->message, "Line ") != NULL);
      g_assert_null (rec.rr_ms);
      g_assert_cmpuint (rec.n, ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_atr); i++)
    {
      AscendAfdbRecord rec = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("atr case %u", i);
      g_assert_false (ascend_afdb_parse (good_qrs, bad_atr[i], &rec, &error));
      g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
      g_assert_null (rec.label);
    }

  /* The line named is the bad one, counted from 1 with blank lines. */
  {
    AscendAfdbRecord rec = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (ascend_afdb_parse ("0\t0.244\t61\n\n61\t0.556\t200\nx\n", NULL, &rec, &error));
    g_assert_nonnull (strstr (error->message, "Line 4 "));
  }
}

/* Random bytes and cut-off copies of good text: refused or parsed, never a
 * crash or a read past the end (run under the sanitizers). */
static void
test_parse_junk (void)
{
  const char *good = "0\t0.244\t61\n61\t0.556\t200\n200\t0.632\t358\n";
  g_autofree char *atr = g_strconcat (atr_header,
    "    0:00.704      176     +    0    0    0\t(N\n"
    "    0:01.000      250     +    0    0    0\t(AFIB\n", NULL);
  guint32 seed = 6;

  for (gsize cut = 0; cut <= strlen (good); cut++)
    for (gsize cut_atr = 0; cut_atr <= strlen (atr); cut_atr += 7)
      {
        g_autofree char *q = g_strndup (good, cut);
        g_autofree char *a = g_strndup (atr, cut_atr);
        AscendAfdbRecord rec = { 0 };
        g_autoptr(GError) error = NULL;

        if (ascend_afdb_parse (q, a, &rec, &error))
          g_assert_cmpuint (strlen (rec.label), ==, rec.n);
        ascend_afdb_clear (&rec);
      }
  for (guint round = 0; round < 2000; round++)
    {
      char junk[64];
      gsize len = (gsize) (uniform (&seed) * (sizeof junk - 1));
      const char alphabet[] = "0123456789.\t \n\r:(+-AFIBLNJx";
      AscendAfdbRecord rec = { 0 };
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < len; i++)
        junk[i] = round % 2 ? alphabet[(gsize) (uniform (&seed) * (sizeof alphabet - 1))]
                            : (char) (1 + uniform (&seed) * 255);
      junk[len] = '\0';
      if (ascend_afdb_parse (junk, junk, &rec, &error))
        g_assert_no_error (error);
      else
        g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
      ascend_afdb_clear (&rec);
    }
}

/* ------------------------------------------------------------------------ */
/* The MIT-BIH AF Database                                                    */

static void
test_afdb_floors (void)
{
  g_autofree char *dir = ascend_test_shared_data ("afdb-rr");
  g_autoptr(GDir) d = NULL;
  const char *entry;
  guint64 tp = 0, fn = 0, tn = 0, fp = 0, wtp = 0, wfn = 0, wtn = 0, wfp = 0;
  guint records = 0;
  double beat_se, beat_sp, win_se, win_sp;

  if (dir == NULL)
    {
      g_test_skip ("../shared/data/afdb-rr is not there");
      return;
    }
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *qrs_path = NULL, *atr_path = NULL, *qrs = NULL, *atr = NULL;
      g_autofree gboolean *irregular = NULL;
      g_autoptr(GError) error = NULL;
      AscendAfdbRecord rec = { 0 };

      if (!g_str_has_prefix (entry, "qrs") || !g_str_has_suffix (entry, ".txt"))
        continue;
      qrs_path = g_build_filename (dir, entry, NULL);
      atr_path = g_build_filename (dir, entry, NULL);
      memcpy (strrchr (atr_path, G_DIR_SEPARATOR) + 1, "atr", 3);
      g_assert_true (g_file_get_contents (qrs_path, &qrs, NULL, &error));
      g_assert_true (g_file_get_contents (atr_path, &atr, NULL, &error));
      g_assert_true (ascend_afdb_parse (qrs, atr, &rec, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rec.n, >, 30000);

      irregular = g_new (gboolean, rec.n);
      ascend_rhythm_classify (rec.rr_ms, rec.n, irregular);
      for (gsize i = 0; i < rec.n; i++)
        {
          gboolean af = rec.label[i] == 'A';

          tp += af && irregular[i];
          fn += af && !irregular[i];
          tn += !af && !irregular[i];
          fp += !af && irregular[i];
        }
      for (gsize w = 0; w + 128 <= rec.n; w += 128)
        {
          guint af = 0, flagged = 0;

          for (gsize i = w; i < w + 128; i++)
            {
              af += rec.label[i] == 'A';
              flagged += irregular[i] != FALSE;
            }
          wtp += af > 64 && flagged > 64;
          wfn += af > 64 && flagged <= 64;
          wtn += af <= 64 && flagged <= 64;
          wfp += af <= 64 && flagged > 64;
        }
      ascend_afdb_clear (&rec);
      records++;
    }
  g_assert_cmpuint (records, ==, 17);

  beat_se = 100.0 * tp / (tp + fn);
  beat_sp = 100.0 * tn / (tn + fp);
  win_se = 100.0 * wtp / (wtp + wfn);
  win_sp = 100.0 * wtn / (wtn + wfp);
  g_test_message ("afdb: beat Se %.2f%% Sp %.2f%%, 128-beat windows Se %.2f%% Sp %.2f%%",
                  beat_se, beat_sp, win_se, win_sp);
  g_assert_cmpfloat (beat_se, >=, FLOOR_BEAT_SE);
  g_assert_cmpfloat (beat_sp, >=, FLOOR_BEAT_SP);
  g_assert_cmpfloat (win_se, >=, FLOOR_WIN_SE);
  g_assert_cmpfloat (win_sp, >=, FLOOR_WIN_SP);
}

int
main (int    argc,
      char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/rhythm/sinus-regular", test_sinus_regular);
  g_test_add_func ("/rhythm/af-irregular", test_af_irregular);
  g_test_add_func ("/rhythm/ectopic-mostly-regular", test_ectopic_mostly_regular);
  g_test_add_func ("/rhythm/streaming-equals-batch", test_streaming_equals_batch);
  g_test_add_func ("/rhythm/features-match-detector", test_features_match_detector);
  g_test_add_func ("/rhythm/afdb/parse-good", test_parse_good);
  g_test_add_func ("/rhythm/afdb/parse-malformed", test_parse_malformed);
  g_test_add_func ("/rhythm/afdb/parse-junk", test_parse_junk);
  g_test_add_func ("/rhythm/afdb/floors", test_afdb_floors);

  return g_test_run ();
}
