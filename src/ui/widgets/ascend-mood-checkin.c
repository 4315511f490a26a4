/* ascend-mood-checkin.c: "How are you feeling?" on a 1-10 scale, a moodLogs row
 *
 * The companion's face follows the scale (ascend_mood_face), so the user
 * sees the score's meaning as well as its number. Used in the Journal
 * section and, in a dialog, from the dashboard.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-mood-checkin.h"
#include "ascend-journal-rules.h"
#include "ascend-progress.h"
#include "ascend-wellness-store.h"

struct _AscendMoodCheckin
{
  GtkBox             parent_instance;

  AscendApplication *app;

  GtkPicture        *face;
  GtkLabel          *value_label;
  GtkScale          *scale;
  GtkEntry          *note_entry;
  GtkLabel          *error_label;
  GtkWidget         *log_button;
};

enum { LOGGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendMoodCheckin, ascend_mood_checkin, GTK_TYPE_BOX)

gint64
ascend_mood_checkin_get_score (AscendMoodCheckin *self)
{
  g_return_val_if_fail (ASCEND_IS_MOOD_CHECKIN (self), 0);
  return (gint64) CLAMP (lround (gtk_range_get_value (GTK_RANGE (self->scale))),
                         ASCEND_MOOD_SCORE_MIN, ASCEND_MOOD_SCORE_MAX);
}

static void
scale_changed_cb (AscendMoodCheckin *self)
{
  gint64 score = ascend_mood_checkin_get_score (self);
  g_autofree char *resource = ascend_mood_face_resource (score);
  /* TRANSLATORS: a mood score and its label, e.g. "7 · Good" */
  g_autofree char *text = g_strdup_printf (_("%" PRId64 " · %s"), score, ascend_mood_label (score));
  const char *alt = ascend_mood_face_description (ascend_mood_face (score));

  gtk_label_set_text (self->value_label, text);
  gtk_picture_set_resource (self->face, resource);
  gtk_picture_set_alternative_text (self->face, alt);
  /* GTK 4.8 does not name a picture after its alternative text. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->face), GTK_ACCESSIBLE_PROPERTY_LABEL, alt, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

gint64
ascend_mood_checkin_log (AscendMoodCheckin  *self,
                         char              **out_summary)
{
  g_autoptr(AscendMoodLog) log = ascend_mood_log_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *note;
  gint64 id;

  g_return_val_if_fail (ASCEND_IS_MOOD_CHECKIN (self), 0);
  g_return_val_if_fail (self->app != NULL, 0);

  note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  log->user_id = ascend_application_get_user_id (self->app);
  log->mood_score = ascend_mood_checkin_get_score (self);
  log->mood = g_strdup (ascend_mood_label (log->mood_score));
  log->notes = ascend_text_is_blank (note) ? NULL : g_strdup (note);

  id = ascend_mood_log_insert (ascend_application_get_database (self->app), log, &error);
  if (id == 0)
    {
      /* The note stays in the entry: nothing typed is lost. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  /* TRANSLATORS: after a check-in: the mood label, its score and the XP earned */
  summary = g_strdup_printf (_("Mood logged: %s (%" PRId64 "/10). +%d XP"),
                             log->mood, log->mood_score, ASCEND_XP_MOOD_LOG);
  g_signal_emit (self, signals[LOGGED], 0, id, summary);
  ascend_application_data_changed (self->app);
  if (out_summary != NULL)
    *out_summary = g_steal_pointer (&summary);
  return id;
}

static void
log_clicked_cb (AscendMoodCheckin *self)
{
  g_autofree char *summary = NULL;
  GtkWidget *overlay;

  if (!gtk_widget_get_visible (self->log_button))
    return;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (ascend_mood_checkin_log (self, &summary) > 0 && overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (summary));
}

void
ascend_mood_checkin_set_show_button (AscendMoodCheckin *self,
                                     gboolean           show)
{
  g_return_if_fail (ASCEND_IS_MOOD_CHECKIN (self));
  gtk_widget_set_visible (self->log_button, show);
}

void
ascend_mood_checkin_set_app (AscendMoodCheckin *self,
                             AscendApplication *app)
{
  g_return_if_fail (ASCEND_IS_MOOD_CHECKIN (self));
  self->app = app;
}

static void
ascend_mood_checkin_class_init (AscendMoodCheckinClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[LOGGED] = g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-mood-checkin.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendMoodCheckin, face);
  gtk_widget_class_bind_template_child (widget_class, AscendMoodCheckin, value_label);
  gtk_widget_class_bind_template_child (widget_class, AscendMoodCheckin, scale);
  gtk_widget_class_bind_template_child (widget_class, AscendMoodCheckin, note_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendMoodCheckin, error_label);
  gtk_widget_class_bind_template_child (widget_class, AscendMoodCheckin, log_button);
  gtk_widget_class_bind_template_callback (widget_class, scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_clicked_cb);
}

static void
ascend_mood_checkin_init (AscendMoodCheckin *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (int i = ASCEND_MOOD_SCORE_MIN; i <= ASCEND_MOOD_SCORE_MAX; i++)
    gtk_scale_add_mark (self->scale, i, GTK_POS_BOTTOM, NULL);
  scale_changed_cb (self);
}

AscendMoodCheckin *
ascend_mood_checkin_new (AscendApplication *app)
{
  AscendMoodCheckin *self = g_object_new (ASCEND_TYPE_MOOD_CHECKIN, NULL);
  self->app = app;
  return self;
}
