/* ascend-window.c: the main window */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-window.h"

struct _AscendWindow
{
  AdwApplicationWindow  parent_instance;
  GtkLabel             *status_label;
};

G_DEFINE_FINAL_TYPE (AscendWindow, ascend_window, ADW_TYPE_APPLICATION_WINDOW)

static void
ascend_window_class_init (AscendWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, status_label);
}

static void
ascend_window_init (AscendWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AscendWindow *
ascend_window_new (AscendApplication *app)
{
  AscendWindow *self = g_object_new (ASCEND_TYPE_WINDOW, "application", app, NULL);
  AscendDatabase *db = ascend_application_get_database (app);
  g_autofree char *text = g_strdup_printf (_("Data is kept in %s"), ascend_database_get_path (db));

  gtk_label_set_text (self->status_label, text);
  return self;
}
