/* ascend-replay-sensor.c: recordings played back at real time or faster
 *
 * Beats are grouped into one packet per recorded second, as a strap sends
 * them; motion samples are emitted in the same one-second slices. Times are
 * virtual: the first packet is "now" and each later one is offset by its
 * place in the recording, so minute rows land where the recording says,
 * even at 100x speed.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ascend-replay-sensor.h"
#include "ascend-rhythm.h"
#include "ascend-fall.h"

struct _AscendReplaySensor
{
  GObject            parent_instance;

  char              *name;
  double             speed;
  AscendSensorState  state;
  guint              timer;

  GArray            *rr_ms;      /* beats, or NULL */
  double            *xyz_g;      /* motion, or NULL */
  gsize              n_samples;
  double             sample_rate;

  gsize              next;       /* next beat or sample to play */
  double             played_s;   /* recording seconds already played */
  double             beat_s;     /* where the last beat played ends */
  gint64             start_ms;
};

static void sensor_iface_init (AscendSensorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AscendReplaySensor, ascend_replay_sensor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ASCEND_TYPE_SENSOR, sensor_iface_init))

gboolean
ascend_replay_parse_rr_ms (const char  *text,
                           GArray     **rr_ms,
                           GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *end = NULL;
      double v;

      if (*line == '\0')
        continue;
      v = g_ascii_strtod (line, &end);
      if (end == line && i == 0 && strpbrk (line, "0123456789") == NULL)
        continue;  /* a header such as "RR (ms)" */
      if (end == line || *g_strstrip (end) != '\0' || !isfinite (v))
        {
          g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                       _("Line %u is not an RR interval in milliseconds: “%.40s”"), i + 1, line);
          return FALSE;
        }
      if (v < 200 || v > 3000)
        {
          g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                       _("Line %u: %.0f ms is not a plausible RR interval (200 to 3000 ms)"), i + 1, v);
          return FALSE;
        }
      g_array_append_val (out, v);
    }
  if (out->len == 0)
    {
      g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT,
                           _("The file holds no RR intervals"));
      return FALSE;
    }
  *rr_ms = g_steal_pointer (&out);
  return TRUE;
}

static AscendReplayFormat
detect_format (const char *text)
{
  const char *nl = strchr (text, '\n');
  g_autofree char *first = g_strndup (text, nl ? (gsize) (nl - text) : strlen (text));

  if (strchr (first, ';') != NULL && strchr (first, ',') != NULL)
    return ASCEND_REPLAY_SISFALL;
  if (strchr (first, '\t') != NULL)
    return ASCEND_REPLAY_AFDB;
  return ASCEND_REPLAY_RR_MS;
}

AscendReplaySensor *
ascend_replay_sensor_new_from_text (const char          *name,
                                    const char          *text,
                                    AscendReplayFormat   format,
                                    double               speed,
                                    GError             **error)
{
  g_autoptr(AscendReplaySensor) self = g_object_new (ASCEND_TYPE_REPLAY_SENSOR, NULL);

  g_return_val_if_fail (text != NULL, NULL);

  self->name = g_strdup (name);
  self->speed = speed > 0 ? speed : 1.0;
  if (format == ASCEND_REPLAY_AUTO)
    format = detect_format (text);

  switch (format)
    {
    case ASCEND_REPLAY_AFDB:
      {
        AscendAfdbRecord record = { 0 };
        if (!ascend_afdb_parse (text, NULL, &record, error))
          return NULL;
        self->rr_ms = g_array_sized_new (FALSE, FALSE, sizeof (double), record.n);
        g_array_append_vals (self->rr_ms, record.rr_ms, record.n);
        ascend_afdb_clear (&record);
        if (self->rr_ms->len == 0)
          {
            g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT,
                                 _("The file holds no beats"));
            return NULL;
          }
      }
      break;
    case ASCEND_REPLAY_SISFALL:
      if (!ascend_sisfall_parse (text, &self->xyz_g, &self->n_samples, error))
        return NULL;
      self->sample_rate = 200.0;
      break;
    case ASCEND_REPLAY_RR_MS:
    default:
      if (!ascend_replay_parse_rr_ms (text, &self->rr_ms, error))
        return NULL;
      break;
    }
  return g_steal_pointer (&self);
}

AscendReplaySensor *
ascend_replay_sensor_new_from_file (const char          *path,
                                    AscendReplayFormat   format,
                                    double               speed,
                                    GError             **error)
{
  g_autofree char *text = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize len;

  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  if (memchr (text, '\0', len) != NULL || !g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                   _("%s is not a text recording"), base);
      return NULL;
    }
  return ascend_replay_sensor_new_from_text (base, text, format, speed, error);
}

gsize
ascend_replay_sensor_get_n_beats (AscendReplaySensor *self)
{
  return self->rr_ms ? self->rr_ms->len : 0;
}

static void
set_state (AscendReplaySensor *self,
           AscendSensorState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

/* Plays one recorded second. Returns FALSE at the end of the recording. */
static gboolean
play_second (AscendReplaySensor *self)
{
  double end_s = self->played_s + 1.0;

  if (self->rr_ms != NULL)
    {
      AscendMeasurement m = { 0 };
      double t = self->beat_s, sum = 0;

      /* The beats that end within this recorded second, as a strap would
       * send them; a second without one sends nothing. Keeping the end of
       * the last beat apart from the clock keeps recorded time exact. */
      while (self->next < self->rr_ms->len && m.n_rr < ASCEND_SENSOR_MAX_RR)
        {
          double rr = g_array_index (self->rr_ms, double, self->next);
          if (t + rr / 1000.0 > end_s)
            break;
          m.rr_ms[m.n_rr++] = rr;
          sum += rr;
          t += rr / 1000.0;
          self->next++;
        }
      self->beat_s = t;
      self->played_s = end_s;
      m.time_ms = self->start_ms + (gint64) (t * 1000.0);
      m.contact = ASCEND_CONTACT_DETECTED;
      m.heart_rate = m.n_rr ? (guint) round (60000.0 * m.n_rr / sum) : 0;
      if (m.n_rr > 0)
        ascend_sensor_emit_measurement (ASCEND_SENSOR (self), &m);
      return self->next < self->rr_ms->len;
    }

  {
    gsize until = MIN (self->n_samples, (gsize) (end_s * self->sample_rate));
    for (; self->next < until; self->next++)
      ascend_sensor_emit_motion (ASCEND_SENSOR (self),
                                 self->start_ms + (gint64) (self->next * 1000.0 / self->sample_rate),
                                 self->xyz_g[3 * self->next], self->xyz_g[3 * self->next + 1],
                                 self->xyz_g[3 * self->next + 2]);
    self->played_s = end_s;
    return self->next < self->n_samples;
  }
}

static gboolean
tick_cb (gpointer data)
{
  AscendReplaySensor *self = data;
  guint per_tick = MAX (1, (guint) (self->speed / 100.0));

  for (guint i = 0; i < per_tick; i++)
    if (!play_second (self))
      {
        self->timer = 0;
        set_state (self, ASCEND_SENSOR_FINISHED);
        return G_SOURCE_REMOVE;
      }
  return G_SOURCE_CONTINUE;
}

static void
replay_start (AscendSensor *sensor)
{
  AscendReplaySensor *self = ASCEND_REPLAY_SENSOR (sensor);

  if (self->timer != 0)
    return;
  if (self->start_ms == 0)
    self->start_ms = g_get_real_time () / 1000;
  self->timer = g_timeout_add ((guint) MAX (1.0, 1000.0 / MIN (self->speed, 100.0)), tick_cb, self);
  set_state (self, ASCEND_SENSOR_CONNECTED);
}

static void
replay_stop (AscendSensor *sensor)
{
  AscendReplaySensor *self = ASCEND_REPLAY_SENSOR (sensor);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->state != ASCEND_SENSOR_FINISHED)
    set_state (self, ASCEND_SENSOR_DISCONNECTED);
}

static gboolean
replay_is_simulated (AscendSensor *sensor)
{
  /* A recording is real data, but not a live measurement of this person. */
  return TRUE;
}

static void
sensor_iface_init (AscendSensorInterface *iface)
{
  iface->start = replay_start;
  iface->stop = replay_stop;
  iface->is_simulated = replay_is_simulated;
}

static void
ascend_replay_sensor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AscendReplaySensor *self = ASCEND_REPLAY_SENSOR (object);

  switch (prop_id - 1)
    {
    case ASCEND_SENSOR_PROP_DISPLAY_NAME:
      g_value_take_string (value, g_strdup_printf (_("Recording %s"), self->name ? self->name : ""));
      break;
    case ASCEND_SENSOR_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case ASCEND_SENSOR_PROP_BATTERY:
      g_value_set_int (value, -1);
      break;
    case ASCEND_SENSOR_PROP_MALFORMED_PACKETS:
      g_value_set_uint (value, 0);
      break;
    case ASCEND_SENSOR_PROP_STATUS_MESSAGE:
      g_value_set_string (value, _("Replaying a recording, not a live measurement"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ascend_replay_sensor_finalize (GObject *object)
{
  AscendReplaySensor *self = ASCEND_REPLAY_SENSOR (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_pointer (&self->rr_ms, g_array_unref);
  g_clear_pointer (&self->xyz_g, g_free);
  g_clear_pointer (&self->name, g_free);
  G_OBJECT_CLASS (ascend_replay_sensor_parent_class)->finalize (object);
}

static void
ascend_replay_sensor_class_init (AscendReplaySensorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ascend_replay_sensor_get_property;
  object_class->finalize = ascend_replay_sensor_finalize;
  ascend_sensor_install_properties (object_class, 1);
}

static void
ascend_replay_sensor_init (AscendReplaySensor *self)
{
}
