#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_HEALTH_VIEW (ascend_health_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendHealthView, ascend_health_view, ASCEND, HEALTH_VIEW, AdwBin)

AscendHealthView *ascend_health_view_new     (AscendApplication *app);
void              ascend_health_view_refresh (AscendHealthView  *self);

G_END_DECLS
