/* ascend-view-util.c: small helpers the section views share */
#include "config.h"

#include <glib/gi18n.h>

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

/* Shows @toast (takes it) with an Undo button: "button-clicked" calls
 * @undo_cb (toast, @data), and @free_data frees @data when the toast is
 * gone, whether Undo was pressed or not. */
void
ascend_view_add_undo_toast (GtkWidget      *view,
                            AdwToast       *toast,
                            GCallback       undo_cb,
                            gpointer        data,
                            GClosureNotify  free_data)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", undo_cb, data, free_data, 0);
  ascend_view_add_toast (view, toast);
}
