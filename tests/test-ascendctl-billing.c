/* test-ascendctl-billing.c: the real ascendctl billing against the fake
 * Stripe server (run in this process, so the test can play the browser)
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-business-store.h"
#include "ascend-user-store.h"
#include "fake-stripe.h"

#define KEY "sk_test_ascendctl0000000000000001"

typedef struct {
  char       *path;
  gint64      user;
  FakeStripe *fake;
} Fixture;

typedef struct {
  int         status;
  char       *out;
  char       *err;
  JsonObject *last;    /* the last line of stdout as JSON, if it is */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->last, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GSubprocessLauncher *
launcher_new (Fixture        *f,
              const char     *key,
              GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  if (key != NULL)
    g_subprocess_launcher_setenv (launcher, "STRIPE_API_KEY", key, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "STRIPE_API_KEY");
  g_subprocess_launcher_setenv (launcher, "STRIPE_API_BASE", fake_stripe_get_url (f->fake), TRUE);
  /* No keyring to ask: the key comes from the environment or not at all. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  return launcher;
}

static GPtrArray *
argv_for (Fixture    *f,
          const char *first,
          va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) ascend_test_ascendctl ());
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (gpointer) "billing");
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Runs ascendctl billing ARGS... with key (NULL: none) while this process
 * keeps serving the fake Stripe. */
static void
run_with_key (Fixture    *f,
              Run        *run,
              const char *key,
              const char *first,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f, key, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                  G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  va_list args;

  va_start (args, first);
  argv = argv_for (f, first, args);
  va_end (args);

  run_clear (run);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  lines = g_strsplit (g_strchomp (run->out), "\n", -1);
  if (lines[0] != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[g_strv_length (lines) - 1], NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        run->last = json_object_ref (json_node_get_object (node));
    }
}

#define run(f, r, ...) run_with_key (f, r, KEY, __VA_ARGS__, NULL)

static gint64
db_int (Fixture    *f,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_database_open (f->path, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&f->path);

  f->user = ascend_test_add_user (db, "Ren");
  f->fake = fake_stripe_new (KEY, 0, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  /* users.tokenBalance = 5 + SUM(amount) */
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM users u WHERE tokenBalance <> 5 + "
                              "(SELECT coalesce (sum (amount), 0) FROM tokenTransactions t WHERE t.userId = u.id)"),
                   ==, 0);
  g_clear_pointer (&f->fake, fake_stripe_free);
  g_free (f->path);
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;
  run_with_key (f, &r, NULL, "customer", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==,
                   "ascendctl: No Stripe secret key: set STRIPE_API_KEY or enter it in Preferences → Billing\n");
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, 0);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  static const char * const bad[][4] = {
    { NULL },
    { "buy", NULL },
    { "checkout", NULL },
    { "checkout", "--tokens", "50", "--tier=pro" },
    { "checkout", "--tokens", "7", NULL },
    { "checkout", "--tier", "gold", NULL },
    { "refund", NULL },
    { "refund", "first", NULL },
    { "sync", "--tokens", "50", NULL },
    { "sync", "extra", NULL },
  };

  if (!ascend_test_have_ascendctl ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Run) r = { 0 };

      run_with_key (f, &r, KEY, bad[i][0], bad[i][0] ? bad[i][1] : NULL, bad[i][0] && bad[i][1] ? bad[i][2] : NULL,
                    bad[i][0] && bad[i][1] && bad[i][2] ? bad[i][3] : NULL, NULL);
      g_test_message ("%s: %s", bad[i][0], r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "ascendctl: "));
      g_assert_nonnull (strstr (r.err, "(see “ascendctl billing --help”)"));
    }
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, 0);
}

static void
test_customer (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *first = NULL;

  if (!ascend_test_have_ascendctl ())
    return;
  run (f, &r, "customer");
  g_assert_cmpint (r.status, ==, 0);
  first = g_strdup (json_object_get_string_member (r.last, "customer"));
  g_assert_true (g_str_has_prefix (first, "cus_"));
  g_assert_cmpint (json_object_get_int_member (r.last, "user"), ==, f->user);
  run (f, &r, "customer");
  g_assert_cmpstr (json_object_get_string_member (r.last, "customer"), ==, first);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
}

static void
test_checkout_and_refund (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autofree char *payment = NULL;
  JsonObject *started;

  if (!ascend_test_have_ascendctl ())
    return;
  fake_stripe_set_auto_complete (f->fake, FAKE_STRIPE_PAID, 1);
  run (f, &r, "checkout", "--tokens", "120");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (g_strchomp (r.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  first = json_from_string (lines[0], NULL);
  started = json_node_get_object (first);
  g_assert_cmpstr (json_object_get_string_member (started, "session"), ==, fake_stripe_last_id (f->fake, "cs_"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (started, "url"), fake_stripe_get_url (f->fake)));
  g_assert_cmpstr (json_object_get_string_member (started, "mode"), ==, "payment");
  g_assert_cmpstr (json_object_get_string_member (r.last, "outcome"), ==, "paid");
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_credited"), ==, 120);
  g_assert_cmpint (json_object_get_int_member (r.last, "balance"), ==, 125);
  g_assert_cmpint (db_int (f, "SELECT tokenBalance FROM users"), ==, 125);

  payment = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (r.last, "payment"));
  run (f, &r, "refund", payment);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (r.last, "outcome"), ==, "refunded");
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_removed"), ==, 120);
  g_assert_cmpint (json_object_get_int_member (r.last, "balance"), ==, 5);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM tokenTransactions WHERE type = 'refund'"), ==, 1);

  run (f, &r, "refund", payment);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: This payment has already been refunded\n");
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "re_"), ==, 1);
}

static void
test_refund_spent (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *payment = NULL;

  if (!ascend_test_have_ascendctl ())
    return;
  fake_stripe_set_auto_complete (f->fake, FAKE_STRIPE_PAID, 1);
  run (f, &r, "checkout", "--tokens", "50");
  g_assert_cmpint (r.status, ==, 0);
  payment = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (r.last, "payment"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AscendDatabase) db = ascend_database_open (f->path, &error);
    g_assert_cmpint (ascend_token_ledger_record (db, f->user, -30, "usage", "Theme", &error), >, 0);
  }
  run (f, &r, "refund", payment);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: The 50 tokens of this purchase have been spent (the balance is 25): "
                              "only unspent tokens can be refunded\n");
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "POST", "/v1/refunds"), ==, 0);
}

static void
test_no_wait_then_sync (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;

  if (!ascend_test_have_ascendctl ())
    return;
  run (f, &r, "checkout", "--tokens", "300", "--no-wait");
  g_assert_cmpint (r.status, ==, 0);
  session = g_strdup (json_object_get_string_member (r.last, "session"));
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", NULL), ==, 0);
  g_assert_true (fake_stripe_complete_session (f->fake, session, FAKE_STRIPE_PAID, &error));

  run (f, &r, "sync");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (r.last, "outcome"), ==, "synced");
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_credited"), ==, 300);
  run (f, &r, "sync");
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_credited"), ==, 0);
  run (f, &r, "wait", session);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_credited"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (r.last, "balance"), ==, 305);
}

static void
test_tier_and_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;
  fake_stripe_set_auto_complete (f->fake, FAKE_STRIPE_PAID, 1);
  run (f, &r, "checkout", "--tier", "premium");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (r.last, "outcome"), ==, "subscribed");
  g_assert_cmpstr (json_object_get_string_member (r.last, "tier"), ==, "premium");
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM users WHERE subscriptionTier = 'premium'"), ==, 1);

  run (f, &r, "checkout", "--tier", "pro");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: You already subscribe to premium: cancel it first to change plans\n");

  run (f, &r, "cancel");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (r.last, "outcome"), ==, "canceled");
  g_assert_cmpstr (json_object_get_string_member (r.last, "tier"), ==, "free");
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM users WHERE subscriptionTier = 'free'"), ==, 1);
  run (f, &r, "cancel");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: There is no active subscription to cancel\n");
}

static void
test_declined (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;
  fake_stripe_set_auto_complete (f->fake, FAKE_STRIPE_DECLINED, 1);
  run (f, &r, "checkout", "--tokens", "50");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (r.last, "outcome"), ==, "declined");
  g_assert_cmpstr (json_object_get_string_member (r.last, "message"), ==, "Your card was declined.");
  g_assert_true (g_str_has_suffix (r.err, "ascendctl: Your card was declined.\n"));
  g_assert_cmpint (db_int (f, "SELECT tokenBalance FROM users"), ==, 5);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM payments WHERE status = 'failed'"), ==, 1);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(gboolean *) data = TRUE;
}

/* The process dies (SIGKILL) while the user is paying in the browser; the
 * next sync credits the purchase, once. */
static void
test_killed_while_waiting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  g_auto(Run) r = { 0 };
  const char *session;
  gboolean exited = FALSE;

  if (!ascend_test_have_ascendctl ())
    return;
  launcher = launcher_new (f, KEY, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) ascend_test_ascendctl ());
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (gpointer) "billing");
  g_ptr_array_add (argv, (gpointer) "checkout");
  g_ptr_array_add (argv, (gpointer) "--tokens=50");
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  line = g_data_input_stream_read_line_finish_utf8 (out, result, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (line, &error);
  g_assert_no_error (error);
  session = json_object_get_string_member (json_node_get_object (node), "session");

  /* Let it poll once, then kill it without warning. */
  while (fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/") < 1)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait_async (process, NULL, wait_cb, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM checkoutSessions WHERE status = 'open'"), ==, 1);

  g_assert_true (fake_stripe_complete_session (f->fake, session, FAKE_STRIPE_PAID, &error));
  run (f, &r, "sync");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_credited"), ==, 50);
  run (f, &r, "sync");
  g_assert_cmpint (json_object_get_int_member (r.last, "tokens_credited"), ==, 0);
  g_assert_cmpint (db_int (f, "SELECT tokenBalance FROM users"), ==, 55);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM payments"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

#define ADD(name, func) g_test_add ("/ascendctl-billing/" name, Fixture, NULL, setup, func, teardown)
  ADD ("no-key", test_no_key);
  ADD ("usage", test_usage);
  ADD ("customer", test_customer);
  ADD ("checkout-and-refund", test_checkout_and_refund);
  ADD ("refund-spent", test_refund_spent);
  ADD ("no-wait-then-sync", test_no_wait_then_sync);
  ADD ("tier-and-cancel", test_tier_and_cancel);
  ADD ("declined", test_declined);
  ADD ("killed-while-waiting", test_killed_while_waiting);
#undef ADD
  return g_test_run ();
}
