/* ascend-support-view-rows.c: the Support view's ticket rows, status
 * pills, dates and summaries */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-support-view-private.h"

char *
ascend_support_view_format_date (gint64 ms,
             gboolean with_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);

  if (when == NULL)
    return g_strdup ("");
  /* TRANSLATORS: a ticket's date (strftime): "25 Nov 2026" */
  return g_date_time_format (when, with_time ? _("%-d %b %Y, %H:%M") : _("%-d %b %Y"));
}

static GtkWidget *
status_pill (const char *status)
{
  GtkWidget *pill = gtk_label_new (ascend_support_status_label (status));
  g_autofree char *css = g_strdup_printf ("status-%s", status ? status : "unknown");

  gtk_widget_add_css_class (pill, "ascend-ticket-status");
  gtk_widget_add_css_class (pill, css);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  return pill;
}

void
ascend_support_view_set_pill (GtkLabel   *label,
          const char *status)
{
  static const char *const classes[] = { "status-open", "status-in_progress", "status-resolved" };
  g_autofree char *css = g_strdup_printf ("status-%s", status ? status : "unknown");

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), "ascend-ticket-status");
  gtk_widget_add_css_class (GTK_WIDGET (label), css);
  gtk_label_set_text (label, ascend_support_status_label (status));
}

static void
row_advance_clicked_cb (GtkButton         *button,
                        AscendSupportView *self)
{
  ascend_support_view_run_later (self, TICKET_ID (button), ASCEND_SUPPORT_OP_ADVANCE);
}

static gboolean
row_delete_shortcut_cb (GtkWidget *row,
                        GVariant  *args,
                        gpointer   user_data)
{
  AscendSupportView *self = ASCEND_SUPPORT_VIEW (gtk_widget_get_ancestor (row, ASCEND_TYPE_SUPPORT_VIEW));

  ascend_support_view_run_later (self, TICKET_ID (row), ASCEND_SUPPORT_OP_DELETE);
  return TRUE;
}

/* -------------------------------------------------------------------- rows */

static GtkWidget *
ticket_row (AscendSupportView        *self,
            AscendSupportTicketEntry *entry,
            gboolean                  everyone)
{
  AscendSupportTicket *t = entry->ticket;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = ascend_support_view_format_date (t->created_at, FALSE);
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  const char *action;

  set_ticket_id (row, t->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->subject);
  if (everyone)
    /* TRANSLATORS: a ticket in the admin's list: owner · category · date */
    subtitle = g_strdup_printf (_("%s · %s · %s"), entry->owner_name ? entry->owner_name : _("a profile"),
                                ascend_support_category_label (t->category), date);
  else
    /* TRANSLATORS: category · date */
    subtitle = g_strdup_printf (_("%s · %s"), ascend_support_category_label (t->category), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "ascend-ticket-row");
  tooltip = g_strdup_printf (_("Open “%s”"), t->subject);
  gtk_widget_set_tooltip_text (row, tooltip);

  action = everyone ? ascend_support_status_action (t->status) : NULL;
  if (action != NULL)
    {
      /* Pill over button: the row stays narrow enough for a phone. */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *pill = status_pill (t->status);
      GtkWidget *button = gtk_button_new_with_label (action);
      g_autofree char *accessible = g_strdup_printf (_("%s “%s”"), action, t->subject);

      set_ticket_id (button, t->id);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "ascend-ticket-advance");
      gtk_widget_set_tooltip_text (button, g_strcmp0 (t->status, ASCEND_SUPPORT_STATUS_OPEN) == 0
                                           ? _("Start working on this ticket")
                                           : _("Mark this ticket resolved"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (row_advance_clicked_cb), self);
      g_object_set_data (G_OBJECT (row), "advance-button", button);
      gtk_widget_set_halign (pill, GTK_ALIGN_END);
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), pill);
      gtk_box_append (GTK_BOX (box), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_pill (t->status));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }

  if (!everyone)
    {
      GtkEventController *shortcuts = gtk_shortcut_controller_new ();

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                              gtk_callback_action_new (row_delete_shortcut_cb, NULL, NULL)));
      gtk_widget_add_controller (row, shortcuts);
    }
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

char *
ascend_support_view_summary (GPtrArray *entries)
{
  guint open = 0, progress = 0, resolved = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const char *status = ((AscendSupportTicketEntry *) entries->pdata[i])->ticket->status;

      open += g_strcmp0 (status, ASCEND_SUPPORT_STATUS_OPEN) == 0;
      progress += g_strcmp0 (status, ASCEND_SUPPORT_STATUS_IN_PROGRESS) == 0;
      resolved += g_strcmp0 (status, ASCEND_SUPPORT_STATUS_RESOLVED) == 0;
    }
  /* TRANSLATORS: "3 tickets · 1 open · 1 in progress · 1 resolved" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket · %u open · %u in progress · %u resolved",
                                       "%u tickets · %u open · %u in progress · %u resolved", entries->len),
                          entries->len, open, progress, resolved);
}

GtkWidget *
ascend_support_view_fill_list (AscendSupportView *self,
           GtkListBox        *list,
           GPtrArray         *entries,
           gboolean           everyone)
{
  GtkWidget *focus = NULL;

  clear_list (list);
  for (guint i = 0; i < entries->len; i++)
    {
      AscendSupportTicketEntry *entry = entries->pdata[i];
      GtkWidget *row = ticket_row (self, entry, everyone);

      gtk_list_box_append (list, row);
      if (self->focus_id != 0 && entry->ticket->id == self->focus_id)
        {
          GtkWidget *advance = g_object_get_data (G_OBJECT (row), "advance-button");
          focus = self->focus_advance && advance ? advance : row;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (list), entries->len > 0);
  return focus;
}
