#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_HABIT_DIALOG (ascend_habit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AscendHabitDialog, ascend_habit_dialog, ASCEND, HABIT_DIALOG, AdwWindow)

/* Adds a habit (habit_id 0) or edits habit_id of the current profile.
 * Emits "saved" (gint64 id, gboolean added) once the store has it, then
 * closes. */
AscendHabitDialog *ascend_habit_dialog_new (AscendApplication *app,
                                            GtkWindow         *parent,
                                            gint64             habit_id);

G_END_DECLS
