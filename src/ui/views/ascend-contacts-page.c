/* ascend-contacts-page.c: emergency contacts in the Health section
 *
 * A row per contact in the order they would be called: the primary first.
 * Each row calls (a tel: link), and its menu edits, makes primary, moves up
 * or down and deletes (with an Undo toast that puts the same contact back
 * in the same place). Alt+Up, Alt+Down and Delete do the same from the
 * keyboard on a focused row. The store keeps the rules (one primary, the
 * order); this page only asks it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-contacts-page.h"
#include "ascend-contact-dialog.h"
#include "ascend-contact-rules.h"
#include "ascend-health-store.h"
#include "ascend-view-util.h"

struct _AscendContactsPage
{
  AdwBin             parent_instance;

  AscendApplication *app;

  GtkStack          *stack;
  GtkListBox        *contact_list;
  GtkWidget         *add_button;
  GtkWidget         *empty_add_button;

  /* What gets the focus after the next refresh. */
  gint64             focus_id;
  gboolean           focus_menu;
  int                focus_index;
};

G_DEFINE_FINAL_TYPE (AscendContactsPage, ascend_contacts_page, ADW_TYPE_BIN)

#define CONTACT_ID(widget) ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "contact-id")))

static void
set_contact_id (gpointer object,
                gint64   id)
{
  g_object_set_data (G_OBJECT (object), "contact-id", GSIZE_TO_POINTER ((gsize) id));
}

static AscendDatabase *
database (AscendContactsPage *self)
{
  return ascend_application_get_database (self->app);
}

/* ----------------------------------------------------------------- actions */

static void
contact_saved_cb (AscendContactsPage *self,
                  gint64              id,
                  gboolean            added)
{
  self->focus_id = id;
  self->focus_menu = FALSE;
  ascend_application_data_changed (self->app);
  ascend_view_show_message (GTK_WIDGET (self), added ? _("Contact added") : _("Contact saved"));
}

static void
dialog_saved_cb (AscendContactDialog *dialog,
                 gint64               id,
                 AscendContactsPage  *self)
{
  contact_saved_cb (self, id, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "adding")));
}

static void
open_dialog (AscendContactsPage *self,
             gint64              id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AscendContactDialog *dialog = ascend_contact_dialog_new (self->app, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, id);

  g_object_set_data (G_OBJECT (dialog), "adding", GINT_TO_POINTER (id == 0));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_dialog (ASCEND_CONTACTS_PAGE (widget), 0);
}

static void
changed (AscendContactsPage *self,
         gint64              focus_id,
         gboolean            focus_menu)
{
  self->focus_id = focus_id;
  self->focus_menu = focus_menu;
  /* Every view re-reads, this page too (through the Health view). */
  ascend_application_data_changed (self->app);
}

static void
make_primary (AscendContactsPage *self,
              gint64              id,
              gboolean            from_menu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendEmergencyContact) contact = ascend_emergency_contact_get (database (self), id, NULL);
  g_autofree char *done = NULL;

  if (!ascend_emergency_contact_set_primary (database (self), ascend_application_get_user_id (self->app), id, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  changed (self, id, from_menu);
  done = g_strdup_printf (_("%s is now your primary contact"), contact ? contact->name : "");
  ascend_view_show_message (GTK_WIDGET (self), done);
}

/* Moves id by delta places; the store keeps the primary first. */
static void
move (AscendContactsPage *self,
      gint64              id,
      int                 delta,
      gboolean            from_menu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = ascend_emergency_contact_list_ordered (database (self),
                                                                        ascend_application_get_user_id (self->app),
                                                                        NULL);
  int index = -1;

  for (guint i = 0; contacts && i < contacts->len; i++)
    if (((AscendEmergencyContact *) contacts->pdata[i])->id == id)
      index = i;
  if (index < 0 || index + delta < 0)
    return;
  if (!ascend_emergency_contact_move (database (self), id, index + delta, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  changed (self, id, from_menu);
}

typedef struct {
  GWeakRef                page;
  AscendApplication      *app;
  AscendEmergencyContact *contact;
  guint                   index;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->page);
  g_object_unref (undo->app);
  ascend_emergency_contact_free (undo->contact);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(AscendContactsPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  if (!ascend_emergency_contact_restore (ascend_application_get_database (undo->app), undo->contact, undo->index, &error))
    {
      if (self != NULL)
        ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  if (self != NULL)
    {
      self->focus_id = undo->contact->id;
      self->focus_menu = FALSE;
    }
  ascend_application_data_changed (undo->app);
}

static void
delete_contact (AscendContactsPage *self,
                gint64              id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = ascend_emergency_contact_list_ordered (database (self),
                                                                        ascend_application_get_user_id (self->app),
                                                                        NULL);
  AscendEmergencyContact *contact = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  Undo *undo;
  guint index = 0;

  for (guint i = 0; contacts && i < contacts->len; i++)
    if (((AscendEmergencyContact *) contacts->pdata[i])->id == id)
      {
        contact = g_ptr_array_steal_index (contacts, i);
        index = i;
        break;
      }
  if (contact == NULL)
    return;
  if (!ascend_emergency_contact_delete (database (self), id, &error))
    {
      ascend_emergency_contact_free (contact);
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->page, self);
  undo->app = g_object_ref (self->app);
  undo->contact = contact;
  undo->index = index;

  title = g_strdup_printf (_("%s deleted"), contact->name);
  toast = adw_toast_new (title);

  self->focus_id = 0;
  self->focus_index = index;
  ascend_application_data_changed (self->app);
  ascend_view_add_undo_toast (GTK_WIDGET (self), toast, G_CALLBACK (undo_clicked_cb), undo, undo_free);
}

/* --------------------------------------------------------------------- rows */

typedef enum { OP_EDIT, OP_PRIMARY, OP_UP, OP_DOWN, OP_DELETE } Op;

static void
run_op (AscendContactsPage *self,
        gint64              id,
        Op                  op,
        gboolean            from_menu)
{
  switch (op)
    {
    case OP_EDIT:
      open_dialog (self, id);
      break;
    case OP_PRIMARY:
      make_primary (self, id, from_menu);
      break;
    case OP_UP:
      move (self, id, -1, from_menu);
      break;
    case OP_DOWN:
      move (self, id, +1, from_menu);
      break;
    case OP_DELETE:
      delete_contact (self, id);
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct {
  GWeakRef page;
  gint64   id;
  Op       op;
  gboolean from_menu;
} PendingOp;

static gboolean
run_pending_op (gpointer data)
{
  PendingOp *pending = data;
  g_autoptr(AscendContactsPage) self = g_weak_ref_get (&pending->page);

  if (self != NULL)
    run_op (self, pending->id, pending->op, pending->from_menu);
  g_weak_ref_clear (&pending->page);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

/* The operation rebuilds the list, and so destroys the row, its menu and
 * the widget whose event is being handled: run it once that is over (a
 * popover destroyed inside its own click leaves GTK with a dead surface). */
static void
run_op_later (GtkWidget *widget,
              Op         op,
              gboolean   from_menu)
{
  PendingOp *pending = g_new0 (PendingOp, 1);

  g_weak_ref_init (&pending->page, gtk_widget_get_ancestor (widget, ASCEND_TYPE_CONTACTS_PAGE));
  pending->id = CONTACT_ID (widget);
  pending->op = op;
  pending->from_menu = from_menu;
  g_idle_add (run_pending_op, pending);
}

static void
menu_item_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  run_op_later (GTK_WIDGET (button), GPOINTER_TO_INT (user_data), TRUE);
}

static void
row_activated_cb (AdwActionRow       *row,
                  AscendContactsPage *self)
{
  open_dialog (self, CONTACT_ID (row));
}

static gboolean
row_shortcut_cb (GtkWidget *row,
                 GVariant  *args,
                 gpointer   user_data)
{
  run_op_later (row, GPOINTER_TO_INT (user_data), FALSE);
  return TRUE;
}

static GtkWidget *
menu_item (GtkWidget  *box,
           gint64      id,
           const char *label,
           Op          op,
           gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  /* GTK 4.8 names a mnemonic button "_Edit… Edit…" for screen readers (the
   * raw label plus its mnemonic label); the label alone says it right. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "ascend-menu-item");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  gtk_widget_set_sensitive (button, sensitive);
  set_contact_id (button, id);
  g_signal_connect (button, "clicked", G_CALLBACK (menu_item_clicked_cb), GINT_TO_POINTER (op));
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static void
add_row_shortcut (GtkEventController *controller,
                  guint               key,
                  GdkModifierType     modifiers,
                  Op                  op)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_callback_action_new (row_shortcut_cb, GINT_TO_POINTER (op), NULL)));
}

static GtkWidget *
contact_row (AscendContactsPage     *self,
             AscendEmergencyContact *c,
             guint                   index,
             guint                   n_contacts,
             gboolean                have_primary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  g_autofree char *tel = ascend_contact_tel_uri (c->phone);
  g_autofree char *subtitle = NULL;
  g_autofree char *menu_label = NULL;
  g_autoptr(GString) phone_nbsp = g_string_new (NULL);
  guint first_movable = have_primary ? 1 : 0;
  gboolean can_up = !c->is_primary && index > first_movable;
  gboolean can_down = !c->is_primary && index + 1 < n_contacts;

  set_contact_id (row, c->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
  /* A narrow row wraps between relationship and number, never inside the number. */
  for (const char *p = c->phone; *p; p++)
    {
      if (*p == ' ')
        g_string_append (phone_nbsp, "\u00a0");
      else
        g_string_append_c (phone_nbsp, *p);
    }
  subtitle = c->relationship && *c->relationship
    ? g_strdup_printf ("%s · %s", c->relationship, phone_nbsp->str)
    : g_strdup (phone_nbsp->str);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Edit this contact"));
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);

  if (c->is_primary)
    {
      GtkWidget *badge = gtk_label_new (_("Primary"));
      gtk_widget_add_css_class (badge, "ascend-badge-primary");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (badge, _("Called first if something happens"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_widget_add_css_class (row, "ascend-contact-primary");
    }

  if (tel != NULL)
    {
      GtkWidget *call = gtk_link_button_new (tel);
      g_autofree char *accessible = g_strdup_printf (_("Call %s at %s"), c->name, c->phone);
      g_autofree char *tooltip = g_strdup_printf (_("Call %s"), c->phone);

      gtk_button_set_icon_name (GTK_BUTTON (call), "call-start-symbolic");
      gtk_widget_set_valign (call, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (call, "flat");
      gtk_widget_add_css_class (call, "circular");
      gtk_widget_set_tooltip_text (call, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (call), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), call);
    }

  menu_item (box, c->id, _("_Edit…"), OP_EDIT, TRUE);
  if (!c->is_primary)
    menu_item (box, c->id, _("Make _Primary"), OP_PRIMARY, TRUE);
  menu_item (box, c->id, _("Move _Up"), OP_UP, can_up);
  menu_item (box, c->id, _("Move _Down"), OP_DOWN, can_down);
  menu_item (box, c->id, _("_Delete"), OP_DELETE, TRUE);
  gtk_widget_add_css_class (box, "ascend-menu");
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Edit, make primary, move or delete"));
  menu_label = g_strdup_printf (_("Actions for %s"), c->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  g_object_set_data (G_OBJECT (row), "menu-button", menu_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  set_contact_id (row, c->id);
  add_row_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, OP_UP);
  add_row_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, OP_DOWN);
  add_row_shortcut (shortcuts, GDK_KEY_Delete, 0, OP_DELETE);
  gtk_widget_add_controller (row, shortcuts);
  return row;
}

void
ascend_contacts_page_refresh (AscendContactsPage *self)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWidget *focus, *child;
  GtkWidget *focus_row = NULL;
  gboolean had_focus;
  gint64 user;
  int focus_index = -1;

  g_return_if_fail (ASCEND_IS_CONTACTS_PAGE (self));

  if (self->app == NULL || (user = ascend_application_get_user_id (self->app)) <= 0)
    return;
  contacts = ascend_emergency_contact_list_ordered (database (self), user, &error);
  if (contacts == NULL)
    {
      g_warning ("Could not read the emergency contacts: %s", error->message);
      return;
    }

  /* Keep the keyboard focus on the same contact (or place) across the
   * rebuild, as a screen reader user expects after Move Up. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  if (had_focus && self->focus_id == 0 && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->contact_list)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL && self->focus_index < 0)
        self->focus_id = CONTACT_ID (row);
    }
  focus_index = self->focus_index;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->contact_list))) != NULL)
    gtk_list_box_remove (self->contact_list, child);
  for (guint i = 0; i < contacts->len; i++)
    {
      AscendEmergencyContact *c = contacts->pdata[i];
      GtkWidget *row = contact_row (self, c, i, contacts->len,
                                    ((AscendEmergencyContact *) contacts->pdata[0])->is_primary);
      gtk_list_box_append (self->contact_list, row);
      if (self->focus_id != 0 && c->id == self->focus_id)
        focus_row = row;
    }
  if (focus_row == NULL && focus_index >= 0 && contacts->len > 0)
    focus_row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->contact_list, MIN ((guint) focus_index, contacts->len - 1)));

  gtk_stack_set_visible_child_name (self->stack, contacts->len > 0 ? "list" : "empty");

  if (had_focus || self->focus_id != 0 || focus_index >= 0)
    {
      if (focus_row != NULL)
        gtk_widget_grab_focus (self->focus_menu ? g_object_get_data (G_OBJECT (focus_row), "menu-button") : focus_row);
      else if (contacts->len == 0)
        gtk_widget_grab_focus (self->empty_add_button);
      else
        gtk_widget_grab_focus (self->add_button);
    }
  self->focus_id = 0;
  self->focus_menu = FALSE;
  self->focus_index = -1;
}

static void
ascend_contacts_page_class_init (AscendContactsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendContactsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AscendContactsPage, contact_list);
  gtk_widget_class_bind_template_child (widget_class, AscendContactsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, AscendContactsPage, empty_add_button);
  gtk_widget_class_install_action (widget_class, "contacts.add", NULL, add_activated);
}

static void
ascend_contacts_page_init (AscendContactsPage *self)
{
  self->focus_index = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 names a mnemonic button "_Add Contact Add Contact". */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->empty_add_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
ascend_contacts_page_set_application (AscendContactsPage *self,
                                      AscendApplication  *app)
{
  g_return_if_fail (ASCEND_IS_CONTACTS_PAGE (self));

  self->app = app;
  ascend_contacts_page_refresh (self);
}
