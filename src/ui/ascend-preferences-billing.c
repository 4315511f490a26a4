/* ascend-preferences-billing.c: the Billing page of the preferences
 *
 * The secret key goes straight from the password row to the Secret Service
 * (ascend-secret.h); it is never written to the database or GSettings, and
 * the row is emptied once it is saved. The API base URL is the GSettings
 * key stripe-api-base, written only when it is a valid http(s) URL.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-preferences-billing.h"
#include "ascend-secret.h"

typedef struct {
  AscendApplication *app;
  GCancellable      *cancellable;
  GtkWidget         *page;
  GtkWidget         *status_row;
  GtkWidget         *remove_button;
  GtkWidget         *key_row;
  GtkWidget         *save_button;
  GtkWidget         *key_error;
  GtkWidget         *url_row;
  GtkWidget         *url_error;
  char              *pending_key;   /* while the keyring stores it */
  gulong             changed_id;
} Billing;

static void
billing_free (Billing *b)
{
  g_cancellable_cancel (b->cancellable);
  g_clear_object (&b->cancellable);
  g_clear_signal_handler (&b->changed_id, b->app);
  g_free (b->pending_key);
  g_free (b);
}

static void
toast (Billing    *b,
       const char *message)
{
  GtkRoot *root = gtk_widget_get_root (b->page);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
show_error (GtkWidget  *row,
            GtkWidget  *label,
            const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (message != NULL)
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
show_status (Billing *b)
{
  gboolean has_key = ascend_application_has_billing_key (b->app);
  gboolean from_env = ascend_application_billing_key_from_env (b->app);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (b->status_row),
                               from_env ? _("A key is set by STRIPE_API_KEY in the environment")
                               : has_key ? _("A key is saved in your keyring")
                               : _("No key yet: the Shop can spend tokens, but not buy them"));
  gtk_widget_set_visible (b->remove_button, has_key && !from_env);
}

/* ---------------------------------------------------------------- key */

static void
key_changed_cb (Billing *b)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (b->key_row));

  gtk_widget_set_sensitive (b->save_button, *text != '\0');
  if (*text == '\0' || ascend_secret_key_looks_valid (text))
    show_error (b->key_row, b->key_error, NULL);
  else
    show_error (b->key_row, b->key_error,
                _("A Stripe secret key starts with sk_ (or rk_ for a restricted key) and has only letters, digits and _"));
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Billing *b = user_data;
  g_autoptr(GError) error = NULL;

  if (!ascend_secret_store_key_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s says why the keyring refused */
      g_autofree char *message = g_strdup_printf (_("The key could not be saved in your keyring: %s"), error->message);
      show_error (b->key_row, b->key_error, message);
      gtk_widget_set_sensitive (b->save_button, TRUE);
      return;
    }
  ascend_application_set_billing_key (b->app, b->pending_key);
  g_clear_pointer (&b->pending_key, g_free);
  gtk_editable_set_text (GTK_EDITABLE (b->key_row), "");
  show_status (b);
  toast (b, _("Secret key saved in your keyring"));
}

static void
save_clicked_cb (Billing *b)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (b->key_row));

  if (!ascend_secret_key_looks_valid (text))
    {
      key_changed_cb (b);
      if (*text == '\0')
        show_error (b->key_row, b->key_error, _("Enter a secret key"));
      return;
    }
  gtk_widget_set_sensitive (b->save_button, FALSE);
  g_free (b->pending_key);
  b->pending_key = g_strdup (text);
  ascend_secret_store_key_async (text, b->cancellable, stored_cb, b);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Billing *b = user_data;
  g_autoptr(GError) error = NULL;

  if (!ascend_secret_clear_key_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The key could not be removed from your keyring: %s"), error->message);
          toast (b, message);
        }
      return;
    }
  ascend_application_set_billing_key (b->app, NULL);
  show_status (b);
  toast (b, _("Secret key removed"));
}

static void
remove_clicked_cb (Billing *b)
{
  ascend_secret_clear_key_async (b->cancellable, cleared_cb, b);
}

/* ---------------------------------------------------------------- URL */

static void
url_changed_cb (Billing *b)
{
  g_autofree char *message = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->url_row))));

  if (ascend_secret_api_base_valid (text, &message))
    show_error (b->url_row, b->url_error, NULL);
  else
    show_error (b->url_row, b->url_error, message);
}

static void
url_apply_cb (Billing *b)
{
  g_autofree char *message = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (b->url_row))));

  if (!ascend_secret_api_base_valid (text, &message))
    {
      /* Refused inline; the saved address stays. */
      show_error (b->url_row, b->url_error, message);
      return;
    }
  g_settings_set_string (ascend_application_get_settings (b->app), "stripe-api-base", text);
  show_error (b->url_row, b->url_error, NULL);
  toast (b, _("Payment server saved"));
}

static void
url_reset_cb (Billing *b)
{
  GSettings *settings = ascend_application_get_settings (b->app);
  g_autofree char *value = NULL;

  g_settings_reset (settings, "stripe-api-base");
  value = g_settings_get_string (settings, "stripe-api-base");
  gtk_editable_set_text (GTK_EDITABLE (b->url_row), value);
  show_error (b->url_row, b->url_error, NULL);
}

/* ---------------------------------------------------------------- page */

static GtkWidget *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

AdwPreferencesPage *
ascend_preferences_billing_page_new (AscendApplication *app)
{
  Billing *b = g_new0 (Billing, 1);
  GtkWidget *key_group, *url_group, *button, *privacy;
  g_autofree char *base = g_settings_get_string (ascend_application_get_settings (app), "stripe-api-base");

  b->app = app;
  b->cancellable = g_cancellable_new ();
  ascend_application_ensure_billing_key (app);
  b->page = g_object_new (ADW_TYPE_PREFERENCES_PAGE,
                          "name", ASCEND_PREFERENCES_BILLING_PAGE,
                          "title", _("Billing"),
                          "icon-name", "dialog-password-symbolic",
                          NULL);
  g_object_set_data_full (G_OBJECT (b->page), "billing", b, (GDestroyNotify) billing_free);

  key_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (key_group), _("Stripe Secret Key"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (key_group),
    _("Buying tokens and plans goes through your Stripe account. Paste its secret key (Stripe Dashboard → Developers → API keys). "
      "The key is kept in your keyring by the Secret Service: it never goes into the app’s database or settings."));

  b->status_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->status_row), _("Status"));
  b->remove_button = gtk_button_new_with_label (_("Remove"));
  gtk_widget_set_valign (b->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (b->remove_button, "destructive-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (b->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the secret key"), -1);
  g_signal_connect_swapped (b->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), b);
  adw_action_row_add_suffix (ADW_ACTION_ROW (b->status_row), b->remove_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (key_group), b->status_row);

  b->key_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->key_row), _("Secret key"));
  b->save_button = gtk_button_new_with_label (_("Save"));
  gtk_widget_set_valign (b->save_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (b->save_button, "suggested-action");
  gtk_widget_set_sensitive (b->save_button, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save the secret key"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (b->key_row), b->save_button);
  g_signal_connect_swapped (b->key_row, "changed", G_CALLBACK (key_changed_cb), b);
  g_signal_connect_swapped (b->key_row, "entry-activated", G_CALLBACK (save_clicked_cb), b);
  g_signal_connect_swapped (b->save_button, "clicked", G_CALLBACK (save_clicked_cb), b);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (key_group), b->key_row);
  b->key_error = error_label ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (key_group), b->key_error);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (b->page), ADW_PREFERENCES_GROUP (key_group));

  url_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (url_group), _("Payment Server"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (url_group),
    _("Leave this at https://api.stripe.com unless your company routes Stripe through a proxy."));
  b->url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (b->url_row), _("API base URL"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (b->url_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (b->url_row), base);
  button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Use Stripe’s own address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Use Stripe’s own address"), -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (url_reset_cb), b);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (b->url_row), button);
  g_signal_connect_swapped (b->url_row, "changed", G_CALLBACK (url_changed_cb), b);
  g_signal_connect_swapped (b->url_row, "apply", G_CALLBACK (url_apply_cb), b);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (url_group), b->url_row);
  b->url_error = error_label ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (url_group), b->url_error);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (b->page), ADW_PREFERENCES_GROUP (url_group));

  privacy = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (privacy),
    _("Stripe receives your profile’s name and email and what you buy, nothing about your health."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (b->page), ADW_PREFERENCES_GROUP (privacy));

  show_status (b);
  /* The keyring may answer after the page opens. */
  b->changed_id = g_signal_connect_swapped (app, "billing-changed", G_CALLBACK (show_status), b);
  return ADW_PREFERENCES_PAGE (b->page);
}
