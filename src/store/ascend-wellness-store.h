/* ascend-wellness-store.h: habits, habit logs, journal, mood, goals, milestones */
#pragma once

#include "ascend-table.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *name;
  char   *category;
  char   *emoji;
  char   *frequency;    /* daily, weekly, monthly */
  gint64  target_days;
  gint64  created_at;
} AscendHabit;

typedef struct {
  gint64  id;
  gint64  habit_id;
  gint64  user_id;
  char   *notes;
  gint64  completed_at;
} AscendHabitLog;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *title;
  char   *content;
  char   *mood;
  gint64  mood_score;   /* 1-10 or ASCEND_NO_INT */
  char   *tags;         /* JSON array text, "[]" by default */
  gint64  created_at;
} AscendJournalEntry;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *mood;
  gint64  mood_score;   /* 1-10 */
  char   *notes;
  gint64  created_at;
} AscendMoodLog;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *title;
  char   *description;
  char   *category;
  gint64  progress;     /* 0-100 */
  char   *target_date;  /* YYYY-MM-DD or NULL */
  gint64  created_at;
} AscendGoal;

typedef struct {
  gint64    id;
  gint64    goal_id;
  char     *title;
  gboolean  is_completed;
  gint64    completed_at; /* 0 while not completed */
} AscendMilestone;

extern const AscendTable ascend_table_habits;
extern const AscendTable ascend_table_habit_logs;
extern const AscendTable ascend_table_journal_entries;
extern const AscendTable ascend_table_mood_logs;
extern const AscendTable ascend_table_goals;
extern const AscendTable ascend_table_milestones;

ASCEND_DECLARE_RECORD_API (AscendHabit, ascend_habit)
ASCEND_DECLARE_RECORD_API (AscendHabitLog, ascend_habit_log)
ASCEND_DECLARE_RECORD_API (AscendJournalEntry, ascend_journal_entry)
ASCEND_DECLARE_RECORD_API (AscendMoodLog, ascend_mood_log)
ASCEND_DECLARE_RECORD_API (AscendGoal, ascend_goal)
ASCEND_DECLARE_RECORD_API (AscendMilestone, ascend_milestone)

G_END_DECLS
