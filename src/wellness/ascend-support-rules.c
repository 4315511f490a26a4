/* ascend-support-rules.c: support ticket validation, statuses and who may
 * do what */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ascend-support-rules.h"
#include "ascend-user-store.h"

static const AscendSupportCategory categories[] = {
  { "account", N_("Account") },
  { "billing", N_("Billing and tokens") },
  { "health_monitoring", N_("Health monitoring") },
  { "bug", N_("Something is broken") },
  { "feature_request", N_("Idea or request") },
  { "other", N_("Other") },
};

static const char * const statuses[] = {
  ASCEND_SUPPORT_STATUS_OPEN,
  ASCEND_SUPPORT_STATUS_IN_PROGRESS,
  ASCEND_SUPPORT_STATUS_RESOLVED,
  NULL
};

static void
set_message (char **message,
             char  *text)
{
  if (message != NULL)
    *message = text;
  else
    g_free (text);
}

const AscendSupportCategory *
ascend_support_categories (guint *n_categories)
{
  if (n_categories != NULL)
    *n_categories = G_N_ELEMENTS (categories);
  return categories;
}

const char *
ascend_support_category_label (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].id, category) == 0)
      return _(categories[i].label);
  return category ? category : "";
}

gboolean
ascend_support_category_is_known (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].id, category) == 0)
      return TRUE;
  return FALSE;
}

const char * const *
ascend_support_statuses (void)
{
  return statuses;
}

gboolean
ascend_support_status_is_known (const char *status)
{
  return status != NULL && g_strv_contains (statuses, status);
}

const char *
ascend_support_status_label (const char *status)
{
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_OPEN) == 0)
    return C_("ticket status", "Open");
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_IN_PROGRESS) == 0)
    return C_("ticket status", "In progress");
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_RESOLVED) == 0)
    return C_("ticket status", "Resolved");
  return status ? status : "";
}

const char *
ascend_support_status_next (const char *status)
{
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_OPEN) == 0)
    return ASCEND_SUPPORT_STATUS_IN_PROGRESS;
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_IN_PROGRESS) == 0)
    return ASCEND_SUPPORT_STATUS_RESOLVED;
  return NULL;
}

const char *
ascend_support_status_action (const char *status)
{
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_OPEN) == 0)
    return C_("ticket action", "Start");
  if (g_strcmp0 (status, ASCEND_SUPPORT_STATUS_IN_PROGRESS) == 0)
    return C_("ticket action", "Resolve");
  return NULL;
}

char *
ascend_support_clean (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

typedef enum { TEXT_OK, TEXT_INVALID, TEXT_EMPTY, TEXT_SHORT, TEXT_LONG } TextCheck;

static TextCheck
check_text (const char *text,
            int         min,
            int         max,
            int        *length)
{
  g_autofree char *clean = ascend_support_clean (text);

  *length = 0;
  if (!g_utf8_validate (clean, -1, NULL))
    return TEXT_INVALID;
  if (*clean == '\0')
    return TEXT_EMPTY;
  *length = (int) g_utf8_strlen (clean, -1);
  if (*length < min)
    return TEXT_SHORT;
  if (*length > max)
    return TEXT_LONG;
  return TEXT_OK;
}

gboolean
ascend_support_validate_subject (const char  *subject,
                                 char       **message)
{
  int length;

  switch (check_text (subject, ASCEND_SUPPORT_SUBJECT_MIN, ASCEND_SUPPORT_SUBJECT_MAX, &length))
    {
    case TEXT_OK:
      return TRUE;
    case TEXT_INVALID:
      set_message (message, g_strdup (_("The subject contains characters that are not valid text")));
      break;
    case TEXT_EMPTY:
      set_message (message, g_strdup (_("Please give the ticket a subject")));
      break;
    case TEXT_SHORT:
      set_message (message, g_strdup_printf (_("The subject needs at least %d characters"),
                                             ASCEND_SUPPORT_SUBJECT_MIN));
      break;
    case TEXT_LONG:
    default:
      /* TRANSLATORS: the maximum, then how many there are now */
      set_message (message, g_strdup_printf (_("The subject can be at most %d characters (it has %d)"),
                                             ASCEND_SUPPORT_SUBJECT_MAX, length));
      break;
    }
  return FALSE;
}

gboolean
ascend_support_validate_description (const char  *description,
                                     char       **message)
{
  int length;

  switch (check_text (description, ASCEND_SUPPORT_DESCRIPTION_MIN, ASCEND_SUPPORT_DESCRIPTION_MAX, &length))
    {
    case TEXT_OK:
      return TRUE;
    case TEXT_INVALID:
      set_message (message, g_strdup (_("The description contains characters that are not valid text")));
      break;
    case TEXT_EMPTY:
      set_message (message, g_strdup (_("Please describe what happened")));
      break;
    case TEXT_SHORT:
      set_message (message, g_strdup_printf (_("The description needs at least %d characters: say what happened and what you expected"),
                                             ASCEND_SUPPORT_DESCRIPTION_MIN));
      break;
    case TEXT_LONG:
    default:
      /* TRANSLATORS: the maximum, then how many there are now */
      set_message (message, g_strdup_printf (_("The description can be at most %d characters (it has %d)"),
                                             ASCEND_SUPPORT_DESCRIPTION_MAX, length));
      break;
    }
  return FALSE;
}

gboolean
ascend_support_validate_category (const char  *category,
                                  char       **message)
{
  if (category == NULL || *category == '\0')
    {
      set_message (message, g_strdup (_("Please choose a category")));
      return FALSE;
    }
  if (!ascend_support_category_is_known (category))
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", categories[i].id);
      /* TRANSLATORS: the unknown category, then the list of known ones */
      set_message (message, g_strdup_printf (_("“%s” is not a category; choose one of %s"),
                                             category, known->str));
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_support_validate (const char          *subject,
                         const char          *description,
                         const char          *category,
                         AscendSupportField  *bad_field,
                         char               **message)
{
  AscendSupportField field = ASCEND_SUPPORT_FIELD_NONE;

  if (!ascend_support_validate_subject (subject, message))
    field = ASCEND_SUPPORT_FIELD_SUBJECT;
  else if (!ascend_support_validate_description (description, message))
    field = ASCEND_SUPPORT_FIELD_DESCRIPTION;
  else if (!ascend_support_validate_category (category, message))
    field = ASCEND_SUPPORT_FIELD_CATEGORY;
  if (bad_field != NULL)
    *bad_field = field;
  return field == ASCEND_SUPPORT_FIELD_NONE;
}

/* ------------------------------------------------------------- operations */

static AscendUser *
get_profile (AscendDatabase  *db,
             gint64           user_id,
             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  AscendUser *user = ascend_user_get (db, user_id, &local_error);

  if (user == NULL)
    {
      if (g_error_matches (local_error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND) || local_error == NULL)
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                     _("Profile %" PRId64 " does not exist"), user_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return user;
}

gboolean
ascend_support_is_admin (AscendDatabase  *db,
                         gint64           user_id,
                         GError         **error)
{
  g_autoptr(AscendUser) user = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  user = get_profile (db, user_id, error);
  return user != NULL && g_strcmp0 (user->role, "admin") == 0;
}

static gboolean
require_admin (AscendDatabase  *db,
               gint64           actor_id,
               const char      *refusal,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ascend_support_is_admin (db, actor_id, &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID, refusal);
  return FALSE;
}

gint64
ascend_support_ticket_create (AscendDatabase      *db,
                              gint64               user_id,
                              const char          *subject,
                              const char          *description,
                              const char          *category,
                              AscendSupportField  *bad_field,
                              GError             **error)
{
  g_autoptr(AscendSupportTicket) ticket = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autofree char *message = NULL;
  AscendSupportField field;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);

  if (bad_field != NULL)
    *bad_field = ASCEND_SUPPORT_FIELD_NONE;
  if (!ascend_support_validate (subject, description, category, &field, &message))
    {
      if (bad_field != NULL)
        *bad_field = field;
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID, message);
      return 0;
    }
  user = get_profile (db, user_id, error);
  if (user == NULL)
    return 0;

  ticket = ascend_support_ticket_new ();
  ticket->user_id = user_id;
  ticket->subject = ascend_support_clean (subject);
  ticket->description = ascend_support_clean (description);
  ticket->category = g_strdup (category);
  g_free (ticket->status);
  ticket->status = g_strdup (ASCEND_SUPPORT_STATUS_OPEN);
  ticket->created_at = ascend_now_ms ();
  return ascend_support_ticket_insert (db, ticket, error);
}

GPtrArray *
ascend_support_ticket_list_for (AscendDatabase  *db,
                            gint64           actor_id,
                            gboolean         all,
                            const char      *status,
                            GError         **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  if (status != NULL && !ascend_support_status_is_known (status))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("“%s” is not a ticket status; use open, in_progress or resolved"), status);
      return NULL;
    }
  if (all)
    {
      if (!require_admin (db, actor_id, _("Only an admin profile can see every profile’s tickets"), error))
        return NULL;
      return ascend_support_ticket_list_entries (db, 0, status, error);
    }
  {
    g_autoptr(AscendUser) user = get_profile (db, actor_id, error);
    if (user == NULL)
      return NULL;
  }
  return ascend_support_ticket_list_entries (db, actor_id, status, error);
}

static gboolean
explain_swap_failure (GError **error,
                      GError  *local_error)
{
  if (g_error_matches (local_error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT))
    {
      g_error_free (local_error);
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("The ticket’s status changed in the meantime; nothing was changed"));
    }
  else
    g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
ascend_support_ticket_advance (AscendDatabase  *db,
                               gint64           actor_id,
                               gint64           id,
                               const char      *to_status,
                               char           **previous,
                               GError         **error)
{
  g_autoptr(AscendSupportTicket) ticket = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_support_status_is_known (to_status))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("“%s” is not a ticket status; use open, in_progress or resolved"),
                   to_status ? to_status : "");
      return FALSE;
    }
  if (!require_admin (db, actor_id, _("Only an admin profile can change a ticket’s status"), error))
    return FALSE;
  ticket = ascend_support_ticket_get (db, id, &local_error);
  if (ticket == NULL)
    {
      g_clear_error (&local_error);
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist"), id);
      return FALSE;
    }
  if (g_strcmp0 (ticket->status, to_status) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("The ticket is already %s"), ascend_support_status_label (to_status));
      return FALSE;
    }
  if (g_strcmp0 (ascend_support_status_next (ticket->status), to_status) != 0)
    {
      /* TRANSLATORS: the ticket's status now, then the one asked for */
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("A ticket moves forward one step at a time (Open, In progress, Resolved): it cannot go from %s to %s"),
                   ascend_support_status_label (ticket->status), ascend_support_status_label (to_status));
      return FALSE;
    }
  if (!ascend_support_ticket_swap_status (db, id, ticket->status, to_status, &local_error))
    return explain_swap_failure (error, local_error);
  if (previous != NULL)
    *previous = g_strdup (ticket->status);
  return TRUE;
}

gboolean
ascend_support_ticket_undo_status (AscendDatabase  *db,
                                   gint64           actor_id,
                                   gint64           id,
                                   const char      *current,
                                   const char      *previous,
                                   GError         **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_support_status_is_known (previous) || !ascend_support_status_is_known (current)
      || g_strcmp0 (ascend_support_status_next (previous), current) != 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Only the last step of a ticket can be undone"));
      return FALSE;
    }
  if (!require_admin (db, actor_id, _("Only an admin profile can change a ticket’s status"), error))
    return FALSE;
  if (!ascend_support_ticket_swap_status (db, id, current, previous, &local_error))
    return explain_swap_failure (error, local_error);
  return TRUE;
}

AscendSupportTicket *
ascend_support_ticket_delete_own (AscendDatabase  *db,
                                  gint64           actor_id,
                                  gint64           id,
                                  GError         **error)
{
  g_autoptr(AscendSupportTicket) ticket = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  ticket = ascend_support_ticket_get (db, id, &local_error);
  if (ticket == NULL)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist"), id);
      return NULL;
    }
  if (ticket->user_id != actor_id)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("Only the profile that wrote a ticket can delete it"));
      return NULL;
    }
  if (!ascend_support_ticket_delete (db, id, error))
    return NULL;
  return g_steal_pointer (&ticket);
}

gboolean
ascend_support_ticket_restore (AscendDatabase             *db,
                               const AscendSupportTicket  *ticket,
                               GError                    **error)
{
  g_autoptr(AscendSupportTicket) copy = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ticket != NULL && ticket->id > 0, FALSE);

  /* Insert fills in defaults: write a copy, keep the caller's as it was. */
  copy = ascend_support_ticket_new ();
  copy->id = ticket->id;
  copy->user_id = ticket->user_id;
  copy->subject = g_strdup (ticket->subject);
  copy->description = g_strdup (ticket->description);
  copy->category = g_strdup (ticket->category);
  g_free (copy->status);
  copy->status = g_strdup (ticket->status);
  copy->created_at = ticket->created_at;
  return ascend_support_ticket_insert (db, copy, error) == ticket->id;
}
