#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_WINDOW (ascend_window_get_type ())
G_DECLARE_FINAL_TYPE (AscendWindow, ascend_window, ASCEND, WINDOW, AdwApplicationWindow)

AscendWindow *ascend_window_new (AscendApplication *app);

G_END_DECLS
