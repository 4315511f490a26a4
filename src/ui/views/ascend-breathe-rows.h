/* ascend-breathe-rows.h: the rows and words the Breathe view shows about
 * past sessions: history rows, "what works for you" rows, durations,
 * signed changes and the mood scale's words. */
#pragma once

#include <adwaita.h>
#include "ascend-breathe-history.h"

G_BEGIN_DECLS

/* "45 s", "1 min 36 s", "3 min". */
char       *ascend_breathe_format_duration (guint         seconds);
/* "+2.3", "−1" (a real minus sign), "0"; decimals 0 or 1. */
char       *ascend_breathe_format_signed   (double        value,
                                            int           decimals);
/* "Awful" .. "Wonderful" for 1..10, translated. */
const char *ascend_breathe_mood_word       (gint64        mood);

GtkWidget  *ascend_breathe_history_row_new (const AscendExerciseSession *session,
                                            gint64                       now_ms);
GtkWidget  *ascend_breathe_effect_row_new  (const AscendBreatheEffect   *effect,
                                            guint                        min_sessions);

G_END_DECLS
