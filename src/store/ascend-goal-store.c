/* ascend-goal-store.c: goals with their milestones */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ascend-goal-store.h"
#include "ascend-goal-rules.h"

void
ascend_goal_details_free (AscendGoalDetails *details)
{
  if (details == NULL)
    return;
  g_clear_pointer (&details->goal, ascend_goal_free);
  g_clear_pointer (&details->milestones, g_ptr_array_unref);
  g_free (details);
}

static AscendGoalDetails *
details_for (AscendDatabase  *db,
             AscendGoal      *goal,
             GError         **error)
{
  g_autoptr(AscendGoalDetails) details = g_new0 (AscendGoalDetails, 1);

  details->goal = goal;
  details->milestones = ascend_milestone_list (db, goal->id, 0, 0, error);
  if (details->milestones == NULL)
    return NULL;
  for (guint i = 0; i < details->milestones->len; i++)
    if (((AscendMilestone *) g_ptr_array_index (details->milestones, i))->is_completed)
      details->completed++;
  return g_steal_pointer (&details);
}

static gint
compare_details (gconstpointer a,
                 gconstpointer b)
{
  const AscendGoalDetails *da = *(AscendGoalDetails * const *) a;
  const AscendGoalDetails *db = *(AscendGoalDetails * const *) b;
  return ascend_goal_compare (&da->goal, &db->goal);
}

GPtrArray *
ascend_goal_store_list (AscendDatabase  *db,
                        gint64           user_id,
                        GError         **error)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  goals = ascend_goal_list (db, user_id, 0, 0, error);
  if (goals == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_goal_details_free);
  for (guint i = 0; i < goals->len; i++)
    {
      AscendGoalDetails *details = details_for (db, g_ptr_array_index (goals, i), error);
      goals->pdata[i] = NULL;
      if (details == NULL)
        return NULL;
      g_ptr_array_add (out, details);
    }
  g_ptr_array_sort (out, compare_details);
  return g_steal_pointer (&out);
}

AscendGoalDetails *
ascend_goal_store_get (AscendDatabase  *db,
                       gint64           goal_id,
                       GError         **error)
{
  AscendGoal *goal;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  goal = ascend_goal_get (db, goal_id, error);
  if (goal == NULL)
    return NULL;
  return details_for (db, goal, error);
}

static gboolean
count_milestones (AscendDatabase  *db,
                  gint64           goal_id,
                  guint           *completed,
                  guint           *total,
                  GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
    "SELECT count(*), coalesce (sum (isCompleted), 0) FROM milestones WHERE goalId = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, goal_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *total = (guint) sqlite3_column_int64 (stmt, 0);
      *completed = (guint) sqlite3_column_int64 (stmt, 1);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

/* Inside a transaction: progress from the milestones; before and after
 * the change. */
static gboolean
sync_progress (AscendDatabase  *db,
               gint64           goal_id,
               gint64          *before,
               gint64          *after,
               GError         **error)
{
  g_autoptr(AscendGoal) goal = ascend_goal_get (db, goal_id, error);
  guint completed = 0, total = 0;

  if (goal == NULL || !count_milestones (db, goal_id, &completed, &total, error))
    return FALSE;
  *before = goal->progress;
  *after = ascend_goal_progress_from_milestones (completed, total, goal->progress);
  if (*after == *before)
    return TRUE;
  goal->progress = *after;
  return ascend_goal_update (db, goal, error);
}

gint64
ascend_goal_store_sync_progress (AscendDatabase  *db,
                                 gint64           goal_id,
                                 GError         **error)
{
  gint64 before = 0, after = -1;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), -1);

  if (!ascend_database_begin (db, error))
    return -1;
  if (!sync_progress (db, goal_id, &before, &after, error))
    {
      ascend_database_rollback (db);
      return -1;
    }
  if (!ascend_database_commit (db, error))
    return -1;
  return after;
}

gboolean
ascend_goal_store_set_progress (AscendDatabase  *db,
                                gint64           goal_id,
                                gint64           progress,
                                GError         **error)
{
  g_autoptr(AscendGoal) goal = NULL;
  guint completed = 0, total = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!count_milestones (db, goal_id, &completed, &total, error))
    return FALSE;
  if (total > 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("This goal's progress follows its milestones"));
      return FALSE;
    }
  goal = ascend_goal_get (db, goal_id, error);
  if (goal == NULL)
    return FALSE;
  goal->progress = progress;
  return ascend_goal_update (db, goal, error);
}

/* Runs change, then brings the goal's progress up to date, in one
 * transaction. */
static gboolean
change_then_sync (AscendDatabase  *db,
                  gint64           goal_id,
                  gboolean       (*change) (AscendDatabase *db, gpointer data, GError **error),
                  gpointer         data,
                  gboolean        *goal_completed,
                  GError         **error)
{
  gint64 before = 0, after = 0;

  if (goal_completed)
    *goal_completed = FALSE;
  if (!ascend_database_begin (db, error))
    return FALSE;
  if (!change (db, data, error) || !sync_progress (db, goal_id, &before, &after, error))
    {
      ascend_database_rollback (db);
      return FALSE;
    }
  if (!ascend_database_commit (db, error))
    return FALSE;
  if (goal_completed)
    *goal_completed = before < ASCEND_GOAL_PROGRESS_DONE && after >= ASCEND_GOAL_PROGRESS_DONE;
  return TRUE;
}

static gboolean
insert_milestone (AscendDatabase  *db,
                  gpointer         data,
                  GError         **error)
{
  return ascend_milestone_insert (db, data, error) > 0;
}

gint64
ascend_goal_store_add_milestone (AscendDatabase  *db,
                                 gint64           goal_id,
                                 const char      *title,
                                 GError         **error)
{
  g_autoptr(AscendMilestone) milestone = ascend_milestone_new ();

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);

  milestone->goal_id = goal_id;
  milestone->title = g_strdup (title);
  if (!change_then_sync (db, goal_id, insert_milestone, milestone, NULL, error))
    return 0;
  return milestone->id;
}

gboolean
ascend_goal_store_rename_milestone (AscendDatabase  *db,
                                    gint64           milestone_id,
                                    const char      *title,
                                    GError         **error)
{
  g_autoptr(AscendMilestone) milestone = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  milestone = ascend_milestone_get (db, milestone_id, error);
  if (milestone == NULL)
    return FALSE;
  g_free (milestone->title);
  milestone->title = g_strdup (title);
  return ascend_milestone_update (db, milestone, error);
}

static gboolean
update_milestone (AscendDatabase  *db,
                  gpointer         data,
                  GError         **error)
{
  return ascend_milestone_update (db, data, error);
}

gboolean
ascend_goal_store_set_milestone_done (AscendDatabase  *db,
                                      gint64           milestone_id,
                                      gboolean         done,
                                      gboolean        *goal_completed,
                                      GError         **error)
{
  g_autoptr(AscendMilestone) milestone = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (goal_completed)
    *goal_completed = FALSE;
  milestone = ascend_milestone_get (db, milestone_id, error);
  if (milestone == NULL)
    return FALSE;
  if (milestone->is_completed == done)
    return TRUE;
  milestone->is_completed = done;
  milestone->completed_at = done ? ascend_now_ms () : 0;
  return change_then_sync (db, milestone->goal_id, update_milestone, milestone, goal_completed, error);
}

static gboolean
delete_milestone (AscendDatabase  *db,
                  gpointer         data,
                  GError         **error)
{
  return ascend_milestone_delete (db, ((AscendMilestone *) data)->id, error);
}

gboolean
ascend_goal_store_delete_milestone (AscendDatabase  *db,
                                    gint64           milestone_id,
                                    GError         **error)
{
  g_autoptr(AscendMilestone) milestone = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  milestone = ascend_milestone_get (db, milestone_id, error);
  if (milestone == NULL)
    return FALSE;
  return change_then_sync (db, milestone->goal_id, delete_milestone, milestone, NULL, error);
}

AscendGoalDetails *
ascend_goal_store_delete (AscendDatabase  *db,
                          gint64           goal_id,
                          GError         **error)
{
  g_autoptr(AscendGoalDetails) details = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  details = ascend_goal_store_get (db, goal_id, error);
  /* Milestones go with the goal (ON DELETE CASCADE). */
  if (details == NULL || !ascend_goal_delete (db, goal_id, error))
    return NULL;
  return g_steal_pointer (&details);
}

gboolean
ascend_goal_store_restore (AscendDatabase     *db,
                           AscendGoalDetails  *details,
                           GError            **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (details != NULL && details->goal != NULL, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if (ascend_goal_insert (db, details->goal, error) == 0)
    {
      ascend_database_rollback (db);
      return FALSE;
    }
  for (guint i = 0; i < details->milestones->len; i++)
    if (ascend_milestone_insert (db, g_ptr_array_index (details->milestones, i), error) == 0)
      {
        ascend_database_rollback (db);
        return FALSE;
      }
  return ascend_database_commit (db, error);
}
