/* ascend-goal-store.h: goals with their milestones
 *
 * goals.progress follows the milestones whenever they change: the share of
 * them done (ascend_goal_progress_from_milestones), written in the same
 * transaction as the milestone. A goal without milestones keeps the
 * progress set with ascend_goal_store_set_progress.
 */
#pragma once

#include "ascend-wellness-store.h"

G_BEGIN_DECLS

typedef struct {
  AscendGoal *goal;
  GPtrArray  *milestones;  /* AscendMilestone, in the order they were added */
  guint       completed;   /* how many of them are done */
} AscendGoalDetails;

void       ascend_goal_details_free (AscendGoalDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendGoalDetails, ascend_goal_details_free)

/* The user's goals with their milestones, by target date (soonest first,
 * none last), then by creation. Array of AscendGoalDetails. */
GPtrArray         *ascend_goal_store_list      (AscendDatabase  *db,
                                                gint64           user_id,
                                                GError         **error);
AscendGoalDetails *ascend_goal_store_get       (AscendDatabase  *db,
                                                gint64           goal_id,
                                                GError         **error);

/* Sets a goal's progress by hand; refused (ASCEND_STORE_ERROR_INVALID)
 * while the goal has milestones, whose share done is its progress. */
gboolean   ascend_goal_store_set_progress      (AscendDatabase  *db,
                                                gint64           goal_id,
                                                gint64           progress,
                                                GError         **error);
/* Adds a milestone (not done) and updates the goal's progress. Returns its
 * id or 0. */
gint64     ascend_goal_store_add_milestone     (AscendDatabase  *db,
                                                gint64           goal_id,
                                                const char      *title,
                                                GError         **error);
gboolean   ascend_goal_store_rename_milestone  (AscendDatabase  *db,
                                                gint64           milestone_id,
                                                const char      *title,
                                                GError         **error);
/* Marks a milestone done (completedAt now) or not, and updates the goal's
 * progress. goal_completed (may be NULL) is set to TRUE when this made the
 * goal reach 100. */
gboolean   ascend_goal_store_set_milestone_done (AscendDatabase *db,
                                                 gint64          milestone_id,
                                                 gboolean        done,
                                                 gboolean       *goal_completed,
                                                 GError        **error);
gboolean   ascend_goal_store_delete_milestone  (AscendDatabase  *db,
                                                gint64           milestone_id,
                                                GError         **error);
/* Recomputes the progress of a goal from its milestones (a goal without
 * any keeps its own). Returns the progress, or -1 on error. */
gint64     ascend_goal_store_sync_progress     (AscendDatabase  *db,
                                                gint64           goal_id,
                                                GError         **error);

/* Deletes a goal and its milestones, returning what is needed to put them
 * back (ascend_goal_store_restore, for undo), or NULL on error. */
AscendGoalDetails *ascend_goal_store_delete    (AscendDatabase  *db,
                                                gint64           goal_id,
                                                GError         **error);
/* Writes a deleted goal and its milestones back with their ids. */
gboolean   ascend_goal_store_restore           (AscendDatabase    *db,
                                                AscendGoalDetails *details,
                                                GError           **error);

G_END_DECLS
