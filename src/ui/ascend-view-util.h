/* ascend-view-util.h: small helpers the section views share
 *
 * A view lives inside the window's AdwToastOverlay; these find it from
 * any widget below it, so a view needs no pointer to the window.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void ascend_view_add_toast    (GtkWidget  *view,
                               AdwToast   *toast);
void ascend_view_show_message (GtkWidget  *view,
                               const char *message);
void ascend_view_add_undo_toast (GtkWidget      *view,
                                 AdwToast       *toast,
                                 GCallback       undo_cb,
                                 gpointer        data,
                                 GClosureNotify  free_data);

G_END_DECLS
