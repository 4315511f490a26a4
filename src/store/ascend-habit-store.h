/* ascend-habit-store.h: what habits keep beyond their seed tables
 *
 * The extra tables of schema 004 (data/schema/004-habits.sql): the day each
 * log counts for, archived habits, skipped days and the streak bonuses
 * already paid. Days are "YYYY-MM-DD" text as in DATE columns; the rules
 * that compute them live in src/wellness/ascend-habit-rules.h.
 */
#pragma once

#include "ascend-wellness-store.h"

G_BEGIN_DECLS

/* A habit log with the day it counts for. */
typedef struct {
  gint64  id;
  gint64  habit_id;
  gint64  completed_at;
  char   *day;        /* fixed when written, or NULL: count it in the zone in force now */
  char   *notes;
} AscendHabitLogDay;

void       ascend_habit_log_day_free        (AscendHabitLogDay *log);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendHabitLogDay, ascend_habit_log_day_free)

/* Writes a habitLogs row for the habit's owner and the day it counts for,
 * in one transaction. time_zone (the zone's identifier) may be NULL.
 * Returns the log id or 0. */
gint64     ascend_habit_store_add_log       (AscendDatabase *db,
                                             gint64          habit_id,
                                             gint64          completed_at,
                                             const char     *day,
                                             const char     *time_zone,
                                             const char     *notes,
                                             GError        **error);
gboolean   ascend_habit_store_set_log_notes (AscendDatabase *db,
                                             gint64          log_id,
                                             const char     *notes,
                                             GError        **error);
gboolean   ascend_habit_store_delete_log    (AscendDatabase *db,
                                             gint64          log_id,
                                             GError        **error);
/* Logs of one habit (habit_id > 0) or of all the user's habits, ordered by
 * habit and time. Array of AscendHabitLogDay. */
GPtrArray *ascend_habit_store_list_logs     (AscendDatabase *db,
                                             gint64          user_id,
                                             gint64          habit_id,
                                             GError        **error);

/* Archive */
gboolean   ascend_habit_store_set_archived  (AscendDatabase *db,
                                             gint64          habit_id,
                                             gboolean        archived,
                                             GError        **error);
/* The archived habit ids of a user: a set of gint64 (g_int64_hash). */
GHashTable *ascend_habit_store_list_archived (AscendDatabase *db,
                                              gint64          user_id,
                                              GError        **error);

/* Skips */
typedef struct {
  gint64  id;
  gint64  habit_id;
  char   *day;
  gint64  transaction_id; /* the usage transaction that paid, or 0 (free) */
} AscendHabitSkip;

void       ascend_habit_skip_free           (AscendHabitSkip *skip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendHabitSkip, ascend_habit_skip_free)

/* Skips day. With token_cost > 0 a usage transaction of that many tokens
 * pays for it in the same SQLite transaction (ASCEND_STORE_ERROR_INSUFFICIENT
 * when the balance is too low, and nothing is written). A day already
 * skipped fails with ASCEND_STORE_ERROR_CONSTRAINT. Returns the skip id or 0. */
gint64     ascend_habit_store_add_skip      (AscendDatabase *db,
                                             gint64          habit_id,
                                             const char     *day,
                                             gint64          token_cost,
                                             const char     *description,
                                             GError        **error);
/* Removes the skip of day; a paid one is refunded (a refund transaction
 * with refund_description). FALSE with ASCEND_STORE_ERROR_NOT_FOUND when
 * the day was not skipped. */
gboolean   ascend_habit_store_delete_skip   (AscendDatabase *db,
                                             gint64          habit_id,
                                             const char     *day,
                                             const char     *refund_description,
                                             GError        **error);
/* Array of AscendHabitSkip, like list_logs. */
GPtrArray *ascend_habit_store_list_skips    (AscendDatabase *db,
                                             gint64          user_id,
                                             gint64          habit_id,
                                             GError        **error);
/* Free (unpaid) skips of the habit in month "YYYY-MM", or -1 on error. */
gint64     ascend_habit_store_count_free_skips (AscendDatabase *db,
                                                gint64          habit_id,
                                                const char     *month,
                                                GError        **error);

/* Streak rewards */
typedef struct {
  gint64  id;
  gint64  habit_id;
  gint64  milestone;
  char   *streak_start;
  char   *streak_end;
  gint64  transaction_id;
} AscendStreakReward;

void       ascend_streak_reward_free        (AscendStreakReward *reward);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendStreakReward, ascend_streak_reward_free)

/* Rewards of one habit, oldest first. */
GPtrArray *ascend_habit_store_list_rewards  (AscendDatabase *db,
                                             gint64          habit_id,
                                             GError        **error);
/* Pays tokens (a bonus transaction) and records the reward, in one SQLite
 * transaction: both or neither. Returns the reward id or 0. */
gint64     ascend_habit_store_grant_reward  (AscendDatabase *db,
                                             gint64          habit_id,
                                             gint64          milestone,
                                             const char     *streak_start,
                                             const char     *streak_end,
                                             gint64          tokens,
                                             const char     *description,
                                             GError        **error);

/* Delete with undo: everything a habit owns, kept in memory. */
typedef struct _AscendHabitSnapshot AscendHabitSnapshot;

/* Deletes the habit (its logs, days, skips, rewards and archive mark go
 * with it) and returns what it was, for ascend_habit_store_restore. */
AscendHabitSnapshot *ascend_habit_store_delete  (AscendDatabase      *db,
                                                 gint64               habit_id,
                                                 GError             **error);
/* Puts the habit back exactly as it was, ids included. */
gboolean   ascend_habit_store_restore       (AscendDatabase      *db,
                                             AscendHabitSnapshot *snapshot,
                                             GError             **error);
gint64     ascend_habit_snapshot_get_habit_id (AscendHabitSnapshot *snapshot);
void       ascend_habit_snapshot_free       (AscendHabitSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendHabitSnapshot, ascend_habit_snapshot_free)

G_END_DECLS
