/* ascend-goal-rules.h: goal progress, due dates and what a goal form accepts
 *
 * Pure functions: no database, no clock. Callers pass "today" (the local
 * calendar day), so tests replay any date.
 *
 * Progress. A goal with milestones is as far along as the share of its
 * milestones that are done, rounded down, so it reaches 100 only when the
 * last one is done. A goal without milestones keeps the progress the user
 * sets with the slider.
 *
 * Due. A goal not yet at 100 is overdue after its target date, due soon
 * from ASCEND_GOAL_DUE_SOON_DAYS days before it, due today on it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASCEND_GOAL_DUE_SOON_DAYS 7
#define ASCEND_GOAL_PROGRESS_DONE 100

typedef enum {
  ASCEND_GOAL_NO_DATE,
  ASCEND_GOAL_ON_TRACK,
  ASCEND_GOAL_DUE_SOON,
  ASCEND_GOAL_DUE_TODAY,
  ASCEND_GOAL_OVERDUE,
  ASCEND_GOAL_COMPLETED,
} AscendGoalDue;

gint64        ascend_goal_progress_from_milestones (guint        completed,
                                                    guint        total,
                                                    gint64       manual_progress);
/* Parses a DATE column's text (YYYY-MM-DD, a day that exists). */
gboolean      ascend_goal_parse_date   (const char  *text,
                                        GDate       *out);
/* Days from today to the target date: negative once it has passed. */
gint          ascend_goal_days_left    (const GDate *target,
                                        const GDate *today);
AscendGoalDue ascend_goal_due          (const char  *target_date,
                                        gint64       progress,
                                        const GDate *today);
/* A short, translated phrase for the due state: "Overdue by 3 days",
 * "Due in 2 days", "Due today", "Done", or NULL without a date. */
char         *ascend_goal_due_text     (const char  *target_date,
                                        gint64       progress,
                                        const GDate *today);
/* Goals by target date, soonest first, goals without one last; then by
 * creation. Arguments are AscendGoal **, as g_ptr_array_sort passes them. */
gint          ascend_goal_compare      (gconstpointer a,
                                        gconstpointer b);

/* Form checks: NULL when fine, else a translated sentence for the field. */
const char   *ascend_goal_check_title  (const char  *title);
/* Empty text is no target date (fine); out gets the date or "" for none. */
const char   *ascend_goal_check_date   (const char  *text,
                                        char       **out);
/* Whole numbers 0-100, white space around them allowed. */
const char   *ascend_goal_check_progress (const char *text,
                                          gint64     *out);
const char   *ascend_goal_check_category (const char *text);

G_END_DECLS
