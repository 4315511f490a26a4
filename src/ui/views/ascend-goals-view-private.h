/* ascend-goals-view-private.h: what the Goals view's files share
 *
 * ascend-goals-view.c holds the view, its actions and the rebuild;
 * ascend-goals-view-cards.c builds one goal's card, whose widgets call the
 * actions below.
 */
#pragma once

#include "ascend-goals-view.h"
#include "ascend-goal-editor.h"
#include "ascend-goal-store.h"

G_BEGIN_DECLS

struct _AscendGoalsView
{
  AdwBin             parent_instance;

  AscendApplication *app;
  gboolean           quiet;          /* our own change: others refresh, we rebuild */
  guint              rebuild_id;
  gint64             just_completed; /* the goal to celebrate on the next rebuild */
  char              *focus_key;      /* what had focus before a rebuild */
  double             scroll;         /* where the page was before a rebuild */

  GtkScrolledWindow *scroller;
  GtkLabel          *summary_label;
  GtkWidget         *new_button;
  AscendGoalEditor  *editor;
  GtkLabel          *empty_label;
  GtkBox            *goals_box;
};

/* ascend-goals-view-cards.c */
GtkWidget *ascend_goals_view_card            (AscendGoalsView   *self,
                                              AscendGoalDetails *details);
/* The bar, the percent and the due badge of a card, from the widget that
 * holds them (the card, or its slider). */
void       ascend_goals_view_update_progress (GtkWidget         *holder,
                                              gint64             progress,
                                              const char        *target_date);
void       ascend_goals_view_today           (GDate             *date);
/* Ids and focus keys ride on the widgets as object data. */
void       ascend_goals_view_set_id          (gpointer           object,
                                              const char        *key,
                                              gint64             id);
gint64     ascend_goals_view_get_id          (gpointer           object,
                                              const char        *key);
void       ascend_goals_view_set_focus_key   (GtkWidget         *widget,
                                              const char        *kind,
                                              gint64             id);

/* ascend-goals-view.c: what the cards' widgets do */
void       ascend_goals_view_milestone_toggled (GtkCheckButton  *check,
                                                AscendGoalsView *self);
void       ascend_goals_view_delete_milestone  (GtkButton       *button,
                                                AscendGoalsView *self);
void       ascend_goals_view_progress_changed  (GtkRange        *scale,
                                                AscendGoalsView *self);
void       ascend_goals_view_add_clicked       (GtkButton       *button,
                                                AscendGoalsView *self);
void       ascend_goals_view_add_activate      (GtkEntry        *entry,
                                                AscendGoalsView *self);
void       ascend_goals_view_edit_clicked      (GtkButton       *button,
                                                AscendGoalsView *self);
void       ascend_goals_view_delete_goal       (GtkButton       *button,
                                                AscendGoalsView *self);

G_END_DECLS
