/* ascend-preferences-billing.h: Preferences → Billing: the Stripe secret key
 * (kept in the keyring) and the API base URL (a setting) */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_PREFERENCES_BILLING_PAGE "billing"

/* A page named ASCEND_PREFERENCES_BILLING_PAGE for the preferences window. */
AdwPreferencesPage *ascend_preferences_billing_page_new (AscendApplication *app);

G_END_DECLS
