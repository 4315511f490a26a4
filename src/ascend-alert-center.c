/* ascend-alert-center.c: alert rules, healthAlerts rows, notifications */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "ascend-alert-center.h"
#include "ascend-health-store.h"

struct _AscendAlertCenter
{
  GObject            parent_instance;

  GApplication      *app;      /* weak: the application owns us */
  AscendDatabase    *db;
  gint64             user_id;
  GSettings         *settings;
  AscendAlertEngine *engine;
  AscendMonitor     *monitor;
  gulong             minute_id;
  gulong             fall_id;
  gulong             state_id;
  int                last_state;
};

enum { ALERT, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendAlertCenter, ascend_alert_center, G_TYPE_OBJECT)

static const struct {
  const char *setting;
  gsize       offset;
} threshold_keys[] = {
  { "high-hr-rest-bpm", G_STRUCT_OFFSET (AscendAlertThresholds, high_hr_rest_bpm) },
  { "high-hr-exercise-bpm", G_STRUCT_OFFSET (AscendAlertThresholds, high_hr_exercise_bpm) },
  { "high-hr-minutes", G_STRUCT_OFFSET (AscendAlertThresholds, high_hr_minutes) },
  { "very-high-hr-bpm", G_STRUCT_OFFSET (AscendAlertThresholds, very_high_hr_bpm) },
  { "low-hr-bpm", G_STRUCT_OFFSET (AscendAlertThresholds, low_hr_bpm) },
  { "very-low-hr-bpm", G_STRUCT_OFFSET (AscendAlertThresholds, very_low_hr_bpm) },
  { "low-hr-minutes", G_STRUCT_OFFSET (AscendAlertThresholds, low_hr_minutes) },
  { "high-stress-level", G_STRUCT_OFFSET (AscendAlertThresholds, high_stress_level) },
  { "high-stress-minutes", G_STRUCT_OFFSET (AscendAlertThresholds, high_stress_minutes) },
  { "arrhythmia-minutes", G_STRUCT_OFFSET (AscendAlertThresholds, arrhythmia_minutes) },
  { "alert-cooldown-minutes", G_STRUCT_OFFSET (AscendAlertThresholds, cooldown_minutes) },
};

static void
load_thresholds (AscendAlertCenter *self)
{
  AscendAlertThresholds t;

  ascend_alert_thresholds_init_default (&t);
  if (self->settings != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (threshold_keys); i++)
      G_STRUCT_MEMBER (int, &t, threshold_keys[i].offset) =
        g_settings_get_int (self->settings, threshold_keys[i].setting);
  ascend_alert_engine_set_thresholds (self->engine, &t);
}

char *
ascend_alert_notification_id (gint64 alert_id)
{
  return g_strdup_printf ("alert-%" PRId64, alert_id);
}

static const char *
title_for (AscendAlertType type)
{
  switch (type)
    {
    case ASCEND_ALERT_FALL_DETECTED: return _("Did you fall?");
    case ASCEND_ALERT_ARRHYTHMIA: return _("Irregular heart rhythm");
    case ASCEND_ALERT_HIGH_STRESS: return _("Your stress is high");
    case ASCEND_ALERT_LOW_HEART_RATE: return _("Heart rate is low");
    case ASCEND_ALERT_HIGH_HEART_RATE: return _("Heart rate is high");
    default: return _("Health alert");
    }
}

static const char *
icon_for (AscendAlertType type)
{
  switch (type)
    {
    case ASCEND_ALERT_FALL_DETECTED: return "dialog-warning-symbolic";
    case ASCEND_ALERT_ARRHYTHMIA: return "media-playlist-shuffle-symbolic";
    case ASCEND_ALERT_HIGH_STRESS: return "weather-storm-symbolic";
    case ASCEND_ALERT_LOW_HEART_RATE: return "go-down-symbolic";
    case ASCEND_ALERT_HIGH_HEART_RATE: return "go-up-symbolic";
    default: return "emblem-important-symbolic";
    }
}

static GNotificationPriority
priority_for (AscendSeverity severity)
{
  switch (severity)
    {
    case ASCEND_SEVERITY_CRITICAL: return G_NOTIFICATION_PRIORITY_URGENT;
    case ASCEND_SEVERITY_HIGH: return G_NOTIFICATION_PRIORITY_HIGH;
    case ASCEND_SEVERITY_MEDIUM: return G_NOTIFICATION_PRIORITY_NORMAL;
    default: return G_NOTIFICATION_PRIORITY_LOW;
    }
}

static void
notify (AscendAlertCenter      *self,
        gint64                  alert_id,
        const AscendAlertEvent *event)
{
  g_autoptr(GNotification) n = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *id = NULL;
  GVariant *target = g_variant_new_int64 (alert_id);

  if (self->app == NULL)
    return;
  g_variant_ref_sink (target);
  n = g_notification_new (title_for (event->type));
  g_notification_set_body (n, event->message);
  icon = g_themed_icon_new (icon_for (event->type));
  g_notification_set_icon (n, icon);
  g_notification_set_priority (n, priority_for (event->severity));
  g_notification_set_default_action_and_target_value (n, "app.open-alert", target);
  g_notification_add_button_with_target_value (n, _("Acknowledge"), "app.acknowledge-alert", target);
  g_notification_add_button_with_target_value (n, _("Open"), "app.open-alert", target);
  if (event->type == ASCEND_ALERT_HIGH_STRESS)
    g_notification_add_button_with_target_value (n, _("Breathe Now"), "app.breathe-now", target);
  id = ascend_alert_notification_id (alert_id);
  g_application_send_notification (self->app, id, n);
  g_variant_unref (target);
}

static void
raise_events (AscendAlertCenter      *self,
              const AscendAlertEvent *events,
              guint                   n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AscendHealthAlert) alert = ascend_health_alert_new ();
      g_autoptr(GError) error = NULL;
      const AscendAlertEvent *e = &events[i];

      alert->user_id = self->user_id;
      alert->alert_type = g_strdup (ascend_alert_type_to_string (e->type));
      alert->severity = g_strdup (ascend_severity_to_string (e->severity));
      alert->message = g_strdup (e->message);
      alert->heart_rate = e->heart_rate >= 20 && e->heart_rate <= 300 ? e->heart_rate : ASCEND_NO_INT;
      alert->stress_level = e->stress_level >= 1 && e->stress_level <= 10 ? e->stress_level : ASCEND_NO_INT;
      alert->created_at = e->time_ms;
      /* The row comes first: a notification the person acts on must have
       * something to acknowledge. */
      if (ascend_health_alert_insert (self->db, alert, &error) == 0)
        {
          g_warning ("Could not save an alert: %s", error->message);
          continue;
        }
      notify (self, alert->id, e);
      g_signal_emit (self, signals[ALERT], 0, alert->id, e);
    }
}

static void
minute_cb (AscendMonitor       *monitor,
           AscendHealthReading *r,
           AscendAlertCenter   *self)
{
  AscendAlertEvent events[ASCEND_ALERT_N_TYPES];
  gboolean exercising = ascend_exercise_session_active (self->db, self->user_id, r->created_at, NULL);
  guint n;

  n = ascend_alert_engine_feed_minute (self->engine, r->created_at,
                                       r->heart_rate == ASCEND_NO_INT ? 0 : (int) r->heart_rate,
                                       r->stress_level == ASCEND_NO_INT ? 0 : (int) r->stress_level,
                                       r->arrhythmia_detected, exercising, events, G_N_ELEMENTS (events));
  raise_events (self, events, n);
}

static void
fall_cb (AscendMonitor     *monitor,
         gint64             time_ms,
         AscendAlertCenter *self)
{
  AscendAlertEvent event;
  const AscendLiveState *live = ascend_monitor_get_live (monitor);

  if (ascend_alert_engine_feed_fall (self->engine, time_ms, (int) live->heart_rate, &event))
    raise_events (self, &event, 1);
}

static void
sensor_state_cb (AscendMonitor     *monitor,
                 int                state,
                 AscendAlertCenter *self)
{
  /* A sensor that drops while monitoring is told, not silently lost. */
  if (self->app != NULL && state == ASCEND_SENSOR_RECONNECTING && self->last_state == ASCEND_SENSOR_CONNECTED)
    {
      g_autoptr(GNotification) n = g_notification_new (_("Heart sensor disconnected"));
      g_notification_set_body (n, _("Monitoring paused. Anime Ascend keeps trying to reconnect; check that the strap is on and charged."));
      g_notification_set_default_action (n, "app.activate");
      g_application_send_notification (self->app, "sensor-disconnected", n);
    }
  else if (self->app != NULL && state == ASCEND_SENSOR_CONNECTED)
    g_application_withdraw_notification (self->app, "sensor-disconnected");
  self->last_state = state;
}

void
ascend_alert_center_watch (AscendAlertCenter *self,
                           AscendMonitor     *monitor)
{
  g_return_if_fail (ASCEND_IS_ALERT_CENTER (self));

  if (self->monitor != NULL)
    {
      g_clear_signal_handler (&self->minute_id, self->monitor);
      g_clear_signal_handler (&self->fall_id, self->monitor);
      g_clear_signal_handler (&self->state_id, self->monitor);
      g_clear_object (&self->monitor);
    }
  if (monitor == NULL)
    return;
  self->monitor = g_object_ref (monitor);
  self->minute_id = g_signal_connect (monitor, "minute", G_CALLBACK (minute_cb), self);
  self->fall_id = g_signal_connect (monitor, "fall", G_CALLBACK (fall_cb), self);
  self->state_id = g_signal_connect (monitor, "sensor-state-changed", G_CALLBACK (sensor_state_cb), self);
}

gint64
ascend_alert_center_acknowledge (AscendAlertCenter  *self,
                                 gint64              alert_id,
                                 GError            **error)
{
  gint64 changed;

  g_return_val_if_fail (ASCEND_IS_ALERT_CENTER (self), -1);

  changed = ascend_health_alert_acknowledge (self->db, self->user_id, alert_id, error);
  if (changed > 0 && self->app != NULL && alert_id > 0)
    {
      g_autofree char *id = ascend_alert_notification_id (alert_id);
      g_application_withdraw_notification (self->app, id);
    }
  return changed;
}

static void
settings_changed_cb (AscendAlertCenter *self)
{
  load_thresholds (self);
}

static void
ascend_alert_center_dispose (GObject *object)
{
  AscendAlertCenter *self = ASCEND_ALERT_CENTER (object);

  ascend_alert_center_watch (self, NULL);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (ascend_alert_center_parent_class)->dispose (object);
}

static void
ascend_alert_center_finalize (GObject *object)
{
  AscendAlertCenter *self = ASCEND_ALERT_CENTER (object);

  g_clear_pointer (&self->engine, ascend_alert_engine_free);
  G_OBJECT_CLASS (ascend_alert_center_parent_class)->finalize (object);
}

static void
ascend_alert_center_class_init (AscendAlertCenterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ascend_alert_center_dispose;
  G_OBJECT_CLASS (klass)->finalize = ascend_alert_center_finalize;

  signals[ALERT] = g_signal_new ("alert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_POINTER);
}

static void
ascend_alert_center_init (AscendAlertCenter *self)
{
  AscendAlertThresholds t;

  ascend_alert_thresholds_init_default (&t);
  self->engine = ascend_alert_engine_new (&t);
  self->last_state = -1;
}

AscendAlertCenter *
ascend_alert_center_new (GApplication   *app,
                         AscendDatabase *db,
                         gint64          user_id,
                         GSettings      *settings)
{
  AscendAlertCenter *self = g_object_new (ASCEND_TYPE_ALERT_CENTER, NULL);

  self->app = app;
  self->db = g_object_ref (db);
  self->user_id = user_id;
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
    }
  load_thresholds (self);
  return self;
}
