/* ascend-shop-view-private.h: shared by ascend-shop-view.c (balance, what
 * tokens buy, history) and ascend-shop-view-payments.c (plans, packs,
 * purchases and the Stripe operations behind them) */
#pragma once

#include "ascend-shop-view.h"
#include "ascend-billing.h"
#include "ascend-mascot.h"
#include "ascend-shop.h"

G_BEGIN_DECLS

struct _AscendShopView
{
  AdwBin                parent_instance;
  AscendApplication    *app;
  gulong                billing_id;

  gboolean              stale;        /* data changed while not shown */
  GtkLabel             *balance_label;
  GtkLabel             *tier_label;
  AscendMascot         *mascot;
  GtkLabel             *sync_label;
  AdwPreferencesGroup  *spend_group;
  GtkFlowBox           *tiers_box;
  GtkWidget            *setup_box;
  GtkWidget            *waiting_box;
  GtkSpinner           *waiting_spinner;
  GtkLabel             *waiting_label;
  GtkFlowBox           *packs_box;
  GtkWidget            *purchases_group;
  GtkListBox           *purchases_list;
  GtkWidget            *history_empty;
  GtkListBox           *history_list;

  GPtrArray            *spend_rows;   /* rows added to spend_group */

  /* One payment operation at a time: checkout, wait, cancel or refund. */
  AscendBilling        *billing;      /* the one the operation started on */
  GCancellable         *cancellable;
  gboolean              waiting_tier;
};

void            _ascend_shop_view_toast          (AscendShopView *self,
                                                  const char     *message);
gint64          _ascend_shop_view_user_id        (AscendShopView *self);
void            _ascend_shop_view_clear_box      (GtkWidget      *box);
char           *_ascend_shop_view_tokens_text    (gint64          n);
GtkWidget      *_ascend_shop_view_status_label   (const char     *text,
                                                  const char     *css);

void            _ascend_shop_view_fill_tiers     (AscendShopView *self,
                                                  AscendTier      current);
void            _ascend_shop_view_fill_packs     (AscendShopView *self);
void            _ascend_shop_view_fill_purchases (AscendShopView *self,
                                                  AscendDatabase *db,
                                                  gint64          user);
gboolean        _ascend_shop_view_busy           (AscendShopView *self);
/* message NULL: idle (buttons that pay follow the key); else the waiting
 * state with that text, a spinner and Cancel. */
void            _ascend_shop_view_set_busy       (AscendShopView *self,
                                                  const char     *message);
void            _ascend_shop_view_cancel_wait    (AscendShopView *self);

G_END_DECLS
