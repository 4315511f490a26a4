#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders widget to a PNG once it has been laid out and drawn, then
 * optionally quits the application. Used by --screenshot. */
void     ascend_screenshot_when_drawn (GtkWidget  *widget,
                                       const char *path,
                                       gboolean    quit);
gboolean ascend_screenshot_save       (GtkWidget  *widget,
                                       const char *path,
                                       GError    **error);

G_END_DECLS
