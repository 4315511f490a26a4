/* ascend-shop-view.c: the Shop section: the token balance, what tokens buy
 * and the token history (the plans, packs and payments:
 * ascend-shop-view-payments.c)
 *
 * What is sold and what each plan unlocks: ascend-entitlements.h. Spending
 * goes through ascend_shop_buy() (one 'usage' transaction with its unlock);
 * paying money goes through the billing layer (ascend-billing.h).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "ascend-shop-view-private.h"
#include "ascend-business-store.h"
#include "ascend-user-store.h"
#include "ascend-window.h"

#define HISTORY_MAX 50

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendShopView, ascend_shop_view, ADW_TYPE_BIN)

/* ------------------------------------------------------------ helpers */

void
_ascend_shop_view_toast (AscendShopView *self,
                         const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ASCEND_IS_WINDOW (root))
    ascend_window_toast (ASCEND_WINDOW (root), message);
}

static AscendDatabase *
database (AscendShopView *self)
{
  return self->app != NULL ? ascend_application_get_database (self->app) : NULL;
}

gint64
_ascend_shop_view_user_id (AscendShopView *self)
{
  return self->app != NULL ? ascend_application_get_user_id (self->app) : 0;
}

void
_ascend_shop_view_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

char *
_ascend_shop_view_tokens_text (gint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " token", "%" PRId64 " tokens", (gulong) ABS (n)), n);
}

/* ------------------------------------------------------- spend tokens */

static void
buy_clicked_cb (GtkButton      *button,
                AscendShopView *self)
{
  const AscendShopItem *item = g_object_get_data (G_OBJECT (button), "item");
  AscendDatabase *db = database (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (db == NULL)
    return;
  if (ascend_shop_buy (db, _ascend_shop_view_user_id (self), item->id, &error) == 0)
    {
      /* Refused: nothing changed, and the message says by how much. */
      _ascend_shop_view_toast (self, error->message);
      return;
    }
  /* TRANSLATORS: an item was bought with tokens */
  done = g_strdup_printf (_("%s unlocked"), _(item->title));
  _ascend_shop_view_toast (self, done);
  ascend_application_data_changed (self->app);
}

static void
wear_clicked_cb (GtkButton      *button,
                 AscendShopView *self)
{
  const AscendCompanionTheme *theme = g_object_get_data (G_OBJECT (button), "theme");
  AscendDatabase *db = database (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (db == NULL)
    return;
  if (!ascend_shop_wear_theme (db, _ascend_shop_view_user_id (self), theme->id, &error))
    {
      _ascend_shop_view_toast (self, error->message);
      return;
    }
  /* TRANSLATORS: a companion theme was put on */
  done = g_strdup_printf (_("Hoshi is wearing %s"), _(theme->title));
  _ascend_shop_view_toast (self, done);
  ascend_application_data_changed (self->app);
}

GtkWidget *
_ascend_shop_view_status_label (const char *text,
                                const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
item_row (AscendShopView             *self,
          AscendDatabase             *db,
          gint64                      user,
          AscendTier                  tier,
          const AscendShopItem       *item,
          const AscendCompanionTheme *theme,
          const AscendCompanionTheme *worn)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  gboolean owned = item == NULL || ascend_shop_owns (db, user, item);
  gboolean bought = item != NULL && ascend_shop_bought (db, user, item);
  const char *title = item ? _(item->title) : _(theme->title);
  g_autofree char *state = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               item ? _(item->description) : _("Hoshi in cherry-blossom pink, the app’s own colours."));
  icon = gtk_image_new_from_icon_name (theme != NULL ? "applications-graphics-symbolic" : "weather-few-clouds-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  theme != NULL ? _("Theme") : _("Exercise"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (!owned)
    {
      g_autofree char *price = _ascend_shop_view_tokens_text (item->price);
      g_autofree char *button_name = NULL;
      /* The price is the button, as in app stores: short enough for 360 px. */
      GtkWidget *button = gtk_button_new_with_label (price);

      gtk_widget_set_tooltip_text (button, _("Unlock"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      /* TRANSLATORS: a button's accessible name: "Unlock Ocean theme for 5 tokens" */
      button_name = g_strdup_printf (_("Unlock %s for %s"), title, price);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      g_object_set_data (G_OBJECT (button), "item", (gpointer) item);
      g_signal_connect (button, "clicked", G_CALLBACK (buy_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      state = g_strdup_printf ("%s, %s", price, _("locked"));
    }
  else if (theme != NULL && theme == worn)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), _ascend_shop_view_status_label (_("Wearing"), "ascend-shop-owned"));
      state = g_strdup (_("Wearing"));
    }
  else
    {
      const char *why = item == NULL ? _("Free")
                        : bought ? _("Owned")
                        : ascend_tier_includes (tier, item) && tier == ASCEND_TIER_PRO ? _("In Pro")
                        : _("In Premium");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), _ascend_shop_view_status_label (why, "ascend-shop-owned"));
      state = g_strdup (why);
      if (theme != NULL)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Wear"));
          g_autofree char *button_name = g_strdup_printf (_("Wear the %s"), _(theme->title));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
          g_object_set_data (G_OBJECT (button), "theme", (gpointer) theme);
          g_signal_connect (button, "clicked", G_CALLBACK (wear_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state, -1);
  gtk_widget_set_name (row, item ? item->id : theme->id);
  return row;
}

static void
fill_spend (AscendShopView *self,
            AscendDatabase *db,
            gint64          user,
            AscendTier      tier)
{
  const AscendCompanionTheme *worn = ascend_shop_active_theme (db, user);
  const AscendShopItem *items;
  const AscendCompanionTheme *themes;
  guint n_items = 0, n_themes = 0;

  for (guint i = 0; i < self->spend_rows->len; i++)
    adw_preferences_group_remove (self->spend_group, self->spend_rows->pdata[i]);
  g_ptr_array_set_size (self->spend_rows, 0);

  items = ascend_shop_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == ASCEND_SHOP_ITEM_EXERCISE)
      g_ptr_array_add (self->spend_rows, item_row (self, db, user, tier, &items[i], NULL, worn));
  themes = ascend_companion_themes (&n_themes);
  for (guint i = 0; i < n_themes; i++)
    g_ptr_array_add (self->spend_rows,
                     item_row (self, db, user, tier, ascend_shop_item_lookup (themes[i].item_id), &themes[i], worn));
  for (guint i = 0; i < self->spend_rows->len; i++)
    adw_preferences_group_add (self->spend_group, self->spend_rows->pdata[i]);
}

/* ------------------------------------------------------------ history */

static const char *
type_icon (const char *type)
{
  if (g_strcmp0 (type, "purchase") == 0)
    return "list-add-symbolic";
  if (g_strcmp0 (type, "bonus") == 0)
    return "starred-symbolic";
  if (g_strcmp0 (type, "refund") == 0)
    return "edit-undo-symbolic";
  return "list-remove-symbolic";
}

static const char *
type_title (const char *type)
{
  if (g_strcmp0 (type, "purchase") == 0)
    return _("Purchase");
  if (g_strcmp0 (type, "bonus") == 0)
    return _("Bonus");
  if (g_strcmp0 (type, "refund") == 0)
    return _("Refund");
  return _("Spent");
}

static GtkWidget *
history_row (const AscendTokenTransaction *tx)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (type_icon (tx->type));
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (tx->created_at / 1000);
  /* TRANSLATORS: the date and time of a token transaction, strftime format */
  g_autofree char *date = g_date_time_format (when, _("%e %b %Y, %H:%M"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", type_title (tx->type), g_strstrip (date));
  /* U+2212 MINUS SIGN reads better than a hyphen next to digits. */
  g_autofree char *amount = g_strdup_printf ("%s%" PRId64, tx->amount > 0 ? "+" : "\u2212", ABS (tx->amount));
  g_autofree char *accessible = NULL;
  g_autofree char *tokens = _ascend_shop_view_tokens_text (tx->amount);
  GtkWidget *amount_label = gtk_label_new (amount);
  const char *description = tx->description && *tx->description ? tx->description : type_title (tx->type);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, type_title (tx->type), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (amount_label, tx->amount > 0 ? "ascend-amount-plus" : "ascend-amount-minus");
  gtk_widget_set_valign (amount_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);
  accessible = g_strdup_printf ("%s, %s, %s", description, tokens, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static void
fill_history (AscendShopView *self,
              AscendDatabase *db,
              gint64          user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ascend_token_ledger_list (db, user, 0, G_MAXINT64, &error);
  guint shown = 0;

  _ascend_shop_view_clear_box (GTK_WIDGET (self->history_list));
  if (list == NULL)
    _ascend_shop_view_toast (self, error->message);
  /* Newest first. */
  for (guint i = list ? list->len : 0; i > 0 && shown < HISTORY_MAX; i--, shown++)
    gtk_list_box_append (self->history_list, history_row (list->pdata[i - 1]));
  gtk_widget_set_visible (self->history_empty, shown == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), shown > 0);
}

/* ------------------------------------------------------------ refresh */

void
ascend_shop_view_refresh (AscendShopView *self)
{
  AscendDatabase *db = database (self);
  gint64 user = _ascend_shop_view_user_id (self);
  g_autoptr(AscendUser) profile = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *plan = NULL;
  const char *problem;
  AscendTier tier;

  g_return_if_fail (ASCEND_IS_SHOP_VIEW (self));

  /* The lists are built when the Shop is first shown (and rebuilt while it
   * is): until then they add nothing to the accessibility tree that screen
   * readers and the UI tests walk, nor work to every data change. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  if (db == NULL || user <= 0 || (profile = ascend_user_get (db, user, NULL)) == NULL)
    return;
  tier = ascend_tier_parse (profile->subscription_tier);

  balance = g_strdup_printf ("%" PRId64, profile->token_balance);
  gtk_label_set_text (self->balance_label, balance);
  accessible = _ascend_shop_view_tokens_text (profile->token_balance);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->balance_label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* TRANSLATORS: the current plan, "Free plan", "Premium plan" */
  plan = g_strdup_printf (_("%s plan"), ascend_tier_title (tier));
  gtk_label_set_text (self->tier_label, plan);
  ascend_mascot_set (self->mascot, profile->token_balance > 0 ? ASCEND_MASCOT_CHEERFUL : ASCEND_MASCOT_CALM,
                     profile->token_balance > 0
                     ? _("Tokens unlock exercises and themes for good. Pick something nice!")
                     : _("No tokens right now. Keep your streaks going and bonus tokens will come."));

  fill_spend (self, db, user, tier);
  _ascend_shop_view_fill_tiers (self, tier);
  _ascend_shop_view_fill_packs (self);
  _ascend_shop_view_fill_purchases (self, db, user);
  fill_history (self, db, user);
  gtk_widget_set_visible (self->setup_box, !ascend_application_has_billing_key (self->app));
  problem = ascend_application_get_billing_problem (self->app);
  gtk_label_set_text (self->sync_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), problem != NULL);
  /* Keeps the waiting state of a running operation. */
  if (!_ascend_shop_view_busy (self))
    _ascend_shop_view_set_busy (self, NULL);
}

/* ------------------------------------------------------------ the type */

static void
ascend_shop_view_map (GtkWidget *widget)
{
  AscendShopView *self = ASCEND_SHOP_VIEW (widget);

  GTK_WIDGET_CLASS (ascend_shop_view_parent_class)->map (widget);
  if (self->app != NULL)
    ascend_application_ensure_billing_key (self->app);
  if (self->stale)
    ascend_shop_view_refresh (self);
}

static void
ascend_shop_view_dispose (GObject *object)
{
  AscendShopView *self = ASCEND_SHOP_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->billing);
  if (self->app != NULL)
    g_clear_signal_handler (&self->billing_id, self->app);
  self->app = NULL;
  g_clear_pointer (&self->spend_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (ascend_shop_view_parent_class)->dispose (object);
}

static void
ascend_shop_view_class_init (AscendShopViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_shop_view_dispose;
  widget_class->map = ascend_shop_view_map;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_shop_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_MASCOT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-shop-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, balance_label);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, tier_label);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, mascot);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, sync_label);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, spend_group);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, tiers_box);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, setup_box);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, packs_box);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, purchases_group);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, purchases_list);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, history_empty);
  gtk_widget_class_bind_template_child (widget_class, AscendShopView, history_list);
  gtk_widget_class_bind_template_callback_full (widget_class, "cancel_wait_cb",
                                                G_CALLBACK (_ascend_shop_view_cancel_wait));
}

static void
ascend_shop_view_init (AscendShopView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->spend_rows = g_ptr_array_new ();
}

AscendShopView *
ascend_shop_view_new (AscendApplication *app)
{
  AscendShopView *self = g_object_new (ASCEND_TYPE_SHOP_VIEW, NULL);

  self->app = app;
  self->billing_id = g_signal_connect_swapped (app, "billing-changed", G_CALLBACK (ascend_shop_view_refresh), self);
  ascend_shop_view_refresh (self);
  return self;
}
