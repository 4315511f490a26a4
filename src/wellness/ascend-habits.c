/* ascend-habits.c: habits as daily quests: status, check-off, skips, bonuses */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ascend-habits.h"

#define NAME_MAX_CHARS 80
#define CATEGORY_MAX_CHARS 64
#define EMOJI_MAX_CHARS 10

static const AscendStreakBonus bonuses[] = {
  { 7, 1 },
  { 30, 3 },
  { 100, 10 },
};

const AscendStreakBonus *
ascend_streak_bonuses (guint *n_bonuses)
{
  if (n_bonuses != NULL)
    *n_bonuses = G_N_ELEMENTS (bonuses);
  return bonuses;
}

void
ascend_habit_clock_init (AscendHabitClock *clock,
                         GTimeZone        *tz,
                         int               start_hour,
                         gint64            now)
{
  g_return_if_fail (clock != NULL);

  /* g_time_zone_new_local () is cached for the life of the process; a NULL
   * identifier reads the system zone again, so a move is noticed. */
  clock->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_identifier (NULL);
  if (clock->tz == NULL)
    clock->tz = g_time_zone_new_utc ();
  clock->start_hour = CLAMP (start_hour, 0, ASCEND_HABIT_DAY_START_MAX);
  clock->now = now != 0 ? now : ascend_now_ms ();
}

void
ascend_habit_clock_clear (AscendHabitClock *clock)
{
  g_clear_pointer (&clock->tz, g_time_zone_unref);
}

AscendDay
ascend_habit_clock_today (const AscendHabitClock *clock)
{
  return ascend_habit_local_day (clock->now, clock->tz, clock->start_hour);
}

/* Status */

static void
entry_clear (gpointer data)
{
  AscendHabitEntry *entry = data;
  g_free (entry->notes);
}

void
ascend_habit_status_free (AscendHabitStatus *status)
{
  if (status == NULL)
    return;
  g_clear_pointer (&status->habit, ascend_habit_free);
  g_clear_pointer (&status->logs, g_array_unref);
  g_clear_pointer (&status->skips, g_array_unref);
  g_clear_pointer (&status->history, ascend_habit_history_free);
  g_free (status);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const AscendHabitEntry *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->completed_at != y->completed_at)
    return x->completed_at < y->completed_at ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  AscendDay x = *(const AscendDay *) a, y = *(const AscendDay *) b;
  return x < y ? -1 : x > y;
}

/* Fills a status from its habit and its rows (logs and skips of this habit
 * only, in store order). Steals habit. */
static AscendHabitStatus *
status_build (AscendHabit            *habit,
              gboolean                archived,
              AscendHabitLogDay     **logs,
              guint                   n_logs,
              AscendHabitSkip       **skips,
              guint                   n_skips,
              const AscendHabitClock *clock)
{
  AscendHabitStatus *s = g_new0 (AscendHabitStatus, 1);
  g_autoptr(GArray) done = g_array_sized_new (FALSE, FALSE, sizeof (AscendDay), n_logs);

  s->habit = habit;
  s->archived = archived;
  if (!ascend_habit_frequency_parse (habit->frequency, &s->frequency))
    s->frequency = ASCEND_HABIT_DAILY;
  s->today = ascend_habit_clock_today (clock);
  s->first_day = ascend_habit_local_day (habit->created_at, clock->tz, clock->start_hour);

  s->logs = g_array_sized_new (FALSE, FALSE, sizeof (AscendHabitEntry), n_logs);
  g_array_set_clear_func (s->logs, entry_clear);
  for (guint i = 0; i < n_logs; i++)
    {
      AscendHabitEntry e = { logs[i]->id, 0, logs[i]->completed_at, g_strdup (logs[i]->notes) };

      if (logs[i]->day == NULL || !ascend_day_parse (logs[i]->day, &e.day))
        e.day = ascend_habit_local_day (e.completed_at, clock->tz, clock->start_hour);
      g_array_append_val (s->logs, e);
      g_array_append_val (done, e.day);
      s->first_day = MIN (s->first_day, e.day);
    }
  g_array_sort (s->logs, compare_entries);

  s->skips = g_array_sized_new (FALSE, FALSE, sizeof (AscendDay), n_skips);
  for (guint i = 0; i < n_skips; i++)
    {
      AscendDay d;
      if (ascend_day_parse (skips[i]->day, &d))
        {
          g_array_append_val (s->skips, d);
          s->first_day = MIN (s->first_day, d);
        }
    }
  g_array_sort (s->skips, compare_days);

  s->history = ascend_habit_history_new (s->frequency, (AscendDay *) done->data, done->len,
                                         (AscendDay *) s->skips->data, s->skips->len);
  ascend_habit_streak (s->history, s->today, &s->streak);
  s->due = ascend_habit_is_due (s->history, s->today);
  s->done_today = ascend_habit_status_log_on (s, s->today) != NULL;
  s->target_progress = ascend_habit_target_progress (s->history, (guint) CLAMP (habit->target_days, 1, G_MAXINT));
  return s;
}

AscendHabitStatus *
ascend_habit_status_load (AscendDatabase          *db,
                          gint64                   habit_id,
                          const AscendHabitClock  *clock,
                          GError                 **error)
{
  g_autoptr(AscendHabit) habit = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GPtrArray) skips = NULL;
  g_autoptr(GHashTable) archived = NULL;

  g_return_val_if_fail (clock != NULL && clock->tz != NULL, NULL);

  if ((habit = ascend_habit_get (db, habit_id, error)) == NULL ||
      (logs = ascend_habit_store_list_logs (db, habit->user_id, habit_id, error)) == NULL ||
      (skips = ascend_habit_store_list_skips (db, habit->user_id, habit_id, error)) == NULL ||
      (archived = ascend_habit_store_list_archived (db, habit->user_id, error)) == NULL)
    return NULL;
  return status_build (g_steal_pointer (&habit), g_hash_table_contains (archived, &habit_id),
                       (AscendHabitLogDay **) logs->pdata, logs->len,
                       (AscendHabitSkip **) skips->pdata, skips->len, clock);
}

static int
compare_habit_ids (gconstpointer a,
                   gconstpointer b)
{
  const AscendHabit *x = *(AscendHabit * const *) a, *y = *(AscendHabit * const *) b;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
ascend_habits_load_all (AscendDatabase          *db,
                        gint64                   user_id,
                        const AscendHabitClock  *clock,
                        GError                 **error)
{
  g_autoptr(GPtrArray) habits = NULL;
  g_autoptr(GPtrArray) by_id = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GPtrArray) skips = NULL;
  g_autoptr(GHashTable) archived = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  GPtrArray *out;
  guint li = 0, si = 0;

  g_return_val_if_fail (clock != NULL && clock->tz != NULL, NULL);

  if ((habits = ascend_habit_list (db, user_id, 0, 0, error)) == NULL ||
      (logs = ascend_habit_store_list_logs (db, user_id, 0, error)) == NULL ||
      (skips = ascend_habit_store_list_skips (db, user_id, 0, error)) == NULL ||
      (archived = ascend_habit_store_list_archived (db, user_id, error)) == NULL)
    return NULL;

  /* One query per table for the whole profile, rows ordered by habit id:
   * walk them alongside the habits in id order. */
  /* Each habit moves into its status. */
  g_ptr_array_set_free_func (habits, NULL);
  by_id = g_ptr_array_copy (habits, NULL, NULL);
  g_ptr_array_sort (by_id, compare_habit_ids);
  statuses = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint h = 0; h < by_id->len; h++)
    {
      AscendHabit *habit = g_ptr_array_index (by_id, h);
      guint l0, s0;
      AscendHabitStatus *status;

      while (li < logs->len && ((AscendHabitLogDay *) g_ptr_array_index (logs, li))->habit_id < habit->id)
        li++;
      for (l0 = li; li < logs->len && ((AscendHabitLogDay *) g_ptr_array_index (logs, li))->habit_id == habit->id; li++)
        ;
      while (si < skips->len && ((AscendHabitSkip *) g_ptr_array_index (skips, si))->habit_id < habit->id)
        si++;
      for (s0 = si; si < skips->len && ((AscendHabitSkip *) g_ptr_array_index (skips, si))->habit_id == habit->id; si++)
        ;
      status = status_build (habit, g_hash_table_contains (archived, &habit->id),
                             (AscendHabitLogDay **) logs->pdata + l0, li - l0,
                             (AscendHabitSkip **) skips->pdata + s0, si - s0, clock);
      g_hash_table_insert (statuses, &status->habit->id, status);
    }

  out = g_ptr_array_new_full (habits->len, (GDestroyNotify) ascend_habit_status_free);
  for (guint h = 0; h < habits->len; h++)
    g_ptr_array_add (out, g_hash_table_lookup (statuses, &((AscendHabit *) g_ptr_array_index (habits, h))->id));
  return out;
}

gboolean
ascend_habit_status_is_quest (const AscendHabitStatus *status)
{
  return !status->archived && (status->due || status->done_today);
}

void
ascend_habit_status_rate (const AscendHabitStatus *status,
                          guint                    window_days,
                          AscendRate              *out)
{
  ascend_habit_completion_rate (status->history, status->first_day, status->today, window_days, out);
}

const AscendHabitEntry *
ascend_habit_status_log_on (const AscendHabitStatus *status,
                            AscendDay                day)
{
  const AscendHabitEntry *found = NULL;
  guint lo = 0, hi = status->logs->len;

  /* The first entry of day, then the last of the run. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (status->logs, AscendHabitEntry, mid).day < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < status->logs->len && g_array_index (status->logs, AscendHabitEntry, lo).day == day; lo++)
    found = &g_array_index (status->logs, AscendHabitEntry, lo);
  return found;
}

gboolean
ascend_habit_status_skipped_on (const AscendHabitStatus *status,
                                AscendDay                day)
{
  for (guint i = 0; i < status->skips->len; i++)
    if (g_array_index (status->skips, AscendDay, i) == day)
      return TRUE;
  return FALSE;
}

AscendDayState
ascend_habit_status_day_state (const AscendHabitStatus *status,
                               AscendDay                day)
{
  return ascend_habit_day_state (status->history, day, ascend_habit_status_log_on (status, day) != NULL,
                                 status->first_day, status->today);
}

/* Changes */

static gboolean
check_day_in_range (const AscendHabitStatus  *s,
                    AscendDay                 day,
                    AscendDay                 last,
                    GError                  **error)
{
  if (day > last)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("That day has not come yet"));
      return FALSE;
    }
  if (day < s->first_day)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("The habit did not exist yet on that day"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_period_open (const AscendHabitStatus  *s,
                   AscendDay                 day,
                   GError                  **error)
{
  static const char *const messages[] = {
    N_("Already done on that day"),
    N_("Already done that week"),
    N_("Already done that month"),
  };

  if (!ascend_habit_history_is_done (s->history, ascend_habit_period (s->frequency, day)))
    return TRUE;
  g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT, _(messages[s->frequency]));
  return FALSE;
}

static char *
bonus_description (const AscendHabitStatus *s,
                   guint                    milestone)
{
  switch (s->frequency)
    {
    case ASCEND_HABIT_WEEKLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u-week streak bonus: %s", "%u-week streak bonus: %s",
                                           milestone), milestone, s->habit->name);
    case ASCEND_HABIT_MONTHLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u-month streak bonus: %s", "%u-month streak bonus: %s",
                                           milestone), milestone, s->habit->name);
    case ASCEND_HABIT_DAILY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u-day streak bonus: %s", "%u-day streak bonus: %s",
                                           milestone), milestone, s->habit->name);
    }
}

guint
ascend_habits_grant_bonuses (AscendDatabase          *db,
                             gint64                   habit_id,
                             const AscendHabitClock  *clock,
                             guint                   *milestone,
                             GError                 **error)
{
  g_autoptr(AscendHabitStatus) s = NULL;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autofree char *run_start = NULL;
  g_autofree char *run_end = NULL;
  guint paid = 0;

  if (milestone != NULL)
    *milestone = 0;
  if ((s = ascend_habit_status_load (db, habit_id, clock, error)) == NULL)
    return 0;
  if (s->streak.current == 0)
    return 0;
  if ((rewards = ascend_habit_store_list_rewards (db, habit_id, error)) == NULL)
    return 0;

  run_start = ascend_day_to_string (ascend_habit_period_first_day (s->frequency, s->streak.current_start));
  run_end = ascend_day_to_string (ascend_habit_period_last_day (s->frequency, s->streak.current_end));

  for (guint b = 0; b < G_N_ELEMENTS (bonuses); b++)
    {
      gboolean already = FALSE;
      AscendPeriod reached = s->streak.current_start;
      g_autofree char *reached_end = NULL;
      g_autofree char *description = NULL;
      guint count = 0;

      if (s->streak.current < bonuses[b].milestone)
        break;
      /* ISO dates compare as text. A reward whose span overlaps this run
       * was paid for this streak, even if logs were undone and redone or
       * its first day was taken away since. */
      for (guint r = 0; r < rewards->len && !already; r++)
        {
          AscendStreakReward *reward = g_ptr_array_index (rewards, r);
          already = reward->milestone == bonuses[b].milestone &&
                    strcmp (reward->streak_start, run_end) <= 0 &&
                    strcmp (reward->streak_end, run_start) >= 0;
        }
      if (already)
        continue;

      for (AscendPeriod p = s->streak.current_start; p <= s->streak.current_end; p++)
        if (ascend_habit_history_is_done (s->history, p) && ++count == bonuses[b].milestone)
          {
            reached = p;
            break;
          }
      reached_end = ascend_day_to_string (ascend_habit_period_last_day (s->frequency, reached));
      description = bonus_description (s, bonuses[b].milestone);
      if (ascend_habit_store_grant_reward (db, habit_id, bonuses[b].milestone, run_start, reached_end,
                                           bonuses[b].tokens, description, error) == 0)
        return paid;
      paid += bonuses[b].tokens;
      if (milestone != NULL)
        *milestone = bonuses[b].milestone;
    }
  return paid;
}

static gint64
log_day (AscendDatabase          *db,
         gint64                   habit_id,
         const AscendHabitClock  *clock,
         AscendDay                day,
         gint64                   completed_at,
         const char              *notes,
         AscendCheckOff          *out,
         GError                 **error)
{
  g_autoptr(AscendHabitStatus) s = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  const char *zone;
  guint milestone = 0;
  guint tokens;
  gint64 id;

  if (out != NULL)
    memset (out, 0, sizeof *out);
  if ((s = ascend_habit_status_load (db, habit_id, clock, error)) == NULL)
    return 0;
  if (!check_day_in_range (s, day, s->today, error) || !check_period_open (s, day, error))
    return 0;

  text = ascend_day_to_string (day);
  zone = g_time_zone_get_identifier (clock->tz);
  if (!ascend_database_begin (db, error))
    return 0;
  /* A log wins over a skip of the same day: give the skip back. */
  if (ascend_habit_status_skipped_on (s, day) &&
      !ascend_habits_unskip_day (db, habit_id, day, error))
    goto fail;
  if ((id = ascend_habit_store_add_log (db, habit_id, completed_at, text, zone, notes, error)) == 0)
    goto fail;
  tokens = ascend_habits_grant_bonuses (db, habit_id, clock, &milestone, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (!ascend_database_commit (db, error))
    return 0;

  if (out != NULL)
    {
      out->log_id = id;
      out->bonus_tokens = tokens;
      out->milestone = milestone;
    }
  return id;

fail:
  ascend_database_rollback (db);
  return 0;
}

gint64
ascend_habits_check_off (AscendDatabase          *db,
                         gint64                   habit_id,
                         const AscendHabitClock  *clock,
                         const char              *notes,
                         AscendCheckOff          *out,
                         GError                 **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (clock != NULL, 0);

  return log_day (db, habit_id, clock, ascend_habit_clock_today (clock), clock->now, notes, out, error);
}

gint64
ascend_habits_log_day (AscendDatabase          *db,
                       gint64                   habit_id,
                       const AscendHabitClock  *clock,
                       AscendDay                day,
                       const char              *notes,
                       AscendCheckOff          *out,
                       GError                 **error)
{
  gint64 when;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (clock != NULL, 0);

  when = day == ascend_habit_clock_today (clock) ? clock->now : ascend_habit_day_noon (day, clock->tz);
  return log_day (db, habit_id, clock, day, when, notes, out, error);
}

gboolean
ascend_habits_unlog_day (AscendDatabase          *db,
                         gint64                   habit_id,
                         const AscendHabitClock  *clock,
                         AscendDay                day,
                         GError                 **error)
{
  g_autoptr(AscendHabitStatus) s = NULL;
  guint removed = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (clock != NULL, FALSE);

  if ((s = ascend_habit_status_load (db, habit_id, clock, error)) == NULL)
    return FALSE;
  if (!ascend_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < s->logs->len; i++)
    {
      AscendHabitEntry *e = &g_array_index (s->logs, AscendHabitEntry, i);
      if (e->day != day)
        continue;
      if (!ascend_habit_store_delete_log (db, e->id, error))
        {
          ascend_database_rollback (db);
          return FALSE;
        }
      removed++;
    }
  if (removed == 0)
    {
      ascend_database_rollback (db);
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                           _("Nothing was logged on that day"));
      return FALSE;
    }
  return ascend_database_commit (db, error);
}

gint64
ascend_habits_free_skips_left (AscendDatabase  *db,
                               gint64           habit_id,
                               AscendDay        day,
                               GError         **error)
{
  g_autofree char *text = ascend_day_to_string (day);
  gint64 used;

  text[7] = '\0';   /* "YYYY-MM" */
  used = ascend_habit_store_count_free_skips (db, habit_id, text, error);
  if (used < 0)
    return -1;
  return MAX (0, ASCEND_HABIT_FREE_SKIPS_PER_MONTH - used);
}

gboolean
ascend_habits_skip_day (AscendDatabase          *db,
                        gint64                   habit_id,
                        const AscendHabitClock  *clock,
                        AscendDay                day,
                        gboolean                 allow_paid,
                        gboolean                *paid,
                        GError                 **error)
{
  g_autoptr(AscendHabitStatus) s = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  gint64 left;
  gint64 cost;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (clock != NULL, FALSE);

  if (paid != NULL)
    *paid = FALSE;
  if ((s = ascend_habit_status_load (db, habit_id, clock, error)) == NULL)
    return FALSE;
  if (!check_day_in_range (s, day, s->today + ASCEND_HABIT_SKIP_DAYS_AHEAD, error) ||
      !check_period_open (s, day, error))
    return FALSE;
  if ((left = ascend_habits_free_skips_left (db, habit_id, day, error)) < 0)
    return FALSE;

  cost = left > 0 ? 0 : ASCEND_HABIT_SKIP_TOKEN_COST;
  if (cost > 0 && !allow_paid)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "No free skip left this month: a skip costs %d token",
                                "No free skip left this month: a skip costs %d tokens",
                                ASCEND_HABIT_SKIP_TOKEN_COST),
                   ASCEND_HABIT_SKIP_TOKEN_COST);
      return FALSE;
    }
  text = ascend_day_to_string (day);
  /* TRANSLATORS: a token transaction: the habit's name and the day skipped */
  description = g_strdup_printf (_("Skip day for %s (%s)"), s->habit->name, text);
  if (ascend_habit_store_add_skip (db, habit_id, text, cost, description, error) == 0)
    return FALSE;
  if (paid != NULL)
    *paid = cost > 0;
  return TRUE;
}

gboolean
ascend_habits_unskip_day (AscendDatabase  *db,
                          gint64           habit_id,
                          AscendDay        day,
                          GError         **error)
{
  g_autofree char *text = ascend_day_to_string (day);
  g_autofree char *description = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  /* TRANSLATORS: a token transaction: the day whose skip was taken back */
  description = g_strdup_printf (_("Skip taken back (%s)"), text);
  return ascend_habit_store_delete_skip (db, habit_id, text, description, error);
}

/* Form validation */

gboolean
ascend_habit_validate_name (const char  *name,
                            char       **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      if (message)
        *message = g_strdup (_("Please give the habit a name"));
      return FALSE;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > NAME_MAX_CHARS)
    {
      if (message)
        *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The name can be at most %d character", "The name can be at most %d characters", NAME_MAX_CHARS), NAME_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_habit_validate_category (const char  *category,
                                char       **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (category ? category : ""));

  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > CATEGORY_MAX_CHARS)
    {
      if (message)
        *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The category can be at most %d character", "The category can be at most %d characters", CATEGORY_MAX_CHARS), CATEGORY_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_habit_validate_emoji (const char  *emoji,
                             char       **message)
{
  if (emoji == NULL || *emoji == '\0')
    return TRUE;
  if (!g_utf8_validate (emoji, -1, NULL) || g_utf8_strlen (emoji, -1) > EMOJI_MAX_CHARS)
    {
      if (message)
        *message = g_strdup (_("Please pick a single emoji"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_habit_validate_target_days (gint64   target_days,
                                   char   **message)
{
  if (target_days < 1 || target_days > ASCEND_HABIT_TARGET_DAYS_MAX)
    {
      if (message)
        *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The target must be between 1 and %d day", "The target must be between 1 and %d days", ASCEND_HABIT_TARGET_DAYS_MAX), ASCEND_HABIT_TARGET_DAYS_MAX);
      return FALSE;
    }
  return TRUE;
}
