/* ascend-health-rollup.c: the data of a health chart, loaded in one go
 *
 * Buckets are folded from the roll-ups of schema 006 (readingRollupHours,
 * readingRollupMinutes, kept by triggers) and equal, exactly, what summing
 * the raw healthReadings rows gives: a roll-up row goes whole into a bucket
 * only when its hour or minute lies inside that one bucket; the hours a
 * bucket boundary cuts are read as minutes, and the minutes it cuts as raw
 * readings. A year in 500-1300 buckets thus reads ~8,760 hour rows plus a
 * minute or raw row or two per boundary, instead of 525,600 readings.
 *
 * The async variant opens its own read-only connection in the worker thread
 * and owns it there: AscendDatabase connections are single-threaded
 * (SQLITE_OPEN_NOMUTEX).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ascend-health-rollup.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)

/* Relative costs, measured on a year of per-minute readings (bench-queries):
 * a roll-up row is read in index order from a WITHOUT ROWID table; a raw
 * reading needs the index and then its table row; a seek is a fresh query. */
#define COST_ROLLUP_ROW 1
#define COST_RAW_ROW    4
#define COST_SEEK       12

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

#define ROLLUP_COLUMNS "bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount"

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

/* Hours: those inside one bucket are folded; the others (cut by a bucket
 * boundary or by the range's ends) are returned in cut, with how many
 * readings and minute rows they hold. */
static gboolean
fold_hours (AscendDatabase  *db,
            Fold            *fold,
            gint64           user_id,
            GArray          *cut,
            gint64          *cut_readings,
            gint64          *cut_minutes,
            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ascend_database_prepare (db,
                                  "SELECT " ROLLUP_COLUMNS " FROM readingRollupHours "
                                  "WHERE userId = ?1 AND bucketStart >= ?2 AND bucketStart < ?3 ORDER BY bucketStart",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, floor_to (fold->from, HOUR_MS));
  sqlite3_bind_int64 (stmt, 3, fold->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 hour = sqlite3_column_int64 (stmt, 0);

      if (whole_in_one (fold, hour, HOUR_MS))
        fold_rollup_row (fold, stmt, bucket_of (fold, hour));
      else
        {
          gint64 count = sqlite3_column_int64 (stmt, 1);
          add_range (cut, MAX (hour, fold->from), MIN (hour + HOUR_MS, fold->to));
          *cut_readings += count;
          *cut_minutes += MIN (count, 60);
        }
    }
  return finish_query (db, stmt, rc, error);
}

/* Minutes of ranges: those inside one bucket are folded, the others go to
 * raw (whole minutes, or the parts of the range's end minutes). */
static gboolean
fold_minutes (AscendDatabase  *db,
              Fold            *fold,
              gint64           user_id,
              GArray          *ranges,
              GArray          *raw,
              GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = ascend_database_prepare (db,
                                  "SELECT " ROLLUP_COLUMNS " FROM readingRollupMinutes "
                                  "WHERE userId = ?1 AND bucketStart >= ?2 AND bucketStart < ?3 ORDER BY bucketStart",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *r = &g_array_index (ranges, Range, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_int64 (stmt, 2, floor_to (r->lo, MINUTE_MS));
      sqlite3_bind_int64 (stmt, 3, r->hi);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 minute = sqlite3_column_int64 (stmt, 0);

          if (minute >= r->lo && minute + MINUTE_MS <= r->hi && whole_in_one (fold, minute, MINUTE_MS))
            fold_rollup_row (fold, stmt, bucket_of (fold, minute));
          else
            add_range (raw, MAX (minute, r->lo), MIN (minute + MINUTE_MS, r->hi));
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

/* Which way the cut hours are read: "minutes" or "raw" forces one (the
 * tests check both against the raw recomputation); unset, the cheaper. */
static gboolean
cut_hours_as_minutes (gint64 minute_cost,
                      gint64 raw_cost)
{
  const char *plan = g_getenv ("ASCEND_ROLLUP_PLAN");

  if (G_UNLIKELY (plan != NULL && *plan != '\0'))
    return g_str_equal (plan, "minutes");
  return minute_cost < raw_cost;
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
  g_autoptr(GArray) cut = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autofree double *hr_sum = NULL, *hrv_sum = NULL, *stress_sum = NULL;
  g_autofree gint64 *hr_n = NULL, *hrv_n = NULL, *stress_n = NULL;
  gint64 cut_readings = 0, cut_minutes = 0, boundary_seeks;
  gboolean minute_aligned;
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

  if (!fold_hours (db, &fold, user_id, cut, &cut_readings, &cut_minutes, error))
    return NULL;

  /* The cut hours as minutes cost their minute rows plus a raw seek for
   * each minute a boundary cuts (none when every boundary is on a minute);
   * as raw readings they cost their readings. */
  minute_aligned = floor_to (from, MINUTE_MS) == from && floor_to (to, MINUTE_MS) == to &&
                   (to - from) % ((gint64) n_buckets * MINUTE_MS) == 0;
  boundary_seeks = (gint64) cut->len + (minute_aligned ? 0 : MIN ((gint64) n_buckets, cut_minutes));
  if (cut_hours_as_minutes (cut_minutes * COST_ROLLUP_ROW + boundary_seeks * (COST_SEEK + COST_RAW_ROW),
                            cut_readings * COST_RAW_ROW + (gint64) cut->len * COST_SEEK))
    {
      if (!fold_minutes (db, &fold, user_id, cut, raw, error) ||
          !fold_raw (db, &fold, user_id, raw, error))
        return NULL;
    }
  else if (!fold_raw (db, &fold, user_id, cut, error))
    return NULL;

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

/* Whether a reading that is not irregular lies between irregular readings
 * a and b, in (createdAt, id) order. */
static gboolean
regular_between (AscendDatabase  *db,
                 gint64           user_id,
                 gint64           a_time,
                 gint64           a_id,
                 gint64           b_time,
                 gint64           b_id,
                 gboolean        *between,
                 GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ascend_database_prepare (db,
                                  "SELECT 1 FROM healthReadings WHERE userId = ?1 "
                                  "AND createdAt >= ?2 AND createdAt <= ?4 AND arrhythmiaDetected = 0 "
                                  "AND NOT (createdAt = ?2 AND id <= ?3) AND NOT (createdAt = ?4 AND id >= ?5) LIMIT 1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, a_time);
  sqlite3_bind_int64 (stmt, 3, a_id);
  sqlite3_bind_int64 (stmt, 4, b_time);
  sqlite3_bind_int64 (stmt, 5, b_id);
  rc = sqlite3_step (stmt);
  *between = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;
  return finish_query (db, stmt, rc, error);
}

/* Episodes: consecutive irregular readings (in time order) at most
 * ASCEND_CHART_SPAN_MAX_GAP_MS apart. Only the flagged readings are read
 * (a partial index holds them), plus a look between two close ones. */
static GArray *
load_irregular (AscendDatabase  *db,
                gint64           user_id,
                gint64           from,
                gint64           to,
                GError         **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (AscendChartSpan));
  g_autoptr(GArray) flagged = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  gint64 first = 0;
  int rc;

  stmt = ascend_database_prepare (db,
                                  "SELECT createdAt, id FROM healthReadings INDEXED BY idx_healthReadings_irregular "
                                  "WHERE userId = ?1 AND arrhythmiaDetected = 1 AND createdAt >= ?2 AND createdAt < ?3 "
                                  "ORDER BY createdAt, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (flagged, row);
    }
  if (!finish_query (db, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < flagged->len; i++)
    {
      const gint64 *a = &g_array_index (flagged, gint64, 2 * i);
      const gint64 *b = i + 1 < flagged->len ? &g_array_index (flagged, gint64, 2 * i + 2) : NULL;
      gboolean between = TRUE;

      if (i == 0 || first == G_MININT64)
        first = a[0];
      if (b != NULL && b[0] - a[0] <= ASCEND_CHART_SPAN_MAX_GAP_MS &&
          !regular_between (db, user_id, a[0], a[1], b[0], b[1], &between, error))
        return NULL;
      if (between)
        {
          add_span (spans, first, a[0], from, to);
          first = G_MININT64;
        }
    }
  return g_steal_pointer (&spans);
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
  data->buckets = ascend_health_reading_buckets (db, user_id, from, to, n_buckets, error);
  if (data->buckets == NULL)
    return NULL;
  data->alerts = load_alerts (db, user_id, from, to, error);
  if (data->alerts == NULL)
    return NULL;
  data->irregular = load_irregular (db, user_id, from, to, error);
  if (data->irregular == NULL)
    return NULL;
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

typedef struct {
  char   *path;
  gint64  user_id;
  gint64  from;
  gint64  to;
  guint   n_buckets;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->path);
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
  g_autoptr(AscendDatabase) reader = NULL;
  AscendHealthChartData *data;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* This thread's own connection: AscendDatabase is single-threaded, and
   * WAL lets it read while the main connection writes. */
  reader = ascend_database_open_readonly (request->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (ascend_database_get_handle (reader), 2000, check_cancelled, cancellable);
  data = load_on (reader, request->user_id, request->from, request->to, request->n_buckets, &error);

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
  request->path = g_strdup (path);
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
