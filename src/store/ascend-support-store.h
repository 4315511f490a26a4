/* ascend-support-store.h: support tickets as the Support section reads them
 *
 * The row API (ascend_support_ticket_insert/get/update/delete) lives in
 * ascend-business-store.h; this adds what a list of tickets needs: newest
 * first, one profile's or everyone's, a status filter, and the owner's name
 * joined in. The rules (who may do what) are in ascend-support-rules.h.
 */
#pragma once

#include "ascend-business-store.h"

G_BEGIN_DECLS

typedef struct {
  AscendSupportTicket *ticket;
  char                *owner_name;   /* users.name; NULL when the profile has none */
  char                *owner_email;  /* users.email or NULL */
} AscendSupportTicketEntry;

void       ascend_support_ticket_entry_free (AscendSupportTicketEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendSupportTicketEntry, ascend_support_ticket_entry_free)

/* Tickets of user_id (0: every profile's), with status (NULL: any),
 * newest first (createdAt, then id, descending). An array of
 * AscendSupportTicketEntry. */
GPtrArray *ascend_support_ticket_list_entries (AscendDatabase *db,
                                               gint64          user_id,
                                               const char     *status,
                                               GError        **error);

/* Sets the status of ticket id to new_status only while it is
 * expected_status (so an Undo never overwrites a later change). FALSE with
 * ASCEND_STORE_ERROR_NOT_FOUND when there is no such ticket, or
 * ASCEND_STORE_ERROR_CONSTRAINT when its status is no longer
 * expected_status. */
gboolean   ascend_support_ticket_swap_status  (AscendDatabase *db,
                                               gint64          id,
                                               const char     *expected_status,
                                               const char     *new_status,
                                               GError        **error);

/* How many tickets of user_id (0: everyone) have status (NULL: any). */
gint64     ascend_support_ticket_count        (AscendDatabase *db,
                                               gint64          user_id,
                                               const char     *status,
                                               GError        **error);

G_END_DECLS
