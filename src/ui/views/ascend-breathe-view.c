/* ascend-breathe-view.c: the Breathe section: the exercises, what works,
 * the history and the page before a session (the session itself and the
 * page after it: ascend-breathe-view-session.c) */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ascend-breathe-view-private.h"
#include "ascend-breathe-history.h"
#include "ascend-breathe-rows.h"
#include "ascend-window.h"
#include "ascend-shop.h"
#include "ascend-business-store.h"

#define HISTORY_MAX       20

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Rows of this process's views: a row app.breathe-now made is offered by
 * one view only, even with two windows open. */
static GHashTable *claimed_rows;

G_DEFINE_FINAL_TYPE (AscendBreatheView, ascend_breathe_view, ADW_TYPE_BIN)

static void prepare (AscendBreatheView          *self,
                     const AscendExerciseScript *script,
                     gint64                      adopted_row);

/* ------------------------------------------------------------ helpers */

void
_ascend_breathe_view_toast (AscendBreatheView *self,
                            const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ASCEND_IS_WINDOW (root))
    ascend_window_toast (ASCEND_WINDOW (root), message);
}

AscendDatabase *
_ascend_breathe_view_database (AscendBreatheView *self)
{
  return self->app != NULL ? ascend_application_get_database (self->app) : NULL;
}

gint64
_ascend_breathe_wall_ms (void)
{
  return g_get_real_time () / 1000;
}

void
_ascend_breathe_view_claim (gint64 id)
{
  if (claimed_rows == NULL)
    claimed_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (claimed_rows, g_memdup2 (&id, sizeof id));
}

static guint
about_minutes (const AscendExerciseScript *script)
{
  return (guint) MAX (1, (ascend_exercise_script_total_ms (script) + 30000) / 60000);
}

static char *
script_meta (const AscendExerciseScript *script)
{
  guint minutes = about_minutes (script);
  g_autofree char *length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);

  if (script->pace == NULL)
    return g_steal_pointer (&length);
  return g_strdup_printf ("%s · %s", _(script->pace), length);
}

/* What a card says when the type has several paces: "Two paces · 1–2 minutes". */
static char *
type_meta (const AscendExerciseScript *first)
{
  guint n = 0, paces = 0, shortest = G_MAXUINT, longest = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);
  g_autofree char *pace_text = NULL;
  g_autofree char *length = NULL;

  for (guint i = 0; i < n; i++)
    if (g_str_equal (scripts[i].exercise_type, first->exercise_type))
      {
        paces++;
        shortest = MIN (shortest, about_minutes (&scripts[i]));
        longest = MAX (longest, about_minutes (&scripts[i]));
      }
  if (paces < 2)
    return script_meta (first);
  pace_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pace", "%u paces", paces), paces);
  if (shortest == longest)
    length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", longest), longest);
  else
    /* TRANSLATORS: the range of lengths of an exercise's paces: "1–2 minutes" */
    length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u–%u minute", "%u–%u minutes", longest),
                              shortest, longest);
  return g_strdup_printf ("%s · %s", pace_text, length);
}

/* --------------------------------------------------------- mood scales */

static gint64
mood_of (GtkWidget *button)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mood"));
}

static void
mood_toggled_cb (GtkToggleButton *button,
                 AscendBreatheView *self)
{
  gboolean before = gtk_widget_is_ancestor (GTK_WIDGET (button), GTK_WIDGET (self->mood_before_box));
  gint64 mood = mood_of (GTK_WIDGET (button));
  g_autofree char *text = NULL;

  if (!gtk_toggle_button_get_active (button))
    return;
  text = g_strdup_printf ("%" G_GINT64_FORMAT " · %s", mood, ascend_breathe_mood_word (mood));
  if (before)
    {
      self->mood_before = mood;
      gtk_label_set_text (self->mood_before_label, text);
      gtk_widget_set_sensitive (self->start_button, TRUE);
    }
  else
    {
      self->mood_after = mood;
      gtk_label_set_text (self->mood_after_label, text);
      gtk_widget_set_sensitive (self->save_button, TRUE);
    }
}

static void
build_mood_scale (AscendBreatheView *self,
                  GtkFlowBox        *box)
{
  GtkToggleButton *first = NULL;

  for (int mood = 1; mood <= 10; mood++)
    {
      g_autofree char *number = g_strdup_printf ("%d", mood);
      /* TRANSLATORS: the accessible name of a mood button, e.g. "Mood 7 of 10: Good" */
      g_autofree char *name = g_strdup_printf (_("Mood %d of 10: %s"), mood, ascend_breathe_mood_word (mood));
      GtkWidget *button = gtk_toggle_button_new_with_label (number);

      g_object_set_data (G_OBJECT (button), "mood", GINT_TO_POINTER (mood));
      gtk_widget_add_css_class (button, "ascend-mood-button");
      gtk_widget_set_tooltip_text (button, ascend_breathe_mood_word (mood));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      g_signal_connect (button, "toggled", G_CALLBACK (mood_toggled_cb), self);
      gtk_flow_box_append (box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

void
_ascend_breathe_view_reset_mood_scale (GtkFlowBox *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
    }
}

/* ------------------------------------------------------------- picker */

/* What a locked card says, also in its accessible name. */
static char *
lock_text (const AscendShopItem *item)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Unlock for %d token or with Premium",
                                       "Unlock for %d tokens or with Premium", (gulong) item->price),
                          (int) item->price);
}

/* Premium exercises (ascend-entitlements.h) are locked for a free profile
 * that has not bought them; the card says how to unlock them. */
static void
update_locks (AscendBreatheView *self,
              AscendDatabase    *db,
              gint64             user)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->exercises_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const AscendExerciseScript *s = g_object_get_data (G_OBJECT (button), "script");
      const AscendShopItem *item = ascend_shop_item_for_exercise (s->exercise_type);
      GtkWidget *lock = g_object_get_data (G_OBJECT (button), "lock");
      const char *base = g_object_get_data (G_OBJECT (button), "accessible");
      gboolean locked = item != NULL && !ascend_shop_owns (db, user, item);
      g_autofree char *accessible = NULL;

      g_object_set_data (G_OBJECT (button), "locked", GINT_TO_POINTER (locked));
      if (lock != NULL)
        gtk_widget_set_visible (lock, locked);
      if (locked)
        {
          g_autofree char *text = lock_text (item);
          accessible = g_strdup_printf ("%s. %s. %s", _(s->title), text, base);
        }
      else
        accessible = g_strdup_printf ("%s. %s", _(s->title), base);
      if (locked)
        gtk_widget_add_css_class (button, "ascend-locked");
      else
        gtk_widget_remove_css_class (button, "ascend-locked");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
}

static void
unlock_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AscendBreatheView *self)
{
  const AscendExerciseScript *script = g_object_get_data (G_OBJECT (dialog), "script");
  const AscendShopItem *item = ascend_shop_item_for_exercise (script->exercise_type);
  AscendDatabase *db = _ascend_breathe_view_database (self);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "shop"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.section", "s", "shop");
  if (!g_str_equal (response, "unlock") || db == NULL || item == NULL)
    return;
  if (ascend_shop_buy (db, ascend_application_get_user_id (self->app), item->id, &error) == 0)
    {
      /* Refused (short of tokens): nothing changed; say how many are missing. */
      _ascend_breathe_view_toast (self, error->message);
      return;
    }
  {
    /* TRANSLATORS: an exercise was bought with tokens */
    g_autofree char *done = g_strdup_printf (_("%s unlocked"), _(script->title));
    _ascend_breathe_view_toast (self, done);
  }
  ascend_application_data_changed (self->app);
  prepare (self, script, 0);
}

static void
offer_unlock (AscendBreatheView          *self,
              const AscendExerciseScript *script)
{
  const AscendShopItem *item = ascend_shop_item_for_exercise (script->exercise_type);
  AscendDatabase *db = _ascend_breathe_view_database (self);
  gint64 balance = db ? ascend_token_ledger_balance (db, ascend_application_get_user_id (self->app), NULL) : 0;
  g_autofree char *heading = g_strdup_printf (_("Unlock %s?"), _(script->title));
  g_autofree char *body = NULL;
  g_autofree char *unlock = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s is a Premium exercise. Unlock it for good for %d tokens (you have %d), or get every exercise with Premium or Pro in the Shop.",
                                       "%s is a Premium exercise. Unlock it for good for %d tokens (you have %d), or get every exercise with Premium or Pro in the Shop.",
                                       (gulong) balance),
                          _(script->title), (int) item->price, (int) balance);
  unlock = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Unlock for %d Token", "_Unlock for %d Tokens", (gulong) item->price),
                            (int) item->price);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "shop", _("Open _Shop"),
                                    "unlock", unlock,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "script", (gpointer) script);
  g_signal_connect (dialog, "response", G_CALLBACK (unlock_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ascend_breathe_view_refresh (AscendBreatheView *self)
{
  AscendDatabase *db = _ascend_breathe_view_database (self);
  gint64 user = self->app ? ascend_application_get_user_id (self->app) : 0;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GArray) effects = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gboolean any_shown = FALSE;

  if (db == NULL || user <= 0)
    return;

  update_locks (self, db, user);
  recent = ascend_breathe_history_recent (db, user, HISTORY_MAX, &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (recent != NULL)
    for (guint i = 0; i < recent->len; i++)
      gtk_list_box_append (self->history_list, ascend_breathe_history_row_new (recent->pdata[i], _ascend_breathe_wall_ms ()));
  gtk_widget_set_visible (self->history_empty, recent == NULL || recent->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), recent != NULL && recent->len > 0);

  effects = ascend_breathe_history_effects (db, user, error ? NULL : &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->effects_list))) != NULL)
    gtk_list_box_remove (self->effects_list, child);
  for (guint i = 0; effects != NULL && i < effects->len; i++)
    {
      const AscendBreatheEffect *e = &g_array_index (effects, AscendBreatheEffect, i);
      any_shown |= !isnan (e->mood_change) || !isnan (e->hrv_change);
      gtk_list_box_append (self->effects_list, ascend_breathe_effect_row_new (e, ASCEND_BREATHE_EFFECT_MIN_SESSIONS));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->effects_list), effects != NULL && effects->len > 0);
  if (!any_shown)
    {
      g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Finish an exercise %u time, rating your mood before and after, to see how much it helps you.",
                                                            "Finish an exercise %u times, rating your mood before and after, to see how much it helps you.",
                                                            ASCEND_BREATHE_EFFECT_MIN_SESSIONS),
                                               ASCEND_BREATHE_EFFECT_MIN_SESSIONS);
      gtk_label_set_text (self->effects_hint, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->effects_hint), !any_shown);
  if (error != NULL)
    _ascend_breathe_view_toast (self, error->message);

  /* A session app.breathe-now started (a stress alert's "Breathe Now"). */
  if (self->script == NULL && !self->demo)
    {
      g_autoptr(AscendExerciseSession) pending = ascend_breathe_history_pending (db, user, _ascend_breathe_wall_ms (), claimed_rows, NULL);
      const AscendExerciseScript *script = pending ? ascend_exercise_script_for_type (pending->exercise_type) : NULL;

      if (script != NULL)
        {
          _ascend_breathe_view_claim (pending->id);
          prepare (self, script, pending->id);
        }
    }
}

static void
card_clicked_cb (GtkButton         *button,
                 AscendBreatheView *self)
{
  const AscendExerciseScript *script = g_object_get_data (G_OBJECT (button), "script");

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "locked")))
    offer_unlock (self, script);
  else
    prepare (self, script, 0);
}

static void
build_cards (AscendBreatheView *self)
{
  guint n = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);

  for (guint i = 0; i < n; i++)
    {
      const AscendExerciseScript *s = &scripts[i];
      GtkWidget *button, *box, *top, *icon, *title, *summary, *meta, *lock;
      g_autofree char *meta_text = NULL;
      g_autofree char *accessible = NULL;
      g_autofree char *css = NULL;

      /* One card per exercise type: deep breathing's paces are chosen next. */
      if (ascend_exercise_script_for_type (s->exercise_type) != s)
        continue;
      meta_text = type_meta (s);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      /* Decoration: the card's name says it all. */
      icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", s->icon_name,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      title = gtk_label_new (_(s->title));
      summary = gtk_label_new (_(s->summary));
      meta = gtk_label_new (meta_text);

      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_box_append (GTK_BOX (top), icon);
      gtk_box_append (GTK_BOX (top), title);
      gtk_label_set_xalign (GTK_LABEL (summary), 0);
      gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (summary), 30);
      gtk_label_set_width_chars (GTK_LABEL (summary), 20);
      gtk_widget_set_vexpand (summary, TRUE);
      gtk_label_set_yalign (GTK_LABEL (summary), 0);
      gtk_label_set_xalign (GTK_LABEL (meta), 0);
      gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
      gtk_widget_add_css_class (meta, "dim-label");
      gtk_widget_add_css_class (meta, "caption");
      gtk_box_append (GTK_BOX (box), top);
      gtk_box_append (GTK_BOX (box), summary);
      gtk_box_append (GTK_BOX (box), meta);
      lock = NULL;
      if (ascend_shop_item_for_exercise (s->exercise_type) != NULL)
        {
          g_autofree char *text = lock_text (ascend_shop_item_for_exercise (s->exercise_type));
          GtkWidget *lock_label = gtk_label_new (text);

          lock = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_box_append (GTK_BOX (lock), g_object_new (GTK_TYPE_IMAGE, "icon-name", "system-lock-screen-symbolic",
                                                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
          gtk_label_set_wrap (GTK_LABEL (lock_label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (lock_label), 0);
          gtk_widget_add_css_class (lock_label, "caption-heading");
          gtk_box_append (GTK_BOX (lock), lock_label);
          gtk_widget_add_css_class (lock, "accent");
          gtk_widget_set_visible (lock, FALSE);
          gtk_box_append (GTK_BOX (box), lock);
        }

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "card");
      gtk_widget_add_css_class (button, "ascend-card");
      css = g_strdup_printf ("ascend-card-%s", s->exercise_type);
      gtk_widget_add_css_class (button, css);
      gtk_widget_set_name (button, s->exercise_type);
      g_object_set_data (G_OBJECT (button), "script", (gpointer) s);
      accessible = g_strdup_printf ("%s. %s %s", _(s->title), _(s->summary), meta_text);
      g_object_set_data_full (G_OBJECT (button), "accessible",
                              g_strdup_printf ("%s %s", _(s->summary), meta_text), g_free);
      g_object_set_data (G_OBJECT (button), "lock", lock);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (card_clicked_cb), self);
      gtk_flow_box_append (self->exercises_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

/* ------------------------------------------------------------ prepare */

static void
show_script (AscendBreatheView          *self,
             const AscendExerciseScript *script)
{
  g_autofree char *meta = script_meta (script);

  self->script = script;
  gtk_label_set_text (self->prepare_title, _(script->title));
  gtk_label_set_text (self->prepare_summary, _(script->summary));
  gtk_label_set_text (self->prepare_meta, meta);
}

static void
pace_toggled_cb (GtkToggleButton   *button,
                 AscendBreatheView *self)
{
  if (gtk_toggle_button_get_active (button))
    show_script (self, g_object_get_data (G_OBJECT (button), "script"));
}

static void
build_pace_buttons (AscendBreatheView          *self,
                    const AscendExerciseScript *chosen)
{
  guint n = 0, count = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);
  GtkToggleButton *first = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pace_buttons))) != NULL)
    gtk_box_remove (self->pace_buttons, child);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button;

      if (!g_str_equal (scripts[i].exercise_type, chosen->exercise_type) || scripts[i].pace == NULL)
        continue;
      button = gtk_toggle_button_new_with_label (_(scripts[i].pace));
      g_object_set_data (G_OBJECT (button), "script", (gpointer) &scripts[i]);
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), &scripts[i] == chosen);
      g_signal_connect (button, "toggled", G_CALLBACK (pace_toggled_cb), self);
      gtk_box_append (self->pace_buttons, button);
      count++;
    }
  gtk_widget_set_visible (self->pace_box, count > 1);
}

/* Before a session: the pace (deep breathing) and the mood. adopted_row is
 * the row app.breathe-now made, or 0. */
static void
prepare (AscendBreatheView          *self,
                             const AscendExerciseScript *script,
                             gint64                      adopted_row)
{
  show_script (self, script);
  self->row_id = adopted_row;
  self->adopted = adopted_row > 0;
  self->mood_before = ASCEND_NO_INT;
  _ascend_breathe_view_reset_mood_scale (self->mood_before_box);
  gtk_label_set_text (self->mood_before_label, _("1 is awful, 10 is wonderful."));
  gtk_widget_set_sensitive (self->start_button, FALSE);
  gtk_widget_set_visible (self->trigger_hint, self->adopted);
  build_pace_buttons (self, script);
  gtk_stack_set_visible_child_name (self->page_stack, "prepare");
}

/* Leaves the flow; an offered row nobody started is recorded as declined. */
static void
back_clicked_cb (AscendBreatheView *self)
{
  AscendDatabase *db = _ascend_breathe_view_database (self);

  if (self->adopted && self->row_id > 0 && self->session == NULL && db != NULL)
    ascend_breathe_history_end (db, self->row_id, "abandoned", 0, 0, _ascend_breathe_wall_ms (), NULL);
  self->row_id = 0;
  self->adopted = FALSE;
  self->script = NULL;
  gtk_stack_set_visible_child_name (self->page_stack, "picker");
  ascend_breathe_view_refresh (self);
}

/* ------------------------------------------------------------ start */

static void
start_cb (AscendBreatheView *self)
{
  _ascend_breathe_view_begin_session (self, self->mood_before);
}

static void
skip_before_cb (AscendBreatheView *self)
{
  _ascend_breathe_view_begin_session (self, ASCEND_NO_INT);
}

/* ------------------------------------------------------------ the type */

static void
ascend_breathe_view_dispose (GObject *object)
{
  AscendBreatheView *self = ASCEND_BREATHE_VIEW (object);

  _ascend_breathe_view_abandon (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->live_id, self->monitor);
  self->monitor = NULL;
  if (self->app != NULL)
    g_clear_signal_handler (&self->shutdown_id, self->app);
  self->app = NULL;
  g_clear_pointer (&self->shown_words, g_free);
  G_OBJECT_CLASS (ascend_breathe_view_parent_class)->dispose (object);
}

static void
ascend_breathe_view_class_init (AscendBreatheViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_breathe_view_dispose;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_breathe_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_BREATHING_ORB);
  g_type_ensure (ASCEND_TYPE_MASCOT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-breathe-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mascot);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, exercises_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, effects_hint);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, effects_list);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, history_empty);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, history_list);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, back_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, prepare_title);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, prepare_summary);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, prepare_meta);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, trigger_hint);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pace_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pace_buttons);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_before_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_before_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, start_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, session_title);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, step_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, orb);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, words_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, vitals_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, live_hr_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, live_hrv_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pause_content);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, next_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_mascot);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_title);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_text);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_vitals);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_after_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_after_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, save_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_before_cb);
  _ascend_breathe_view_bind_session (widget_class);
}

static void
ascend_breathe_view_init (AscendBreatheView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->speed = ascend_breathe_speed_parse (g_getenv ("ASCEND_BREATHE_SPEED"));
  self->mood_before = self->mood_after = ASCEND_NO_INT;
  self->hr_start = self->hrv_start = self->hr_now = self->hrv_now = NAN;
  ascend_mascot_set (self->mascot, ASCEND_MASCOT_CALM,
                     _("Let’s slow down together. Pick an exercise; you can pause or stop at any time."));
  build_cards (self);
  build_mood_scale (self, self->mood_before_box);
  build_mood_scale (self, self->mood_after_box);
}

/* ASCEND_BREATHE_DEMO=SCRIPT[:SECONDS[:PAGE]]: that exercise, SECONDS in;
 * PAGE "prepare" shows the page before it, "summary" the page after it
 * (stopped there). Nothing is written. */
static void
start_demo (AscendBreatheView *self,
            const char        *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);
  const AscendExerciseScript *script = ascend_exercise_script_lookup (parts[0]);
  double offset = parts[1] ? g_ascii_strtod (parts[1], NULL) : 0;
  const char *page = parts[1] ? parts[2] : NULL;

  if (script == NULL)
    return;
  self->demo = TRUE;
  if (g_strcmp0 (page, "prepare") == 0)
    {
      prepare (self, script, 0);
      return;
    }
  show_script (self, script);
  _ascend_breathe_view_begin_session (self, ASCEND_NO_INT);
  self->origin_us -= (gint64) (MAX (offset, 0) * G_USEC_PER_SEC / self->speed);
  _ascend_breathe_view_update (self);
  if (g_strcmp0 (page, "summary") == 0 && self->session != NULL)
    _ascend_breathe_view_stop (self);
}

AscendBreatheView *
ascend_breathe_view_new (AscendApplication *app)
{
  AscendBreatheView *self = g_object_new (ASCEND_TYPE_BREATHE_VIEW, NULL);

  self->app = app;
  self->shutdown_id = g_signal_connect_swapped (app, "shutdown", G_CALLBACK (_ascend_breathe_view_abandon), self);
  self->monitor = ascend_application_get_monitor (app);
  if (self->monitor != NULL)
    self->live_id = g_signal_connect (self->monitor, "live", G_CALLBACK (_ascend_breathe_view_live_cb), self);
  if (g_getenv ("ASCEND_BREATHE_DEMO") != NULL)
    start_demo (self, g_getenv ("ASCEND_BREATHE_DEMO"));
  else
    ascend_breathe_view_refresh (self);
  return self;
}
