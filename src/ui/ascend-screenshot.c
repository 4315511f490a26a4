/* ascend-screenshot.c: the window, rendered to PNG in-process
 *
 * Rendering through the widget's own GskRenderer gives the exact pixels
 * the user sees, with no dependency on an X screenshot tool.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-screenshot.h"

typedef struct {
  char     *path;
  gboolean  quit;
  guint     frames;
  int       want_width;   /* the window's default size when asked, or 0 */
  int       want_height;
  gboolean  resized;
  gint64    not_before;   /* monotonic µs; 0 until the frames have settled */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;
  g_free (p->path);
  g_free (p);
}

gboolean
ascend_screenshot_save (GtkWidget   *widget,
                        const char  *path,
                        GError     **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (node == NULL || renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window has not been drawn yet"));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Pending *p = data;
  g_autoptr(GError) error = NULL;

  /* A few frames let templates, pictures and transitions settle. */
  if (++p->frames < 12)
    return G_SOURCE_CONTINUE;
  /* ASCEND_SCREENSHOT_DELAY_MS lets live data arrive first (documentation
   * screenshots of a running sensor). */
  if (p->not_before == 0)
    p->not_before = g_get_monotonic_time () + 1000 * (gint64) g_ascii_strtoll (g_getenv ("ASCEND_SCREENSHOT_DELAY_MS") ?: "0", NULL, 10);
  if (g_get_monotonic_time () < p->not_before)
    return G_SOURCE_CONTINUE;

  /* Without a compositor (Xvfb) GTK 4.8 takes the decoration's border out
   * of the default size, so the picture would come out smaller than asked
   * (1270x790 for 1280x800): grow the window by the difference, once. */
  if (!p->resized && p->want_width > 0 && p->want_height > 0 &&
      (gtk_widget_get_width (widget) != p->want_width ||
       gtk_widget_get_height (widget) != p->want_height))
    {
      gtk_window_set_default_size (GTK_WINDOW (widget),
                                   2 * p->want_width - gtk_widget_get_width (widget),
                                   2 * p->want_height - gtk_widget_get_height (widget));
      p->resized = TRUE;
      p->frames = 0;
      return G_SOURCE_CONTINUE;
    }

  if (!ascend_screenshot_save (widget, p->path, &error))
    g_printerr ("%s\n", error->message);
  else
    g_print ("%s\n", p->path);
  if (p->quit)
    g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

void
ascend_screenshot_when_drawn (GtkWidget  *widget,
                              const char *path,
                              gboolean    quit)
{
  Pending *p = g_new0 (Pending, 1);

  p->path = g_strdup (path);
  p->quit = quit;
  if (GTK_IS_WINDOW (widget))
    gtk_window_get_default_size (GTK_WINDOW (widget), &p->want_width, &p->want_height);
  gtk_widget_add_tick_callback (widget, tick_cb, p, pending_free);
}
