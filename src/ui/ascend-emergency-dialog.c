/* ascend-emergency-dialog.c: "Are you OK?" and the emergency contacts */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-emergency-dialog.h"
#include "ascend-health-store.h"
#include "ascend-user-store.h"

typedef struct {
  AscendApplication *app;
  AdwMessageDialog  *dialog;
  GtkWindow         *parent;
  gint64             alert_id;
  char              *message;
  int                heart_rate;
  int                remaining;
  guint              timer;
  gboolean           done;
} Countdown;

static void
countdown_free (gpointer  data,
                GObject  *where_the_dialog_was)
{
  Countdown *c = data;

  g_clear_handle_id (&c->timer, g_source_remove);
  g_free (c->message);
  g_free (c);
}

static void
record_emergency (Countdown *c)
{
  AscendDatabase *db = ascend_application_get_database (c->app);
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
  g_autoptr(GError) error = NULL;

  r->user_id = ascend_application_get_user_id (c->app);
  r->heart_rate = c->heart_rate >= 20 && c->heart_rate <= 300 ? c->heart_rate : ASCEND_NO_INT;
  g_free (r->reading_type);
  r->reading_type = g_strdup ("emergency");
  if (ascend_health_reading_insert (db, r, &error) == 0)
    g_warning ("Could not record the emergency reading: %s", error->message);
  ascend_application_data_changed (c->app);
}

static void
escalate (Countdown *c)
{
  if (c->done)
    return;
  c->done = TRUE;
  record_emergency (c);
  ascend_emergency_contacts_present (c->app, c->parent, c->message);
}

static void
update_body (Countdown *c)
{
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    "%s.\n\nIf you do not answer within %d second, Anime Ascend records an emergency and shows your emergency contacts.",
    "%s.\n\nIf you do not answer within %d seconds, Anime Ascend records an emergency and shows your emergency contacts.",
    c->remaining), c->message, c->remaining);
  adw_message_dialog_set_body (c->dialog, body);
}

static gboolean
tick_cb (gpointer data)
{
  Countdown *c = data;

  if (--c->remaining > 0)
    {
      update_body (c);
      return G_SOURCE_CONTINUE;
    }
  c->timer = 0;
  escalate (c);
  gtk_window_close (GTK_WINDOW (c->dialog));
  return G_SOURCE_REMOVE;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Countdown        *c)
{
  g_clear_handle_id (&c->timer, g_source_remove);
  if (g_str_equal (response, "ok"))
    {
      c->done = TRUE;
      if (c->alert_id > 0)
        g_action_group_activate_action (G_ACTION_GROUP (c->app), "acknowledge-alert",
                                        g_variant_new_int64 (c->alert_id));
    }
  else if (g_str_equal (response, "help"))
    escalate (c);
}

void
ascend_emergency_countdown_present (AscendApplication *app,
                                    GtkWindow         *parent,
                                    gint64             alert_id,
                                    const char        *alert_message,
                                    int                heart_rate,
                                    int                seconds)
{
  Countdown *c = g_new0 (Countdown, 1);

  c->app = app;
  c->parent = parent;
  c->alert_id = alert_id;
  c->message = g_strdup (alert_message);
  c->heart_rate = heart_rate;
  c->remaining = MAX (seconds, 1);
  c->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Are You OK?"), NULL));
  adw_message_dialog_add_responses (c->dialog, "help", _("I _Need Help"), "ok", _("I’m _OK"), NULL);
  adw_message_dialog_set_response_appearance (c->dialog, "help", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (c->dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (c->dialog, "ok");
  adw_message_dialog_set_close_response (c->dialog, "ok");
  update_body (c);
  g_signal_connect (c->dialog, "response", G_CALLBACK (response_cb), c);
  g_object_weak_ref (G_OBJECT (c->dialog), countdown_free, c);
  c->timer = g_timeout_add_seconds (1, tick_cb, c);
  gtk_window_present (GTK_WINDOW (c->dialog));
}

static void
free_text (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

static void
copy_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  char             *text)
{
  if (g_str_equal (response, "copy"))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text);
}

void
ascend_emergency_contacts_present (AscendApplication *app,
                                   GtkWindow         *parent,
                                   const char        *alert_message)
{
  AscendDatabase *db = ascend_application_get_database (app);
  gint64 user_id = ascend_application_get_user_id (app);
  g_autoptr(GPtrArray) contacts = ascend_emergency_contact_list_ordered (db, user_id, NULL);
  g_autoptr(AscendUser) user = ascend_user_get (db, user_id, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  char *text = g_strdup_printf (_("This is an automatic message from Anime Ascend for %s. At %s it reported: %s. Please check on them."),
                                user && user->name ? user->name : _("me"), when, alert_message);
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *message = gtk_label_new (text);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Emergency Contacts"),
    contacts && contacts->len > 0
      ? _("An emergency reading was recorded. Call someone now, or copy the message below and send it.")
      : _("An emergency reading was recorded. You have not added emergency contacts yet: add them in Health. If you are in danger, call your local emergency number.")));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Emergency contacts"), -1);
  for (guint i = 0; contacts && i < contacts->len; i++)
    {
      AscendEmergencyContact *c = contacts->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *uri = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *call;
      GString *digits = g_string_new (NULL);

      for (const char *p = c->phone; p && *p; p++)
        if (g_ascii_isdigit (*p) || *p == '+')
          g_string_append_c (digits, *p);
      uri = g_strconcat ("tel:", digits->str, NULL);
      g_string_free (digits, TRUE);
      subtitle = c->relationship && *c->relationship
        ? g_strdup_printf ("%s · %s%s", c->relationship, c->phone, c->is_primary ? _(" · primary") : "")
        : g_strdup_printf ("%s%s", c->phone, c->is_primary ? _(" · primary") : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      call = gtk_link_button_new_with_label (uri, _("Call"));
      gtk_widget_set_valign (call, GTK_ALIGN_CENTER);
      {
        g_autofree char *accessible = g_strdup_printf (_("Call %s at %s"), c->name, c->phone);
        gtk_accessible_update_property (GTK_ACCESSIBLE (call), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), call);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "card");
  gtk_widget_set_margin_top (message, 6);
  if (contacts && contacts->len > 0)
    gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "copy", _("_Copy Message"), "close", _("_Close"), NULL);
  adw_message_dialog_set_response_enabled (dialog, "copy", TRUE);
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (copy_response_cb), text, free_text, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
