/* test-shop.c: what tokens buy and what tiers unlock
 *
 * Spending goes through the ledger as one 'usage' transaction written with
 * its shopUnlocks row; a short balance is refused with nothing changed; an
 * item is never bought twice nor sold to a tier that includes it; the
 * theme worn falls back to Sakura when the profile stops owning it.
 */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-business-store.h"
#include "ascend-shop.h"

static gint64
sql_int (AscendDatabase *db,
         const char     *sql,
         gint64          user)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, user);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
balance (AscendDatabase *db, gint64 user)
{
  return sql_int (db, "SELECT tokenBalance FROM users WHERE id = ?", user);
}

static gint64
ledger_sum (AscendDatabase *db, gint64 user)
{
  return sql_int (db, "SELECT 5 + coalesce(sum(amount), 0) FROM tokenTransactions WHERE userId = ?", user);
}

static gint64
n_transactions (AscendDatabase *db, gint64 user)
{
  return sql_int (db, "SELECT count(*) FROM tokenTransactions WHERE userId = ?", user);
}

static gint64
n_unlocks (AscendDatabase *db, gint64 user)
{
  return sql_int (db, "SELECT count(*) FROM shopUnlocks WHERE userId = ?", user);
}

static void
set_tier (AscendDatabase *db, gint64 user, const char *tier)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE users SET subscriptionTier = '%s' WHERE id = %" G_GINT64_FORMAT,
                                          tier, user);
  g_autoptr(GError) error = NULL;

  g_assert_true (ascend_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
give (AscendDatabase *db, gint64 user, gint64 tokens)
{
  g_autoptr(GError) error = NULL;
  g_assert_cmpint (ascend_token_ledger_record (db, user, tokens, "bonus", "test", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_rules (void)
{
  guint n = 0;
  const AscendShopItem *items = ascend_shop_items (&n);
  g_auto(GStrv) free_perks = ascend_tier_perks (ASCEND_TIER_FREE);
  g_auto(GStrv) pro_perks = ascend_tier_perks (ASCEND_TIER_PRO);

  g_assert_cmpuint (n, >=, 4);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (items[i].price, >, 0);
      g_assert_true (ascend_shop_item_lookup (items[i].id) == &items[i]);
      g_assert_false (ascend_tier_includes (ASCEND_TIER_FREE, &items[i]));
      g_assert_true (ascend_tier_includes (ASCEND_TIER_PRO, &items[i]));
    }
  /* The four core exercises are free; the two premium ones are not. */
  g_assert_null (ascend_shop_item_for_exercise ("box_breathing"));
  g_assert_null (ascend_shop_item_for_exercise ("deep_breathing"));
  g_assert_null (ascend_shop_item_for_exercise ("grounding"));
  g_assert_null (ascend_shop_item_for_exercise ("body_scan"));
  g_assert_nonnull (ascend_shop_item_for_exercise ("progressive_relaxation"));
  g_assert_nonnull (ascend_shop_item_for_exercise ("gentle_movement"));
  g_assert_true (ascend_tier_includes (ASCEND_TIER_PREMIUM, ascend_shop_item_for_exercise ("gentle_movement")));
  g_assert_false (ascend_tier_includes (ASCEND_TIER_PREMIUM, ascend_shop_item_lookup ("theme:ocean")));

  g_assert_cmpint (ascend_tier_parse ("pro"), ==, ASCEND_TIER_PRO);
  g_assert_cmpint (ascend_tier_parse ("premium"), ==, ASCEND_TIER_PREMIUM);
  g_assert_cmpint (ascend_tier_parse ("gold"), ==, ASCEND_TIER_FREE);
  g_assert_cmpint (ascend_tier_parse (NULL), ==, ASCEND_TIER_FREE);
  g_assert_cmpstr (ascend_tier_to_string (ASCEND_TIER_PREMIUM), ==, "premium");
  g_assert_cmpuint (g_strv_length (free_perks), >, 0);
  g_assert_cmpuint (g_strv_length (pro_perks), >, 0);

  /* Every paid theme has its item, and the default is free. */
  {
    guint nt = 0;
    const AscendCompanionTheme *themes = ascend_companion_themes (&nt);
    g_assert_cmpstr (themes[0].id, ==, ASCEND_DEFAULT_THEME);
    g_assert_null (themes[0].item_id);
    for (guint i = 1; i < nt; i++)
      g_assert_nonnull (ascend_shop_item_lookup (themes[i].item_id));
  }
}

static void
test_recolor (void)
{
  const char *svg =
    "<linearGradient id=\"hair\"><stop stop-color=\"#ff9acb\"/><stop stop-color=\"#ff6fae\"/>"
    "<stop stop-color=\"#b25bd6\"/></linearGradient>"
    "<linearGradient id=\"dress\"><stop stop-color=\"#9a83ff\"/><stop stop-color=\"#6446e8\"/></linearGradient>"
    "<path fill=\"#ff6fae\" stroke=\"#8a70ff\"/>";
  const AscendCompanionTheme *ocean = ascend_companion_theme_lookup ("ocean");
  g_autofree char *out = ascend_companion_theme_recolor (ocean, svg);
  g_autofree char *same = ascend_companion_theme_recolor (ascend_companion_theme_lookup ("sakura"), svg);

  g_assert_cmpstr (same, ==, svg);
  g_assert_nonnull (strstr (out, "id=\"hair\"><stop stop-color=\"#b5ecff\"/><stop stop-color=\"#4cc9f0\"/><stop stop-color=\"#2474b5\"/>"));
  g_assert_nonnull (strstr (out, "id=\"dress\"><stop stop-color=\"#7fd8c4\"/><stop stop-color=\"#23977f\"/>"));
  /* The bow keeps its pink; the sleeves follow the dress. */
  g_assert_nonnull (strstr (out, "<path fill=\"#ff6fae\" stroke=\"#5fc4ae\"/>"));
}

static void
test_spend (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Sakura");
  const AscendShopItem *pmr = ascend_shop_item_lookup ("exercise:progressive_relaxation");
  g_autoptr(GPtrArray) history = NULL;
  AscendTokenTransaction *tx;
  gint64 id;

  g_assert_false (ascend_shop_exercise_allowed (db, user, "progressive_relaxation"));
  g_assert_true (ascend_shop_exercise_allowed (db, user, "box_breathing"));
  g_assert_cmpint (balance (db, user), ==, 5);

  id = ascend_shop_buy (db, user, pmr->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (balance (db, user), ==, 5 - pmr->price);
  g_assert_cmpint (balance (db, user), ==, ledger_sum (db, user));
  g_assert_true (ascend_shop_exercise_allowed (db, user, "progressive_relaxation"));
  g_assert_true (ascend_shop_bought (db, user, pmr));

  /* One usage transaction, tied to the unlock row. */
  history = ascend_token_ledger_list (db, user, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  tx = history->pdata[0];
  g_assert_cmpstr (tx->type, ==, "usage");
  g_assert_cmpint (tx->amount, ==, -pmr->price);
  g_assert_cmpstr (tx->description, ==, "Unlocked Progressive Relaxation");
  g_assert_cmpint (sql_int (db, "SELECT tokenTransactionId FROM shopUnlocks WHERE userId = ?", user), ==, tx->id);
}

static void
test_refused_when_short (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Sakura");

  /* 5 tokens: a 5-token theme leaves 0, then a 3-token exercise is short by 3. */
  g_assert_cmpint (ascend_shop_buy (db, user, "theme:twilight", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (balance (db, user), ==, 0);

  g_assert_cmpint (ascend_shop_buy (db, user, "exercise:gentle_movement", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "You need 3 more tokens");
  g_clear_error (&error);
  g_assert_cmpint (balance (db, user), ==, 0);
  g_assert_cmpint (n_transactions (db, user), ==, 1);
  g_assert_cmpint (n_unlocks (db, user), ==, 1);
  g_assert_false (ascend_shop_exercise_allowed (db, user, "gentle_movement"));

  /* Two short of 3: singular and plural read right. */
  give (db, user, 2);
  g_assert_cmpint (ascend_shop_buy (db, user, "exercise:gentle_movement", &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "You need 1 more token");
  g_clear_error (&error);
  g_assert_cmpint (balance (db, user), ==, 2);
  give (db, user, 1);
  g_assert_cmpint (ascend_shop_buy (db, user, "exercise:gentle_movement", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (balance (db, user), ==, 0);
  g_assert_cmpint (balance (db, user), ==, ledger_sum (db, user));
}

static void
test_no_double_purchase (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Sakura");
  gint64 other = ascend_test_add_user (db, "Hana");

  give (db, user, 20);
  g_assert_cmpint (ascend_shop_buy (db, user, "theme:ocean", &error), >, 0);
  g_assert_cmpint (balance (db, user), ==, 20);
  g_assert_cmpint (ascend_shop_buy (db, user, "theme:ocean", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "You already own this");
  g_clear_error (&error);
  g_assert_cmpint (balance (db, user), ==, 20);
  g_assert_cmpint (n_unlocks (db, user), ==, 1);

  /* Also at the store level, whoever calls it. */
  g_assert_cmpint (ascend_shop_store_unlock (db, user, "theme:ocean", 5, "again", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (balance (db, user), ==, 20);

  /* Another profile's purchase is its own. */
  g_assert_cmpint (ascend_shop_buy (db, other, "theme:ocean", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (balance (db, other), ==, 0);

  /* Unknown items are refused. */
  g_assert_cmpint (ascend_shop_buy (db, user, "theme:gold", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (balance (db, user), ==, 20);

  {
    g_auto(GStrv) unlocks = ascend_shop_store_list_unlocks (db, user, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (unlocks), ==, 1);
    g_assert_cmpstr (unlocks[0], ==, "theme:ocean");
  }
}

static void
test_tier_unlocks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Sakura");
  const AscendShopItem *pmr = ascend_shop_item_lookup ("exercise:progressive_relaxation");
  const AscendShopItem *matcha = ascend_shop_item_lookup ("theme:matcha");

  g_assert_cmpint (ascend_shop_user_tier (db, user), ==, ASCEND_TIER_FREE);
  g_assert_false (ascend_shop_owns (db, user, pmr));

  set_tier (db, user, "premium");
  g_assert_cmpint (ascend_shop_user_tier (db, user), ==, ASCEND_TIER_PREMIUM);
  g_assert_true (ascend_shop_exercise_allowed (db, user, "progressive_relaxation"));
  g_assert_true (ascend_shop_exercise_allowed (db, user, "gentle_movement"));
  g_assert_false (ascend_shop_owns (db, user, matcha));
  /* Not sold to a tier that includes it. */
  g_assert_cmpint (ascend_shop_buy (db, user, pmr->id, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Already included in your Premium plan");
  g_clear_error (&error);
  g_assert_cmpint (balance (db, user), ==, 5);

  set_tier (db, user, "pro");
  g_assert_true (ascend_shop_owns (db, user, matcha));
  g_assert_true (ascend_shop_wear_theme (db, user, "matcha", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ascend_shop_active_theme (db, user)->id, ==, "matcha");

  /* Pro ends: the theme was the tier's, not bought: back to Sakura, and
   * the exercise is locked again. */
  set_tier (db, user, "free");
  g_assert_cmpstr (ascend_shop_active_theme (db, user)->id, ==, "sakura");
  g_assert_false (ascend_shop_exercise_allowed (db, user, "progressive_relaxation"));
  g_assert_false (ascend_shop_wear_theme (db, user, "matcha", &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Bought with tokens: it stays after any tier change. */
  g_assert_cmpint (ascend_shop_buy (db, user, "theme:matcha", &error), >, 0);
  g_assert_true (ascend_shop_wear_theme (db, user, "matcha", &error));
  set_tier (db, user, "premium");
  set_tier (db, user, "free");
  g_assert_cmpstr (ascend_shop_active_theme (db, user)->id, ==, "matcha");
  g_assert_cmpint (balance (db, user), ==, ledger_sum (db, user));
}

static void
test_theme_persisted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 user;

  {
    g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
    user = ascend_test_add_user (db, "Sakura");
    g_assert_cmpstr (ascend_shop_active_theme (db, user)->id, ==, "sakura");
    g_assert_false (ascend_shop_wear_theme (db, user, "ocean", &error));
    g_clear_error (&error);
    g_assert_false (ascend_shop_wear_theme (db, user, "nope", &error));
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (ascend_shop_buy (db, user, "theme:ocean", &error), >, 0);
    g_assert_true (ascend_shop_wear_theme (db, user, "ocean", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(AscendDatabase) db = ascend_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ascend_shop_active_theme (db, user)->id, ==, "ocean");
    g_assert_true (ascend_shop_exercise_allowed (db, user, "box_breathing"));
    g_assert_false (ascend_shop_exercise_allowed (db, user, "gentle_movement"));
    {
      g_autoptr(GPtrArray) problems = ascend_database_check (db, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
    }
  }
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/shop/rules", test_rules);
  g_test_add_func ("/shop/recolor", test_recolor);
  g_test_add_func ("/shop/spend", test_spend);
  g_test_add_func ("/shop/refused-when-short", test_refused_when_short);
  g_test_add_func ("/shop/no-double-purchase", test_no_double_purchase);
  g_test_add_func ("/shop/tier-unlocks", test_tier_unlocks);
  g_test_add_func ("/shop/theme-persisted", test_theme_persisted);
  return g_test_run ();
}
