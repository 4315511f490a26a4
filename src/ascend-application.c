/* ascend-application.c: the GtkApplication; owns the database and settings */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-application.h"
#include "ascend-window.h"

struct _AscendApplication
{
  AdwApplication  parent_instance;
  AscendDatabase *database;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (AscendApplication, ascend_application, ADW_TYPE_APPLICATION)

AscendApplication *
ascend_application_new (void)
{
  return g_object_new (ASCEND_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/animeascend/AnimeAscend",
                       NULL);
}

AscendDatabase *
ascend_application_get_database (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);
  return self->database;
}

GSettings *
ascend_application_get_settings (AscendApplication *self)
{
  g_return_val_if_fail (ASCEND_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
show_fatal (AscendApplication *self,
            const GError      *error)
{
  /* Without a database there is nothing to show: say why, plainly. */
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (NULL, _("Anime Ascend could not open its data"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ascend_application_activate (GApplication *app)
{
  AscendApplication *self = ASCEND_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (window == NULL)
    {
      if (self->database == NULL)
        self->database = ascend_database_open (NULL, &error);
      if (self->database == NULL)
        {
          show_fatal (self, error);
          return;
        }
      window = GTK_WINDOW (ascend_window_new (self));
    }
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
};

static void
ascend_application_startup (GApplication *app)
{
  AscendApplication *self = ASCEND_APPLICATION (app);
  AdwStyleManager *style;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (ascend_application_parent_class)->startup (app);

  style = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_PREFER_LIGHT);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });

  self->settings = g_settings_new (APP_ID);
}

static void
ascend_application_dispose (GObject *object)
{
  AscendApplication *self = ASCEND_APPLICATION (object);

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ascend_application_parent_class)->dispose (object);
}

static void
ascend_application_class_init (AscendApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ascend_application_dispose;
  G_APPLICATION_CLASS (klass)->activate = ascend_application_activate;
  G_APPLICATION_CLASS (klass)->startup = ascend_application_startup;
}

static void
ascend_application_init (AscendApplication *self)
{
}
