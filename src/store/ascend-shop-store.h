/* ascend-shop-store.h: items bought with tokens (shopUnlocks) and the
 * companion theme worn (shopPreferences) */
#pragma once

#include "ascend-database.h"

G_BEGIN_DECLS

/* Pays price tokens (a 'usage' transaction through the token ledger, with
 * description) and records the unlock of item_id, in one SQLite
 * transaction. Refuses, changing nothing: an item already unlocked
 * (ASCEND_STORE_ERROR_CONSTRAINT), a balance below price
 * (ASCEND_STORE_ERROR_INSUFFICIENT, "You need N more tokens"). price 0
 * records the unlock without a transaction. Returns the shopUnlocks id or 0. */
gint64     ascend_shop_store_unlock       (AscendDatabase *db,
                                           gint64          user_id,
                                           const char     *item_id,
                                           gint64          price,
                                           const char     *description,
                                           GError        **error);
/* 1 when unlocked, 0 when not, -1 on error. */
int        ascend_shop_store_is_unlocked  (AscendDatabase *db,
                                           gint64          user_id,
                                           const char     *item_id,
                                           GError        **error);
/* The item ids this profile unlocked, oldest first (NULL on error). */
GStrv      ascend_shop_store_list_unlocks (AscendDatabase *db,
                                           gint64          user_id,
                                           GError        **error);
/* The companion theme id (ASCEND "sakura" when never set), NULL on error. */
char      *ascend_shop_store_get_theme    (AscendDatabase *db,
                                           gint64          user_id,
                                           GError        **error);
gboolean   ascend_shop_store_set_theme    (AscendDatabase *db,
                                           gint64          user_id,
                                           const char     *theme_id,
                                           GError        **error);

G_END_DECLS
