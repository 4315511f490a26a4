/* test-stripe-client.c: the Stripe client against the fake Stripe server
 *
 * Requests, error objects, idempotency keys across retries, backoff on
 * 429/5xx/timeouts/dropped connections, no retry on other 4xx, malformed
 * answers and cancellation.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-billing.h"
#include "ascend-stripe-client.h"
#include "fake-stripe.h"

#define KEY "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

typedef struct {
  FakeStripe         *fake;
  AscendStripeClient *client;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fake = fake_stripe_new (KEY, 0, &error);
  g_assert_no_error (error);
  f->client = ascend_stripe_client_new (fake_stripe_get_url (f->fake), KEY);
  /* Fast retries: the backoff arithmetic is the same at any scale. */
  ascend_stripe_client_set_retry (f->client, 4, 20);
  ascend_stripe_client_set_timeout (f->client, 5000);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->fake, fake_stripe_free);
}

typedef struct {
  JsonObject *object;
  GError     *error;
  gboolean    done;
} Result;

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Result *r = data;

  r->object = ascend_stripe_client_request_finish (ASCEND_STRIPE_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->object, json_object_unref);
  g_clear_error (&r->error);
  r->done = FALSE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
request (Fixture      *f,
         Result       *r,
         const char   *method,
         const char   *path,
         GPtrArray    *params,
         const char   *key,
         GCancellable *cancellable)
{
  result_clear (r);
  ascend_stripe_client_request_async (f->client, method, path, params, key, cancellable, request_cb, r);
  wait_for (r);
}

static GPtrArray *
customer_params (const char *name)
{
  GPtrArray *params = ascend_stripe_params_new ();

  ascend_stripe_params_add (params, "name", name);
  ascend_stripe_params_add (params, "email", "aiko+test@example.com");
  ascend_stripe_params_add_int (params, "metadata[app_user_id]", 7);
  return params;
}

static void
test_encode (void)
{
  g_autoptr(GPtrArray) params = ascend_stripe_params_new ();
  g_autofree char *text = NULL;

  ascend_stripe_params_add (params, "line_items[0][price_data][product_data][name]", "50 tokens & more");
  ascend_stripe_params_add (params, "email", "a+b@example.com");
  ascend_stripe_params_add (params, "name", "愛子 = Aiko");
  text = ascend_stripe_params_encode (params);
  g_assert_cmpstr (text, ==,
                   "line_items[0][price_data][product_data][name]=50%20tokens%20%26%20more"
                   "&email=a%2Bb%40example.com"
                   "&name=%E6%84%9B%E5%AD%90%20%3D%20Aiko");
  g_free (text);
  text = ascend_stripe_params_encode (NULL);
  g_assert_cmpstr (text, ==, "");
}

static void
test_create_and_get (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) params = customer_params ("Aiko Tanaka");
  g_autofree char *path = NULL;
  const FakeStripeRequest *sent;
  JsonObject *metadata;
  g_autofree char *id = NULL;

  request (f, &r, "POST", "/v1/customers", params, "key-create-1", NULL);
  g_assert_no_error (r.error);
  g_assert_true (g_str_has_prefix (ascend_stripe_get_string (r.object, "id"), "cus_"));
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "object"), ==, "customer");
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "email"), ==, "aiko+test@example.com");
  metadata = ascend_stripe_get_object (r.object, "metadata");
  g_assert_cmpstr (ascend_stripe_get_string (metadata, "app_user_id"), ==, "7");
  id = g_strdup (ascend_stripe_get_string (r.object, "id"));

  sent = g_ptr_array_index (fake_stripe_get_requests (f->fake), 0);
  g_assert_cmpstr (sent->idempotency_key, ==, "key-create-1");
  g_assert_cmpstr (sent->body, ==, "name=Aiko%20Tanaka&email=aiko%2Btest%40example.com&metadata[app_user_id]=7");

  path = g_strconcat ("/v1/customers/", id, NULL);
  request (f, &r, "GET", path, NULL, NULL, NULL);
  g_assert_no_error (r.error);
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "name"), ==, "Aiko Tanaka");
  sent = g_ptr_array_index (fake_stripe_get_requests (f->fake), 1);
  g_assert_null (sent->idempotency_key);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
}

static void
test_500_then_success (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) params = customer_params ("Aiko");

  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_500, 1, 0);
  request (f, &r, "POST", "/v1/customers", params, "key-500", NULL);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.object);
  g_assert_cmpuint (fake_stripe_count_key (f->fake, "key-500"), ==, 2);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
}

static void
test_timeout_then_success (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) params = customer_params ("Aiko");
  const GPtrArray *requests;
  gint64 start = g_get_monotonic_time ();

  /* The first request is done at Stripe but its answer comes too late:
   * the retry carries the same key and gets the same customer back. */
  ascend_stripe_client_set_timeout (f->client, 300);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_DELAY, 1, 1500);
  request (f, &r, "POST", "/v1/customers", params, "key-timeout", NULL);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.object);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
  requests = fake_stripe_get_requests (f->fake);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpuint (fake_stripe_count_key (f->fake, "key-timeout"), ==, 2);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "id"), ==, fake_stripe_last_id (f->fake, "cus_"));
}

static void
test_timeout_gives_up (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  ascend_stripe_client_set_timeout (f->client, 200);
  ascend_stripe_client_set_retry (f->client, 2, 10);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_DELAY, 2, 1000);
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK);
  g_assert_cmpstr (r.error->message, ==, "Gave up after 2 attempts: Stripe did not answer within 0.2 seconds");
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", "/v1/subscriptions"), ==, 2);
}

static void
test_429_backoff (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  gint64 start, elapsed;

  /* Waits of 20 and 40 ms (+-25%) before the 2nd and 3rd attempts. */
  ascend_stripe_client_set_retry (f->client, 4, 20);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_429, 2, 0);
  start = g_get_monotonic_time ();
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (r.error);
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "object"), ==, "list");
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", NULL), ==, 3);
  g_assert_cmpint (elapsed, >=, (15 + 30) * 1000);

  /* Retry-After wins over a shorter backoff. */
  fake_stripe_set_retry_after (f->fake, 1);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_429, 1, 0);
  start = g_get_monotonic_time ();
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (r.error);
  g_assert_cmpint (elapsed, >=, 1000 * 1000);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", NULL), ==, 5);
}

static void
test_gives_up (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) params = customer_params ("Aiko");

  ascend_stripe_client_set_retry (f->client, 3, 5);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_500, 10, 0);
  request (f, &r, "POST", "/v1/customers", params, "key-give-up", NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK);
  g_assert_cmpstr (r.error->message, ==,
                   "Gave up after 3 attempts: Stripe could not take the request now (HTTP 500): "
                   "An unknown error occurred while processing your request.");
  g_assert_cmpuint (fake_stripe_count_key (f->fake, "key-give-up"), ==, 3);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 0);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) params = customer_params ("Aiko");

  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_DROP, 1, 0);
  request (f, &r, "POST", "/v1/customers", params, "key-drop", NULL);
  g_assert_no_error (r.error);
  g_assert_cmpuint (fake_stripe_count_key (f->fake, "key-drop"), >=, 2);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
}

static void
test_stripe_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) params = ascend_stripe_params_new ();
  g_autoptr(AscendStripeClient) wrong = NULL;

  /* A 4xx is final: sent once, Stripe's message verbatim. */
  ascend_stripe_params_add (params, "mode", "payment");
  request (f, &r, "POST", "/v1/checkout/sessions", params, "key-missing", NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE);
  g_assert_cmpstr (r.error->message, ==, "Missing required param: success_url.");
  g_assert_cmpuint (fake_stripe_count_key (f->fake, "key-missing"), ==, 1);

  request (f, &r, "GET", "/v1/checkout/sessions/cs_test_nope", NULL, NULL, NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND);
  g_assert_cmpstr (r.error->message, ==, "No such checkout.session: 'cs_test_nope'");

  wrong = ascend_stripe_client_new (fake_stripe_get_url (f->fake), "sk_test_wrongwrongwrong1234");
  result_clear (&r);
  ascend_stripe_client_request_async (wrong, "GET", "/v1/subscriptions", NULL, NULL, NULL, request_cb, &r);
  wait_for (&r);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE);
  g_assert_cmpstr (r.error->message, ==, "Invalid API Key provided: sk_test_****1234");
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", "/v1/subscriptions"), ==, 1);
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GPtrArray) aiko = customer_params ("Aiko");
  g_autoptr(GPtrArray) kai = customer_params ("Kai");
  g_autofree char *first = NULL;

  request (f, &r, "POST", "/v1/customers", aiko, "key-same", NULL);
  g_assert_no_error (r.error);
  first = g_strdup (ascend_stripe_get_string (r.object, "id"));

  request (f, &r, "POST", "/v1/customers", aiko, "key-same", NULL);
  g_assert_no_error (r.error);
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "id"), ==, first);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);

  request (f, &r, "POST", "/v1/customers", kai, "key-same", NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE);
  g_assert_true (g_str_has_prefix (r.error->message,
                                   "Keys for idempotent requests can only be used with the same parameters"));
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_MALFORMED, 1, 0);
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED);
  g_assert_null (r.object);

  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_WRONG_SHAPE, 1, 0);
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED);
  /* Not retried: a 200 will not change its mind. */
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, 2);

  /* Accessors refuse members of the wrong type. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o;

    g_assert_true (json_parser_load_from_data (parser, "{\"id\": 5, \"amount\": \"10\", \"metadata\": []}", -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    g_assert_null (ascend_stripe_get_string (o, "id"));
    g_assert_cmpint (ascend_stripe_get_int (o, "amount"), ==, -1);
    g_assert_null (ascend_stripe_get_object (o, "metadata"));
    g_assert_null (ascend_stripe_get_string (o, "missing"));
  }
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Result) r = { 0 };
  g_autoptr(GCancellable) during_request = g_cancellable_new ();
  g_autoptr(GCancellable) during_backoff = g_cancellable_new ();
  g_autoptr(GCancellable) before = g_cancellable_new ();
  gint64 start;

  /* While the answer is on its way */
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_DELAY, 1, 3000);
  g_timeout_add (100, cancel_cb, during_request);
  start = g_get_monotonic_time ();
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, during_request);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2000 * 1000);

  /* While waiting to retry */
  ascend_stripe_client_set_retry (f->client, 4, 5000);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_500, 5, 0);
  g_timeout_add (200, cancel_cb, during_backoff);
  start = g_get_monotonic_time ();
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, during_backoff);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2000 * 1000);

  /* Already cancelled: nothing is sent */
  g_cancellable_cancel (before);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_500, 0, 0);
  {
    guint sent = fake_stripe_count_requests (f->fake, NULL, NULL);
    request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, before);
    g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, sent);
  }
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Result) r = { 0 };

  ascend_stripe_client_set_secret_key (f->client, "");
  g_assert_false (ascend_stripe_client_has_key (f->client));
  request (f, &r, "GET", "/v1/subscriptions", NULL, NULL, NULL);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY);
  g_assert_cmpstr (r.error->message, ==,
                   "No Stripe secret key: set STRIPE_API_KEY or enter it in Preferences → Billing");
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, 0);
}

static void
test_unreachable (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(AscendStripeClient) client = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autofree char *url = NULL;

  /* A port that is bound but not listening refuses connections. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = ascend_stripe_client_new (url, KEY);
  ascend_stripe_client_set_retry (client, 2, 5);
  ascend_stripe_client_request_async (client, "GET", "/v1/subscriptions", NULL, NULL, NULL, request_cb, &r);
  wait_for (&r);
  g_assert_error (r.error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (r.error->message, "Gave up after 2 attempts: Could not reach Stripe: "));
}

static char *
control (SoupSession *session,
         const char  *method,
         const char  *url,
         const char  *form,
         guint       *out_status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(gboolean *) data = TRUE;
}

/* The fake as a program, steered through its control endpoints, as the
 * ascendctl and UI tests of other processes use it. */
static void
test_server_program (void)
{
  const char *program = g_getenv ("ASCEND_FAKE_STRIPE_SERVER");
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(AscendStripeClient) client = NULL;
  g_autoptr(GPtrArray) params = ascend_stripe_params_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *text = NULL, *page_url = NULL, *requests_url = NULL, *form = NULL;
  g_autofree char *session_id = NULL, *session_path = NULL, *fail_url = NULL, *complete_url = NULL;
  g_auto(Result) r = { 0 };
  gboolean exited = FALSE;
  guint status;

  if (program == NULL || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ASCEND_FAKE_STRIPE_SERVER does not name the built fake-stripe-server");
      return;
    }
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program, "--key", KEY, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  client = ascend_stripe_client_new (url, KEY);
  ascend_stripe_client_set_retry (client, 3, 10);
  fail_url = g_strconcat (url, "/_fake/fail", NULL);
  text = control (session, "POST", fail_url, "fault=500&count=1", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&text, g_free);
  text = control (session, "POST", fail_url, "fault=teapot", &status);
  g_assert_cmpuint (status, ==, 400);

  ascend_stripe_params_add (params, "mode", "payment");
  ascend_stripe_params_add (params, "success_url", "https://example.com/done");
  ascend_stripe_params_add (params, "line_items[0][price_data][currency]", "eur");
  ascend_stripe_params_add (params, "line_items[0][price_data][unit_amount]", "499");
  ascend_stripe_params_add (params, "line_items[0][price_data][product_data][name]", "50 tokens");
  ascend_stripe_client_request_async (client, "POST", "/v1/checkout/sessions", params, "key-program", NULL,
                                      request_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  session_id = g_strdup (ascend_stripe_get_string (r.object, "id"));
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "status"), ==, "open");
  page_url = g_strdup (ascend_stripe_get_string (r.object, "url"));

  requests_url = g_strconcat (url, "/_fake/requests", NULL);
  g_clear_pointer (&text, g_free);
  text = control (session, "GET", requests_url, NULL, &status);
  {
    g_autoptr(JsonNode) log = json_from_string (text, &error);
    JsonArray *array = json_node_get_array (log);

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "status"), ==, 500);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 1), "status"), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "idempotency_key"),
                     ==, "key-program");
  }

  /* The page the browser opens, and its Pay button */
  g_clear_pointer (&text, g_free);
  text = control (session, "GET", page_url, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (text, "<button name=\"outcome\" value=\"paid\">Pay</button>"));
  complete_url = g_strconcat (url, "/_fake/complete", NULL);
  form = g_strconcat ("session=", session_id, "&outcome=paid", NULL);
  g_clear_pointer (&text, g_free);
  text = control (session, "POST", complete_url, form, &status);
  g_assert_cmpuint (status, ==, 200);

  session_path = g_strconcat ("/v1/checkout/sessions/", session_id, NULL);
  result_clear (&r);
  ascend_stripe_client_request_async (client, "GET", session_path, NULL, NULL, NULL, request_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "status"), ==, "complete");
  g_assert_cmpstr (ascend_stripe_get_string (r.object, "payment_status"), ==, "paid");
  g_assert_true (g_str_has_prefix (ascend_stripe_get_string (r.object, "payment_intent"), "pi_"));

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait_async (server, NULL, exited_cb, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (server));
  g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/stripe-client/encode", test_encode);
  g_test_add ("/stripe-client/create-and-get", Fixture, NULL, setup, test_create_and_get, teardown);
  g_test_add ("/stripe-client/500-then-success", Fixture, NULL, setup, test_500_then_success, teardown);
  g_test_add ("/stripe-client/timeout-then-success", Fixture, NULL, setup, test_timeout_then_success, teardown);
  g_test_add ("/stripe-client/timeout-gives-up", Fixture, NULL, setup, test_timeout_gives_up, teardown);
  g_test_add ("/stripe-client/429-backoff", Fixture, NULL, setup, test_429_backoff, teardown);
  g_test_add ("/stripe-client/gives-up", Fixture, NULL, setup, test_gives_up, teardown);
  g_test_add ("/stripe-client/dropped-connection", Fixture, NULL, setup, test_dropped_connection, teardown);
  g_test_add ("/stripe-client/stripe-errors", Fixture, NULL, setup, test_stripe_errors, teardown);
  g_test_add ("/stripe-client/idempotency", Fixture, NULL, setup, test_idempotency, teardown);
  g_test_add ("/stripe-client/malformed", Fixture, NULL, setup, test_malformed, teardown);
  g_test_add ("/stripe-client/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/stripe-client/no-key", Fixture, NULL, setup, test_no_key, teardown);
  g_test_add_func ("/stripe-client/unreachable", test_unreachable);
  g_test_add_func ("/stripe-client/server-program", test_server_program);
  return g_test_run ();
}
