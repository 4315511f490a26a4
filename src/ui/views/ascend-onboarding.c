/* ascend-onboarding.c: the first run: what the app does, privacy, the profile */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-onboarding.h"
#include "ascend-profile.h"

struct _AscendOnboarding
{
  AdwBin        parent_instance;

  AdwCarousel  *carousel;
  GtkButton    *back_button;
  GtkButton    *next_button;
  AdwEntryRow  *name_row;
  AdwEntryRow  *email_row;
  GtkLabel     *name_error;
  GtkLabel     *email_error;
  GtkLabel     *form_error;
  GtkPicture   *welcome_picture;
  GtkPicture   *privacy_picture;
};

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendOnboarding, ascend_onboarding, ADW_TYPE_BIN)

static guint
current_page (AscendOnboarding *self)
{
  return (guint) (adw_carousel_get_position (self->carousel) + 0.5);
}

static void
set_inline_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static gboolean
validate (AscendOnboarding *self,
          gboolean          show_empty_name)
{
  g_autofree char *name_msg = NULL;
  g_autofree char *email_msg = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  gboolean name_ok = ascend_profile_validate_name (name, &name_msg);
  gboolean email_ok = ascend_profile_validate_email (gtk_editable_get_text (GTK_EDITABLE (self->email_row)), &email_msg);

  /* An untouched empty name is not an error yet; it is when the user tries
   * to go on. */
  set_inline_error (GTK_WIDGET (self->name_row), self->name_error,
                    name_ok || (!show_empty_name && *name == '\0') ? NULL : name_msg);
  set_inline_error (GTK_WIDGET (self->email_row), self->email_error, email_ok ? NULL : email_msg);
  return name_ok && email_ok;
}

static void
update_buttons (AscendOnboarding *self)
{
  guint page, n;

  /* The carousel reports pages while the template is still being built. */
  if (self->back_button == NULL || self->next_button == NULL)
    return;
  page = current_page (self);
  n = adw_carousel_get_n_pages (self->carousel);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), page > 0);
  gtk_button_set_label (self->next_button, page + 1 < n ? _("_Next") : _("_Start My Journey"));
  /* GTK 4.8 names a mnemonic button "_Next Next" for screen readers: the
   * raw label plus its mnemonic label. The label alone says it right. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->next_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
finish (AscendOnboarding *self)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  if (!validate (self, TRUE))
    {
      gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_has_css_class (GTK_WIDGET (self->name_row), "error")
                                         ? self->name_row : self->email_row));
      return;
    }
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  g_signal_emit (self, signals[FINISHED], 0, name, *email ? email : NULL);
}

static void
next_clicked_cb (AscendOnboarding *self)
{
  guint page = current_page (self);
  guint n = adw_carousel_get_n_pages (self->carousel);

  if (page + 1 < n)
    {
      adw_carousel_scroll_to (self->carousel, adw_carousel_get_nth_page (self->carousel, page + 1), TRUE);
      if (page + 2 == n)
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
  else
    finish (self);
}

static void
back_clicked_cb (AscendOnboarding *self)
{
  guint page = current_page (self);

  if (page > 0)
    adw_carousel_scroll_to (self->carousel, adw_carousel_get_nth_page (self->carousel, page - 1), TRUE);
}

static void
page_changed_cb (AscendOnboarding *self)
{
  update_buttons (self);
}

static void
entry_changed_cb (AscendOnboarding *self)
{
  validate (self, FALSE);
}

static void
entry_activate_cb (AscendOnboarding *self)
{
  finish (self);
}

void
ascend_onboarding_show_error (AscendOnboarding *self,
                              const char       *message)
{
  g_return_if_fail (ASCEND_IS_ONBOARDING (self));
  gtk_label_set_text (self->form_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
}

static void
ascend_onboarding_class_init (AscendOnboardingClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-onboarding.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, carousel);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, back_button);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, next_button);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, name_row);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, email_row);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, name_error);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, email_error);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, form_error);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, welcome_picture);
  gtk_widget_class_bind_template_child (widget_class, AscendOnboarding, privacy_picture);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
}

static void
ascend_onboarding_init (AscendOnboarding *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_picture_set_resource (self->welcome_picture, "/io/github/animeascend/AnimeAscend/icons/mascot/mascot-cheerful.svg");
  gtk_picture_set_resource (self->privacy_picture, "/io/github/animeascend/AnimeAscend/icons/mascot/mascot-calm.svg");
  update_buttons (self);
}
