/* ascend-shop-view-payments.c: the Shop's plans, token packs and
 * purchases, and the Stripe operations behind them (checkout in the
 * browser, waiting for the payment, cancelling a plan, refunds) through
 * the billing layer (ascend-billing.h) */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "ascend-shop-view-private.h"
#include "ascend-billing-store.h"
#include "ascend-business-store.h"
#include "ascend-window.h"

/* -------------------------------------------------------------- plans */

static GtkWidget *
tier_card (AscendShopView *self,
           AscendTier      tier,
           AscendTier      current,
           const char     *price)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (ascend_tier_title (tier));
  GtkWidget *price_label = gtk_label_new (price);
  GtkWidget *perks_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_auto(GStrv) perks = ascend_tier_perks (tier);
  GString *accessible = g_string_new (NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "ascend-tier-card");
  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  g_string_append (accessible, ascend_tier_title (tier));
  if (tier == current)
    {
      GtkWidget *badge = gtk_label_new (_("Your plan"));
      gtk_widget_add_css_class (badge, "ascend-tier-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), badge);
      gtk_widget_add_css_class (card, "current");
      g_string_append_printf (accessible, " (%s)", _("your plan"));
    }
  gtk_box_append (GTK_BOX (card), top);
  gtk_label_set_xalign (GTK_LABEL (price_label), 0);
  gtk_widget_add_css_class (price_label, "ascend-tier-price");
  gtk_box_append (GTK_BOX (card), price_label);
  g_string_append_printf (accessible, ". %s.", price);
  /* One label for the list: fewer accessible objects to walk. */
  {
    GString *lines = g_string_new (NULL);
    GtkWidget *label;

    for (guint i = 0; perks[i] != NULL; i++)
      {
        g_string_append_printf (lines, "%s• %s", i > 0 ? "\n" : "", perks[i]);
        g_string_append_printf (accessible, " %s.", perks[i]);
      }
    label = gtk_label_new (lines->str);
    /* Narrow natural width, so three cards share a wide row. */
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_width_chars (GTK_LABEL (label), 22);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_box_append (GTK_BOX (perks_box), label);
    g_string_free (lines, TRUE);
  }
  gtk_box_append (GTK_BOX (card), perks_box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
  gtk_widget_set_name (card, ascend_tier_to_string (tier));
  g_string_free (accessible, TRUE);
  return card;
}

static void subscribe_clicked_cb (GtkButton *button, AscendShopView *self);
static void cancel_subscription_clicked_cb (GtkButton *button, AscendShopView *self);
static char *format_money (gint64 minor, const char *currency);

void
_ascend_shop_view_fill_tiers (AscendShopView *self,
                              AscendTier      current)
{
  guint n_plans = 0;
  const AscendTierPlan *plans = ascend_billing_tier_plans (&n_plans);
  gboolean has_key = ascend_application_has_billing_key (self->app);

  _ascend_shop_view_clear_box (GTK_WIDGET (self->tiers_box));
  for (AscendTier t = ASCEND_TIER_FREE; t <= ASCEND_TIER_PRO; t++)
    {
      const AscendTierPlan *plan = NULL;
      g_autofree char *price = NULL;
      GtkWidget *card, *button = NULL;

      for (guint i = 0; i < n_plans; i++)
        if (g_str_equal (plans[i].tier, ascend_tier_to_string (t)))
          plan = &plans[i];
      if (plan != NULL)
        {
          g_autofree char *money = format_money (plan->unit_amount, plan->currency);
          /* TRANSLATORS: a plan's price: "€4.99 / month" */
          price = g_strdup_printf (_("%s / month"), money);
        }
      else
        price = g_strdup (_("Free forever"));
      card = tier_card (self, t, current, price);

      if (t != ASCEND_TIER_FREE && t == current)
        {
          button = gtk_button_new_with_label (_("Cancel Plan"));
          g_object_set_data (G_OBJECT (button), "tier", (gpointer) ascend_tier_to_string (t));
          g_signal_connect (button, "clicked", G_CALLBACK (cancel_subscription_clicked_cb), self);
        }
      else if (plan != NULL && current == ASCEND_TIER_FREE)
        {
          g_autofree char *name = g_strdup_printf (_("Subscribe to %s for %s"), ascend_tier_title (t), price);
          button = gtk_button_new_with_label (_("Subscribe"));
          gtk_widget_add_css_class (button, "suggested-action");
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_widget_set_sensitive (button, has_key);
          if (!has_key)
            gtk_widget_set_tooltip_text (button, _("Add your Stripe secret key in Preferences → Billing first"));
          g_object_set_data (G_OBJECT (button), "plan", (gpointer) plan);
          g_signal_connect (button, "clicked", G_CALLBACK (subscribe_clicked_cb), self);
        }
      else if (plan != NULL && t != current)
        {
          GtkWidget *note = gtk_label_new (_("To switch, cancel your plan first."));
          gtk_label_set_wrap (GTK_LABEL (note), TRUE);
          gtk_label_set_xalign (GTK_LABEL (note), 0);
          gtk_widget_add_css_class (note, "dim-label");
          gtk_widget_add_css_class (note, "caption");
          gtk_box_append (GTK_BOX (card), note);
        }
      if (button != NULL)
        {
          gtk_widget_add_css_class (button, "pill");
          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (card), button);
        }
      gtk_flow_box_append (self->tiers_box, card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
}

/* ----------------------------------------------------------- payments */

static const char *
currency_symbol (const char *currency)
{
  if (g_ascii_strcasecmp (currency, "eur") == 0)
    return "€";
  if (g_ascii_strcasecmp (currency, "usd") == 0)
    return "$";
  if (g_ascii_strcasecmp (currency, "gbp") == 0)
    return "£";
  return NULL;
}

/* Minor units: 499 eur -> "€4.99". */
static char *
format_money (gint64      minor,
              const char *currency)
{
  const char *symbol = currency_symbol (currency);
  g_autofree char *upper = g_ascii_strup (currency, -1);

  if (symbol != NULL)
    return g_strdup_printf ("%s%" PRId64 ".%02" PRId64, symbol, minor / 100, minor % 100);
  return g_strdup_printf ("%" PRId64 ".%02" PRId64 " %s", minor / 100, minor % 100, upper);
}

/* payments.amount is decimal text: "4.99" eur -> "€4.99". */
static char *
format_amount_text (const char *amount,
                    const char *currency)
{
  const char *symbol = currency_symbol (currency);
  g_autofree char *upper = g_ascii_strup (currency, -1);

  if (symbol != NULL)
    return g_strconcat (symbol, amount, NULL);
  return g_strdup_printf ("%s %s", amount, upper);
}

gboolean
_ascend_shop_view_busy (AscendShopView *self)
{
  return self->cancellable != NULL;
}

static void
end_operation (AscendShopView *self)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->billing);
  _ascend_shop_view_set_busy (self, NULL);
  ascend_application_data_changed (self->app);
}

/* Starts an operation; NULL when there is no key (the Shop says how to set
 * one up) or one is already running. */
static AscendBilling *
begin_operation (AscendShopView *self,
                 const char     *message)
{
  AscendBilling *billing = ascend_application_get_billing (self->app);

  if (_ascend_shop_view_busy (self) || billing == NULL)
    return NULL;
  if (!ascend_billing_has_key (billing))
    {
      _ascend_shop_view_toast (self, _("Add your Stripe secret key in Preferences → Billing first"));
      return NULL;
    }
  self->billing = g_object_ref (billing);
  self->cancellable = g_cancellable_new ();
  _ascend_shop_view_set_busy (self, message);
  return billing;
}

static const char *
billing_message (const GError *error)
{
  if (g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED))
    return _("The checkout expired before it was paid; nothing was charged.");
  if (g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK))
    return _("Stripe could not be reached. Check your connection and try again.");
  return error->message;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AscendShopView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = ascend_billing_wait_finish (ASCEND_BILLING (source), result, &error);
  g_autofree char *message = NULL;

  if (self->app == NULL)
    return;
  if (outcome == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("Stopped waiting. If you pay anyway, it is picked up the next time Anime Ascend starts."));
      else
        message = g_strdup (billing_message (error));
    }
  else if (self->waiting_tier)
    /* TRANSLATORS: %s is a plan, "Premium" or "Pro" */
    message = g_strdup_printf (_("Welcome to %s! Everything it unlocks is ready."),
                               ascend_tier_title (ascend_tier_parse (outcome->tier)));
  else if (outcome->tokens_credited > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Payment received: %" PRId64 " token added",
                                            "Payment received: %" PRId64 " tokens added", (gulong) outcome->tokens_credited),
                               outcome->tokens_credited);
  else
    message = g_strdup (_("Payment received; the tokens were already added."));
  _ascend_shop_view_toast (self, message);
  end_operation (self);
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AscendShopView) self = user_data;
  g_autoptr(GError) error = NULL;

  /* No browser (or no portal): the link stays on screen to open by hand. */
  if (!g_app_info_launch_default_for_uri_finish (result, &error) && self->app != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not open the checkout page: %s", error->message);
}

static void
checkout_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AscendShopView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = ascend_billing_checkout_finish (ASCEND_BILLING (source), result, &error);
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;

  if (self->app == NULL)
    return;
  if (checkout == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _ascend_shop_view_toast (self, billing_message (error));
      end_operation (self);
      return;
    }
  /* The browser opens without blocking: GIO asks the OpenURI portal in a
   * sandbox and the default browser elsewhere; when there is none, the link
   * below is the way. */
  g_app_info_launch_default_for_uri_async (checkout->url, NULL, self->cancellable, launched_cb, g_object_ref (self));
  escaped = g_markup_escape_text (checkout->url, -1);
  markup = g_strdup_printf (_("Waiting for payment… Finish it in your browser, or <a href=\"%s\">open the checkout page</a>."), escaped);
  gtk_label_set_markup (self->waiting_label, markup);
  ascend_billing_wait_async (ASCEND_BILLING (source), _ascend_shop_view_user_id (self), checkout->session_id, self->cancellable,
                             wait_cb, g_object_ref (self));
}

static void
pack_clicked_cb (GtkButton      *button,
                 AscendShopView *self)
{
  const AscendTokenPack *pack = g_object_get_data (G_OBJECT (button), "pack");
  AscendBilling *billing = begin_operation (self, _("Opening Stripe Checkout…"));

  if (billing == NULL)
    return;
  self->waiting_tier = FALSE;
  ascend_billing_checkout_tokens_async (billing, _ascend_shop_view_user_id (self), pack->tokens, self->cancellable,
                                        checkout_cb, g_object_ref (self));
}

static void
subscribe_clicked_cb (GtkButton      *button,
                      AscendShopView *self)
{
  const AscendTierPlan *plan = g_object_get_data (G_OBJECT (button), "plan");
  AscendBilling *billing = begin_operation (self, _("Opening Stripe Checkout…"));

  if (billing == NULL)
    return;
  self->waiting_tier = TRUE;
  ascend_billing_checkout_tier_async (billing, _ascend_shop_view_user_id (self), plan->tier, self->cancellable,
                                      checkout_cb, g_object_ref (self));
}

void
_ascend_shop_view_cancel_wait (AscendShopView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
cancel_subscription_done_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(AscendShopView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = ascend_billing_cancel_subscription_finish (ASCEND_BILLING (source), result, &error);

  if (self->app == NULL)
    return;
  if (outcome == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _ascend_shop_view_toast (self, billing_message (error));
  else if (outcome != NULL)
    _ascend_shop_view_toast (self, _("Your plan is cancelled. What you bought with tokens stays yours."));
  end_operation (self);
}

static void
cancel_subscription_response_cb (AdwMessageDialog *dialog,
                                 const char       *response,
                                 AscendShopView   *self)
{
  AscendBilling *billing;

  if (!g_str_equal (response, "end") || (billing = begin_operation (self, _("Cancelling your plan…"))) == NULL)
    return;
  ascend_billing_cancel_subscription_async (billing, _ascend_shop_view_user_id (self), self->cancellable,
                                            cancel_subscription_done_cb, g_object_ref (self));
}

static void
cancel_subscription_clicked_cb (GtkButton      *button,
                                AscendShopView *self)
{
  AscendTier tier = ascend_tier_parse (g_object_get_data (G_OBJECT (button), "tier"));
  g_autofree char *heading = g_strdup_printf (_("Cancel %s?"), ascend_tier_title (tier));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                              _("What the plan unlocks locks again now, and Hoshi goes back to a theme you own. What you bought with tokens stays yours."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Plan"), "end", _("_Cancel Plan"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (cancel_subscription_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refund_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AscendShopView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = ascend_billing_refund_finish (ASCEND_BILLING (source), result, &error);
  g_autofree char *message = NULL;

  if (self->app == NULL)
    return;
  if (outcome == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s is Stripe's or our reason */
          message = g_strdup_printf (_("No refund: %s"), billing_message (error));
          _ascend_shop_view_toast (self, message);
        }
    }
  else
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Refunded; %" PRId64 " token was taken back",
                                              "Refunded; %" PRId64 " tokens were taken back", (gulong) outcome->tokens_removed),
                                 outcome->tokens_removed);
      _ascend_shop_view_toast (self, message);
    }
  end_operation (self);
}

static void
refund_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AscendShopView   *self)
{
  gint64 payment = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "payment"));
  AscendBilling *billing;

  if (!g_str_equal (response, "refund") || (billing = begin_operation (self, _("Asking Stripe for the refund…"))) == NULL)
    return;
  ascend_billing_refund_async (billing, _ascend_shop_view_user_id (self), payment, self->cancellable, refund_done_cb, g_object_ref (self));
}

static void
refund_clicked_cb (GtkButton      *button,
                   AscendShopView *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  g_autofree char *heading = g_strdup_printf (_("Refund %s?"), what);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                              _("The money goes back to the card that paid, and the pack’s tokens leave your balance. Tokens already spent cannot be refunded."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "refund", _("_Refund"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "refund", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "payment", g_object_get_data (G_OBJECT (button), "payment"));
  g_signal_connect (dialog, "response", G_CALLBACK (refund_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_ascend_shop_view_fill_packs (AscendShopView *self)
{
  guint n = 0;
  const AscendTokenPack *packs = ascend_billing_token_packs (&n);

  _ascend_shop_view_clear_box (GTK_WIDGET (self->packs_box));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *tokens = _ascend_shop_view_tokens_text (packs[i].tokens);
      g_autofree char *price = format_money (packs[i].unit_amount, packs[i].currency);
      /* TRANSLATORS: a token pack's button: "Buy 50 tokens for €4.99" */
      g_autofree char *accessible = g_strdup_printf (_("Buy %s for %s"), tokens, price);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *amount = gtk_label_new (tokens);
      GtkWidget *cost = gtk_label_new (price);

      gtk_widget_add_css_class (amount, "ascend-tier-price");
      gtk_box_append (GTK_BOX (box), amount);
      gtk_box_append (GTK_BOX (box), cost);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "card");
      gtk_widget_add_css_class (button, "ascend-tier-card");
      gtk_widget_set_name (button, packs[i].id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data (G_OBJECT (button), "pack", (gpointer) &packs[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (pack_clicked_cb), self);
      gtk_flow_box_append (self->packs_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

void
_ascend_shop_view_fill_purchases (AscendShopView *self,
                                  AscendDatabase *db,
                                  gint64          user)
{
  g_autoptr(GPtrArray) payments = ascend_payment_list (db, user, 0, G_MAXINT64, NULL);
  guint shown = 0;

  _ascend_shop_view_clear_box (GTK_WIDGET (self->purchases_list));
  for (guint i = payments ? payments->len : 0; i > 0; i--)
    {
      AscendPayment *p = payments->pdata[i - 1];
      gint64 tokens = ascend_billing_store_payment_tokens (db, p->id, NULL);
      g_autofree char *what = NULL;
      g_autofree char *money = NULL;
      g_autofree char *date = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GDateTime) when = NULL;
      GtkWidget *row;

      if (tokens <= 0 || g_strcmp0 (p->status, "succeeded") != 0)
        continue;
      what = _ascend_shop_view_tokens_text (tokens);
      money = format_amount_text (p->amount, p->currency);
      when = g_date_time_new_from_unix_local (p->created_at / 1000);
      date = g_date_time_format (when, _("%e %b %Y, %H:%M"));
      subtitle = g_strdup_printf ("%s · %s", money, g_strstrip (date));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (ascend_billing_store_is_refunded (db, p->id))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), _ascend_shop_view_status_label (_("Refunded"), "dim-label"));
      else
        {
          GtkWidget *button = gtk_button_new_with_label (_("Refund"));
          g_autofree char *name = g_strdup_printf (_("Refund %s"), what);
          g_autofree char *full = g_strdup_printf ("%s (%s)", what, money);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_widget_set_sensitive (button, !_ascend_shop_view_busy (self) && ascend_application_has_billing_key (self->app));
          g_object_set_data (G_OBJECT (button), "payment", GSIZE_TO_POINTER ((gsize) p->id));
          g_object_set_data_full (G_OBJECT (button), "what", g_steal_pointer (&full), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (refund_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->purchases_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->purchases_group, shown > 0);
}

/* Buttons that pay wait for a key and for the running operation. */
void
_ascend_shop_view_set_busy (AscendShopView *self,
                            const char     *message)
{
  gboolean can_pay = message == NULL && self->app != NULL && ascend_application_has_billing_key (self->app);

  gtk_widget_set_visible (self->waiting_box, message != NULL);
  if (message != NULL)
    gtk_label_set_text (self->waiting_label, message);
  if (message != NULL)
    gtk_spinner_start (self->waiting_spinner);
  else
    gtk_spinner_stop (self->waiting_spinner);
  /* Each button, not only the box: assistive technologies read a button's
   * own state. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->packs_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_sensitive (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)), can_pay);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tiers_box), message == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->purchases_list), message == NULL);
}

