/* ascend-breathe-view-private.h: what the Breathe view's two files share
 *
 * ascend-breathe-view.c: the exercises, history, what works, the page
 * before a session, the type. ascend-breathe-view-session.c: the session
 * (clock, orb, words, live heart, checkpoints) and the page after it.
 */
#pragma once

#include "ascend-breathe-view.h"
#include "ascend-breathe-session.h"
#include "ascend-breathing-orb.h"
#include "ascend-mascot.h"
#include "ascend-monitor.h"

G_BEGIN_DECLS

struct _AscendBreatheView
{
  AdwBin             parent_instance;

  AscendApplication *app;
  AscendMonitor     *monitor;   /* owned by the application */
  gulong             live_id;
  gulong             shutdown_id;

  /* picker */
  GtkStack          *page_stack;
  AscendMascot      *mascot;
  GtkFlowBox        *exercises_box;
  GtkLabel          *effects_hint;
  GtkListBox        *effects_list;
  GtkWidget         *history_empty;
  GtkListBox        *history_list;
  /* prepare */
  GtkWidget         *back_button;
  GtkLabel          *prepare_title;
  GtkLabel          *prepare_summary;
  GtkLabel          *prepare_meta;
  GtkWidget         *trigger_hint;
  GtkWidget         *pace_box;
  GtkBox            *pace_buttons;
  GtkFlowBox        *mood_before_box;
  GtkLabel          *mood_before_label;
  GtkWidget         *start_button;
  /* session */
  GtkLabel          *session_title;
  GtkLabel          *step_label;
  AscendBreathingOrb *orb;
  GtkLabel          *words_label;
  GtkLabel          *detail_label;
  GtkWidget         *vitals_box;
  GtkLabel          *live_hr_label;
  GtkLabel          *live_hrv_label;
  GtkWidget         *pause_button;
  AdwButtonContent  *pause_content;
  GtkWidget         *next_button;
  /* summary */
  AscendMascot      *summary_mascot;
  GtkLabel          *summary_title;
  GtkLabel          *summary_text;
  GtkListBox        *summary_vitals;
  GtkFlowBox        *mood_after_box;
  GtkLabel          *mood_after_label;
  GtkWidget         *save_button;

  /* the session on its way */
  const AscendExerciseScript *script;
  AscendBreatheSession *session;
  gint64             row_id;        /* its exerciseSessions row, 0 before it starts */
  gboolean           adopted;       /* the row came from app.breathe-now */
  gboolean           demo;          /* ASCEND_BREATHE_DEMO: nothing is written */
  gint64             mood_before;
  gint64             mood_after;
  double             speed;
  gint64             origin_us;
  guint              tick_id;
  guint              timer_id;
  gint64             checkpoint_us;
  char              *shown_words;
  guint              shown_step;
  int                shown_state;

  /* live heart: at the start, now */
  double             hr_start;
  double             hrv_start;
  double             hr_now;
  double             hrv_now;
};

/* ascend-breathe-view.c */
void            _ascend_breathe_view_toast            (AscendBreatheView *self,
                                                       const char        *message);
AscendDatabase *_ascend_breathe_view_database         (AscendBreatheView *self);
gint64          _ascend_breathe_wall_ms               (void);
/* Marks a row as this process's: app.breathe-now's rows are offered once. */
void            _ascend_breathe_view_claim            (gint64             id);
void            _ascend_breathe_view_reset_mood_scale (GtkFlowBox        *box);

/* ascend-breathe-view-session.c */
void            _ascend_breathe_view_begin_session    (AscendBreatheView *self,
                                                       gint64             mood);
void            _ascend_breathe_view_update           (AscendBreatheView *self);
void            _ascend_breathe_view_stop             (AscendBreatheView *self);
/* The view goes (window closed, app quits): a session on its way is
 * recorded as abandoned. */
void            _ascend_breathe_view_abandon          (AscendBreatheView *self);
void            _ascend_breathe_view_live_cb          (AscendMonitor         *monitor,
                                                       const AscendLiveState *live,
                                                       AscendBreatheView     *self);
void            _ascend_breathe_view_bind_session     (GtkWidgetClass    *widget_class);

G_END_DECLS
