/* ascend-monitor.c: from beats to minute readings
 *
 * Beats are queued with their times. The rhythm detector decides each beat
 * a fixed number of beats later; a minute is written once every beat in it
 * has a decision (or the sensor stops), so arrhythmiaDetected never guesses.
 *
 * Per minute:
 * - heartRate: 60000 / mean RR of the minute's clean beats (from packet
 *   heart rates when the sensor sends no RR);
 * - hrv: RMSSD over the trailing 5 minutes of beats (Task Force 1996
 *   standard window; shorter at the start, at least 30 s of beats);
 * - stressLevel: from the same trailing window, only when the minute is
 *   sinus rhythm (fewer than 20% irregular beats), else NULL;
 * - arrhythmiaDetected: at least half the minute's beats are irregular.
 * The reading and its rrBlocks row are written in one transaction.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-monitor.h"
#include "ascend-fall.h"
#include "ascend-hrv.h"
#include "ascend-rhythm.h"
#include "ascend-stress.h"

#define MINUTE_MS            60000
#define TRAILING_WINDOW_MS   (5 * MINUTE_MS)
#define MIN_PARTIAL_MS       20000
#define ARRHYTHMIA_FRACTION  0.5
#define SINUS_MAX_FRACTION   0.2

typedef struct {
  gint64  time_ms;   /* when the beat ended */
  double  rr_ms;
  gint8   irregular; /* -1 undecided, 0, 1 */
} Beat;

struct _AscendMonitor
{
  GObject               parent_instance;

  AscendDatabase       *db;
  gint64                user_id;
  AscendSensor         *sensor;
  gulong                measurement_id;
  gulong                motion_id;
  gulong                state_id;

  AscendRhythmDetector *rhythm;
  AscendFallDetector   *fall;
  gint64                fall_origin_ms;

  GArray               *beats;        /* Beat, oldest first; trailing window + pending */
  guint                 next_decision;/* index into beats of the next beat to be decided */
  gint64                minute;       /* start (ms) of the minute being collected, 0 none */
  double                hr_sum;       /* packet heart rates of the minute (for sensors without RR) */
  guint                 hr_n;
  gint64                latest_ms;    /* newest packet time: closes minutes without beats */

  AscendLiveState       live;
  guint                 minutes_written;
  guint64               beats_seen;
};

enum { LIVE, MINUTE, FALL, WRITE_FAILED, SENSOR_STATE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendMonitor, ascend_monitor, G_TYPE_OBJECT)

static gint64
minute_of (gint64 time_ms)
{
  return time_ms - (time_ms % MINUTE_MS);
}

static void
collect_window (AscendMonitor *self,
                gint64         from,
                gint64         to,
                GArray        *rr,
                guint         *n_irregular,
                guint         *n_decided)
{
  for (guint i = 0; i < self->beats->len; i++)
    {
      Beat *b = &g_array_index (self->beats, Beat, i);
      if (b->time_ms < from || b->time_ms >= to)
        continue;
      g_array_append_val (rr, b->rr_ms);
      if (n_decided && b->irregular >= 0)
        (*n_decided)++;
      if (n_irregular && b->irregular == 1)
        (*n_irregular)++;
    }
}

static void
write_minute (AscendMonitor *self,
              gint64         minute)
{
  g_autoptr(AscendHealthReading) reading = ascend_health_reading_new ();
  g_autoptr(GArray) rr = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GError) error = NULL;
  guint n_irregular = 0, n_decided = 0;
  AscendHrv hrv;
  gboolean sinus;

  collect_window (self, minute, minute + MINUTE_MS, rr, &n_irregular, &n_decided);
  for (guint i = 0; i < self->beats->len; i++)
    {
      Beat *b = &g_array_index (self->beats, Beat, i);
      if (b->time_ms >= minute && b->time_ms < minute + MINUTE_MS)
        {
          gboolean irr = b->irregular == 1;
          g_array_append_val (flags, irr);
        }
    }

  reading->user_id = self->user_id;
  reading->created_at = minute;
  g_free (reading->reading_type);
  reading->reading_type = g_strdup ("automatic");
  reading->arrhythmia_detected = n_decided > 0 && n_irregular >= ARRHYTHMIA_FRACTION * n_decided;
  sinus = n_decided == 0 || n_irregular < SINUS_MAX_FRACTION * n_decided;

  if (rr->len >= 3 && ascend_hrv_compute ((double *) rr->data, rr->len, &hrv, NULL))
    reading->heart_rate = (gint64) lround (hrv.mean_hr);
  else if (rr->len > 0)
    {
      double sum = 0;
      for (guint i = 0; i < rr->len; i++)
        sum += g_array_index (rr, double, i);
      reading->heart_rate = (gint64) lround (60000.0 * rr->len / sum);
    }
  else if (self->hr_n > 0)
    reading->heart_rate = (gint64) lround (self->hr_sum / self->hr_n);
  if (reading->heart_rate != ASCEND_NO_INT)
    reading->heart_rate = CLAMP (reading->heart_rate, 20, 300);

  collect_window (self, minute + MINUTE_MS - TRAILING_WINDOW_MS, minute + MINUTE_MS, window, NULL, NULL);
  if (window->len >= 3 && ascend_hrv_compute ((double *) window->data, window->len, &hrv, NULL) &&
      hrv.mean_nn * hrv.n_nn >= 30000.0)
    reading->hrv = CLAMP (round (hrv.rmssd * 100.0) / 100.0, 0.0, 999.99);
  if (sinus && window->len > 0)
    {
      AscendStress stress;
      if (ascend_stress_compute ((double *) window->data, window->len, TRUE, &stress, NULL))
        {
          reading->stress_level = stress.level;
          self->live.stress = stress.level;
        }
    }

  if (reading->heart_rate == ASCEND_NO_INT)
    return;  /* nothing measured this minute: no row rather than an empty one */
  /* A minute the sensor covered for less than 20 s (the start or end of a
   * session) is not a reading of that minute. */
  {
    double covered_ms = 0;
    for (guint i = 0; i < rr->len; i++)
      covered_ms += g_array_index (rr, double, i);
    if (rr->len > 0 ? covered_ms < MIN_PARTIAL_MS : self->hr_n < MIN_PARTIAL_MS / 1000)
      return;
  }

  if (!ascend_database_begin (self->db, &error))
    goto failed;
  if (ascend_health_reading_insert (self->db, reading, &error) == 0 ||
      (rr->len > 0 &&
       ascend_rr_block_insert (self->db, self->user_id, reading->id, minute, (double *) rr->data,
                               (gboolean *) flags->data, rr->len, &error) == 0))
    {
      ascend_database_rollback (self->db);
      goto failed;
    }
  if (!ascend_database_commit (self->db, &error))
    goto failed;

  self->minutes_written++;
  g_signal_emit (self, signals[MINUTE], 0, reading);
  return;

failed:
  /* Reported through "write-failed": the window shows it, ascendctl prints it. */
  g_debug ("Could not save the reading of minute %" PRId64 ": %s", minute, error->message);
  g_signal_emit (self, signals[WRITE_FAILED], 0, error);
}

/* Drops beats older than the trailing window that are already written. */
static void
trim_beats (AscendMonitor *self)
{
  gint64 keep_from = self->minute - TRAILING_WINDOW_MS;
  guint drop = 0;

  while (drop < self->beats->len && drop < self->next_decision &&
         g_array_index (self->beats, Beat, drop).time_ms < keep_from)
    drop++;
  if (drop > 0)
    {
      g_array_remove_range (self->beats, 0, drop);
      self->next_decision -= drop;
    }
}

/* Start of the first minute after the current one that holds a beat, or 0. */
static gint64
next_minute (AscendMonitor *self)
{
  gint64 end = self->minute + MINUTE_MS;

  for (guint i = 0; i < self->beats->len; i++)
    {
      gint64 t = g_array_index (self->beats, Beat, i).time_ms;
      if (t >= end)
        return minute_of (t);
    }
  /* A sensor that sends heart rate without RR closes minutes by its clock. */
  if (self->latest_ms >= end)
    return minute_of (self->latest_ms);
  return 0;
}

static void
advance_minute (AscendMonitor *self,
                gboolean       write)
{
  if (write)
    write_minute (self, self->minute);
  self->hr_sum = 0;
  self->hr_n = 0;
  self->minute = next_minute (self);
  if (self->minute != 0)
    trim_beats (self);
}

/* Writes every minute that a later beat has closed and whose beats all
 * have a rhythm decision. */
static void
write_ready_minutes (AscendMonitor *self)
{
  while (self->minute != 0 && next_minute (self) != 0)
    {
      gint64 end = self->minute + MINUTE_MS;

      for (guint i = self->next_decision; i < self->beats->len; i++)
        if (g_array_index (self->beats, Beat, i).time_ms < end)
          return;  /* a beat of this minute is still undecided */
      advance_minute (self, TRUE);
    }
}

static void
apply_decision (AscendMonitor *self,
                gboolean       irregular)
{
  if (self->next_decision < self->beats->len)
    {
      g_array_index (self->beats, Beat, self->next_decision).irregular = irregular ? 1 : 0;
      self->next_decision++;
      self->live.irregular = irregular;
    }
}

void
ascend_monitor_push_measurement (AscendMonitor           *self,
                                 const AscendMeasurement *m)
{
  gint64 t;

  g_return_if_fail (ASCEND_IS_MONITOR (self));

  /* Beat times: the last beat ends at the packet time, earlier ones before it. */
  t = m->time_ms;
  for (guint i = m->n_rr; i > 0; i--)
    t -= (gint64) m->rr_ms[i - 1];
  if (self->minute == 0)
    self->minute = minute_of (m->n_rr > 0 ? t + (gint64) m->rr_ms[0] : m->time_ms);

  for (guint i = 0; i < m->n_rr; i++)
    {
      Beat beat;
      gboolean irregular;

      t += (gint64) m->rr_ms[i];
      beat.time_ms = t;
      beat.rr_ms = m->rr_ms[i];
      beat.irregular = -1;
      g_array_append_val (self->beats, beat);
      self->beats_seen++;
      if (ascend_rhythm_detector_push (self->rhythm, m->rr_ms[i], &irregular))
        apply_decision (self, irregular);
    }
  self->latest_ms = MAX (self->latest_ms, m->time_ms);
  write_ready_minutes (self);
  if (m->heart_rate > 0 && minute_of (m->time_ms) == self->minute)
    {
      self->hr_sum += m->heart_rate;
      self->hr_n++;
    }

  /* Live values */
  self->live.time_ms = m->time_ms;
  self->live.heart_rate = m->heart_rate;
  self->live.contact = m->contact;
  {
    g_autoptr(GArray) last = g_array_new (FALSE, FALSE, sizeof (double));
    AscendHrv hrv;
    collect_window (self, m->time_ms - MINUTE_MS, m->time_ms + 1, last, NULL, NULL);
    self->live.rmssd_60s = (last->len >= 20 && ascend_hrv_compute ((double *) last->data, last->len, &hrv, NULL))
                           ? hrv.rmssd : NAN;
  }

  write_ready_minutes (self);
  g_signal_emit (self, signals[LIVE], 0, &self->live);
}

void
ascend_monitor_flush (AscendMonitor *self)
{
  gboolean flags[256];
  guint n;

  g_return_if_fail (ASCEND_IS_MONITOR (self));

  while ((n = ascend_rhythm_detector_flush (self->rhythm, flags, G_N_ELEMENTS (flags))) > 0)
    for (guint i = 0; i < n; i++)
      apply_decision (self, flags[i]);
  /* Beats the detector never decided (too few to judge) count as regular. */
  while (self->next_decision < self->beats->len)
    apply_decision (self, FALSE);

  write_ready_minutes (self);
  if (self->minute != 0)
    {
      /* write_minute leaves out a tail the sensor covered for under 20 s. */
      advance_minute (self, TRUE);
    }
  g_array_set_size (self->beats, 0);
  self->next_decision = 0;
  self->minute = 0;
  self->hr_sum = 0;
  self->hr_n = 0;
  self->latest_ms = 0;
  ascend_rhythm_detector_reset (self->rhythm);
}

static void
measurement_cb (AscendSensor            *sensor,
                const AscendMeasurement *m,
                AscendMonitor           *self)
{
  ascend_monitor_push_measurement (self, m);
}

static void
motion_cb (AscendSensor  *sensor,
           gint64         time_ms,
           double         ax,
           double         ay,
           double         az,
           AscendMonitor *self)
{
  double fall_ms;

  if (self->fall_origin_ms == 0)
    self->fall_origin_ms = time_ms;
  if (ascend_fall_detector_push (self->fall, ax, ay, az, &fall_ms))
    g_signal_emit (self, signals[FALL], 0, self->fall_origin_ms + (gint64) fall_ms);
}

static void
state_cb (AscendSensor  *sensor,
          GParamSpec    *pspec,
          AscendMonitor *self)
{
  AscendSensorState state = ascend_sensor_get_state (sensor);

  /* A link that drops or a recording that ends closes the open minute. */
  if (state == ASCEND_SENSOR_FINISHED || state == ASCEND_SENSOR_DISCONNECTED ||
      state == ASCEND_SENSOR_RECONNECTING || state == ASCEND_SENSOR_FAILED)
    ascend_monitor_flush (self);
  g_signal_emit (self, signals[SENSOR_STATE_CHANGED], 0, (int) state);
}

static void
disconnect_sensor (AscendMonitor *self)
{
  if (self->sensor == NULL)
    return;
  g_clear_signal_handler (&self->measurement_id, self->sensor);
  g_clear_signal_handler (&self->motion_id, self->sensor);
  g_clear_signal_handler (&self->state_id, self->sensor);
  ascend_sensor_stop (self->sensor);
  ascend_monitor_flush (self);
  g_clear_object (&self->sensor);
}

void
ascend_monitor_set_sensor (AscendMonitor *self,
                           AscendSensor  *sensor)
{
  g_return_if_fail (ASCEND_IS_MONITOR (self));
  g_return_if_fail (sensor == NULL || ASCEND_IS_SENSOR (sensor));

  if (sensor == self->sensor)
    return;
  disconnect_sensor (self);
  if (sensor == NULL)
    return;

  self->sensor = g_object_ref (sensor);
  self->fall_origin_ms = 0;
  ascend_fall_detector_reset (self->fall);
  self->measurement_id = g_signal_connect (sensor, "measurement", G_CALLBACK (measurement_cb), self);
  self->motion_id = g_signal_connect (sensor, "motion", G_CALLBACK (motion_cb), self);
  self->state_id = g_signal_connect (sensor, "notify::state", G_CALLBACK (state_cb), self);
  ascend_sensor_start (sensor);
}

AscendSensor *
ascend_monitor_get_sensor (AscendMonitor *self)
{
  g_return_val_if_fail (ASCEND_IS_MONITOR (self), NULL);
  return self->sensor;
}

const AscendLiveState *
ascend_monitor_get_live (AscendMonitor *self)
{
  g_return_val_if_fail (ASCEND_IS_MONITOR (self), NULL);
  return &self->live;
}

guint
ascend_monitor_get_minutes_written (AscendMonitor *self)
{
  return self->minutes_written;
}

guint64
ascend_monitor_get_beats_seen (AscendMonitor *self)
{
  return self->beats_seen;
}

static void
ascend_monitor_dispose (GObject *object)
{
  AscendMonitor *self = ASCEND_MONITOR (object);

  disconnect_sensor (self);
  G_OBJECT_CLASS (ascend_monitor_parent_class)->dispose (object);
}

static void
ascend_monitor_finalize (GObject *object)
{
  AscendMonitor *self = ASCEND_MONITOR (object);

  g_clear_pointer (&self->rhythm, ascend_rhythm_detector_free);
  g_clear_pointer (&self->fall, ascend_fall_detector_free);
  g_clear_pointer (&self->beats, g_array_unref);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (ascend_monitor_parent_class)->finalize (object);
}

static void
ascend_monitor_class_init (AscendMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ascend_monitor_dispose;
  object_class->finalize = ascend_monitor_finalize;

  signals[LIVE] = g_signal_new ("live", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[MINUTE] = g_signal_new ("minute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[FALL] = g_signal_new ("fall", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[WRITE_FAILED] = g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SENSOR_STATE_CHANGED] = g_signal_new ("sensor-state-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
ascend_monitor_init (AscendMonitor *self)
{
  self->beats = g_array_new (FALSE, FALSE, sizeof (Beat));
  self->rhythm = ascend_rhythm_detector_new ();
  self->fall = ascend_fall_detector_new (200.0);
  self->live.rmssd_60s = NAN;
}

AscendMonitor *
ascend_monitor_new (AscendDatabase *db,
                    gint64          user_id)
{
  AscendMonitor *self = g_object_new (ASCEND_TYPE_MONITOR, NULL);

  self->db = g_object_ref (db);
  self->user_id = user_id;
  return self;
}
