/* ascend-stripe-client.c: Stripe's REST API over libsoup 3 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ascend-billing.h"
#include "ascend-stripe-client.h"

struct _AscendStripeClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *api_base;
  char        *secret_key;
  guint        timeout_ms;
  guint        attempts;
  guint        base_delay_ms;
};

G_DEFINE_FINAL_TYPE (AscendStripeClient, ascend_stripe_client, G_TYPE_OBJECT)

GPtrArray *
ascend_stripe_params_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

void
ascend_stripe_params_add (GPtrArray  *params,
                          const char *key,
                          const char *value)
{
  g_return_if_fail (params != NULL && key != NULL && value != NULL);
  g_ptr_array_add (params, g_strdup (key));
  g_ptr_array_add (params, g_strdup (value));
}

void
ascend_stripe_params_add_int (GPtrArray  *params,
                              const char *key,
                              gint64      value)
{
  g_ptr_array_add (params, g_strdup (key));
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

char *
ascend_stripe_params_encode (GPtrArray *params)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; params != NULL && i + 1 < params->len; i += 2)
    {
      if (out->len > 0)
        g_string_append_c (out, '&');
      /* Brackets stay readable in keys; Stripe decodes them either way. */
      g_string_append_uri_escaped (out, g_ptr_array_index (params, i), "[]", FALSE);
      g_string_append_c (out, '=');
      g_string_append_uri_escaped (out, g_ptr_array_index (params, i + 1), NULL, FALSE);
    }
  return g_string_free (out, FALSE);
}

const char *
ascend_stripe_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
ascend_stripe_get_int (JsonObject *object,
                       const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return -1;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

JsonObject *
ascend_stripe_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static void
ascend_stripe_client_finalize (GObject *object)
{
  AscendStripeClient *self = ASCEND_STRIPE_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->api_base, g_free);
  g_clear_pointer (&self->secret_key, g_free);
  G_OBJECT_CLASS (ascend_stripe_client_parent_class)->finalize (object);
}

static void
ascend_stripe_client_class_init (AscendStripeClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ascend_stripe_client_finalize;
}

static void
ascend_stripe_client_init (AscendStripeClient *self)
{
  self->session = soup_session_new ();
  soup_session_set_user_agent (self->session, "AnimeAscend/" PACKAGE_VERSION " ");
  self->timeout_ms = ASCEND_STRIPE_DEFAULT_TIMEOUT_MS;
  self->attempts = ASCEND_STRIPE_DEFAULT_ATTEMPTS;
  self->base_delay_ms = ASCEND_STRIPE_DEFAULT_BACKOFF_MS;
}

AscendStripeClient *
ascend_stripe_client_new (const char *api_base,
                          const char *secret_key)
{
  AscendStripeClient *self;
  gsize len;

  g_return_val_if_fail (api_base != NULL, NULL);

  self = g_object_new (ASCEND_TYPE_STRIPE_CLIENT, NULL);
  len = strlen (api_base);
  while (len > 0 && api_base[len - 1] == '/')
    len--;
  self->api_base = g_strndup (api_base, len);
  ascend_stripe_client_set_secret_key (self, secret_key);
  return self;
}

const char *
ascend_stripe_client_get_api_base (AscendStripeClient *self)
{
  g_return_val_if_fail (ASCEND_IS_STRIPE_CLIENT (self), NULL);
  return self->api_base;
}

void
ascend_stripe_client_set_secret_key (AscendStripeClient *self,
                                     const char         *secret_key)
{
  g_return_if_fail (ASCEND_IS_STRIPE_CLIENT (self));
  g_clear_pointer (&self->secret_key, g_free);
  if (secret_key != NULL && *secret_key != '\0')
    self->secret_key = g_strstrip (g_strdup (secret_key));
}

gboolean
ascend_stripe_client_has_key (AscendStripeClient *self)
{
  g_return_val_if_fail (ASCEND_IS_STRIPE_CLIENT (self), FALSE);
  return self->secret_key != NULL && *self->secret_key != '\0';
}

void
ascend_stripe_client_set_timeout (AscendStripeClient *self,
                                  guint               timeout_ms)
{
  g_return_if_fail (ASCEND_IS_STRIPE_CLIENT (self));
  if (timeout_ms > 0)
    self->timeout_ms = timeout_ms;
}

void
ascend_stripe_client_set_retry (AscendStripeClient *self,
                                guint               attempts,
                                guint               base_delay_ms)
{
  g_return_if_fail (ASCEND_IS_STRIPE_CLIENT (self));
  self->attempts = MAX (attempts, 1);
  self->base_delay_ms = base_delay_ms;
}

/* One request and its attempts. */
typedef struct {
  char         *method;
  char         *uri;
  GBytes       *body;            /* POST only */
  char         *idempotency_key;
  char         *secret_key;
  guint         attempt;         /* 1-based, the one in flight or just done */
  SoupMessage  *message;
  GCancellable *attempt_cancellable;
  gulong        cancelled_id;
  GSource      *timer;
  GSource      *wait;
  GSource      *wait_cancel;
  gboolean      timed_out;
  GError       *last_error;      /* why the last attempt failed, when retryable */
  guint         retry_after_ms;
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->uri);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->idempotency_key);
  g_free (request->secret_key);
  g_clear_object (&request->message);
  g_clear_object (&request->attempt_cancellable);
  g_clear_error (&request->last_error);
  g_assert (request->timer == NULL && request->wait == NULL && request->wait_cancel == NULL);
  g_free (request);
}

static void start_attempt (GTask *task);

static void
clear_wait (Request *request)
{
  if (request->wait != NULL)
    {
      g_source_destroy (request->wait);
      g_clear_pointer (&request->wait, g_source_unref);
    }
  if (request->wait_cancel != NULL)
    {
      g_source_destroy (request->wait_cancel);
      g_clear_pointer (&request->wait_cancel, g_source_unref);
    }
}

static gboolean
wait_done_cb (gpointer data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  clear_wait (request);
  /* The task's reference passes on to the next attempt. */
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  clear_wait (request);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with +-25% jitter, capped; a longer Retry-After wins. */
static guint
backoff_delay (AscendStripeClient *self,
               Request            *request)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 1; i < request->attempt && delay < ASCEND_STRIPE_MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, ASCEND_STRIPE_MAX_BACKOFF_MS);
  if (delay > 0)
    delay = (guint64) (delay * g_random_double_range (0.75, 1.25));
  if (request->retry_after_ms > delay)
    delay = MIN (request->retry_after_ms, 60000);
  return (guint) delay;
}

/* Takes over error: retries if attempts are left, or gives up with it. */
static void
retry_or_fail (GTask  *task,
               GError *error)
{
  AscendStripeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay;

  g_clear_error (&request->last_error);
  request->last_error = error;

  if (request->attempt >= self->attempts)
    {
      GError *final = request->last_error;

      request->last_error = NULL;
      if (self->attempts > 1)
        g_prefix_error (&final,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Gave up after %u attempt: ",
                                     "Gave up after %u attempts: ", request->attempt),
                        request->attempt);
      g_task_return_error (task, final);
      g_object_unref (task);
      return;
    }

  delay = backoff_delay (self, request);
  g_debug ("stripe: %s %s attempt %u failed (%s); retrying in %u ms",
           request->method, request->uri, request->attempt, error->message, delay);

  request->wait = g_timeout_source_new (delay);
  g_source_set_callback (request->wait, wait_done_cb, task, NULL);
  g_source_attach (request->wait, g_main_context_get_thread_default ());
  if (cancellable != NULL)
    {
      request->wait_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->wait_cancel, (GSourceFunc) (void (*)(void)) wait_cancelled_cb,
                             task, NULL);
      g_source_attach (request->wait_cancel, g_main_context_get_thread_default ());
    }
}

static gboolean
timeout_cb (gpointer data)
{
  Request *request = data;

  request->timed_out = TRUE;
  g_clear_pointer (&request->timer, g_source_unref);
  g_cancellable_cancel (request->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
end_attempt (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->timer != NULL)
    {
      g_source_destroy (request->timer);
      g_clear_pointer (&request->timer, g_source_unref);
    }
  if (request->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), request->cancelled_id);
      request->cancelled_id = 0;
    }
}

static JsonNode *
parse_json (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  AscendStripeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;
  JsonObject *stripe_error = NULL;
  const char *message = NULL;
  const char *type = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  end_attempt (task);

  if (bytes == NULL)
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
          g_object_unref (task);
          return;
        }
      request->retry_after_ms = 0;
      if (request->timed_out)
        retry_or_fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK,
                                          _("Stripe did not answer within %.1f seconds"),
                                          self->timeout_ms / 1000.0));
      else
        retry_or_fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK,
                                          _("Could not reach Stripe: %s"), error->message));
      return;
    }

  status = soup_message_get_status (request->message);
  root = parse_json (bytes);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);
  if (object != NULL && (stripe_error = ascend_stripe_get_object (object, "error")) != NULL)
    {
      message = ascend_stripe_get_string (stripe_error, "message");
      type = ascend_stripe_get_string (stripe_error, "type");
    }

  if (status == 429 || status >= 500)
    {
      const char *retry_after;
      guint64 seconds = 0;

      retry_after = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                                  "Retry-After");
      if (retry_after != NULL && g_ascii_string_to_unsigned (retry_after, 10, 0, 3600, &seconds, NULL))
        request->retry_after_ms = (guint) seconds * 1000;
      else
        request->retry_after_ms = 0;
      if (message != NULL)
        retry_or_fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK,
                                          /* Translators: HTTP status, then Stripe's message */
                                          _("Stripe could not take the request now (HTTP %u): %s"),
                                          status, message));
      else
        retry_or_fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK,
                                          _("Stripe could not take the request now (HTTP %u)"),
                                          status));
      return;
    }

  if (status >= 200 && status < 300)
    {
      if (object == NULL || stripe_error != NULL)
        g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED,
                                 _("Stripe’s answer (HTTP %u) is not the JSON object it should be"),
                                 status);
      else
        g_task_return_pointer (task, json_object_ref (object), (GDestroyNotify) json_object_unref);
      g_object_unref (task);
      return;
    }

  /* Any other answer is final: retrying a 4xx cannot change it. */
  if (message == NULL)
    g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED,
                             _("Stripe answered HTTP %u without an error message"), status);
  else if (g_strcmp0 (type, "card_error") == 0 || status == 402)
    g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_DECLINED, "%s", message);
  else if (status == 404)
    g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND, "%s", message);
  else
    g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE, "%s", message);
  g_object_unref (task);
}

static void
start_attempt (GTask *task)
{
  AscendStripeClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;
  g_autofree char *authorization = NULL;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      g_object_unref (task);
      return;
    }

  request->attempt++;
  request->timed_out = FALSE;
  g_clear_object (&request->message);
  request->message = soup_message_new (request->method, request->uri);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK,
                               _("The Stripe address “%s” is not a valid web address"), self->api_base);
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_request_headers (request->message);
  authorization = g_strconcat ("Bearer ", request->secret_key, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/x-www-form-urlencoded",
                                              request->body);

  g_clear_object (&request->attempt_cancellable);
  request->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                   g_object_ref (request->attempt_cancellable),
                                                   g_object_unref);
  request->timer = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (request->timer, timeout_cb, request, NULL);
  g_source_attach (request->timer, g_main_context_get_thread_default ());

  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    request->attempt_cancellable, read_cb, task);
}

void
ascend_stripe_client_request_async (AscendStripeClient  *self,
                                    const char          *method,
                                    const char          *path,
                                    GPtrArray           *params,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Request *request;
  g_autofree char *encoded = NULL;
  gboolean is_post;

  g_return_if_fail (ASCEND_IS_STRIPE_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ascend_stripe_client_request_async);

  if (!ascend_stripe_client_has_key (self))
    {
      g_task_return_new_error (task, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY, "%s",
                               _("No Stripe secret key: set STRIPE_API_KEY or enter it in Preferences → Billing"));
      g_object_unref (task);
      return;
    }

  is_post = g_str_equal (method, "POST");
  g_return_if_fail (!is_post || idempotency_key != NULL);

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->secret_key = g_strdup (self->secret_key);
  request->idempotency_key = g_strdup (idempotency_key);
  encoded = ascend_stripe_params_encode (params);
  if (is_post)
    {
      gsize len = strlen (encoded);

      request->uri = g_strconcat (self->api_base, path, NULL);
      request->body = g_bytes_new_take (g_steal_pointer (&encoded), len);
    }
  else if (encoded[0] != '\0')
    request->uri = g_strconcat (self->api_base, path, strchr (path, '?') ? "&" : "?", encoded, NULL);
  else
    request->uri = g_strconcat (self->api_base, path, NULL);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  start_attempt (task);
}

JsonObject *
ascend_stripe_client_request_finish (AscendStripeClient  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
