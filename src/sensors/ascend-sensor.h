/* ascend-sensor.h: a source of heartbeats (and optionally motion)
 *
 * Implemented by the BlueZ sensor (a real strap or watch), the replay
 * sensor (a recording) and the simulated sensor (no hardware). The monitor
 * listens to "measurement" and "motion" and does not care which it is.
 */
#pragma once

#include <gio/gio.h>
#include "ascend-hrm.h"

G_BEGIN_DECLS

typedef enum {
  ASCEND_SENSOR_DISCONNECTED,
  ASCEND_SENSOR_CONNECTING,
  ASCEND_SENSOR_CONNECTED,
  ASCEND_SENSOR_RECONNECTING,
  ASCEND_SENSOR_FAILED,
  ASCEND_SENSOR_FINISHED,      /* a recording reached its end */
} AscendSensorState;

#define ASCEND_SENSOR_MAX_RR ASCEND_HRM_MAX_RR

/* One notification's worth of data, as a strap sends about once a second. */
typedef struct {
  gint64        time_ms;       /* Unix ms when it was measured (virtual time for replays) */
  guint         heart_rate;    /* bpm, 0 when unknown */
  AscendContact contact;
  guint         n_rr;
  double        rr_ms[ASCEND_SENSOR_MAX_RR];
} AscendMeasurement;

#define ASCEND_TYPE_SENSOR (ascend_sensor_get_type ())
G_DECLARE_INTERFACE (AscendSensor, ascend_sensor, ASCEND, SENSOR, GObject)

struct _AscendSensorInterface
{
  GTypeInterface parent_iface;

  void     (*start)        (AscendSensor *self);
  void     (*stop)         (AscendSensor *self);
  gboolean (*is_simulated) (AscendSensor *self);
};

/* Properties every sensor has: "display-name" (string), "state"
 * (AscendSensorState as int), "battery" (int percent, -1 unknown),
 * "malformed-packets" (uint), "status-message" (string, why it failed). */
void              ascend_sensor_start            (AscendSensor *self);
void              ascend_sensor_stop             (AscendSensor *self);
gboolean          ascend_sensor_is_simulated     (AscendSensor *self);
AscendSensorState ascend_sensor_get_state        (AscendSensor *self);
const char       *ascend_sensor_state_to_string  (AscendSensorState state);

/* For implementations. */
void ascend_sensor_emit_measurement (AscendSensor            *self,
                                     const AscendMeasurement *m);
void ascend_sensor_emit_motion      (AscendSensor            *self,
                                     gint64                   time_ms,
                                     double                   ax_g,
                                     double                   ay_g,
                                     double                   az_g);
void ascend_sensor_install_properties (GObjectClass *klass,
                                       guint         first_prop_id);

enum {
  ASCEND_SENSOR_PROP_DISPLAY_NAME,
  ASCEND_SENSOR_PROP_STATE,
  ASCEND_SENSOR_PROP_BATTERY,
  ASCEND_SENSOR_PROP_MALFORMED_PACKETS,
  ASCEND_SENSOR_PROP_STATUS_MESSAGE,
  ASCEND_SENSOR_N_PROPS
};

/* Parses the sensor syntax shared by `ascendctl monitor` and
 * `anime-ascend --background`: simulated[:SCENARIO], replay:FILE,
 * bluez[:ADDRESS]. speed scales simulated and replayed time. */
AscendSensor *ascend_sensor_new_from_spec (const char  *spec,
                                           double       speed,
                                           GError     **error);

G_END_DECLS
