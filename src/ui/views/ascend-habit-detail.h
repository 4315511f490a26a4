/* ascend-habit-detail.h: one habit: streaks, rates, commitment, its month
 *
 * Presentation only: every change (log or unlog a day, skip, note, edit,
 * archive, delete, back) is asked of the Habits view through its "habits."
 * actions, so toasts, undo and errors live in one place.
 */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_HABIT_DETAIL (ascend_habit_detail_get_type ())
G_DECLARE_FINAL_TYPE (AscendHabitDetail, ascend_habit_detail, ASCEND, HABIT_DETAIL, AdwBin)

/* Shows habit_id, today selected. */
void    ascend_habit_detail_show         (AscendHabitDetail *self,
                                          AscendApplication *app,
                                          gint64             habit_id);
/* Reads the habit again, keeping the selected day. FALSE when it is gone. */
gboolean ascend_habit_detail_refresh     (AscendHabitDetail *self);
gint64  ascend_habit_detail_get_habit_id (AscendHabitDetail *self);

G_END_DECLS
