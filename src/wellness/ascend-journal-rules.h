/* ascend-journal-rules.h: the mood scale, tags and what a journal form accepts
 *
 * Pure functions: no database, no widgets. The views check a form with
 * these before they write, and say what is wrong next to the field; the
 * store's CHECK constraints stay the last line of defence.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASCEND_MOOD_SCORE_MIN 1
#define ASCEND_MOOD_SCORE_MAX 10

/* The companion's expressions, as named by its art
 * (data/icons/mascot/mascot-NAME.svg). */
typedef enum {
  ASCEND_MOOD_FACE_WORRIED,
  ASCEND_MOOD_FACE_SLEEPY,
  ASCEND_MOOD_FACE_CALM,
  ASCEND_MOOD_FACE_CHEERFUL,
} AscendMoodFace;

/* The label of a score on the 1-10 scale ("Awful" .. "Amazing"),
 * translated; NULL outside the scale. */
const char     *ascend_mood_label          (gint64      score);
AscendMoodFace  ascend_mood_face           (gint64      score);
/* "worried", "sleepy", "calm", "cheerful". */
const char     *ascend_mood_face_name      (AscendMoodFace face);
/* The whole sentence that describes the companion's face, translated
 * ("The companion looks worried"): the alternative text of its picture. */
const char     *ascend_mood_face_description (AscendMoodFace face);
/* The resource path of the companion's art for a score. */
char           *ascend_mood_face_resource  (gint64      score);

gboolean        ascend_mood_score_valid    (gint64      score);

/* Tags as typed ("walk, nature, #calm") to the JSON array journalEntries
 * keeps (["walk","nature","calm"]): split on commas (also the Japanese
 * ones) and new lines, trimmed, a leading '#' dropped, empty ones dropped, duplicates (ignoring case) kept once, in
 * the order typed. */
char           *ascend_journal_tags_to_json (const char *text);
/* The tags of a JSON array as a GStrv (elements that are not strings are
 * written as JSON); an empty vector for NULL or text that is not an array. */
GStrv           ascend_journal_tags_parse  (const char *json);
/* The tags of a JSON array as the text a user would type: "walk, nature". */
char           *ascend_journal_tags_to_text (const char *json);

/* Each check returns NULL when the value is fine, or a translated sentence
 * to show next to the field. */
const char     *ascend_journal_check_title (const char *title);
/* score G_MININT64 (ASCEND_NO_INT) is "no mood", fine unless required. */
const char     *ascend_journal_check_mood_score (gint64  score,
                                                 gboolean required);

/* Mood history. The n_days local days (in tz) that end with the day of
 * now_ms, as the Unix ms range [from, to) to read moodLogs over. */
void            ascend_mood_history_range  (GTimeZone  *tz,
                                            gint64      now_ms,
                                            guint       n_days,
                                            gint64     *from,
                                            gint64     *to);
/* The average score of each of those days, oldest first, NAN for a day
 * without a log. logs: AscendMoodLog. */
void            ascend_mood_daily_averages (GPtrArray  *logs,
                                            GTimeZone  *tz,
                                            gint64      now_ms,
                                            guint       n_days,
                                            double     *averages);

/* TRUE for text that is empty or only white space. */
gboolean        ascend_text_is_blank       (const char *text);

G_END_DECLS
