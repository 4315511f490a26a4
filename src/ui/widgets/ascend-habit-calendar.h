/* ascend-habit-calendar.h: a month of one habit as a heat map
 *
 * Seven columns from Monday; each day coloured by what happened (done,
 * done in its week or month, skipped, missed, still open), today ringed.
 * One day is selected: arrow keys, Home/End and Page Up/Down move it, a
 * click picks it. The widget only draws and selects; its owner says what
 * each day of the shown month was (ascend_habit_calendar_set_month) and
 * follows "selected-changed" to show another month when needed.
 */
#pragma once

#include <gtk/gtk.h>
#include "ascend-habit-rules.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_HABIT_CALENDAR (ascend_habit_calendar_get_type ())
G_DECLARE_FINAL_TYPE (AscendHabitCalendar, ascend_habit_calendar, ASCEND, HABIT_CALENDAR, GtkWidget)

GtkWidget *ascend_habit_calendar_new          (void);
/* The month holding first_day; states has one entry per day of it. */
void       ascend_habit_calendar_set_month    (AscendHabitCalendar  *self,
                                               AscendDay             first_day,
                                               const AscendDayState *states,
                                               guint                 n_states,
                                               AscendDay             today);
void       ascend_habit_calendar_select       (AscendHabitCalendar  *self,
                                               AscendDay             day);
AscendDay  ascend_habit_calendar_get_selected (AscendHabitCalendar  *self);

G_END_DECLS
