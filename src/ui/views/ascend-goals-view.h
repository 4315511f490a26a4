#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_GOALS_VIEW (ascend_goals_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendGoalsView, ascend_goals_view, ASCEND, GOALS_VIEW, AdwBin)

AscendGoalsView *ascend_goals_view_new     (AscendApplication *app);
void             ascend_goals_view_refresh (AscendGoalsView   *self);

G_END_DECLS
