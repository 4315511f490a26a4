/* ascend-preferences.c: profile (name, email) and appearance */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-preferences.h"
#include "ascend-data-page.h"
#include "ascend-profile.h"
#include "ascend-user-store.h"

struct _AscendPreferences
{
  AdwPreferencesWindow  parent_instance;

  AscendApplication    *app;

  AdwEntryRow          *name_row;
  AdwEntryRow          *email_row;
  GtkLabel             *name_error;
  GtkLabel             *email_error;
  AdwComboRow          *style_row;
  GtkSpinButton        *day_start_spin;
  GtkSwitch            *background_switch;
  AdwPreferencesGroup  *thresholds_group;
};

/* Numeric alert settings: the GSettings schema gives each its range. */
static const struct {
  const char *key;
  const char *title;
  const char *unit;
} threshold_rows[] = {
  { "high-hr-rest-bpm", N_("High heart rate at rest"), N_("bpm") },
  { "high-hr-minutes", N_("…for at least"), N_("minutes") },
  { "very-high-hr-bpm", N_("Very high heart rate (alert at once)"), N_("bpm") },
  { "high-hr-exercise-bpm", N_("High heart rate during exercise"), N_("bpm") },
  { "low-hr-bpm", N_("Low heart rate"), N_("bpm") },
  { "low-hr-minutes", N_("…for at least"), N_("minutes") },
  { "very-low-hr-bpm", N_("Very low heart rate (alert at once)"), N_("bpm") },
  { "high-stress-level", N_("High stress level"), N_("of 10") },
  { "high-stress-minutes", N_("…for at least"), N_("minutes") },
  { "arrhythmia-minutes", N_("Irregular rhythm for at least"), N_("minutes") },
  { "alert-cooldown-minutes", N_("Quiet time between alerts of one kind"), N_("minutes") },
  { "countdown-seconds", N_("“Are you OK?” countdown after a fall"), N_("seconds") },
};

G_DEFINE_FINAL_TYPE (AscendPreferences, ascend_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char *schemes[] = { "default", "light", "dark" };

static void
show_error (GtkWidget  *row,
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

static void
save_profile (AscendPreferences *self,
              gboolean           name_changed)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) user = ascend_user_get (db, ascend_application_get_user_id (self->app), &error);
  g_autofree char *msg = NULL;
  g_autofree char *value = NULL;
  AdwEntryRow *row = name_changed ? self->name_row : self->email_row;
  GtkLabel *label = name_changed ? self->name_error : self->email_error;

  if (user == NULL)
    {
      show_error (GTK_WIDGET (row), label, error->message);
      return;
    }
  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (name_changed ? !ascend_profile_validate_name (value, &msg) : !ascend_profile_validate_email (value, &msg))
    {
      /* Refused inline; the stored value is untouched. */
      show_error (GTK_WIDGET (row), label, msg);
      return;
    }
  if (name_changed)
    {
      g_free (user->name);
      user->name = g_steal_pointer (&value);
    }
  else
    {
      g_free (user->email);
      user->email = *value ? g_steal_pointer (&value) : NULL;
    }
  if (!ascend_user_update (db, user, &error))
    {
      show_error (GTK_WIDGET (row), label, error->message);
      return;
    }
  show_error (GTK_WIDGET (row), label, NULL);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Profile saved")));
  ascend_application_data_changed (self->app);
}

static void
name_apply_cb (AscendPreferences *self)
{
  save_profile (self, TRUE);
}

static void
email_apply_cb (AscendPreferences *self)
{
  save_profile (self, FALSE);
}

static void
entry_changed_cb (AscendPreferences *self,
                  AdwEntryRow       *row)
{
  g_autofree char *msg = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean ok;

  /* Say what is wrong while the user types, before they press apply. */
  if (row == self->name_row)
    {
      ok = ascend_profile_validate_name (text, &msg);
      show_error (GTK_WIDGET (row), self->name_error, ok ? NULL : msg);
    }
  else
    {
      ok = ascend_profile_validate_email (text, &msg);
      show_error (GTK_WIDGET (row), self->email_error, ok ? NULL : msg);
    }
}

static void
style_changed_cb (AscendPreferences *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (selected < G_N_ELEMENTS (schemes))
    g_settings_set_string (ascend_application_get_settings (self->app), "color-scheme", schemes[selected]);
}

static void
ascend_preferences_class_init (AscendPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, name_row);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, email_row);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, name_error);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, email_error);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, style_row);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, day_start_spin);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, background_switch);
  gtk_widget_class_bind_template_child (widget_class, AscendPreferences, thresholds_group);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, style_changed_cb);
}

static void
ascend_preferences_init (AscendPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static gboolean
int_to_double (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
double_to_int (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) g_value_get_double (value));
}

static void
add_threshold_rows (AscendPreferences *self,
                    GSettings         *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threshold_rows); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, threshold_rows[i].key);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GVariant) limits = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin;
      int lo = 0, hi = 1000;
      const char *kind;

      g_variant_get (range, "(&sv)", &kind, &limits);
      if (g_str_equal (kind, "range"))
        g_variant_get (limits, "(ii)", &lo, &hi);
      spin = gtk_spin_button_new_with_range (lo, hi, 1);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(threshold_rows[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(threshold_rows[i].unit));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      {
        g_autofree char *accessible = g_strdup_printf ("%s (%s)", _(threshold_rows[i].title), _(threshold_rows[i].unit));
        gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      }
      /* Out-of-range values cannot be typed: the spin button clamps them
       * to the range the schema allows. */
      g_settings_bind_with_mapping (settings, threshold_rows[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                    int_to_double, double_to_int, NULL, NULL);
      adw_preferences_group_add (self->thresholds_group, row);
    }
}

AscendPreferences *
ascend_preferences_new (AscendApplication *app,
                        GtkWindow         *parent)
{
  AscendPreferences *self = g_object_new (ASCEND_TYPE_PREFERENCES, "transient-for", parent, NULL);
  g_autoptr(AscendUser) user = ascend_user_get (ascend_application_get_database (app),
                                                ascend_application_get_user_id (app), NULL);
  g_autofree char *scheme = g_settings_get_string (ascend_application_get_settings (app), "color-scheme");

  self->app = app;
  g_signal_handlers_block_by_func (self->name_row, entry_changed_cb, self);
  g_signal_handlers_block_by_func (self->email_row, entry_changed_cb, self);
  if (user != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), user->name ? user->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->email_row), user->email ? user->email : "");
    }
  g_signal_handlers_unblock_by_func (self->name_row, entry_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->email_row, entry_changed_cb, self);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      adw_combo_row_set_selected (self->style_row, i);

  g_settings_bind (ascend_application_get_settings (app), "background-monitoring",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  add_threshold_rows (self, ascend_application_get_settings (app));
  g_settings_bind_with_mapping (ascend_application_get_settings (app), "day-start-hour", self->day_start_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, int_to_double, double_to_int, NULL, NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ascend_data_page_new (app));
  return self;
}
