/* ascend-billing.c: token packs, tiers and the Stripe flows */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ascend-billing.h"

G_DEFINE_QUARK (ascend-billing-error-quark, ascend_billing_error)

static const AscendTokenPack token_packs[] = {
  { "pack-50", 50, 499, "eur" },
  { "pack-120", 120, 999, "eur" },
  { "pack-300", 300, 1999, "eur" },
};

static const AscendTierPlan tier_plans[] = {
  { "premium", 499, "eur" },
  { "pro", 999, "eur" },
};

const AscendTokenPack *
ascend_billing_token_packs (guint *n_packs)
{
  if (n_packs != NULL)
    *n_packs = G_N_ELEMENTS (token_packs);
  return token_packs;
}

const AscendTokenPack *
ascend_billing_find_pack (gint64 tokens)
{
  for (guint i = 0; i < G_N_ELEMENTS (token_packs); i++)
    if (token_packs[i].tokens == tokens)
      return &token_packs[i];
  return NULL;
}

const AscendTierPlan *
ascend_billing_tier_plans (guint *n_plans)
{
  if (n_plans != NULL)
    *n_plans = G_N_ELEMENTS (tier_plans);
  return tier_plans;
}


void
ascend_checkout_free (AscendCheckout *checkout)
{
  if (checkout == NULL)
    return;
  g_free (checkout->session_id);
  g_free (checkout->url);
  g_free (checkout->mode);
  g_free (checkout);
}

void
ascend_billing_outcome_free (AscendBillingOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->tier);
  g_free (outcome);
}
