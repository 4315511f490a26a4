/* ascend-alerts-page.c: the alert history of the Health section
 *
 * Newest first, filtered by type, severity and status. Acknowledging goes
 * through app.acknowledge-alert, like the notification's button, so the
 * notification is withdrawn and every view (the dashboard's count too)
 * follows.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-alerts-page.h"
#include "ascend-health-store.h"

/* A history this long is more than anyone reads on one screen. */
#define ALERT_LIST_MAX 200

struct _AscendAlertsPage
{
  AdwBin             parent_instance;

  AscendApplication *app;

  GtkWidget         *ack_all_button;
  AdwComboRow       *type_row;
  AdwComboRow       *severity_row;
  AdwComboRow       *status_row;
  GtkStack          *list_stack;
  AdwStatusPage     *empty_page;
  GtkListBox        *alert_list;
  GtkLabel          *count_label;
};

G_DEFINE_FINAL_TYPE (AscendAlertsPage, ascend_alerts_page, ADW_TYPE_BIN)

/* In the order of the combo rows' models; index 0 is "All". */
static const char *const filter_types[] = {
  NULL, "fall_detected", "arrhythmia", "high_stress", "low_heart_rate", "high_heart_rate",
};
static const char *const filter_severities[] = { NULL, "low", "medium", "high", "critical" };

static const char *
type_label (const char *type)
{
  if (g_strcmp0 (type, "fall_detected") == 0)
    return _("Fall");
  if (g_strcmp0 (type, "arrhythmia") == 0)
    return _("Irregular rhythm");
  if (g_strcmp0 (type, "high_stress") == 0)
    return _("High stress");
  if (g_strcmp0 (type, "low_heart_rate") == 0)
    return _("Low heart rate");
  if (g_strcmp0 (type, "high_heart_rate") == 0)
    return _("High heart rate");
  return type;
}

static const char *
severity_label (const char *severity)
{
  if (g_strcmp0 (severity, "low") == 0)
    return _("Low");
  if (g_strcmp0 (severity, "medium") == 0)
    return _("Medium");
  if (g_strcmp0 (severity, "high") == 0)
    return _("High");
  if (g_strcmp0 (severity, "critical") == 0)
    return _("Critical");
  return severity;
}

static char *
format_when (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *date = NULL;

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_strdup_printf (_("Today, %s"), time);
  if (g_date_time_get_year (when) == g_date_time_get_year (yesterday) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (yesterday))
    return g_strdup_printf (_("Yesterday, %s"), time);
  date = g_date_time_format (when, "%x");
  return g_strdup_printf (C_("alert date and time", "%s, %s"), date, time);
}

static GtkWidget *
alert_row (AscendHealthAlert *a)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *badge = gtk_label_new (severity_label (a->severity));
  GtkWidget *type = gtk_label_new (type_label (a->alert_type));
  g_autofree char *when_text = format_when (a->created_at);
  GtkWidget *when = gtk_label_new (when_text);
  const char *message_text = a->message && *a->message ? a->message : type_label (a->alert_type);
  GtkWidget *message = gtk_label_new (message_text);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *badge_class = g_strdup_printf ("ascend-severity-%s", a->severity);
  g_autofree char *summary = NULL;

  gtk_widget_add_css_class (row, "ascend-alert-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_add_css_class (badge, "ascend-severity");
  gtk_widget_add_css_class (badge, badge_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (type, "heading");
  gtk_label_set_xalign (GTK_LABEL (type), 0);
  gtk_label_set_wrap (GTK_LABEL (type), TRUE);
  gtk_widget_set_hexpand (type, TRUE);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_set_valign (when, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (top), type);
  gtk_box_append (GTK_BOX (top), when);
  gtk_box_append (GTK_BOX (box), top);

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_box_append (GTK_BOX (box), message);

  if (a->heart_rate != ASCEND_NO_INT)
    g_string_append_printf (details, _("%" PRId64 " bpm"), a->heart_rate);
  if (a->stress_level != ASCEND_NO_INT)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append_printf (details, _("stress %" PRId64 " of 10"), a->stress_level);
    }
  if (details->len > 0)
    {
      GtkWidget *label = gtk_label_new (details->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  if (!a->acknowledged)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Acknowledge"));

      /* GTK 4.8 would name it "_Acknowledge Acknowledge" (see ascend-onboarding.c). */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);

      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.acknowledge-alert");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", a->id);
      /* The row's accessible name says which alert; the button says what it does. */
      gtk_widget_set_tooltip_text (button, _("Mark this alert as seen"));
      gtk_box_append (GTK_BOX (box), button);
      gtk_widget_add_css_class (row, "ascend-alert-new");
    }
  else
    {
      GtkWidget *done = gtk_label_new (_("Acknowledged"));
      gtk_widget_set_halign (done, GTK_ALIGN_END);
      gtk_widget_add_css_class (done, "dim-label");
      gtk_widget_add_css_class (done, "caption");
      gtk_box_append (GTK_BOX (box), done);
    }

  /* What a screen reader says for the row as a whole. */
  summary = g_strdup_printf (_("%s severity, %s, %s: %s%s%s"), severity_label (a->severity),
                             type_label (a->alert_type), when_text, message_text,
                             details->len > 0 ? ", " : "", details->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* Index of the row holding the keyboard focus, or -1. */
static int
focused_row_index (AscendAlertsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->alert_list)))
    return -1;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  return row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

/* After the list is rebuilt (an alert acknowledged with the keyboard), the
 * focus stays where it was instead of falling back to the window. */
static void
restore_focus (AscendAlertsPage *self,
               int               index)
{
  GtkListBoxRow *row = NULL;

  if (index < 0)
    return;
  for (int i = index; i >= 0 && row == NULL; i--)
    row = gtk_list_box_get_row_at_index (self->alert_list, i);
  if (row == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
      return;
    }
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_list_box_row_get_child (row)); w; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_BUTTON (w))
      {
        gtk_widget_grab_focus (w);
        return;
      }
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

gint64
ascend_alerts_page_refresh (AscendAlertsPage *self)
{
  AscendDatabase *db;
  gint64 user, unacknowledged;
  guint type, severity, status, n_matching = 0, n_all = 0;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int focus_index;

  g_return_val_if_fail (ASCEND_IS_ALERTS_PAGE (self), 0);

  if (self->app == NULL || (user = ascend_application_get_user_id (self->app)) <= 0)
    return 0;
  db = ascend_application_get_database (self->app);

  type = MIN (adw_combo_row_get_selected (self->type_row), G_N_ELEMENTS (filter_types) - 1);
  severity = MIN (adw_combo_row_get_selected (self->severity_row), G_N_ELEMENTS (filter_severities) - 1);
  status = adw_combo_row_get_selected (self->status_row);
  alerts = ascend_health_alert_list_recent (db, user, filter_types[type], filter_severities[severity],
                                            status == 1 ? 0 : status == 2 ? 1 : -1,
                                            ALERT_LIST_MAX, &n_matching, &error);
  if (alerts == NULL)
    {
      g_warning ("Could not read the alert history: %s", error->message);
      return 0;
    }
  any = ascend_health_alert_list_recent (db, user, NULL, NULL, -1, 1, &n_all, NULL);
  unacknowledged = ascend_health_alert_count_unacknowledged (db, user, NULL);

  focus_index = focused_row_index (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alert_list))) != NULL)
    gtk_list_box_remove (self->alert_list, child);
  for (guint i = 0; i < alerts->len; i++)
    gtk_list_box_append (self->alert_list, alert_row (alerts->pdata[i]));

  if (alerts->len == 0)
    {
      adw_status_page_set_title (self->empty_page, n_all == 0 ? _("No Alerts") : _("No Matching Alerts"));
      adw_status_page_set_description (self->empty_page,
        n_all == 0 ? _("When something needs your attention, such as a very high heart rate, an irregular rhythm or a fall, it is listed here.")
                   : _("No alert has this type, severity and status. Choose All to see more."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    {
      g_autofree char *count = n_matching > alerts->len
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing the newest %u of %u alert.",
                                        "Showing the newest %u of %u alerts.", n_matching),
                           alerts->len, n_matching)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert", "%u alerts", n_matching), n_matching);
      gtk_label_set_text (self->count_label, count);
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
  gtk_widget_set_sensitive (self->ack_all_button, unacknowledged > 0);
  restore_focus (self, focus_index);
  return MAX (unacknowledged, 0);
}

static void
filter_changed_cb (AscendAlertsPage *self)
{
  ascend_alerts_page_refresh (self);
}

static void
ack_all_clicked_cb (AscendAlertsPage *self)
{
  GtkWidget *overlay;

  /* The same action as a notification's: 0 means every alert. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.acknowledge-alert", "x", (gint64) 0);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("All alerts acknowledged")));
  if (!gtk_widget_get_sensitive (self->ack_all_button))
    gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

static void
ascend_alerts_page_class_init (AscendAlertsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-alerts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, ack_all_button);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, severity_row);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, alert_list);
  gtk_widget_class_bind_template_child (widget_class, AscendAlertsPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ack_all_clicked_cb);
}

static void
ascend_alerts_page_init (AscendAlertsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 names a mnemonic button "Acknowledge _All Acknowledge All". */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->ack_all_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
ascend_alerts_page_set_application (AscendAlertsPage  *self,
                                    AscendApplication *app)
{
  g_return_if_fail (ASCEND_IS_ALERTS_PAGE (self));

  self->app = app;
  ascend_alerts_page_refresh (self);
}
