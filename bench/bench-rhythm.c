/* bench-rhythm.c: the AF detector on the MIT-BIH AF Database, and its tuning
 *
 * Reads every record of <shared data>/afdb-rr (17 records, ~800 000 beats),
 * and prints one JSON line per figure (DESIGN.md section 8):
 *
 *  - the shipped detector (ascend_rhythm_classify, parameters fit on all 17
 *    records): per record and pooled over all beats ("gross"), per-beat Se,
 *    Sp, PPV, accuracy, and the same in non-overlapping 128-beat windows;
 *  - leave-one-record-out (LORO) cross-validation, the figures to quote:
 *    for each record, the whole tuning below is run on the 16 others only
 *    and the resulting detector is scored on the held-out record; the
 *    held-out decisions of all 17 folds are pooled;
 *  - the delay in beats and the throughput in beats/s.
 *
 * Scoring. Positive class = beats labelled AFIB ('A'). AFL ('F') and
 * junctional rhythm ('J') count as non-AF (the common practice, e.g. Dash
 * 2009, Petrenas 2015); figures with AFL beats left out of the scoring
 * (suffix _excl_afl) and the share of AFL and J beats flagged irregular are
 * printed too. A 128-beat window (consecutive from the first beat, the
 * incomplete tail dropped) is AF when more than half of its beats are AFIB,
 * and is detected AF when more than half of its beats are flagged.
 *
 * Tuning (the same procedure in every fold, and once on all records for the
 * shipped parameters):
 *   for each half window H in {8, 16, 32} and match tolerance r in {0.03,
 *   0.04, 0.06} (ln-RR units): fit a logistic model on the 3 features of
 *   ascend_rhythm_features() over every beat of the training records
 *   (classes weighted to equal total weight, L2 penalty 1e-4 on the
 *   standardised coefficients, Newton's method); then for each smoothing
 *   half-length M in {0, 8, 16, 32, 48} with H + M <= 64 (the delay budget:
 *   a design limit, not tuned), score the training records; keep the
 *   (H, r, M, weights) with the highest pooled balanced accuracy
 *   (Se + Sp) / 2 per beat, the shorter delay on a tie.
 *
 *   bench-rhythm [DATA_DIR] [--print-params]
 *
 * DATA_DIR is the shared data folder (the one holding afdb-rr/), or
 * afdb-rr itself; default $ASCEND_SHARED_DATA, then ../shared/data beside
 * the source tree. --print-params prints the all-records fit as C for
 * ascend-rhythm.c on stderr. Exits 77 (skipped) when the data is missing,
 * 1 when the shipped parameters no longer match the all-records fit.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "ascend-rhythm.h"

#define NF ASCEND_RHYTHM_N_FEATURES
#define WIN 128
#define DELAY_BUDGET 64
#define L2 1e-4

static const guint grid_half[] = { 8, 16, 32 };
static const double grid_tol[] = { 0.03, 0.04, 0.06 };
static const guint grid_smooth[] = { 0, 8, 16, 32, 48 };
#define N_HALF G_N_ELEMENTS (grid_half)
#define N_TOL G_N_ELEMENTS (grid_tol)
#define N_SMOOTH G_N_ELEMENTS (grid_smooth)
#define N_FEATURE_SETS (N_HALF * N_TOL)

typedef struct {
  char             *name;
  AscendAfdbRecord  rec;
  double           *features[N_FEATURE_SETS];   /* n * NF each */
} Record;

/* ---- output ---------------------------------------------------------------- */

static void
emit (const char *figure,
      double      value,
      const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      /* Undefined, e.g. the specificity of a record that is all AF. */
      g_strlcpy (buf, "null", sizeof buf);
    }
  else
    g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  printf ("{\"bench\":\"rhythm\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

/* ---- scoring ----------------------------------------------------------------- */

typedef struct {
  guint64 tp, fn, tn, fp;
} Confusion;

typedef struct {
  Confusion beat, win, beat_xafl, win_xafl;
  guint64   afl, afl_flagged, j, j_flagged;
} Score;

static void
confusion_add (Confusion *c,
               gboolean   truth,
               gboolean   decision)
{
  if (truth)
    decision ? c->tp++ : c->fn++;
  else
    decision ? c->fp++ : c->tn++;
}

static double
ratio (guint64 num,
       guint64 den)
{
  return den ? 100.0 * num / den : NAN;
}

static double se (const Confusion *c) { return ratio (c->tp, c->tp + c->fn); }
static double sp (const Confusion *c) { return ratio (c->tn, c->tn + c->fp); }
static double ppv (const Confusion *c) { return ratio (c->tp, c->tp + c->fp); }
static double acc (const Confusion *c) { return ratio (c->tp + c->tn, c->tp + c->tn + c->fp + c->fn); }

static void
score_record (Score          *s,
              const char     *label,
              const gboolean *irregular,
              gsize           n)
{
  for (gsize i = 0; i < n; i++)
    {
      confusion_add (&s->beat, label[i] == 'A', irregular[i]);
      if (label[i] != 'F')
        confusion_add (&s->beat_xafl, label[i] == 'A', irregular[i]);
      if (label[i] == 'F')
        {
          s->afl++;
          s->afl_flagged += irregular[i] != 0;
        }
      if (label[i] == 'J')
        {
          s->j++;
          s->j_flagged += irregular[i] != 0;
        }
    }
  for (gsize w = 0; w + WIN <= n; w += WIN)
    {
      guint af = 0, afl = 0, flagged = 0;

      for (gsize i = w; i < w + WIN; i++)
        {
          af += label[i] == 'A';
          afl += label[i] == 'F';
          flagged += irregular[i] != 0;
        }
      confusion_add (&s->win, af > WIN / 2, flagged > WIN / 2);
      if (afl <= WIN / 2)
        confusion_add (&s->win_xafl, af > WIN / 2, flagged > WIN / 2);
    }
}

static void
score_add (Score       *total,
           const Score *s)
{
  Confusion *t[] = { &total->beat, &total->win, &total->beat_xafl, &total->win_xafl };
  const Confusion *o[] = { &s->beat, &s->win, &s->beat_xafl, &s->win_xafl };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      t[i]->tp += o[i]->tp;
      t[i]->fn += o[i]->fn;
      t[i]->tn += o[i]->tn;
      t[i]->fp += o[i]->fp;
    }
  total->afl += s->afl;
  total->afl_flagged += s->afl_flagged;
  total->j += s->j;
  total->j_flagged += s->j_flagged;
}

static void
emit_score (const char  *prefix,
            const Score *s)
{
  g_autofree char *p = g_strdup (prefix);
#define E(name, value) G_STMT_START { g_autofree char *f = g_strconcat (p, name, NULL); emit (f, value, "%"); } G_STMT_END
  E ("beat_se", se (&s->beat));
  E ("beat_sp", sp (&s->beat));
  E ("beat_ppv", ppv (&s->beat));
  E ("beat_acc", acc (&s->beat));
  E ("win128_se", se (&s->win));
  E ("win128_sp", sp (&s->win));
  E ("win128_ppv", ppv (&s->win));
  E ("win128_acc", acc (&s->win));
  E ("beat_se_excl_afl", se (&s->beat_xafl));
  E ("beat_sp_excl_afl", sp (&s->beat_xafl));
  E ("win128_se_excl_afl", se (&s->win_xafl));
  E ("win128_sp_excl_afl", sp (&s->win_xafl));
  E ("afl_beats_flagged", ratio (s->afl_flagged, s->afl));
  E ("j_beats_flagged", ratio (s->j_flagged, s->j));
#undef E
}

/* ---- data -------------------------------------------------------------------- */

static char *
find_data_dir (int    argc,
               char **argv)
{
  const char *root = NULL;
  g_autofree char *nested = NULL;

  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      root = argv[i];
  if (root == NULL)
    root = g_getenv ("ASCEND_SHARED_DATA");
  if (root == NULL)
    root = SHARED_DATA_DIR;
  nested = g_build_filename (root, "afdb-rr", NULL);
  if (g_file_test (nested, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&nested);
  return g_strdup (root);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
load_records (const char *dir_path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return NULL;
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, "qrs") && g_str_has_suffix (entry, ".txt"))
      g_ptr_array_add (names, g_strndup (entry + 3, strlen (entry) - 7));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *qrs_file = g_strdup_printf ("%s/qrs%s.txt", dir_path, name);
      g_autofree char *atr_file = g_strdup_printf ("%s/atr%s.txt", dir_path, name);
      g_autofree char *qrs = NULL;
      g_autofree char *atr = NULL;
      g_autoptr(GError) error = NULL;
      Record *r = g_new0 (Record, 1);

      if (!g_file_get_contents (qrs_file, &qrs, NULL, &error) ||
          !g_file_get_contents (atr_file, &atr, NULL, &error) ||
          !ascend_afdb_parse (qrs, atr, &r->rec, &error))
        {
          g_printerr ("bench-rhythm: record %s: %s\n", name, error->message);
          exit (1);
        }
      r->name = g_strdup (name);
      g_ptr_array_add (records, r);
    }
  return records->len ? g_steal_pointer (&records) : NULL;
}

/* ---- logistic model -------------------------------------------------------- */

/* Solves the (NF+1)x(NF+1) system a x = b in place (Gaussian elimination
 * with partial pivoting; a is symmetric positive definite here). */
static void
solve (double a[NF + 1][NF + 1],
       double b[NF + 1])
{
  const int n = NF + 1;

  for (int c = 0; c < n; c++)
    {
      int piv = c;

      for (int r = c + 1; r < n; r++)
        if (fabs (a[r][c]) > fabs (a[piv][c]))
          piv = r;
      for (int k = 0; k < n; k++)
        {
          double t = a[c][k];
          a[c][k] = a[piv][k];
          a[piv][k] = t;
        }
      {
        double t = b[c];
        b[c] = b[piv];
        b[piv] = t;
      }
      for (int r = c + 1; r < n; r++)
        {
          double f = a[r][c] / a[c][c];

          for (int k = c; k < n; k++)
            a[r][k] -= f * a[c][k];
          b[r] -= f * b[c];
        }
    }
  for (int r = n - 1; r >= 0; r--)
    {
      for (int k = r + 1; k < n; k++)
        b[r] -= a[r][k] * b[k];
      b[r] /= a[r][r];
    }
}

/* Fits weight[] (intercept, then one per raw feature) on the records whose
 * index is not `held_out`, features set `fs`. */
static void
fit_logistic (GPtrArray *records,
              guint      held_out,
              guint      fs,
              double     weight[NF + 1])
{
  double mean[NF] = { 0 }, sd[NF] = { 0 }, b[NF + 1] = { 0 };
  double n_pos = 0, n_neg = 0, n_all;
  double w_pos, w_neg;

  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);

      if (k == held_out)
        continue;
      for (gsize i = 0; i < r->rec.n; i++)
        {
          r->rec.label[i] == 'A' ? n_pos++ : n_neg++;
          for (int f = 0; f < NF; f++)
            mean[f] += r->features[fs][i * NF + f];
        }
    }
  n_all = n_pos + n_neg;
  for (int f = 0; f < NF; f++)
    mean[f] /= n_all;
  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);

      if (k == held_out)
        continue;
      for (gsize i = 0; i < r->rec.n; i++)
        for (int f = 0; f < NF; f++)
          {
            double d = r->features[fs][i * NF + f] - mean[f];
            sd[f] += d * d;
          }
    }
  for (int f = 0; f < NF; f++)
    sd[f] = sqrt (sd[f] / n_all) + 1e-12;
  /* Each class weighs 1/2 in total. */
  w_pos = 0.5 / n_pos;
  w_neg = 0.5 / n_neg;

  for (int iter = 0; iter < 100; iter++)
    {
      double g[NF + 1] = { 0 }, h[NF + 1][NF + 1] = { { 0 } };
      double step = 0;

      for (guint k = 0; k < records->len; k++)
        {
          Record *r = g_ptr_array_index (records, k);

          if (k == held_out)
            continue;
          for (gsize i = 0; i < r->rec.n; i++)
            {
              double z[NF + 1], eta = b[0], p, wt, y;

              z[0] = 1.0;
              for (int f = 0; f < NF; f++)
                {
                  z[1 + f] = (r->features[fs][i * NF + f] - mean[f]) / sd[f];
                  eta += b[1 + f] * z[1 + f];
                }
              p = 1.0 / (1.0 + exp (-eta));
              y = r->rec.label[i] == 'A';
              wt = y ? w_pos : w_neg;
              for (int a = 0; a <= NF; a++)
                {
                  g[a] += wt * (p - y) * z[a];
                  for (int c = 0; c <= a; c++)
                    h[a][c] += wt * p * (1 - p) * z[a] * z[c];
                }
            }
        }
      for (int a = 0; a <= NF; a++)
        for (int c = a + 1; c <= NF; c++)
          h[a][c] = h[c][a];
      for (int a = 1; a <= NF; a++)
        {
          g[a] += L2 * b[a];
          h[a][a] += L2;
        }
      solve (h, g);
      for (int a = 0; a <= NF; a++)
        {
          b[a] -= g[a];
          step = MAX (step, fabs (g[a]));
        }
      if (step < 1e-10)
        break;
    }

  /* Back to raw features. */
  weight[0] = b[0];
  for (int f = 0; f < NF; f++)
    {
      weight[1 + f] = b[1 + f] / sd[f];
      weight[0] -= b[1 + f] * mean[f] / sd[f];
    }
}

/* ---- tuning ------------------------------------------------------------------ */

/* Pooled balanced accuracy on the training records of weights + smoothing M,
 * for every M of the grid at once (prefix sums of the scores). */
static void
training_balanced_accuracy (GPtrArray    *records,
                            guint         held_out,
                            guint         fs,
                            const double  weight[NF + 1],
                            double        bal[N_SMOOTH])
{
  Confusion c[N_SMOOTH];

  memset (c, 0, sizeof c);
  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);
      gsize n = r->rec.n;
      g_autofree double *prefix = NULL;

      if (k == held_out)
        continue;
      prefix = g_new (double, n + 1);
      prefix[0] = 0;
      for (gsize i = 0; i < n; i++)
        {
          double s = weight[0];

          for (int f = 0; f < NF; f++)
            s += weight[1 + f] * r->features[fs][i * NF + f];
          prefix[i + 1] = prefix[i] + s;
        }
      for (guint m = 0; m < N_SMOOTH; m++)
        {
          gsize half = grid_smooth[m];

          for (gsize i = 0; i < n; i++)
            {
              gsize from = i > half ? i - half : 0;
              gsize to = MIN (i + half, n - 1);

              confusion_add (&c[m], r->rec.label[i] == 'A', prefix[to + 1] - prefix[from] > 0);
            }
        }
    }
  for (guint m = 0; m < N_SMOOTH; m++)
    bal[m] = (se (&c[m]) + sp (&c[m])) / 2;
}

/* The tuning procedure on every record but held_out (G_MAXUINT: all). */
static void
tune (GPtrArray          *records,
      guint               held_out,
      AscendRhythmParams *best,
      double             *best_bal)
{
  *best_bal = -1;
  for (guint h = 0; h < N_HALF; h++)
    for (guint t = 0; t < N_TOL; t++)
      {
        guint fs = h * N_TOL + t;
        double weight[NF + 1], bal[N_SMOOTH];

        fit_logistic (records, held_out, fs, weight);
        training_balanced_accuracy (records, held_out, fs, weight, bal);
        for (guint m = 0; m < N_SMOOTH; m++)
          {
            guint delay = grid_half[h] + grid_smooth[m];

            if (delay > DELAY_BUDGET)
              continue;
            if (bal[m] > *best_bal ||
                (bal[m] == *best_bal && delay < best->half_window + best->smooth_half))
              {
                *best_bal = bal[m];
                best->half_window = grid_half[h];
                best->tolerance = grid_tol[t];
                best->smooth_half = grid_smooth[m];
                memcpy (best->weight, weight, sizeof weight);
              }
          }
      }
}

static void
print_params (FILE                     *out,
              const AscendRhythmParams *p)
{
  fprintf (out,
           "static const AscendRhythmParams default_params = {\n"
           "  .half_window = %u,\n"
           "  .tolerance = %.2f,\n"
           "  .smooth_half = %u,\n"
           "  .weight = { %.6f, %.6f, %.6f, %.6f },\n"
           "};\n",
           p->half_window, p->tolerance, p->smooth_half,
           p->weight[0], p->weight[1], p->weight[2], p->weight[3]);
}

static gboolean
params_close (const AscendRhythmParams *a,
              const AscendRhythmParams *b)
{
  if (a->half_window != b->half_window || a->smooth_half != b->smooth_half ||
      fabs (a->tolerance - b->tolerance) > 1e-9)
    return FALSE;
  for (int i = 0; i <= NF; i++)
    if (fabs (a->weight[i] - b->weight[i]) > 1e-5 * MAX (1.0, fabs (b->weight[i])))
      return FALSE;
  return TRUE;
}

/* ---- main -------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = find_data_dir (argc, argv);
  g_autoptr(GPtrArray) records = NULL;
  gboolean print = FALSE;
  const AscendRhythmParams *shipped = ascend_rhythm_params_default ();
  AscendRhythmParams refit = { 0 };
  Score total = { 0 }, loro_total = { 0 };
  double bal;
  guint64 n_beats = 0;
  double best_rate = 0;
  int status = 0;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--print-params") == 0)
      print = TRUE;

  records = load_records (dir);
  if (records == NULL)
    {
      g_printerr ("bench-rhythm: no afdb-rr records in %s; skipped\n", dir);
      return 77;
    }

  /* The shipped detector, on every record. */
  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);
      g_autofree gboolean *irregular = g_new (gboolean, r->rec.n);
      g_autofree char *prefix = g_strdup_printf ("record_%s_", r->name);
      Score s = { 0 };

      ascend_rhythm_classify (r->rec.rr_ms, r->rec.n, irregular);
      score_record (&s, r->rec.label, irregular, r->rec.n);
      score_add (&total, &s);
      n_beats += r->rec.n;
#define E(name, value) G_STMT_START { g_autofree char *f = g_strconcat (prefix, name, NULL); emit (f, value, "%"); } G_STMT_END
      E ("beat_se", se (&s.beat));
      E ("beat_sp", sp (&s.beat));
      E ("win128_se", se (&s.win));
      E ("win128_sp", sp (&s.win));
#undef E
    }
  emit_score ("", &total);
  {
    g_autoptr(AscendRhythmDetector) detector = ascend_rhythm_detector_new ();

    emit ("delay", ascend_rhythm_detector_delay (detector), "beats");
  }

  /* Throughput of ascend_rhythm_classify (the streaming path underneath),
   * best of 3 runs over all records. */
  for (int run = 0; run < 3; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      for (guint k = 0; k < records->len; k++)
        {
          Record *r = g_ptr_array_index (records, k);
          g_autofree gboolean *irregular = g_new (gboolean, r->rec.n);

          ascend_rhythm_classify (r->rec.rr_ms, r->rec.n, irregular);
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      best_rate = MAX (best_rate, n_beats / seconds);
    }
  emit ("throughput", best_rate, "beats/s");
  emit ("beats", n_beats, "beats");

  /* Features of every grid point, once. */
  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);

      for (guint h = 0; h < N_HALF; h++)
        for (guint t = 0; t < N_TOL; t++)
          {
            double *f = g_new (double, r->rec.n * NF);

            ascend_rhythm_features (r->rec.rr_ms, r->rec.n, grid_half[h], grid_tol[t], f);
            r->features[h * N_TOL + t] = f;
          }
    }

  /* Leave one record out: tune on the others, score the held-out record
   * with the real detector. */
  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);
      g_autofree gboolean *irregular = g_new (gboolean, r->rec.n);
      g_autofree char *prefix = g_strdup_printf ("record_%s_loro_", r->name);
      AscendRhythmParams p = { 0 };
      Score s = { 0 };

      tune (records, k, &p, &bal);
      g_printerr ("bench-rhythm: fold %s: H %u r %.2f M %u w %.3f %.3f %.3f %.3f (training balanced accuracy %.3f%%)\n",
                  r->name, p.half_window, p.tolerance, p.smooth_half,
                  p.weight[0], p.weight[1], p.weight[2], p.weight[3], bal);
      ascend_rhythm_classify_with_params (&p, r->rec.rr_ms, r->rec.n, irregular);
      score_record (&s, r->rec.label, irregular, r->rec.n);
      score_add (&loro_total, &s);
#define E(name, value) G_STMT_START { g_autofree char *f = g_strconcat (prefix, name, NULL); emit (f, value, "%"); } G_STMT_END
      E ("beat_se", se (&s.beat));
      E ("beat_sp", sp (&s.beat));
      E ("win128_se", se (&s.win));
      E ("win128_sp", sp (&s.win));
#undef E
    }
  emit_score ("loro_", &loro_total);

  /* The same tuning on all records gives the shipped parameters. */
  tune (records, G_MAXUINT, &refit, &bal);
  if (print)
    print_params (stderr, &refit);
  if (!params_close (&refit, shipped))
    {
      g_printerr ("bench-rhythm: the shipped parameters differ from the all-records fit:\n");
      print_params (stderr, &refit);
      status = 1;
    }

  for (guint k = 0; k < records->len; k++)
    {
      Record *r = g_ptr_array_index (records, k);

      for (guint i = 0; i < N_FEATURE_SETS; i++)
        g_free (r->features[i]);
      ascend_afdb_clear (&r->rec);
      g_free (r->name);
      g_free (r);
    }
  return status;
}
