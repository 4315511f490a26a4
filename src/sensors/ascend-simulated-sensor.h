/* ascend-simulated-sensor.h: plausible heartbeats for people without a sensor */
#pragma once

#include "ascend-sensor.h"

G_BEGIN_DECLS

typedef enum {
  ASCEND_SCENARIO_REST,
  ASCEND_SCENARIO_EXERCISE,
  ASCEND_SCENARIO_STRESS,
  ASCEND_SCENARIO_IRREGULAR,  /* sinus, then an irregular-rhythm episode, then sinus */
  ASCEND_SCENARIO_HIGH_HR,    /* a sustained high heart rate at rest, for alert demos */
} AscendScenario;

#define ASCEND_TYPE_SIMULATED_SENSOR (ascend_simulated_sensor_get_type ())
G_DECLARE_FINAL_TYPE (AscendSimulatedSensor, ascend_simulated_sensor, ASCEND, SIMULATED_SENSOR, GObject)

AscendSimulatedSensor *ascend_simulated_sensor_new        (AscendScenario  scenario,
                                                           double          speed,
                                                           guint32         seed);
gboolean               ascend_scenario_from_string        (const char     *name,
                                                           AscendScenario *out);
const char            *ascend_scenario_to_string          (AscendScenario  scenario);
/* Generates the next second of data without waiting (for tests and benches). */
void                   ascend_simulated_sensor_next       (AscendSimulatedSensor *self,
                                                           AscendMeasurement     *out);

G_END_DECLS
