/* fake-stripe.c: a stateful fake of Stripe's REST API for tests
 *
 * Endpoints (Stripe's):
 *   POST   /v1/customers                     GET /v1/customers/ID
 *   POST   /v1/checkout/sessions             GET /v1/checkout/sessions/ID [expand[]=payment_intent|subscription]
 *   GET    /v1/checkout/sessions?customer=   POST /v1/checkout/sessions/ID/expire
 *   GET    /v1/payment_intents/ID
 *   GET    /v1/subscriptions/ID              GET /v1/subscriptions?customer=&status=all|active|canceled
 *   DELETE /v1/subscriptions/ID              (cancels)
 *   POST   /v1/refunds                       GET /v1/refunds/ID
 *
 * Control endpoints (no key needed, never faulted), form-encoded:
 *   POST /_fake/fail              fault=500|429|drop|delay|malformed|wrong_shape count=N [delay_ms=MS]
 *   POST /_fake/complete          session=cs_... outcome=paid|declined|expired
 *   POST /_fake/auto_complete     outcome=paid|declined|expired after=N (0: off)
 *   POST /_fake/cancel_subscription id=sub_...
 *   GET  /_fake/requests          the request log as JSON
 *   GET  /checkout/pay/cs_...     the "browser" page with Pay / Decline / Let expire buttons
 *
 * Members whose name starts with '_' are the fake's own bookkeeping and are
 * never sent.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "fake-stripe.h"

struct _FakeStripe
{
  SoupServer  *server;
  char        *url;
  char        *secret_key;
  GHashTable  *objects;       /* id -> JsonObject */
  GPtrArray   *order;         /* ids, oldest first */
  GHashTable  *idempotency;   /* key -> JsonObject {fingerprint, status, body} */
  GPtrArray   *requests;      /* FakeStripeRequest */
  FakeStripeFault fault;
  guint        fault_count;
  guint        fault_delay_ms;
  int          retry_after;
  gboolean     auto_complete;
  FakeStripeOutcome auto_outcome;
  guint        auto_after;
};

static void
request_free (FakeStripeRequest *r)
{
  g_free (r->method);
  g_free (r->path);
  g_free (r->query);
  g_free (r->body);
  g_free (r->idempotency_key);
  g_free (r);
}

/* ---- form fields, in order ---- */

static char *
form_unescape (const char *text,
               gssize      len)
{
  g_autofree char *copy = g_strndup (text, len < 0 ? strlen (text) : (gsize) len);

  for (char *p = copy; *p; p++)
    if (*p == '+')
      *p = ' ';
  return g_uri_unescape_string (copy, NULL);
}

/* Alternating keys and values, NULL for a form that cannot be decoded. */
static GPtrArray *
form_decode (const char *text)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = NULL;

  if (text == NULL || *text == '\0')
    return fields;
  pairs = g_strsplit (text, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      char *key, *value;

      if (*pairs[i] == '\0')
        continue;
      key = form_unescape (pairs[i], eq ? eq - pairs[i] : -1);
      value = eq ? form_unescape (eq + 1, -1) : g_strdup ("");
      if (key == NULL || value == NULL)
        {
          g_free (key);
          g_free (value);
          g_ptr_array_unref (fields);
          return NULL;
        }
      g_ptr_array_add (fields, key);
      g_ptr_array_add (fields, value);
    }
  return fields;
}

static const char *
field (GPtrArray  *fields,
       const char *key)
{
  for (guint i = 0; fields != NULL && i + 1 < fields->len; i += 2)
    if (g_str_equal (g_ptr_array_index (fields, i), key))
      return g_ptr_array_index (fields, i + 1);
  return NULL;
}

static gboolean
has_value (GPtrArray  *fields,
           const char *key,
           const char *value)
{
  for (guint i = 0; fields != NULL && i + 1 < fields->len; i += 2)
    if (g_str_equal (g_ptr_array_index (fields, i), key) &&
        g_str_equal (g_ptr_array_index (fields, i + 1), value))
      return TRUE;
  return FALSE;
}

/* metadata[k]=v fields under prefix ("metadata[" or "subscription_data[metadata][") */
static JsonObject *
metadata_from (GPtrArray  *fields,
               const char *prefix)
{
  JsonObject *metadata = json_object_new ();
  gsize plen = strlen (prefix);

  for (guint i = 0; fields != NULL && i + 1 < fields->len; i += 2)
    {
      const char *key = g_ptr_array_index (fields, i);

      if (g_str_has_prefix (key, prefix) && g_str_has_suffix (key, "]") && strlen (key) > plen + 1)
        {
          g_autofree char *name = g_strndup (key + plen, strlen (key) - plen - 1);
          json_object_set_string_member (metadata, name, g_ptr_array_index (fields, i + 1));
        }
    }
  return metadata;
}

/* ---- answers ---- */

static char *
random_id (const char *prefix)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  GString *id = g_string_new (prefix);

  for (int i = 0; i < 24; i++)
    g_string_append_c (id, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (id, FALSE);
}

/* A copy without the fake's own '_' members, recursively for expanded objects. */
static JsonNode *
public_node (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value, *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (name[0] != '_')
      json_object_set_member (copy, name, json_node_copy (value));
  node = json_node_init_object (json_node_alloc (), copy);
  json_object_unref (copy);
  return node;
}

static char *
object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = public_node (object);
  return json_to_string (node, TRUE);
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autofree char *text = object_text (object);
  respond_text (msg, status, "application/json", text);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *type,
               const char        *code,
               const char        *param,
               const char        *format,
               ...) G_GNUC_PRINTF (6, 7);

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *type,
               const char        *code,
               const char        *param,
               const char        *format,
               ...)
{
  g_autoptr(JsonObject) outer = json_object_new ();
  JsonObject *error = json_object_new ();
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  json_object_set_string_member (error, "type", type);
  if (code != NULL)
    json_object_set_string_member (error, "code", code);
  if (param != NULL)
    json_object_set_string_member (error, "param", param);
  json_object_set_string_member (error, "message", message);
  if (code != NULL)
    {
      g_autofree char *doc = g_strconcat ("https://stripe.com/docs/error-codes/", code, NULL);
      json_object_set_string_member (error, "doc_url", doc);
    }
  json_object_set_object_member (outer, "error", error);
  respond_object (msg, status, outer);
}

static void
missing_param (SoupServerMessage *msg,
               const char        *param)
{
  respond_error (msg, 400, "invalid_request_error", "parameter_missing", param,
                 "Missing required param: %s.", param);
}

static JsonObject *
lookup (FakeStripe *self,
        const char *id,
        const char *object_type)
{
  JsonObject *object = id ? g_hash_table_lookup (self->objects, id) : NULL;

  if (object == NULL || g_strcmp0 (json_object_get_string_member_with_default (object, "object", ""),
                                   object_type) != 0)
    return NULL;
  return object;
}

static void
no_such (SoupServerMessage *msg,
         const char        *what,
         const char        *id)
{
  respond_error (msg, 404, "invalid_request_error", "resource_missing", "id",
                 "No such %s: '%s'", what, id);
}

/* The object of that id and type, or NULL after answering 404. */
static JsonObject *
lookup_or_no_such (FakeStripe        *self,
                   SoupServerMessage *msg,
                   const char        *id,
                   const char        *object_type)
{
  JsonObject *object = lookup (self, id, object_type);

  if (object == NULL)
    no_such (msg, object_type, id);
  return object;
}

/* GET of one object: the object, or 404. */
static void
respond_lookup (FakeStripe        *self,
                SoupServerMessage *msg,
                const char        *id,
                const char        *object_type)
{
  JsonObject *object = lookup_or_no_such (self, msg, id, object_type);

  if (object != NULL)
    respond_object (msg, 200, object);
}

static JsonObject *
new_object (FakeStripe *self,
            const char *prefix,
            const char *object_type)
{
  JsonObject *object = json_object_new ();
  char *id = random_id (prefix);

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "object", object_type);
  json_object_set_int_member (object, "created", g_get_real_time () / G_USEC_PER_SEC);
  json_object_set_boolean_member (object, "livemode", FALSE);
  g_hash_table_insert (self->objects, id, object);
  g_ptr_array_add (self->order, g_strdup (id));
  return object;
}

/* Stripe list objects: {"object":"list","data":[...],"has_more":false,"url":...} */
static JsonObject *
list_of (FakeStripe *self,
         const char *object_type,
         const char *url,
         gboolean  (*keep) (JsonObject *object, GPtrArray *fields),
         GPtrArray  *fields,
         JsonObject *(*expand) (FakeStripe *, JsonObject *))
{
  JsonObject *list = json_object_new ();
  JsonArray *data = json_array_new ();
  const char *limit_text = field (fields, "limit");
  guint limit = limit_text ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 10;
  gboolean more = FALSE;

  limit = CLAMP (limit, 1, 100);
  /* Newest first, as Stripe lists. */
  for (guint i = self->order->len; i > 0; i--)
    {
      JsonObject *object = g_hash_table_lookup (self->objects, g_ptr_array_index (self->order, i - 1));

      if (!g_str_equal (json_object_get_string_member (object, "object"), object_type) ||
          (keep != NULL && !keep (object, fields)))
        continue;
      if (json_array_get_length (data) == limit)
        {
          more = TRUE;
          break;
        }
      json_array_add_element (data, public_node (object));
    }
  json_object_set_string_member (list, "object", "list");
  json_object_set_array_member (list, "data", data);
  json_object_set_boolean_member (list, "has_more", more);
  json_object_set_string_member (list, "url", url);
  (void) expand;
  return list;
}

/* ---- the browser's side of checkout ---- */

static JsonObject *
new_payment_intent (FakeStripe *self,
                    JsonObject *session)
{
  JsonObject *pi = new_object (self, "pi_", "payment_intent");

  json_object_set_int_member (pi, "amount", json_object_get_int_member (session, "amount_total"));
  json_object_set_int_member (pi, "amount_received", 0);
  json_object_set_string_member (pi, "currency", json_object_get_string_member (session, "currency"));
  if (json_object_get_null_member (session, "customer"))
    json_object_set_null_member (pi, "customer");
  else
    json_object_set_string_member (pi, "customer", json_object_get_string_member (session, "customer"));
  json_object_set_object_member (pi, "metadata",
                                 json_object_ref (json_object_get_object_member (session, "metadata")));
  json_object_set_null_member (pi, "latest_charge");
  json_object_set_null_member (pi, "last_payment_error");
  json_object_set_string_member (pi, "status", "requires_payment_method");
  json_object_set_int_member (pi, "_refunded", 0);
  json_object_set_string_member (session, "payment_intent", json_object_get_string_member (pi, "id"));
  return pi;
}

static gboolean
complete_session (FakeStripe        *self,
                  JsonObject        *session,
                  FakeStripeOutcome  outcome,
                  GError           **error)
{
  const char *status = json_object_get_string_member (session, "status");
  const char *mode = json_object_get_string_member (session, "mode");

  if (!g_str_equal (status, "open"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The session is %s, not open", status);
      return FALSE;
    }

  if (outcome == FAKE_STRIPE_EXPIRED)
    {
      json_object_set_string_member (session, "status", "expired");
      json_object_set_null_member (session, "url");
      return TRUE;
    }

  if (g_str_equal (mode, "payment"))
    {
      const char *pi_id = json_object_get_string_member_with_default (session, "payment_intent", NULL);
      JsonObject *pi = pi_id ? lookup (self, pi_id, "payment_intent") : NULL;

      if (pi == NULL)
        pi = new_payment_intent (self, session);
      if (outcome == FAKE_STRIPE_DECLINED)
        {
          JsonObject *last = json_object_new ();

          json_object_set_string_member (last, "type", "card_error");
          json_object_set_string_member (last, "code", "card_declined");
          json_object_set_string_member (last, "decline_code", "generic_decline");
          json_object_set_string_member (last, "message", "Your card was declined.");
          json_object_set_object_member (pi, "last_payment_error", last);
          json_object_set_string_member (pi, "status", "requires_payment_method");
          return TRUE;
        }
      json_object_set_null_member (pi, "last_payment_error");
      json_object_set_string_member (pi, "status", "succeeded");
      json_object_set_int_member (pi, "amount_received", json_object_get_int_member (pi, "amount"));
      {
        g_autofree char *charge = random_id ("ch_");
        json_object_set_string_member (pi, "latest_charge", charge);
      }
    }
  else if (outcome == FAKE_STRIPE_DECLINED)
    /* A subscription's first payment declined: the customer stays on the page. */
    return TRUE;
  else
    {
      JsonObject *price = json_object_get_object_member (session, "_price");
      JsonObject *sub = new_object (self, "sub_", "subscription");
      JsonObject *items = json_object_new ();
      JsonArray *data = json_array_new ();
      JsonObject *item = json_object_new ();
      g_autofree char *item_id = random_id ("si_");
      g_autofree char *items_url = NULL;
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      json_object_set_string_member (item, "id", item_id);
      json_object_set_string_member (item, "object", "subscription_item");
      json_object_set_object_member (item, "price", json_object_ref (price));
      json_object_set_int_member (item, "quantity", 1);
      json_array_add_object_element (data, item);
      json_object_set_string_member (items, "object", "list");
      json_object_set_array_member (items, "data", data);
      json_object_set_boolean_member (items, "has_more", FALSE);
      items_url = g_strdup_printf ("/v1/subscription_items?subscription=%s",
                                   json_object_get_string_member (sub, "id"));
      json_object_set_string_member (items, "url", items_url);

      json_object_set_string_member (sub, "customer", json_object_get_string_member (session, "customer"));
      json_object_set_string_member (sub, "status", "active");
      json_object_set_object_member (sub, "items", items);
      json_object_set_object_member (sub, "metadata",
                                     json_object_ref (json_object_get_object_member (session, "_subscription_metadata")));
      json_object_set_boolean_member (sub, "cancel_at_period_end", FALSE);
      json_object_set_null_member (sub, "canceled_at");
      json_object_set_int_member (sub, "current_period_start", now);
      json_object_set_int_member (sub, "current_period_end", now + 30 * 24 * 3600);
      json_object_set_string_member (session, "subscription", json_object_get_string_member (sub, "id"));
    }
  json_object_set_string_member (session, "status", "complete");
  json_object_set_string_member (session, "payment_status", "paid");
  json_object_set_null_member (session, "url");
  return TRUE;
}

/* ---- Stripe's endpoints ---- */

static void
create_customer (FakeStripe        *self,
                 SoupServerMessage *msg,
                 GPtrArray         *fields)
{
  JsonObject *customer = new_object (self, "cus_", "customer");
  const char *name = field (fields, "name");
  const char *email = field (fields, "email");

  if (name)
    json_object_set_string_member (customer, "name", name);
  else
    json_object_set_null_member (customer, "name");
  if (email)
    json_object_set_string_member (customer, "email", email);
  else
    json_object_set_null_member (customer, "email");
  json_object_set_object_member (customer, "metadata", metadata_from (fields, "metadata["));
  respond_object (msg, 200, customer);
}

static void
create_session (FakeStripe        *self,
                SoupServerMessage *msg,
                GPtrArray         *fields)
{
  static const char * const required[] = {
    "line_items[0][price_data][currency]",
    "line_items[0][price_data][unit_amount]",
    "line_items[0][price_data][product_data][name]",
  };
  const char *mode = field (fields, "mode");
  const char *customer = field (fields, "customer");
  const char *quantity_text = field (fields, "line_items[0][quantity]");
  JsonObject *session, *price;
  gint64 unit_amount, quantity;
  g_autofree char *url = NULL;

  if (mode == NULL)
    return missing_param (msg, "mode");
  if (!g_str_equal (mode, "payment") && !g_str_equal (mode, "subscription"))
    return respond_error (msg, 400, "invalid_request_error", "parameter_invalid_empty", "mode",
                          "Invalid mode: must be one of payment, setup, or subscription");
  if (field (fields, "success_url") == NULL)
    return missing_param (msg, "success_url");
  if (field (fields, "line_items[0][price_data][currency]") == NULL &&
      field (fields, "line_items[0][price]") == NULL)
    return missing_param (msg, "line_items");
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (field (fields, required[i]) == NULL)
      return missing_param (msg, required[i]);
  if (g_str_equal (mode, "subscription") &&
      field (fields, "line_items[0][price_data][recurring][interval]") == NULL)
    return respond_error (msg, 400, "invalid_request_error", NULL,
                          "line_items[0][price_data][recurring]",
                          "You must provide at least one recurring price in `subscription` mode "
                          "when using prices.");
  if (customer != NULL && lookup (self, customer, "customer") == NULL)
    return no_such (msg, "customer", customer);
  unit_amount = g_ascii_strtoll (field (fields, "line_items[0][price_data][unit_amount]"), NULL, 10);
  quantity = quantity_text ? g_ascii_strtoll (quantity_text, NULL, 10) : 1;
  if (unit_amount < 0 || quantity < 1)
    return respond_error (msg, 400, "invalid_request_error", "parameter_invalid_integer",
                          "line_items[0][price_data][unit_amount]",
                          "Invalid integer: %s", field (fields, "line_items[0][price_data][unit_amount]"));

  session = new_object (self, "cs_test_", "checkout.session");
  url = g_strdup_printf ("%s/checkout/pay/%s", self->url, json_object_get_string_member (session, "id"));
  json_object_set_string_member (session, "mode", mode);
  json_object_set_string_member (session, "status", "open");
  json_object_set_string_member (session, "payment_status", "unpaid");
  json_object_set_null_member (session, "payment_intent");
  json_object_set_null_member (session, "subscription");
  if (customer)
    json_object_set_string_member (session, "customer", customer);
  else
    json_object_set_null_member (session, "customer");
  if (field (fields, "client_reference_id"))
    json_object_set_string_member (session, "client_reference_id", field (fields, "client_reference_id"));
  else
    json_object_set_null_member (session, "client_reference_id");
  json_object_set_string_member (session, "url", url);
  json_object_set_int_member (session, "amount_subtotal", unit_amount * quantity);
  json_object_set_int_member (session, "amount_total", unit_amount * quantity);
  json_object_set_string_member (session, "currency", field (fields, "line_items[0][price_data][currency]"));
  json_object_set_string_member (session, "success_url", field (fields, "success_url"));
  if (field (fields, "cancel_url"))
    json_object_set_string_member (session, "cancel_url", field (fields, "cancel_url"));
  else
    json_object_set_null_member (session, "cancel_url");
  json_object_set_int_member (session, "expires_at", g_get_real_time () / G_USEC_PER_SEC + 24 * 3600);
  json_object_set_object_member (session, "metadata", metadata_from (fields, "metadata["));
  json_object_set_object_member (session, "_subscription_metadata",
                                 metadata_from (fields, "subscription_data[metadata]["));

  price = json_object_new ();
  {
    g_autofree char *price_id = random_id ("price_");
    g_autofree char *product_id = random_id ("prod_");

    json_object_set_string_member (price, "id", price_id);
    json_object_set_string_member (price, "object", "price");
    json_object_set_string_member (price, "currency", field (fields, "line_items[0][price_data][currency]"));
    json_object_set_int_member (price, "unit_amount", unit_amount);
    json_object_set_string_member (price, "product", product_id);
    if (g_str_equal (mode, "subscription"))
      {
        JsonObject *recurring = json_object_new ();

        json_object_set_string_member (recurring, "interval",
                                       field (fields, "line_items[0][price_data][recurring][interval]"));
        json_object_set_int_member (recurring, "interval_count", 1);
        json_object_set_object_member (price, "recurring", recurring);
        json_object_set_string_member (price, "type", "recurring");
      }
    else
      {
        json_object_set_null_member (price, "recurring");
        json_object_set_string_member (price, "type", "one_time");
      }
  }
  json_object_set_object_member (session, "_price", price);
  json_object_set_int_member (session, "_retrieves", 0);
  respond_object (msg, 200, session);
}

static void
respond_session (FakeStripe        *self,
                 SoupServerMessage *msg,
                 JsonObject        *session,
                 GPtrArray         *fields)
{
  g_autoptr(JsonNode) node = public_node (session);
  JsonObject *copy = json_node_get_object (node);
  g_autofree char *text = NULL;
  static const char * const expandable[] = { "payment_intent", "subscription" };

  for (guint i = 0; i < G_N_ELEMENTS (expandable); i++)
    {
      const char *id = json_object_get_string_member_with_default (copy, expandable[i], NULL);
      JsonObject *target;

      if (id == NULL || !has_value (fields, "expand[]", expandable[i]))
        continue;
      target = g_hash_table_lookup (self->objects, id);
      if (target != NULL)
        json_object_set_member (copy, expandable[i], public_node (target));
    }
  text = json_to_string (node, TRUE);
  respond_text (msg, 200, "application/json", text);
}

static void
retrieve_session (FakeStripe        *self,
                  SoupServerMessage *msg,
                  const char        *id,
                  GPtrArray         *fields)
{
  JsonObject *session = lookup_or_no_such (self, msg, id, "checkout.session");
  gint64 retrieves;

  if (session == NULL)
    return;
  retrieves = json_object_get_int_member (session, "_retrieves") + 1;
  json_object_set_int_member (session, "_retrieves", retrieves);
  if (self->auto_complete && retrieves == self->auto_after &&
      g_str_equal (json_object_get_string_member (session, "status"), "open"))
    complete_session (self, session, self->auto_outcome, NULL);
  respond_session (self, msg, session, fields);
}

static gboolean
session_of_customer (JsonObject *object,
                     GPtrArray  *fields)
{
  const char *customer = field (fields, "customer");
  const char *status = field (fields, "status");

  if (customer != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (object, "customer", NULL), customer) != 0)
    return FALSE;
  if (status != NULL && !g_str_equal (json_object_get_string_member (object, "status"), status))
    return FALSE;
  return TRUE;
}

static gboolean
subscription_matches (JsonObject *object,
                      GPtrArray  *fields)
{
  const char *customer = field (fields, "customer");
  const char *status = field (fields, "status");
  const char *actual = json_object_get_string_member (object, "status");

  if (customer != NULL && g_strcmp0 (json_object_get_string_member (object, "customer"), customer) != 0)
    return FALSE;
  /* Stripe lists subscriptions that are not canceled unless asked for status=all. */
  if (status == NULL)
    return !g_str_equal (actual, "canceled");
  return g_str_equal (status, "all") || g_str_equal (status, actual);
}

static void
cancel_subscription_now (JsonObject *sub)
{
  json_object_set_string_member (sub, "status", "canceled");
  json_object_set_int_member (sub, "canceled_at", g_get_real_time () / G_USEC_PER_SEC);
}

static void
create_refund (FakeStripe        *self,
               SoupServerMessage *msg,
               GPtrArray         *fields)
{
  const char *pi_id = field (fields, "payment_intent");
  const char *amount_text = field (fields, "amount");
  JsonObject *pi, *refund;
  gint64 refunded, amount, available;

  if (pi_id == NULL)
    return respond_error (msg, 400, "invalid_request_error", "parameter_missing", NULL,
                          "One of the following params should be provided for this request: "
                          "payment_intent or charge.");
  pi = lookup_or_no_such (self, msg, pi_id, "payment_intent");
  if (pi == NULL)
    return;
  if (!g_str_equal (json_object_get_string_member (pi, "status"), "succeeded"))
    return respond_error (msg, 400, "invalid_request_error", "payment_intent_unexpected_state",
                          "payment_intent",
                          "This PaymentIntent (%s) does not have a successful charge to refund.", pi_id);
  refunded = json_object_get_int_member (pi, "_refunded");
  available = json_object_get_int_member (pi, "amount") - refunded;
  if (available <= 0)
    return respond_error (msg, 400, "invalid_request_error", "charge_already_refunded", NULL,
                          "Charge %s has already been refunded.",
                          json_object_get_string_member (pi, "latest_charge"));
  amount = amount_text ? g_ascii_strtoll (amount_text, NULL, 10) : available;
  if (amount <= 0 || amount > available)
    return respond_error (msg, 400, "invalid_request_error", "amount_too_large", "amount",
                          "Refund amount (%" G_GINT64_FORMAT ") is greater than unrefunded amount on charge (%"
                          G_GINT64_FORMAT ")", amount, available);
  json_object_set_int_member (pi, "_refunded", refunded + amount);

  refund = new_object (self, "re_", "refund");
  json_object_set_int_member (refund, "amount", amount);
  json_object_set_string_member (refund, "currency", json_object_get_string_member (pi, "currency"));
  json_object_set_string_member (refund, "payment_intent", pi_id);
  json_object_set_string_member (refund, "charge", json_object_get_string_member (pi, "latest_charge"));
  json_object_set_string_member (refund, "status", "succeeded");
  if (field (fields, "reason"))
    json_object_set_string_member (refund, "reason", field (fields, "reason"));
  else
    json_object_set_null_member (refund, "reason");
  json_object_set_object_member (refund, "metadata", metadata_from (fields, "metadata["));
  respond_object (msg, 200, refund);
}

static void
expire_session (FakeStripe        *self,
                SoupServerMessage *msg,
                const char        *id,
                GPtrArray         *fields)
{
  JsonObject *session = lookup_or_no_such (self, msg, id, "checkout.session");

  if (session == NULL)
    return;
  if (!g_str_equal (json_object_get_string_member (session, "status"), "open"))
    return respond_error (msg, 400, "invalid_request_error", "checkout_session_not_active", NULL,
                          "Only Checkout Sessions with a status in [\"open\"] can be expired.");
  complete_session (self, session, FAKE_STRIPE_EXPIRED, NULL);
  respond_session (self, msg, session, fields);
}

static void
delete_subscription (FakeStripe        *self,
                     SoupServerMessage *msg,
                     const char        *id)
{
  JsonObject *sub = lookup_or_no_such (self, msg, id, "subscription");

  if (sub == NULL)
    return;
  if (g_str_equal (json_object_get_string_member (sub, "status"), "canceled"))
    return respond_error (msg, 400, "invalid_request_error", "resource_missing", "id",
                          "No such subscription: '%s'; it was canceled", id);
  cancel_subscription_now (sub);
  respond_object (msg, 200, sub);
}

/* Returns FALSE when no route matched. */
static gboolean
route (FakeStripe        *self,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GPtrArray         *fields)
{
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", -1);
  guint n = g_strv_length (parts);
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");

  if (n < 2 || !g_str_equal (parts[0], "v1"))
    return FALSE;

  if (g_str_equal (parts[1], "customers"))
    {
      if (n == 2 && post)
        create_customer (self, msg, fields);
      else if (n == 3 && get)
        respond_lookup (self, msg, parts[2], "customer");
      else
        return FALSE;
      return TRUE;
    }
  if (g_str_equal (parts[1], "checkout") && n >= 3 && g_str_equal (parts[2], "sessions"))
    {
      if (n == 3 && post)
        create_session (self, msg, fields);
      else if (n == 3 && get)
        {
          g_autoptr(JsonObject) list = list_of (self, "checkout.session", "/v1/checkout/sessions",
                                                session_of_customer, fields, NULL);
          respond_object (msg, 200, list);
        }
      else if (n == 4 && get)
        retrieve_session (self, msg, parts[3], fields);
      else if (n == 5 && post && g_str_equal (parts[4], "expire"))
        expire_session (self, msg, parts[3], fields);
      else
        return FALSE;
      return TRUE;
    }
  if (g_str_equal (parts[1], "payment_intents") && n == 3 && get)
    {
      respond_lookup (self, msg, parts[2], "payment_intent");
      return TRUE;
    }
  if (g_str_equal (parts[1], "subscriptions"))
    {
      if (n == 2 && get)
        {
          g_autoptr(JsonObject) list = list_of (self, "subscription", "/v1/subscriptions",
                                                subscription_matches, fields, NULL);
          respond_object (msg, 200, list);
          return TRUE;
        }
      if (n == 3 && get)
        respond_lookup (self, msg, parts[2], "subscription");
      else if (n == 3 && g_str_equal (method, "DELETE"))
        delete_subscription (self, msg, parts[2]);
      else
        return FALSE;
      return TRUE;
    }
  if (g_str_equal (parts[1], "refunds"))
    {
      if (n == 2 && post)
        create_refund (self, msg, fields);
      else if (n == 3 && get)
        respond_lookup (self, msg, parts[2], "refund");
      else
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* ---- control endpoints ---- */

static gboolean
parse_outcome (const char        *text,
               FakeStripeOutcome *out)
{
  if (g_strcmp0 (text, "paid") == 0)
    *out = FAKE_STRIPE_PAID;
  else if (g_strcmp0 (text, "declined") == 0)
    *out = FAKE_STRIPE_DECLINED;
  else if (g_strcmp0 (text, "expired") == 0)
    *out = FAKE_STRIPE_EXPIRED;
  else
    return FALSE;
  return TRUE;
}

static void
checkout_page (FakeStripe        *self,
               SoupServerMessage *msg,
               const char        *id)
{
  JsonObject *session = lookup (self, id, "checkout.session");
  g_autofree char *html = NULL;

  if (session == NULL)
    return respond_text (msg, 404, "text/plain", "No such checkout session\n");
  html = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fake Stripe Checkout</title></head>"
                          "<body><h1>Fake Stripe Checkout</h1><p>%s: %s %" G_GINT64_FORMAT " %s</p>"
                          "<form method=\"post\" action=\"/_fake/complete\">"
                          "<input type=\"hidden\" name=\"session\" value=\"%s\">"
                          "<button name=\"outcome\" value=\"paid\">Pay</button> "
                          "<button name=\"outcome\" value=\"declined\">Decline the card</button> "
                          "<button name=\"outcome\" value=\"expired\">Let it expire</button>"
                          "</form></body></html>",
                          id, json_object_get_string_member (session, "status"),
                          json_object_get_int_member (session, "amount_total"),
                          json_object_get_string_member (session, "currency"), id);
  respond_text (msg, 200, "text/html; charset=utf-8", html);
}

static void
control (FakeStripe        *self,
         SoupServerMessage *msg,
         const char        *method,
         const char        *path,
         GPtrArray         *fields)
{
  g_autoptr(GError) error = NULL;
  FakeStripeOutcome outcome;

  if (g_str_equal (path, "/_fake/fail") && g_str_equal (method, "POST"))
    {
      static const char * const names[] = { "500", "429", "drop", "delay", "malformed", "wrong_shape" };
      const char *fault = field (fields, "fault");
      const char *count = field (fields, "count");
      const char *delay = field (fields, "delay_ms");

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_strcmp0 (fault, names[i]) == 0)
          {
            fake_stripe_fail_next (self, i, count ? atoi (count) : 1, delay ? atoi (delay) : 0);
            return respond_text (msg, 200, "text/plain", "ok\n");
          }
      return respond_text (msg, 400, "text/plain", "fault must be 500, 429, drop, delay, malformed or wrong_shape\n");
    }
  if (g_str_equal (path, "/_fake/complete") && g_str_equal (method, "POST"))
    {
      if (!parse_outcome (field (fields, "outcome"), &outcome))
        return respond_text (msg, 400, "text/plain", "outcome must be paid, declined or expired\n");
      if (!fake_stripe_complete_session (self, field (fields, "session"), outcome, &error))
        return respond_text (msg, 400, "text/plain", error->message);
      return respond_text (msg, 200, "text/plain", "ok\n");
    }
  if (g_str_equal (path, "/_fake/auto_complete") && g_str_equal (method, "POST"))
    {
      const char *after = field (fields, "after");
      if (!parse_outcome (field (fields, "outcome"), &outcome))
        return respond_text (msg, 400, "text/plain", "outcome must be paid, declined or expired\n");
      fake_stripe_set_auto_complete (self, outcome, after ? atoi (after) : 1);
      return respond_text (msg, 200, "text/plain", "ok\n");
    }
  if (g_str_equal (path, "/_fake/cancel_subscription") && g_str_equal (method, "POST"))
    {
      if (!fake_stripe_cancel_subscription (self, field (fields, "id")))
        return respond_text (msg, 404, "text/plain", "No such subscription\n");
      return respond_text (msg, 200, "text/plain", "ok\n");
    }
  if (g_str_equal (path, "/_fake/requests") && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < self->requests->len; i++)
        {
          FakeStripeRequest *r = g_ptr_array_index (self->requests, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "method");
          json_builder_add_string_value (builder, r->method);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, r->path);
          json_builder_set_member_name (builder, "body");
          json_builder_add_string_value (builder, r->body);
          json_builder_set_member_name (builder, "idempotency_key");
          json_builder_add_string_value (builder, r->idempotency_key);
          json_builder_set_member_name (builder, "status");
          json_builder_add_int_value (builder, r->status);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      return respond_text (msg, 200, "application/json", text);
    }
  if (g_str_has_prefix (path, "/checkout/pay/") && g_str_equal (method, "GET"))
    return checkout_page (self, msg, path + strlen ("/checkout/pay/"));
  respond_text (msg, 404, "text/plain", "Unknown control endpoint\n");
}

/* ---- the handler ---- */

/* A delayed answer; the client may hang up first (a timeout). */
typedef struct {
  SoupServerMessage *msg;
  guint              source;
  gulong             disconnected_id;
} Delayed;

static void
delayed_free (Delayed *d)
{
  g_signal_handler_disconnect (d->msg, d->disconnected_id);
  g_object_unref (d->msg);
  g_free (d);
}

static gboolean
unpause_cb (gpointer data)
{
  Delayed *d = data;

  d->source = 0;
  soup_server_message_unpause (d->msg);
  delayed_free (d);
  return G_SOURCE_REMOVE;
}

static void
delayed_disconnected_cb (SoupServerMessage *msg,
                         gpointer           data)
{
  Delayed *d = data;

  g_source_remove (d->source);
  delayed_free (d);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query_table,
         gpointer           data)
{
  FakeStripe *self = data;
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body_bytes = soup_message_body_flatten (body);
  g_autofree char *body_text = g_strndup (g_bytes_get_data (body_bytes, NULL), g_bytes_get_size (body_bytes));
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(GPtrArray) fields = NULL;
  FakeStripeRequest *request;
  guint delay_ms = 0;

  fields = form_decode (g_str_equal (method, "POST") ? body_text : query);

  if (!g_str_has_prefix (path, "/v1/"))
    {
      if (fields == NULL)
        return respond_text (msg, 400, "text/plain", "Bad form\n");
      return control (self, msg, method, path, fields);
    }

  request = g_new0 (FakeStripeRequest, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = g_strdup (query);
  request->body = g_strdup (body_text);
  request->idempotency_key = g_strdup (key);
  g_ptr_array_add (self->requests, request);

  if (self->fault_count > 0)
    {
      FakeStripeFault fault = self->fault;

      self->fault_count--;
      switch (fault)
        {
        case FAKE_STRIPE_FAULT_500:
        case FAKE_STRIPE_FAULT_429:
          if (self->retry_after >= 0)
            {
              g_autofree char *value = g_strdup_printf ("%d", self->retry_after);
              soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                            "Retry-After", value);
            }
          if (fault == FAKE_STRIPE_FAULT_500)
            respond_error (msg, 500, "api_error", NULL, NULL,
                           "An unknown error occurred while processing your request.");
          else
            respond_error (msg, 429, "rate_limit_error", "rate_limit", NULL,
                           "Too many requests hit the API too quickly. We recommend an exponential "
                           "backoff of your requests.");
          request->status = fault == FAKE_STRIPE_FAULT_500 ? 500 : 429;
          return;
        case FAKE_STRIPE_FAULT_DROP:
          {
            GIOStream *stream = soup_server_message_steal_connection (msg);
            request->status = 0;
            if (stream != NULL)
              {
                g_io_stream_close (stream, NULL, NULL);
                g_object_unref (stream);
              }
            return;
          }
        case FAKE_STRIPE_FAULT_MALFORMED:
          request->status = 200;
          return respond_text (msg, 200, "application/json", "{\"id\": \"cus_broken\", \"object\": ");
        case FAKE_STRIPE_FAULT_WRONG_SHAPE:
          request->status = 200;
          return respond_text (msg, 200, "application/json", "[\"this\", \"is\", \"not\", \"an\", \"object\"]");
        case FAKE_STRIPE_FAULT_DELAY:
          delay_ms = self->fault_delay_ms;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    {
      respond_error (msg, 401, "authentication_error", NULL, NULL,
                     "You did not provide an API key. You need to provide your API key in the "
                     "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
      request->status = 401;
      return;
    }
  if (!g_str_equal (authorization + strlen ("Bearer "), self->secret_key))
    {
      const char *given = authorization + strlen ("Bearer ");
      gsize len = strlen (given);

      respond_error (msg, 401, "authentication_error", NULL, NULL,
                     "Invalid API Key provided: %.8s****%s", given, len > 4 ? given + len - 4 : "");
      request->status = 401;
      return;
    }
  if (fields == NULL)
    {
      respond_error (msg, 400, "invalid_request_error", NULL, NULL, "The request body could not be decoded.");
      request->status = 400;
      return;
    }

  if (key != NULL && g_str_equal (method, "POST"))
    {
      g_autofree char *fingerprint = g_strconcat (path, "\n", body_text, NULL);
      JsonObject *saved = g_hash_table_lookup (self->idempotency, key);

      if (saved != NULL)
        {
          if (!g_str_equal (json_object_get_string_member (saved, "fingerprint"), fingerprint))
            respond_error (msg, 400, "idempotency_error", NULL, NULL,
                           "Keys for idempotent requests can only be used with the same parameters they "
                           "were first used with. Try using a key other than '%s' if you meant to execute "
                           "a different request.", key);
          else
            {
              const char *text = json_object_get_string_member (saved, "body");

              soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                            "Idempotent-Replayed", "true");
              respond_text (msg, json_object_get_int_member (saved, "status"), "application/json", text);
            }
        }
      else
        {
          if (!route (self, msg, method, path, fields))
            respond_error (msg, 404, "invalid_request_error", NULL, NULL,
                           "Unrecognized request URL (%s: %s).", method, path);
          else
            {
              guint status = soup_server_message_get_status (msg);
              SoupMessageBody *response = soup_server_message_get_response_body (msg);
              g_autoptr(GBytes) bytes = soup_message_body_flatten (response);

              /* Stripe keeps the result once the endpoint ran (not for a failed validation). */
              if (status < 400 || status == 402 || status == 404)
                {
                  JsonObject *entry = json_object_new ();
                  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

                  json_object_set_string_member (entry, "fingerprint", fingerprint);
                  json_object_set_int_member (entry, "status", status);
                  json_object_set_string_member (entry, "body", text);
                  g_hash_table_insert (self->idempotency, g_strdup (key), entry);
                }
            }
        }
    }
  else if (!route (self, msg, method, path, fields))
    respond_error (msg, 404, "invalid_request_error", NULL, NULL,
                   "Unrecognized request URL (%s: %s).", method, path);

  request->status = soup_server_message_get_status (msg);
  if (delay_ms > 0)
    {
      Delayed *d = g_new0 (Delayed, 1);

      d->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      d->source = g_timeout_add (delay_ms, unpause_cb, d);
      d->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_disconnected_cb), d);
    }
}

/* ---- C API ---- */

FakeStripe *
fake_stripe_new (const char  *secret_key,
                 guint        port,
                 GError     **error)
{
  g_autoptr(FakeStripe) self = g_new0 (FakeStripe, 1);
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;
  GUri *uri;

  self->secret_key = g_strdup (secret_key);
  self->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  self->order = g_ptr_array_new_with_free_func (g_free);
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->retry_after = -1;
  self->server = soup_server_new ("server-header", "fake-stripe ", NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;
  uris = soup_server_get_uris (self->server);
  uri = uris->data;
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&self);
}

void
fake_stripe_free (FakeStripe *self)
{
  if (self == NULL)
    return;
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_free (self->url);
  g_free (self->secret_key);
  g_clear_pointer (&self->objects, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->idempotency, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_free (self);
}

const char *
fake_stripe_get_url (FakeStripe *self)
{
  return self->url;
}

void
fake_stripe_fail_next (FakeStripe      *self,
                       FakeStripeFault  fault,
                       guint            n,
                       guint            delay_ms)
{
  self->fault = fault;
  self->fault_count = n;
  self->fault_delay_ms = delay_ms;
}

void
fake_stripe_set_retry_after (FakeStripe *self,
                             int         seconds)
{
  self->retry_after = seconds;
}

gboolean
fake_stripe_complete_session (FakeStripe         *self,
                              const char         *session_id,
                              FakeStripeOutcome   outcome,
                              GError            **error)
{
  JsonObject *session = lookup (self, session_id, "checkout.session");

  if (session == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such checkout.session: '%s'",
                   session_id ? session_id : "");
      return FALSE;
    }
  return complete_session (self, session, outcome, error);
}

void
fake_stripe_set_auto_complete (FakeStripe        *self,
                               FakeStripeOutcome  outcome,
                               guint              after_polls)
{
  self->auto_complete = after_polls > 0;
  self->auto_outcome = outcome;
  self->auto_after = after_polls;
}

gboolean
fake_stripe_cancel_subscription (FakeStripe *self,
                                 const char *subscription_id)
{
  JsonObject *sub = lookup (self, subscription_id, "subscription");

  if (sub == NULL)
    return FALSE;
  cancel_subscription_now (sub);
  return TRUE;
}

const GPtrArray *
fake_stripe_get_requests (FakeStripe *self)
{
  return self->requests;
}

guint
fake_stripe_count_requests (FakeStripe *self,
                            const char *method,
                            const char *path_prefix)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      FakeStripeRequest *r = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_str_equal (r->method, method)) &&
          (path_prefix == NULL || g_str_has_prefix (r->path, path_prefix)))
        n++;
    }
  return n;
}

guint
fake_stripe_count_key (FakeStripe *self,
                       const char *idempotency_key)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      FakeStripeRequest *r = g_ptr_array_index (self->requests, i);

      if (g_strcmp0 (r->idempotency_key, idempotency_key) == 0)
        n++;
    }
  return n;
}

guint
fake_stripe_count_objects (FakeStripe *self,
                           const char *id_prefix)
{
  guint n = 0;

  for (guint i = 0; i < self->order->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->order, i), id_prefix))
      n++;
  return n;
}

JsonObject *
fake_stripe_get_object (FakeStripe *self,
                        const char *id)
{
  return g_hash_table_lookup (self->objects, id);
}

const char *
fake_stripe_last_id (FakeStripe *self,
                     const char *id_prefix)
{
  for (guint i = self->order->len; i > 0; i--)
    if (g_str_has_prefix (g_ptr_array_index (self->order, i - 1), id_prefix))
      return g_ptr_array_index (self->order, i - 1);
  return NULL;
}
