#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_SHOP_VIEW (ascend_shop_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendShopView, ascend_shop_view, ASCEND, SHOP_VIEW, AdwBin)

AscendShopView *ascend_shop_view_new     (AscendApplication *app);
void            ascend_shop_view_refresh (AscendShopView    *self);

G_END_DECLS
