/* test-support.c: support tickets: what the form accepts, who sees which
 * tickets, how a ticket's status moves, and that undo gives back the same
 * ticket.
 *
 * Each case fails if a rule a user would notice stops holding: a too-short
 * subject or an unknown category written anyway, text stored with its
 * surrounding spaces, a user seeing another profile's ticket, an admin not
 * seeing one (or without its owner's name), a ticket skipping a step or
 * moving back, a user moving a ticket, an undo that overwrites a later
 * change or brings a ticket back under a new id, tickets outliving their
 * profile.
 */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-support-rules.h"
#include "ascend-user-store.h"

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          admin;
  gint64          user;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(AscendUser) admin = NULL;
  g_autoptr(GError) error = NULL;

  f->db = ascend_test_open_fresh_db (&f->path);
  f->admin = ascend_test_add_user (f->db, "Sakura");
  f->user = ascend_test_add_user (f->db, "Aiko");
  admin = ascend_user_get (f->db, f->admin, &error);
  g_assert_no_error (error);
  g_free (admin->role);
  admin->role = g_strdup ("admin");
  ascend_user_update (f->db, admin, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
}

static gint64
create (Fixture    *f,
        gint64      user,
        const char *subject)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ascend_support_ticket_create (f->db, user, subject,
                                            "The heart rate card stays empty after pairing.",
                                            "health_monitoring", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
status_of (Fixture *f,
           gint64   id)
{
  g_autoptr(AscendSupportTicket) t = ascend_support_ticket_get (f->db, id, NULL);
  return t ? g_strdup (t->status) : NULL;
}

static gint64
row_count (Fixture *f)
{
  return ascend_support_ticket_count (f->db, 0, NULL, NULL);
}

/* --------------------------------------------------------------- validation */

typedef struct {
  const char         *subject;
  const char         *description;
  const char         *category;
  AscendSupportField  field;
  const char         *message;  /* start of the message, or NULL when valid */
} Case;

static void
test_validation_table (void)
{
  g_autofree char *long_subject = g_strnfill (121, 'a');
  g_autofree char *max_subject = g_strnfill (120, 'a');
  g_autofree char *long_description = g_strnfill (5001, 'b');
  g_autofree char *max_description = g_strnfill (5000, 'b');
  /* 120 three-byte characters: the limit counts characters, not bytes. */
  g_autoptr(GString) kana = g_string_new (NULL);
  const char *desc = "Nothing syncs since Monday.";

  for (int i = 0; i < 120; i++)
    g_string_append (kana, "あ");

  {
    const Case cases[] = {
      { "Sync broken", desc, "bug", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { "abc", desc, "account", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { "  abc  ", desc, "other", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { max_subject, desc, "billing", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { kana->str, desc, "feature_request", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { "Help", max_description, "bug", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { "Help", "0123456789", "bug", ASCEND_SUPPORT_FIELD_NONE, NULL },
      { "", desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "Please give the ticket a subject" },
      { NULL, desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "Please give the ticket a subject" },
      { " \t\n ", desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "Please give the ticket a subject" },
      { "ab", desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "The subject needs at least 3 characters" },
      { "  ab   ", desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "The subject needs at least 3 characters" },
      { long_subject, desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "The subject can be at most 120 characters (it has 121)" },
      { "\xff\xfe bad", desc, "bug", ASCEND_SUPPORT_FIELD_SUBJECT, "The subject contains characters" },
      { "Help", "", "bug", ASCEND_SUPPORT_FIELD_DESCRIPTION, "Please describe what happened" },
      { "Help", "  too short  ", "bug", ASCEND_SUPPORT_FIELD_DESCRIPTION, "The description needs at least 10 characters" },
      { "Help", long_description, "bug", ASCEND_SUPPORT_FIELD_DESCRIPTION, "The description can be at most 5000 characters (it has 5001)" },
      { "Help", desc, NULL, ASCEND_SUPPORT_FIELD_CATEGORY, "Please choose a category" },
      { "Help", desc, "", ASCEND_SUPPORT_FIELD_CATEGORY, "Please choose a category" },
      { "Help", desc, "refunds", ASCEND_SUPPORT_FIELD_CATEGORY, "“refunds” is not a category; choose one of account, billing," },
      { "Help", desc, "Bug", ASCEND_SUPPORT_FIELD_CATEGORY, "“Bug” is not a category" },
      /* The first field at fault in form order is the one reported. */
      { "x", "short", "nope", ASCEND_SUPPORT_FIELD_SUBJECT, "The subject needs" },
      { "Help", "short", "nope", ASCEND_SUPPORT_FIELD_DESCRIPTION, "The description needs" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *message = NULL;
        AscendSupportField field = 42;
        gboolean ok = ascend_support_validate (cases[i].subject, cases[i].description,
                                               cases[i].category, &field, &message);

        g_test_message ("case %u: %s", i, cases[i].message ? cases[i].message : "valid");
        g_assert_cmpint (ok, ==, cases[i].message == NULL);
        g_assert_cmpint (field, ==, cases[i].field);
        if (cases[i].message == NULL)
          g_assert_null (message);
        else
          {
            g_assert_nonnull (message);
            g_assert_true (g_str_has_prefix (message, cases[i].message));
          }
      }
  }
}

static void
test_categories_and_statuses (void)
{
  guint n;
  const AscendSupportCategory *categories = ascend_support_categories (&n);
  const char * const *statuses = ascend_support_statuses ();

  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (ascend_support_category_is_known (categories[i].id));
      g_assert_cmpuint (strlen (categories[i].id), <=, 64);
      g_assert_cmpstr (ascend_support_category_label (categories[i].id), !=, categories[i].id);
    }
  g_assert_cmpstr (ascend_support_category_label ("health_monitoring"), ==, "Health monitoring");
  /* An imported ticket with any category still shows something. */
  g_assert_cmpstr (ascend_support_category_label ("legacy"), ==, "legacy");

  g_assert_cmpuint (g_strv_length ((char **) statuses), ==, 3);
  g_assert_cmpstr (ascend_support_status_label ("open"), ==, "Open");
  g_assert_cmpstr (ascend_support_status_label ("in_progress"), ==, "In progress");
  g_assert_cmpstr (ascend_support_status_label ("resolved"), ==, "Resolved");
  g_assert_cmpstr (ascend_support_status_next ("open"), ==, "in_progress");
  g_assert_cmpstr (ascend_support_status_next ("in_progress"), ==, "resolved");
  g_assert_null (ascend_support_status_next ("resolved"));
  g_assert_null (ascend_support_status_next ("closed"));
  g_assert_cmpstr (ascend_support_status_action ("open"), ==, "Start");
  g_assert_cmpstr (ascend_support_status_action ("in_progress"), ==, "Resolve");
  g_assert_null (ascend_support_status_action ("resolved"));
}

/* ------------------------------------------------------------------ create */

static void
test_create_trims_and_opens (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendSupportTicket) t = NULL;
  gint64 before = ascend_now_ms ();
  gint64 id;

  id = ascend_support_ticket_create (f->db, f->user, "  Can't pair my strap \n",
                                     "\n  It finds it, then loses it.  ", "health_monitoring", NULL, &error);
  g_assert_no_error (error);
  t = ascend_support_ticket_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->subject, ==, "Can't pair my strap");
  g_assert_cmpstr (t->description, ==, "It finds it, then loses it.");
  g_assert_cmpstr (t->category, ==, "health_monitoring");
  g_assert_cmpstr (t->status, ==, "open");
  g_assert_cmpint (t->user_id, ==, f->user);
  g_assert_cmpint (t->created_at, >=, before);
  g_assert_cmpint (t->created_at, <=, ascend_now_ms ());
}

static void
test_create_refused_writes_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AscendSupportField field = ASCEND_SUPPORT_FIELD_NONE;

  g_assert_cmpint (ascend_support_ticket_create (f->db, f->user, "ab", "Long enough description", "bug",
                                                 &field, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_assert_cmpint (field, ==, ASCEND_SUPPORT_FIELD_SUBJECT);
  g_assert_cmpstr (error->message, ==, "The subject needs at least 3 characters");
  g_clear_error (&error);

  g_assert_cmpint (ascend_support_ticket_create (f->db, f->user, "Billing", "Long enough description", "refund",
                                                 &field, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_assert_cmpint (field, ==, ASCEND_SUPPORT_FIELD_CATEGORY);
  g_clear_error (&error);

  /* A profile that is not there: no orphan ticket. */
  g_assert_cmpint (ascend_support_ticket_create (f->db, 9999, "Billing", "Long enough description", "billing",
                                                 &field, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (field, ==, ASCEND_SUPPORT_FIELD_NONE);
  g_assert_cmpint (row_count (f), ==, 0);
}

/* ----------------------------------------------------------------- listing */

static void
test_listing_user_and_admin (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(AscendSupportTicket) older = NULL;
  gint64 a1 = create (f, f->user, "First from Aiko");
  gint64 s1 = create (f, f->admin, "From Sakura");
  gint64 a2 = create (f, f->user, "Second from Aiko");

  /* Same millisecond or not, the order must be by time: make it explicit. */
  older = ascend_support_ticket_get (f->db, a1, NULL);
  older->created_at -= 60000;
  ascend_support_ticket_update (f->db, older, &error);
  g_assert_no_error (error);

  mine = ascend_support_ticket_list_for (f->db, f->user, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpint (((AscendSupportTicketEntry *) mine->pdata[0])->ticket->id, ==, a2);
  g_assert_cmpint (((AscendSupportTicketEntry *) mine->pdata[1])->ticket->id, ==, a1);
  g_assert_cmpstr (((AscendSupportTicketEntry *) mine->pdata[0])->owner_name, ==, "Aiko");

  /* A user asking for everyone's tickets is refused, not quietly narrowed. */
  refused = ascend_support_ticket_list_for (f->db, f->user, TRUE, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  all = ascend_support_ticket_list_for (f->db, f->admin, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((AscendSupportTicketEntry *) all->pdata[2])->ticket->id, ==, a1);
  for (guint i = 0; i < all->len; i++)
    {
      AscendSupportTicketEntry *e = all->pdata[i];
      g_assert_cmpstr (e->owner_name, ==, e->ticket->user_id == f->admin ? "Sakura" : "Aiko");
    }

  ascend_support_ticket_advance (f->db, f->admin, s1, "in_progress", NULL, &error);
  g_assert_no_error (error);
  open = ascend_support_ticket_list_for (f->db, f->admin, TRUE, "open", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  for (guint i = 0; i < open->len; i++)
    g_assert_cmpint (((AscendSupportTicketEntry *) open->pdata[i])->ticket->id, !=, s1);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = ascend_support_ticket_list_for (f->db, f->admin, TRUE, "in_progress", &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (ascend_support_ticket_count (f->db, f->user, "open", NULL), ==, 2);

  g_assert_null (ascend_support_ticket_list_for (f->db, f->admin, TRUE, "closed", &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
}

/* -------------------------------------------------------------- transitions */

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *s = NULL;
  gint64 id = create (f, f->user, "Tokens missing");

  /* A user cannot move tickets, not even their own. */
  g_assert_false (ascend_support_ticket_advance (f->db, f->user, id, "in_progress", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Only an admin profile can change a ticket’s status");
  g_clear_error (&error);

  /* No skipping. */
  g_assert_false (ascend_support_ticket_advance (f->db, f->admin, id, "resolved", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ascend_support_ticket_advance (f->db, f->admin, id, "open", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The ticket is already Open");
  g_clear_error (&error);
  g_assert_false (ascend_support_ticket_advance (f->db, f->admin, id, "closed", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  s = status_of (f, id);
  g_assert_cmpstr (s, ==, "open");
  g_clear_pointer (&s, g_free);

  g_assert_true (ascend_support_ticket_advance (f->db, f->admin, id, "in_progress", &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (previous, ==, "open");
  g_clear_pointer (&previous, g_free);

  /* No stepping back by a move. */
  g_assert_false (ascend_support_ticket_advance (f->db, f->admin, id, "open", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_assert_true (strstr (error->message, "cannot go from In progress to Open") != NULL);
  g_clear_error (&error);

  g_assert_true (ascend_support_ticket_advance (f->db, f->admin, id, "resolved", &previous, &error));
  g_assert_cmpstr (previous, ==, "in_progress");
  s = status_of (f, id);
  g_assert_cmpstr (s, ==, "resolved");
  g_clear_pointer (&s, g_free);

  g_assert_false (ascend_support_ticket_advance (f->db, f->admin, id, "resolved", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ascend_support_ticket_advance (f->db, f->admin, 9999, "in_progress", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
}

static void
test_undo_status (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  gint64 id = create (f, f->user, "Undo me");

  g_assert_true (ascend_support_ticket_advance (f->db, f->admin, id, "in_progress", NULL, &error));
  /* A user cannot use undo as a back door. */
  g_assert_false (ascend_support_ticket_undo_status (f->db, f->user, id, "in_progress", "open", &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Nor two steps back at once. */
  g_assert_false (ascend_support_ticket_undo_status (f->db, f->admin, id, "resolved", "open", &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ascend_support_ticket_undo_status (f->db, f->admin, id, "in_progress", "open", &error));
  g_assert_no_error (error);
  s = status_of (f, id);
  g_assert_cmpstr (s, ==, "open");
  g_clear_pointer (&s, g_free);

  /* An undo after the ticket moved on (another window, ascendctl) leaves
   * the later change alone. */
  g_assert_true (ascend_support_ticket_advance (f->db, f->admin, id, "in_progress", NULL, &error));
  g_assert_true (ascend_support_ticket_advance (f->db, f->admin, id, "resolved", NULL, &error));
  g_assert_false (ascend_support_ticket_undo_status (f->db, f->admin, id, "in_progress", "open", &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The ticket’s status changed in the meantime; nothing was changed");
  s = status_of (f, id);
  g_assert_cmpstr (s, ==, "resolved");
}

/* ------------------------------------------------------------ delete, undo */

static void
test_delete_and_restore_keeps_id (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendSupportTicket) before = NULL;
  g_autoptr(AscendSupportTicket) deleted = NULL;
  g_autoptr(AscendSupportTicket) after = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  gint64 id = create (f, f->user, "Delete then undo");
  gint64 other = create (f, f->user, "Stays");

  g_assert_true (ascend_support_ticket_advance (f->db, f->admin, id, "in_progress", NULL, &error));
  before = ascend_support_ticket_get (f->db, id, &error);

  /* Someone else's ticket: refused, even for the admin. */
  g_assert_null (ascend_support_ticket_delete_own (f->db, f->admin, id, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (row_count (f), ==, 2);

  deleted = ascend_support_ticket_delete_own (f->db, f->user, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_null (ascend_support_ticket_get (f->db, id, NULL));
  g_assert_cmpint (row_count (f), ==, 1);

  /* A later ticket must not take the deleted one's id. */
  create (f, f->user, "Written meanwhile");

  g_assert_true (ascend_support_ticket_restore (f->db, deleted, &error));
  g_assert_no_error (error);
  after = ascend_support_ticket_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->id, ==, before->id);
  g_assert_cmpint (after->user_id, ==, before->user_id);
  g_assert_cmpstr (after->subject, ==, before->subject);
  g_assert_cmpstr (after->description, ==, before->description);
  g_assert_cmpstr (after->category, ==, before->category);
  g_assert_cmpstr (after->status, ==, "in_progress");
  g_assert_cmpint (after->created_at, ==, before->created_at);

  mine = ascend_support_ticket_list_for (f->db, f->user, FALSE, NULL, &error);
  g_assert_cmpuint (mine->len, ==, 3);
  (void) other;

  /* Restoring twice is refused, not duplicated. */
  g_assert_false (ascend_support_ticket_restore (f->db, deleted, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (row_count (f), ==, 3);
}

static void
test_cascade_on_user_delete (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  create (f, f->user, "One");
  create (f, f->user, "Two");
  create (f, f->admin, "Admin's");
  g_assert_cmpint (row_count (f), ==, 3);

  g_assert_true (ascend_user_delete (f->db, f->user, &error));
  g_assert_no_error (error);
  g_assert_cmpint (row_count (f), ==, 1);
  all = ascend_support_ticket_list_for (f->db, f->admin, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((AscendSupportTicketEntry *) all->pdata[0])->owner_name, ==, "Sakura");

  /* And the departed profile's list is an error, not an empty success. */
  g_assert_null (ascend_support_ticket_list_for (f->db, f->user, FALSE, NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/support/" path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/support/rules/validation-table", test_validation_table);
  g_test_add_func ("/support/rules/categories-statuses", test_categories_and_statuses);
  ADD ("create/trims-and-opens", test_create_trims_and_opens);
  ADD ("create/refused-writes-nothing", test_create_refused_writes_nothing);
  ADD ("list/user-and-admin", test_listing_user_and_admin);
  ADD ("status/transitions", test_transitions);
  ADD ("status/undo", test_undo_status);
  ADD ("delete/restore-keeps-id", test_delete_and_restore_keeps_id);
  ADD ("delete/cascade-on-user-delete", test_cascade_on_user_delete);
  return g_test_run ();
}
