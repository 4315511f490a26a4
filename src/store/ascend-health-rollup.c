/* ascend-health-rollup.c: the data of a health chart, loaded in one go
 *
 * The buckets come from ascend_health_reading_buckets(); alerts and
 * irregular-rhythm episodes are read here. The async variant opens its own
 * read-only connection in the worker thread and owns it there: AscendDatabase
 * connections are single-threaded (SQLITE_OPEN_NOMUTEX).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ascend-health-rollup.h"

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

static gboolean
step_failed (AscendDatabase  *db,
             sqlite3_stmt    *stmt,
             int              rc,
             GError         **error)
{
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  rc = sqlite3_reset (stmt);
  ascend_database_set_error (db, rc, error);
  return TRUE;
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
  if (step_failed (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&alerts);
}

#define MINUTE_MS ((gint64) 60 * 1000)

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

/* Walks the readings of the range in time order: an episode runs while
 * readings say irregular and lie at most ASCEND_CHART_SPAN_MAX_GAP_MS apart. */
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
  gint64 first = 0, last = 0;
  int rc;

  stmt = ascend_database_prepare (db,
                                  "SELECT createdAt, arrhythmiaDetected FROM healthReadings "
                                  "WHERE userId = ?1 AND createdAt >= ?2 AND createdAt < ?3 ORDER BY createdAt, id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 time = sqlite3_column_int64 (stmt, 0);
      gboolean irregular = sqlite3_column_int (stmt, 1) != 0;

      if (open && (!irregular || time - last > ASCEND_CHART_SPAN_MAX_GAP_MS))
        {
          add_span (spans, first, last, from, to);
          open = FALSE;
        }
      if (irregular)
        {
          if (!open)
            first = time;
          last = time;
          open = TRUE;
        }
    }
  if (step_failed (db, stmt, rc, error))
    return NULL;
  if (open)
    add_span (spans, first, last, from, to);
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
