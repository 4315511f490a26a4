/* ascend-progress.h: XP, levels and ranks from what the user has done
 *
 * XP. Each thing done is worth a fixed amount (ASCEND_XP_* below), counted
 * from the rows themselves, so an undone habit log takes its XP back and
 * nothing can be counted twice: a habit log 10, a mood log 5, a journal
 * entry 15, a completed exercise 20, a completed milestone 25 and a goal
 * reaching 100 % 50.
 *
 * Levels. Reaching level L takes 50 * L * (L - 1) XP in all, so going from
 * L to L + 1 takes 100 * L: level 2 at 100 XP, 3 at 300, 5 at 1 000, 10 at
 * 4 500, 15 at 10 500, 20 at 19 000, 30 at 43 500. Early levels come in a
 * day or two; with three daily quests, a mood log and a journal entry a
 * day (about 50 XP) level 5 takes three weeks and level 20 about a year.
 *
 * Ranks follow levels: E 1-4, D 5-9, C 10-14, B 15-19, A 20-29, S from 30.
 */
#pragma once

#include "ascend-user-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64      xp;
  int         level;            /* from 1 */
  gint64      level_floor;      /* XP where this level starts */
  gint64      level_next;       /* XP where the next level starts */
  const char *rank;             /* "E" .. "S" */
  gint64      rank_floor;       /* XP where this rank starts */
  gint64      rank_next;        /* XP of the next rank, or -1 at S */
  int         rank_next_level;  /* the level that brings the next rank, or -1 */
} AscendProgress;

#define ASCEND_XP_HABIT_LOG      10
#define ASCEND_XP_MOOD_LOG        5
#define ASCEND_XP_JOURNAL_ENTRY  15
#define ASCEND_XP_EXERCISE       20
#define ASCEND_XP_MILESTONE      25
#define ASCEND_XP_GOAL           50

/* Total XP needed to reach level (1 needs 0). */
gint64   ascend_progress_xp_for_level (int             level);
int      ascend_progress_level_for_xp (gint64          xp);
/* "E" .. "S" for a level. */
const char *ascend_progress_rank_for_level (int        level);

void     ascend_progress_from_xp  (gint64          xp,
                                   AscendProgress *out);
gboolean ascend_progress_for_user (AscendDatabase *db,
                                   gint64          user_id,
                                   AscendProgress *out,
                                   GError        **error);
gint64   ascend_progress_xp_for   (const AscendActivityCounts *counts);
/* 0..1 through the current level. */
double   ascend_progress_fraction (const AscendProgress *progress);

G_END_DECLS
