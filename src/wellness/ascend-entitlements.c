/* ascend-entitlements.c: the tiers, the items tokens buy, the companion themes */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ascend-entitlements.h"

static const char * const tier_names[] = { "free", "premium", "pro" };

static const AscendShopItem items[] = {
  { "exercise:progressive_relaxation", ASCEND_SHOP_ITEM_EXERCISE, "progressive_relaxation",
    N_("Progressive Relaxation"), N_("Tense and release each muscle group, hands to toes."),
    3, ASCEND_TIER_PREMIUM },
  { "exercise:gentle_movement", ASCEND_SHOP_ITEM_EXERCISE, "gentle_movement",
    N_("Gentle Movement"), N_("Easy stretches for a stiff neck, shoulders and back."),
    3, ASCEND_TIER_PREMIUM },
  { "theme:twilight", ASCEND_SHOP_ITEM_THEME, "twilight",
    N_("Twilight theme"), N_("Hoshi in violet starlight, with violet accents."),
    5, ASCEND_TIER_PRO },
  { "theme:ocean", ASCEND_SHOP_ITEM_THEME, "ocean",
    N_("Ocean theme"), N_("Hoshi with sky-blue hair, with sea-blue accents."),
    5, ASCEND_TIER_PRO },
  { "theme:matcha", ASCEND_SHOP_ITEM_THEME, "matcha",
    N_("Matcha theme"), N_("Hoshi with mint-green hair, with green tea accents."),
    5, ASCEND_TIER_PRO },
};

static const AscendCompanionTheme themes[] = {
  { "sakura", N_("Sakura theme"), "ascend-theme-sakura", NULL,
    { "#ff9acb", "#ff6fae", "#b25bd6" }, { "#9a83ff", "#6446e8", "#8a70ff" } },
  { "twilight", N_("Twilight theme"), "ascend-theme-twilight", "theme:twilight",
    { "#c9b8ff", "#8a6cff", "#4b2fb8" }, { "#ff9acb", "#d94f8e", "#ff8cc6" } },
  { "ocean", N_("Ocean theme"), "ascend-theme-ocean", "theme:ocean",
    { "#b5ecff", "#4cc9f0", "#2474b5" }, { "#7fd8c4", "#23977f", "#5fc4ae" } },
  { "matcha", N_("Matcha theme"), "ascend-theme-matcha", "theme:matcha",
    { "#c8f5d8", "#3ddc97", "#1f8a5e" }, { "#ffc98a", "#e08a2c", "#ffb347" } },
};

AscendTier
ascend_tier_parse (const char *tier)
{
  for (guint i = 0; i < G_N_ELEMENTS (tier_names); i++)
    if (g_strcmp0 (tier, tier_names[i]) == 0)
      return (AscendTier) i;
  return ASCEND_TIER_FREE;
}

const char *
ascend_tier_to_string (AscendTier tier)
{
  g_return_val_if_fail (tier <= ASCEND_TIER_PRO, "free");
  return tier_names[tier];
}

const char *
ascend_tier_title (AscendTier tier)
{
  switch (tier)
    {
    case ASCEND_TIER_PREMIUM:
      return _("Premium");
    case ASCEND_TIER_PRO:
      return _("Pro");
    case ASCEND_TIER_FREE:
    default:
      return _("Free");
    }
}

GStrv
ascend_tier_perks (AscendTier tier)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  switch (tier)
    {
    case ASCEND_TIER_FREE:
      g_strv_builder_add (builder, _("Quests, journal, goals and heart monitoring"));
      g_strv_builder_add (builder, _("Four breathing exercises"));
      g_strv_builder_add (builder, _("The Sakura theme"));
      g_strv_builder_add (builder, _("Tokens unlock more, one item at a time"));
      break;
    case ASCEND_TIER_PREMIUM:
      g_strv_builder_add (builder, _("Everything in Free"));
      g_strv_builder_add (builder, _("Every breathing exercise, including Progressive Relaxation and Gentle Movement"));
      break;
    case ASCEND_TIER_PRO:
      g_strv_builder_add (builder, _("Everything in Premium"));
      g_strv_builder_add (builder, _("Every companion theme: Twilight, Ocean and Matcha"));
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_strv_builder_end (builder);
}

const AscendShopItem *
ascend_shop_items (guint *n_items)
{
  g_return_val_if_fail (n_items != NULL, NULL);
  *n_items = G_N_ELEMENTS (items);
  return items;
}

const AscendShopItem *
ascend_shop_item_lookup (const char *item_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_strcmp0 (items[i].id, item_id) == 0)
      return &items[i];
  return NULL;
}

const AscendShopItem *
ascend_shop_item_for_exercise (const char *exercise_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (items[i].kind == ASCEND_SHOP_ITEM_EXERCISE && g_strcmp0 (items[i].target, exercise_type) == 0)
      return &items[i];
  return NULL;
}

gboolean
ascend_tier_includes (AscendTier            tier,
                      const AscendShopItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return tier >= item->included_in;
}

const AscendCompanionTheme *
ascend_companion_themes (guint *n_themes)
{
  g_return_val_if_fail (n_themes != NULL, NULL);
  *n_themes = G_N_ELEMENTS (themes);
  return themes;
}

const AscendCompanionTheme *
ascend_companion_theme_lookup (const char *theme_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    if (g_strcmp0 (themes[i].id, theme_id) == 0)
      return &themes[i];
  return NULL;
}

/* Replaces, inside the gradient with this id only, the stop colours in
 * order: other shapes (the blush, the bow, the aura) share the colours. */
static void
swap_gradient_stops (GString     *svg,
                     const char  *gradient_id,
                     const char  *const *to,
                     guint        n_to)
{
  g_autofree char *marker = g_strdup_printf ("id=\"%s\"", gradient_id);
  const char *start = strstr (svg->str, marker);
  const char *end;
  gsize pos;

  if (start == NULL || (end = strstr (start, "</linearGradient>")) == NULL)
    return;
  pos = start - svg->str;
  for (guint i = 0; i < n_to; i++)
    {
      const char *stop = strstr (svg->str + pos, "stop-color=\"#");
      const char *close;

      end = strstr (svg->str + pos, "</linearGradient>");
      if (stop == NULL || stop > end || (close = strchr (stop + 13, '"')) == NULL)
        return;
      pos = stop - svg->str + 12;
      g_string_erase (svg, pos, close - (svg->str + pos));
      g_string_insert (svg, pos, to[i]);
      pos += strlen (to[i]);
    }
}

char *
ascend_companion_theme_recolor (const AscendCompanionTheme *theme,
                                const char                 *svg)
{
  const AscendCompanionTheme *base = &themes[0];
  GString *out;

  g_return_val_if_fail (theme != NULL, NULL);
  g_return_val_if_fail (svg != NULL, NULL);

  out = g_string_new (svg);
  if (theme == base)
    return g_string_free (out, FALSE);
  swap_gradient_stops (out, "hair", theme->hair, 3);
  swap_gradient_stops (out, "dress", theme->dress, 2);
  g_string_replace (out, base->dress[2], theme->dress[2], 0);
  return g_string_free (out, FALSE);
}
