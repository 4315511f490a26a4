/* ascend-entitlements.h: what each tier unlocks and what tokens buy
 *
 * Pure rules, no database: the Shop, Breathe and the window read them, and
 * ascend-shop.h applies them to a profile.
 *
 * Tokens buy (each unlock is permanent, a 'usage' token transaction):
 * - the premium breathing exercises, Progressive Relaxation and Gentle
 *   Movement (3 tokens each), which free profiles see locked in Breathe;
 * - companion themes, Twilight, Ocean and Matcha (5 tokens each), which
 *   recolour Hoshi and the app's accent gradients (Sakura is free);
 * - skip days for habit streaks, 1 token each after the free ones of the
 *   month (ascend-habits.h; not an item of this table, a skip is bought
 *   from the habit itself).
 *
 * Tiers (users.subscriptionTier, set by the active subscription):
 * - free: the four core exercises, the Sakura theme, 2 free skip days per
 *   habit and month;
 * - premium: every breathing exercise;
 * - pro: every breathing exercise and every companion theme.
 * An item the tier includes is never sold to that profile; an item bought
 * with tokens stays when the subscription ends.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ASCEND_TIER_FREE,
  ASCEND_TIER_PREMIUM,
  ASCEND_TIER_PRO,
} AscendTier;

typedef enum {
  ASCEND_SHOP_ITEM_EXERCISE,
  ASCEND_SHOP_ITEM_THEME,
} AscendShopItemKind;

typedef struct {
  const char         *id;           /* "exercise:progressive_relaxation", "theme:twilight" */
  AscendShopItemKind  kind;
  const char         *target;       /* the exercise type or the theme id */
  const char         *title;        /* N_() */
  const char         *description;  /* N_() */
  gint64              price;        /* tokens */
  AscendTier          included_in;  /* the lowest tier that includes it */
} AscendShopItem;

/* Hoshi's colours in a theme: the stops of her hair and dress gradients,
 * swapped into the mascot's SVG, and a CSS class on the window that sets
 * the accent gradients. */
typedef struct {
  const char *id;                   /* "sakura" */
  const char *title;                /* N_() */
  const char *css_class;            /* "ascend-theme-sakura" */
  const char *item_id;              /* NULL for the free default */
  const char *hair[3];              /* light, mid, dark */
  const char *dress[3];             /* light, dark, sleeves */
} AscendCompanionTheme;

#define ASCEND_DEFAULT_THEME "sakura"

AscendTier   ascend_tier_parse      (const char *tier);        /* NULL or unknown -> free */
const char  *ascend_tier_to_string  (AscendTier  tier);        /* "free", "premium", "pro" */
const char  *ascend_tier_title      (AscendTier  tier);        /* translated */
/* What the tier unlocks, translated, one line each; NULL-terminated. */
GStrv        ascend_tier_perks      (AscendTier  tier);

const AscendShopItem *ascend_shop_items             (guint      *n_items);
const AscendShopItem *ascend_shop_item_lookup       (const char *item_id);
/* The item that unlocks this exercise type, or NULL when it is free. */
const AscendShopItem *ascend_shop_item_for_exercise (const char *exercise_type);
gboolean              ascend_tier_includes          (AscendTier            tier,
                                                     const AscendShopItem *item);

const AscendCompanionTheme *ascend_companion_themes       (guint      *n_themes);
const AscendCompanionTheme *ascend_companion_theme_lookup (const char *theme_id);
/* The mascot SVG with the default theme's colours swapped for the theme's. */
char *ascend_companion_theme_recolor (const AscendCompanionTheme *theme,
                                      const char                 *svg);

G_END_DECLS
