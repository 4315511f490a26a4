/* ascend-journal-rules.c: the mood scale, tags and what a journal form accepts */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ascend-journal-rules.h"

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
