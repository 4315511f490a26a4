/* ascend-reading-rules.h: what a reading typed in by a person may hold */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASCEND_MANUAL_HR_MIN  30
#define ASCEND_MANUAL_HR_MAX 250

/* Parses and checks the text of the manual reading form. heart_rate_text
 * is required, stress_text optional (empty = not given). On success fills
 * *heart_rate and *stress (0 when not given). On failure sets the message
 * for the field at fault and returns FALSE; *bad_field is 0 for heart rate,
 * 1 for stress. */
gboolean ascend_manual_reading_parse (const char  *heart_rate_text,
                                      const char  *stress_text,
                                      int         *heart_rate,
                                      int         *stress,
                                      int         *bad_field,
                                      char       **message);

G_END_DECLS
