/* ascend-health-rollup.c: the data of a health chart, loaded in one go
 *
 * Buckets are folded from the roll-ups of schema 006 (readingRollupHours,
 * readingRollupTenMinutes, readingRollupMinutes, kept by triggers) and
 * equal, exactly, what summing the raw healthReadings rows gives: a
 * roll-up row goes whole into a bucket only when its block lies inside that
 * one bucket; a block a bucket boundary (or the range's end) cuts is read
 * again one level finer, and in the end as raw readings. The coarsest level
 * read is the largest with at least two blocks per bucket; below an hour, a
 * level is read only when a cost estimate (readings counted from the hour
 * roll-ups) says it beats reading the raw rows it covers. A year in 500-1300
 * buckets thus reads ~8,760 hour rows plus a few rows per boundary, instead
 * of 525,600 readings; a day of per-minute readings is read raw.
 *
 * The async variant reads on a read-only connection in a worker thread; the
 * connection belongs to the thread while it reads (AscendDatabase
 * connections are single-threaded, SQLITE_OPEN_NOMUTEX) and is kept for the
 * next load, so a chart does not pay for opening the file every time.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ascend-health-rollup.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)

typedef struct {
  gint64      size;
  const char *query;
} Level;

#define LEVEL_QUERY(table) \
  "SELECT bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount " \
  "FROM " table " WHERE userId = ?1 AND bucketStart >= ?2 AND bucketStart < ?3 ORDER BY bucketStart"

/* Coarsest first. */
static const Level levels[] = {
  { HOUR_MS, LEVEL_QUERY ("readingRollupHours") },
  { 10 * MINUTE_MS, LEVEL_QUERY ("readingRollupTenMinutes") },
  { MINUTE_MS, LEVEL_QUERY ("readingRollupMinutes") },
};

static gint64
floor_to (gint64 t,
          gint64 size)
{
  gint64 r = t % size;
  return r < 0 ? t - r - size : t - r;
}

typedef struct {
  gint64 lo;
  gint64 hi;
} Range;

static void
add_range (GArray *ranges,
           gint64  lo,
           gint64  hi)
{
  Range r = { lo, hi };

  if (hi <= lo)
    return;
  /* Neighbours become one query. */
  if (ranges->len > 0 && g_array_index (ranges, Range, ranges->len - 1).hi == lo)
    g_array_index (ranges, Range, ranges->len - 1).hi = hi;
  else
    g_array_append_val (ranges, r);
}

typedef struct {
  gint64  from;
  gint64  to;
  guint   n;
  double  width;
  GArray *buckets;
  double *hr_sum;
  double *hrv_sum;
  double *stress_sum;
  gint64 *hr_n;
  gint64 *hrv_n;
  gint64 *stress_n;
} Fold;

/* The bucket of a reading at t in [from, to): the very expression the raw
 * computation has always used, so both agree on every edge. */
static guint
bucket_of (const Fold *fold,
           gint64      t)
{
  gint64 index = (gint64) ((t - fold->from) / fold->width);
  return (guint) CLAMP (index, 0, (gint64) fold->n - 1);
}

/* Whether [start, start + size) lies inside the range and one bucket. */
static gboolean
whole_in_one (const Fold *fold,
              gint64      start,
              gint64      size)
{
  return start >= fold->from && start + size <= fold->to &&
         bucket_of (fold, start) == bucket_of (fold, start + size - 1);
}

/* Adds count readings with the given sums; hr_n == 0 means no min/max. */
static void
fold_add (Fold   *fold,
          guint   index,
          gint64  count,
          double  hr_sum,
          gint64  hr_n,
          double  hr_min,
          double  hr_max,
          double  hrv_sum,
          gint64  hrv_n,
          double  stress_sum,
          gint64  stress_n)
{
  AscendReadingBucket *b = &g_array_index (fold->buckets, AscendReadingBucket, index);

  b->count += count;
  if (hr_n > 0)
    {
      if (fold->hr_n[index] == 0 || hr_min < b->heart_rate_min)
        b->heart_rate_min = hr_min;
      if (fold->hr_n[index] == 0 || hr_max > b->heart_rate_max)
        b->heart_rate_max = hr_max;
      fold->hr_sum[index] += hr_sum;
      fold->hr_n[index] += hr_n;
    }
  fold->hrv_sum[index] += hrv_sum;
  fold->hrv_n[index] += hrv_n;
  fold->stress_sum[index] += stress_sum;
  fold->stress_n[index] += stress_n;
}

/* A read transaction (a savepoint, so it nests in a caller's transaction
 * on the main connection): the many small queries of a load then share one
 * snapshot and take the file's locks once instead of each. */
static gboolean
read_begin (AscendDatabase  *db,
            GError         **error)
{
  return ascend_database_exec (db, "SAVEPOINT ascend_chart_read", error);
}

static void
read_end (AscendDatabase *db)
{
  ascend_database_exec (db, "RELEASE ascend_chart_read", NULL);
}

static gboolean
finish_query (AscendDatabase  *db,
              sqlite3_stmt    *stmt,
              int              rc,
              GError         **error)
{
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      return ascend_database_set_error (db, rc ? rc : SQLITE_ERROR, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
fold_rollup_row (Fold         *fold,
                 sqlite3_stmt *stmt,
                 guint         index)
{
  fold_add (fold, index,
            sqlite3_column_int64 (stmt, 1),
            (double) sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
            sqlite3_column_double (stmt, 4), sqlite3_column_double (stmt, 5),
            sqlite3_column_double (stmt, 6), sqlite3_column_int64 (stmt, 7),
            (double) sqlite3_column_int64 (stmt, 8), sqlite3_column_int64 (stmt, 9));
}

/* The blocks of level over ranges: those inside one bucket are folded, the
 * others (cut by a bucket boundary or a range's end) go to cut, with how
 * many readings they hold. */
static gboolean
fold_level (AscendDatabase  *db,
            Fold            *fold,
            gint64           user_id,
            const Level     *level,
            GArray          *ranges,
            GArray          *cut,
            gint64          *cut_readings,
            GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, level->query, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *r = &g_array_index (ranges, Range, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_int64 (stmt, 2, floor_to (r->lo, level->size));
      sqlite3_bind_int64 (stmt, 3, r->hi);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 start = sqlite3_column_int64 (stmt, 0);

          if (start >= r->lo && start + level->size <= r->hi && whole_in_one (fold, start, level->size))
            fold_rollup_row (fold, stmt, bucket_of (fold, start));
          else
            {
              add_range (cut, MAX (start, r->lo), MIN (start + level->size, r->hi));
              *cut_readings += sqlite3_column_int64 (stmt, 1);
            }
        }
      if (!finish_query (db, stmt, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Raw readings of ranges, each into its own bucket. */
static gboolean
fold_raw (AscendDatabase  *db,
          Fold            *fold,
          gint64           user_id,
          GArray          *ranges,
          GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = ascend_database_prepare (db,
                                  "SELECT createdAt, heartRate, hrv, stressLevel FROM healthReadings "
                                  "WHERE userId = ?1 AND createdAt >= ?2 AND createdAt < ?3",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *r = &g_array_index (ranges, Range, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_int64 (stmt, 2, r->lo);
      sqlite3_bind_int64 (stmt, 3, r->hi);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gboolean has_hr = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
          gboolean has_hrv = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
          gboolean has_stress = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
          double hr = has_hr ? sqlite3_column_int64 (stmt, 1) : 0;

          fold_add (fold, bucket_of (fold, sqlite3_column_int64 (stmt, 0)), 1,
                    hr, has_hr, hr, hr,
                    has_hrv ? sqlite3_column_double (stmt, 2) : 0, has_hrv,
                    has_stress ? sqlite3_column_int64 (stmt, 3) : 0, has_stress);
        }
      if (!finish_query (db, stmt, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Relative costs of reading one roll-up row (in key order from a WITHOUT
 * ROWID table), one raw reading (index entry, then its table row) and of
 * starting a query; measured with bench-queries. */
#define COST_ROLLUP_ROW 2
#define COST_RAW_ROW    3
#define COST_SEEK       8

/* Readings of user in [from, to), counted from the hour roll-ups (the two
 * hours at the ends whole, which is close enough for choosing a plan). */
static gboolean
count_readings (AscendDatabase  *db,
                gint64           user_id,
                gint64           from,
                gint64           to,
                gint64          *readings,
                GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                "SELECT coalesce (sum (count), 0) FROM readingRollupHours "
                                                "WHERE userId = ?1 AND bucketStart >= ?2 AND bucketStart < ?3",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, floor_to (from, HOUR_MS));
  sqlite3_bind_int64 (stmt, 3, to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *readings = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return finish_query (db, stmt, rc, error);
}

typedef enum {
  PLAN_AUTO,
  PLAN_RAW,      /* no roll-ups at all */
  PLAN_DEEP,     /* every level from hours down, whatever it costs */
} Plan;

/* ASCEND_ROLLUP_PLAN=raw or deep forces a plan, so the tests can check
 * every path against the raw recomputation; unset, the cheapest. */
static Plan
get_plan (void)
{
  const char *plan = g_getenv ("ASCEND_ROLLUP_PLAN");

  if (G_LIKELY (plan == NULL))
    return PLAN_AUTO;
  return g_str_equal (plan, "raw") ? PLAN_RAW : g_str_equal (plan, "deep") ? PLAN_DEEP : PLAN_AUTO;
}

GArray *
ascend_health_reading_buckets (AscendDatabase  *db,
                               gint64           user_id,
                               gint64           from,
                               gint64           to,
                               guint            n_buckets,
                               GError         **error)
{
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autofree double *hr_sum = NULL, *hrv_sum = NULL, *stress_sum = NULL;
  g_autofree gint64 *hr_n = NULL, *hrv_n = NULL, *stress_n = NULL;
  Plan plan = get_plan ();
  gint64 readings = G_MAXINT64;
  gboolean descended = FALSE;
  Fold fold = { 0 };

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_buckets > 0 && to > from, NULL);

  buckets = g_array_sized_new (FALSE, TRUE, sizeof (AscendReadingBucket), n_buckets);
  g_array_set_size (buckets, n_buckets);
  fold.from = from;
  fold.to = to;
  fold.n = n_buckets;
  fold.width = (double) (to - from) / n_buckets;
  fold.buckets = buckets;
  fold.hr_sum = hr_sum = g_new0 (double, n_buckets);
  fold.hrv_sum = hrv_sum = g_new0 (double, n_buckets);
  fold.stress_sum = stress_sum = g_new0 (double, n_buckets);
  fold.hr_n = hr_n = g_new0 (gint64, n_buckets);
  fold.hrv_n = hrv_n = g_new0 (gint64, n_buckets);
  fold.stress_n = stress_n = g_new0 (gint64, n_buckets);
  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      b->time = from + (gint64) (i * fold.width);
      b->heart_rate = b->heart_rate_min = b->heart_rate_max = b->hrv = b->stress = NAN;
    }

  if (!read_begin (db, error))
    return NULL;
  add_range (ranges, from, to);
  for (guint l = 0; l < G_N_ELEMENTS (levels) && ranges->len > 0 && plan != PLAN_RAW; l++)
    {
      const Level *level = &levels[l];
      g_autoptr(GArray) cut = NULL;

      /* Too coarse: most blocks would be cut by a boundary. */
      if (plan == PLAN_AUTO && level->size * 2 > fold.width)
        continue;
      if (plan == PLAN_AUTO && level->size < HOUR_MS)
        {
          gint64 rows = 0, cuts, boundaries;

          /* How many readings the ranges hold, from the hours (at most
           * 2,600 of them: a level this fine means buckets under 2 h). */
          if (readings == G_MAXINT64 &&
              !count_readings (db, user_id, from, to, &readings, error))
            {
              read_end (db);
              return NULL;
            }
          for (guint i = 0; i < ranges->len; i++)
            {
              const Range *r = &g_array_index (ranges, Range, i);
              rows += (r->hi - r->lo + level->size - 1) / level->size;
            }
          rows = MAX (MIN (rows, readings), 1);
          boundaries = !descended ? (gint64) n_buckets : (gint64) ranges->len;
          cuts = MIN (rows, boundaries + 2 * (gint64) ranges->len);
          /* This level then the raw readings of the blocks it cuts, or the
           * raw readings of the ranges straight away. */
          if (rows * COST_ROLLUP_ROW + cuts * (COST_SEEK + COST_RAW_ROW * readings / rows) >=
              readings * COST_RAW_ROW + (gint64) ranges->len * COST_SEEK)
            break;
        }
      cut = g_array_new (FALSE, FALSE, sizeof (Range));
      readings = 0;
      descended = TRUE;
      if (!fold_level (db, &fold, user_id, level, ranges, cut, &readings, error))
        {
          read_end (db);
          return NULL;
        }
      g_array_unref (ranges);
      ranges = g_steal_pointer (&cut);
    }
  if (!fold_raw (db, &fold, user_id, ranges, error))
    {
      read_end (db);
      return NULL;
    }
  read_end (db);

  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      if (hr_n[i] > 0)
        b->heart_rate = hr_sum[i] / hr_n[i];
      if (hrv_n[i] > 0)
        b->hrv = hrv_sum[i] / hrv_n[i];
      if (stress_n[i] > 0)
        b->stress = stress_sum[i] / stress_n[i];
    }
  return g_steal_pointer (&buckets);
}

static void
clear_marker (gpointer data)
{
  AscendChartMarker *marker = data;

  g_clear_pointer (&marker->alert_type, g_free);
  g_clear_pointer (&marker->severity, g_free);
}

void
ascend_health_chart_data_free (AscendHealthChartData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->buckets, g_array_unref);
  g_clear_pointer (&data->alerts, g_array_unref);
  g_clear_pointer (&data->irregular, g_array_unref);
  g_clear_pointer (&data->beats, g_array_unref);
  g_free (data);
}

static GArray *
load_alerts (AscendDatabase  *db,
             gint64           user_id,
             gint64           from,
             gint64           to,
             GError         **error)
{
  g_autoptr(GArray) alerts = g_array_new (FALSE, TRUE, sizeof (AscendChartMarker));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (alerts, clear_marker);
  stmt = ascend_database_prepare (db,
                                  "SELECT createdAt, alertType, severity FROM healthAlerts "
                                  "WHERE userId = ?1 AND createdAt >= ?2 AND createdAt < ?3 ORDER BY createdAt, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AscendChartMarker marker = {
        .time = sqlite3_column_int64 (stmt, 0),
        .alert_type = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .severity = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };
      g_array_append_val (alerts, marker);
    }
  if (!finish_query (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&alerts);
}

static void
add_span (GArray *spans,
          gint64  first,
          gint64  last,
          gint64  from,
          gint64  to)
{
  AscendChartSpan span = { MAX (first, from), MIN (last + MINUTE_MS, to) };

  if (span.to > span.from)
    g_array_append_val (spans, span);
}

/* Episodes: consecutive irregular readings (in (createdAt, id) order) at
 * most ASCEND_CHART_SPAN_MAX_GAP_MS apart. Only the flagged readings are
 * read (a partial index holds them), each with the id of the reading that
 * follows it: two flagged readings are consecutive when the second is the
 * first one's next. */
static GArray *
load_irregular (AscendDatabase  *db,
                gint64           user_id,
                gint64           from,
                gint64           to,
                GError         **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (AscendChartSpan));
  sqlite3_stmt *stmt;
  gboolean open = FALSE;
  gint64 first = 0, last = 0, last_next = 0;
  int rc;

  stmt = ascend_database_prepare (db,
                                  "SELECT f.createdAt, f.id, "
                                  "  (SELECT n.id FROM healthReadings AS n INDEXED BY idx_healthReadings_userId_createdAt "
                                  "   WHERE n.userId = ?1 AND n.createdAt >= f.createdAt AND n.createdAt < ?3 "
                                  "   AND NOT (n.createdAt = f.createdAt AND n.id <= f.id) "
                                  "   ORDER BY n.createdAt, n.id LIMIT 1) "
                                  "FROM healthReadings AS f INDEXED BY idx_healthReadings_irregular "
                                  "WHERE f.userId = ?1 AND f.arrhythmiaDetected = 1 AND f.createdAt >= ?2 AND f.createdAt < ?3 "
                                  "ORDER BY f.createdAt, f.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 time = sqlite3_column_int64 (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);

      if (open && (last_next != id || time - last > ASCEND_CHART_SPAN_MAX_GAP_MS))
        {
          add_span (spans, first, last, from, to);
          open = FALSE;
        }
      if (!open)
        first = time;
      open = TRUE;
      last = time;
      last_next = sqlite3_column_int64 (stmt, 2);   /* 0 (NULL) when it is the last */
    }
  if (!finish_query (db, stmt, rc, error))
    return NULL;
  if (open)
    add_span (spans, first, last, from, to);
  return g_steal_pointer (&spans);
}

static void
beat_range_add (GArray *ranges,
                gint64  minute,
                guint   beats,
                guint   rr_min,
                guint   rr_max)
{
  AscendBeatRange *last = ranges->len > 0 ? &g_array_index (ranges, AscendBeatRange, ranges->len - 1) : NULL;
  double hr_min = rr_max > 0 ? 60000.0 / rr_max : NAN;
  double hr_max = rr_min > 0 ? 60000.0 / rr_min : NAN;

  /* Two blocks of one minute make one range. */
  if (last != NULL && last->time == minute)
    {
      last->beats += beats;
      if (!isnan (hr_min) && (isnan (last->heart_rate_min) || hr_min < last->heart_rate_min))
        last->heart_rate_min = hr_min;
      if (!isnan (hr_max) && (isnan (last->heart_rate_max) || hr_max > last->heart_rate_max))
        last->heart_rate_max = hr_max;
    }
  else
    {
      AscendBeatRange range = { minute, hr_min, hr_max, beats };
      g_array_append_val (ranges, range);
    }
}

gboolean
ascend_beat_ranges_load (AscendDatabase  *db,
                         gint64           user_id,
                         gint64           from,
                         gint64           to,
                         GArray          *ranges,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ranges != NULL, FALSE);

  /* Blocks written before schema 006 have no rrBlockRanges row: their
   * beats are decoded here (the blob is read only for them). */
  stmt = ascend_database_prepare (db,
                                  "SELECT b.startedAt, coalesce (r.beatCount, b.beatCount), r.blockId IS NOT NULL, "
                                  "  r.rrMin, r.rrMax, CASE WHEN r.blockId IS NULL THEN b.rr END "
                                  "FROM rrBlocks AS b LEFT JOIN rrBlockRanges AS r ON r.blockId = b.id "
                                  "WHERE b.userId = ?1 AND b.startedAt >= ?2 AND b.startedAt < ?3 "
                                  "ORDER BY b.startedAt, b.id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 minute = floor_to (sqlite3_column_int64 (stmt, 0), MINUTE_MS);
      guint beats = (guint) sqlite3_column_int (stmt, 1);
      guint rr_min = 0, rr_max = 0;

      if (sqlite3_column_int (stmt, 2))
        {
          rr_min = (guint) sqlite3_column_int (stmt, 3);
          rr_max = (guint) sqlite3_column_int (stmt, 4);
        }
      else
        {
          const guint8 *rr = sqlite3_column_blob (stmt, 5);
          guint n = MIN (beats, (guint) sqlite3_column_bytes (stmt, 5) / 2);

          for (guint i = 0; i < n; i++)
            {
              guint v = rr[2 * i] | (rr[2 * i + 1] << 8);
              if (!ASCEND_RR_PLAUSIBLE (v))
                continue;
              if (rr_min == 0 || v < rr_min)
                rr_min = v;
              if (v > rr_max)
                rr_max = v;
            }
        }
      beat_range_add (ranges, minute, beats, rr_min, rr_max);
    }
  return finish_query (db, stmt, rc, error);
}

static AscendHealthChartData *
load_on (AscendDatabase  *db,
         gint64           user_id,
         gint64           from,
         gint64           to,
         guint            n_buckets,
         GError         **error)
{
  g_autoptr(AscendHealthChartData) data = g_new0 (AscendHealthChartData, 1);

  if (n_buckets == 0 || to <= from)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("A chart needs a time range that ends after it starts and at least one point"));
      return NULL;
    }
  /* One snapshot for the three parts, and one lock instead of one per
   * query. */
  if (!read_begin (db, error))
    return NULL;
  data->beats = g_array_new (FALSE, FALSE, sizeof (AscendBeatRange));
  if ((data->buckets = ascend_health_reading_buckets (db, user_id, from, to, n_buckets, error)) == NULL ||
      (data->alerts = load_alerts (db, user_id, from, to, error)) == NULL ||
      (data->irregular = load_irregular (db, user_id, from, to, error)) == NULL ||
      (to - from <= ASCEND_CHART_BEATS_MAX_RANGE_MS &&
       !ascend_beat_ranges_load (db, user_id, from, to, data->beats, error)))
    {
      read_end (db);
      return NULL;
    }
  read_end (db);
  return g_steal_pointer (&data);
}

AscendHealthChartData *
ascend_health_chart_data_load (AscendDatabase  *db,
                               gint64           user_id,
                               gint64           from,
                               gint64           to,
                               guint            n_buckets,
                               GError         **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_on (db, user_id, from, to, n_buckets, error);
}

/* Idle read-only connections to one database file, kept between loads.
 * Attached to the main AscendDatabase and closed with it; a worker that
 * finishes after that closes its connection itself. */
typedef struct {
  gatomicrefcount  ref;
  GMutex           lock;
  char            *path;
  GQueue           idle;
  gboolean         closed;
} ReaderPool;

#define POOL_KEY      "ascend-health-chart-readers"
#define POOL_MAX_IDLE 2

static ReaderPool *
reader_pool_ref (ReaderPool *pool)
{
  g_atomic_ref_count_inc (&pool->ref);
  return pool;
}

static void
reader_pool_unref (ReaderPool *pool)
{
  if (!g_atomic_ref_count_dec (&pool->ref))
    return;
  g_queue_clear_full (&pool->idle, g_object_unref);
  g_mutex_clear (&pool->lock);
  g_free (pool->path);
  g_free (pool);
}

static void
reader_pool_close (gpointer data)
{
  ReaderPool *pool = data;
  GQueue idle = G_QUEUE_INIT;

  g_mutex_lock (&pool->lock);
  pool->closed = TRUE;
  idle = pool->idle;
  g_queue_init (&pool->idle);
  g_mutex_unlock (&pool->lock);
  g_queue_clear_full (&idle, g_object_unref);
  reader_pool_unref (pool);
}

static ReaderPool *
reader_pool_for (AscendDatabase *db)
{
  ReaderPool *pool = g_object_get_data (G_OBJECT (db), POOL_KEY);

  if (pool == NULL)
    {
      pool = g_new0 (ReaderPool, 1);
      g_atomic_ref_count_init (&pool->ref);
      g_mutex_init (&pool->lock);
      pool->path = g_strdup (ascend_database_get_path (db));
      g_object_set_data_full (G_OBJECT (db), POOL_KEY, pool, reader_pool_close);
    }
  return pool;
}

/* An idle connection, or a new one. The caller owns it until it gives it
 * back with reader_pool_give_back() (from any thread). */
static AscendDatabase *
reader_pool_take (ReaderPool  *pool,
                  GError     **error)
{
  AscendDatabase *reader;

  g_mutex_lock (&pool->lock);
  reader = g_queue_pop_head (&pool->idle);
  g_mutex_unlock (&pool->lock);
  if (reader != NULL)
    return reader;
  reader = ascend_database_open_readonly (pool->path, error);
  /* Map the file rather than copy pages through read(): a year of readings
   * is tens of MB, far past the default page cache. */
  if (reader != NULL)
    ascend_database_exec (reader, "PRAGMA mmap_size = 268435456", NULL);
  return reader;
}

static void
reader_pool_give_back (ReaderPool     *pool,
                       AscendDatabase *reader)
{
  g_mutex_lock (&pool->lock);
  if (!pool->closed && pool->idle.length < POOL_MAX_IDLE)
    {
      g_queue_push_head (&pool->idle, reader);
      reader = NULL;
    }
  g_mutex_unlock (&pool->lock);
  g_clear_object (&reader);
}

typedef struct {
  ReaderPool *pool;
  gint64      user_id;
  gint64      from;
  gint64      to;
  guint       n_buckets;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_pointer (&request->pool, reader_pool_unref);
  g_free (request);
}

/* SQLite calls this every few thousand VM steps; non-zero interrupts. */
static int
check_cancelled (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  AscendDatabase *reader;
  AscendHealthChartData *data;

  if (g_task_return_error_if_cancelled (task))
    return;

  reader = reader_pool_take (request->pool, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (ascend_database_get_handle (reader), 2000, check_cancelled, cancellable);
  data = load_on (reader, request->user_id, request->from, request->to, request->n_buckets, &error);
  sqlite3_progress_handler (ascend_database_get_handle (reader), 0, NULL, NULL);
  reader_pool_give_back (request->pool, reader);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&data, ascend_health_chart_data_free);
      g_task_return_error_if_cancelled (task);
    }
  else if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, data, (GDestroyNotify) ascend_health_chart_data_free);
}

void
ascend_health_chart_data_load_async (AscendDatabase       *db,
                                     gint64                user_id,
                                     gint64                from,
                                     gint64                to,
                                     guint                 n_buckets,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  LoadRequest *request;

  g_return_if_fail (ASCEND_IS_DATABASE (db));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ascend_health_chart_data_load_async);
  g_task_set_name (task, "ascend_health_chart_data_load_async");

  path = ascend_database_get_path (db);
  if (path == NULL || g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:"))
    {
      g_task_return_new_error (task, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED,
                               _("The database %s cannot be read from a second connection"), path);
      return;
    }

  request = g_new0 (LoadRequest, 1);
  request->pool = reader_pool_ref (reader_pool_for (db));
  request->user_id = user_id;
  request->from = from;
  request->to = to;
  request->n_buckets = n_buckets;
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_thread);
}

AscendHealthChartData *
ascend_health_chart_data_load_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ascend_health_chart_data_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
