/* ascendctl-health.c: parse-hrm, analyze-rr, analyze-fall, monitor
 *
 *   ascendctl parse-hrm HEX
 *   ascendctl analyze-rr [--format ms|afdb] FILE
 *   ascendctl analyze-fall FILE
 *   ascendctl [--database PATH] monitor --sensor SPEC [--speed X] [--duration SECONDS]
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ascendctl-private.h"
#include "ascend-fall.h"
#include "ascend-hrm.h"
#include "ascend-hrv.h"
#include "ascend-monitor.h"
#include "ascend-replay-sensor.h"
#include "ascend-rhythm.h"
#include "ascend-stress.h"
#include "ascend-user-store.h"

static char   *opt_rr_format;
static char   *opt_sensor;
static double  opt_speed = 1.0;
static double  opt_duration;
static gint64  opt_monitor_user;

const GOptionEntry ascendctl_analyze_rr_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_rr_format,
    N_("ms (one RR interval in ms per line, the default) or afdb (the beat list of a record of the MIT-BIH Atrial Fibrillation Database, as WFDB ann2rr writes it)"), N_("FORMAT") },
  G_OPTION_ENTRY_NULL
};

const GOptionEntry ascendctl_monitor_entries[] = {
  { "sensor", 's', 0, G_OPTION_ARG_STRING, &opt_sensor,
    N_("simulated[:rest|exercise|stress|irregular|high-hr], replay:FILE or bluez[:ADDRESS]"), N_("SPEC") },
  { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &opt_speed,
    N_("Play simulated or recorded time this many times faster (default 1)"), N_("X") },
  { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &opt_duration,
    N_("Stop after this many seconds of sensor time (default: until the recording ends or Ctrl+C)"), N_("SECONDS") },
  { "user", 'u', 0, G_OPTION_ARG_INT64, &opt_monitor_user,
    N_("The profile to record for (default: the first)"), N_("ID") },
  G_OPTION_ENTRY_NULL
};

static gboolean
parse_hex (const char  *text,
           GByteArray  *out)
{
  int nibble = -1;

  for (const char *p = text; *p; p++)
    {
      int v;
      if (g_ascii_isspace (*p) || *p == ':' || *p == '-')
        continue;
      if ((v = g_ascii_xdigit_value (*p)) < 0)
        return FALSE;
      if (nibble < 0)
        nibble = v;
      else
        {
          guint8 byte = (guint8) (nibble << 4 | v);
          g_byte_array_append (out, &byte, 1);
          nibble = -1;
        }
    }
  return nibble < 0;
}

int
ascendctl_run_parse_hrm (int    argc,
                         char **argv)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree AscendHrmPacket *packet = g_new0 (AscendHrmPacket, 1);
  g_autoptr(GString) joined = g_string_new (NULL);

  if (argc < 2)
    return ascendctl_usage_error (_("parse-hrm needs the packet in hex, e.g. 16 48 54 01 EC 02"));
  /* "16 48 54" may come as one argument or several. */
  for (int i = 1; i < argc; i++)
    g_string_append (joined, argv[i]);
  if (!parse_hex (joined->str, bytes))
    return ascendctl_usage_error (_("“%s” is not hexadecimal bytes"), joined->str);
  if (!ascend_hrm_parse (bytes->data, bytes->len, packet, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_USAGE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "heartRate");
  json_builder_add_int_value (builder, packet->heart_rate);
  json_builder_set_member_name (builder, "contact");
  json_builder_add_string_value (builder, ascend_contact_to_string (packet->contact));
  json_builder_set_member_name (builder, "energyExpended");
  if (packet->has_energy)
    json_builder_add_int_value (builder, packet->energy_kj);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rr");
  json_builder_begin_array (builder);
  for (guint i = 0; i < packet->n_rr; i++)
    json_builder_add_int_value (builder, packet->rr[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ascendctl_print_json (root, FALSE);
  return EXIT_OK;
}

static gboolean
load_rr (const char  *path,
         const char  *format,
         GArray     **rr,
         GError     **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (g_strcmp0 (format, "afdb") == 0)
    {
      AscendAfdbRecord record = { 0 };
      if (!ascend_afdb_parse (text, NULL, &record, error))
        return FALSE;
      *rr = g_array_sized_new (FALSE, FALSE, sizeof (double), record.n);
      g_array_append_vals (*rr, record.rr_ms, record.n);
      ascend_afdb_clear (&record);
      return TRUE;
    }
  return ascend_replay_parse_rr_ms (text, rr, error);
}

int
ascendctl_run_analyze_rr (int    argc,
                          char **argv)
{
  g_autoptr(GArray) rr = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *irregular = NULL;
  AscendHrv hrv;
  AscendStress stress;
  double t = 0;
  guint n_irregular = 0;
  int rc;

  if (opt_rr_format != NULL && !g_str_equal (opt_rr_format, "ms") && !g_str_equal (opt_rr_format, "afdb"))
    return ascendctl_usage_error (_("--format takes ms or afdb, not “%s”"), opt_rr_format);
  if (argc < 2)
    return ascendctl_usage_error (_("analyze-rr needs a FILE"));
  if ((rc = ascendctl_unexpected_argument (argc, argv, 1)) != EXIT_OK)
    return rc;
  if (!load_rr (argv[1], opt_rr_format, &rr, &error))
    return ascendctl_store_error (error);

  irregular = g_new0 (gboolean, rr->len);
  ascend_rhythm_classify ((double *) rr->data, rr->len, irregular);
  for (guint i = 0; i < rr->len; i++)
    {
      double v = g_array_index (rr, double, i);
      t += v;
      n_irregular += irregular[i] ? 1 : 0;
      g_print ("%.0f\t%.1f\t%d\n", t, v, irregular[i] ? 1 : 0);
    }

  if (ascend_hrv_compute ((double *) rr->data, rr->len, &hrv, &error))
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "RMSSD %.2f ms, SDNN %.2f ms, pNN50 %.2f%%, mean HR %.1f bpm (%u of %u beat kept)\n",
                             "RMSSD %.2f ms, SDNN %.2f ms, pNN50 %.2f%%, mean HR %.1f bpm (%u of %u beats kept)\n",
                             hrv.n_beats),
                hrv.rmssd, hrv.sdnn, hrv.pnn50, hrv.mean_hr, hrv.n_nn, hrv.n_beats);
  else
    g_printerr (_("HRV: %s\n"), error->message);
  g_clear_error (&error);
  if (ascend_stress_compute ((double *) rr->data, rr->len, n_irregular < rr->len / 5, &stress, &error))
    g_printerr (_("Stress %d of 10 (Baevsky stress index %.1f)\n"), stress.level, stress.baevsky_si);
  else
    g_printerr (_("Stress: %s\n"), error->message);
  g_printerr (_("Irregular beats: %u of %u\n"), n_irregular, rr->len);
  return EXIT_OK;
}

int
ascendctl_run_analyze_fall (int    argc,
                            char **argv)
{
  g_autofree char *text = NULL;
  g_autofree double *xyz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendFallDetector) detector = ascend_fall_detector_new (200.0);
  gsize n;
  int rc;

  if (argc < 2)
    return ascendctl_usage_error (_("analyze-fall needs a FILE"));
  if ((rc = ascendctl_unexpected_argument (argc, argv, 1)) != EXIT_OK)
    return rc;
  if (!g_file_get_contents (argv[1], &text, NULL, &error) ||
      !ascend_sisfall_parse (text, &xyz, &n, &error))
    return ascendctl_store_error (error);
  for (gsize i = 0; i < n; i++)
    {
      double fall_ms;
      if (ascend_fall_detector_push (detector, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], &fall_ms))
        g_print ("fall\t%.0f\n", fall_ms);
    }
  return EXIT_OK;
}

typedef struct {
  GMainLoop     *loop;
  AscendMonitor *monitor;
  gint64         first_ms;
  guint          minutes;
  int            status;
} MonitorRun;

static void
monitor_measurement_cb (AscendSensor            *sensor,
                        const AscendMeasurement *m,
                        MonitorRun              *run)
{
  if (run->first_ms == 0)
    run->first_ms = m->time_ms;
  if (opt_duration > 0 && m->time_ms - run->first_ms >= opt_duration * 1000.0)
    g_main_loop_quit (run->loop);
}

static void
monitor_minute_cb (AscendMonitor       *monitor,
                   AscendHealthReading *r,
                   MonitorRun          *run)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->created_at / 1000);
  g_autofree char *time = g_date_time_format (when, "%Y-%m-%d %H:%M");
  g_autofree char *hrv = isnan (r->hrv) ? g_strdup ("-") : g_strdup_printf ("%.2f", r->hrv);
  g_autofree char *stress = r->stress_level == ASCEND_NO_INT ? g_strdup ("-")
                            : g_strdup_printf ("%" PRId64, r->stress_level);

  run->minutes++;
  g_print ("%s\t%" PRId64 " bpm\thrv %s\tstress %s\t%s\n", time,
           r->heart_rate == ASCEND_NO_INT ? 0 : r->heart_rate, hrv, stress,
           r->arrhythmia_detected ? "irregular" : "regular");
}

static void
monitor_write_failed_cb (AscendMonitor *monitor,
                         const GError  *error,
                         MonitorRun    *run)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  run->status = EXIT_FAILED;
}

static void
monitor_state_cb (AscendMonitor *monitor,
                  int            state,
                  MonitorRun    *run)
{
  AscendSensor *sensor = ascend_monitor_get_sensor (monitor);
  g_autofree char *message = NULL;

  g_object_get (sensor, "status-message", &message, NULL);
  g_printerr ("%s: %s%s%s\n", g_get_prgname (), ascend_sensor_state_to_string (state),
              message ? " — " : "", message ? message : "");
  if (state == ASCEND_SENSOR_FINISHED)
    g_main_loop_quit (run->loop);
  else if (state == ASCEND_SENSOR_FAILED)
    {
      run->status = EXIT_FAILED;
      g_main_loop_quit (run->loop);
    }
}

static gboolean
interrupted_cb (gpointer data)
{
  g_main_loop_quit (((MonitorRun *) data)->loop);
  return G_SOURCE_CONTINUE;
}

int
ascendctl_run_monitor (int    argc,
                       char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendSensor) sensor = NULL;
  g_autoptr(AscendUser) user = NULL;
  MonitorRun run = { 0 };
  guint sigint, sigterm;
  int rc;

  if ((rc = ascendctl_unexpected_argument (argc, argv, 0)) != EXIT_OK)
    return rc;
  if (opt_sensor == NULL)
    return ascendctl_usage_error (_("monitor needs --sensor, e.g. --sensor simulated"));
  if (opt_duration < 0)
    return ascendctl_usage_error (_("--duration cannot be negative"));
  sensor = ascend_sensor_new_from_spec (opt_sensor, opt_speed, &error);
  if (sensor == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        return ascendctl_usage_error ("%s", error->message);
      return ascendctl_store_error (error);
    }

  if ((db = ascendctl_open_database (FALSE, &error)) == NULL)
    return ascendctl_store_error (error);
  user = ascendctl_get_profile (db, opt_monitor_user, &error);
  if (user == NULL)
    return ascendctl_store_error (error);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.monitor = ascend_monitor_new (db, user->id);
  run.status = EXIT_OK;
  g_signal_connect (sensor, "measurement", G_CALLBACK (monitor_measurement_cb), &run);
  g_signal_connect (run.monitor, "minute", G_CALLBACK (monitor_minute_cb), &run);
  g_signal_connect (run.monitor, "sensor-state-changed", G_CALLBACK (monitor_state_cb), &run);
  g_signal_connect (run.monitor, "write-failed", G_CALLBACK (monitor_write_failed_cb), &run);
  sigint = g_unix_signal_add (SIGINT, interrupted_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, &run);

  if (ascend_sensor_is_simulated (sensor))
    g_printerr (_("%s: SIMULATED data — not a measurement of a person\n"), g_get_prgname ());
  ascend_monitor_set_sensor (run.monitor, sensor);
  if (ascend_sensor_get_state (sensor) != ASCEND_SENSOR_FAILED)
    g_main_loop_run (run.loop);
  /* Stopping the sensor writes what is complete. */
  ascend_monitor_set_sensor (run.monitor, NULL);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: %u minute written\n", "%s: %u minutes written\n", run.minutes),
              g_get_prgname (), run.minutes);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&run.monitor);
  g_main_loop_unref (run.loop);
  return run.status;
}
