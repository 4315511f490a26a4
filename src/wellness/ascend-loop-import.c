/* ascend-loop-import.c: habits and check-ins from Loop Habit Tracker */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ascend-loop-import.h"
#include "ascend-habit-store.h"
#include "ascend-wellness-store.h"

#define MAX_FILE_BYTES   (64 * 1024 * 1024)
#define MAX_RECORD_BYTES (64 * 1024)
#define DEFAULT_TARGET_DAYS 30

/* CSV (RFC 4180, as opencsv and Loop write it) */

typedef struct {
  guint      line;     /* where the record starts, from 1 */
  GPtrArray *fields;   /* char * */
} Record;

static void
record_free (gpointer data)
{
  Record *r = data;
  g_ptr_array_unref (r->fields);
  g_free (r);
}

static gboolean
check_text (const char  *label,
            const char  *text,
            gsize        length,
            GError     **error)
{
  if (length == 0 || text == NULL)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s is empty"), label);
      return FALSE;
    }
  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s is not a text CSV file"), label);
      return FALSE;
    }
  if (length >= 4 && memcmp (text, "PK\003\004", 4) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s is a zip archive: unzip it first"), label);
      return FALSE;
    }
  return TRUE;
}

/* Records of text; blank lines are skipped. */
static GPtrArray *
read_csv (const char  *label,
          const char  *text,
          gsize        length,
          GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  const char *p = text;
  const char *end = text + length;
  guint line = 1;

  if (!check_text (label, text, length, error))
    return NULL;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      Record *record = g_new0 (Record, 1);
      g_autoptr(GString) field = g_string_new (NULL);
      const char *start = p;
      gboolean done = FALSE;

      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (records, record);

      while (!done)
        {
          if (p >= end || *p == '\n' || *p == '\r')
            {
              g_ptr_array_add (record->fields, g_strdup (field->str));
              if (p < end && *p == '\r')
                p++;
              if (p < end && *p == '\n')
                p++;
              line++;
              done = TRUE;
            }
          else if (*p == ',')
            {
              g_ptr_array_add (record->fields, g_strdup (field->str));
              g_string_truncate (field, 0);
              p++;
            }
          else if (*p == '"' && field->len == 0)
            {
              p++;
              for (;;)
                {
                  if (p >= end)
                    {
                      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                                   _("%s line %u: a quoted field is not closed"), label, record->line);
                      return NULL;
                    }
                  if (*p == '"' && p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    {
                      if (*p == '\n')
                        line++;
                      g_string_append_c (field, *p++);
                    }
                }
            }
          else
            g_string_append_c (field, *p++);

          if ((gsize) (p - start) > MAX_RECORD_BYTES)
            {
              g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("%s line %u is too long to be a line of a Loop export"), label, record->line);
              return NULL;
            }
        }

      /* A blank line is no record. */
      if (record->fields->len == 1 && *(char *) g_ptr_array_index (record->fields, 0) == '\0')
        g_ptr_array_remove_index (records, records->len - 1);
    }
  return g_steal_pointer (&records);
}

static const char *
field (Record *r,
       int     column)
{
  if (column < 0 || (guint) column >= r->fields->len)
    return "";
  return g_ptr_array_index (r->fields, column);
}

static int
find_column (Record      *header,
             const char  *name)
{
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *h = g_strstrip (g_strdup (g_ptr_array_index (header->fields, i)));
      if (g_ascii_strcasecmp (h, name) == 0)
        return (int) i;
    }
  return -1;
}

/* Model */

static void
loop_habit_free (gpointer data)
{
  AscendLoopHabit *h = data;

  g_free (h->name);
  g_free (h->question);
  g_array_unref (h->done_days);
  g_free (h);
}

void
ascend_loop_import_free (AscendLoopImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->habits);
  g_ptr_array_unref (import->warnings);
  g_free (import);
}

static gboolean
parse_whole (const char *text,
             gint64     *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *end = NULL;
  gint64 v;

  if (*s == '\0')
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (*end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

/* Loop counts "numerator times every denominator days"; here a habit is
 * done once a day, a week or a month. */
static AscendHabitFrequency
map_frequency (gint64    numerator,
               gint64    denominator,
               gboolean *exact)
{
  *exact = numerator == 1 && (denominator == 1 || denominator == 7 ||
                              (denominator >= 28 && denominator <= 31));
  if (denominator <= 1)
    return ASCEND_HABIT_DAILY;
  if (denominator < 7)
    /* Most days (5 or more a week) is a daily habit; fewer, weekly. */
    return numerator * 7 >= denominator * 5 ? ASCEND_HABIT_DAILY : ASCEND_HABIT_WEEKLY;
  if (denominator < 28)
    return ASCEND_HABIT_WEEKLY;
  return ASCEND_HABIT_MONTHLY;
}

static const char *
frequency_label (AscendHabitFrequency f)
{
  switch (f)
    {
    case ASCEND_HABIT_WEEKLY:
      return _("weekly");
    case ASCEND_HABIT_MONTHLY:
      return _("monthly");
    case ASCEND_HABIT_DAILY:
    default:
      return _("daily");
    }
}

static gboolean
parse_habits (AscendLoopImport  *import,
              GPtrArray         *records,
              GError           **error)
{
  Record *header;
  int c_name, c_type, c_question, c_num, c_den, c_archived;

  if (records->len == 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Habits.csv is empty"));
      return FALSE;
    }
  header = g_ptr_array_index (records, 0);
  c_name = find_column (header, "Name");
  c_type = find_column (header, "Type");
  c_question = find_column (header, "Question");
  if (c_question < 0)
    c_question = find_column (header, "Description");
  c_num = find_column (header, "FrequencyNumerator");
  if (c_num < 0)
    c_num = find_column (header, "NumRepetitions");
  c_den = find_column (header, "FrequencyDenominator");
  if (c_den < 0)
    c_den = find_column (header, "Interval");
  c_archived = find_column (header, "Archived?");

  if (c_name < 0 || c_num < 0 || c_den < 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("Habits.csv line 1 is not the header of a Loop Habit Tracker export: it needs "
                     "the columns Name, FrequencyNumerator and FrequencyDenominator (or "
                     "NumRepetitions and Interval); missing: %s"),
                   c_name < 0 ? "Name" : c_num < 0 ? "FrequencyNumerator" : "FrequencyDenominator");
      return FALSE;
    }

  for (guint i = 1; i < records->len; i++)
    {
      Record *r = g_ptr_array_index (records, i);
      g_autofree char *name = g_strstrip (g_strdup (field (r, c_name)));
      AscendLoopHabit *h;
      gboolean exact;

      if (*name == '\0')
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Habits.csv line %u: the habit has no name"), r->line);
          return FALSE;
        }
      h = g_new0 (AscendLoopHabit, 1);
      h->done_days = g_array_new (FALSE, FALSE, sizeof (AscendDay));
      h->name = g_steal_pointer (&name);
      g_ptr_array_add (import->habits, h);
      h->question = g_strdup (field (r, c_question));
      if (!parse_whole (field (r, c_num), &h->numerator) ||
          !parse_whole (field (r, c_den), &h->denominator) ||
          h->numerator < 1 || h->denominator < 1 || h->numerator > 1000 || h->denominator > 1000)
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Habits.csv line %u: the frequency of “%s” must be two whole numbers "
                         "from 1 to 1000, not “%s” and “%s”"),
                       r->line, h->name, field (r, c_num), field (r, c_den));
          return FALSE;
        }
      h->numerical = c_type >= 0 && g_ascii_strcasecmp (field (r, c_type), "NUMERICAL") == 0;
      h->archived = c_archived >= 0 && g_ascii_strcasecmp (field (r, c_archived), "true") == 0;
      h->frequency = map_frequency (h->numerator, h->denominator, &exact);
      if (!exact)
        g_ptr_array_add (import->warnings,
                         g_strdup_printf (_("“%s” is %d times every %d days in Loop; it becomes a %s habit here"),
                                          h->name, (int) h->numerator, (int) h->denominator,
                                          frequency_label (h->frequency)));
    }
  if (import->habits->len == 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Habits.csv lists no habits"));
      return FALSE;
    }
  return TRUE;
}

typedef enum {
  VALUE_NONE,
  VALUE_DONE,
  VALUE_SKIP,
  VALUE_BAD,
} CheckValue;

static CheckValue
parse_value (const char *text,
             gboolean    numerical)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (*s == '\0')
    return VALUE_NONE;
  if (g_ascii_strcasecmp (s, "YES_MANUAL") == 0 || g_ascii_strcasecmp (s, "YES") == 0)
    return VALUE_DONE;
  if (g_ascii_strcasecmp (s, "YES_AUTO") == 0 || g_ascii_strcasecmp (s, "NO") == 0 ||
      g_ascii_strcasecmp (s, "UNKNOWN") == 0)
    return VALUE_NONE;
  if (g_ascii_strcasecmp (s, "SKIP") == 0)
    return VALUE_SKIP;
  v = g_ascii_strtod (s, &end);
  if (*end != '\0' || end == s || !isfinite (v))
    return VALUE_BAD;
  if (v == -3)
    return VALUE_SKIP;
  if (numerical)
    return v > 0 ? VALUE_DONE : VALUE_NONE;
  if (v == 2)
    return VALUE_DONE;
  if (v == 1 || v == 0 || v == -1)
    return VALUE_NONE;
  return VALUE_BAD;
}

static gint
compare_days (gconstpointer a,
              gconstpointer b)
{
  AscendDay da = *(const AscendDay *) a, db = *(const AscendDay *) b;
  return da < db ? -1 : da > db;
}

static gboolean
parse_checkmarks (AscendLoopImport  *import,
                  GPtrArray         *records,
                  GError           **error)
{
  Record *header;
  g_autofree char *first = NULL;
  guint n_columns;

  if (records->len == 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Checkmarks.csv is empty"));
      return FALSE;
    }
  header = g_ptr_array_index (records, 0);
  first = g_strstrip (g_strdup (field (header, 0)));
  if (g_ascii_strcasecmp (first, "Date") != 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Checkmarks.csv line 1 must start with a Date column"));
      return FALSE;
    }
  /* Loop ends every line with a comma: an empty last column. */
  n_columns = header->fields->len;
  if (n_columns > 1 && *field (header, n_columns - 1) == '\0')
    n_columns--;
  if (n_columns - 1 != import->habits->len)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("Checkmarks.csv has %u habit columns but Habits.csv lists %u habits "
                     "(a habit name with a comma splits a column: rename it in Loop and export again)"),
                   n_columns - 1, import->habits->len);
      return FALSE;
    }
  for (guint c = 1; c < n_columns; c++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, c - 1);
      g_autofree char *title = g_strstrip (g_strdup (field (header, c)));

      if (g_strcmp0 (title, h->name) != 0)
        g_ptr_array_add (import->warnings,
                         g_strdup_printf (_("Column %u of Checkmarks.csv is “%s”, but habit %u of "
                                            "Habits.csv is “%s”: matched by position"),
                                          c + 1, title, c, h->name));
    }

  for (guint i = 1; i < records->len; i++)
    {
      Record *r = g_ptr_array_index (records, i);
      g_autofree char *date = g_strstrip (g_strdup (field (r, 0)));
      AscendDay day;

      if (!ascend_day_parse (date, &day))
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Checkmarks.csv line %u: “%s” is not a date written YYYY-MM-DD"),
                       r->line, date);
          return FALSE;
        }
      if (r->fields->len > n_columns + 1 ||
          (r->fields->len == n_columns + 1 && *field (r, n_columns) != '\0'))
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("Checkmarks.csv line %u has more columns than the header"), r->line);
          return FALSE;
        }
      for (guint c = 1; c < n_columns; c++)
        {
          AscendLoopHabit *h = g_ptr_array_index (import->habits, c - 1);

          switch (parse_value (field (r, c), h->numerical))
            {
            case VALUE_DONE:
              g_array_append_val (h->done_days, day);
              break;
            case VALUE_SKIP:
              h->n_skipped++;
              break;
            case VALUE_BAD:
              g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Checkmarks.csv line %u: “%s” is not a check-in value of “%s” "
                             "(2 or YES_MANUAL is done, 1, 0 and -1 are not)"),
                           r->line, field (r, c), h->name);
              return FALSE;
            case VALUE_NONE:
            default:
              break;
            }
        }
    }

  for (guint i = 0; i < import->habits->len; i++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, i);
      guint kept = 0;

      g_array_sort (h->done_days, compare_days);
      for (guint d = 0; d < h->done_days->len; d++)
        if (kept == 0 || g_array_index (h->done_days, AscendDay, d) != g_array_index (h->done_days, AscendDay, kept - 1))
          g_array_index (h->done_days, AscendDay, kept++) = g_array_index (h->done_days, AscendDay, d);
      g_array_set_size (h->done_days, kept);
      if (kept > 0)
        {
          AscendDay oldest = g_array_index (h->done_days, AscendDay, 0);
          AscendDay newest = g_array_index (h->done_days, AscendDay, kept - 1);

          if (import->n_checkins == 0 || oldest < import->first_day)
            import->first_day = oldest;
          if (import->n_checkins == 0 || newest > import->last_day)
            import->last_day = newest;
          import->n_checkins += kept;
        }
      if (h->n_skipped > 0)
        g_ptr_array_add (import->warnings,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "“%s” has %u skipped day in Loop; skips are not imported",
                                                       "“%s” has %u skipped days in Loop; skips are not imported",
                                                       h->n_skipped),
                                          h->name, h->n_skipped));
    }
  if (import->n_checkins == 0)
    g_ptr_array_add (import->warnings, g_strdup (_("The export holds no check-ins: only the habits will be added")));
  return TRUE;
}

AscendLoopImport *
ascend_loop_import_parse (const char  *habits_csv,
                          gsize        habits_length,
                          const char  *checkmarks_csv,
                          gsize        checkmarks_length,
                          GError     **error)
{
  g_autoptr(AscendLoopImport) import = g_new0 (AscendLoopImport, 1);
  g_autoptr(GPtrArray) habits = NULL;
  g_autoptr(GPtrArray) checkmarks = NULL;

  import->habits = g_ptr_array_new_with_free_func (loop_habit_free);
  import->warnings = g_ptr_array_new_with_free_func (g_free);

  habits = read_csv ("Habits.csv", habits_csv, habits_length, error);
  if (habits == NULL || !parse_habits (import, habits, error))
    return NULL;
  checkmarks = read_csv ("Checkmarks.csv", checkmarks_csv, checkmarks_length, error);
  if (checkmarks == NULL || !parse_checkmarks (import, checkmarks, error))
    return NULL;
  return g_steal_pointer (&import);
}

static char *
read_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  char *contents = NULL;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_BYTES)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s is too large to be a Loop Habit Tracker export"), display);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, length, &local_error))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not read %s: %s"), display, local_error->message);
      return NULL;
    }
  return contents;
}

AscendLoopImport *
ascend_loop_import_load (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *habits_path = NULL;
  g_autofree char *checks_path = NULL;
  g_autofree char *habits = NULL;
  g_autofree char *checks = NULL;
  gsize habits_length = 0, checks_length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    dir = g_strdup (path);
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (path);

      if (g_str_has_suffix (base, ".zip") || g_str_has_suffix (base, ".ZIP"))
        {
          g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                               _("Anime Ascend cannot open zip files: unzip the Loop export first, "
                                 "then choose its folder or its Habits.csv"));
          return NULL;
        }
      dir = g_path_get_dirname (path);
    }
  else
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("There is no file or folder %s"), display);
      return NULL;
    }

  habits_path = g_build_filename (dir, "Habits.csv", NULL);
  checks_path = g_build_filename (dir, "Checkmarks.csv", NULL);
  if (!g_file_test (habits_path, G_FILE_TEST_IS_REGULAR) || !g_file_test (checks_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (dir);
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("%s does not hold both Habits.csv and Checkmarks.csv of a Loop Habit Tracker export"),
                   display);
      return NULL;
    }
  habits = read_file (habits_path, &habits_length, error);
  if (habits == NULL)
    return NULL;
  checks = read_file (checks_path, &checks_length, error);
  if (checks == NULL)
    return NULL;
  return ascend_loop_import_parse (habits, habits_length, checks, checks_length, error);
}

JsonNode *
ascend_loop_import_preview (AscendLoopImport *import,
                            guint             max_rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint rows = 0;

  g_return_val_if_fail (import != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "habits");
  json_builder_begin_array (b);
  for (guint i = 0; i < import->habits->len; i++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, i);
      g_autofree char *loop = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                               h->numerator, h->denominator);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, h->name);
      json_builder_set_member_name (b, "frequency");
      json_builder_add_string_value (b, ascend_habit_frequency_to_string (h->frequency));
      json_builder_set_member_name (b, "loopFrequency");
      json_builder_add_string_value (b, loop);
      json_builder_set_member_name (b, "checkins");
      json_builder_add_int_value (b, h->done_days->len);
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, h->n_skipped);
      json_builder_set_member_name (b, "archived");
      json_builder_add_boolean_value (b, h->archived);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "checkins");
  json_builder_add_int_value (b, import->n_checkins);
  json_builder_set_member_name (b, "from");
  if (import->n_checkins > 0)
    {
      g_autofree char *from = ascend_day_to_string (import->first_day);
      g_autofree char *to = ascend_day_to_string (import->last_day);
      json_builder_add_string_value (b, from);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, to);
    }
  else
    {
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "to");
      json_builder_add_null_value (b);
    }

  json_builder_set_member_name (b, "firstRows");
  json_builder_begin_array (b);
  for (guint i = 0; i < import->habits->len && rows < max_rows; i++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, i);

      for (guint d = 0; d < h->done_days->len && rows < max_rows; d++, rows++)
        {
          g_autofree char *day = ascend_day_to_string (g_array_index (h->done_days, AscendDay, d));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "habit");
          json_builder_add_string_value (b, h->name);
          json_builder_set_member_name (b, "day");
          json_builder_add_string_value (b, day);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < import->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (import->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The habit of that name the user already has, or 0. */
static gint64
existing_habit (GPtrArray  *habits,
                const char *name)
{
  for (guint i = 0; i < habits->len; i++)
    {
      AscendHabit *h = g_ptr_array_index (habits, i);
      if (g_strcmp0 (h->name, name) == 0)
        return h->id;
    }
  return 0;
}

gboolean
ascend_loop_import_write (AscendLoopImport  *import,
                          AscendDatabase    *db,
                          gint64             user_id,
                          GTimeZone         *tz,
                          guint             *n_habits_added,
                          guint             *n_logs_added,
                          GError           **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  const char *zone;
  guint habits_added = 0, logs_added = 0;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);

  zone = g_time_zone_get_identifier (tz);
  existing = ascend_habit_list (db, user_id, 0, 0, error);
  if (existing == NULL)
    return FALSE;

  if (!ascend_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < import->habits->len; i++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, i);
      g_autoptr(GHashTable) logged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gint64 habit_id = existing_habit (existing, h->name);

      if (habit_id != 0)
        {
          g_autoptr(GPtrArray) logs = ascend_habit_store_list_logs (db, user_id, habit_id, error);

          if (logs == NULL)
            goto fail;
          for (guint l = 0; l < logs->len; l++)
            {
              AscendHabitLogDay *log = g_ptr_array_index (logs, l);
              char *day = log->day ? g_strdup (log->day)
                                   : ascend_day_to_string (ascend_habit_local_day (log->completed_at, tz, 0));
              g_hash_table_add (logged, day);
            }
        }
      else
        {
          g_autoptr(AscendHabit) habit = ascend_habit_new ();

          habit->user_id = user_id;
          habit->name = g_strdup (h->name);
          g_free (habit->frequency);
          habit->frequency = g_strdup (ascend_habit_frequency_to_string (h->frequency));
          habit->target_days = DEFAULT_TARGET_DAYS;
          habit->created_at = h->done_days->len > 0
                              ? ascend_habit_day_start (g_array_index (h->done_days, AscendDay, 0), tz, 0)
                              : ascend_now_ms ();
          if (ascend_habit_insert (db, habit, error) == 0)
            goto fail;
          habit_id = habit->id;
          habits_added++;
          if (h->archived && !ascend_habit_store_set_archived (db, habit_id, TRUE, error))
            goto fail;
        }

      for (guint d = 0; d < h->done_days->len; d++)
        {
          AscendDay day = g_array_index (h->done_days, AscendDay, d);
          g_autofree char *text = ascend_day_to_string (day);

          if (g_hash_table_contains (logged, text))
            continue;
          if (ascend_habit_store_add_log (db, habit_id, ascend_habit_day_noon (day, tz), text, zone,
                                          NULL, error) == 0)
            goto fail;
          logs_added++;
        }
    }

  if (!ascend_database_commit (db, error))
    return FALSE;
  if (n_habits_added)
    *n_habits_added = habits_added;
  if (n_logs_added)
    *n_logs_added = logs_added;
  return TRUE;

fail:
  ascend_database_rollback (db);
  return FALSE;
}
