/* ascend-dashboard-view.c: today at a glance, from the store */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-dashboard-view.h"
#include "ascend-sections.h"
#include "ascend-progress.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-mascot.h"
#include "ascend-mood-checkin.h"
#include "ascend-window.h"
#include "ascend-habits-view.h"
#include "ascend-chart.h"
#include "ascend-health-rollup.h"

typedef struct {
  GtkWidget *button;
  GtkLabel  *value;
  GtkLabel  *hint;
  const char *title;
  const char *section;
} Card;

enum { CARD_HEART, CARD_ALERTS, CARD_QUESTS, CARD_MOOD, CARD_TOKENS, N_CARDS };

struct _AscendDashboardView
{
  AdwBin             parent_instance;

  AscendApplication *app;

  AscendMascot      *mascot;
  GtkLabel          *greeting;
  GtkLabel          *date_label;
  GtkPicture        *rank_badge;
  GtkLabel          *rank_label;
  GtkLevelBar       *xp_bar;
  GtkLabel          *xp_hint;
  GtkFlowBox        *cards_box;

  Card               cards[N_CARDS];
  AscendChart       *sparkline;   /* the last 24 hours of heart rate */
  GCancellable      *sparkline_cancellable;
};

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendDashboardView, ascend_dashboard_view, ADW_TYPE_BIN)

static void load_sparkline (AscendDashboardView *self,
                            AscendDatabase      *db,
                            gint64               user_id);

static void
checkin_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     AscendMoodCheckin *checkin)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autofree char *summary = NULL;

  if (g_str_equal (response, "log") && ascend_mood_checkin_log (checkin, &summary) > 0 && ASCEND_IS_WINDOW (window))
    ascend_window_toast (ASCEND_WINDOW (window), summary);
  else if (g_str_equal (response, "journal") && ASCEND_IS_WINDOW (window))
    ascend_window_show_section (ASCEND_WINDOW (window), "journal");
}

/* GTK 4.8 names a mnemonic button "_Log Mood Log Mood": the label alone
 * says it right (the message dialog's response buttons use mnemonics). */
static void
name_buttons_by_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_use_underline (GTK_BUTTON (child)))
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      name_buttons_by_label (child);
    }
}

/* The Mood card checks in right here: the scale and its faces in a dialog. */
static void
quick_checkin (AscendDashboardView *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Mood Check-in"), NULL);
  AscendMoodCheckin *checkin = ascend_mood_checkin_new (self->app);

  ascend_mood_checkin_set_show_button (checkin, FALSE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (checkin));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "journal", _("Open Journal"),
                                    "log", _("Log Mood"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "log", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "log");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (checkin_response_cb), checkin);
  name_buttons_by_label (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
card_clicked_cb (GtkButton *button,
                 Card      *card)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (button), ASCEND_TYPE_DASHBOARD_VIEW);

  if (g_strcmp0 (card->section, "journal") == 0 && ascend_section_available ("journal") && view != NULL)
    quick_checkin (ASCEND_DASHBOARD_VIEW (view));
  else if (ascend_section_available (card->section))
    gtk_widget_activate_action (GTK_WIDGET (button), "win.section", "s", card->section);
}

static void
build_card (AscendDashboardView *self,
            Card                *card,
            const char          *title,
            const char          *icon_name,
            const char          *style,
            const char          *section)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title_label = gtk_label_new (title);

  card->title = title;
  card->section = section;
  card->button = gtk_button_new ();
  card->value = GTK_LABEL (gtk_label_new (NULL));
  card->hint = GTK_LABEL (gtk_label_new (NULL));

  gtk_widget_add_css_class (title_label, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_box_append (GTK_BOX (top), icon);
  gtk_box_append (GTK_BOX (top), title_label);

  gtk_widget_add_css_class (GTK_WIDGET (card->value), "ascend-card-value");
  gtk_label_set_xalign (card->value, 0);
  gtk_label_set_wrap (card->value, TRUE);
  gtk_label_set_xalign (card->hint, 0);
  gtk_label_set_wrap (card->hint, TRUE);
  /* Wrap early so two or three cards share a row on a wide window. */
  gtk_label_set_max_width_chars (card->hint, 28);
  gtk_label_set_width_chars (card->hint, 18);
  gtk_widget_add_css_class (GTK_WIDGET (card->hint), "dim-label");

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->hint));

  gtk_button_set_child (GTK_BUTTON (card->button), box);
  gtk_widget_add_css_class (card->button, "card");
  gtk_widget_add_css_class (card->button, "ascend-card");
  gtk_widget_add_css_class (card->button, style);
  gtk_widget_set_name (card->button, section);
  g_signal_connect (card->button, "clicked", G_CALLBACK (card_clicked_cb), card);
  gtk_flow_box_append (self->cards_box, card->button);
  /* The flow box child itself should not take focus: the button does. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card->button), FALSE);
}

static void
set_card (Card       *card,
          const char *value,
          const char *hint)
{
  g_autofree char *accessible = g_strdup_printf ("%s: %s. %s", card->title, value, hint);

  gtk_label_set_text (card->value, value);
  gtk_label_set_text (card->hint, hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* A card only invites a click when its section exists, but keyboard
   * users can still reach it to hear what it says. */
  gtk_widget_set_can_target (card->button, ascend_section_available (card->section));
}

static void
local_day_bounds (gint64 *start,
                  gint64 *end)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  *start = g_date_time_to_unix (midnight) * 1000;
  *end = g_date_time_to_unix (next) * 1000;
}

static char *
greeting_for_hour (int         hour,
                   const char *name)
{
  if (hour < 5 || hour >= 22)
    return g_strdup_printf (_("Still up, %s?"), name);
  if (hour < 12)
    return g_strdup_printf (_("Good morning, %s!"), name);
  if (hour < 18)
    return g_strdup_printf (_("Good afternoon, %s!"), name);
  return g_strdup_printf (_("Good evening, %s!"), name);
}

void
ascend_dashboard_view_refresh (AscendDashboardView *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  gint64 user_id = ascend_application_get_user_id (self->app);
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(AscendHealthReading) latest = NULL;
  g_autoptr(GPtrArray) habits = NULL;
  g_autoptr(GPtrArray) moods_today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  g_autofree char *greeting = NULL;
  AscendProgress progress;
  AscendMascotMood mood = ASCEND_MASCOT_CALM;
  const char *speech = NULL;
  gint64 alerts, day_start, day_end;
  guint n_habits = 0, n_quests = 0, n_done = 0;
  int hour = g_date_time_get_hour (now);

  g_return_if_fail (ASCEND_IS_DASHBOARD_VIEW (self));

  if (user_id <= 0 || (user = ascend_user_get (db, user_id, &error)) == NULL)
    return;

  local_day_bounds (&day_start, &day_end);
  latest = ascend_health_reading_latest (db, user_id, NULL);
  load_sparkline (self, db, user_id);
  alerts = ascend_health_alert_count_unacknowledged (db, user_id, NULL);
  {
    AscendHabitClock clock;

    /* The same quests as the Habits section: due today, or done today. */
    ascend_habits_view_make_clock (self->app, &clock);
    habits = ascend_habits_load_all (db, user_id, &clock, NULL);
    ascend_habit_clock_clear (&clock);
    for (guint i = 0; habits != NULL && i < habits->len; i++)
      {
        AscendHabitStatus *s = g_ptr_array_index (habits, i);
        n_habits += !s->archived;
        if (ascend_habit_status_is_quest (s))
          {
            n_quests++;
            n_done += s->done_today;
          }
      }
  }
  moods_today = ascend_mood_log_list (db, user_id, day_start, day_end, NULL);
  ascend_progress_for_user (db, user_id, &progress, NULL);

  greeting = greeting_for_hour (hour, user->name);
  gtk_label_set_text (self->greeting, greeting);
  /* TRANSLATORS: the dashboard date, e.g. "Wednesday, 25 November" */
  date = g_date_time_format (now, _("%A, %e %B"));
  gtk_label_set_text (self->date_label, g_strstrip (date));

  /* Rank and XP */
  {
    g_autofree char *badge = g_strdup_printf ("/io/github/animeascend/AnimeAscend/icons/ranks/rank-%c.svg",
                                              g_ascii_tolower (progress.rank[0]));
    /* TRANSLATORS: level, rank letter and XP, e.g. "Level 7 · Rank D · 2450 XP" */
    g_autofree char *rank = g_strdup_printf (_("Level %d · Rank %s · %" PRId64 " XP"),
                                             progress.level, progress.rank, progress.xp);
    g_autofree char *hint = NULL;
    g_autofree char *alt = g_strdup_printf (_("Rank %s badge"), progress.rank);

    gtk_picture_set_resource (self->rank_badge, badge);
    gtk_picture_set_alternative_text (self->rank_badge, alt);
    gtk_label_set_text (self->rank_label, rank);
    gtk_level_bar_set_value (self->xp_bar, ascend_progress_fraction (&progress));
    if (progress.rank_next >= 0)
      hint = g_strdup_printf (_("%" PRId64 " XP to level %d · rank %s at level %d"),
                              progress.level_next - progress.xp, progress.level + 1,
                              ascend_progress_rank_for_level (progress.rank_next_level), progress.rank_next_level);
    else
      hint = g_strdup_printf (_("%" PRId64 " XP to level %d · Top rank reached. Legendary!"),
                              progress.level_next - progress.xp, progress.level + 1);
    gtk_label_set_text (self->xp_hint, hint);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->xp_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, hint, -1);
  }

  /* Heart */
  if (latest != NULL && latest->heart_rate != ASCEND_NO_INT)
    {
      g_autofree char *value = g_strdup_printf (_("%" PRId64 " bpm"), latest->heart_rate);
      g_autofree char *hint = latest->stress_level != ASCEND_NO_INT
        ? g_strdup_printf (_("Stress %" PRId64 " of 10"), latest->stress_level)
        : g_strdup (_("Stress not measured yet"));
      set_card (&self->cards[CARD_HEART], value, hint);
    }
  else
    set_card (&self->cards[CARD_HEART], _("No readings yet"),
              _("Connect a Bluetooth heart-rate sensor, or use the simulated one, in Health."));

  /* Alerts */
  if (alerts > 0)
    {
      g_autofree char *value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " new alert",
                                                             "%" PRId64 " new alerts", alerts), alerts);
      set_card (&self->cards[CARD_ALERTS], value, _("Open Health to read and acknowledge them."));
    }
  else
    set_card (&self->cards[CARD_ALERTS], _("All calm"), _("Nothing needs your attention."));

  /* Quests (habits) */
  if (n_quests > 0)
    {
      g_autofree char *value = g_strdup_printf (_("%u of %u done today"), n_done, n_quests);
      set_card (&self->cards[CARD_QUESTS], value, _("Each quest done earns XP."));
    }
  else if (n_habits > 0)
    set_card (&self->cards[CARD_QUESTS], _("All caught up"), _("No quest is due today."));
  else
    set_card (&self->cards[CARD_QUESTS], _("No quests yet"),
              _("Add a habit, like a glass of water or a short walk, in Habits."));

  /* Mood */
  if (moods_today != NULL && moods_today->len > 0)
    {
      AscendMoodLog *m = g_ptr_array_index (moods_today, moods_today->len - 1);
      g_autofree char *value = g_strdup_printf (_("%s (%" PRId64 "/10)"),
                                                m->mood ? m->mood : _("Logged"), m->mood_score);
      set_card (&self->cards[CARD_MOOD], value, _("Logged today. Thank you for checking in."));
    }
  else
    set_card (&self->cards[CARD_MOOD], _("Not logged today"), _("How are you feeling? Log your mood in Journal."));

  /* Tokens */
  {
    g_autofree char *value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " token",
                                                           "%" PRId64 " tokens", user->token_balance),
                                              user->token_balance);
    set_card (&self->cards[CARD_TOKENS], value, _("Spend them on themes and exercises in the Shop."));
  }

  /* The companion reacts to real state, most urgent first. */
  if (alerts > 0 || (latest && latest->stress_level != ASCEND_NO_INT && latest->stress_level >= 7))
    {
      mood = ASCEND_MASCOT_WORRIED;
      speech = _("You seem tense. Shall we breathe together for a minute?");
    }
  else if (hour >= 22 || hour < 5)
    {
      mood = ASCEND_MASCOT_SLEEPY;
      speech = _("It's late… a good rest is a quest too.");
    }
  else if (n_quests > 0 && n_done >= n_quests)
    {
      mood = ASCEND_MASCOT_CHEERFUL;
      speech = _("Every quest done today! You're amazing!");
    }
  else if (n_quests > 0)
    {
      guint left = n_quests - n_done;
      mood = ASCEND_MASCOT_CHEERFUL;
      speech = NULL;
      {
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quest left today. You can do it!",
                                                              "%u quests left today. You can do it!", left), left);
        ascend_mascot_set (self->mascot, mood, text);
      }
    }
  else
    {
      mood = ASCEND_MASCOT_CALM;
      speech = _("Welcome back! Let's take today one small step at a time.");
    }
  if (speech != NULL)
    ascend_mascot_set (self->mascot, mood, speech);
}

/* ------------------------------------------------------------ sparkline */

#define SPARK_HOURS   24
#define SPARK_BUCKETS 96   /* 15 minutes */

static void
sparkline_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthChartData) data = ascend_health_chart_data_load_finish (result, &error);
  g_autofree AscendChartPoint *points = NULL;
  g_autofree char *summary = NULL;
  AscendDashboardView *self;
  AscendChartStats stats;
  gint64 from, to, bucket_ms;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ASCEND_DASHBOARD_VIEW (user_data);
  if (data == NULL)
    {
      g_warning ("The heart-rate sparkline could not be read: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->sparkline), FALSE);
      return;
    }
  n = data->buckets->len;
  points = g_new (AscendChartPoint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const AscendReadingBucket *b = &g_array_index (data->buckets, AscendReadingBucket, i);
      points[i] = (AscendChartPoint) { b->time, b->heart_rate, b->heart_rate_min, b->heart_rate_max };
    }
  to = n > 0 ? g_array_index (data->buckets, AscendReadingBucket, n - 1).time : 0;
  bucket_ms = n > 1 ? to - g_array_index (data->buckets, AscendReadingBucket, n - 2).time : 0;
  to += bucket_ms;
  from = to - (gint64) SPARK_HOURS * 3600 * 1000;
  ascend_chart_set_range (self->sparkline, ASCEND_CHART_PERIOD_DAY, from, to, NULL);
  ascend_chart_set_points (self->sparkline, points, n, bucket_ms, 2 * bucket_ms);
  ascend_chart_points_stats (points, n, from, to, &stats);
  if (stats.count == 0)
    summary = g_strdup (_("Heart rate, last 24 hours: nothing recorded"));
  else
    summary = g_strdup_printf (_("Heart rate, last 24 hours: average %.0f, lowest %.0f, highest %.0f"),
                               stats.mean, stats.min, stats.max);
  ascend_chart_set_summary (self->sparkline, summary);
  /* No line to draw: the card's words say it already. */
  gtk_widget_set_visible (GTK_WIDGET (self->sparkline), stats.count > 0);
}

static void
load_sparkline (AscendDashboardView *self,
                AscendDatabase      *db,
                gint64               user_id)
{
  gint64 to = g_get_real_time () / 1000;

  g_cancellable_cancel (self->sparkline_cancellable);
  g_clear_object (&self->sparkline_cancellable);
  self->sparkline_cancellable = g_cancellable_new ();
  ascend_health_chart_data_load_async (db, user_id, to - (gint64) SPARK_HOURS * 3600 * 1000, to, SPARK_BUCKETS,
                                       self->sparkline_cancellable, sparkline_loaded_cb, self);
}

static void
ascend_dashboard_view_dispose (GObject *object)
{
  AscendDashboardView *self = ASCEND_DASHBOARD_VIEW (object);

  g_cancellable_cancel (self->sparkline_cancellable);
  g_clear_object (&self->sparkline_cancellable);
  G_OBJECT_CLASS (ascend_dashboard_view_parent_class)->dispose (object);
}

static void
ascend_dashboard_view_class_init (AscendDashboardViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_dashboard_view_dispose;
  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_dashboard_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_MASCOT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, mascot);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, greeting);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, date_label);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, rank_badge);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, rank_label);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, xp_bar);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, xp_hint);
  gtk_widget_class_bind_template_child (widget_class, AscendDashboardView, cards_box);
}

static void
ascend_dashboard_view_init (AscendDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_card (self, &self->cards[CARD_HEART], _("Heart"), "emblem-favorite-symbolic", "ascend-card-heart", "health");
  /* The heart card's sparkline: a picture inside a button, so neither
   * focusable nor a target of its own. */
  self->sparkline = ASCEND_CHART (ascend_chart_new (ASCEND_CHART_KIND_LINE));
  ascend_chart_set_compact (self->sparkline, TRUE);
  ascend_chart_set_title (self->sparkline, _("Heart rate"), _("bpm"), 0);
  gtk_widget_set_focusable (GTK_WIDGET (self->sparkline), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->sparkline), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sparkline), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->sparkline), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->sparkline), "ascend-sparkline");
  gtk_box_append (GTK_BOX (gtk_button_get_child (GTK_BUTTON (self->cards[CARD_HEART].button))),
                  GTK_WIDGET (self->sparkline));
  build_card (self, &self->cards[CARD_ALERTS], _("Alerts"), "dialog-warning-symbolic", "ascend-card-alerts", "health");
  build_card (self, &self->cards[CARD_QUESTS], _("Today's Quests"), "object-select-symbolic", "ascend-card-quests", "habits");
  build_card (self, &self->cards[CARD_MOOD], _("Mood"), "face-smile-symbolic", "ascend-card-mood", "journal");
  build_card (self, &self->cards[CARD_TOKENS], _("Tokens"), "starred-symbolic", "ascend-card-tokens", "shop");
}

AscendDashboardView *
ascend_dashboard_view_new (AscendApplication *app)
{
  AscendDashboardView *self = g_object_new (ASCEND_TYPE_DASHBOARD_VIEW, NULL);
  self->app = app;
  return self;
}
