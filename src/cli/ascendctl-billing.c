/* ascendctl-billing.c: Stripe from the command line
 *
 *   ascendctl [--database PATH] billing [--user ID] customer
 *   ascendctl [--database PATH] billing [--user ID] checkout --tokens N|--tier premium|pro [--no-wait]
 *   ascendctl [--database PATH] billing [--user ID] wait SESSION_ID
 *   ascendctl [--database PATH] billing [--user ID] sync
 *   ascendctl [--database PATH] billing [--user ID] cancel
 *   ascendctl [--database PATH] billing [--user ID] refund PAYMENT_ID
 *
 * Every step prints one JSON object on a line of standard output; errors
 * go to standard error. The key and the API base come from STRIPE_API_KEY
 * and STRIPE_API_BASE, or else from the keyring and the app's setting.
 * Ctrl+C while waiting leaves the checkout for "sync" to finish.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "ascendctl-private.h"
#include "ascend-billing.h"
#include "ascend-business-store.h"
#include "ascend-secret.h"
#include "ascend-user-store.h"

#define DEFAULT_API_BASE "https://api.stripe.com"

static gint64    opt_billing_user;
static gint64    opt_tokens;
static char     *opt_tier;
static gboolean  opt_no_wait;

const GOptionEntry ascendctl_billing_entries[] = {
  { "user", 'u', 0, G_OPTION_ARG_INT64, &opt_billing_user,
    N_("The profile (default: the first)"), N_("ID") },
  { "tokens", 't', 0, G_OPTION_ARG_INT64, &opt_tokens,
    N_("checkout: buy this token pack (50, 120 or 300)"), N_("N") },
  { "tier", 0, 0, G_OPTION_ARG_STRING, &opt_tier,
    N_("checkout: subscribe to premium or pro"), N_("TIER") },
  { "no-wait", 0, 0, G_OPTION_ARG_NONE, &opt_no_wait,
    N_("checkout: print the URL and return; “sync” finishes it later"), NULL },
  G_OPTION_ENTRY_NULL
};

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static gboolean
interrupted_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until done_cb; Ctrl+C cancels. */
static GAsyncResult *
run_until_done (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  return waiter->result;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  printf ("%s\n", text);
  fflush (stdout);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_outcome (AscendDatabase       *db,
               gint64                user_id,
               const char           *session_id,
               const char           *what,
               AscendBillingOutcome *outcome)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (session_id != NULL)
    add_string (builder, "session", session_id);
  add_string (builder, "outcome", what);
  add_int (builder, "user", user_id);
  if (outcome->payment_id > 0)
    add_int (builder, "payment", outcome->payment_id);
  if (outcome->subscription_id > 0)
    add_int (builder, "subscription", outcome->subscription_id);
  add_int (builder, "tokens_credited", outcome->tokens_credited);
  add_int (builder, "tokens_removed", outcome->tokens_removed);
  add_int (builder, "balance", ascend_token_ledger_balance (db, user_id, NULL));
  add_string (builder, "tier", outcome->tier);
  json_builder_end_object (builder);
  print_json (builder);
}

static int
billing_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr (_("%s: Stopped; “ascendctl billing sync” finishes a checkout paid later\n"), g_get_prgname ());
  else
    g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return EXIT_FAILED;
}

/* STRIPE_API_KEY, or the key the app keeps in the keyring. */
static char *
secret_key (void)
{
  const char *env = g_getenv ("STRIPE_API_KEY");
  g_autoptr(GError) error = NULL;
  char *key;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  key = ascend_secret_lookup_key_sync (NULL, &error);
  if (error != NULL)
    g_debug ("billing: no key from the keyring: %s", error->message);
  return key;
}

/* STRIPE_API_BASE, or the app's setting when its schema has one. */
static char *
api_base (void)
{
  const char *env = g_getenv ("STRIPE_API_BASE");
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "stripe-api-base"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *value = g_settings_get_string (settings, "stripe-api-base");

      if (value != NULL && *value != '\0')
        return g_steal_pointer (&value);
    }
  return g_strdup (DEFAULT_API_BASE);
}

typedef struct {
  AscendDatabase *db;
  AscendBilling  *billing;
  gint64          user_id;
  GCancellable   *cancellable;
  Waiter          waiter;
} Billing;

static void
billing_clear (Billing *b)
{
  g_clear_object (&b->billing);
  g_clear_object (&b->db);
  g_clear_object (&b->cancellable);
  g_clear_pointer (&b->waiter.loop, g_main_loop_unref);
  g_clear_object (&b->waiter.result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Billing, billing_clear)

static GAsyncResult *
next_result (Billing *b)
{
  g_clear_object (&b->waiter.result);
  return run_until_done (&b->waiter);
}

static int
wait_for_session (Billing    *b,
                  const char *session_id)
{
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *what = NULL;

  ascend_billing_wait_async (b->billing, b->user_id, session_id, b->cancellable, done_cb, &b->waiter);
  outcome = ascend_billing_wait_finish (b->billing, next_result (b), &error);
  if (outcome != NULL)
    {
      print_outcome (b->db, b->user_id, session_id, outcome->subscription_id > 0 ? "subscribed" : "paid", outcome);
      return EXIT_OK;
    }
  if (g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_DECLINED))
    what = "declined";
  else if (g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED))
    what = "expired";
  if (what != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "session", session_id);
      add_string (builder, "outcome", what);
      add_string (builder, "message", error->message);
      json_builder_end_object (builder);
      print_json (builder);
    }
  return billing_error (error);
}

static int
run_checkout (Billing *b)
{
  g_autoptr(AscendCheckout) checkout = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (opt_tokens > 0)
    ascend_billing_checkout_tokens_async (b->billing, b->user_id, opt_tokens, b->cancellable, done_cb, &b->waiter);
  else
    ascend_billing_checkout_tier_async (b->billing, b->user_id, opt_tier, b->cancellable, done_cb, &b->waiter);
  checkout = ascend_billing_checkout_finish (b->billing, next_result (b), &error);
  if (checkout == NULL)
    return billing_error (error);

  json_builder_begin_object (builder);
  add_string (builder, "session", checkout->session_id);
  add_string (builder, "url", checkout->url);
  add_string (builder, "mode", checkout->mode);
  add_int (builder, "user", b->user_id);
  json_builder_end_object (builder);
  print_json (builder);
  if (opt_no_wait)
    return EXIT_OK;
  g_printerr (_("%s: Waiting for the payment in the browser (Ctrl+C stops waiting)…\n"), g_get_prgname ());
  return wait_for_session (b, checkout->session_id);
}

int
ascendctl_run_billing (int    argc,
                       char **argv)
{
  g_auto(Billing) b = { 0 };
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *base = NULL;
  const char *action;
  int allowed = 1;
  gint64 payment_id = 0;
  guint sigint, sigterm;
  int status;

  if (argc < 2)
    return ascendctl_usage_error (_("“billing” needs what to do: customer, checkout, wait, sync, cancel or refund"));
  action = argv[1];
  if (g_str_equal (action, "refund") || g_str_equal (action, "wait"))
    {
      if (argc < 3)
        return ascendctl_usage_error (g_str_equal (action, "refund")
                                      ? _("“billing refund” needs the payment id (see “ascendctl export”)")
                                      : _("“billing wait” needs the checkout session id"));
      allowed = 2;
      if (g_str_equal (action, "refund") &&
          (!g_ascii_string_to_signed (argv[2], 10, 1, G_MAXINT64, &payment_id, NULL)))
        return ascendctl_usage_error (_("“%s” is not a payment id"), argv[2]);
    }
  else if (!g_str_equal (action, "customer") && !g_str_equal (action, "checkout") &&
           !g_str_equal (action, "sync") && !g_str_equal (action, "cancel"))
    return ascendctl_usage_error (_("Unknown billing action “%s”: use customer, checkout, wait, sync, cancel "
                                    "or refund"), action);
  if (ascendctl_unexpected_argument (argc, argv, allowed) != EXIT_OK)
    return EXIT_USAGE;
  if (g_str_equal (action, "checkout"))
    {
      if ((opt_tokens != 0) == (opt_tier != NULL))
        return ascendctl_usage_error (_("“billing checkout” needs --tokens N or --tier premium|pro"));
      if (opt_tokens != 0 && ascend_billing_find_pack (opt_tokens) == NULL)
        return ascendctl_usage_error (_("There is no pack of %" PRId64 " tokens: choose 50, 120 or 300"),
                                      opt_tokens);
      if (opt_tier != NULL && !g_str_equal (opt_tier, "premium") && !g_str_equal (opt_tier, "pro"))
        return ascendctl_usage_error (_("There is no “%s” plan: choose premium or pro"), opt_tier);
    }
  else if (opt_tokens != 0 || opt_tier != NULL || opt_no_wait)
    return ascendctl_usage_error (_("--tokens, --tier and --no-wait belong to “billing checkout”"));

  key = secret_key ();
  if (key == NULL || *key == '\0')
    {
      g_printerr ("%s: %s\n", g_get_prgname (),
                  _("No Stripe secret key: set STRIPE_API_KEY or enter it in Preferences → Billing"));
      return EXIT_FAILED;
    }
  base = api_base ();

  if ((b.db = ascendctl_open_database (TRUE, &error)) == NULL)
    return ascendctl_store_error (error);
  user = ascendctl_get_profile (b.db, opt_billing_user, &error);
  if (user == NULL)
    return ascendctl_store_error (error);
  b.user_id = user->id;
  b.billing = ascend_billing_new (b.db, base, key);
  b.cancellable = g_cancellable_new ();
  b.waiter.loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, interrupted_cb, b.cancellable);
  sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, b.cancellable);

  if (g_str_equal (action, "customer"))
    {
      g_autofree char *customer = NULL;

      ascend_billing_ensure_customer_async (b.billing, b.user_id, b.cancellable, done_cb, &b.waiter);
      customer = ascend_billing_ensure_customer_finish (b.billing, next_result (&b), &error);
      if (customer == NULL)
        status = billing_error (error);
      else
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          add_string (builder, "customer", customer);
          add_int (builder, "user", b.user_id);
          json_builder_end_object (builder);
          print_json (builder);
          status = EXIT_OK;
        }
    }
  else if (g_str_equal (action, "checkout"))
    status = run_checkout (&b);
  else if (g_str_equal (action, "wait"))
    status = wait_for_session (&b, argv[2]);
  else
    {
      g_autoptr(AscendBillingOutcome) outcome = NULL;

      if (g_str_equal (action, "sync"))
        {
          ascend_billing_sync_async (b.billing, b.user_id, b.cancellable, done_cb, &b.waiter);
          outcome = ascend_billing_sync_finish (b.billing, next_result (&b), &error);
        }
      else if (g_str_equal (action, "cancel"))
        {
          ascend_billing_cancel_subscription_async (b.billing, b.user_id, b.cancellable, done_cb, &b.waiter);
          outcome = ascend_billing_cancel_subscription_finish (b.billing, next_result (&b), &error);
        }
      else
        {
          ascend_billing_refund_async (b.billing, b.user_id, payment_id, b.cancellable, done_cb, &b.waiter);
          outcome = ascend_billing_refund_finish (b.billing, next_result (&b), &error);
        }
      if (outcome == NULL)
        status = billing_error (error);
      else
        {
          const char *what = g_str_equal (action, "sync") ? "synced"
                             : g_str_equal (action, "cancel") ? "canceled" : "refunded";
          print_outcome (b.db, b.user_id, NULL, what, outcome);
          status = EXIT_OK;
        }
    }

  g_source_remove (sigint);
  g_source_remove (sigterm);
  return status;
}
