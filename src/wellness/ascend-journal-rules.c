/* ascend-journal-rules.c: the mood scale, tags and what a journal form accepts */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ascend-journal-rules.h"
#include "ascend-wellness-store.h"

static const char * const mood_labels[] = {
  N_("Awful"), N_("Very low"), N_("Down"), N_("Tired"), N_("Okay"),
  N_("Fine"), N_("Good"), N_("Happy"), N_("Great"), N_("Amazing"),
};

gboolean
ascend_mood_score_valid (gint64 score)
{
  return score >= ASCEND_MOOD_SCORE_MIN && score <= ASCEND_MOOD_SCORE_MAX;
}

const char *
ascend_mood_label (gint64 score)
{
  if (!ascend_mood_score_valid (score))
    return NULL;
  return _(mood_labels[score - 1]);
}

AscendMoodFace
ascend_mood_face (gint64 score)
{
  if (score <= 3)
    return ASCEND_MOOD_FACE_WORRIED;
  if (score <= 5)
    return ASCEND_MOOD_FACE_SLEEPY;
  if (score <= 7)
    return ASCEND_MOOD_FACE_CALM;
  return ASCEND_MOOD_FACE_CHEERFUL;
}

const char *
ascend_mood_face_name (AscendMoodFace face)
{
  switch (face)
    {
    case ASCEND_MOOD_FACE_WORRIED:
      return "worried";
    case ASCEND_MOOD_FACE_SLEEPY:
      return "sleepy";
    case ASCEND_MOOD_FACE_CHEERFUL:
      return "cheerful";
    case ASCEND_MOOD_FACE_CALM:
    default:
      return "calm";
    }
}

/* One sentence per face, so that a translation never has an English word
 * inserted into it. */
const char *
ascend_mood_face_description (AscendMoodFace face)
{
  switch (face)
    {
    case ASCEND_MOOD_FACE_WORRIED:
      return _("The companion looks worried");
    case ASCEND_MOOD_FACE_SLEEPY:
      return _("The companion looks sleepy");
    case ASCEND_MOOD_FACE_CHEERFUL:
      return _("The companion looks cheerful");
    case ASCEND_MOOD_FACE_CALM:
    default:
      return _("The companion looks calm");
    }
}

char *
ascend_mood_face_resource (gint64 score)
{
  return g_strdup_printf ("/io/github/animeascend/AnimeAscend/icons/mascot/mascot-%s.svg",
                          ascend_mood_face_name (ascend_mood_face (score)));
}

gboolean
ascend_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_tag_separator (gunichar c)
{
  return c == ',' || c == '\n' || c == '\r' || c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */;
}

char *
ascend_journal_tags_to_json (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *p = text ? text : "";

  json_builder_begin_array (builder);
  while (*p)
    {
      const char *start = p;
      g_autofree char *tag = NULL;
      g_autofree char *key = NULL;

      while (*p && !is_tag_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      /* "#calm" is how many people write a tag. */
      while (*start == '#' || *start == ' ' || *start == '\t')
        start++;
      tag = g_strstrip (g_strndup (start, MAX (p - start, 0)));
      if (*p)
        p = g_utf8_next_char (p);
      if (*tag == '\0' || !g_utf8_validate (tag, -1, NULL))
        continue;
      key = g_utf8_casefold (tag, -1);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      json_builder_add_string_value (builder, tag);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GStrv
ascend_journal_tags_parse (const char *json)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (json != NULL)
    root = json_from_string (json, NULL);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (tags, json_node_get_string (element));
          else
            {
              g_autofree char *text = json_to_string (element, FALSE);
              g_strv_builder_add (tags, text);
            }
        }
    }
  return g_strv_builder_end (tags);
}

char *
ascend_journal_tags_to_text (const char *json)
{
  g_auto(GStrv) tags = ascend_journal_tags_parse (json);
  return g_strjoinv (", ", tags);
}

const char *
ascend_journal_check_title (const char *title)
{
  if (ascend_text_is_blank (title))
    return _("Give the entry a title");
  return NULL;
}

const char *
ascend_journal_check_mood_score (gint64   score,
                                 gboolean required)
{
  if (!required && score == G_MININT64)
    return NULL;
  if (!ascend_mood_score_valid (score))
    return _("Mood score must be between 1 and 10");
  return NULL;
}

static GDateTime *
local_midnight (GTimeZone *tz,
                gint64     ms,
                int        days_after)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                          g_date_time_get_month (local),
                                          g_date_time_get_year (local));

  if (days_after >= 0)
    g_date_add_days (date, days_after);
  else
    g_date_subtract_days (date, -days_after);
  /* A midnight that a DST change skips becomes the first hour there is. */
  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
}

void
ascend_mood_history_range (GTimeZone *tz,
                           gint64     now_ms,
                           guint      n_days,
                           gint64    *from,
                           gint64    *to)
{
  g_autoptr(GDateTime) first = local_midnight (tz, now_ms, -(int) n_days + 1);
  g_autoptr(GDateTime) end = local_midnight (tz, now_ms, 1);

  g_return_if_fail (n_days > 0);
  *from = g_date_time_to_unix (first) * 1000;
  *to = g_date_time_to_unix (end) * 1000;
}

static guint32
julian_day (GTimeZone *tz,
            gint64     ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                          g_date_time_get_month (local),
                                          g_date_time_get_year (local));
  return g_date_get_julian (date);
}

void
ascend_mood_daily_averages (GPtrArray *logs,
                            GTimeZone *tz,
                            gint64     now_ms,
                            guint      n_days,
                            double    *averages)
{
  g_autofree double *sums = g_new0 (double, n_days);
  g_autofree guint *counts = g_new0 (guint, n_days);
  guint32 last = julian_day (tz, now_ms);

  for (guint i = 0; logs != NULL && i < logs->len; i++)
    {
      AscendMoodLog *log = g_ptr_array_index (logs, i);
      guint32 day = julian_day (tz, log->created_at);

      if (day > last || last - day >= n_days || !ascend_mood_score_valid (log->mood_score))
        continue;
      sums[n_days - 1 - (last - day)] += (double) log->mood_score;
      counts[n_days - 1 - (last - day)]++;
    }
  for (guint i = 0; i < n_days; i++)
    averages[i] = counts[i] > 0 ? sums[i] / counts[i] : NAN;
}
