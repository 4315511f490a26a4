/* ascend-sisfall.c: SisFall trial text to accelerations in g
 *
 * SisFall (Sucerquia, López, Vargas-Bonilla, Sensors 2017, 17(1):198) stores
 * one sample a row at 200 Hz: nine comma-separated raw integers ending with
 * ';', lines ending in CRLF, e.g. "  -9,-257, -25,  84, 247, 27,-120,-987, 63;".
 * Columns 1-3 are the ADXL345 accelerometer (13 bit, +-16 g, so 32/8192 g per
 * unit); 4-6 the ITG3200 gyroscope and 7-9 the MMA8451Q accelerometer, which
 * are checked for form but not returned.
 *
 * The parser is strict, because a file that is not SisFall should be refused
 * rather than read as nonsense: every non-blank line must be exactly nine
 * integers (optional spaces or tabs around each), separated by commas and
 * closed by ';'. LF, CRLF and a missing final newline are accepted; blank
 * lines are skipped. Each value must fit the 16-bit range the widest SisFall
 * sensor (the gyroscope) can produce, and the ADXL345 columns their 13-bit
 * range. An error names the first bad line (1-based) in a sentence. No file
 * I/O: the caller reads the file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ascend-fall.h"

#define SISFALL_COLUMNS 9
#define ADXL345_G_PER_UNIT (32.0 / 8192.0)
#define ADXL345_MIN (-4096)
#define ADXL345_MAX 4095
#define RAW_MIN (-32768)
#define RAW_MAX 32767

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Parses one line [p, end) into values; returns FALSE with a reason. */
static gboolean
parse_row (const char  *p,
           const char  *end,
           int          values[SISFALL_COLUMNS],
           const char **reason)
{
  for (int col = 0; col < SISFALL_COLUMNS; col++)
    {
      gboolean negative = FALSE;
      gint64 v = 0;
      int digits = 0;

      while (p < end && is_blank (*p))
        p++;
      if (p < end && (*p == '-' || *p == '+'))
        {
          negative = *p == '-';
          p++;
        }
      while (p < end && *p >= '0' && *p <= '9')
        {
          /* Stop accumulating before gint64 could overflow; the range check
           * below refuses such a value anyway. */
          if (v < 1000000)
            v = v * 10 + (*p - '0');
          digits++;
          p++;
        }
      if (digits == 0)
        {
          *reason = col == 0 && p >= end ? N_("is cut short") : N_("has something other than a number where a value belongs");
          return FALSE;
        }
      if (negative)
        v = -v;
      if (v < RAW_MIN || v > RAW_MAX)
        {
          *reason = N_("has a value outside the range of the SisFall sensors");
          return FALSE;
        }
      if (col < 3 && (v < ADXL345_MIN || v > ADXL345_MAX))
        {
          *reason = N_("has an ADXL345 value outside its 13-bit range");
          return FALSE;
        }
      values[col] = (int) v;

      while (p < end && is_blank (*p))
        p++;
      if (col < SISFALL_COLUMNS - 1)
        {
          if (p >= end || *p == ';')
            {
              *reason = N_("has fewer than 9 values");
              return FALSE;
            }
          if (*p != ',')
            {
              *reason = N_("has something other than a comma between its values");
              return FALSE;
            }
          p++;
        }
    }

  if (p >= end)
    {
      *reason = N_("does not end with ';'");
      return FALSE;
    }
  if (*p == ',')
    {
      *reason = N_("has more than 9 values");
      return FALSE;
    }
  if (*p != ';')
    {
      *reason = N_("has something other than ';' after its 9th value");
      return FALSE;
    }
  p++;
  while (p < end && is_blank (*p))
    p++;
  if (p < end)
    {
      *reason = N_("has text after its closing ';'");
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_sisfall_parse (const char  *text,
                      double     **xyz_g,
                      gsize       *n_samples,
                      GError     **error)
{
  g_autoptr(GArray) out = NULL;
  const char *p;
  guint64 line_no = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (xyz_g != NULL, FALSE);
  g_return_val_if_fail (n_samples != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *xyz_g = NULL;
  *n_samples = 0;

  /* About 40 bytes a row in real files: reserve close to the final size. */
  out = g_array_sized_new (FALSE, FALSE, sizeof (double), 3 * (strlen (text) / 32 + 1));

  for (p = text; *p != '\0';)
    {
      const char *nl = strchr (p, '\n');
      const char *end = nl ? nl : p + strlen (p);
      const char *next = nl ? nl + 1 : end;
      const char *q;
      const char *reason = NULL;
      int values[SISFALL_COLUMNS];

      line_no++;
      if (end > p && end[-1] == '\r')
        end--;

      for (q = p; q < end && is_blank (*q); q++)
        ;
      if (q == end)
        {
          p = next;
          continue;
        }

      if (!parse_row (p, end, values, &reason))
        {
          g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                       /* TRANSLATORS: %s says what is wrong with the line, e.g.
                        * "has fewer than 9 values" */
                       _("Line %" PRIu64 " of the SisFall text %s; "
                         "each row must be 9 comma-separated integers ending with ';'."),
                       (uint64_t) line_no, _(reason));
          return FALSE;
        }

      for (int c = 0; c < 3; c++)
        {
          double g = values[c] * ADXL345_G_PER_UNIT;
          g_array_append_val (out, g);
        }
      p = next;
    }

  if (out->len == 0)
    {
      g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                           _("The SisFall text holds no samples."));
      return FALSE;
    }

  *n_samples = out->len / 3;
  *xyz_g = (double *) (void *) g_array_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}
