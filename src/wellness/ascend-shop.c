/* ascend-shop.c: entitlements applied to a profile */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ascend-shop.h"
#include "ascend-user-store.h"

AscendTier
ascend_shop_user_tier (AscendDatabase *db,
                       gint64          user_id)
{
  g_autoptr(AscendUser) user = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), ASCEND_TIER_FREE);

  user = ascend_user_get (db, user_id, NULL);
  return user != NULL ? ascend_tier_parse (user->subscription_tier) : ASCEND_TIER_FREE;
}

gboolean
ascend_shop_bought (AscendDatabase       *db,
                    gint64                user_id,
                    const AscendShopItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return ascend_shop_store_is_unlocked (db, user_id, item->id, NULL) == 1;
}

gboolean
ascend_shop_owns (AscendDatabase       *db,
                  gint64                user_id,
                  const AscendShopItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return ascend_tier_includes (ascend_shop_user_tier (db, user_id), item) ||
         ascend_shop_bought (db, user_id, item);
}

gboolean
ascend_shop_exercise_allowed (AscendDatabase *db,
                              gint64          user_id,
                              const char     *exercise_type)
{
  const AscendShopItem *item = ascend_shop_item_for_exercise (exercise_type);

  return item == NULL || ascend_shop_owns (db, user_id, item);
}

gint64
ascend_shop_buy (AscendDatabase  *db,
                 gint64           user_id,
                 const char      *item_id,
                 GError         **error)
{
  const AscendShopItem *item = ascend_shop_item_lookup (item_id);
  g_autofree char *description = NULL;
  AscendTier tier;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);

  if (item == NULL)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("The shop has no item “%s”"), item_id ? item_id : "");
      return 0;
    }
  tier = ascend_shop_user_tier (db, user_id);
  if (ascend_tier_includes (tier, item))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT,
                   /* TRANSLATORS: %s is a tier, "Premium" or "Pro" */
                   _("Already included in your %s plan"), ascend_tier_title (tier));
      return 0;
    }
  /* TRANSLATORS: a token transaction: what the tokens bought */
  description = g_strdup_printf (_("Unlocked %s"), _(item->title));
  return ascend_shop_store_unlock (db, user_id, item->id, item->price, description, error);
}

const AscendCompanionTheme *
ascend_shop_active_theme (AscendDatabase *db,
                          gint64          user_id)
{
  g_autofree char *id = ascend_shop_store_get_theme (db, user_id, NULL);
  const AscendCompanionTheme *theme = ascend_companion_theme_lookup (id);

  if (theme == NULL ||
      (theme->item_id != NULL && !ascend_shop_owns (db, user_id, ascend_shop_item_lookup (theme->item_id))))
    return ascend_companion_theme_lookup (ASCEND_DEFAULT_THEME);
  return theme;
}

gboolean
ascend_shop_wear_theme (AscendDatabase  *db,
                        gint64           user_id,
                        const char      *theme_id,
                        GError         **error)
{
  const AscendCompanionTheme *theme = ascend_companion_theme_lookup (theme_id);

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (theme == NULL)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("There is no theme “%s”"), theme_id ? theme_id : "");
      return FALSE;
    }
  if (theme->item_id != NULL && !ascend_shop_owns (db, user_id, ascend_shop_item_lookup (theme->item_id)))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT,
                   _("Unlock the %s first"), _(theme->title));
      return FALSE;
    }
  return ascend_shop_store_set_theme (db, user_id, theme->id, error);
}
