/* ascend-sensor-spec.c: "simulated[:SCENARIO]", "replay:FILE", "bluez[:ADDRESS]" */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-sensor.h"
#include "ascend-simulated-sensor.h"
#include "ascend-replay-sensor.h"
#include "ascend-bluez-sensor.h"

AscendSensor *
ascend_sensor_new_from_spec (const char  *spec,
                             double       speed,
                             GError     **error)
{
  const char *arg;

  g_return_val_if_fail (spec != NULL, NULL);

  if (speed <= 0 || speed > 100000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Speed must be above 0 and at most 100000, not %g"), speed);
      return NULL;
    }

  if (g_str_equal (spec, "simulated") || g_str_has_prefix (spec, "simulated:"))
    {
      AscendScenario scenario = ASCEND_SCENARIO_REST;
      arg = strchr (spec, ':');
      if (arg != NULL && !ascend_scenario_from_string (arg + 1, &scenario))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Unknown scenario “%s”: use rest, exercise, stress, irregular or high-hr"), arg + 1);
          return NULL;
        }
      return ASCEND_SENSOR (ascend_simulated_sensor_new (scenario, speed, (guint32) g_get_real_time ()));
    }

  if (g_str_has_prefix (spec, "replay:"))
    {
      arg = spec + strlen ("replay:");
      if (*arg == '\0')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("replay needs a file: replay:FILE"));
          return NULL;
        }
      return (AscendSensor *) ascend_replay_sensor_new_from_file (arg, ASCEND_REPLAY_AUTO, speed, error);
    }

  if (g_str_equal (spec, "bluez") || g_str_has_prefix (spec, "bluez:"))
    {
      arg = strchr (spec, ':');
      return ASCEND_SENSOR (ascend_bluez_sensor_new (arg ? arg + 1 : NULL));
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Unknown sensor “%s”: use simulated[:SCENARIO], replay:FILE or bluez[:ADDRESS]"), spec);
  return NULL;
}
