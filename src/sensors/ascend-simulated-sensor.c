/* ascend-simulated-sensor.c: a heart that is not there, clearly labelled
 *
 * RR intervals come from a simple physiological model: a mean interval per
 * scenario, respiratory sinus arrhythmia (a 0.25 Hz sine), a slow drift and
 * Gaussian beat-to-beat noise. The irregular scenario switches to
 * independent random intervals (as in atrial fibrillation) for a while.
 * A packet is produced per simulated second, holding the beats of that
 * second, as a real strap notifies.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-simulated-sensor.h"

struct _AscendSimulatedSensor
{
  GObject         parent_instance;

  AscendScenario  scenario;
  double          speed;
  GRand          *rand;
  guint           timer;
  AscendSensorState state;

  gint64          start_ms;   /* real time of the first packet */
  double          t_s;        /* simulated seconds since start */
  double          next_beat_s;
};

static void sensor_iface_init (AscendSensorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AscendSimulatedSensor, ascend_simulated_sensor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ASCEND_TYPE_SENSOR, sensor_iface_init))

static const char *scenario_names[] = { "rest", "exercise", "stress", "irregular", "high-hr" };

gboolean
ascend_scenario_from_string (const char     *name,
                             AscendScenario *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenario_names); i++)
    if (g_strcmp0 (name, scenario_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ascend_scenario_to_string (AscendScenario scenario)
{
  return scenario < G_N_ELEMENTS (scenario_names) ? scenario_names[scenario] : "rest";
}

static double
gaussian (GRand *rand)
{
  /* Box-Muller */
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* The next RR interval in ms at simulated time t (seconds). */
static double
next_rr (AscendSimulatedSensor *self,
         double                 t)
{
  double mean, rsa, noise;

  switch (self->scenario)
    {
    case ASCEND_SCENARIO_EXERCISE:
      /* Warm up over 3 minutes from 75 to 150 bpm, then hold. */
      mean = 60000.0 / (75.0 + 75.0 * MIN (t / 180.0, 1.0));
      rsa = 6.0;
      noise = 4.0;
      break;
    case ASCEND_SCENARIO_STRESS:
      mean = 600.0;
      rsa = 5.0;
      noise = 3.0;
      break;
    case ASCEND_SCENARIO_HIGH_HR:
      mean = 60000.0 / 135.0;
      rsa = 4.0;
      noise = 3.0;
      break;
    case ASCEND_SCENARIO_IRREGULAR:
      /* Minutes 2 to 8 of every 10: an irregular-rhythm episode. */
      if (fmod (t, 600.0) >= 120.0 && fmod (t, 600.0) < 480.0)
        return CLAMP (g_rand_double_range (self->rand, 380.0, 1100.0), 300.0, 2000.0);
      G_GNUC_FALLTHROUGH;
    case ASCEND_SCENARIO_REST:
    default:
      mean = 880.0;
      rsa = 45.0;
      noise = 18.0;
      break;
    }
  return CLAMP (mean + rsa * sin (2.0 * G_PI * 0.25 * t) + 15.0 * sin (2.0 * G_PI * t / 97.0)
                + noise * gaussian (self->rand), 300.0, 2000.0);
}

void
ascend_simulated_sensor_next (AscendSimulatedSensor *self,
                              AscendMeasurement     *out)
{
  double end = self->t_s + 1.0;
  double sum = 0;

  g_return_if_fail (ASCEND_IS_SIMULATED_SENSOR (self));

  memset (out, 0, sizeof *out);
  if (self->start_ms == 0)
    self->start_ms = g_get_real_time () / 1000;
  while (self->next_beat_s < end && out->n_rr < ASCEND_SENSOR_MAX_RR)
    {
      double rr = next_rr (self, self->next_beat_s);
      /* RR travels as 1/1024 s on the wire: keep that resolution. */
      rr = round (rr * 1.024) / 1.024;
      out->rr_ms[out->n_rr++] = rr;
      sum += rr;
      self->next_beat_s += rr / 1000.0;
    }
  self->t_s = end;
  out->time_ms = self->start_ms + (gint64) (end * 1000.0);
  out->contact = ASCEND_CONTACT_DETECTED;
  out->heart_rate = out->n_rr > 0 ? (guint) round (60000.0 * out->n_rr / sum) : 0;
}

static gboolean
tick_cb (gpointer data)
{
  AscendSimulatedSensor *self = data;
  /* Faster than real time: several simulated seconds per tick. */
  guint per_tick = MAX (1, (guint) (self->speed / 100.0));

  for (guint i = 0; i < per_tick; i++)
    {
      AscendMeasurement m;
      ascend_simulated_sensor_next (self, &m);
      ascend_sensor_emit_measurement (ASCEND_SENSOR (self), &m);
      if (self->timer == 0)   /* stopped from a handler */
        return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
set_state (AscendSimulatedSensor *self,
           AscendSensorState      state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static void
simulated_start (AscendSensor *sensor)
{
  AscendSimulatedSensor *self = ASCEND_SIMULATED_SENSOR (sensor);
  guint interval;

  if (self->timer != 0)
    return;
  interval = (guint) MAX (1.0, 1000.0 / MIN (self->speed, 100.0));
  self->timer = g_timeout_add (interval, tick_cb, self);
  set_state (self, ASCEND_SENSOR_CONNECTED);
}

static void
simulated_stop (AscendSensor *sensor)
{
  AscendSimulatedSensor *self = ASCEND_SIMULATED_SENSOR (sensor);

  g_clear_handle_id (&self->timer, g_source_remove);
  set_state (self, ASCEND_SENSOR_DISCONNECTED);
}

static gboolean
simulated_is_simulated (AscendSensor *sensor)
{
  return TRUE;
}

static void
sensor_iface_init (AscendSensorInterface *iface)
{
  iface->start = simulated_start;
  iface->stop = simulated_stop;
  iface->is_simulated = simulated_is_simulated;
}

static void
ascend_simulated_sensor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AscendSimulatedSensor *self = ASCEND_SIMULATED_SENSOR (object);

  switch (prop_id - 1)
    {
    case ASCEND_SENSOR_PROP_DISPLAY_NAME:
      g_value_take_string (value, g_strdup_printf (_("Simulated sensor (%s)"),
                                                   ascend_scenario_to_string (self->scenario)));
      break;
    case ASCEND_SENSOR_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case ASCEND_SENSOR_PROP_BATTERY:
      g_value_set_int (value, 100);
      break;
    case ASCEND_SENSOR_PROP_MALFORMED_PACKETS:
      g_value_set_uint (value, 0);
      break;
    case ASCEND_SENSOR_PROP_STATUS_MESSAGE:
      g_value_set_string (value, _("Simulated data, not a real measurement"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ascend_simulated_sensor_dispose (GObject *object)
{
  AscendSimulatedSensor *self = ASCEND_SIMULATED_SENSOR (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_pointer (&self->rand, g_rand_free);
  G_OBJECT_CLASS (ascend_simulated_sensor_parent_class)->dispose (object);
}

static void
ascend_simulated_sensor_class_init (AscendSimulatedSensorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ascend_simulated_sensor_get_property;
  object_class->dispose = ascend_simulated_sensor_dispose;
  ascend_sensor_install_properties (object_class, 1);
}

static void
ascend_simulated_sensor_init (AscendSimulatedSensor *self)
{
}

AscendSimulatedSensor *
ascend_simulated_sensor_new (AscendScenario scenario,
                             double         speed,
                             guint32        seed)
{
  AscendSimulatedSensor *self = g_object_new (ASCEND_TYPE_SIMULATED_SENSOR, NULL);

  self->scenario = scenario;
  self->speed = speed > 0 ? speed : 1.0;
  self->rand = g_rand_new_with_seed (seed);
  return self;
}
