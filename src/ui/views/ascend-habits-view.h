/* ascend-habits-view.h: the Habits section: today's quests, every habit,
 * the profile card, and one habit's detail */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"
#include "ascend-habits.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_HABITS_VIEW (ascend_habits_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendHabitsView, ascend_habits_view, ASCEND, HABITS_VIEW, AdwBin)

AscendHabitsView *ascend_habits_view_new     (AscendApplication *app);
void              ascend_habits_view_refresh (AscendHabitsView  *self);

/* The clock of the app: the system zone now and the day-start-hour
 * setting. Clear it with ascend_habit_clock_clear. */
void              ascend_habits_view_make_clock (AscendApplication *app,
                                                 AscendHabitClock  *clock);

G_END_DECLS
