#pragma once

#include <adwaita.h>
#include "ascend-database.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_APPLICATION (ascend_application_get_type ())
G_DECLARE_FINAL_TYPE (AscendApplication, ascend_application, ASCEND, APPLICATION, AdwApplication)

AscendApplication *ascend_application_new            (void);
AscendDatabase    *ascend_application_get_database   (AscendApplication *self);
GSettings         *ascend_application_get_settings   (AscendApplication *self);
/* The local profile in use, or 0 before onboarding. */
gint64             ascend_application_get_user_id    (AscendApplication *self);
/* Creates the first local profile (role admin, tier free, 5 tokens). */
gboolean           ascend_application_create_profile (AscendApplication *self,
                                                      const char        *name,
                                                      const char        *email,
                                                      GError           **error);
/* The heart monitor of the current profile (created on first use), or
 * NULL before onboarding. */
struct _AscendMonitor *ascend_application_get_monitor (AscendApplication *self);
/* After a restore or a deleted profile: re-reads the profile and replaces
 * the windows with a new main window (onboarding when no profile is
 * left). */
void               ascend_application_reload         (AscendApplication *self);
/* Tells every window that data changed. */
void               ascend_application_data_changed   (AscendApplication *self);

/* Billing. The Stripe secret key comes from STRIPE_API_KEY (tests) or the
 * keyring, looked up once, asynchronously, at start-up; the API base from
 * STRIPE_API_BASE or the stripe-api-base setting. "billing-changed" is
 * emitted when the key is found, saved or removed. */
gboolean           ascend_application_has_billing_key      (AscendApplication *self);
gboolean           ascend_application_billing_key_from_env (AscendApplication *self);
/* After Preferences saved (key) or removed (NULL) the key in the keyring. */
void               ascend_application_set_billing_key      (AscendApplication *self,
                                                            const char        *key);
char              *ascend_application_get_api_base         (AscendApplication *self);
/* Asks the keyring now if it was not asked at start-up (it was not running). */
void               ascend_application_ensure_billing_key   (AscendApplication *self);
/* The billing layer for the database (created on first use, after the
 * database), or NULL before it is open. */
struct _AscendBilling *ascend_application_get_billing      (AscendApplication *self);
/* What the start-up sync with Stripe said when it failed (for the Shop,
 * quietly), or NULL. */
const char        *ascend_application_get_billing_problem  (AscendApplication *self);

G_END_DECLS
