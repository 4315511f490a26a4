#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_DASHBOARD_VIEW (ascend_dashboard_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendDashboardView, ascend_dashboard_view, ASCEND, DASHBOARD_VIEW, AdwBin)

AscendDashboardView *ascend_dashboard_view_new     (AscendApplication   *app);
void                 ascend_dashboard_view_refresh (AscendDashboardView *self);

G_END_DECLS
