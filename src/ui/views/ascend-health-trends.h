/* ascend-health-trends.h: the Health section's Trends page: heart rate,
 * HRV, stress and mood over a day, week, month or year, with alerts and
 * irregular-rhythm episodes marked */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_HEALTH_TRENDS (ascend_health_trends_get_type ())
G_DECLARE_FINAL_TYPE (AscendHealthTrends, ascend_health_trends, ASCEND, HEALTH_TRENDS, AdwBin)

void ascend_health_trends_set_application (AscendHealthTrends *self,
                                           AscendApplication  *app);
/* Reloads the range shown (new readings, a new profile). */
void ascend_health_trends_refresh         (AscendHealthTrends *self);

G_END_DECLS
