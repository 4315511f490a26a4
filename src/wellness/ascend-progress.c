#include "config.h"

#include "ascend-progress.h"
#include "ascend-user-store.h"

static const struct { const char *rank; gint64 floor; } ranks[] = {
  { "E", 0 }, { "D", 100 }, { "C", 300 }, { "B", 700 }, { "A", 1500 }, { "S", 3000 },
};

void
ascend_progress_from_xp (gint64          xp,
                         AscendProgress *out)
{
  guint i = 0;

  g_return_if_fail (out != NULL);
  xp = MAX (xp, 0);
  while (i + 1 < G_N_ELEMENTS (ranks) && xp >= ranks[i + 1].floor)
    i++;
  out->xp = xp;
  out->rank = ranks[i].rank;
  out->rank_floor = ranks[i].floor;
  out->rank_next = i + 1 < G_N_ELEMENTS (ranks) ? ranks[i + 1].floor : -1;
}

double
ascend_progress_fraction (const AscendProgress *p)
{
  if (p->rank_next < 0)
    return 1.0;
  return (double) (p->xp - p->rank_floor) / (double) (p->rank_next - p->rank_floor);
}

gint64
ascend_progress_xp_for (const AscendActivityCounts *c)
{
  return c->habit_logs * ASCEND_XP_HABIT_LOG
       + c->mood_logs * ASCEND_XP_MOOD_LOG
       + c->journal_entries * ASCEND_XP_JOURNAL_ENTRY
       + c->completed_exercises * ASCEND_XP_EXERCISE
       + c->completed_milestones * ASCEND_XP_MILESTONE;
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
