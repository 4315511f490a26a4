/* ascend-afdb.c: text exports of the MIT-BIH Atrial Fibrillation Database
 *
 * Reads the two files of one record of ../shared/data/afdb-rr (see its
 * README.md) into per-beat arrays. Pure: text in, arrays out, no file I/O.
 *
 * qrsRRRRR.txt (WFDB ann2rr): one line per beat,
 *     prev_sample <TAB> rr_seconds <TAB> sample
 *   at 250 Hz. Every line is checked: three fields (tabs or spaces between
 *   them), two non-negative integers and a decimal number, sample >
 *   prev_sample, rr_seconds within 2 ms of (sample - prev_sample) / 250 (the
 *   file prints 3 decimals of an interval that is a multiple of 4 ms), and
 *   the beats in increasing sample order. The RR interval returned is the
 *   exact (sample - prev_sample) * 4 ms. The FIRST line is dropped: its
 *   interval runs from the start of the recording (sample 0), not from a
 *   beat.
 *
 * atrRRRRR.txt (WFDB rdann): a header line, then one line per annotation,
 *     "  0:00.120   30   +   0   0   0<TAB>(N"
 *   The 2nd whitespace field is the sample index; the text after the TAB is
 *   the aux string. A first line that does not start with a digit is the
 *   header and is skipped. An aux string starting with '(' is a rhythm
 *   change: (AFIB -> 'A', (AFL -> 'F', (J -> 'J', and any other rhythm ->
 *   'N' (the README's "all other rhythms"). Lines without such an aux string
 *   are annotations of another kind and change nothing. Annotations must be
 *   in non-decreasing sample order.
 *
 * Per-beat label: the rhythm in force at the beat's sample, that is the last
 * rhythm annotation whose sample is <= the beat's; beats before the first
 * annotation (or every beat when atr_text is NULL) are 'N'.
 *
 * LF and CRLF line ends, a missing final newline and blank lines are
 * accepted. Anything else is refused with ASCEND_HEALTH_ERROR_MALFORMED naming
 * the first bad line (1-based); on error *out is left empty.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ascend-health-error.h"
#include "ascend-rhythm.h"

#define AFDB_HZ 250
#define MS_PER_SAMPLE (1000.0 / AFDB_HZ)
#define RR_TOLERANCE_MS 2.0
/* 2^40 samples at 250 Hz is 139 years: far beyond any recording, and small
 * enough that sample * 4 stays exact in a double. */
#define SAMPLE_MAX (G_GINT64_CONSTANT (1) << 40)

typedef struct {
  const char *p;
  const char *end;
  guint       number;   /* 1-based number of the line last returned */
} LineReader;

static void
line_reader_init (LineReader *reader,
                  const char *text)
{
  reader->p = text;
  reader->end = text + strlen (text);
  reader->number = 0;
}

/* Next line as [*start, *stop), without its '\n' or "\r\n". */
static gboolean
line_reader_next (LineReader  *reader,
                  const char **start,
                  const char **stop)
{
  const char *nl;

  if (reader->p >= reader->end)
    return FALSE;
  nl = memchr (reader->p, '\n', reader->end - reader->p);
  *start = reader->p;
  *stop = nl ? nl : reader->end;
  reader->p = nl ? nl + 1 : reader->end;
  if (*stop > *start && (*stop)[-1] == '\r')
    (*stop)--;
  reader->number++;
  return TRUE;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
is_blank_line (const char *p,
               const char *end)
{
  for (; p < end; p++)
    if (!is_space (*p))
      return FALSE;
  return TRUE;
}

/* Splits [p, end) at spaces and tabs into at most max fields; returns the
 * number found, or max + 1 when there are more. */
static guint
split_fields (const char *p,
              const char *end,
              const char *starts[],
              const char *stops[],
              guint       max)
{
  guint n = 0;

  for (;;)
    {
      while (p < end && is_space (*p))
        p++;
      if (p >= end)
        return n;
      if (n == max)
        return max + 1;
      starts[n] = p;
      while (p < end && !is_space (*p))
        p++;
      stops[n] = p;
      n++;
    }
}

/* A non-negative decimal integer filling [p, end) exactly. */
static gboolean
parse_sample (const char *p,
              const char *end,
              gint64     *out)
{
  gint64 v = 0;

  if (p >= end)
    return FALSE;
  for (; p < end; p++)
    {
      if (*p < '0' || *p > '9')
        return FALSE;
      v = v * 10 + (*p - '0');
      if (v > SAMPLE_MAX)
        return FALSE;
    }
  *out = v;
  return TRUE;
}

/* A plain non-negative decimal number ("0.244") filling [p, end) exactly. */
static gboolean
parse_seconds (const char *p,
               const char *end,
               double     *out)
{
  char buf[32];
  char *stop = NULL;
  gsize len = end - p;
  double v;

  if (len == 0 || len >= sizeof buf)
    return FALSE;
  for (const char *q = p; q < end; q++)
    if (!((*q >= '0' && *q <= '9') || *q == '.'))
      return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  errno = 0;
  v = g_ascii_strtod (buf, &stop);
  if (errno != 0 || stop != buf + len || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* Takes message, a whole translated sentence naming the line. */
static gboolean
fail (GError **error,
      char    *message)
{
  g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED, message);
  g_free (message);
  return FALSE;
}

typedef struct {
  gint64 sample;
  char   label;
} RhythmChange;

static char
rhythm_label (const char *aux,
              const char *end)
{
  gsize len = end - aux;

  if (len == 5 && memcmp (aux, "(AFIB", 5) == 0)
    return 'A';
  if (len == 4 && memcmp (aux, "(AFL", 4) == 0)
    return 'F';
  if (len == 2 && memcmp (aux, "(J", 2) == 0)
    return 'J';
  return 'N';
}

static gboolean
parse_atr (const char  *text,
           GArray      *changes,
           GError     **error)
{
  LineReader reader;
  const char *start, *stop;
  gint64 last = -1;

  line_reader_init (&reader, text);
  while (line_reader_next (&reader, &start, &stop))
    {
      const char *tab, *aux, *aux_end;
      const char *f_start[2], *f_stop[2];
      guint n_fields;
      RhythmChange change;

      if (is_blank_line (start, stop))
        continue;
      /* The header ("Elapsed time  Sample #  Type ..."). */
      if (reader.number == 1)
        {
          const char *p = start;

          while (p < stop && is_space (*p))
            p++;
          if (*p < '0' || *p > '9')
            continue;
        }

      tab = memchr (start, '\t', stop - start);
      /* rdann writes six fields before the TAB; only the first two matter. */
      n_fields = split_fields (start, tab ? tab : stop, f_start, f_stop, 2);
      if (n_fields < 2)
        return fail (error, g_strdup_printf (_("Line %u of the rhythm annotation text has no sample number."),
                                             reader.number));
      if (memchr (f_start[0], ':', f_stop[0] - f_start[0]) == NULL)
        return fail (error, g_strdup_printf (_("Line %u of the rhythm annotation text does not start with an elapsed time."),
                                             reader.number));
      if (!parse_sample (f_start[1], f_stop[1], &change.sample))
        return fail (error, g_strdup_printf (_("Line %u of the rhythm annotation text has something other than a sample number in its second field."),
                                             reader.number));
      if (change.sample < last)
        return fail (error, g_strdup_printf (_("Line %u of the rhythm annotation text goes back in time."),
                                             reader.number));
      last = change.sample;

      if (tab == NULL)
        continue;
      aux = tab + 1;
      aux_end = stop;
      while (aux < aux_end && is_space (*aux))
        aux++;
      while (aux_end > aux && is_space (aux_end[-1]))
        aux_end--;
      if (aux == aux_end || *aux != '(')
        continue;
      change.label = rhythm_label (aux, aux_end);
      g_array_append_val (changes, change);
    }
  return TRUE;
}

gboolean
ascend_afdb_parse (const char        *qrs_text,
                   const char        *atr_text,
                   AscendAfdbRecord  *out,
                   GError           **error)
{
  g_autoptr(GArray) rr = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GArray) changes = NULL;
  LineReader reader;
  const char *start, *stop;
  gboolean first = TRUE;
  gint64 last_sample = -1;
  gsize next_change = 0;
  char rhythm = 'N';

  g_return_val_if_fail (qrs_text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);

  changes = g_array_new (FALSE, FALSE, sizeof (RhythmChange));
  if (atr_text != NULL && !parse_atr (atr_text, changes, error))
    return FALSE;

  rr = g_array_new (FALSE, FALSE, sizeof (double));
  samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  line_reader_init (&reader, qrs_text);
  while (line_reader_next (&reader, &start, &stop))
    {
      const char *f_start[3], *f_stop[3];
      gint64 prev, sample;
      double seconds, interval_ms;

      if (is_blank_line (start, stop))
        continue;
      if (split_fields (start, stop, f_start, f_stop, 3) != 3)
        return fail (error, g_strdup_printf (_("Line %u of the RR text does not have exactly three fields."),
                                             reader.number));
      if (!parse_sample (f_start[0], f_stop[0], &prev) ||
          !parse_seconds (f_start[1], f_stop[1], &seconds) ||
          !parse_sample (f_start[2], f_stop[2], &sample))
        return fail (error, g_strdup_printf (_("Line %u of the RR text has something other than a number where a value belongs."),
                                             reader.number));
      if (sample <= prev)
        return fail (error, g_strdup_printf (_("Line %u of the RR text ends its interval before it starts."),
                                             reader.number));
      if (sample <= last_sample)
        return fail (error, g_strdup_printf (_("Line %u of the RR text is not after the beat before it."),
                                             reader.number));
      interval_ms = (double) (sample - prev) * MS_PER_SAMPLE;
      if (fabs (seconds * 1000.0 - interval_ms) > RR_TOLERANCE_MS)
        return fail (error, g_strdup_printf (_("Line %u of the RR text has an interval that does not match its two sample numbers."),
                                             reader.number));
      last_sample = sample;

      /* The first interval starts at the beginning of the recording. */
      if (first)
        {
          first = FALSE;
          continue;
        }
      g_array_append_val (rr, interval_ms);
      g_array_append_val (samples, sample);
    }

  out->n = rr->len;
  out->label = g_new (char, out->n + 1);
  for (gsize i = 0; i < out->n; i++)
    {
      gint64 sample = g_array_index (samples, gint64, i);

      while (next_change < changes->len &&
             g_array_index (changes, RhythmChange, next_change).sample <= sample)
        rhythm = g_array_index (changes, RhythmChange, next_change++).label;
      out->label[i] = rhythm;
    }
  out->label[out->n] = '\0';
  out->rr_ms = (double *) (void *) g_array_free (g_steal_pointer (&rr), FALSE);
  out->sample = (gint64 *) (void *) g_array_free (g_steal_pointer (&samples), FALSE);
  return TRUE;
}

void
ascend_afdb_clear (AscendAfdbRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->rr_ms, g_free);
  g_clear_pointer (&record->sample, g_free);
  g_clear_pointer (&record->label, g_free);
  record->n = 0;
}
