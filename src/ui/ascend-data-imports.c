/* ascend-data-imports.c: Loop Habit Tracker and RR-interval files, previewed
 *
 * The file is read and checked first; a dialog shows what would be added
 * (counts, dates, the first rows) and every warning, and only "Import"
 * writes, in one transaction. A malformed file is refused with the
 * sentence the parser gives, which names the line.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ascend-data-imports.h"
#include "ascend-loop-import.h"
#include "ascend-rr-import.h"

#define PREVIEW_ROWS 5

static AscendApplication *
group_app (GtkWidget *group)
{
  return g_object_get_data (G_OBJECT (group), "app");
}

static GtkWidget *
preview_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  return box;
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static char *
day_text (AscendDay day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  ascend_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a short date, see g_date_time_format() */
  return dt ? g_date_time_format (dt, _("%-d %b %Y")) : ascend_day_to_string (day);
}

static const char *
frequency_text (AscendHabitFrequency f)
{
  switch (f)
    {
    case ASCEND_HABIT_WEEKLY:
      return _("weekly");
    case ASCEND_HABIT_MONTHLY:
      return _("monthly");
    case ASCEND_HABIT_DAILY:
    default:
      return _("daily");
    }
}

/* Loop Habit Tracker */

static void
loop_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GtkWidget        *group)
{
  AscendLoopImport *import = g_object_get_data (G_OBJECT (dialog), "import");
  AscendApplication *app = group_app (group);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint habits = 0, logs = 0;

  if (!g_str_equal (response, "import"))
    return;
  if (!ascend_loop_import_write (import, ascend_application_get_database (app),
                                 ascend_application_get_user_id (app), tz, &habits, &logs, &error))
    {
      ascend_data_page_error (group, _("Nothing was imported"), error->message);
      return;
    }
  ascend_application_data_changed (app);
  /* Translators: counts of habits and check-ins */
  message = g_strdup_printf (_("Added %u habits and %u check-ins from Loop"), habits, logs);
  ascend_data_page_toast (group, message);
}

static void
loop_chosen (GtkWidget  *group,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendLoopImport) import = ascend_loop_import_load (path, &error);
  g_autoptr(GString) habits = g_string_new (NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box;
  guint shown = 0;

  if (import == NULL)
    {
      ascend_data_page_error (group, _("This Is Not a Loop Habit Tracker Export"), error->message);
      return;
    }

  if (import->n_checkins > 0)
    {
      g_autofree char *from = day_text (import->first_day);
      g_autofree char *to = day_text (import->last_day);
      /* Translators: counts of habits and check-ins, then two dates */
      body = g_strdup_printf (_("%u habits and %u check-ins, from %s to %s."),
                              import->habits->len, import->n_checkins, from, to);
    }
  else
    /* Translators: a count of habits */
    body = g_strdup_printf (_("%u habits, without check-ins."), import->habits->len);

  for (guint i = 0; i < import->habits->len; i++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, i);

      /* Translators: habit name, frequency, count of check-ins */
      g_string_append_printf (habits, _("• %s: %s, %u check-ins%s\n"), h->name, frequency_text (h->frequency),
                              h->done_days->len, h->archived ? _(" (archived)") : "");
      for (guint d = 0; d < h->done_days->len && shown < PREVIEW_ROWS; d++, shown++)
        {
          g_autofree char *day = day_text (g_array_index (h->done_days, AscendDay, d));
          /* Translators: a date, then a habit name */
          g_string_append_printf (rows, _("%s: %s done\n"), day, h->name);
        }
    }
  g_strchomp (habits->str);
  g_strchomp (rows->str);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (group)),
                                   _("Import from Loop Habit Tracker?"), body);
  box = preview_box ();
  add_label (box, habits->str, NULL);
  if (rows->str[0] != '\0')
    {
      add_label (box, _("First check-ins"), "heading");
      add_label (box, rows->str, "dim-label");
    }
  for (guint i = 0; i < import->warnings->len; i++)
    {
      /* Translators: a warning about the file being imported */
      g_autofree char *w = g_strdup_printf (_("⚠ %s"), (char *) g_ptr_array_index (import->warnings, i));
      add_label (box, w, "warning");
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "import", g_steal_pointer (&import),
                          (GDestroyNotify) ascend_loop_import_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (loop_response_cb), group, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
loop_clicked (GtkWidget *group)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Habits.csv of an unzipped Loop export"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  ascend_data_page_choose (group, GTK_FILE_CHOOSER_ACTION_OPEN,
                           _("Choose Habits.csv in the Unzipped Loop Export"), _("_Open"), NULL, filter,
                           loop_chosen);
}

/* RR intervals */

typedef struct {
  GtkWidget    *group;
  AscendRrFile *file;
  GtkWidget    *entry;
  GtkWidget    *error;
  GtkWidget    *summary;
  GtkWidget    *rows;
  gint64        start_ms;
} RrDialog;

static void
rr_dialog_free (gpointer data)
{
  RrDialog *d = data;

  ascend_rr_file_free (d->file);
  g_free (d);
}

/* "2026-11-24 07:30", "2026-11-24T07:30" or full ISO 8601, local time
 * unless it says otherwise; 0 when it is none of these. */
static gint64
parse_start (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *iso = g_strstrip (g_strdup (text));
  g_autoptr(GDateTime) dt = NULL;

  if (strlen (iso) >= 11 && iso[10] == ' ')
    iso[10] = 'T';
  if (strlen (iso) == 16)
    {
      char *longer = g_strconcat (iso, ":00", NULL);
      g_free (iso);
      iso = longer;
    }
  dt = g_date_time_new_from_iso8601 (iso, local);
  return dt ? g_date_time_to_unix (dt) * 1000 : 0;
}

static void
rr_update (AdwMessageDialog *dialog,
           RrDialog         *d)
{
  AscendApplication *app = group_app (d->group);
  AscendRrImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *summary = NULL;

  d->start_ms = parse_start (gtk_editable_get_text (GTK_EDITABLE (d->entry)));
  gtk_widget_set_visible (d->error, d->start_ms == 0);
  adw_message_dialog_set_response_enabled (dialog, "import", FALSE);
  if (d->start_ms == 0)
    {
      gtk_widget_add_css_class (d->entry, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      gtk_label_get_text (GTK_LABEL (d->error)), -1);
      return;
    }
  gtk_widget_remove_css_class (d->entry, "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* The preview is the real analysis, rolled back. */
  if (!ascend_rr_import_run (ascend_application_get_database (app), ascend_application_get_user_id (app),
                             d->file, d->start_ms, FALSE, PREVIEW_ROWS, &result, &error))
    {
      gtk_label_set_text (GTK_LABEL (d->summary), error->message);
      ascend_rr_import_result_clear (&result);
      return;
    }
  /* Translators: counts of minute readings, beats, and left-out intervals */
  summary = g_strdup_printf (_("Minute readings: %u. Beats: %u. Intervals left out: %u."),
                             result.n_readings, d->file->n_kept, d->file->n_filtered);
  gtk_label_set_text (GTK_LABEL (d->summary), summary);
  for (guint i = 0; i < result.first->len; i++)
    {
      AscendRrMinute *m = &g_array_index (result.first, AscendRrMinute, i);
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (m->time_ms / 1000);
      g_autofree char *time = g_date_time_format (t, "%H:%M");

      /* Translators: time, heart rate in bpm, HRV (RMSSD) in ms */
      g_string_append_printf (rows, _("%s  %d bpm, HRV %.0f ms%s\n"), time, (int) m->heart_rate,
                              isnan (m->hrv) ? 0.0 : m->hrv, m->arrhythmia ? _(", irregular") : "");
    }
  if (result.n_existing > 0)
    {
      /* Translators: a count of readings */
      g_string_append_printf (rows, _("⚠ The profile already has %u readings in this time span\n"),
                              result.n_existing);
    }
  g_strchomp (rows->str);
  gtk_label_set_text (GTK_LABEL (d->rows), rows->str);
  adw_message_dialog_set_response_enabled (dialog, "import", result.n_readings > 0);
  ascend_rr_import_result_clear (&result);
}

static void
rr_entry_changed (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  rr_update (dialog, g_object_get_data (G_OBJECT (dialog), "rr"));
}

static void
rr_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  RrDialog *d = g_object_get_data (G_OBJECT (dialog), "rr");
  AscendApplication *app = group_app (d->group);
  AscendRrImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "import") || d->start_ms == 0)
    return;
  if (!ascend_rr_import_run (ascend_application_get_database (app), ascend_application_get_user_id (app),
                             d->file, d->start_ms, TRUE, 0, &result, &error))
    {
      ascend_data_page_error (d->group, _("Nothing was imported"), error->message);
      ascend_rr_import_result_clear (&result);
      return;
    }
  ascend_application_data_changed (app);
  /* Translators: a count of minute readings */
  message = g_strdup_printf (_("Added %u heart readings"), result.n_readings);
  ascend_data_page_toast (d->group, message);
  ascend_rr_import_result_clear (&result);
}

static void
rr_chosen (GtkWidget  *group,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 modified = 0;
  AscendRrFile *file = ascend_rr_file_load (path, &modified, &error);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *start_text = NULL;
  GtkWidget *dialog, *box, *label;
  RrDialog *d;

  if (file == NULL)
    {
      ascend_data_page_error (group, _("This Is Not an RR-Interval File"), error->message);
      return;
    }
  d = g_new0 (RrDialog, 1);
  d->group = group;
  d->file = file;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (group)),
                                   _("Import Heartbeats?"),
                                   _("Each minute of beats becomes a heart reading with HRV, stress and rhythm, "
                                     "as if a sensor had recorded it."));
  box = preview_box ();
  label = add_label (box, _("Recording started (the file was saved when it ended)"), "heading");
  d->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recording started"), -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), d->entry);
  gtk_box_append (GTK_BOX (box), d->entry);
  d->error = add_label (box, _("Write the start as 2026-11-24 07:30"), "error");
  d->summary = add_label (box, "", NULL);
  d->rows = add_label (box, "", "dim-label");
  for (guint i = 0; i < file->warnings->len; i++)
    {
      g_autofree char *w = g_strdup_printf (_("⚠ %s"), (char *) g_ptr_array_index (file->warnings, i));
      add_label (box, w, "warning");
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rr", d, rr_dialog_free);

  start = g_date_time_new_from_unix_local ((modified - (gint64) file->duration_ms) / 1000);
  start_text = g_date_time_format (start, "%Y-%m-%d %H:%M");
  gtk_editable_set_text (GTK_EDITABLE (d->entry), start_text);
  rr_update (ADW_MESSAGE_DIALOG (dialog), d);
  g_signal_connect (d->entry, "changed", G_CALLBACK (rr_entry_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (rr_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rr_clicked (GtkWidget *group)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("RR-interval files (one interval in ms per line)"));
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.rr");
  ascend_data_page_choose (group, GTK_FILE_CHOOSER_ACTION_OPEN, _("Choose an RR-Interval File"),
                           _("_Open"), NULL, filter, rr_chosen);
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         const char *accessible,
         GCallback   callback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Choose…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_swapped (button, "clicked", callback, group);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

AdwPreferencesGroup *
ascend_data_imports_group_new (AscendApplication *app)
{
  GtkWidget *group = adw_preferences_group_new ();

  g_object_set_data (G_OBJECT (group), "app", app);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("From Other Apps"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("You see what would be added before anything is."));
  add_row (group, _("Loop Habit Tracker"),
           _("Habits and check-ins. Unzip Loop’s CSV export, then choose its Habits.csv"),
           _("Import from Loop Habit Tracker"), G_CALLBACK (loop_clicked));
  add_row (group, _("Heartbeats from Polar or Elite HRV"),
           _("A file with one RR interval in milliseconds per line"),
           _("Import an RR-interval file"), G_CALLBACK (rr_clicked));
  return ADW_PREFERENCES_GROUP (group);
}
