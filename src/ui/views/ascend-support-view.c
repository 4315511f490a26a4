/* ascend-support-view.c: the Support section: tickets to the help desk
 *
 * "My Tickets" holds the form (subject, category, description: refused
 * inline with the field marked and nothing lost) and the profile's own
 * tickets, newest first, each opening a page with the whole description
 * (and Delete, with an Undo that brings back the same ticket). An admin
 * profile also gets "All Tickets": every profile's tickets with the
 * owner's name, a status filter, and Start / Resolve buttons that move a
 * ticket one step forward, each with an Undo toast. The rules live in
 * ascend-support-rules.c; this view only asks them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-support-view-private.h"
#include "ascend-support-rules.h"
#include "ascend-user-store.h"
#include "ascend-view-util.h"

G_DEFINE_FINAL_TYPE (AscendSupportView, ascend_support_view, ADW_TYPE_BIN)

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The filter's entries, in the order of filter_row. */
static const char *const filter_statuses[] = { NULL, ASCEND_SUPPORT_STATUS_OPEN,
                                               ASCEND_SUPPORT_STATUS_IN_PROGRESS,
                                               ASCEND_SUPPORT_STATUS_RESOLVED };

static AscendDatabase *
database (AscendSupportView *self)
{
  return ascend_application_get_database (self->app);
}

static gint64
user_id (AscendSupportView *self)
{
  return ascend_application_get_user_id (self->app);
}

/* The page not shown is hidden, not just covered, so a screen reader
 * does not wander into it. */
static void
show_root (AscendSupportView *self,
           gboolean           detail)
{
  GtkWidget *show = detail ? self->detail_page : self->pages_box;
  GtkWidget *hide = detail ? self->pages_box : self->detail_page;

  gtk_widget_set_visible (show, TRUE);
  gtk_stack_set_visible_child (self->root_stack, show);
  gtk_widget_set_visible (hide, FALSE);
}

static gboolean
showing_detail (AscendSupportView *self)
{
  return gtk_stack_get_visible_child (self->root_stack) == self->detail_page;
}

/* ------------------------------------------------------------------- form */

static const char *
selected_category (AscendSupportView *self)
{
  guint n, selected = adw_combo_row_get_selected (self->category_row);
  const AscendSupportCategory *categories = ascend_support_categories (&n);

  /* Entry 0 is "Choose a category". */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > n)
    return NULL;
  return categories[selected - 1].id;
}

static char *
description_text (AscendSupportView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A field at fault: outlined, and telling a screen reader why. */
static void
mark_field (GtkWidget  *widget,
            const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
clear_errors (AscendSupportView *self)
{
  mark_field (GTK_WIDGET (self->subject_row), NULL);
  mark_field (GTK_WIDGET (self->category_row), NULL);
  mark_field (self->description_scroller, NULL);
  mark_field (GTK_WIDGET (self->description_view), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (AscendSupportView  *self,
            AscendSupportField  field,
            const char         *message)
{
  clear_errors (self);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  switch (field)
    {
    case ASCEND_SUPPORT_FIELD_SUBJECT:
      mark_field (GTK_WIDGET (self->subject_row), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
      break;
    case ASCEND_SUPPORT_FIELD_DESCRIPTION:
      mark_field (self->description_scroller, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->description_scroller), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      mark_field (GTK_WIDGET (self->description_view), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->description_view));
      break;
    case ASCEND_SUPPORT_FIELD_CATEGORY:
      mark_field (GTK_WIDGET (self->category_row), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->category_row));
      break;
    case ASCEND_SUPPORT_FIELD_NONE:
    default:
      break;
    }
  /* A screen reader hears the problem, not just a red outline. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  message, -1);
}

static void
field_changed_cb (AscendSupportView *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    clear_errors (self);
}

static void
open_form (AscendSupportView *self)
{
  show_root (self, FALSE);
  adw_view_stack_set_visible_child_name (self->page_stack, "mine");
  gtk_widget_set_visible (self->form_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_empty), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_form (ASCEND_SUPPORT_VIEW (widget));
}

/* Ctrl+N works as soon as the section shows, with the focus still in the
 * sidebar; while another section shows it is left to that one. */
static gboolean
new_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  AscendSupportView *self = ASCEND_SUPPORT_VIEW (user_data);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  open_form (self);
  return TRUE;
}

static void
cancel_clicked_cb (AscendSupportView *self)
{
  /* What was typed stays: New Ticket brings it back. */
  clear_errors (self);
  gtk_widget_set_visible (self->form_box, FALSE);
  ascend_support_view_refresh (self);
  gtk_widget_grab_focus (self->new_button);
}

static void
send_clicked_cb (AscendSupportView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = description_text (self);
  AscendSupportField field = ASCEND_SUPPORT_FIELD_NONE;
  gint64 id;

  id = ascend_support_ticket_create (database (self), user_id (self),
                                     gtk_editable_get_text (GTK_EDITABLE (self->subject_row)),
                                     description, selected_category (self), &field, &error);
  if (id == 0)
    {
      show_error (self, field, error->message);
      return;
    }

  clear_errors (self);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), "", -1);
  adw_combo_row_set_selected (self->category_row, 0);
  gtk_widget_set_visible (self->form_box, FALSE);
  self->focus_id = id;
  self->focus_advance = FALSE;
  ascend_application_data_changed (self->app);
  ascend_view_show_message (GTK_WIDGET (self), _("Ticket sent. You can follow it in My Tickets."));
}

static void
subject_activated_cb (AscendSupportView *self)
{
  /* Enter in the subject moves on to the description, not straight to Send. */
  gtk_widget_grab_focus (GTK_WIDGET (self->description_view));
}

/* ------------------------------------------------------------ status, undo */

typedef struct {
  GWeakRef           view;
  AscendApplication *app;
  gint64             actor;
  gint64             id;
  char              *current;
  char              *previous;
  AscendSupportTicket *deleted;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->view);
  g_object_unref (undo->app);
  g_free (undo->current);
  g_free (undo->previous);
  g_clear_pointer (&undo->deleted, ascend_support_ticket_free);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(AscendSupportView) self = g_weak_ref_get (&undo->view);
  g_autoptr(GError) error = NULL;
  AscendDatabase *db = ascend_application_get_database (undo->app);
  gboolean ok;

  if (undo->deleted != NULL)
    ok = ascend_support_ticket_restore (db, undo->deleted, &error);
  else
    ok = ascend_support_ticket_undo_status (db, undo->actor, undo->id, undo->current, undo->previous, &error);
  if (!ok)
    {
      if (self != NULL)
        ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  if (self != NULL)
    {
      self->focus_id = undo->id;
      self->focus_advance = undo->deleted == NULL;
    }
  ascend_application_data_changed (undo->app);
}

static Undo *
undo_new (AscendSupportView *self,
          gint64             id)
{
  Undo *undo = g_new0 (Undo, 1);

  g_weak_ref_init (&undo->view, self);
  undo->app = g_object_ref (self->app);
  undo->actor = user_id (self);
  undo->id = id;
  return undo;
}

static void
add_undo_toast (AscendSupportView *self,
                const char        *title,
                Undo              *undo)
{
  AdwToast *toast = adw_toast_new (title);

  ascend_view_add_undo_toast (GTK_WIDGET (self), toast, G_CALLBACK (undo_clicked_cb), undo, undo_free);
}

static void
advance_ticket (AscendSupportView *self,
                gint64             id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendSupportTicket) ticket = ascend_support_ticket_get (database (self), id, NULL);
  g_autofree char *previous = NULL;
  g_autofree char *title = NULL;
  const char *next;
  Undo *undo;

  if (ticket == NULL)
    {
      ascend_view_show_message (GTK_WIDGET (self), _("That ticket is no longer there"));
      ascend_support_view_refresh (self);
      return;
    }
  next = ascend_support_status_next (ticket->status);
  if (next == NULL
      || !ascend_support_ticket_advance (database (self), user_id (self), id, next, &previous, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error ? error->message : _("This ticket is already resolved"));
      ascend_support_view_refresh (self);
      return;
    }

  undo = undo_new (self, id);
  undo->current = g_strdup (next);
  undo->previous = g_steal_pointer (&previous);
  /* TRANSLATORS: a ticket's subject, then its new status ("In progress") */
  title = g_strdup_printf (_("“%s” is now %s"), ticket->subject, ascend_support_status_label (next));
  self->focus_id = id;
  self->focus_advance = TRUE;
  ascend_application_data_changed (self->app);
  add_undo_toast (self, title, undo);
}

static void
show_list (AscendSupportView *self,
           const char        *page)
{
  self->detail_id = 0;
  show_root (self, FALSE);
  /* Nothing of a closed ticket stays behind for a screen reader to find. */
  gtk_label_set_text (self->detail_subject, "");
  gtk_label_set_text (self->detail_meta, "");
  gtk_label_set_text (self->detail_description, "");
  adw_view_stack_set_visible_child_name (self->page_stack, page);
}

static void
delete_ticket (AscendSupportView *self,
               gint64             id)
{
  g_autoptr(GError) error = NULL;
  AscendSupportTicket *deleted;
  Undo *undo;

  deleted = ascend_support_ticket_delete_own (database (self), user_id (self), id, &error);
  if (deleted == NULL)
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  undo = undo_new (self, id);
  undo->deleted = deleted;
  if (self->detail_id == id)
    show_list (self, self->detail_from ? self->detail_from : "mine");
  self->focus_id = 0;
  ascend_application_data_changed (self->app);
  add_undo_toast (self, _("Ticket deleted"), undo);
}

typedef struct {
  GWeakRef view;
  gint64   id;
  AscendSupportOp op;
} PendingOp;

static gboolean
run_pending_op (gpointer data)
{
  PendingOp *pending = data;
  g_autoptr(AscendSupportView) self = g_weak_ref_get (&pending->view);

  if (self != NULL)
    {
      if (pending->op == ASCEND_SUPPORT_OP_ADVANCE)
        advance_ticket (self, pending->id);
      else
        delete_ticket (self, pending->id);
    }
  g_weak_ref_clear (&pending->view);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

/* The operation rebuilds the list and so destroys the widget whose event is
 * being handled: run it once that is over. */
void
ascend_support_view_run_later (AscendSupportView *self,
                               gint64             id,
                               AscendSupportOp    op)
{
  PendingOp *pending = g_new0 (PendingOp, 1);

  g_weak_ref_init (&pending->view, self);
  pending->id = id;
  pending->op = op;
  g_idle_add (run_pending_op, pending);
}

static void
detail_advance_clicked_cb (AscendSupportView *self)
{
  ascend_support_view_run_later (self, self->detail_id, ASCEND_SUPPORT_OP_ADVANCE);
}

static void
detail_delete_clicked_cb (AscendSupportView *self)
{
  ascend_support_view_run_later (self, self->detail_id, ASCEND_SUPPORT_OP_DELETE);
}

/* ------------------------------------------------------------------ detail */

static void
fill_detail (AscendSupportView *self)
{
  g_autoptr(AscendSupportTicket) t = ascend_support_ticket_get (database (self), self->detail_id, NULL);
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  const char *action;
  gboolean own;

  if (t == NULL)
    {
      show_list (self, self->detail_from ? self->detail_from : "mine");
      return;
    }
  own = t->user_id == user_id (self);
  when = ascend_support_view_format_date (t->created_at, TRUE);
  if (own)
    /* TRANSLATORS: category · date */
    meta = g_strdup_printf (_("%s · %s"), ascend_support_category_label (t->category), when);
  else
    {
      g_autoptr(AscendUser) owner = ascend_user_get (database (self), t->user_id, NULL);
      /* TRANSLATORS: who wrote it · category · date */
      meta = g_strdup_printf (_("From %s · %s · %s"), owner && owner->name ? owner->name : _("a profile"),
                              ascend_support_category_label (t->category), when);
    }
  gtk_label_set_text (self->detail_subject, t->subject);
  ascend_support_view_set_pill (self->detail_status, t->status);
  gtk_label_set_text (self->detail_meta, meta);
  gtk_label_set_text (self->detail_description, t->description ? t->description : "");
  gtk_widget_set_visible (self->detail_delete, own);

  action = self->is_admin ? ascend_support_status_action (t->status) : NULL;
  gtk_widget_set_visible (self->detail_advance, action != NULL);
  if (action != NULL)
    {
      g_autofree char *accessible = g_strdup_printf (_("%s “%s”"), action, t->subject);
      gtk_button_set_label (GTK_BUTTON (self->detail_advance), action);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->detail_advance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }
}

static void
open_detail (AscendSupportView *self,
             gint64             id,
             const char        *from)
{
  self->detail_id = id;
  g_free (self->detail_from);
  self->detail_from = g_strdup (from);
  fill_detail (self);
  if (self->detail_id != 0)
    {
      show_root (self, TRUE);
      gtk_widget_grab_focus (self->back_button);
    }
}

static void
back_clicked_cb (AscendSupportView *self)
{
  gint64 id = self->detail_id;

  show_list (self, self->detail_from ? self->detail_from : "mine");
  self->focus_id = id;
  self->focus_advance = FALSE;
  ascend_support_view_refresh (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AscendSupportView *self = ASCEND_SUPPORT_VIEW (widget);

  if (showing_detail (self))
    back_clicked_cb (self);
  else if (gtk_widget_get_visible (self->form_box))
    cancel_clicked_cb (self);
}

static void
row_activated_cb (AscendSupportView *self,
                  GtkListBoxRow     *row,
                  GtkListBox        *list)
{
  open_detail (self, TICKET_ID (row), list == self->all_list ? "all" : "mine");
}

void
ascend_support_view_refresh (AscendSupportView *self)
{
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *focus_mine, *focus_all = NULL;
  const char *visible_page;
  gint64 user;

  g_return_if_fail (ASCEND_IS_SUPPORT_VIEW (self));

  if (self->app == NULL || (user = user_id (self)) <= 0)
    return;

  self->is_admin = ascend_support_is_admin (database (self), user, NULL);
  adw_view_stack_page_set_visible (self->all_page, self->is_admin);
  gtk_widget_set_visible (self->page_switcher, self->is_admin);
  visible_page = adw_view_stack_get_visible_child_name (self->page_stack);
  if (!self->is_admin && g_strcmp0 (visible_page, "all") == 0)
    adw_view_stack_set_visible_child_name (self->page_stack, "mine");

  mine = ascend_support_ticket_list_for (database (self), user, FALSE, NULL, &error);
  if (mine == NULL)
    {
      g_warning ("Could not read the support tickets: %s", error->message);
      return;
    }
  focus_mine = ascend_support_view_fill_list (self, self->mine_list, mine, FALSE);
  summary = ascend_support_view_summary (mine);
  gtk_label_set_text (self->mine_summary, mine->len > 0 ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mine_empty), mine->len == 0 && !gtk_widget_get_visible (self->form_box));

  if (self->is_admin)
    {
      guint selected = adw_combo_row_get_selected (self->filter_row);
      const char *status = selected < G_N_ELEMENTS (filter_statuses) ? filter_statuses[selected] : NULL;
      g_autoptr(GPtrArray) everything = ascend_support_ticket_list_for (database (self), user, TRUE, NULL, &error);
      g_autofree char *all_summary = NULL;

      all = ascend_support_ticket_list_for (database (self), user, TRUE, status, &error);
      if (all == NULL || everything == NULL)
        {
          g_warning ("Could not read every profile's tickets: %s", error->message);
          return;
        }
      focus_all = ascend_support_view_fill_list (self, self->all_list, all, TRUE);
      all_summary = ascend_support_view_summary (everything);
      gtk_label_set_text (self->all_summary, all_summary);
      gtk_widget_set_visible (GTK_WIDGET (self->all_empty), all->len == 0);
      if (everything->len == 0)
        gtk_label_set_text (self->all_empty, _("No profile has written a ticket yet. New tickets from every profile on this computer show up here."));
      else
        gtk_label_set_text (self->all_empty, _("No tickets with this status. Choose another one under Show."));
    }

  if (showing_detail (self) && self->detail_id != 0)
    fill_detail (self);

  if (self->focus_id != 0)
    {
      const char *page = adw_view_stack_get_visible_child_name (self->page_stack);
      GtkWidget *focus = g_strcmp0 (page, "all") == 0 ? focus_all : focus_mine;

      if (focus != NULL && !showing_detail (self))
        gtk_widget_grab_focus (focus);
    }
  self->focus_id = 0;
  self->focus_advance = FALSE;
}

static void
filter_changed_cb (AscendSupportView *self)
{
  ascend_support_view_refresh (self);
}

/* Tickets also arrive from outside the window (ascendctl, another
 * profile): read them again whenever the section or a page comes into view. */
static void
page_changed_cb (AscendSupportView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ascend_support_view_refresh (self);
}

/* While another section shows, the content is hidden, not just covered:
 * screen readers (and the UI tests, which walk the whole window) then skip
 * a section nobody sees. */
static void
ascend_support_view_map (GtkWidget *widget)
{
  AscendSupportView *self = ASCEND_SUPPORT_VIEW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->root_stack), TRUE);
  GTK_WIDGET_CLASS (ascend_support_view_parent_class)->map (widget);
  ascend_support_view_refresh (self);
}

static void
ascend_support_view_unmap (GtkWidget *widget)
{
  AscendSupportView *self = ASCEND_SUPPORT_VIEW (widget);

  GTK_WIDGET_CLASS (ascend_support_view_parent_class)->unmap (widget);
  gtk_widget_set_visible (GTK_WIDGET (self->root_stack), FALSE);
}

/* ------------------------------------------------------------------ class */

static void
ascend_support_view_finalize (GObject *object)
{
  AscendSupportView *self = ASCEND_SUPPORT_VIEW (object);

  g_free (self->detail_from);
  G_OBJECT_CLASS (ascend_support_view_parent_class)->finalize (object);
}

static void
ascend_support_view_class_init (AscendSupportViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_support_view_finalize;
  widget_class->map = ascend_support_view_map;
  widget_class->unmap = ascend_support_view_unmap;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_support_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-support-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, root_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, pages_box);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_page);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, all_page);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, mine_summary);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, new_button);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, form_box);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, subject_row);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, category_row);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, description_view);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, description_scroller);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, error_label);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, mine_empty);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, mine_list);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, all_summary);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, filter_row);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, all_empty);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, all_list);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, back_button);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_subject);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_status);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_meta);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_description);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_delete);
  gtk_widget_class_bind_template_child (widget_class, AscendSupportView, detail_advance);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_advance_clicked_cb);

  gtk_widget_class_install_action (widget_class, "support.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "support.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "support.back", NULL);
}

static void
ascend_support_view_init (AscendSupportView *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) filters = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;
  const AscendSupportCategory *list;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Shown when the section is (see map). */
  gtk_widget_set_visible (GTK_WIDGET (self->root_stack), FALSE);

  gtk_string_list_append (categories, _("Choose a category"));
  list = ascend_support_categories (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (categories, _(list[i].label));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  adw_combo_row_set_selected (self->category_row, 0);

  gtk_string_list_append (filters, _("Every status"));
  for (guint i = 1; i < G_N_ELEMENTS (filter_statuses); i++)
    gtk_string_list_append (filters, ascend_support_status_label (filter_statuses[i]));
  adw_combo_row_set_model (self->filter_row, G_LIST_MODEL (filters));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->page_stack, "notify::visible-child",
                            G_CALLBACK (page_changed_cb), self);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (new_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

AscendSupportView *
ascend_support_view_new (AscendApplication *app)
{
  AscendSupportView *self = g_object_new (ASCEND_TYPE_SUPPORT_VIEW, NULL);

  self->app = app;
  ascend_support_view_refresh (self);
  return self;
}
