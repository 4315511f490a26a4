/* ascend-window.c: the main window: onboarding, sidebar, sections */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-window.h"
#include "ascend-sections.h"
#include "ascend-onboarding.h"
#include "ascend-user-store.h"
#include "ascend-mascot.h"
#include "ascend-shop.h"

struct _AscendWindow
{
  AdwApplicationWindow  parent_instance;

  AscendApplication    *app;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *root_stack;
  AscendOnboarding     *onboarding;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *content_box;
  AdwWindowTitle       *content_title;
  GtkStack             *section_stack;

  char                 *section;
};

G_DEFINE_FINAL_TYPE (AscendWindow, ascend_window, ADW_TYPE_APPLICATION_WINDOW)

static void
build_sections (AscendWindow *self)
{
  guint n;
  const AscendSection *sections = ascend_sections_get (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (sections[i].icon_name);
      GtkWidget *label = gtk_label_new (_(sections[i].title));
      GtkWidget *view = sections[i].create (self->app);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, sections[i].id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(sections[i].title), -1);
      gtk_list_box_append (self->sidebar, row);

      gtk_stack_add_titled (self->section_stack, view, sections[i].id, _(sections[i].title));
    }
}

static GtkListBoxRow *
row_for_section (AscendWindow *self,
                 const char   *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), id) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

void
ascend_window_show_section (AscendWindow *self,
                            const char   *id)
{
  const AscendSection *section;

  g_return_if_fail (ASCEND_IS_WINDOW (self));

  section = ascend_section_lookup (id);
  if (section == NULL)
    return;

  g_free (self->section);
  self->section = g_strdup (id);
  gtk_stack_set_visible_child_name (self->section_stack, id);
  adw_window_title_set_title (self->content_title, _(section->title));
  gtk_list_box_select_row (self->sidebar, row_for_section (self, id));
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  g_settings_set_string (ascend_application_get_settings (self->app), "last-section", id);
}

gboolean
ascend_window_has_section (AscendWindow *self,
                           const char   *id)
{
  return ascend_section_available (id);
}

const char *
ascend_window_get_section (AscendWindow *self)
{
  g_return_val_if_fail (ASCEND_IS_WINDOW (self), NULL);
  return self->section;
}

void
ascend_window_toast (AscendWindow *self,
                     const char   *message)
{
  g_return_if_fail (ASCEND_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
ascend_window_toast_urgent (AscendWindow *self,
                            const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (ASCEND_IS_WINDOW (self));
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The companion theme the profile wears: Hoshi's colours and, through a
 * CSS class on the window, the accent gradients (style.css). */
static void
apply_theme (AscendWindow *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  gint64 user = ascend_application_get_user_id (self->app);
  const AscendCompanionTheme *theme, *themes;
  guint n = 0;

  if (db == NULL || user <= 0)
    return;
  theme = ascend_shop_active_theme (db, user);
  themes = ascend_companion_themes (&n);
  for (guint i = 0; i < n; i++)
    if (&themes[i] != theme)
      gtk_widget_remove_css_class (GTK_WIDGET (self), themes[i].css_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), theme->css_class);
  ascend_mascot_set_theme (theme);
}

void
ascend_window_refresh (AscendWindow *self)
{
  g_return_if_fail (ASCEND_IS_WINDOW (self));

  apply_theme (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->section_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_signal_lookup ("refresh", G_OBJECT_TYPE (child)) != 0)
      g_signal_emit_by_name (child, "refresh");
}

static void
sidebar_row_activated_cb (AscendWindow  *self,
                          GtkListBoxRow *row)
{
  ascend_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
folded_changed_cb (AscendWindow *self)
{
  /* Unfolded, the sidebar always shows which section is open. */
  if (!adw_leaflet_get_folded (self->leaflet) && self->section != NULL)
    gtk_list_box_select_row (self->sidebar, row_for_section (self, self->section));
}

static void
show_main (AscendWindow *self)
{
  GSettings *settings = ascend_application_get_settings (self->app);
  g_autofree char *last = g_settings_get_string (settings, "last-section");

  if (gtk_widget_get_first_child (GTK_WIDGET (self->section_stack)) == NULL)
    build_sections (self);
  gtk_stack_set_visible_child_name (self->root_stack, "main");
  ascend_window_show_section (self, ascend_section_available (last) ? last : "dashboard");
  ascend_window_refresh (self);
}

static void
onboarding_finished_cb (AscendWindow     *self,
                        const char       *name,
                        const char       *email,
                        AscendOnboarding *onboarding)
{
  g_autoptr(GError) error = NULL;

  if (!ascend_application_create_profile (self->app, name, email, &error))
    {
      ascend_onboarding_show_error (onboarding, error->message);
      return;
    }
  show_main (self);
  {
    g_autofree char *hello = g_strdup_printf (_("Welcome, %s! Your journey begins."), name);
    ascend_window_toast (self, hello);
  }
}

static void
section_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AscendWindow *self = ASCEND_WINDOW (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->root_stack), "main"))
    ascend_window_show_section (self, g_variant_get_string (param, NULL));
}

static void
section_index_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  guint n;
  const AscendSection *sections = ascend_sections_get (&n);
  gint32 index = g_variant_get_int32 (param);

  if (index >= 1 && (guint) index <= n)
    section_action (widget, NULL, g_variant_new_string (sections[index - 1].id));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AscendWindow *self = ASCEND_WINDOW (widget);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
ascend_window_close_request (GtkWindow *window)
{
  AscendWindow *self = ASCEND_WINDOW (window);
  GSettings *settings = ascend_application_get_settings (self->app);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  return GTK_WINDOW_CLASS (ascend_window_parent_class)->close_request (window);
}

static void
ascend_window_finalize (GObject *object)
{
  AscendWindow *self = ASCEND_WINDOW (object);

  g_clear_pointer (&self->section, g_free);
  G_OBJECT_CLASS (ascend_window_parent_class)->finalize (object);
}

static void
ascend_window_class_init (AscendWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = ascend_window_close_request;

  g_type_ensure (ASCEND_TYPE_ONBOARDING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, root_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, onboarding);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AscendWindow, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, onboarding_finished_cb);

  gtk_widget_class_install_action (widget_class, "win.section", "s", section_action);
  gtk_widget_class_install_action (widget_class, "win.section-index", "i", section_index_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);

  for (int i = 1; i <= 8; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_CONTROL_MASK,
                                         "win.section-index", "i", i);
}

static void
ascend_window_init (AscendWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#ifdef DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

AscendWindow *
ascend_window_new (AscendApplication *app)
{
  AscendWindow *self = g_object_new (ASCEND_TYPE_WINDOW, "application", app, NULL);
  GSettings *settings = ascend_application_get_settings (app);

  self->app = app;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (ascend_application_get_user_id (app) > 0)
    show_main (self);
  else
    gtk_stack_set_visible_child_name (self->root_stack, "onboarding");
  return self;
}
