/* ascend-journal-editor.c: write or edit one journal entry, drafts saved as you type
 *
 * Every change goes to an AscendJournalAutosave, which writes the draft a
 * second after typing pauses (at the latest three seconds after the first
 * unsaved change): a crash or a power cut loses at most those seconds.
 * Closing the editor or the window writes what is pending at once.
 *
 * Signals:
 *   saved (gint64 entry_id, gboolean is_new)  an entry was saved
 *   closed                                    the editor was closed
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-journal-editor.h"
#include "ascend-journal-autosave.h"
#include "ascend-journal-rules.h"
#include "ascend-journal-store.h"

struct _AscendJournalEditor
{
  GtkBox                 parent_instance;

  AscendApplication     *app;
  AscendJournalAutosave *autosave;
  gint64                 entry_id;   /* -1 closed, 0 new */
  gboolean               loading;    /* filling the form: not the user typing */

  GtkLabel              *heading_label;
  GtkLabel              *status_label;
  GtkEntry              *title_entry;
  GtkLabel              *title_error;
  GtkPicture            *mood_face;
  GtkDropDown           *mood_dropdown;
  GtkEntry              *tags_entry;
  GtkTextView           *body_view;
  GtkLabel              *save_error;
};

enum { SAVED, CLOSED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendJournalEditor, ascend_journal_editor, GTK_TYPE_BOX)

static AscendDatabase *
database (AscendJournalEditor *self)
{
  return ascend_application_get_database (self->app);
}

static gint64
selected_score (AscendJournalEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->mood_dropdown);
  return selected >= 1 && selected <= ASCEND_MOOD_SCORE_MAX ? (gint64) selected : ASCEND_NO_INT;
}

static char *
body_text (AscendJournalEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static AscendJournalDraft *
current_draft (AscendJournalEditor *self)
{
  AscendJournalDraft *draft = ascend_journal_draft_new ();

  draft->user_id = ascend_application_get_user_id (self->app);
  draft->entry_id = MAX (self->entry_id, 0);
  draft->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  draft->content = body_text (self);
  draft->tags = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  draft->mood_score = selected_score (self);
  draft->mood = g_strdup (ascend_mood_label (draft->mood_score));
  return draft;
}

static void
set_status (AscendJournalEditor *self,
            const char          *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
}

static void
update_face (AscendJournalEditor *self)
{
  gint64 score = selected_score (self);

  gtk_widget_set_visible (GTK_WIDGET (self->mood_face), score != ASCEND_NO_INT);
  if (score != ASCEND_NO_INT)
    {
      g_autofree char *resource = ascend_mood_face_resource (score);
      gtk_picture_set_resource (self->mood_face, resource);
      const char *alt = ascend_mood_face_description (ascend_mood_face (score));
      gtk_picture_set_alternative_text (self->mood_face, alt);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->mood_face), GTK_ACCESSIBLE_PROPERTY_LABEL, alt, -1);
    }
}

static void
field_changed_cb (AscendJournalEditor *self)
{
  g_autoptr(AscendJournalDraft) draft = NULL;

  if (self->loading || self->entry_id < 0 || self->autosave == NULL)
    return;
  /* A fixed problem stops being reported as soon as it is fixed. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->title_error)) &&
      ascend_journal_check_title (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))) == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->title_error), FALSE);
  draft = current_draft (self);
  ascend_journal_autosave_update (self->autosave, draft);
  if (ascend_journal_autosave_has_pending (self->autosave))
    set_status (self, _("Unsaved changes"));
}

static void
mood_changed_cb (AscendJournalEditor *self)
{
  update_face (self);
  field_changed_cb (self);
}

static void
autosave_saved_cb (AscendJournalEditor *self,
                   gint64               saved_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (saved_at / 1000);
  g_autofree char *time = g_date_time_format (when, "%H:%M:%S");
  g_autofree char *text = g_strdup_printf (_("Draft saved at %s"), time);

  set_status (self, text);
}

static void
autosave_failed_cb (AscendJournalEditor *self,
                    const char          *message)
{
  g_autofree char *text = g_strdup_printf (_("The draft could not be saved: %s"), message);
  set_status (self, text);
}

static void
title_activate_cb (AscendJournalEditor *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
fill (AscendJournalEditor      *self,
      const AscendJournalDraft *draft)
{
  g_autofree char *tags = NULL;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), draft->title ? draft->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), draft->tags ? draft->tags : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), draft->content ? draft->content : "", -1);
  gtk_drop_down_set_selected (self->mood_dropdown,
                              ascend_mood_score_valid (draft->mood_score) ? (guint) draft->mood_score : 0);
  update_face (self);
  gtk_widget_set_visible (GTK_WIDGET (self->title_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
  self->loading = FALSE;
}

gboolean
ascend_journal_editor_open (AscendJournalEditor  *self,
                            gint64                entry_id,
                            GError              **error)
{
  gint64 user = ascend_application_get_user_id (self->app);
  g_autoptr(AscendJournalDraft) draft = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ASCEND_IS_JOURNAL_EDITOR (self), FALSE);

  if (self->entry_id >= 0 && !ascend_journal_autosave_flush (self->autosave, error))
    return FALSE;

  draft = ascend_journal_draft_load (database (self), user, MAX (entry_id, 0), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (draft == NULL && entry_id > 0)
    {
      g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_get (database (self), entry_id, error);
      if (entry == NULL)
        return FALSE;
      draft = ascend_journal_draft_new ();
      draft->user_id = user;
      draft->entry_id = entry_id;
      draft->title = g_strdup (entry->title);
      draft->content = g_strdup (entry->content);
      draft->tags = ascend_journal_tags_to_text (entry->tags);
      draft->mood_score = entry->mood_score;
      draft->mood = g_strdup (entry->mood);
      set_status (self, NULL);
    }
  else if (draft != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (draft->saved_at / 1000);
      /* TRANSLATORS: the date and time a draft was last saved */
      g_autofree char *stamp = g_date_time_format (when, _("%e %b, %H:%M"));
      g_autofree char *text = g_strdup_printf (_("Unsaved draft from %s restored"), g_strstrip (stamp));
      set_status (self, text);
    }
  else
    {
      draft = ascend_journal_draft_new ();
      set_status (self, NULL);
    }

  ascend_journal_autosave_forget (self->autosave);
  self->entry_id = MAX (entry_id, 0);
  gtk_label_set_text (self->heading_label, entry_id > 0 ? _("Edit Entry") : _("New Entry"));
  fill (self, draft);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  return TRUE;
}

void
ascend_journal_editor_close (AscendJournalEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendJournalDraft) draft = NULL;

  g_return_if_fail (ASCEND_IS_JOURNAL_EDITOR (self));

  if (self->entry_id < 0)
    return;
  draft = current_draft (self);
  if (!ascend_journal_autosave_flush (self->autosave, &error))
    {
      /* Closing would hide text that is nowhere else: stay open. */
      g_autofree char *text = g_strdup_printf (_("The draft could not be saved: %s"), error->message);
      gtk_label_set_text (self->save_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return;
    }
  /* A new entry left empty is not worth offering back. */
  if (self->entry_id == 0 && ascend_text_is_blank (draft->title) && ascend_text_is_blank (draft->content) &&
      ascend_text_is_blank (draft->tags))
    ascend_journal_draft_clear (database (self), draft->user_id, 0, NULL);
  ascend_journal_autosave_forget (self->autosave);
  self->entry_id = -1;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[CLOSED], 0);
}

gboolean
ascend_journal_editor_is_open (AscendJournalEditor *self)
{
  g_return_val_if_fail (ASCEND_IS_JOURNAL_EDITOR (self), FALSE);
  return self->entry_id >= 0;
}

gint64
ascend_journal_editor_get_entry_id (AscendJournalEditor *self)
{
  g_return_val_if_fail (ASCEND_IS_JOURNAL_EDITOR (self), -1);
  return self->entry_id;
}

gboolean
ascend_journal_editor_save (AscendJournalEditor *self)
{
  g_autoptr(AscendJournalDraft) draft = NULL;
  g_autoptr(AscendJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  const char *problem;
  gboolean is_new;

  g_return_val_if_fail (ASCEND_IS_JOURNAL_EDITOR (self), FALSE);

  if (self->entry_id < 0)
    return FALSE;
  draft = current_draft (self);
  problem = ascend_journal_check_title (draft->title);
  if (problem != NULL)
    {
      gtk_label_set_text (self->title_error, problem);
      gtk_widget_set_visible (GTK_WIDGET (self->title_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
      return FALSE;
    }
  problem = ascend_journal_check_mood_score (draft->mood_score, FALSE);
  if (problem != NULL)
    {
      gtk_label_set_text (self->save_error, problem);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return FALSE;
    }

  is_new = self->entry_id == 0;
  if (is_new)
    entry = ascend_journal_entry_new ();
  else if ((entry = ascend_journal_entry_get (database (self), self->entry_id, &error)) == NULL)
    {
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return FALSE;
    }
  entry->user_id = draft->user_id;
  g_free (entry->title);
  entry->title = g_strdup (g_strstrip (draft->title));
  g_free (entry->content);
  entry->content = g_strdup (draft->content);
  g_free (entry->tags);
  entry->tags = ascend_journal_tags_to_json (draft->tags);
  /* An imported label ("calm") stays while its score is unchanged. */
  if (is_new || entry->mood_score != draft->mood_score)
    {
      g_free (entry->mood);
      entry->mood = g_strdup (draft->mood);
      entry->mood_score = draft->mood_score;
    }

  if (!ascend_journal_save_entry (database (self), entry, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The entry could not be saved: %s. Your text is kept as a draft."),
                                               error->message);
      ascend_journal_autosave_flush (self->autosave, NULL);
      gtk_label_set_text (self->save_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return FALSE;
    }
  /* The draft went in the same transaction. */
  ascend_journal_autosave_forget (self->autosave);
  self->entry_id = -1;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SAVED], 0, entry->id, is_new);
  return TRUE;
}

static void
save_clicked_cb (AscendJournalEditor *self)
{
  ascend_journal_editor_save (self);
}

static void
close_clicked_cb (AscendJournalEditor *self)
{
  ascend_journal_editor_close (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ascend_journal_editor_save (ASCEND_JOURNAL_EDITOR (widget));
}

void
ascend_journal_editor_set_app (AscendJournalEditor *self,
                               AscendApplication   *app)
{
  g_return_if_fail (ASCEND_IS_JOURNAL_EDITOR (self));
  g_return_if_fail (self->app == NULL);

  self->app = app;
  self->autosave = ascend_journal_autosave_new (ascend_application_get_database (app),
                                                ASCEND_JOURNAL_AUTOSAVE_DELAY_MS,
                                                ASCEND_JOURNAL_AUTOSAVE_MAX_DELAY_MS);
  g_signal_connect_object (self->autosave, "saved", G_CALLBACK (autosave_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "failed", G_CALLBACK (autosave_failed_cb), self, G_CONNECT_SWAPPED);
}

static void
ascend_journal_editor_dispose (GObject *object)
{
  AscendJournalEditor *self = ASCEND_JOURNAL_EDITOR (object);

  /* Closing the window: the autosave writes what is pending as it goes. */
  g_clear_object (&self->autosave);
  G_OBJECT_CLASS (ascend_journal_editor_parent_class)->dispose (object);
}

static void
ascend_journal_editor_class_init (AscendJournalEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_journal_editor_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-journal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, mood_face);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, mood_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalEditor, save_error);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
ascend_journal_editor_init (AscendJournalEditor *self)
{
  g_autoptr(GtkStringList) moods = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entry_id = -1;

  gtk_string_list_append (moods, _("No mood"));
  for (gint64 s = ASCEND_MOOD_SCORE_MIN; s <= ASCEND_MOOD_SCORE_MAX; s++)
    {
      g_autofree char *item = g_strdup_printf (_("%" PRId64 " · %s"), s, ascend_mood_label (s));
      gtk_string_list_append (moods, item);
    }
  gtk_drop_down_set_model (self->mood_dropdown, G_LIST_MODEL (moods));
  /* GTK 4.8 names the drop-down's button after its type. */
  if (gtk_widget_get_first_child (GTK_WIDGET (self->mood_dropdown)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->mood_dropdown))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mood"), -1);
  g_signal_connect_swapped (self->mood_dropdown, "notify::selected", G_CALLBACK (mood_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed", G_CALLBACK (field_changed_cb), self);
  update_face (self);
}
