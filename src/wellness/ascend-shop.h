/* ascend-shop.h: what a profile owns: the tier's entitlements
 * (ascend-entitlements.h) joined with what it bought with tokens
 * (ascend-shop-store.h) */
#pragma once

#include "ascend-entitlements.h"
#include "ascend-shop-store.h"

G_BEGIN_DECLS

/* users.subscriptionTier of the profile (free when it cannot be read). */
AscendTier ascend_shop_user_tier        (AscendDatabase *db,
                                         gint64          user_id);
/* Included in the tier or bought with tokens. */
gboolean   ascend_shop_owns             (AscendDatabase       *db,
                                         gint64                user_id,
                                         const AscendShopItem *item);
/* Bought with tokens (FALSE when only the tier includes it). */
gboolean   ascend_shop_bought           (AscendDatabase       *db,
                                         gint64                user_id,
                                         const AscendShopItem *item);
/* Whether Breathe may start this exercise type for the profile. */
gboolean   ascend_shop_exercise_allowed (AscendDatabase *db,
                                         gint64          user_id,
                                         const char     *exercise_type);
/* Spends the item's price in tokens and unlocks it. Refuses, changing
 * nothing: an unknown item (ASCEND_STORE_ERROR_NOT_FOUND), one the tier
 * already includes or already bought (ASCEND_STORE_ERROR_CONSTRAINT), a
 * balance that is short (ASCEND_STORE_ERROR_INSUFFICIENT: "You need N more
 * tokens"). Returns the shopUnlocks id or 0. */
gint64     ascend_shop_buy              (AscendDatabase *db,
                                         gint64          user_id,
                                         const char     *item_id,
                                         GError        **error);
/* The theme the profile wears: the stored one while it still owns it,
 * else Sakura (a Pro theme after Pro ended, a damaged row). */
const AscendCompanionTheme *ascend_shop_active_theme (AscendDatabase *db,
                                                      gint64          user_id);
/* Wears a theme it owns; refuses one it does not own. */
gboolean   ascend_shop_wear_theme       (AscendDatabase *db,
                                         gint64          user_id,
                                         const char     *theme_id,
                                         GError        **error);

G_END_DECLS
