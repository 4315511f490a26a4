#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_ALERTS_PAGE (ascend_alerts_page_get_type ())
G_DECLARE_FINAL_TYPE (AscendAlertsPage, ascend_alerts_page, ASCEND, ALERTS_PAGE, AdwBin)

void   ascend_alerts_page_set_application (AscendAlertsPage  *self,
                                           AscendApplication *app);
/* Re-reads the history; returns how many alerts are not acknowledged. */
gint64 ascend_alerts_page_refresh         (AscendAlertsPage  *self);

G_END_DECLS
