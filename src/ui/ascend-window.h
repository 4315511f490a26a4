#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_WINDOW (ascend_window_get_type ())
G_DECLARE_FINAL_TYPE (AscendWindow, ascend_window, ASCEND, WINDOW, AdwApplicationWindow)

AscendWindow *ascend_window_new          (AscendApplication *app);
void          ascend_window_show_section (AscendWindow      *self,
                                          const char        *id);
const char   *ascend_window_get_section  (AscendWindow      *self);
gboolean      ascend_window_has_section  (AscendWindow      *self,
                                          const char        *id);
void          ascend_window_toast        (AscendWindow      *self,
                                          const char        *message);
void          ascend_window_toast_urgent (AscendWindow      *self,
                                          const char        *message);
/* Re-reads what every view shows (after a change made elsewhere). */
void          ascend_window_refresh      (AscendWindow      *self);

G_END_DECLS
