/* ascend-sensor.c: the sensor interface */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-sensor.h"

G_DEFINE_INTERFACE (AscendSensor, ascend_sensor, G_TYPE_OBJECT)

enum { MEASUREMENT, MOTION, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ascend_sensor_default_init (AscendSensorInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("display-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_int ("state", NULL, NULL, ASCEND_SENSOR_DISCONNECTED, ASCEND_SENSOR_FINISHED,
                      ASCEND_SENSOR_DISCONNECTED, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_int ("battery", NULL, NULL, -1, 100, -1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_uint ("malformed-packets", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("status-message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The measurement is passed by pointer: it is only valid during emission. */
  signals[MEASUREMENT] = g_signal_new ("measurement", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[MOTION] = g_signal_new ("motion", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                  G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

void
ascend_sensor_install_properties (GObjectClass *klass,
                                  guint         first_prop_id)
{
  g_object_class_override_property (klass, first_prop_id + ASCEND_SENSOR_PROP_DISPLAY_NAME, "display-name");
  g_object_class_override_property (klass, first_prop_id + ASCEND_SENSOR_PROP_STATE, "state");
  g_object_class_override_property (klass, first_prop_id + ASCEND_SENSOR_PROP_BATTERY, "battery");
  g_object_class_override_property (klass, first_prop_id + ASCEND_SENSOR_PROP_MALFORMED_PACKETS, "malformed-packets");
  g_object_class_override_property (klass, first_prop_id + ASCEND_SENSOR_PROP_STATUS_MESSAGE, "status-message");
}

void
ascend_sensor_start (AscendSensor *self)
{
  g_return_if_fail (ASCEND_IS_SENSOR (self));
  ASCEND_SENSOR_GET_IFACE (self)->start (self);
}

void
ascend_sensor_stop (AscendSensor *self)
{
  g_return_if_fail (ASCEND_IS_SENSOR (self));
  ASCEND_SENSOR_GET_IFACE (self)->stop (self);
}

gboolean
ascend_sensor_is_simulated (AscendSensor *self)
{
  AscendSensorInterface *iface;

  g_return_val_if_fail (ASCEND_IS_SENSOR (self), FALSE);
  iface = ASCEND_SENSOR_GET_IFACE (self);
  return iface->is_simulated ? iface->is_simulated (self) : FALSE;
}

AscendSensorState
ascend_sensor_get_state (AscendSensor *self)
{
  int state = ASCEND_SENSOR_DISCONNECTED;

  g_return_val_if_fail (ASCEND_IS_SENSOR (self), ASCEND_SENSOR_DISCONNECTED);
  g_object_get (self, "state", &state, NULL);
  return state;
}

const char *
ascend_sensor_state_to_string (AscendSensorState state)
{
  switch (state)
    {
    case ASCEND_SENSOR_DISCONNECTED: return _("Disconnected");
    case ASCEND_SENSOR_CONNECTING: return _("Connecting…");
    case ASCEND_SENSOR_CONNECTED: return _("Connected");
    case ASCEND_SENSOR_RECONNECTING: return _("Connection lost, reconnecting…");
    case ASCEND_SENSOR_FAILED: return _("Could not connect");
    case ASCEND_SENSOR_FINISHED: return _("Recording finished");
    default: return "";
    }
}

void
ascend_sensor_emit_measurement (AscendSensor            *self,
                                const AscendMeasurement *m)
{
  g_signal_emit (self, signals[MEASUREMENT], 0, m);
}

void
ascend_sensor_emit_motion (AscendSensor *self,
                           gint64        time_ms,
                           double        ax_g,
                           double        ay_g,
                           double        az_g)
{
  g_signal_emit (self, signals[MOTION], 0, time_ms, ax_g, ay_g, az_g);
}
