/* ascend-data-page.c: export, import, backups and the Danger Zone
 *
 * Long work (export, import of a JSON file, checking the backups) runs in
 * a GTask thread on its own connection, with a pulsing progress bar; the
 * page stays usable. A restore and the imports from other apps write on
 * the app's connection, on the main thread, in one transaction each.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ascend-data-page.h"
#include "ascend-data-imports.h"
#include "ascend-backup.h"
#include "ascend-export.h"
#include "ascend-user-store.h"
#include "ascend-window.h"

struct _AscendDataPage
{
  AdwPreferencesPage   parent_instance;

  AscendApplication   *app;
  GCancellable        *cancellable;

  GtkWidget           *transfer_buttons[3];
  GtkWidget           *progress_row;
  GtkProgressBar      *progress;
  guint                pulse_id;
  struct _Job         *job;        /* the running one, owned by its task */

  AdwPreferencesGroup *backups_group;
  GtkWidget           *backup_now;
  GtkWidget           *backups_spinner;
  GPtrArray           *backup_rows;
};

G_DEFINE_FINAL_TYPE (AscendDataPage, ascend_data_page, ADW_TYPE_PREFERENCES_PAGE)

typedef void (*ChosenFunc) (gpointer    owner,
                            const char *path);

static void refresh_backups (AscendDataPage *self);

void
ascend_data_page_toast (GtkWidget  *widget,
                        const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else if (ASCEND_IS_WINDOW (root))
    ascend_window_toast (ASCEND_WINDOW (root), message);
}

void
ascend_data_page_error (GtkWidget  *widget,
                        const char *heading,
                        const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* File choosers */

typedef struct {
  GtkWidget  *owner;
  ChosenFunc  func;
} Choice;

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        choice->func (choice->owner, path);
      else
        ascend_data_page_error (choice->owner, _("This file cannot be used"),
                                _("Anime Ascend can only read and write files that have a local path."));
    }
  g_object_unref (choice->owner);
  g_free (choice);
  g_object_unref (native);
}

void
ascend_data_page_choose (GtkWidget            *widget,
                         GtkFileChooserAction  action,
                         const char           *title,
                         const char           *accept,
                         const char           *suggested_name,
                         GtkFileFilter        *filter,
                         gpointer              func)
{
  const char *test_file = g_getenv ("ASCEND_TEST_FILE");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  Choice *choice;

  /* Tests cannot drive the portal's chooser under Xvfb reliably. */
  if (test_file != NULL && *test_file != '\0')
    {
      ((ChosenFunc) func) (widget, test_file);
      return;
    }

  native = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  choice = g_new0 (Choice, 1);
  choice->owner = g_object_ref (widget);
  choice->func = func;
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Export and import of the whole data, in a thread */

typedef enum {
  JOB_EXPORT_JSON,
  JOB_EXPORT_CSV,
  JOB_IMPORT_JSON,
} JobKind;

typedef struct _Job {
  JobKind  kind;
  char    *db_path;
  char    *path;
  gint     permille;   /* of the rows written, -1 before it is known (atomic) */
} Job;

static void
job_progress (guint64  done,
              guint64  total,
              gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->permille, total > 0 ? (gint) (done * 1000 / total) : 1000);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->path);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = NULL;

  /* Exports read a snapshot on their own read-only connection; an import
   * writes on its own connection in one transaction (WAL lets the app
   * read meanwhile). */
  db = job->kind == JOB_IMPORT_JSON ? ascend_database_open (job->db_path, &error)
                                    : ascend_database_open_readonly (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (job->kind)
    {
    case JOB_EXPORT_JSON:
      /* Streamed: a year of minute readings never sits in memory. */
      ascend_export_json_to_file (db, 0, job->path, job_progress, job, cancellable, &error);
      break;
    case JOB_EXPORT_CSV:
      ascend_export_csv (db, 0, job->path, &error);
      break;
    case JOB_IMPORT_JSON:
    default:
      ascend_import_file (db, job->path, &error);
      break;
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* A fraction once the export knows how many rows it writes; a pulse for
 * the work whose size is not known (an import, the CSV files). */
static gboolean
pulse_cb (gpointer user_data)
{
  AscendDataPage *self = user_data;
  gint permille = self->job ? g_atomic_int_get (&self->job->permille) : -1;

  if (permille >= 0)
    gtk_progress_bar_set_fraction (self->progress, permille / 1000.0);
  else
    gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (AscendDataPage *self,
          const char     *what)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->transfer_buttons); i++)
    gtk_widget_set_sensitive (self->transfer_buttons[i], what == NULL);
  gtk_widget_set_visible (self->progress_row, what != NULL);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (what != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), what);
      gtk_progress_bar_set_text (self->progress, what);
      self->pulse_id = g_timeout_add (120, pulse_cb, self);
    }
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AscendDataPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->job = NULL;
  set_busy (self, NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      ascend_data_page_error (GTK_WIDGET (self),
                              job->kind == JOB_IMPORT_JSON ? _("Nothing was imported") : _("The export failed"),
                              error->message);
      return;
    }

  if (job->kind == JOB_IMPORT_JSON)
    {
      ascend_application_data_changed (self->app);
      ascend_data_page_toast (GTK_WIDGET (self), _("Imported everything in the file"));
    }
  else
    {
      g_autofree char *display = g_filename_display_basename (job->path);
      /* Translators: %s is a file or folder name */
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), display);
      ascend_data_page_toast (GTK_WIDGET (self), message);
    }
}

static void
start_job (AscendDataPage *self,
           JobKind         kind,
           const char     *path,
           const char     *what)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->db_path = g_strdup (ascend_database_get_path (ascend_application_get_database (self->app)));
  job->path = g_strdup (path);
  job->permille = -1;
  g_task_set_task_data (task, job, job_free);
  self->job = job;
  gtk_progress_bar_set_fraction (self->progress, 0);
  set_busy (self, what);
  g_task_run_in_thread (task, job_thread);
}

/* anime-ascend-export-YYYY-MM-DD plus suffix */
static char *
dated_name (const char *suffix)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

  return g_strconcat ("anime-ascend-export-", day, suffix, NULL);
}

static void
export_json_chosen (AscendDataPage *self,
                    const char     *path)
{
  start_job (self, JOB_EXPORT_JSON, path, _("Exporting…"));
}

static void
export_json_clicked (AscendDataPage *self)
{
  g_autofree char *name = dated_name (".json");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  ascend_data_page_choose (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export as JSON"),
                           _("_Export"), name, filter, export_json_chosen);
}

static void
export_csv_chosen (AscendDataPage *self,
                   const char     *folder)
{
  g_autofree char *name = dated_name ("");
  g_autofree char *path = g_build_filename (folder, name, NULL);

  start_job (self, JOB_EXPORT_CSV, path, _("Exporting…"));
}

static void
export_csv_clicked (AscendDataPage *self)
{
  ascend_data_page_choose (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                           _("Choose a Folder for the CSV Files"), _("_Export"), NULL, NULL, export_csv_chosen);
}

static void
import_json_chosen (AscendDataPage *self,
                    const char     *path)
{
  start_job (self, JOB_IMPORT_JSON, path, _("Importing…"));
}

static void
import_json_clicked (AscendDataPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Anime Ascend exports (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  ascend_data_page_choose (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import an Export"),
                           _("_Import"), NULL, filter, import_json_chosen);
}

/* Backups */

static char *
format_size (gint64 size)
{
  return g_format_size ((guint64) size);
}

static char *
backup_title (AscendBackupInfo *info)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (info->modified_ms / 1000);

  if (info->kind == ASCEND_BACKUP_DAILY && info->day != NULL)
    {
      int y, m, d;
      g_autoptr(GDateTime) day = NULL;

      if (sscanf (info->day, "%d-%d-%d", &y, &m, &d) == 3 &&
          (day = g_date_time_new_local (y, m, d, 12, 0, 0)) != NULL)
        /* Translators: a date, see g_date_time_format() */
        return g_date_time_format (day, _("%A %-d %B %Y"));
      return g_strdup (info->day);
    }
  {
    /* Translators: a date and time, see g_date_time_format() */
    g_autofree char *time = when ? g_date_time_format (when, _("%-d %B %Y, %H:%M")) : g_strdup (info->name);
    /* Translators: %s is a date and time */
    return g_strdup_printf (_("Before the restore of %s"), time);
  }
}

typedef struct {
  AscendApplication *app;
  char              *toast;
} Reload;

static gboolean
reload_cb (gpointer data)
{
  Reload *r = data;
  GtkWindow *window;

  ascend_application_reload (r->app);
  window = gtk_application_get_active_window (GTK_APPLICATION (r->app));
  if (r->toast != NULL && ASCEND_IS_WINDOW (window))
    ascend_window_toast (ASCEND_WINDOW (window), r->toast);
  g_object_unref (r->app);
  g_free (r->toast);
  g_free (r);
  return G_SOURCE_REMOVE;
}

/* The windows (this page's among them) are replaced from an idle: never
 * inside the response of a dialog they own. */
static void
reload_later (AscendApplication *app,
              const char        *toast)
{
  Reload *r = g_new0 (Reload, 1);

  r->app = g_object_ref (app);
  r->toast = g_strdup (toast);
  g_idle_add (reload_cb, r);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AscendDataPage   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  AscendApplication *app = self->app;
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;

  if (!g_str_equal (response, "restore"))
    return;
  if (!ascend_backup_restore (ascend_application_get_database (app), path, &safety, &error))
    {
      ascend_data_page_error (GTK_WIDGET (self), _("Nothing was restored"), error->message);
      return;
    }
  /* Every view reads the restored data: new windows, once this dialog
   * has finished its response. */
  reload_later (app, _("Backup restored. What you had before is kept as a backup too."));
}

static void
restore_clicked (GtkButton      *button,
                 AscendDataPage *self)
{
  AscendBackupInfo *info = g_object_get_data (G_OBJECT (button), "info");
  g_autofree char *title = backup_title (info);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Restore This Backup?"), NULL);
  /* Translators: %s is the backup's date */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Everything in Anime Ascend goes back to how it was in the backup of %s. "
                                    "What you have now is kept in a backup of its own first."), title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (info->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_backup_rows (AscendDataPage *self)
{
  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);
}

static void
show_backups (AscendDataPage *self,
              GPtrArray      *list)
{
  clear_backup_rows (self);
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("One is made each day you open Anime Ascend. "
                                     "Press “Back Up Now” to make one now."));
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      AscendBackupInfo *info = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
      g_autofree char *title = backup_title (info);
      g_autofree char *size = format_size (info->size);
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;

      if (info->ok)
        /* Translators: a file size, then that the file was checked */
        subtitle = g_strdup_printf (_("%s · checked, can be restored"), size);
      else
        /* Translators: a file size, then why the file cannot be used */
        subtitle = g_strdup_printf (_("%s · cannot be restored: %s"), size, info->problem);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!info->ok)
        gtk_widget_add_css_class (row, "error");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, info->ok);
      /* Translators: %s is the backup's date */
      accessible = g_strdup_printf (_("Restore the backup of %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (button), "info", g_ptr_array_steal_index (list, i),
                              (GDestroyNotify) ascend_backup_info_free);
      g_ptr_array_insert (list, i, NULL);
      g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, ascend_backup_list (task_data, TRUE), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AscendDataPage) self = user_data;
  g_autoptr(GPtrArray) list = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable) || list == NULL)
    return;
  gtk_widget_set_visible (self->backups_spinner, FALSE);
  gtk_spinner_stop (GTK_SPINNER (self->backups_spinner));
  gtk_widget_set_sensitive (self->backup_now, TRUE);
  show_backups (self, list);
}

/* Listing checks every file (PRAGMA quick_check): in a thread. */
static void
refresh_backups (AscendDataPage *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, list_done_cb, g_object_ref (self));

  gtk_widget_set_visible (self->backups_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->backups_spinner));
  g_task_set_task_data (task, g_strdup (ascend_database_get_path (ascend_application_get_database (self->app))),
                        g_free);
  g_task_run_in_thread (task, list_thread);
}

static void
backup_now_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = ascend_backup_make (task_data, NULL, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
backup_now_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AscendDataPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (path == NULL)
    {
      gtk_widget_set_sensitive (self->backup_now, TRUE);
      gtk_widget_set_visible (self->backups_spinner, FALSE);
      ascend_data_page_error (GTK_WIDGET (self), _("No backup was made"), error->message);
      return;
    }
  ascend_data_page_toast (GTK_WIDGET (self), _("Backed up"));
  refresh_backups (self);
}

static void
backup_now_clicked (AscendDataPage *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, backup_now_done_cb, g_object_ref (self));

  gtk_widget_set_sensitive (self->backup_now, FALSE);
  gtk_widget_set_visible (self->backups_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->backups_spinner));
  g_task_set_task_data (task, g_strdup (ascend_database_get_path (ascend_application_get_database (self->app))),
                        g_free);
  g_task_run_in_thread (task, backup_now_thread);
}

/* Danger Zone */

typedef struct {
  AscendDataPage *self;
  char           *name;
  GtkWidget      *entry;
  GtkWidget      *error;
} DeleteDialog;

static void
delete_dialog_free (gpointer data)
{
  DeleteDialog *d = data;

  g_free (d->name);
  g_free (d);
}

static void
delete_entry_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  DeleteDialog *d = g_object_get_data (G_OBJECT (dialog), "delete");
  const char *text = gtk_editable_get_text (entry);
  gboolean match = g_strcmp0 (text, d->name) == 0;
  gboolean wrong = *text != '\0' && !match;

  adw_message_dialog_set_response_enabled (dialog, "delete", match);
  gtk_widget_set_visible (d->error, wrong);
  if (wrong)
    {
      gtk_widget_add_css_class (d->entry, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      gtk_label_get_text (GTK_LABEL (d->error)), -1);
    }
  else
    {
      gtk_widget_remove_css_class (d->entry, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  DeleteDialog *d = g_object_get_data (G_OBJECT (dialog), "delete");
  AscendApplication *app = d->self->app;
  AscendDatabase *db = ascend_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) left = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  /* The response is only enabled on a match; check again all the same. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (d->entry)), d->name) != 0)
    return;
  if (!ascend_profile_delete_everything (db, ascend_application_get_user_id (app), &error))
    {
      ascend_data_page_error (GTK_WIDGET (d->self), _("The profile was not deleted"), error->message);
      return;
    }
  /* With no profile left, the backups would still hold it. */
  left = ascend_user_get_first (db, NULL);
  if (left == NULL)
    ascend_backup_remove_all (ascend_database_get_path (db));
  reload_later (app, left != NULL ? _("The profile and all its data were deleted") : NULL);
}

static void
delete_clicked (AscendDataPage *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  g_autoptr(AscendUser) user = ascend_user_get (db, ascend_application_get_user_id (self->app), NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DeleteDialog *d;
  GtkWidget *dialog, *box;

  if (user == NULL)
    return;
  d = g_new0 (DeleteDialog, 1);
  d->self = self;
  d->name = g_strdup (user->name ? user->name : "");

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Delete This Profile?"), NULL);
  /* Translators: %s is the profile name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Everything %s owns is deleted: readings, alerts, contacts, habits, journal, "
                                    "moods, goals, tokens and purchases. This cannot be undone. "
                                    "Type the profile name to confirm."), d->name);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  d->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->entry), d->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Profile name"), -1);
  d->error = gtk_label_new (_("This is not the profile name"));
  gtk_widget_add_css_class (d->error, "error");
  gtk_label_set_xalign (GTK_LABEL (d->error), 0);
  gtk_widget_set_visible (d->error, FALSE);
  gtk_box_append (GTK_BOX (box), d->entry);
  gtk_box_append (GTK_BOX (box), d->error);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Everything"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "delete", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "delete", d, delete_dialog_free);
  g_signal_connect (d->entry, "changed", G_CALLBACK (delete_entry_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (d->entry);
}

/* Building the page */

static GtkWidget *
button_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *label,
            const char          *accessible,
            GCallback            callback,
            gpointer             self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_swapped (button, "clicked", callback, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  return button;
}

static void
ascend_data_page_dispose (GObject *object)
{
  AscendDataPage *self = ASCEND_DATA_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (ascend_data_page_parent_class)->dispose (object);
}

static void
ascend_data_page_class_init (AscendDataPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ascend_data_page_dispose;
}

static void
ascend_data_page_init (AscendDataPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->backup_rows = g_ptr_array_new ();
}

/* Built the first time the page is shown: Preferences opens as fast as
 * before, and the backups are only checked when someone looks at them. */
static void
build (AscendDataPage *self)
{
  AscendApplication *app = self->app;
  AdwPreferencesGroup *group;
  GtkWidget *header, *danger;

  if (self->backups_group != NULL)
    return;

  /* Export and import */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Export and Import"));
  adw_preferences_group_set_description (group,
                                         _("Your data stays on this computer. Take all of it with you, "
                                           "as one JSON file or as CSV files for spreadsheets."));
  self->transfer_buttons[0] = button_row (group, _("Export Everything as JSON"),
                                          _("One file that Anime Ascend can import again"),
                                          _("_Export…"), _("Export JSON"), G_CALLBACK (export_json_clicked), self);
  self->transfer_buttons[1] = button_row (group, _("Export as CSV Files"),
                                          _("One file per table, in a new folder"),
                                          _("E_xport…"), _("Export CSV"), G_CALLBACK (export_csv_clicked), self);
  self->transfer_buttons[2] = button_row (group, _("Import a JSON Export"),
                                          _("Adds every row of the file, or nothing if one is wrong"),
                                          _("_Import…"), _("Import JSON"), G_CALLBACK (import_json_clicked), self);
  self->progress_row = adw_action_row_new ();
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_pulse_step (self->progress, 0.1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->progress_row), GTK_WIDGET (self->progress));
  gtk_widget_set_visible (self->progress_row, FALSE);
  adw_preferences_group_add (group, self->progress_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  /* Backups */
  self->backups_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->backups_group, _("Backups"));
  {
    /* Translators: %d is how many daily backups are kept */
    g_autofree char *description = g_strdup_printf (_("A copy of everything is made each day; the last %d are kept."),
                                                    ASCEND_BACKUP_KEEP_DAILY);
    adw_preferences_group_set_description (self->backups_group, description);
  }
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->backups_spinner = gtk_spinner_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->backups_spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checking the backups"), -1);
  self->backup_now = gtk_button_new_with_mnemonic (_("_Back Up Now"));
  gtk_widget_set_valign (self->backup_now, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->backup_now), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back Up Now"), -1);
  gtk_widget_set_valign (self->backups_spinner, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->backup_now, "clicked", G_CALLBACK (backup_now_clicked), self);
  gtk_box_append (GTK_BOX (header), self->backups_spinner);
  gtk_box_append (GTK_BOX (header), self->backup_now);
  adw_preferences_group_set_header_suffix (self->backups_group, header);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->backups_group);

  /* Other apps */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ascend_data_imports_group_new (app));

  /* Danger Zone */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Danger Zone"));
  danger = button_row (group, _("Delete This Profile"),
                       _("Deletes the profile and everything it owns, for good"),
                       _("_Delete Profile…"), _("Delete Profile"), G_CALLBACK (delete_clicked), self);
  gtk_widget_add_css_class (danger, "destructive-action");
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  refresh_backups (self);
}

AdwPreferencesPage *
ascend_data_page_new (AscendApplication *app)
{
  AscendDataPage *self = g_object_new (ASCEND_TYPE_DATA_PAGE,
                                       "title", _("Your Data"),
                                       "icon-name", "drive-harddisk-symbolic",
                                       "name", "data",
                                       NULL);

  self->app = app;
  g_signal_connect (self, "map", G_CALLBACK (build), NULL);
  return ADW_PREFERENCES_PAGE (self);
}
