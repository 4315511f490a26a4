/* ascend-habits-view-private.h: what the Habits view shares with its rows */
#pragma once

#include "ascend-habits-view.h"
#include "ascend-habit-detail.h"
#include "ascend-profile-card.h"

G_BEGIN_DECLS

struct _AscendHabitsView
{
  AdwBin               parent_instance;

  AscendApplication   *app;

  GtkStack            *stack;
  AscendProfileCard   *profile_card;
  AscendProfileCard   *empty_profile_card;
  GtkWidget           *empty_add_button;
  GtkWidget           *add_button;
  GtkListBox          *quest_list;
  GtkLabel            *quests_done_label;
  AdwPreferencesGroup *habits_group;
  GtkListBox          *habit_list;
  AdwPreferencesGroup *archived_group;
  GtkListBox          *archived_list;
  AscendHabitDetail   *detail;

  guint                rollover_id;
  guint                changed_id;
  gint64               focus_habit;   /* whose row gets the focus after a rebuild */
  gboolean             building;
};

#define HABIT_ID(widget) ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "habit-id")))

void       ascend_habits_view_set_habit_id (gpointer                 object,
                                            gint64                   id);
AscendDay  ascend_habits_view_today        (AscendHabitsView        *self);
GtkWidget *ascend_habits_view_quest_row    (AscendHabitsView        *self,
                                            const AscendHabitStatus *s);
GtkWidget *ascend_habits_view_habit_row    (AscendHabitsView        *self,
                                            const AscendHabitStatus *s);

G_END_DECLS
