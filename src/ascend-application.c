/* ascend-application.c: the GtkApplication; owns the database and settings */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-application.h"
#include <libportal/portal.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "ascend-alert-center.h"
#include "ascend-breathe-history.h"
#include "ascend-emergency-dialog.h"
#include "ascend-health-store.h"
#include "ascend-monitor.h"
#include "ascend-backup.h"
#include "ascend-preferences.h"
#include "ascend-preferences-billing.h"
#include "ascend-secret.h"
#include "ascend-billing.h"
#include "ascend-screenshot.h"
#include "ascend-user-store.h"
#include "ascend-window.h"

struct _AscendApplication
{
  AdwApplication  parent_instance;
  AscendDatabase *database;
  GSettings      *settings;
  gint64          user_id;
  AscendMonitor  *monitor;
  AscendAlertCenter *alerts;
  guint           backup_timer;

  /* Billing: the key never leaves memory for the database or GSettings. */
  char           *billing_key;
  gboolean        billing_key_env;
  GCancellable   *billing_cancellable;
  AscendBilling  *billing;
  char           *billing_problem;
  gboolean        synced;
  gboolean        key_lookup_started;

  /* --background [--sensor SPEC] [--speed X] */
  gboolean        background_start;
  char           *sensor_spec;
  double          speed;
  gboolean        held;

  /* --screenshot mode, for documentation and tests */
  char           *screenshot_path;
  char           *screenshot_section;
  int             screenshot_width;
  int             screenshot_height;
};

G_DEFINE_FINAL_TYPE (AscendApplication, ascend_application, ADW_TYPE_APPLICATION)

enum { BILLING_CHANGED, N_APP_SIGNALS };
static guint app_signals[N_APP_SIGNALS];

AscendApplication *
ascend_application_new (void)
{
  return g_object_new (ASCEND_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/animeascend/AnimeAscend",
                       NULL);
}

AscendDatabase *
ascend_application_get_database (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);
  return self->database;
}

GSettings *
ascend_application_get_settings (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);
  return self->settings;
}

gint64
ascend_application_get_user_id (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), 0);
  return self->user_id;
}

gboolean
ascend_application_create_profile (AscendApplication  *self,
                                   const char         *name,
                                   const char         *email,
                                   GError            **error)
{
  g_autoptr(AscendUser) user = ascend_user_new ();

  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), FALSE);

  user->name = g_strdup (name);
  user->email = g_strdup (email);
  user->login_method = g_strdup ("local");
  g_free (user->role);
  /* The first profile administers the local installation. */
  user->role = g_strdup (self->user_id == 0 ? "admin" : "user");
  if (ascend_user_insert (self->database, user, error) == 0)
    return FALSE;
  self->user_id = user->id;
  return TRUE;
}

static GtkWindow *ensure_window (AscendApplication *self);
static void       request_background (AscendApplication *self);
static void       maybe_sync (AscendApplication *self);

static void
alert_cb (AscendApplication      *self,
          gint64                  alert_id,
          const AscendAlertEvent *event)
{
  GtkWindow *window;

  ascend_application_data_changed (self);
  if (event->severity != ASCEND_SEVERITY_CRITICAL)
    return;
  /* A fall or a critical rhythm: raise the window and ask. */
  window = ensure_window (self);
  if (window == NULL)
    return;
  gtk_window_present (window);
  ascend_emergency_countdown_present (self, window, alert_id, event->message, event->heart_rate,
                                      g_settings_get_int (self->settings, "countdown-seconds"));
}

AscendMonitor *
ascend_application_get_monitor (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);

  if (self->monitor == NULL && self->user_id > 0)
    {
      self->monitor = ascend_monitor_new (self->database, self->user_id);
      self->alerts = ascend_alert_center_new (G_APPLICATION (self), self->database, self->user_id, self->settings);
      ascend_alert_center_watch (self->alerts, self->monitor);
      g_signal_connect_object (self->alerts, "alert", G_CALLBACK (alert_cb), self, G_CONNECT_SWAPPED);
    }
  return self->monitor;
}

void
ascend_application_data_changed (AscendApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (ASCEND_IS_WINDOW (l->data))
      ascend_window_refresh (l->data);
}

static void
show_fatal (AscendApplication *self,
            const GError      *error)
{
  /* Without a database there is nothing to show: say why, plainly. */
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (NULL, _("Anime Ascend could not open its data"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_color_scheme (AscendApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  const char *forced = g_getenv ("ASCEND_FORCE_STYLE");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (forced != NULL)
    {
      g_free (scheme);
      scheme = g_strdup (forced);
    }

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

/* ASCEND_BENCH_FIRST_FRAME: bench/bench-startup prints when the window's
 * first frame is painted (CLOCK_MONOTONIC, shared with the bench process)
 * and quits, to time start-up from exec to pixels. */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GtkWidget     *window)
{
  if (!gtk_widget_get_mapped (window))
    return;
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, window);
  g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
bench_realize_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (bench_after_paint_cb), window, 0);
}

static void
daily_backup_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  gboolean made = FALSE;

  if (!ascend_backup_ensure_today (task_data, &made, &error))
    g_warning ("Daily backup: %s", error->message);
  else if (made)
    g_debug ("Made today's backup of %s", (const char *) task_data);
  g_task_return_boolean (task, TRUE);
}

/* Today's backup when it is missing: at start-up, and checked every hour
 * while the app runs (so a session across midnight gets the new day's). */
static gboolean
daily_backup_cb (gpointer user_data)
{
  AscendApplication *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->database == NULL)
    return G_SOURCE_CONTINUE;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (ascend_database_get_path (self->database)), g_free);
  g_task_run_in_thread (task, daily_backup_thread);
  return G_SOURCE_CONTINUE;
}

static void
schedule_backups (AscendApplication *self)
{
  if (self->backup_timer != 0 || self->screenshot_path != NULL ||
      g_getenv ("ASCEND_BENCH_FIRST_FRAME") != NULL)
    return;
  daily_backup_cb (self);
  self->backup_timer = g_timeout_add_seconds (3600, daily_backup_cb, self);
}

void
ascend_application_reload (AscendApplication *self)
{
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GList) old = NULL;
  GtkWindow *window;

  g_return_if_fail (ASCEND_IS_APPLICATION (self));

  /* The windows go first: their views hold the monitor of the profile
   * that was. The hold keeps the app running with no window meanwhile. */
  g_application_hold (G_APPLICATION (self));
  old = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = old; l != NULL; l = l->next)
    gtk_window_destroy (l->data);

  if (self->monitor != NULL)
    ascend_monitor_set_sensor (self->monitor, NULL);
  g_clear_object (&self->alerts);
  g_clear_object (&self->monitor);

  user = ascend_user_get_first (self->database, NULL);
  self->user_id = user ? user->id : 0;

  /* A new main window builds every view for the data as it is now, or
   * shows onboarding when no profile is left. */
  window = GTK_WINDOW (ascend_window_new (self));
  gtk_window_present (window);
  g_application_release (G_APPLICATION (self));
}

/* Opens the database and finds the profile; FALSE (after telling the
 * person) when the data cannot be opened. */
static gboolean
ensure_database (AscendApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->database != NULL)
    return TRUE;
  self->database = ascend_database_open (NULL, &error);
  if (self->database == NULL)
    {
      if (self->background_start)
        g_printerr ("%s\n", error->message);
      else
        show_fatal (self, error);
      return FALSE;
    }
  {
    g_autoptr(AscendUser) user = ascend_user_get_first (self->database, NULL);
    if (user != NULL)
      {
        self->user_id = user->id;
        ascend_user_touch_signed_in (self->database, user->id, NULL);
        /* Exercise sessions a crash (or a kill) left in progress end as
         * abandoned, with the progress of their last checkpoint. */
        ascend_breathe_history_recover (self->database, user->id, g_get_real_time () / 1000, NULL);
      }
  }
  schedule_backups (self);
  return TRUE;
}

static gboolean
sensor_active (AscendApplication *self)
{
  AscendSensor *sensor = self->monitor ? ascend_monitor_get_sensor (self->monitor) : NULL;
  AscendSensorState state = sensor ? ascend_sensor_get_state (sensor) : ASCEND_SENSOR_DISCONNECTED;

  return sensor != NULL && state != ASCEND_SENSOR_DISCONNECTED && state != ASCEND_SENSOR_FINISHED;
}

static void
update_hold (AscendApplication *self)
{
  gboolean want = sensor_active (self) && g_settings_get_boolean (self->settings, "background-monitoring") &&
                  gtk_application_get_windows (GTK_APPLICATION (self)) == NULL;

  /* With no window left, a hold keeps alerts working in the background. */
  if (want && !self->held)
    {
      g_application_hold (G_APPLICATION (self));
      self->held = TRUE;
    }
  else if (!want && self->held && !self->background_start)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static gboolean
start_sensor (AscendApplication *self,
              const char        *spec,
              GError           **error)
{
  g_autoptr(AscendSensor) sensor = ascend_sensor_new_from_spec (spec, self->speed > 0 ? self->speed : 1.0, error);

  if (sensor == NULL)
    return FALSE;
  ascend_monitor_set_sensor (ascend_application_get_monitor (self), sensor);
  return TRUE;
}

static void
start_background (AscendApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;

  if (self->user_id <= 0)
    {
      g_printerr (_("There is no profile yet: open Anime Ascend once to create one.\n"));
      return;
    }
  spec = self->sensor_spec ? g_strdup (self->sensor_spec) : g_settings_get_string (self->settings, "last-sensor");
  if (spec == NULL || *spec == '\0')
    {
      g_printerr (_("No sensor to monitor: use --sensor, or connect one in the app first.\n"));
      return;
    }
  if (!start_sensor (self, spec, &error))
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  /* Started for the background: stay until quit, window or not. */
  g_application_hold (G_APPLICATION (self));
  self->held = TRUE;
  request_background (self);
}

static GtkWindow *
ensure_window (AscendApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    return window;
  if (!ensure_database (self))
    return NULL;
  if (self->screenshot_section != NULL)
    g_settings_set_string (self->settings, "last-section", self->screenshot_section);
  window = GTK_WINDOW (ascend_window_new (self));
  if (self->screenshot_path != NULL)
    {
      gtk_window_set_default_size (window, self->screenshot_width, self->screenshot_height);
      ascend_screenshot_when_drawn (GTK_WIDGET (window), self->screenshot_path, TRUE);
    }
  if (g_getenv ("ASCEND_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (bench_realize_cb), NULL);
  return window;
}

static void
ascend_application_activate (GApplication *app)
{
  AscendApplication *self = ASCEND_APPLICATION (app);
  GtkWindow *window;

  if (self->background_start && !self->held)
    {
      if (ensure_database (self))
        start_background (self);
      return;
    }
  window = ensure_window (self);
  if (window == NULL)
    return;
  maybe_sync (self);
  if (self->sensor_spec != NULL && self->user_id > 0 && !sensor_active (self))
    {
      g_autoptr(GError) error = NULL;
      if (!start_sensor (self, self->sensor_spec, &error))
        g_printerr ("%s\n", error->message);
    }
  gtk_window_present (window);
}

static void
background_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AscendApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    {
      g_autoptr(GNotification) n = g_notification_new (_("Background monitoring is not allowed"));
      /* Without permission the promise would be a lie: turn it off. */
      g_settings_set_boolean (self->settings, "background-monitoring", FALSE);
      g_notification_set_body (n, _("The system did not allow Anime Ascend to run in the background, so alerts only work while the window is open."));
      g_application_send_notification (G_APPLICATION (self), "background-denied", n);
    }
}

/* Under Flatpak, running without a window and starting at login need the
 * Background portal's permission; elsewhere there is nothing to ask. */
static void
request_background (AscendApplication *self)
{
  g_autoptr(XdpPortal) portal = NULL;
  g_autoptr(GPtrArray) command = NULL;
  GtkWindow *window;
  XdpParent *parent = NULL;

  if (!xdp_portal_running_under_flatpak ())
    return;
  portal = xdp_portal_new ();
  command = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (command, g_strdup ("anime-ascend"));
  g_ptr_array_add (command, g_strdup ("--background"));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    parent = xdp_parent_new_gtk (window);
  xdp_portal_request_background (portal, parent,
                                 _("Keep watching your heart sensor and deliver alerts when the window is closed"),
                                 command, XDP_BACKGROUND_FLAG_AUTOSTART, NULL,
                                 background_result_cb, g_object_ref (self));
  g_clear_pointer (&parent, xdp_parent_free);
}

static void
background_setting_changed_cb (AscendApplication *self)
{
  if (g_settings_get_boolean (self->settings, "background-monitoring"))
    request_background (self);
  update_hold (self);
}

static void
window_removed_cb (AscendApplication *self)
{
  update_hold (self);
}

static void
acknowledge_alert_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AscendApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!ensure_database (self) || self->user_id <= 0)
    return;
  ascend_application_get_monitor (self);
  if (ascend_alert_center_acknowledge (self->alerts, id, &error) < 0)
    g_warning ("Could not acknowledge alert %" G_GINT64_FORMAT ": %s", id, error->message);
  ascend_application_data_changed (self);
}

static void
open_alert_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AscendApplication *self = user_data;
  GtkWindow *window = ensure_window (self);

  if (window == NULL)
    return;
  gtk_window_present (window);
  if (ASCEND_IS_WINDOW (window))
    ascend_window_show_section (ASCEND_WINDOW (window), "health");
}

static void
breathe_now_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AscendApplication *self = user_data;
  g_autoptr(AscendExerciseSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  gint64 id = g_variant_get_int64 (parameter);

  if (!ensure_database (self) || self->user_id <= 0)
    return;
  session = ascend_exercise_session_new ();
  session->user_id = self->user_id;
  session->exercise_type = g_strdup ("box_breathing");
  session->trigger_reason = g_strdup_printf ("high_stress alert %" G_GINT64_FORMAT, id);
  if (ascend_exercise_session_insert (self->database, session, &error) == 0)
    g_warning ("Could not start the breathing exercise: %s", error->message);
  ascend_application_get_monitor (self);
  ascend_alert_center_acknowledge (self->alerts, id, NULL);

  window = ensure_window (self);
  if (window == NULL)
    return;
  gtk_window_present (window);
  if (ASCEND_IS_WINDOW (window))
    ascend_window_show_section (ASCEND_WINDOW (window),
                                ascend_window_has_section (ASCEND_WINDOW (window), "breathe") ? "breathe" : "health");
  ascend_application_data_changed (self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;

  /* Close windows first so they save their size and section. */
  for (GList *l = gtk_application_get_windows (app); l; l = gtk_application_get_windows (app))
    gtk_window_destroy (l->data);
  g_application_quit (G_APPLICATION (app));
}

gboolean
ascend_application_has_billing_key (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), FALSE);
  return self->billing_key != NULL && *self->billing_key != '\0';
}

gboolean
ascend_application_billing_key_from_env (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), FALSE);
  return self->billing_key_env;
}

void
ascend_application_set_billing_key (AscendApplication *self,
                                    const char        *key)
{
  g_return_if_fail (ASCEND_IS_APPLICATION (self));

  if (self->billing_key_env)
    return;
  g_free (self->billing_key);
  self->billing_key = (key != NULL && *key != '\0') ? g_strdup (key) : NULL;
  if (self->billing != NULL)
    ascend_billing_set_secret_key (self->billing, self->billing_key);
  g_clear_pointer (&self->billing_problem, g_free);
  g_signal_emit (self, app_signals[BILLING_CHANGED], 0);
  ascend_application_data_changed (self);
}

char *
ascend_application_get_api_base (AscendApplication *self)
{
  const char *env = g_getenv ("STRIPE_API_BASE");

  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_settings_get_string (self->settings, "stripe-api-base");
}

AscendBilling *
ascend_application_get_billing (AscendApplication *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);

  if (self->billing == NULL && self->database != NULL)
    {
      base = ascend_application_get_api_base (self);
      self->billing = ascend_billing_new (self->database, base, self->billing_key);
    }
  return self->billing;
}

const char *
ascend_application_get_billing_problem (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);
  return self->billing_problem;
}

/* A new address: the next operation uses a new billing object; one already
 * running keeps its own. */
static void
api_base_changed_cb (AscendApplication *self)
{
  g_clear_object (&self->billing);
  g_signal_emit (self, app_signals[BILLING_CHANGED], 0);
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AscendApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = ascend_billing_sync_finish (ASCEND_BILLING (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->billing_problem, g_free);
  if (outcome == NULL)
    /* Quiet: the Shop shows it; start-up goes on as if offline. */
    self->billing_problem = g_strdup_printf (_("Could not bring purchases up to date with Stripe: %s"), error->message);
  g_signal_emit (self, app_signals[BILLING_CHANGED], 0);
  ascend_application_data_changed (self);
}

/* At start, once there is a profile and a key: finishes checkouts a crash
 * left open and brings the plan and payments up to date, in the background. */
static void
maybe_sync (AscendApplication *self)
{
  AscendBilling *billing;

  if (self->synced || self->user_id <= 0 || self->screenshot_path != NULL ||
      !ascend_application_has_billing_key (self) || (billing = ascend_application_get_billing (self)) == NULL)
    return;
  self->synced = TRUE;
  ascend_billing_sync_async (billing, self->user_id, self->billing_cancellable, sync_cb, g_object_ref (self));
}

static void
key_found_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AscendApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = ascend_secret_lookup_key_finish (result, &error);

  /* No keyring, or a locked one: the Shop says how to set a key up. */
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("No Stripe key from the keyring: %s", error->message);
      return;
    }
  if (key != NULL && !self->billing_key_env)
    {
      ascend_application_set_billing_key (self, key);
      maybe_sync (self);
    }
}

static void
lookup_key (AscendApplication *self)
{
  if (self->key_lookup_started || self->billing_key_env)
    return;
  self->key_lookup_started = TRUE;
  ascend_secret_lookup_key_async (self->billing_cancellable, key_found_cb, g_object_ref (self));
}

static void
secrets_owner_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AscendApplication) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  gboolean running = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &running);
  if (running)
    lookup_key (self);
}

/* Never blocks start-up: the keyring answers when it can. A keyring that
 * runs (a desktop session starts it) is asked now, so the start-up sync can
 * run; one that would have to be started for us is asked only when the
 * Shop or Preferences → Billing needs the key. In Flatpak libsecret talks
 * to the Secret portal, always there. */
static void
load_billing_key (AscendApplication *self)
{
  const char *env = g_getenv ("STRIPE_API_KEY");
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  if (self->billing_cancellable != NULL)
    return;
  self->billing_cancellable = g_cancellable_new ();
  if (env != NULL && *env != '\0')
    {
      self->billing_key = g_strdup (env);
      self->billing_key_env = TRUE;
      return;
    }
  if (self->screenshot_path != NULL)
    return;
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || bus == NULL)
    {
      lookup_key (self);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "NameHasOwner", g_variant_new ("(s)", "org.freedesktop.secrets"), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->billing_cancellable, secrets_owner_cb, g_object_ref (self));
}

void
ascend_application_ensure_billing_key (AscendApplication *self)
{
  g_return_if_fail (ASCEND_IS_APPLICATION (self));

  if (self->billing_cancellable != NULL && self->screenshot_path == NULL)
    lookup_key (self);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AscendApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->user_id <= 0)
    return;
  gtk_window_present (GTK_WINDOW (ascend_preferences_new (self, parent)));
}

static void
preferences_billing_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  AscendApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AscendPreferences *prefs;

  if (self->user_id <= 0)
    return;
  prefs = ascend_preferences_new (self, parent);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), ASCEND_PREFERENCES_BILLING_PAGE);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AscendApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("Anime Ascend contributors"), NULL };
  const char *artists[] = { _("Hoshi, the app icon and the rank badges: Anime Ascend contributors (GPL-3.0-or-later)"), NULL };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "application-icon", APP_ID,
                                   "application-name", _("Anime Ascend"),
                                   "developer-name", _("Anime Ascend contributors"),
                                   "version", PACKAGE_VERSION,
                                   "comments", _("A wellness companion that levels up with you: quests, journal, breathing and heart monitoring, all kept on your computer."),
                                   "website", "https://github.com/animeascend/AnimeAscend",
                                   "issue-url", "https://github.com/animeascend/AnimeAscend/issues",
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "developers", developers,
                                   "artists", artists,
                                   /* TRANSLATORS: replace with your name and email */
                                   "translator-credits", _("translator-credits"),
                                   NULL);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Fonts"), NULL, GTK_LICENSE_CUSTOM,
                                      _("Headings use Comfortaa by Johan Aakerlund (SIL Open Font License 1.1) when it is installed."));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "acknowledge-alert", acknowledge_alert_activated, "x" },
  { "open-alert", open_alert_activated, "x" },
  { "breathe-now", breathe_now_activated, "x" },
  { "preferences", preferences_activated },
  { "preferences-billing", preferences_billing_activated },
  { "about", about_activated },
};

static void
ascend_application_startup (GApplication *app)
{
  AscendApplication *self = ASCEND_APPLICATION (app);

  G_APPLICATION_CLASS (ascend_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), NULL);
  g_signal_connect_object (self->settings, "changed::background-monitoring",
                           G_CALLBACK (background_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  g_signal_connect_object (self->settings, "changed::stripe-api-base",
                           G_CALLBACK (api_base_changed_cb), self, G_CONNECT_SWAPPED);
  load_billing_key (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.about", (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", (const char *[]) { "<Control>question", NULL });
}

static int
ascend_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  AscendApplication *self = ASCEND_APPLICATION (app);
  const char *path = NULL, *size = NULL, *style = NULL, *section = NULL;

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &path))
    {
      self->screenshot_path = g_strdup (path);
      self->screenshot_width = 1280;
      self->screenshot_height = 800;
      if (g_variant_dict_lookup (options, "size", "&s", &size) &&
          sscanf (size, "%dx%d", &self->screenshot_width, &self->screenshot_height) != 2)
        {
          g_printerr (_("--size takes WIDTHxHEIGHT, for example 360x720\n"));
          return 2;
        }
      /* A screenshot run must not meet (or become) another instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  if (g_variant_dict_lookup (options, "style", "&s", &style))
    {
      if (!g_str_equal (style, "light") && !g_str_equal (style, "dark"))
        {
          g_printerr (_("--style takes light or dark\n"));
          return 2;
        }
      g_setenv ("ASCEND_FORCE_STYLE", style, TRUE);
    }
  if (g_variant_dict_contains (options, "background"))
    self->background_start = TRUE;
  {
    const char *spec = NULL;
    double speed = 0;
    if (g_variant_dict_lookup (options, "sensor", "&s", &spec))
      self->sensor_spec = g_strdup (spec);
    if (g_variant_dict_lookup (options, "speed", "d", &speed))
      {
        if (speed <= 0 || speed > 100000)
          {
            g_printerr (_("--speed takes a number above 0 and at most 100000\n"));
            return 2;
          }
        self->speed = speed;
      }
  }
  if (g_variant_dict_lookup (options, "section", "&s", &section))
    self->screenshot_section = g_strdup (section);
  return -1;
}

static void
ascend_application_dispose (GObject *object)
{
  AscendApplication *self = ASCEND_APPLICATION (object);

  if (self->billing_cancellable != NULL)
    g_cancellable_cancel (self->billing_cancellable);
  g_clear_object (&self->billing_cancellable);
  g_clear_pointer (&self->billing_key, g_free);
  g_clear_pointer (&self->billing_problem, g_free);
  g_clear_object (&self->billing);
  g_clear_handle_id (&self->backup_timer, g_source_remove);
  g_clear_object (&self->alerts);
  g_clear_object (&self->monitor);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->screenshot_section, g_free);
  g_clear_pointer (&self->sensor_spec, g_free);
  G_OBJECT_CLASS (ascend_application_parent_class)->dispose (object);
}

static void
ascend_application_class_init (AscendApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ascend_application_dispose;
  G_APPLICATION_CLASS (klass)->activate = ascend_application_activate;
  G_APPLICATION_CLASS (klass)->startup = ascend_application_startup;
  G_APPLICATION_CLASS (klass)->handle_local_options = ascend_application_handle_local_options;

  app_signals[BILLING_CHANGED] = g_signal_new ("billing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ascend_application_init (AscendApplication *self)
{
  static const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Save a PNG of the window once it is drawn, then quit"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Window size for --screenshot"), N_("WIDTHxHEIGHT") },
    { "style", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Force the light or dark style"), N_("light|dark") },
    { "section", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open this section"), N_("NAME") },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Monitor the heart sensor with no window (alerts still reach you)"), NULL },
    { "sensor", 0, 0, G_OPTION_ARG_STRING, NULL, N_("simulated[:SCENARIO], replay:FILE or bluez[:ADDRESS]"), N_("SPEC") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, NULL, N_("Play simulated or recorded time this many times faster"), N_("X") },
    { NULL }
  };
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
