/* ascend-secret.c: the Stripe secret key in the Secret Service */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "ascend-secret.h"

static const SecretSchema *
stripe_schema (void)
{
  static const SecretSchema schema = {
    "io.github.animeascend.AnimeAscend.Stripe", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ascend_secret_store_key_async (const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ascend_secret_store_key_async);
  if (key == NULL || *key == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%s", _("Enter a secret key"));
      g_object_unref (task);
      return;
    }
  /* Storing under the same attributes replaces the previous key. */
  secret_password_store (stripe_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Anime Ascend: Stripe secret key"), key, cancellable,
                         store_cb, task, "service", "stripe", NULL);
}

gboolean
ascend_secret_store_key_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

void
ascend_secret_lookup_key_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ascend_secret_lookup_key_async);
  secret_password_lookup (stripe_schema (), cancellable, lookup_cb, task, "service", "stripe", NULL);
}

/* Returned as plain g_free-able memory; libsecret's copy is wiped. */
static char *
to_plain (char *secret)
{
  char *plain;

  if (secret == NULL)
    return NULL;
  plain = g_strdup (secret);
  secret_password_free (secret);
  return plain;
}

char *
ascend_secret_lookup_key_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return to_plain (g_task_propagate_pointer (G_TASK (result), error));
}

char *
ascend_secret_lookup_key_sync (GCancellable  *cancellable,
                               GError       **error)
{
  return to_plain (secret_password_lookup_sync (stripe_schema (), cancellable, error, "service", "stripe", NULL));
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: nothing was stored, which is what we wanted. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ascend_secret_clear_key_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ascend_secret_clear_key_async);
  secret_password_clear (stripe_schema (), cancellable, clear_cb, task, "service", "stripe", NULL);
}

gboolean
ascend_secret_clear_key_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ascend_secret_key_looks_valid (const char *key)
{
  if (key == NULL)
    return FALSE;
  if (!g_str_has_prefix (key, "sk_") && !g_str_has_prefix (key, "rk_"))
    return FALSE;
  if (strlen (key) < 8 || strlen (key) > 255)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void
set_message (char       **message,
             const char  *text)
{
  if (message != NULL)
    {
      g_free (*message);
      *message = g_strdup (text);
    }
}

gboolean
ascend_secret_api_base_valid (const char  *url,
                              char       **message)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      set_message (message, _("Enter the address of the payment server"));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      set_message (message, _("Enter an http or https address, like https://api.stripe.com"));
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      set_message (message, _("The address needs a server name, like https://api.stripe.com"));
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      set_message (message, _("The address cannot have a query (?) or a fragment (#)"));
      return FALSE;
    }
  set_message (message, NULL);
  return TRUE;
}
