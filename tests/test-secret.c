/* test-secret.c: the Stripe key in a real Secret Service
 *
 * Run by keyring-session.sh: a private session bus with gnome-keyring-daemon
 * whose keyring lives in a temporary HOME. Store, look up (async and sync),
 * replace, clear; with nothing stored a lookup is NULL without an error.
 */
#include "config.h"

#include "ascend-test-util.h"
#include "ascend-secret.h"

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;
  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_for (Wait *w)
{
  g_main_loop_run (w->loop);
  return w->result;
}

static void
wait_clear (Wait *w)
{
  g_clear_object (&w->result);
}

static char *
lookup (void)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  char *key;

  ascend_secret_lookup_key_async (NULL, done_cb, &w);
  key = ascend_secret_lookup_key_finish (wait_for (&w), &error);
  g_assert_no_error (error);
  wait_clear (&w);
  g_main_loop_unref (w.loop);
  return key;
}

static void
store (const char *key)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;

  ascend_secret_store_key_async (key, NULL, done_cb, &w);
  g_assert_true (ascend_secret_store_key_finish (wait_for (&w), &error));
  g_assert_no_error (error);
  wait_clear (&w);
  g_main_loop_unref (w.loop);
}

static void
clear (void)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;

  ascend_secret_clear_key_async (NULL, done_cb, &w);
  g_assert_true (ascend_secret_clear_key_finish (wait_for (&w), &error));
  g_assert_no_error (error);
  wait_clear (&w);
  g_main_loop_unref (w.loop);
}

static void
test_nothing_stored (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *async_key = lookup ();
  g_autofree char *sync_key = ascend_secret_lookup_key_sync (NULL, &error);

  g_assert_no_error (error);
  g_assert_null (async_key);
  g_assert_null (sync_key);
  /* Clearing nothing is not an error either. */
  clear ();
}

static void
test_store_replace_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *synced = NULL, *gone = NULL, *gone_sync = NULL;

  store ("sk_test_first0000000000");
  first = lookup ();
  g_assert_cmpstr (first, ==, "sk_test_first0000000000");

  store ("sk_test_second111111111");
  second = lookup ();
  g_assert_cmpstr (second, ==, "sk_test_second111111111");
  synced = ascend_secret_lookup_key_sync (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (synced, ==, "sk_test_second111111111");

  clear ();
  gone = lookup ();
  g_assert_null (gone);
  gone_sync = ascend_secret_lookup_key_sync (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone_sync);
}

static void
test_empty_refused (void)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  store ("sk_test_kept22222222222");
  ascend_secret_store_key_async ("", NULL, done_cb, &w);
  g_assert_false (ascend_secret_store_key_finish (wait_for (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  wait_clear (&w);
  g_main_loop_unref (w.loop);
  after = lookup ();
  g_assert_cmpstr (after, ==, "sk_test_kept22222222222");
  clear ();
}

static void
test_key_shape (void)
{
  g_assert_true (ascend_secret_key_looks_valid ("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
  g_assert_true (ascend_secret_key_looks_valid ("sk_live_abcdef123"));
  g_assert_true (ascend_secret_key_looks_valid ("rk_test_abcdef123"));
  g_assert_false (ascend_secret_key_looks_valid ("pk_test_abcdef123"));
  g_assert_false (ascend_secret_key_looks_valid ("sk_test abc"));
  g_assert_false (ascend_secret_key_looks_valid ("sk_"));
  g_assert_false (ascend_secret_key_looks_valid (""));
  g_assert_false (ascend_secret_key_looks_valid (NULL));
}

static void
test_api_base (void)
{
  char *message = NULL;

  g_assert_true (ascend_secret_api_base_valid ("https://api.stripe.com", &message));
  g_assert_null (message);
  g_assert_true (ascend_secret_api_base_valid ("http://127.0.0.1:12111", &message));
  g_assert_true (ascend_secret_api_base_valid ("https://proxy.example.com/stripe", NULL));
  g_assert_false (ascend_secret_api_base_valid ("", &message));
  g_assert_cmpstr (message, ==, "Enter the address of the payment server");
  g_assert_false (ascend_secret_api_base_valid ("api.stripe.com", &message));
  g_assert_cmpstr (message, ==, "Enter an http or https address, like https://api.stripe.com");
  g_assert_false (ascend_secret_api_base_valid ("ftp://api.stripe.com", &message));
  g_assert_false (ascend_secret_api_base_valid ("https://api.stripe.com/?x=1", &message));
  g_assert_cmpstr (message, ==, "The address cannot have a query (?) or a fragment (#)");
  g_assert_false (ascend_secret_api_base_valid ("https://", &message));
  g_free (message);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  /* Never touch the keyring of whoever runs it by hand. */
  if (g_getenv ("ASCEND_TEST_KEYRING") == NULL)
    {
      g_print ("1..0 # SKIP run through tests/keyring-session.sh\n");
      return 0;
    }
  g_test_add_func ("/secret/key-shape", test_key_shape);
  g_test_add_func ("/secret/api-base", test_api_base);
  g_test_add_func ("/secret/nothing-stored", test_nothing_stored);
  g_test_add_func ("/secret/store-replace-clear", test_store_replace_clear);
  g_test_add_func ("/secret/empty-refused", test_empty_refused);
  return g_test_run ();
}
