#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ascend-reading-rules.h"

static gboolean
parse_int (const char *text,
           int        *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;
  long v;

  if (*copy == '\0')
    return FALSE;
  v = strtol (copy, &end, 10);
  if (*end != '\0' || v < G_MININT || v > G_MAXINT)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

gboolean
ascend_manual_reading_parse (const char  *heart_rate_text,
                             const char  *stress_text,
                             int         *heart_rate,
                             int         *stress,
                             int         *bad_field,
                             char       **message)
{
  g_autofree char *stress_trimmed = g_strstrip (g_strdup (stress_text ? stress_text : ""));

  *stress = 0;
  if (!parse_int (heart_rate_text, heart_rate))
    {
      *bad_field = 0;
      *message = g_strdup (_("Enter your heart rate as a whole number of beats per minute"));
      return FALSE;
    }
  if (*heart_rate < ASCEND_MANUAL_HR_MIN || *heart_rate > ASCEND_MANUAL_HR_MAX)
    {
      *bad_field = 0;
      *message = g_strdup_printf (_("Heart rate must be between %d and %d bpm"),
                                  ASCEND_MANUAL_HR_MIN, ASCEND_MANUAL_HR_MAX);
      return FALSE;
    }
  if (*stress_trimmed != '\0')
    {
      if (!parse_int (stress_trimmed, stress) || *stress < 1 || *stress > 10)
        {
          *bad_field = 1;
          *message = g_strdup (_("Stress must be a whole number from 1 to 10, or left empty"));
          return FALSE;
        }
    }
  return TRUE;
}
