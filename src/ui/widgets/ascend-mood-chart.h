/* ascend-mood-chart.h: a week or a month of moods, one bar a day */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ASCEND_TYPE_MOOD_CHART (ascend_mood_chart_get_type ())
G_DECLARE_FINAL_TYPE (AscendMoodChart, ascend_mood_chart, ASCEND, MOOD_CHART, GtkWidget)

GtkWidget *ascend_mood_chart_new      (void);
/* averages: n_days daily averages (1-10, NAN for none), oldest first;
 * last_day: the local date of the last one. Copied. */
void       ascend_mood_chart_set_days (AscendMoodChart *self,
                                       const double    *averages,
                                       guint            n_days,
                                       GDateTime       *last_day);

G_END_DECLS
