/* ascend-support-rules.h: support tickets: what a ticket may hold and who
 * may do what with it
 *
 * Validation is pure (the form checks before anything is written; the tests
 * feed it tables). The operations below it apply the rules and then call
 * the store, so the window and ascendctl behave the same:
 *
 * - anyone creates tickets for their own profile; they start "open";
 * - a profile sees its own tickets; an admin profile sees everyone's;
 * - only an admin moves a ticket, and only forward one step:
 *   open -> in_progress -> resolved; a step back happens only as the Undo
 *   of that step (ascend_support_ticket_undo_status), never as a move;
 * - a profile deletes its own tickets; a deleted ticket comes back with
 *   the same id (ascend_support_ticket_restore).
 *
 * Errors are ASCEND_STORE_ERROR: _INVALID for input or a move the rules
 * refuse (the message says why), _NOT_FOUND for a ticket or profile that
 * is not there.
 */
#pragma once

#include "ascend-support-store.h"

G_BEGIN_DECLS

#define ASCEND_SUPPORT_SUBJECT_MIN        3
#define ASCEND_SUPPORT_SUBJECT_MAX      120
#define ASCEND_SUPPORT_DESCRIPTION_MIN   10
#define ASCEND_SUPPORT_DESCRIPTION_MAX 5000

#define ASCEND_SUPPORT_STATUS_OPEN        "open"
#define ASCEND_SUPPORT_STATUS_IN_PROGRESS "in_progress"
#define ASCEND_SUPPORT_STATUS_RESOLVED    "resolved"

typedef enum {
  ASCEND_SUPPORT_FIELD_NONE = -1,
  ASCEND_SUPPORT_FIELD_SUBJECT,
  ASCEND_SUPPORT_FIELD_DESCRIPTION,
  ASCEND_SUPPORT_FIELD_CATEGORY,
} AscendSupportField;

typedef struct {
  const char *id;     /* stored in supportTickets.category */
  const char *label;  /* N_()-marked: pass through _() */
} AscendSupportCategory;

/* The categories in the order a form lists them. */
const AscendSupportCategory *ascend_support_categories      (guint      *n_categories);
/* The translated label of a category id; the id itself when unknown (an
 * imported ticket may carry any text). */
const char *ascend_support_category_label  (const char *category);
gboolean    ascend_support_category_is_known (const char *category);

/* The three statuses in order, and a translated label for each ("Open",
 * "In progress", "Resolved"; the status itself when unknown). */
const char * const *ascend_support_statuses      (void);
gboolean    ascend_support_status_is_known (const char *status);
const char *ascend_support_status_label    (const char *status);
/* The status after status (NULL after resolved or when unknown), and the
 * translated name of the button that moves a ticket there ("Start",
 * "Resolve"; NULL when there is none). */
const char *ascend_support_status_next     (const char *status);
const char *ascend_support_status_action   (const char *status);

/* text without the white space around it (a new string; "" for NULL). */
char       *ascend_support_clean           (const char *text);

/* Each returns TRUE when valid; otherwise FALSE and, when message is not
 * NULL, a sentence for an inline error. Text is checked trimmed. */
gboolean    ascend_support_validate_subject     (const char  *subject,
                                                 char       **message);
gboolean    ascend_support_validate_description (const char  *description,
                                                 char       **message);
gboolean    ascend_support_validate_category    (const char  *category,
                                                 char       **message);
/* All three; on failure *bad_field (may be NULL) is the first field at
 * fault in form order and *message says what is wrong with it. */
gboolean    ascend_support_validate        (const char          *subject,
                                            const char          *description,
                                            const char          *category,
                                            AscendSupportField  *bad_field,
                                            char               **message);

/* TRUE when only an admin may see and move everyone's tickets. */
gboolean    ascend_support_is_admin        (AscendDatabase *db,
                                            gint64          user_id,
                                            GError        **error);

/* Validates, trims and writes an open ticket for user_id. Returns its id,
 * or 0 with *bad_field set when a field is at fault (nothing written). */
gint64      ascend_support_ticket_create   (AscendDatabase      *db,
                                            gint64               user_id,
                                            const char          *subject,
                                            const char          *description,
                                            const char          *category,
                                            AscendSupportField  *bad_field,
                                            GError             **error);

/* What actor_id may list: its own tickets, or everyone's (all) when it is
 * an admin (a user asking for all is refused). status NULL: any. Newest
 * first; an array of AscendSupportTicketEntry. */
GPtrArray  *ascend_support_ticket_list_for (AscendDatabase *db,
                                            gint64          actor_id,
                                            gboolean        all,
                                            const char     *status,
                                            GError        **error);

/* Moves ticket id one step forward to to_status, for an admin actor_id.
 * Refuses a user, a step back, a skip or a ticket already there. On
 * success *previous (may be NULL) is the status it had, for Undo. */
gboolean    ascend_support_ticket_advance  (AscendDatabase *db,
                                            gint64          actor_id,
                                            gint64          id,
                                            const char     *to_status,
                                            char          **previous,
                                            GError        **error);
/* The Undo of an advance: puts ticket id back from current to previous
 * (one step back), only while it still is current. Admin only. */
gboolean    ascend_support_ticket_undo_status (AscendDatabase *db,
                                               gint64          actor_id,
                                               gint64          id,
                                               const char     *current,
                                               const char     *previous,
                                               GError        **error);

/* Deletes ticket id, which must belong to actor_id; returns the ticket as
 * it was (for ascend_support_ticket_restore), or NULL. */
AscendSupportTicket *ascend_support_ticket_delete_own (AscendDatabase *db,
                                                       gint64          actor_id,
                                                       gint64          id,
                                                       GError        **error);
/* Puts a deleted ticket back, same id, same everything. */
gboolean    ascend_support_ticket_restore  (AscendDatabase            *db,
                                            const AscendSupportTicket *ticket,
                                            GError                   **error);

G_END_DECLS
