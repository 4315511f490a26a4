/* ascend-health-view.c: the Health section: Monitor (the live sensor, SOS,
 * manual readings, today), Alerts and Contacts pages */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-health-view.h"
#include "ascend-alerts-page.h"
#include "ascend-contacts-page.h"
#include "ascend-health-trends.h"
#include "ascend-bluez-device.h"
#include "ascend-bluez-scanner.h"
#include "ascend-bluez-sensor.h"
#include "ascend-health-store.h"
#include "ascend-heartbeat.h"
#include "ascend-monitor.h"
#include "ascend-reading-rules.h"
#include "ascend-simulated-sensor.h"
#include "ascend-window.h"

#define TODAY_LIST_MAX 60

struct _AscendHealthView
{
  AdwBin             parent_instance;

  AscendApplication *app;
  AscendMonitor     *monitor;   /* owned by the application */
  gulong             live_id;
  gulong             minute_id;
  gulong             state_id;

  AscendBluezScanner *scanner;  /* created on the first search */

  AdwViewStack      *page_stack;
  AdwViewStackPage  *alerts_stack_page;
  AscendAlertsPage  *alerts_page;
  AscendContactsPage *contacts_page;
  AscendHealthTrends *trends_page;

  AscendHeartbeat   *heartbeat;
  GtkWidget         *devices_box;
  GtkSpinner        *scan_spinner;
  GtkLabel          *adapter_label;
  GtkListBox        *device_list;
  GtkLabel          *live_hr_label;
  GtkLabel          *sensor_name_label;
  GtkLabel          *sensor_state_label;
  GtkWidget         *simulated_badge;
  GtkLabel          *rmssd_label;
  GtkLabel          *stress_label;
  GtkLabel          *rhythm_label;
  GtkLabel          *contact_label;
  GtkDropDown       *scenario_dropdown;
  GtkWidget         *simulate_button;
  GtkWidget         *disconnect_button;
  AdwEntryRow       *manual_hr_row;
  AdwEntryRow       *manual_stress_row;
  GtkLabel          *manual_error;
  GtkStack          *today_stack;
  GtkListBox        *today_list;
  GtkLabel          *today_more;
};

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendHealthView, ascend_health_view, ADW_TYPE_BIN)

static void
toast (AscendHealthView *self,
       const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ASCEND_IS_WINDOW (root))
    ascend_window_toast (ASCEND_WINDOW (root), message);
}

/* An emergency is confirmed at once, not after the toasts queued before it. */
static void
urgent_toast (AscendHealthView *self,
              const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ASCEND_IS_WINDOW (root))
    ascend_window_toast_urgent (ASCEND_WINDOW (root), message);
}

static void
local_day_bounds (gint64 *start,
                  gint64 *end)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  *start = g_date_time_to_unix (midnight) * 1000;
  *end = g_date_time_to_unix (next) * 1000;
}

static const char *
reading_type_label (const char *type)
{
  if (g_strcmp0 (type, "manual") == 0)
    return _("typed in");
  if (g_strcmp0 (type, "emergency") == 0)
    return _("emergency");
  return _("from the sensor");
}

static GtkWidget *
reading_row (AscendHealthReading *r)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->created_at / 1000);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  GString *title = g_string_new (NULL);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", time, reading_type_label (r->reading_type));

  if (r->heart_rate != ASCEND_NO_INT)
    g_string_append_printf (title, _("%" PRId64 " bpm"), r->heart_rate);
  if (!isnan (r->hrv))
    g_string_append_printf (title, _(" · HRV %.0f ms"), r->hrv);
  if (r->stress_level != ASCEND_NO_INT)
    g_string_append_printf (title, _(" · stress %" PRId64), r->stress_level);
  if (title->len == 0)
    g_string_append (title, g_strcmp0 (r->reading_type, "emergency") == 0
                            ? _("Emergency (no heart rate measured)") : _("No heart rate measured"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (r->arrhythmia_detected)
    {
      GtkWidget *flag = gtk_label_new (_("Irregular"));
      gtk_widget_add_css_class (flag, "ascend-badge-warning");
      gtk_widget_set_valign (flag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag);
    }
  if (g_strcmp0 (r->reading_type, "emergency") == 0)
    gtk_widget_add_css_class (row, "ascend-row-emergency");
  g_string_free (title, TRUE);
  return row;
}

void
ascend_health_view_refresh (AscendHealthView *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  gint64 user = ascend_application_get_user_id (self->app);
  g_autoptr(GPtrArray) today = NULL;
  gint64 start, end;
  GtkWidget *child;
  guint shown = 0;

  if (user <= 0)
    return;
  adw_view_stack_page_set_badge_number (self->alerts_stack_page,
                                        (guint) ascend_alerts_page_refresh (self->alerts_page));
  ascend_contacts_page_refresh (self->contacts_page);
  ascend_health_trends_refresh (self->trends_page);
  local_day_bounds (&start, &end);
  today = ascend_health_reading_list (db, user, start, end, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->today_list))) != NULL)
    gtk_list_box_remove (self->today_list, child);

  if (today == NULL || today->len == 0)
    {
      gtk_stack_set_visible_child_name (self->today_stack, "empty");
      return;
    }
  /* Newest first; a day of per-minute rows is summed up below the list. */
  for (guint i = today->len; i > 0 && shown < TODAY_LIST_MAX; i--, shown++)
    gtk_list_box_append (self->today_list, reading_row (today->pdata[i - 1]));
  if (today->len > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Showing the latest %u of %u reading today.",
                                                            "Showing the latest %u of %u readings today.",
                                                            today->len),
                                               shown, today->len);
      gtk_label_set_text (self->today_more, more);
      gtk_widget_set_visible (GTK_WIDGET (self->today_more), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->today_more), FALSE);
  gtk_stack_set_visible_child_name (self->today_stack, "list");
}

static void
show_live (AscendHealthView      *self,
           const AscendLiveState *live)
{
  AscendSensor *sensor = ascend_monitor_get_sensor (self->monitor);
  gboolean connected = sensor && ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED;
  g_autofree char *hr = NULL;
  g_autofree char *rmssd = NULL;
  g_autofree char *stress = NULL;
  g_autofree char *accessible = NULL;

  hr = connected && live->heart_rate > 0 ? g_strdup_printf (_("%u bpm"), live->heart_rate) : g_strdup ("–");
  rmssd = connected && !isnan (live->rmssd_60s) ? g_strdup_printf (_("%.0f ms"), live->rmssd_60s) : g_strdup ("–");
  stress = live->stress > 0 ? g_strdup_printf (_("%d of 10"), live->stress) : g_strdup ("–");

  gtk_label_set_text (self->live_hr_label, hr);
  gtk_label_set_text (self->rmssd_label, rmssd);
  gtk_label_set_text (self->stress_label, stress);
  gtk_label_set_text (self->rhythm_label, !connected ? "–" : live->irregular ? _("Irregular") : _("Regular"));
  gtk_label_set_text (self->contact_label,
                      !connected ? "–" :
                      live->contact == ASCEND_CONTACT_DETECTED ? _("Good") :
                      live->contact == ASCEND_CONTACT_NOT_DETECTED ? _("No contact") : _("Not reported"));
  ascend_heartbeat_set_rate (self->heartbeat, connected ? live->heart_rate : 0);
  accessible = g_strdup_printf (_("Heart rate %s"), hr);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heartbeat), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
show_sensor (AscendHealthView *self)
{
  AscendSensor *sensor = ascend_monitor_get_sensor (self->monitor);

  if (sensor == NULL)
    {
      gtk_label_set_text (self->sensor_name_label, _("No sensor connected"));
      gtk_label_set_text (self->sensor_state_label,
                          _("Find a Bluetooth heart-rate strap or watch, or try the simulated sensor."));
      gtk_widget_set_visible (self->simulated_badge, FALSE);
      gtk_widget_set_sensitive (self->disconnect_button, FALSE);
    }
  else
    {
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      AscendSensorState state = ascend_sensor_get_state (sensor);

      g_object_get (sensor, "display-name", &name, "status-message", &message, NULL);
      gtk_label_set_text (self->sensor_name_label, name);
      if (state == ASCEND_SENSOR_FAILED && message != NULL)
        gtk_label_set_text (self->sensor_state_label, message);
      else
        gtk_label_set_text (self->sensor_state_label, ascend_sensor_state_to_string (state));
      gtk_widget_set_visible (self->simulated_badge, ascend_sensor_is_simulated (sensor));
      gtk_widget_set_sensitive (self->disconnect_button,
                                state != ASCEND_SENSOR_DISCONNECTED && state != ASCEND_SENSOR_FINISHED);
    }
  show_live (self, ascend_monitor_get_live (self->monitor));
}

static void
live_cb (AscendMonitor         *monitor,
         const AscendLiveState *live,
         AscendHealthView      *self)
{
  show_live (self, live);
}

static void
minute_cb (AscendMonitor       *monitor,
           AscendHealthReading *reading,
           AscendHealthView    *self)
{
  ascend_application_data_changed (self->app);
}

static void
sensor_state_cb (AscendMonitor    *monitor,
                 int               state,
                 AscendHealthView *self)
{
  show_sensor (self);
  if (state == ASCEND_SENSOR_RECONNECTING)
    toast (self, _("The sensor disconnected. Trying to reconnect…"));
}

static void
simulate_clicked_cb (AscendHealthView *self)
{
  guint selected = gtk_drop_down_get_selected (self->scenario_dropdown);
  g_autoptr(AscendSimulatedSensor) sensor =
    ascend_simulated_sensor_new ((AscendScenario) MIN (selected, ASCEND_SCENARIO_HIGH_HR), 1.0,
                                 (guint32) g_get_real_time ());

  ascend_monitor_set_sensor (self->monitor, ASCEND_SENSOR (sensor));
  show_sensor (self);
  toast (self, _("Simulated sensor started. Its numbers are not measured on you."));
}

static char *
device_subtitle (AscendBluezDevice *device)
{
  int rssi = ascend_bluez_device_get_rssi (device);
  int battery = ascend_bluez_device_get_battery (device);
  const char *signal = rssi == G_MININT16 ? _("out of range")
                     : rssi >= -60 ? _("strong signal")
                     : rssi >= -75 ? _("good signal") : _("weak signal");
  g_autofree char *battery_text = battery >= 0 ? g_strdup_printf (_("battery %d%%"), battery) : NULL;

  if (ascend_bluez_device_get_connected (device))
    return g_strdup_printf (_("Connected · %s%s%s"), signal, battery_text ? " · " : "", battery_text ? battery_text : "");
  return g_strdup_printf ("%s%s%s · %s", signal, battery_text ? " · " : "", battery_text ? battery_text : "",
                          ascend_bluez_device_get_address (device));
}

static void
device_notify_cb (AscendBluezDevice *device,
                  GParamSpec        *pspec,
                  AdwActionRow      *row)
{
  g_autofree char *subtitle = device_subtitle (device);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ascend_bluez_device_get_name (device));
  adw_action_row_set_subtitle (row, subtitle);
}

static void
connect_device_cb (GtkButton *button,
                   gpointer   user_data)
{
  AscendHealthView *self = ASCEND_HEALTH_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), ASCEND_TYPE_HEALTH_VIEW));
  const char *address = g_object_get_data (G_OBJECT (button), "address");
  g_autoptr(AscendBluezSensor) sensor = ascend_bluez_sensor_new (address);
  g_autofree char *spec = g_strdup_printf ("bluez:%s", address);

  if (self->scanner != NULL)
    ascend_bluez_scanner_stop (self->scanner);
  gtk_spinner_stop (self->scan_spinner);
  ascend_monitor_set_sensor (self->monitor, ASCEND_SENSOR (sensor));
  /* Background monitoring reconnects to the sensor used last. */
  g_settings_set_string (ascend_application_get_settings (self->app), "last-sensor", spec);
  show_sensor (self);
}

static GtkWidget *
create_device_row (gpointer item,
                   gpointer user_data)
{
  AscendBluezDevice *device = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Connect"));
  GtkWidget *icon = gtk_image_new_from_icon_name ("bluetooth-active-symbolic");
  g_autofree char *accessible = NULL;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "address", g_strdup (ascend_bluez_device_get_address (device)), g_free);
  accessible = g_strdup_printf (_("Connect to %s"), ascend_bluez_device_get_name (device));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (connect_device_cb), NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  device_notify_cb (device, NULL, ADW_ACTION_ROW (row));
  /* Signal and battery change while the list is shown. */
  g_signal_connect_object (device, "notify", G_CALLBACK (device_notify_cb), row, 0);
  return row;
}

static void
adapter_changed_cb (AscendHealthView *self)
{
  GListModel *devices = ascend_bluez_scanner_get_devices (self->scanner);
  const char *message = ascend_bluez_scanner_get_adapter_message (self->scanner);
  gboolean ready = ascend_bluez_scanner_get_adapter_state (self->scanner) == ASCEND_BLUEZ_ADAPTER_READY;

  if (ready && g_list_model_get_n_items (devices) == 0)
    message = _("Searching… Put on your strap (wet the electrodes) or start broadcasting on your watch.");
  gtk_label_set_text (self->adapter_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->adapter_label), message != NULL && *message != '\0');
  if (ascend_bluez_scanner_get_scanning (self->scanner) && ready)
    gtk_spinner_start (self->scan_spinner);
  else
    gtk_spinner_stop (self->scan_spinner);
}

static void
scan_clicked_cb (AscendHealthView *self)
{
  if (self->scanner == NULL)
    {
      self->scanner = ascend_bluez_scanner_new ();
      gtk_list_box_bind_model (self->device_list, ascend_bluez_scanner_get_devices (self->scanner),
                               create_device_row, self, NULL);
      g_signal_connect_object (self->scanner, "notify", G_CALLBACK (adapter_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (ascend_bluez_scanner_get_devices (self->scanner), "items-changed",
                               G_CALLBACK (adapter_changed_cb), self, G_CONNECT_SWAPPED);
    }
  ascend_bluez_scanner_start (self->scanner);
  gtk_widget_set_visible (self->devices_box, TRUE);
  adapter_changed_cb (self);
}

static void
disconnect_clicked_cb (AscendHealthView *self)
{
  ascend_monitor_set_sensor (self->monitor, NULL);
  show_sensor (self);
  ascend_application_data_changed (self->app);
}

static void
set_manual_error (AscendHealthView *self,
                  int               field,
                  const char       *message)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->manual_hr_row), GTK_WIDGET (self->manual_stress_row) };

  for (int i = 0; i < 2; i++)
    {
      if (message && i == field)
        {
          gtk_widget_add_css_class (rows[i], "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
        }
      else
        {
          gtk_widget_remove_css_class (rows[i], "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
  gtk_label_set_text (self->manual_error, message ? message : "");
}

static void
manual_changed_cb (AscendHealthView *self)
{
  set_manual_error (self, -1, NULL);
}

static gboolean
save_reading (AscendHealthView *self,
              const char       *type,
              gint64            heart_rate,
              gint64            stress,
              GError          **error)
{
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();

  r->user_id = ascend_application_get_user_id (self->app);
  r->heart_rate = heart_rate;
  r->stress_level = stress;
  g_free (r->reading_type);
  r->reading_type = g_strdup (type);
  if (ascend_health_reading_insert (ascend_application_get_database (self->app), r, error) == 0)
    return FALSE;
  ascend_application_data_changed (self->app);
  return TRUE;
}

static void
manual_save_cb (AscendHealthView *self)
{
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  int hr, stress, bad;

  if (!ascend_manual_reading_parse (gtk_editable_get_text (GTK_EDITABLE (self->manual_hr_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->manual_stress_row)),
                                    &hr, &stress, &bad, &message))
    {
      set_manual_error (self, bad, message);
      gtk_widget_grab_focus (GTK_WIDGET (bad == 0 ? self->manual_hr_row : self->manual_stress_row));
      return;
    }
  if (!save_reading (self, "manual", hr, stress > 0 ? stress : ASCEND_NO_INT, &error))
    {
      set_manual_error (self, 0, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->manual_hr_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->manual_stress_row), "");
  set_manual_error (self, -1, NULL);
  toast (self, _("Reading saved"));
}

static void
sos_clicked_cb (AscendHealthView *self)
{
  const AscendLiveState *live = ascend_monitor_get_live (self->monitor);
  AscendSensor *sensor = ascend_monitor_get_sensor (self->monitor);
  gboolean have_hr = sensor && ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED && live->heart_rate >= 20;
  g_autoptr(GError) error = NULL;

  /* Record first, ask nothing: in an emergency one click must be enough. */
  if (!save_reading (self, "emergency", have_hr ? (gint64) live->heart_rate : ASCEND_NO_INT,
                     live->stress > 0 ? live->stress : ASCEND_NO_INT, &error))
    {
      toast (self, error->message);
      return;
    }
  urgent_toast (self, have_hr ? _("Emergency reading saved with your current heart rate")
                       : _("Emergency reading saved (no sensor connected, so without a heart rate)"));
}

static void
ascend_health_view_dispose (GObject *object)
{
  AscendHealthView *self = ASCEND_HEALTH_VIEW (object);

  if (self->scanner != NULL)
    ascend_bluez_scanner_stop (self->scanner);
  g_clear_object (&self->scanner);
  if (self->monitor)
    {
      g_clear_signal_handler (&self->live_id, self->monitor);
      g_clear_signal_handler (&self->minute_id, self->monitor);
      g_clear_signal_handler (&self->state_id, self->monitor);
      self->monitor = NULL;
    }
  G_OBJECT_CLASS (ascend_health_view_parent_class)->dispose (object);
}

static void
ascend_health_view_class_init (AscendHealthViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_health_view_dispose;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_health_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_HEARTBEAT);
  g_type_ensure (ASCEND_TYPE_ALERTS_PAGE);
  g_type_ensure (ASCEND_TYPE_CONTACTS_PAGE);
  g_type_ensure (ASCEND_TYPE_HEALTH_TRENDS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-health-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, alerts_stack_page);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, alerts_page);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, contacts_page);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, trends_page);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, heartbeat);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, devices_box);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, adapter_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, device_list);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, live_hr_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, sensor_name_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, sensor_state_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, simulated_badge);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, rmssd_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, stress_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, rhythm_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, contact_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, simulate_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, manual_hr_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, manual_stress_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, manual_error);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, today_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, today_list);
  gtk_widget_class_bind_template_child (widget_class, AscendHealthView, today_more);
  gtk_widget_class_bind_template_callback (widget_class, simulate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, scan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, disconnect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, manual_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, manual_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, sos_clicked_cb);
}

/* GTK 4.8 names a button with a mnemonic "_Find Sensors Find Sensors" for
 * screen readers (the raw label plus its mnemonic label); without the
 * explicit label the label widget alone names it. */
static void
fix_mnemonic_names (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    fix_mnemonic_names (child);
}

static void
ascend_health_view_init (AscendHealthView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fix_mnemonic_names (GTK_WIDGET (self));
  /* GTK 4.8's drop-down gives its focusable toggle no name: screen readers
   * heard "GtkToggleButton". Name it after what it chooses. */
  {
    GtkWidget *toggle = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_dropdown));
    if (toggle != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Simulation scenario"), -1);
  }
}

AscendHealthView *
ascend_health_view_new (AscendApplication *app)
{
  AscendHealthView *self = g_object_new (ASCEND_TYPE_HEALTH_VIEW, NULL);

  self->app = app;
  ascend_alerts_page_set_application (self->alerts_page, app);
  ascend_contacts_page_set_application (self->contacts_page, app);
  ascend_health_trends_set_application (self->trends_page, app);
  /* Screenshots and tests of a page other than the first. */
  if (g_getenv ("ASCEND_HEALTH_PAGE") != NULL)
    adw_view_stack_set_visible_child_name (self->page_stack, g_getenv ("ASCEND_HEALTH_PAGE"));
  self->monitor = ascend_application_get_monitor (app);
  if (self->monitor != NULL)
    {
      self->live_id = g_signal_connect (self->monitor, "live", G_CALLBACK (live_cb), self);
      self->minute_id = g_signal_connect (self->monitor, "minute", G_CALLBACK (minute_cb), self);
      self->state_id = g_signal_connect (self->monitor, "sensor-state-changed", G_CALLBACK (sensor_state_cb), self);
      show_sensor (self);
    }
  return self;
}
