/* ascend-rr-import.c: an RR-interval file into minute readings */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ascend-rr-import.h"
#include "ascend-monitor.h"

#define MAX_FILE_BYTES (64 * 1024 * 1024)
#define MAX_LINE_BYTES 256
#define PACKET_MS      1000.0

void
ascend_rr_file_free (AscendRrFile *file)
{
  if (file == NULL)
    return;
  g_array_unref (file->rr_ms);
  g_ptr_array_unref (file->warnings);
  g_free (file);
}

AscendRrFile *
ascend_rr_file_parse (const char  *text,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(AscendRrFile) file = g_new0 (AscendRrFile, 1);
  const char *p = text;
  const char *end = text + length;
  gboolean seen_value = FALSE;
  guint line = 0;

  file->rr_ms = g_array_new (FALSE, FALSE, sizeof (double));
  file->warnings = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL || length == 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("The file is empty: it holds no RR intervals"));
      return NULL;
    }
  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("This is not a text file of RR intervals (one number of milliseconds per line)"));
      return NULL;
    }
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = nl ? (gsize) (nl - p) : (gsize) (end - p);
      g_autofree char *raw = NULL;
      char *s, *num_end = NULL;
      double v;

      line++;
      if (n > MAX_LINE_BYTES)
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Line %u is too long to hold one RR interval"), line);
          return NULL;
        }
      raw = g_strndup (p, n);
      p = nl ? nl + 1 : end;
      s = g_strstrip (raw);
      if (*s == '\0')
        continue;

      v = g_ascii_strtod (s, &num_end);
      if (num_end == s || *num_end != '\0' || !isfinite (v))
        {
          /* The first line may name the column ("RR", "RR (ms)"). */
          if (!seen_value && !file->had_header && strpbrk (s, "0123456789") == NULL)
            {
              file->had_header = TRUE;
              continue;
            }
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Line %u is not an RR interval in milliseconds: “%.40s”"), line, s);
          return NULL;
        }
      seen_value = TRUE;
      if (v <= 0 || v > 60000)
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Line %u: %g ms cannot be the time between two heartbeats"), line, v);
          return NULL;
        }
      g_array_append_val (file->rr_ms, v);
      file->duration_ms += v;
      if (v < ASCEND_RR_IMPORT_MIN_MS || v > ASCEND_RR_IMPORT_MAX_MS)
        file->n_filtered++;
      else
        file->n_kept++;
    }

  if (file->n_kept == 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           file->rr_ms->len == 0 ? _("The file holds no RR intervals")
                                                 : _("The file holds no plausible RR intervals (200 to 3000 ms)"));
      return NULL;
    }
  if (file->n_filtered > 0)
    g_ptr_array_add (file->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u interval outside 200-3000 ms is left out (an artefact or a missed beat)",
                                                   "%u intervals outside 200-3000 ms are left out (artefacts or missed beats)",
                                                   file->n_filtered),
                                      file->n_filtered));
  if (file->duration_ms < 60000)
    g_ptr_array_add (file->warnings,
                     g_strdup (_("The recording is shorter than a minute: it may give no reading")));
  return g_steal_pointer (&file);
}

AscendRrFile *
ascend_rr_file_load (const char  *path,
                     gint64      *modified_ms,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("There is no file %s"), display);
      return NULL;
    }
  if (st.st_size > MAX_FILE_BYTES)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s is too large to be an RR-interval file"), display);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not read %s: %s"), display, local_error->message);
      return NULL;
    }
  if (modified_ms)
    *modified_ms = (gint64) st.st_mtime * 1000;
  return ascend_rr_file_parse (text, length, error);
}

void
ascend_rr_import_result_clear (AscendRrImportResult *result)
{
  g_clear_pointer (&result->first, g_array_unref);
  memset (result, 0, sizeof *result);
}

typedef struct {
  AscendRrImportResult *result;
  guint                 max_rows;
  GError               *error;
} RunData;

static void
minute_cb (AscendMonitor       *monitor,
           AscendHealthReading *reading,
           RunData             *data)
{
  AscendRrImportResult *r = data->result;

  if (r->n_readings == 0)
    r->from_ms = reading->created_at;
  r->to_ms = reading->created_at;
  r->n_readings++;
  if (r->first->len < data->max_rows)
    {
      AscendRrMinute m;

      m.time_ms = reading->created_at;
      m.heart_rate = reading->heart_rate;
      m.hrv = reading->hrv;
      m.stress = reading->stress_level == ASCEND_NO_INT ? 0 : reading->stress_level;
      m.arrhythmia = reading->arrhythmia_detected;
      g_array_append_val (r->first, m);
    }
}

static void
write_failed_cb (AscendMonitor *monitor,
                 const GError  *error,
                 RunData       *data)
{
  if (data->error == NULL)
    data->error = g_error_copy (error);
}

/* Readings the profile already has in [from, to): one bucket from the
 * store's roll-ups (0 when they cannot be read: only a warning depends on it). */
static guint
count_existing (AscendDatabase  *db,
                gint64           user_id,
                gint64           from,
                gint64           to)
{
  g_autoptr(GArray) buckets = NULL;

  if (to <= from)
    return 0;
  buckets = ascend_health_reading_buckets (db, user_id, from, to, 1, NULL);
  if (buckets == NULL || buckets->len == 0)
    return 0;
  return g_array_index (buckets, AscendReadingBucket, 0).count;
}

gboolean
ascend_rr_import_run (AscendDatabase       *db,
                      gint64                user_id,
                      AscendRrFile         *file,
                      gint64                start_ms,
                      gboolean              commit,
                      guint                 max_rows,
                      AscendRrImportResult *result,
                      GError              **error)
{
  g_autoptr(AscendMonitor) monitor = NULL;
  AscendMeasurement m = { 0 };
  RunData data = { result, max_rows, NULL };
  double t = 0, packet_start = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (file != NULL && result != NULL, FALSE);
  g_return_val_if_fail (start_ms > 0, FALSE);

  memset (result, 0, sizeof *result);
  result->first = g_array_new (FALSE, FALSE, sizeof (AscendRrMinute));
  result->n_existing = count_existing (db, user_id, start_ms - start_ms % 60000,
                                       start_ms + (gint64) ceil (file->duration_ms) + 60000);

  if (!ascend_database_begin (db, error))
    return FALSE;

  monitor = ascend_monitor_new (db, user_id);
  g_signal_connect (monitor, "minute", G_CALLBACK (minute_cb), &data);
  g_signal_connect (monitor, "write-failed", G_CALLBACK (write_failed_cb), &data);

  /* Beats go in as a strap sends them, about one packet a second, each
   * stamped with the end of its last beat. A left-out interval ends the
   * packet, so the monitor never counts its time as a beat's. */
  m.contact = ASCEND_CONTACT_DETECTED;
  for (guint i = 0; i < file->rr_ms->len; i++)
    {
      double rr = g_array_index (file->rr_ms, double, i);
      gboolean kept = rr >= ASCEND_RR_IMPORT_MIN_MS && rr <= ASCEND_RR_IMPORT_MAX_MS;

      if (m.n_rr > 0 && (!kept || t - packet_start >= PACKET_MS || m.n_rr == ASCEND_SENSOR_MAX_RR))
        {
          m.time_ms = start_ms + (gint64) llround (t);
          m.heart_rate = (guint) lround (60000.0 / m.rr_ms[m.n_rr - 1]);
          ascend_monitor_push_measurement (monitor, &m);
          result->n_beats += m.n_rr;
          m.n_rr = 0;
        }
      if (m.n_rr == 0)
        packet_start = t;
      t += rr;
      if (kept)
        m.rr_ms[m.n_rr++] = rr;
    }
  if (m.n_rr > 0)
    {
      m.time_ms = start_ms + (gint64) llround (t);
      m.heart_rate = (guint) lround (60000.0 / m.rr_ms[m.n_rr - 1]);
      ascend_monitor_push_measurement (monitor, &m);
      result->n_beats += m.n_rr;
    }
  ascend_monitor_flush (monitor);

  if (data.error != NULL)
    {
      ascend_database_rollback (db);
      g_set_error (error, data.error->domain, data.error->code,
                   _("Nothing was imported: a reading could not be saved: %s"), data.error->message);
      g_clear_error (&data.error);
      return FALSE;
    }
  if (!commit)
    {
      ascend_database_rollback (db);
      return TRUE;
    }
  return ascend_database_commit (db, error);
}

static char *
iso_ms (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);

  return dt ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

JsonNode *
ascend_rr_import_preview (AscendRrFile         *file,
                          gint64                start_ms,
                          AscendRrImportResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *start = iso_ms (start_ms);
  g_autofree char *end = iso_ms (start_ms + (gint64) llround (file->duration_ms));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "intervals");
  json_builder_add_int_value (b, file->rr_ms->len);
  json_builder_set_member_name (b, "kept");
  json_builder_add_int_value (b, file->n_kept);
  json_builder_set_member_name (b, "filtered");
  json_builder_add_int_value (b, file->n_filtered);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, start);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, end);
  json_builder_set_member_name (b, "readings");
  json_builder_add_int_value (b, result->n_readings);
  json_builder_set_member_name (b, "beats");
  json_builder_add_int_value (b, (gint64) result->n_beats);
  json_builder_set_member_name (b, "existingReadings");
  json_builder_add_int_value (b, result->n_existing);
  json_builder_set_member_name (b, "firstRows");
  json_builder_begin_array (b);
  for (guint i = 0; result->first != NULL && i < result->first->len; i++)
    {
      AscendRrMinute *m = &g_array_index (result->first, AscendRrMinute, i);
      g_autofree char *time = iso_ms (m->time_ms);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "time");
      json_builder_add_string_value (b, time);
      json_builder_set_member_name (b, "heartRate");
      json_builder_add_int_value (b, m->heart_rate);
      json_builder_set_member_name (b, "hrv");
      if (isnan (m->hrv))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, m->hrv);
      json_builder_set_member_name (b, "stress");
      if (m->stress > 0)
        json_builder_add_int_value (b, m->stress);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "arrhythmia");
      json_builder_add_boolean_value (b, m->arrhythmia);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < file->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (file->warnings, i));
  if (result->n_existing > 0)
    {
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "The profile already has %u reading in this time span; the imported ones are added beside it",
                                                         "The profile already has %u readings in this time span; the imported ones are added beside them",
                                                         result->n_existing),
                                            result->n_existing);
      json_builder_add_string_value (b, w);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
