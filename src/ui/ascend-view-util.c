/* ascend-view-util.c: small helpers the section views share */
#include "config.h"

#include "ascend-view-util.h"

/* Shows @toast on the toast overlay above @view; takes @toast. A view
 * not (yet) in a window has no overlay: the toast is dropped. */
void
ascend_view_add_toast (GtkWidget *view,
                       AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (view, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* A plain toast saying @message (already translated). */
void
ascend_view_show_message (GtkWidget  *view,
                          const char *message)
{
  ascend_view_add_toast (view, adw_toast_new (message));
}
