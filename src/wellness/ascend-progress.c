#include "config.h"

#include <math.h>

#include "ascend-progress.h"
#include "ascend-user-store.h"

#define XP_PER_LEVEL_STEP 50
#define LEVEL_MAX 100000

static const struct { const char *rank; int level; } ranks[] = {
  { "E", 1 }, { "D", 5 }, { "C", 10 }, { "B", 15 }, { "A", 20 }, { "S", 30 },
};

gint64
ascend_progress_xp_for_level (int level)
{
  level = CLAMP (level, 1, LEVEL_MAX);
  return (gint64) XP_PER_LEVEL_STEP * level * (level - 1);
}

int
ascend_progress_level_for_xp (gint64 xp)
{
  int level;

  if (xp <= 0)
    return 1;
  /* The root of 50 L (L - 1) = xp, then made exact in integers. */
  level = (int) floor ((1.0 + sqrt (1.0 + 4.0 * (double) xp / XP_PER_LEVEL_STEP)) / 2.0);
  level = CLAMP (level, 1, LEVEL_MAX);
  while (level > 1 && ascend_progress_xp_for_level (level) > xp)
    level--;
  while (level < LEVEL_MAX && ascend_progress_xp_for_level (level + 1) <= xp)
    level++;
  return level;
}

static guint
rank_index (int level)
{
  guint i = 0;

  while (i + 1 < G_N_ELEMENTS (ranks) && level >= ranks[i + 1].level)
    i++;
  return i;
}

const char *
ascend_progress_rank_for_level (int level)
{
  return ranks[rank_index (level)].rank;
}

void
ascend_progress_from_xp (gint64          xp,
                         AscendProgress *out)
{
  guint r;

  g_return_if_fail (out != NULL);

  xp = MAX (xp, 0);
  out->xp = xp;
  out->level = ascend_progress_level_for_xp (xp);
  out->level_floor = ascend_progress_xp_for_level (out->level);
  out->level_next = ascend_progress_xp_for_level (out->level + 1);
  r = rank_index (out->level);
  out->rank = ranks[r].rank;
  out->rank_floor = ascend_progress_xp_for_level (ranks[r].level);
  out->rank_next_level = r + 1 < G_N_ELEMENTS (ranks) ? ranks[r + 1].level : -1;
  out->rank_next = out->rank_next_level > 0 ? ascend_progress_xp_for_level (out->rank_next_level) : -1;
}

double
ascend_progress_fraction (const AscendProgress *p)
{
  if (p->level_next <= p->level_floor)
    return 1.0;
  return (double) (p->xp - p->level_floor) / (double) (p->level_next - p->level_floor);
}

gint64
ascend_progress_xp_for (const AscendActivityCounts *c)
{
  return c->habit_logs * ASCEND_XP_HABIT_LOG
       + c->mood_logs * ASCEND_XP_MOOD_LOG
       + c->journal_entries * ASCEND_XP_JOURNAL_ENTRY
       + c->completed_exercises * ASCEND_XP_EXERCISE
       + c->completed_milestones * ASCEND_XP_MILESTONE
       + c->completed_goals * ASCEND_XP_GOAL;
}

gboolean
ascend_progress_for_user (AscendDatabase  *db,
                          gint64           user_id,
                          AscendProgress  *out,
                          GError         **error)
{
  AscendActivityCounts counts;

  if (!ascend_user_count_activity (db, user_id, &counts, error))
    return FALSE;
  ascend_progress_from_xp (ascend_progress_xp_for (&counts), out);
  return TRUE;
}
