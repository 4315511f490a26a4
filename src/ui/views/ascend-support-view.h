#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_SUPPORT_VIEW (ascend_support_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendSupportView, ascend_support_view, ASCEND, SUPPORT_VIEW, AdwBin)

AscendSupportView *ascend_support_view_new     (AscendApplication *app);
void               ascend_support_view_refresh (AscendSupportView *self);

G_END_DECLS
