/* ascend-progress.h: XP and ranks from what the user has done
 *
 * Provisional rules until the habits issue defines XP for quests: every
 * logged action is worth a fixed amount, ranks are XP thresholds.
 */
#pragma once

#include "ascend-user-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64      xp;
  const char *rank;        /* "E" .. "S" */
  gint64      rank_floor;  /* XP where this rank starts */
  gint64      rank_next;   /* XP of the next rank, or -1 at S */
} AscendProgress;

#define ASCEND_XP_HABIT_LOG      10
#define ASCEND_XP_MOOD_LOG        5
#define ASCEND_XP_JOURNAL_ENTRY  15
#define ASCEND_XP_EXERCISE       20
#define ASCEND_XP_MILESTONE      25

void     ascend_progress_from_xp  (gint64          xp,
                                   AscendProgress *out);
gboolean ascend_progress_for_user (AscendDatabase *db,
                                   gint64          user_id,
                                   AscendProgress *out,
                                   GError        **error);
gint64   ascend_progress_xp_for   (const AscendActivityCounts *counts);
/* 0..1 through the current rank. */
double   ascend_progress_fraction (const AscendProgress *progress);

G_END_DECLS
