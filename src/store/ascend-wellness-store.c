/* ascend-wellness-store.c: habits, habitLogs, journalEntries, moodLogs, goals, milestones */
#include "config.h"

#include "ascend-wellness-store.h"

#define T AscendHabit
static const AscendColumn habit_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, name, "name", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, category, "category", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, emoji, "emoji", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_TEXT_DEFAULT (T, frequency, "frequency", "daily"),
  ASCEND_COLUMN_INT_DEFAULT (T, target_days, "targetDays", 1),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendHabitLog
static const AscendColumn habit_log_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, habit_id, "habitId", "habits"),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, notes, "notes", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, completed_at, "completedAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendJournalEntry
static const AscendColumn journal_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, title, "title", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_TEXT_DEFAULT (T, content, "content", ""),
  ASCEND_COLUMN (T, mood, "mood", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, mood_score, "moodScore", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  { "tags", ASCEND_COL_JSON, 0, G_STRUCT_OFFSET (T, tags), NULL, "[]", 0 },
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendMoodLog
static const AscendColumn mood_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, mood, "mood", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, mood_score, "moodScore", ASCEND_COL_INT, ASCEND_COL_NULLABLE),  /* NULL binds, so NOT NULL says "required" */
  ASCEND_COLUMN (T, notes, "notes", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendGoal
static const AscendColumn goal_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, title, "title", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, description, "description", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, category, "category", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_INT_DEFAULT (T, progress, "progress", 0),
  ASCEND_COLUMN (T, target_date, "targetDate", ASCEND_COL_DATE, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendMilestone
static const AscendColumn milestone_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, goal_id, "goalId", "goals"),
  ASCEND_COLUMN (T, title, "title", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, is_completed, "isCompleted", ASCEND_COL_BOOL, 0),
  ASCEND_COLUMN (T, completed_at, "completedAt", ASCEND_COL_TIME, ASCEND_COL_NULLABLE),
};
#undef T

const AscendTable ascend_table_habits =
  ASCEND_TABLE (AscendHabit, "habits", habit_columns, "userId", "createdAt", ascend_habit_free);
const AscendTable ascend_table_habit_logs =
  ASCEND_TABLE (AscendHabitLog, "habitLogs", habit_log_columns, "userId", "completedAt", ascend_habit_log_free);
const AscendTable ascend_table_journal_entries =
  ASCEND_TABLE (AscendJournalEntry, "journalEntries", journal_columns, "userId", "createdAt",
                ascend_journal_entry_free);
const AscendTable ascend_table_mood_logs =
  ASCEND_TABLE (AscendMoodLog, "moodLogs", mood_columns, "userId", "createdAt", ascend_mood_log_free);
const AscendTable ascend_table_goals =
  ASCEND_TABLE (AscendGoal, "goals", goal_columns, "userId", "createdAt", ascend_goal_free);
const AscendTable ascend_table_milestones =
  ASCEND_TABLE (AscendMilestone, "milestones", milestone_columns, "goalId", NULL, ascend_milestone_free);

ASCEND_DEFINE_RECORD_API (AscendHabit, ascend_habit, ascend_table_habits)
ASCEND_DEFINE_RECORD_API (AscendHabitLog, ascend_habit_log, ascend_table_habit_logs)
ASCEND_DEFINE_RECORD_API (AscendJournalEntry, ascend_journal_entry, ascend_table_journal_entries)
ASCEND_DEFINE_RECORD_API (AscendMoodLog, ascend_mood_log, ascend_table_mood_logs)
ASCEND_DEFINE_RECORD_API (AscendGoal, ascend_goal, ascend_table_goals)
ASCEND_DEFINE_RECORD_API (AscendMilestone, ascend_milestone, ascend_table_milestones)
