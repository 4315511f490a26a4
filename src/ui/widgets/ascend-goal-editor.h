/* ascend-goal-editor.h: the form that adds or edits a goal */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_GOAL_EDITOR (ascend_goal_editor_get_type ())
G_DECLARE_FINAL_TYPE (AscendGoalEditor, ascend_goal_editor, ASCEND, GOAL_EDITOR, GtkBox)

void     ascend_goal_editor_set_app (AscendGoalEditor  *self,
                                     AscendApplication *app);
/* Opens the form empty (goal_id 0) or on a goal. */
gboolean ascend_goal_editor_open    (AscendGoalEditor  *self,
                                     gint64             goal_id,
                                     GError           **error);
void     ascend_goal_editor_close   (AscendGoalEditor  *self);
gint64   ascend_goal_editor_get_goal_id (AscendGoalEditor *self);
/* Checks every field (saying what is wrong next to it, keeping what was
 * typed), then writes the goal. Emits "saved" (gint64 goal_id, gboolean
 * is_new, gboolean completed_now). */
gboolean ascend_goal_editor_save    (AscendGoalEditor  *self);

G_END_DECLS
