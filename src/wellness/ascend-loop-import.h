/* ascend-loop-import.h: habits and check-ins from Loop Habit Tracker
 *
 * Loop's "Export as CSV" writes a zip holding Habits.csv (Position, Name,
 * Type, Question, Description, FrequencyNumerator, FrequencyDenominator,
 * Color, Unit, Target Type, Target Value, Archived?; older versions:
 * Position, Name, Description, NumRepetitions, Interval, Color) and a
 * Checkmarks.csv with a Date column then one column per habit, in the
 * order of Habits.csv. A value is 2 or YES_MANUAL (done), 1 or YES_AUTO
 * (not expected that day: not a check-in), 0 or NO, -1 or UNKNOWN, -3 or
 * SKIP; a measurable habit holds its amount (done when above zero).
 *
 * Parsing (ascend_loop_import_parse/load) reads and checks everything
 * without touching a database and gives a preview; writing adds it all in
 * one transaction or nothing. GLib cannot read zip files: the user unzips
 * the export and picks the folder or its Habits.csv.
 */
#pragma once

#include <json-glib/json-glib.h>
#include "ascend-database.h"
#include "ascend-habit-rules.h"

G_BEGIN_DECLS

typedef struct {
  char                 *name;
  char                 *question;
  gint64                numerator;     /* Loop: this many times ... */
  gint64                denominator;   /* ... every this many days */
  AscendHabitFrequency  frequency;     /* what it becomes here */
  gboolean              numerical;
  gboolean              archived;
  GArray               *done_days;     /* AscendDay, ascending, no repeats */
  guint                 n_skipped;     /* Loop skips, not imported */
} AscendLoopHabit;

typedef struct {
  GPtrArray *habits;      /* AscendLoopHabit, in Loop's order */
  guint      n_checkins;
  AscendDay  first_day;   /* of any check-in; 0 with none */
  AscendDay  last_day;
  GPtrArray *warnings;    /* sentences */
} AscendLoopImport;

void              ascend_loop_import_free    (AscendLoopImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendLoopImport, ascend_loop_import_free)

/* From the two files' contents. Errors (ASCEND_STORE_ERROR_INVALID) name
 * the file and line. */
AscendLoopImport *ascend_loop_import_parse   (const char  *habits_csv,
                                              gsize        habits_length,
                                              const char  *checkmarks_csv,
                                              gsize        checkmarks_length,
                                              GError     **error);
/* path: the unzipped export folder, its Habits.csv or its Checkmarks.csv. */
AscendLoopImport *ascend_loop_import_load    (const char  *path,
                                              GError     **error);

/* {"habits": [{"name", "frequency", "loopFrequency", "checkins",
 * "archived", "skipped"}...], "checkins", "from", "to",
 * "firstRows": [{"habit", "day"}...] (at most max_rows), "warnings"} */
JsonNode         *ascend_loop_import_preview (AscendLoopImport *import,
                                              guint             max_rows);

/* Adds the habits (or adds to a habit of the same name the user already
 * has, without logging a day twice) and one log per check-in day, at noon
 * of that day in tz, with the day fixed. One transaction. */
gboolean          ascend_loop_import_write   (AscendLoopImport *import,
                                              AscendDatabase   *db,
                                              gint64            user_id,
                                              GTimeZone        *tz,
                                              guint            *n_habits_added,
                                              guint            *n_logs_added,
                                              GError          **error);

G_END_DECLS
