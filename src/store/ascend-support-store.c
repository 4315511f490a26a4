/* ascend-support-store.c: supportTickets lists and status changes */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ascend-support-store.h"

void
ascend_support_ticket_entry_free (AscendSupportTicketEntry *entry)
{
  if (entry == NULL)
    return;
  ascend_support_ticket_free (entry->ticket);
  g_free (entry->owner_name);
  g_free (entry->owner_email);
  g_free (entry);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

GPtrArray *
ascend_support_ticket_list_entries (AscendDatabase  *db,
                                    gint64           user_id,
                                    const char      *status,
                                    GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (user_id >= 0, NULL);

  /* ?1 = 0 and ?2 IS NULL switch the filters off: one statement, cached. */
  stmt = ascend_database_prepare (db,
    "SELECT t.id, t.userId, t.subject, t.description, t.category, t.status, t.createdAt,"
    " u.name, u.email"
    " FROM supportTickets t JOIN users u ON u.id = t.userId"
    " WHERE (?1 = 0 OR t.userId = ?1) AND (?2 IS NULL OR t.status = ?2)"
    " ORDER BY t.createdAt DESC, t.id DESC",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (status != NULL)
    sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_support_ticket_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AscendSupportTicketEntry *entry = g_new0 (AscendSupportTicketEntry, 1);
      AscendSupportTicket *t = ascend_support_ticket_new ();

      g_clear_pointer (&t->status, g_free);
      t->id = sqlite3_column_int64 (stmt, 0);
      t->user_id = sqlite3_column_int64 (stmt, 1);
      t->subject = column_text (stmt, 2);
      t->description = column_text (stmt, 3);
      t->category = column_text (stmt, 4);
      t->status = column_text (stmt, 5);
      t->created_at = sqlite3_column_int64 (stmt, 6);
      entry->ticket = t;
      entry->owner_name = column_text (stmt, 7);
      entry->owner_email = column_text (stmt, 8);
      g_ptr_array_add (entries, entry);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    {
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
ascend_support_ticket_swap_status (AscendDatabase  *db,
                                   gint64           id,
                                   const char      *expected_status,
                                   const char      *new_status,
                                   GError         **error)
{
  g_autoptr(AscendSupportTicket) ticket = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (expected_status != NULL && new_status != NULL, FALSE);

  stmt = ascend_database_prepare (db,
    "UPDATE supportTickets SET status = ?1 WHERE id = ?2 AND status = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, new_status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, expected_status, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  if (sqlite3_changes (ascend_database_get_handle (db)) == 1)
    return TRUE;

  /* Nothing changed: say whether the ticket is gone or has moved on. */
  ticket = ascend_support_ticket_get (db, id, NULL);
  if (ticket == NULL)
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                 _("Ticket %" PRId64 " does not exist"), id);
  else
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT,
                 _("Ticket %" PRId64 " has changed in the meantime"), id);
  return FALSE;
}

gint64
ascend_support_ticket_count (AscendDatabase  *db,
                             gint64           user_id,
                             const char      *status,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), -1);

  stmt = ascend_database_prepare (db,
    "SELECT count(*) FROM supportTickets"
    " WHERE (?1 = 0 OR userId = ?1) AND (?2 IS NULL OR status = ?2)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (status != NULL)
    sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    {
      ascend_database_set_error (db, rc, error);
      return -1;
    }
  return count;
}
