/* ascend-goal-rules.c: goal progress, due dates and what a goal form accepts */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ascend-goal-rules.h"
#include "ascend-journal-rules.h"
#include "ascend-wellness-store.h"

#define CATEGORY_MAX_CHARS 64

gint64
ascend_goal_progress_from_milestones (guint  completed,
                                      guint  total,
                                      gint64 manual_progress)
{
  if (total == 0)
    return CLAMP (manual_progress, 0, ASCEND_GOAL_PROGRESS_DONE);
  completed = MIN (completed, total);
  /* Rounded down: 199 of 200 is 99, never 100. */
  return (gint64) completed * ASCEND_GOAL_PROGRESS_DONE / total;
}

gboolean
ascend_goal_parse_date (const char *text,
                        GDate      *out)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  if (out != NULL)
    g_date_set_dmy (out, day, month, year);
  return TRUE;
}

gint
ascend_goal_days_left (const GDate *target,
                       const GDate *today)
{
  return g_date_days_between (today, target);
}

AscendGoalDue
ascend_goal_due (const char  *target_date,
                 gint64       progress,
                 const GDate *today)
{
  GDate target;
  gint left;

  if (progress >= ASCEND_GOAL_PROGRESS_DONE)
    return ASCEND_GOAL_COMPLETED;
  if (!ascend_goal_parse_date (target_date, &target))
    return ASCEND_GOAL_NO_DATE;
  left = ascend_goal_days_left (&target, today);
  if (left < 0)
    return ASCEND_GOAL_OVERDUE;
  if (left == 0)
    return ASCEND_GOAL_DUE_TODAY;
  if (left <= ASCEND_GOAL_DUE_SOON_DAYS)
    return ASCEND_GOAL_DUE_SOON;
  return ASCEND_GOAL_ON_TRACK;
}

char *
ascend_goal_due_text (const char  *target_date,
                      gint64       progress,
                      const GDate *today)
{
  GDate target;
  gint left;

  if (progress >= ASCEND_GOAL_PROGRESS_DONE)
    return g_strdup (_("Done"));
  if (!ascend_goal_parse_date (target_date, &target))
    return NULL;
  left = ascend_goal_days_left (&target, today);
  if (left < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day", "Overdue by %d days", -left), -left);
  if (left == 0)
    return g_strdup (_("Due today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days", left), left);
}

gint
ascend_goal_compare (gconstpointer a,
                     gconstpointer b)
{
  const AscendGoal *ga = *(AscendGoal * const *) a;
  const AscendGoal *gb = *(AscendGoal * const *) b;
  int cmp;

  if ((ga->target_date == NULL) != (gb->target_date == NULL))
    return ga->target_date == NULL ? 1 : -1;
  /* YYYY-MM-DD sorts as text. */
  cmp = g_strcmp0 (ga->target_date, gb->target_date);
  if (cmp != 0)
    return cmp;
  if (ga->created_at != gb->created_at)
    return ga->created_at < gb->created_at ? -1 : 1;
  return ga->id < gb->id ? -1 : ga->id > gb->id;
}

const char *
ascend_goal_check_title (const char *title)
{
  if (ascend_text_is_blank (title))
    return _("Give the goal a title");
  return NULL;
}

const char *
ascend_goal_check_date (const char  *text,
                        char       **out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  GDate date;

  if (*trimmed == '\0')
    {
      if (out)
        *out = g_strdup ("");
      return NULL;
    }
  if (!ascend_goal_parse_date (trimmed, &date))
    {
      /* The right shape with numbers no calendar has (2025-02-30). */
      if (strlen (trimmed) == 10 && trimmed[4] == '-' && trimmed[7] == '-')
        return _("There is no such date: pick one from the calendar");
      return _("Write the date as YYYY-MM-DD, or pick one from the calendar");
    }
  if (out)
    *out = g_steal_pointer (&trimmed);
  return NULL;
}

const char *
ascend_goal_check_progress (const char *text,
                            gint64     *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *p = trimmed;
  guint64 value;
  char *end = NULL;

  if (*p == '-' && g_ascii_isdigit (p[1]))
    return _("Progress must be between 0 and 100 percent");
  if (!g_ascii_isdigit (*p))
    return _("Progress must be a whole number from 0 to 100");
  value = g_ascii_strtoull (p, &end, 10);
  if (*end != '\0')
    return _("Progress must be a whole number from 0 to 100");
  if (value > ASCEND_GOAL_PROGRESS_DONE)
    return _("Progress must be between 0 and 100 percent");
  if (out)
    *out = (gint64) value;
  return NULL;
}

const char *
ascend_goal_check_category (const char *text)
{
  if (text != NULL && g_utf8_strlen (text, -1) > CATEGORY_MAX_CHARS)
    return _("The goal category must be at most 64 characters");
  return NULL;
}
