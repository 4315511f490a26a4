/* ascend-support-view-private.h: what the Support view's files share */
#pragma once

#include "ascend-support-view.h"
#include "ascend-support-rules.h"

G_BEGIN_DECLS

struct _AscendSupportView
{
  AdwBin              parent_instance;

  AscendApplication  *app;

  GtkStack           *root_stack;
  GtkWidget          *pages_box;
  GtkWidget          *detail_page;
  GtkWidget          *page_switcher;
  AdwViewStack       *page_stack;
  AdwViewStackPage   *all_page;
  GtkLabel           *mine_summary;
  GtkWidget          *new_button;
  GtkWidget          *form_box;
  AdwEntryRow        *subject_row;
  AdwComboRow        *category_row;
  GtkTextView        *description_view;
  GtkWidget          *description_scroller;
  GtkLabel           *error_label;
  AdwStatusPage      *mine_empty;
  GtkListBox         *mine_list;
  GtkLabel           *all_summary;
  AdwComboRow        *filter_row;
  GtkLabel           *all_empty;
  GtkListBox         *all_list;
  GtkWidget          *back_button;
  GtkLabel           *detail_subject;
  GtkLabel           *detail_status;
  GtkLabel           *detail_meta;
  GtkLabel           *detail_description;
  GtkWidget          *detail_delete;
  GtkWidget          *detail_advance;

  gboolean            is_admin;
  gint64              detail_id;     /* the ticket on the detail page, or 0 */
  char               *detail_from;   /* "mine" or "all": where Back goes */
  gint64              focus_id;      /* the row to focus after the next rebuild */
  gboolean            focus_advance; /* ... its Start/Resolve button rather than the row */
};

#define TICKET_ID(widget) ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "ticket-id")))

static inline void
set_ticket_id (gpointer object,
               gint64   id)
{
  g_object_set_data (G_OBJECT (object), "ticket-id", GSIZE_TO_POINTER ((gsize) id));
}


typedef enum {
  ASCEND_SUPPORT_OP_ADVANCE,
  ASCEND_SUPPORT_OP_DELETE,
} AscendSupportOp;

/* ascend-support-view.c: runs op on ticket id once the event that asked
 * for it is over (it rebuilds the list, and so destroys the row). */
void       ascend_support_view_run_later   (AscendSupportView *self,
                                            gint64             id,
                                            AscendSupportOp    op);

/* ascend-support-view-rows.c */
char      *ascend_support_view_format_date (gint64             ms,
                                            gboolean           with_time);
void       ascend_support_view_set_pill    (GtkLabel          *label,
                                            const char        *status);
char      *ascend_support_view_summary     (GPtrArray         *entries);
/* Fills list with a row per AscendSupportTicketEntry (everyone: the admin's
 * list, with owners and Start/Resolve); returns the widget to focus for
 * self->focus_id, or NULL. */
GtkWidget *ascend_support_view_fill_list   (AscendSupportView *self,
                                            GtkListBox        *list,
                                            GPtrArray         *entries,
                                            gboolean           everyone);

G_END_DECLS
