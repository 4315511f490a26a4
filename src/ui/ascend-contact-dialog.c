/* ascend-contact-dialog.c: add or edit one emergency contact
 *
 * Every field is checked (ascend-contact-rules) before anything is
 * written; a field at fault is marked, described to screen readers and
 * explained under the form, and the dialog stays open. The store decides
 * what "primary" does to the other contacts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-contact-dialog.h"
#include "ascend-contact-rules.h"
#include "ascend-health-store.h"

struct _AscendContactDialog
{
  AdwWindow          parent_instance;

  AscendApplication *app;
  gint64             contact_id;   /* 0 while adding */
  gboolean           was_primary;
  guint              n_contacts;   /* of the profile, before this dialog */

  AdwWindowTitle    *window_title;
  GtkWidget         *cancel_button;
  GtkWidget         *save_button;
  AdwEntryRow       *name_row;
  AdwEntryRow       *phone_row;
  AdwEntryRow       *relationship_row;
  AdwActionRow      *primary_row;
  GtkSwitch         *primary_switch;
  GtkLabel          *error_label;

  char              *messages[3];  /* per AscendContactField */
};

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendContactDialog, ascend_contact_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
field_row (AscendContactDialog *self,
           AscendContactField   field)
{
  switch (field)
    {
    case ASCEND_CONTACT_FIELD_NAME:
      return GTK_WIDGET (self->name_row);
    case ASCEND_CONTACT_FIELD_PHONE:
      return GTK_WIDGET (self->phone_row);
    case ASCEND_CONTACT_FIELD_RELATIONSHIP:
      return GTK_WIDGET (self->relationship_row);
    case ASCEND_CONTACT_FIELD_NONE:
    default:
      return NULL;
    }
}

/* Shows the messages of every field at fault (an empty form can have three). */
static void
show_errors (AscendContactDialog *self,
             const char          *extra)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int f = ASCEND_CONTACT_FIELD_NAME; f <= ASCEND_CONTACT_FIELD_RELATIONSHIP; f++)
    {
      GtkWidget *row = field_row (self, f);
      if (self->messages[f] != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->messages[f], -1);
          g_string_append_printf (text, "%s%s", text->len ? "\n" : "", self->messages[f]);
        }
      else
        {
          gtk_widget_remove_css_class (row, "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
  if (extra != NULL)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", extra);
  gtk_label_set_text (self->error_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text->len > 0);
}

static void
field_changed_cb (AscendContactDialog *self,
                  GtkEditable         *row)
{
  /* Typing in a field takes its own error away, and only its own. */
  for (int f = ASCEND_CONTACT_FIELD_NAME; f <= ASCEND_CONTACT_FIELD_RELATIONSHIP; f++)
    if (field_row (self, f) == GTK_WIDGET (row))
      g_clear_pointer (&self->messages[f], g_free);
  show_errors (self, NULL);
}

static void
update_primary_subtitle (AscendContactDialog *self)
{
  const char *subtitle;
  gboolean only = self->contact_id == 0 ? self->n_contacts == 0 : self->n_contacts <= 1;

  if (only)
    subtitle = self->contact_id == 0 ? _("Your first contact is the primary one") : _("Your only contact is the primary one");
  else if (self->was_primary && !gtk_switch_get_active (self->primary_switch))
    subtitle = _("The next contact in your list becomes primary");
  else if (!self->was_primary && gtk_switch_get_active (self->primary_switch))
    subtitle = _("Takes over from your current primary contact");
  else
    subtitle = _("Called first if something happens");
  adw_action_row_set_subtitle (self->primary_row, subtitle);
}

static void
primary_toggled_cb (AscendContactDialog *self)
{
  update_primary_subtitle (self);
}

static void
save_cb (AscendContactDialog *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  g_autofree char *name = ascend_contact_clean (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *phone = ascend_contact_clean (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  g_autofree char *relationship = ascend_contact_clean (gtk_editable_get_text (GTK_EDITABLE (self->relationship_row)));
  g_autoptr(AscendEmergencyContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first_bad = NULL;
  gboolean ok;

  for (int f = ASCEND_CONTACT_FIELD_NAME; f <= ASCEND_CONTACT_FIELD_RELATIONSHIP; f++)
    g_clear_pointer (&self->messages[f], g_free);
  ascend_contact_validate_name (name, &self->messages[ASCEND_CONTACT_FIELD_NAME]);
  ascend_contact_validate_phone (phone, &self->messages[ASCEND_CONTACT_FIELD_PHONE]);
  ascend_contact_validate_relationship (relationship, &self->messages[ASCEND_CONTACT_FIELD_RELATIONSHIP]);
  for (int f = ASCEND_CONTACT_FIELD_RELATIONSHIP; f >= ASCEND_CONTACT_FIELD_NAME; f--)
    if (self->messages[f] != NULL)
      first_bad = field_row (self, f);
  if (first_bad != NULL)
    {
      /* Nothing is written: the person fixes the form first. */
      show_errors (self, NULL);
      gtk_widget_grab_focus (first_bad);
      return;
    }

  if (self->contact_id > 0)
    {
      contact = ascend_emergency_contact_get (db, self->contact_id, &error);
      if (contact == NULL)
        {
          show_errors (self, _("This contact was deleted in the meantime. Close this window and add it again."));
          return;
        }
    }
  else
    {
      contact = ascend_emergency_contact_new ();
      contact->user_id = ascend_application_get_user_id (self->app);
    }
  g_free (contact->name);
  contact->name = g_steal_pointer (&name);
  g_free (contact->phone);
  contact->phone = g_steal_pointer (&phone);
  g_free (contact->relationship);
  contact->relationship = *relationship ? g_steal_pointer (&relationship) : NULL;
  contact->is_primary = gtk_switch_get_active (self->primary_switch);

  if (self->contact_id > 0)
    ok = ascend_emergency_contact_update (db, contact, &error);
  else
    ok = ascend_emergency_contact_insert (db, contact, &error) > 0;
  if (!ok)
    {
      show_errors (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, contact->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ascend_contact_dialog_finalize (GObject *object)
{
  AscendContactDialog *self = ASCEND_CONTACT_DIALOG (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->messages); i++)
    g_free (self->messages[i]);
  G_OBJECT_CLASS (ascend_contact_dialog_parent_class)->finalize (object);
}

static void
ascend_contact_dialog_class_init (AscendContactDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_contact_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, relationship_row);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, primary_row);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, primary_switch);
  gtk_widget_class_bind_template_child (widget_class, AscendContactDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, primary_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ascend_contact_dialog_init (AscendContactDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  /* GTK 4.8 names a mnemonic button "_Save Save" for screen readers. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

AscendContactDialog *
ascend_contact_dialog_new (AscendApplication *app,
                           GtkWindow         *parent,
                           gint64             contact_id)
{
  AscendContactDialog *self = g_object_new (ASCEND_TYPE_CONTACT_DIALOG,
                                            "transient-for", parent,
                                            NULL);
  AscendDatabase *db = ascend_application_get_database (app);
  g_autoptr(GPtrArray) contacts = ascend_emergency_contact_list (db, ascend_application_get_user_id (app), 0, 0, NULL);
  g_autoptr(AscendEmergencyContact) contact = contact_id > 0 ? ascend_emergency_contact_get (db, contact_id, NULL) : NULL;
  const char *title;

  self->app = app;
  self->n_contacts = contacts ? contacts->len : 0;
  if (contact != NULL)
    {
      self->contact_id = contact->id;
      self->was_primary = contact->is_primary;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), contact->name);
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row), contact->phone);
      gtk_editable_set_text (GTK_EDITABLE (self->relationship_row), contact->relationship ? contact->relationship : "");
      gtk_switch_set_active (self->primary_switch, contact->is_primary);
      title = _("Edit Contact");
    }
  else
    {
      /* The first contact is primary whatever the switch says: show it. */
      gtk_switch_set_active (self->primary_switch, self->n_contacts == 0);
      title = _("Add Contact");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_row),
                            self->contact_id == 0 ? self->n_contacts > 0 : self->n_contacts > 1);
  update_primary_subtitle (self);
  /* Filling the form in is not an error to clear. */
  show_errors (self, NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}
