/* ascend-monitor.h: beats in, minute readings out
 *
 * Listens to a sensor, runs the analysis (HRV, stress, rhythm, falls) and
 * writes one healthReadings row ('automatic') per minute with the minute's
 * raw beats in rrBlocks. Alert rules subscribe to "minute" and "fall".
 */
#pragma once

#include "ascend-database.h"
#include "ascend-sensor.h"
#include "ascend-health-store.h"

G_BEGIN_DECLS

/* What the Health view shows while a sensor is connected. */
typedef struct {
  gint64        time_ms;
  guint         heart_rate;      /* bpm from the last packet, 0 unknown */
  double        rmssd_60s;       /* ms over the last minute of beats, NAN until enough */
  int           stress;          /* 1..10 of the last written minute, 0 unknown */
  gboolean      irregular;       /* the last decided beats are irregular */
  AscendContact contact;
} AscendLiveState;

#define ASCEND_TYPE_MONITOR (ascend_monitor_get_type ())
G_DECLARE_FINAL_TYPE (AscendMonitor, ascend_monitor, ASCEND, MONITOR, GObject)

AscendMonitor  *ascend_monitor_new            (AscendDatabase *db,
                                               gint64          user_id);
/* Takes over sensor (stops any previous one) and starts it. NULL stops. */
void            ascend_monitor_set_sensor     (AscendMonitor  *self,
                                               AscendSensor   *sensor);
AscendSensor   *ascend_monitor_get_sensor     (AscendMonitor  *self);
/* Writes what is pending (the last partial minute is written when it holds
 * at least 20 s of beats). Called on stop and when the sensor finishes. */
void            ascend_monitor_flush          (AscendMonitor  *self);
const AscendLiveState *ascend_monitor_get_live (AscendMonitor *self);
guint           ascend_monitor_get_minutes_written (AscendMonitor *self);
guint64         ascend_monitor_get_beats_seen      (AscendMonitor *self);

/* Feeds a measurement directly (what the "measurement" signal does). */
void            ascend_monitor_push_measurement (AscendMonitor           *self,
                                                 const AscendMeasurement *m);

/* Signals: "live" (const AscendLiveState *), "minute" (AscendHealthReading *,
 * valid during emission), "fall" (gint64 time_ms), "write-failed"
 * (const GError *), "sensor-state-changed" (int state). */

G_END_DECLS
