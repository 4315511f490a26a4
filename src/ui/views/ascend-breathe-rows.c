/* ascend-breathe-rows.c: history and "what works for you" rows */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "ascend-breathe-rows.h"
#include "ascend-breathe-session.h"

char *
ascend_breathe_format_duration (guint seconds)
{
  if (seconds < 60)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%u s"), seconds);
  if (seconds % 60 == 0)
    /* TRANSLATORS: a duration in whole minutes */
    return g_strdup_printf (_("%u min"), seconds / 60);
  /* TRANSLATORS: a duration in minutes and seconds */
  return g_strdup_printf (_("%u min %u s"), seconds / 60, seconds % 60);
}

char *
ascend_breathe_format_signed (double value,
                              int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = decimals > 0 ? round (value * 10) / 10 : round (value);

  if (rounded == 0)
    return g_strdup ("0");
  g_snprintf (buf, sizeof buf, decimals > 0 ? "%.1f" : "%.0f", fabs (rounded));
  /* U+2212 MINUS SIGN reads better than a hyphen next to digits. */
  return g_strconcat (rounded > 0 ? "+" : "\u2212", buf, NULL);
}

static const char * const mood_words[] = {
  N_("Awful"), N_("Very low"), N_("Low"), N_("Down"), N_("So-so"),
  N_("Okay"), N_("Good"), N_("Very good"), N_("Great"), N_("Wonderful"),
};

const char *
ascend_breathe_mood_word (gint64 mood)
{
  if (mood < 1 || mood > 10)
    return NULL;
  return _(mood_words[mood - 1]);
}

static char *
when_text (gint64 at_ms,
           gint64 now_ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (at_ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_ms / 1000);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  int day_when = g_date_time_get_year (when) * 400 + g_date_time_get_day_of_year (when);
  int day_now = g_date_time_get_year (now) * 400 + g_date_time_get_day_of_year (now);
  g_autofree char *date = NULL;

  if (day_when == day_now)
    /* TRANSLATORS: when a session took place: "Today, 14:03" */
    return g_strdup_printf (_("Today, %s"), time);
  if (day_when == day_now - 1)
    return g_strdup_printf (_("Yesterday, %s"), time);
  /* TRANSLATORS: a date in a session's row, strftime format */
  date = g_date_time_format (when, _("%e %b"));
  return g_strdup_printf ("%s, %s", g_strstrip (date), time);
}

GtkWidget *
ascend_breathe_history_row_new (const AscendExerciseSession *s,
                                gint64                       now_ms)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge;
  GString *subtitle = g_string_new (NULL);
  g_autofree char *when = when_text (s->started_at, now_ms);
  g_autofree char *duration = ascend_breathe_format_duration ((guint) MAX (s->duration_seconds, 0));
  g_autofree char *status = NULL;
  const char *badge_class;

  g_string_append_printf (subtitle, "%s · %s", when, duration);
  if (s->mood_before != ASCEND_NO_INT && s->mood_after != ASCEND_NO_INT)
    /* TRANSLATORS: the mood before and after a session, 1-10 */
    g_string_append_printf (subtitle, _(" · mood %" PRId64 " → %" PRId64), s->mood_before, s->mood_after);
  else if (s->mood_after != ASCEND_NO_INT)
    g_string_append_printf (subtitle, _(" · mood after %" PRId64), s->mood_after);
  else if (s->mood_before != ASCEND_NO_INT)
    g_string_append_printf (subtitle, _(" · mood before %" PRId64), s->mood_before);
  if (s->trigger_reason != NULL && g_str_has_prefix (s->trigger_reason, "high_stress"))
    g_string_append (subtitle, _(" · after a stress alert"));
  else if (g_strcmp0 (s->trigger_reason, "scheduled") == 0)
    g_string_append (subtitle, _(" · scheduled"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ascend_exercise_type_title (s->exercise_type));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (g_strcmp0 (s->status, "completed") == 0)
    {
      status = g_strdup (_("Done"));
      badge_class = "ascend-breathe-done";
    }
  else if (g_strcmp0 (s->status, "abandoned") == 0)
    {
      /* TRANSLATORS: a session ended early, and how much of it was done */
      status = g_strdup_printf (_("Stopped at %" PRId64 "%%"), s->completion_percentage);
      badge_class = "ascend-breathe-stopped";
    }
  else
    {
      status = g_strdup (_("In progress"));
      badge_class = "ascend-breathe-running";
    }
  badge = gtk_label_new (status);
  gtk_widget_add_css_class (badge, "ascend-severity");
  gtk_widget_add_css_class (badge, badge_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  g_string_free (subtitle, TRUE);
  return row;
}

GtkWidget *
ascend_breathe_effect_row_new (const AscendBreatheEffect *e,
                               guint                      min_sessions)
{
  GtkWidget *row = adw_action_row_new ();
  GString *subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ascend_exercise_type_title (e->exercise_type));
  if (!isnan (e->mood_change))
    {
      g_autofree char *mood = ascend_breathe_format_signed (e->mood_change, 1);
      /* TRANSLATORS: mean change of the 1-10 mood after an exercise */
      g_string_append_printf (subtitle, _("Mood %s on average"), mood);
    }
  else
    g_string_append_printf (subtitle,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u sessions with a mood before and after",
                                         "%u of %u sessions with a mood before and after", min_sessions),
                            e->n_mood, min_sessions);
  if (!isnan (e->hrv_change))
    {
      g_autofree char *hrv = ascend_breathe_format_signed (e->hrv_change, 0);
      g_string_append_printf (subtitle, _(" · HRV %s ms"), hrv);
      if (!isnan (e->heart_rate_change))
        {
          g_autofree char *hr = ascend_breathe_format_signed (e->heart_rate_change, 0);
          g_string_append_printf (subtitle, _(" · heart %s bpm"), hr);
        }
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u done", "%u done", e->n_completed),
                                              e->n_completed);
    GtkWidget *label = gtk_label_new (count);
    gtk_widget_add_css_class (label, "dim-label");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  }
  g_string_free (subtitle, TRUE);
  return row;
}
