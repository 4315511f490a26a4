/* fake-stripe.h: a stateful fake of Stripe's REST API for tests
 *
 * A SoupServer on 127.0.0.1 that keeps customers, checkout sessions,
 * payment intents, subscriptions and refunds in memory and answers with
 * the shapes of Stripe's API reference (objects, lists with data/has_more,
 * error objects with type/code/message/param), checks the Bearer key
 * (401 authentication_error), and honours Idempotency-Key on POST (same
 * key and parameters: the first answer replayed; other parameters: 400
 * idempotency_error).
 *
 * Tests steer it through this C API, or, from another process, through
 * the control endpoints under /_fake/ (see fake-stripe.c).  A session's
 * url is a page on this server with buttons to pay, decline or expire,
 * as the browser would.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _FakeStripe FakeStripe;

typedef enum {
  FAKE_STRIPE_FAULT_500,         /* 500 api_error, nothing done */
  FAKE_STRIPE_FAULT_429,         /* 429 rate_limit_error, nothing done */
  FAKE_STRIPE_FAULT_DROP,        /* the connection closed without an answer */
  FAKE_STRIPE_FAULT_DELAY,       /* done at once, answered after delay_ms */
  FAKE_STRIPE_FAULT_MALFORMED,   /* 200 with a body that is not JSON */
  FAKE_STRIPE_FAULT_WRONG_SHAPE, /* 200 with JSON that is not the object asked for */
} FakeStripeFault;

typedef enum {
  FAKE_STRIPE_PAID,
  FAKE_STRIPE_DECLINED,          /* the card was declined: the session stays open */
  FAKE_STRIPE_EXPIRED,
} FakeStripeOutcome;

typedef struct {
  char *method;
  char *path;
  char *query;                   /* or NULL */
  char *body;                    /* form text, "" for none */
  char *idempotency_key;         /* or NULL */
  guint status;                  /* what was answered (0: dropped) */
} FakeStripeRequest;

/* Listens on 127.0.0.1 on a free port (or port); accepts only secret_key. */
FakeStripe  *fake_stripe_new                  (const char        *secret_key,
                                               guint              port,
                                               GError           **error);
void         fake_stripe_free                 (FakeStripe        *self);
const char  *fake_stripe_get_url              (FakeStripe        *self);

/* The next n requests to /v1/ meet fault (delay_ms for FAULT_DELAY). */
void         fake_stripe_fail_next            (FakeStripe        *self,
                                               FakeStripeFault    fault,
                                               guint              n,
                                               guint              delay_ms);
/* Retry-After (seconds) sent with 429 and 5xx faults; -1 (default) sends none. */
void         fake_stripe_set_retry_after      (FakeStripe        *self,
                                               int                seconds);

/* What the browser does with a session. */
gboolean     fake_stripe_complete_session     (FakeStripe        *self,
                                               const char        *session_id,
                                               FakeStripeOutcome  outcome,
                                               GError           **error);
/* Every open session meets outcome when it has been retrieved after_polls
 * times (0 turns this off). */
void         fake_stripe_set_auto_complete    (FakeStripe        *self,
                                               FakeStripeOutcome  outcome,
                                               guint              after_polls);
/* As if cancelled in the Stripe dashboard. */
gboolean     fake_stripe_cancel_subscription  (FakeStripe        *self,
                                               const char        *subscription_id);

/* Inspection */
const GPtrArray *fake_stripe_get_requests     (FakeStripe        *self);   /* of FakeStripeRequest */
guint        fake_stripe_count_requests       (FakeStripe        *self,
                                               const char        *method,
                                               const char        *path_prefix);
guint        fake_stripe_count_key            (FakeStripe        *self,
                                               const char        *idempotency_key);
guint        fake_stripe_count_objects        (FakeStripe        *self,
                                               const char        *id_prefix);
JsonObject  *fake_stripe_get_object           (FakeStripe        *self,
                                               const char        *id);
const char  *fake_stripe_last_id              (FakeStripe        *self,
                                               const char        *id_prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeStripe, fake_stripe_free)

G_END_DECLS
