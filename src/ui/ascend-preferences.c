/* ascend-preferences.c: profile (name, email) and appearance */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-preferences.h"
#include "ascend-preferences-billing.h"
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
typedef enum {
  UNIT_BPM,
  UNIT_OF_10,
  UNIT_MINUTES,
  UNIT_SECONDS,
} ThresholdUnit;

static const struct {
  const char *key;
  const char *title;
  ThresholdUnit unit;
} threshold_rows[] = {
  { "high-hr-rest-bpm", N_("High heart rate at rest"), UNIT_BPM },
  { "high-hr-minutes", N_("…for at least"), UNIT_MINUTES },
  { "very-high-hr-bpm", N_("Very high heart rate (alert at once)"), UNIT_BPM },
  { "high-hr-exercise-bpm", N_("High heart rate during exercise"), UNIT_BPM },
  { "low-hr-bpm", N_("Low heart rate"), UNIT_BPM },
  { "low-hr-minutes", N_("…for at least"), UNIT_MINUTES },
  { "very-low-hr-bpm", N_("Very low heart rate (alert at once)"), UNIT_BPM },
  { "high-stress-level", N_("High stress level"), UNIT_OF_10 },
  { "high-stress-minutes", N_("…for at least"), UNIT_MINUTES },
  { "arrhythmia-minutes", N_("Irregular rhythm for at least"), UNIT_MINUTES },
  { "alert-cooldown-minutes", N_("Quiet time between alerts of one kind"), UNIT_MINUTES },
  { "countdown-seconds", N_("“Are you OK?” countdown after a critical alert"), UNIT_SECONDS },
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

/* The unit beside a spin button agrees with its value: "1 minute", "5 minutes". */
static char *
unit_text (ThresholdUnit unit,
           int           value)
{
  switch (unit)
    {
    case UNIT_MINUTES:
      return g_strdup (g_dngettext (GETTEXT_PACKAGE, "minute", "minutes", (gulong) MAX (value, 0)));
    case UNIT_SECONDS:
      return g_strdup (g_dngettext (GETTEXT_PACKAGE, "second", "seconds", (gulong) MAX (value, 0)));
    case UNIT_OF_10:
      return g_strdup (_("of 10"));
    case UNIT_BPM:
    default:
      return g_strdup (_("bpm"));
    }
}

static void
threshold_value_changed_cb (GtkSpinButton *spin,
                            AdwActionRow  *row)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "threshold-row"));
  g_autofree char *unit = unit_text (threshold_rows[i].unit, gtk_spin_button_get_value_as_int (spin));
  g_autofree char *accessible = g_strdup_printf ("%s (%s)", _(threshold_rows[i].title), unit);

  adw_action_row_set_subtitle (row, unit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
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
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      /* Out-of-range values cannot be typed: the spin button clamps them
       * to the range the schema allows. */
      g_settings_bind_with_mapping (settings, threshold_rows[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                    int_to_double, double_to_int, NULL, NULL);
      g_object_set_data (G_OBJECT (spin), "threshold-row", GUINT_TO_POINTER (i));
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (threshold_value_changed_cb), row, 0);
      threshold_value_changed_cb (GTK_SPIN_BUTTON (spin), ADW_ACTION_ROW (row));
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
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ascend_preferences_billing_page_new (app));
  g_settings_bind_with_mapping (ascend_application_get_settings (app), "day-start-hour", self->day_start_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, int_to_double, double_to_int, NULL, NULL);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ascend_data_page_new (app));
  return self;
}
