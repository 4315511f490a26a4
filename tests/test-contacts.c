/* test-contacts.c: emergency contacts keep exactly one primary and the
 * user's order; what the contact form accepts; the alert history query.
 *
 * Each case fails if a rule a user would notice stops holding: two people
 * marked "primary" (whoever writes, the store or raw SQL), a first contact
 * that is not called first, a deleted primary leaving nobody primary, Move
 * Up/Down not sticking, an undo that changes the contact, a phone number
 * the dialer cannot use, or contacts outliving their profile.
 */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-contact-rules.h"
#include "ascend-health-store.h"
#include "ascend-user-store.h"

#define MSG_ONE_PRIMARY "Only one emergency contact can be primary"

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
  gint64          other;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Sakura");
  f->other = ascend_test_add_user (f->db, "Aiko");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
}

static gint64
add (Fixture    *f,
     gint64      user,
     const char *name,
     gboolean    primary,
     gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendEmergencyContact) c = ascend_emergency_contact_new ();
  gint64 id;

  c->user_id = user;
  c->name = g_strdup (name);
  c->phone = g_strdup ("+81 90 1234 5678");
  c->relationship = g_strdup ("Friend");
  c->is_primary = primary;
  c->created_at = created_at;
  id = ascend_emergency_contact_insert (f->db, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
count_primaries (Fixture *f,
                 gint64   user)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM emergencyContacts WHERE userId = %" G_GINT64_FORMAT
                                          " AND isPrimary = 1", user);
  return query_int (f, sql);
}

static gboolean
is_primary (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendEmergencyContact) c = ascend_emergency_contact_get (f->db, id, &error);

  g_assert_no_error (error);
  return c->is_primary;
}

/* The names of user's contacts in list_ordered() order, joined by commas,
 * and a check that only the first may be primary. */
static char *
order (Fixture *f,
       gint64   user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = ascend_emergency_contact_list_ordered (f->db, user, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      AscendEmergencyContact *c = contacts->pdata[i];
      if (i > 0)
        {
          g_string_append_c (out, ',');
          g_assert_false (c->is_primary);
        }
      g_string_append (out, c->name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_order(f, user, expected)          \
  G_STMT_START {                                 \
    g_autofree char *got_ = order (f, user);     \
    g_assert_cmpstr (got_, ==, expected);        \
  } G_STMT_END

/* ------------------------------------------------------------------------ */

static void
test_first_contact_is_primary (Fixture       *f,
                               gconstpointer  data)
{
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);
  gint64 ren = add (f, f->user, "Ren", FALSE, 0);
  gint64 aiko_first = add (f, f->other, "Hana", FALSE, 0);

  g_assert_true (is_primary (f, mika));
  g_assert_false (is_primary (f, ren));
  /* Each user has a primary of their own. */
  g_assert_true (is_primary (f, aiko_first));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
  g_assert_cmpint (count_primaries (f, f->other), ==, 1);
  assert_order (f, f->user, "Mika,Ren");
}

static void
test_new_primary_takes_over (Fixture       *f,
                             gconstpointer  data)
{
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);
  gint64 ren = add (f, f->user, "Ren", TRUE, 0);

  g_assert_false (is_primary (f, mika));
  g_assert_true (is_primary (f, ren));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
  assert_order (f, f->user, "Ren,Mika");
}

static void
test_failed_insert_changes_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendEmergencyContact) c = ascend_emergency_contact_new ();
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);

  /* Asking for primary clears the old one first; the bad phone must undo it. */
  c->user_id = f->user;
  c->name = g_strdup ("Ren");
  c->phone = g_strdup ("012345678901234567890123");
  c->is_primary = TRUE;
  g_assert_cmpint (ascend_emergency_contact_insert (f->db, c, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The phone number must be 1 to 20 characters");
  g_assert_true (is_primary (f, mika));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM emergencyContacts"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contactPositions"), ==, 1);
}

static void
test_set_primary (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);
  gint64 ren = add (f, f->user, "Ren", FALSE, 0);
  gint64 hana = add (f, f->other, "Hana", FALSE, 0);

  g_assert_true (ascend_emergency_contact_set_primary (f->db, f->user, ren, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (f, ren));
  g_assert_false (is_primary (f, mika));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
  assert_order (f, f->user, "Ren,Mika");

  /* Again: nothing to change, still one. */
  g_assert_true (ascend_emergency_contact_set_primary (f->db, f->user, ren, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);

  /* Another user's contact, or one that is gone: refused, nothing changes. */
  g_assert_false (ascend_emergency_contact_set_primary (f->db, f->user, hana, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ascend_emergency_contact_set_primary (f->db, f->user, 9999, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (is_primary (f, ren));
  g_assert_true (is_primary (f, hana));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
}

static void
test_raw_sql_cannot_add_a_second_primary (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *update = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *insert_other = NULL;
  sqlite3 *raw = ascend_database_get_handle (f->db);
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);
  gint64 ren = add (f, f->user, "Ren", FALSE, 0);

  update = g_strdup_printf ("UPDATE emergencyContacts SET isPrimary = 1 WHERE id = %" G_GINT64_FORMAT, ren);
  g_assert_cmpint (sqlite3_exec (raw, update, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_UNIQUE);

  /* Through the store's own exec: the sentence a person reads. */
  g_assert_false (ascend_database_exec (f->db, update, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_ONE_PRIMARY);
  g_clear_error (&error);

  insert = g_strdup_printf ("INSERT INTO emergencyContacts (userId, name, phone, isPrimary, createdAt) "
                            "VALUES (%" G_GINT64_FORMAT ", 'Kai', '110 110 110', 1, 5)", f->user);
  g_assert_false (ascend_database_exec (f->db, insert, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_ONE_PRIMARY);
  g_clear_error (&error);

  /* The rule is per user: another profile's primary is fine. */
  insert_other = g_strdup_printf ("INSERT INTO emergencyContacts (userId, name, phone, isPrimary, createdAt) "
                                  "VALUES (%" G_GINT64_FORMAT ", 'Kai', '110 110 110', 1, 5)", f->other);
  g_assert_true (ascend_database_exec (f->db, insert_other, &error));
  g_assert_no_error (error);

  g_assert_true (is_primary (f, mika));
  g_assert_false (is_primary (f, ren));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
  g_assert_cmpint (count_primaries (f, f->other), ==, 1);
}

static void
test_delete_promotes_next (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);
  gint64 ren = add (f, f->user, "Ren", FALSE, 0);
  gint64 kai = add (f, f->user, "Kai", FALSE, 0);

  /* Kai moves above Ren: "next" is in the user's order, not by age. */
  g_assert_true (ascend_emergency_contact_move (f->db, kai, 1, &error));
  g_assert_no_error (error);
  assert_order (f, f->user, "Mika,Kai,Ren");

  g_assert_true (ascend_emergency_contact_delete (f->db, mika, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (f, kai));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
  assert_order (f, f->user, "Kai,Ren");

  /* Deleting one that is not primary leaves the primary alone. */
  g_assert_true (ascend_emergency_contact_delete (f->db, ren, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (f, kai));

  g_assert_true (ascend_emergency_contact_delete (f->db, kai, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_primaries (f, f->user), ==, 0);
  assert_order (f, f->user, "");
  /* Its order row went with it (ON DELETE CASCADE). */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contactPositions"), ==, 0);

  g_assert_false (ascend_emergency_contact_delete (f->db, kai, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
}

static void
test_update_keeps_one_primary (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mika = add (f, f->user, "Mika", FALSE, 0);
  gint64 ren = add (f, f->user, "Ren", FALSE, 0);
  g_autoptr(AscendEmergencyContact) c = NULL;

  /* Switching Ren's flag on through an edit takes it from Mika. */
  c = ascend_emergency_contact_get (f->db, ren, &error);
  g_assert_no_error (error);
  c->is_primary = TRUE;
  g_assert_true (ascend_emergency_contact_update (f->db, c, &error));
  g_assert_no_error (error);
  g_assert_true (is_primary (f, ren));
  g_assert_false (is_primary (f, mika));

  /* Switching it off passes it on to the next. */
  c->is_primary = FALSE;
  g_assert_true (ascend_emergency_contact_update (f->db, c, &error));
  g_assert_no_error (error);
  g_assert_false (c->is_primary);
  g_assert_true (is_primary (f, mika));
  g_assert_false (is_primary (f, ren));
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);

  /* The only contact stays primary, and the caller's record says so. */
  g_assert_true (ascend_emergency_contact_delete (f->db, ren, &error));
  g_assert_no_error (error);
  g_clear_pointer (&c, ascend_emergency_contact_free);
  c = ascend_emergency_contact_get (f->db, mika, &error);
  c->is_primary = FALSE;
  g_free (c->name);
  c->name = g_strdup ("Mika Tanaka");
  g_assert_true (ascend_emergency_contact_update (f->db, c, &error));
  g_assert_no_error (error);
  g_assert_true (c->is_primary);
  g_assert_true (is_primary (f, mika));
  assert_order (f, f->user, "Mika Tanaka");
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, f->user, "A", FALSE, 0);
  gint64 b = add (f, f->user, "B", FALSE, 0);
  gint64 c = add (f, f->user, "C", FALSE, 0);
  gint64 d = add (f, f->user, "D", FALSE, 0);

  assert_order (f, f->user, "A,B,C,D");

  /* Move Up, Move Down as the Contacts page does: one step at a time. */
  g_assert_true (ascend_emergency_contact_move (f->db, d, 2, &error));
  assert_order (f, f->user, "A,B,D,C");
  g_assert_true (ascend_emergency_contact_move (f->db, d, 1, &error));
  assert_order (f, f->user, "A,D,B,C");
  g_assert_true (ascend_emergency_contact_move (f->db, b, 3, &error));
  assert_order (f, f->user, "A,D,C,B");
  g_assert_no_error (error);

  /* Nobody passes the primary; the primary does not move; past the end is the end. */
  g_assert_true (ascend_emergency_contact_move (f->db, c, 0, &error));
  assert_order (f, f->user, "A,C,D,B");
  g_assert_true (ascend_emergency_contact_move (f->db, a, 3, &error));
  assert_order (f, f->user, "A,C,D,B");
  g_assert_true (ascend_emergency_contact_move (f->db, c, 99, &error));
  assert_order (f, f->user, "A,D,B,C");
  g_assert_no_error (error);

  /* The order survives a change of primary: the old primary heads the rest. */
  g_assert_true (ascend_emergency_contact_set_primary (f->db, f->user, b, &error));
  assert_order (f, f->user, "B,A,D,C");
  /* ... and a new contact joins at the end. */
  add (f, f->user, "E", FALSE, 0);
  assert_order (f, f->user, "B,A,D,C,E");
  /* ... and another profile's order is its own. */
  add (f, f->other, "X", FALSE, 0);
  add (f, f->other, "Y", FALSE, 0);
  assert_order (f, f->other, "X,Y");

  /* Reopening the file reads the same order. */
  g_clear_object (&f->db);
  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
  assert_order (f, f->user, "B,A,D,C,E");

  g_assert_false (ascend_emergency_contact_move (f->db, 9999, 0, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
}

static void
test_order_without_positions (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 a = add (f, f->user, "A", FALSE, 100);
  gint64 b = add (f, f->user, "B", FALSE, 200);

  /* Rows written by an import or by hand have no position: they follow the
   * ordered ones, oldest first. */
  sql = g_strdup_printf ("INSERT INTO emergencyContacts (userId, name, phone, isPrimary, createdAt) VALUES "
                         "(%" G_GINT64_FORMAT ", 'Late', '110 110 110', 0, 900), "
                         "(%" G_GINT64_FORMAT ", 'Early', '110 110 110', 0, 50)", f->user, f->user);
  g_assert_true (ascend_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
  g_assert_true (ascend_emergency_contact_move (f->db, b, 1, &error));
  assert_order (f, f->user, "A,B,Early,Late");
  /* A move writes every position, so such rows join the order. */
  g_assert_true (ascend_emergency_contact_move (f->db, b, 3, &error));
  g_assert_no_error (error);
  assert_order (f, f->user, "A,Early,Late,B");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contactPositions"), ==, 4);
  g_assert_true (is_primary (f, a));
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, f->user, "A", FALSE, 0);
  gint64 b = add (f, f->user, "B", FALSE, 0);
  add (f, f->user, "C", FALSE, 0);
  g_autoptr(AscendEmergencyContact) saved = NULL;

  /* Undo of a middle contact: same id, same place, same fields. */
  saved = ascend_emergency_contact_get (f->db, b, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_emergency_contact_delete (f->db, b, &error));
  assert_order (f, f->user, "A,C");
  g_assert_true (ascend_emergency_contact_restore (f->db, saved, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, ==, b);
  assert_order (f, f->user, "A,B,C");
  {
    g_autoptr(AscendEmergencyContact) back = ascend_emergency_contact_get (f->db, b, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (back->phone, ==, "+81 90 1234 5678");
    g_assert_cmpstr (back->relationship, ==, "Friend");
    g_assert_cmpint (back->created_at, ==, saved->created_at);
  }

  /* Undo of the primary: it is primary again, the promoted one steps back. */
  g_clear_pointer (&saved, ascend_emergency_contact_free);
  saved = ascend_emergency_contact_get (f->db, a, &error);
  g_assert_true (ascend_emergency_contact_delete (f->db, a, &error));
  g_assert_true (is_primary (f, b));
  g_assert_true (ascend_emergency_contact_restore (f->db, saved, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, ==, a);
  g_assert_true (is_primary (f, a));
  g_assert_false (is_primary (f, b));
  assert_order (f, f->user, "A,B,C");
  g_assert_cmpint (count_primaries (f, f->user), ==, 1);
}

static void
test_cascade_on_user_delete (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;

  add (f, f->user, "A", FALSE, 0);
  add (f, f->user, "B", FALSE, 0);
  add (f, f->other, "X", FALSE, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contactPositions"), ==, 3);

  g_assert_true (ascend_user_delete (f->db, f->user, &error));
  g_assert_no_error (error);
  left = g_strdup_printf ("SELECT count(*) FROM emergencyContacts WHERE userId = %" G_GINT64_FORMAT, f->user);
  g_assert_cmpint (query_int (f, left), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contactPositions"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contactPositions p "
                                 "LEFT JOIN emergencyContacts c ON c.id = p.contactId WHERE c.id IS NULL"), ==, 0);
  assert_order (f, f->other, "X");
  {
    g_autoptr(GPtrArray) problems = ascend_database_check (f->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* A version-2 file with two primaries for one user and none for another
 * upgrades to one each, with every contact in the order. */
static void
test_migration_repairs_primaries (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AscendDatabase *db = ascend_test_open_fresh_db (&path);
  gint64 one = ascend_test_add_user (db, "One");
  gint64 two = ascend_test_add_user (db, "Two");
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;
  Fixture f = { 0 };

  g_object_unref (db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  /* Back to version 2: undo 003 and what later versions added. */
  sql = g_strdup_printf ("DROP INDEX idx_emergencyContacts_one_primary; DROP TABLE contactPositions;"
                         "DROP TABLE habitLogDays; DROP TABLE habitArchive; DROP TABLE habitSkips;"
                         "DROP TABLE streakRewards;"
                         "INSERT INTO emergencyContacts (userId, name, phone, isPrimary, createdAt) VALUES "
                         "(%1$" G_GINT64_FORMAT ", 'Late primary', '110 110 110', 1, 300),"
                         "(%1$" G_GINT64_FORMAT ", 'Early primary', '110 110 110', 1, 100),"
                         "(%1$" G_GINT64_FORMAT ", 'Plain', '110 110 110', 0, 200),"
                         "(%2$" G_GINT64_FORMAT ", 'Second', '110 110 110', 0, 20),"
                         "(%2$" G_GINT64_FORMAT ", 'First', '110 110 110', 0, 10);"
                         "PRAGMA user_version = 2;", one, two);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  f.db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_database_get_schema_version (f.db), ==, ascend_database_get_latest_schema_version ());
  g_assert_cmpint (count_primaries (&f, one), ==, 1);
  g_assert_cmpint (count_primaries (&f, two), ==, 1);
  assert_order (&f, one, "Early primary,Plain,Late primary");
  assert_order (&f, two, "First,Second");
  g_assert_cmpint (query_int (&f, "SELECT count(*) FROM contactPositions"), ==, 5);
  {
    g_autoptr(GPtrArray) backups = ascend_database_list_backups (f.db);
    g_assert_cmpuint (backups->len, >=, 1);
  }
  g_clear_object (&f.db);
}

/* ------------------------------------------------------------------------ */
/* The contact form's rules                                                  */

typedef struct {
  const char *phone;
  const char *message; /* NULL: valid */
} PhoneCase;

#define M_CHARS "A phone number can only have digits, spaces and + - ( )"
#define M_LENGTH "A phone number must be 6 to 20 characters long"
#define M_DIGITS "A phone number needs at least 6 digits"
#define M_EMPTY "Please enter a phone number"

static const PhoneCase phone_cases[] = {
  { "+81 90 1234 5678", NULL },
  { "090-1234-5678", NULL },
  { "(03) 1234-5678", NULL },
  { "110110", NULL },                    /* 6 characters, 6 digits: the edge */
  { "  +44 20 7946 0958  ", NULL },      /* spaces around do not count */
  { "12345678901234567890", NULL },      /* 20 characters */
  { "123456789012345678901", M_LENGTH }, /* 21 */
  { "12345", M_LENGTH },                 /* 5 */
  { "+1 (2) 3-4", M_DIGITS },            /* 10 characters, 4 digits */
  { "+(12)-345", M_DIGITS },             /* 9 characters, 5 digits */
  { "------", M_DIGITS },
  { "", M_EMPTY },
  { "    ", M_EMPTY },
  { "090.1234.5678", M_CHARS },
  { "call 0901234", M_CHARS },
  { "090/1234/5678", M_CHARS },
  { "+81 90 1234 5678 ext 2", M_CHARS },
  { "０９０１２３４５６７８", M_CHARS },   /* full-width digits are not digits a dialer takes */
  { "0901234567#", M_CHARS },
  { "090\t1234\t5678", M_CHARS },
};

static void
test_phone_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (phone_cases); i++)
    {
      g_autofree char *message = NULL;
      gboolean ok = ascend_contact_validate_phone (phone_cases[i].phone, &message);

      g_test_message ("phone %s", phone_cases[i].phone);
      g_assert_cmpint (ok, ==, phone_cases[i].message == NULL);
      g_assert_cmpstr (message, ==, phone_cases[i].message);
    }
  g_assert_false (ascend_contact_validate_phone (NULL, NULL));
}

static void
test_name_and_relationship_rules (void)
{
  g_autofree char *long_name = g_strnfill (255, 'a');
  g_autofree char *too_long_name = g_strnfill (256, 'a');
  g_autofree char *relationship = g_strnfill (100, 'b');
  g_autofree char *too_long_relationship = g_strnfill (101, 'b');
  g_autoptr(GString) kanji = g_string_new (NULL);
  char *message = NULL;
  AscendContactField field;

  for (int i = 0; i < 255; i++)
    g_string_append (kanji, "花");

  g_assert_true (ascend_contact_validate_name ("Mika", NULL));
  g_assert_true (ascend_contact_validate_name (long_name, NULL));
  /* Characters, not bytes: 255 kanji are 765 bytes. */
  g_assert_true (ascend_contact_validate_name (kanji->str, NULL));
  g_assert_false (ascend_contact_validate_name (too_long_name, &message));
  g_assert_cmpstr (message, ==, "The name can be at most 255 characters");
  g_clear_pointer (&message, g_free);
  for (const char *const *blank = (const char *const[]) { "", "   ", "\t\n", NULL }; *blank; blank++)
    {
      g_assert_false (ascend_contact_validate_name (*blank, &message));
      g_assert_cmpstr (message, ==, "Please enter the contact's name");
      g_clear_pointer (&message, g_free);
    }
  g_assert_false (ascend_contact_validate_name (NULL, NULL));
  g_assert_false (ascend_contact_validate_name ("\xff\xfe", &message));
  g_assert_cmpstr (message, ==, "The name contains characters that are not valid text");
  g_clear_pointer (&message, g_free);

  g_assert_true (ascend_contact_validate_relationship ("", NULL));
  g_assert_true (ascend_contact_validate_relationship (NULL, NULL));
  g_assert_true (ascend_contact_validate_relationship (relationship, NULL));
  g_assert_false (ascend_contact_validate_relationship (too_long_relationship, &message));
  g_assert_cmpstr (message, ==, "The relationship can be at most 100 characters");
  g_clear_pointer (&message, g_free);

  /* All three: the first field at fault, in form order. */
  g_assert_true (ascend_contact_validate ("Mika", "090-1234-5678", "", &field, NULL));
  g_assert_cmpint (field, ==, ASCEND_CONTACT_FIELD_NONE);
  g_assert_false (ascend_contact_validate (" ", "12", too_long_relationship, &field, &message));
  g_assert_cmpint (field, ==, ASCEND_CONTACT_FIELD_NAME);
  g_clear_pointer (&message, g_free);
  g_assert_false (ascend_contact_validate ("Mika", "12", too_long_relationship, &field, &message));
  g_assert_cmpint (field, ==, ASCEND_CONTACT_FIELD_PHONE);
  g_assert_cmpstr (message, ==, M_LENGTH);
  g_clear_pointer (&message, g_free);
  g_assert_false (ascend_contact_validate ("Mika", "090-1234-5678", too_long_relationship, &field, &message));
  g_assert_cmpint (field, ==, ASCEND_CONTACT_FIELD_RELATIONSHIP);
  g_clear_pointer (&message, g_free);

  {
    g_autofree char *clean = ascend_contact_clean ("  Mika  ");
    g_assert_cmpstr (clean, ==, "Mika");
  }
}

static void
test_tel_uri (void)
{
  struct { const char *phone; const char *uri; } cases[] = {
    { "+81 90 1234 5678", "tel:+819012345678" },
    { "(03) 1234-5678", "tel:0312345678" },
    { "  +44 (20) 7946-0958", "tel:+442079460958" },
    { "12+34", "tel:1234" },
    { "---", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = ascend_contact_tel_uri (cases[i].phone);
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

/* ------------------------------------------------------------------------ */
/* The alert history                                                         */

static void
add_alert (Fixture    *f,
           gint64      user,
           const char *type,
           const char *severity,
           gboolean    acknowledged,
           gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthAlert) a = ascend_health_alert_new ();

  a->user_id = user;
  a->alert_type = g_strdup (type);
  a->severity = g_strdup (severity);
  a->message = g_strdup_printf ("%s at %" G_GINT64_FORMAT, type, created_at);
  a->acknowledged = acknowledged;
  a->created_at = created_at;
  g_assert_cmpint (ascend_health_alert_insert (f->db, a, &error), >, 0);
  g_assert_no_error (error);
}

static char *
alert_times (GPtrArray *alerts)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < alerts->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            ((AscendHealthAlert *) alerts->pdata[i])->created_at);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_alert_history (Fixture       *f,
                    gconstpointer  data)
{
  struct {
    const char *type, *severity;
    int acknowledged;
    guint limit;
    const char *times;
    guint matching;
  } cases[] = {
    { NULL, NULL, -1, 0, "600,500,400,300,200,100", 6 },
    { NULL, NULL, -1, 2, "600,500", 6 },
    { "fall_detected", NULL, -1, 0, "600,100", 2 },
    { "high_heart_rate", NULL, -1, 0, "500,300", 2 },
    { NULL, "critical", -1, 0, "600", 1 },
    { NULL, NULL, 0, 0, "600,400,300", 3 },
    { NULL, NULL, 1, 0, "500,200,100", 3 },
    { "high_heart_rate", "medium", 0, 0, "300", 1 },
    { "low_heart_rate", NULL, -1, 0, "", 0 },
  };

  add_alert (f, f->user, "fall_detected", "high", TRUE, 100);
  add_alert (f, f->user, "high_stress", "low", TRUE, 200);
  add_alert (f, f->user, "high_heart_rate", "medium", FALSE, 300);
  add_alert (f, f->user, "arrhythmia", "high", FALSE, 400);
  add_alert (f, f->user, "high_heart_rate", "high", TRUE, 500);
  add_alert (f, f->user, "fall_detected", "critical", FALSE, 600);
  add_alert (f, f->other, "fall_detected", "critical", FALSE, 700);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint matching = 999;
      g_autoptr(GPtrArray) alerts = ascend_health_alert_list_recent (f->db, f->user, cases[i].type, cases[i].severity,
                                                                     cases[i].acknowledged, cases[i].limit,
                                                                     &matching, &error);
      g_autofree char *times = NULL;

      g_assert_no_error (error);
      times = alert_times (alerts);
      g_assert_cmpstr (times, ==, cases[i].times);
      g_assert_cmpuint (matching, ==, cases[i].matching);
    }

  /* Acknowledge All leaves nothing for the "new" filter and the count. */
  g_assert_cmpint (ascend_health_alert_acknowledge (f->db, f->user, 0, NULL), ==, 3);
  {
    g_autoptr(GPtrArray) alerts = ascend_health_alert_list_recent (f->db, f->user, NULL, NULL, 0, 0, NULL, NULL);
    g_assert_cmpuint (alerts->len, ==, 0);
    g_assert_cmpint (ascend_health_alert_count_unacknowledged (f->db, f->user, NULL), ==, 0);
    g_assert_cmpint (ascend_health_alert_count_unacknowledged (f->db, f->other, NULL), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/contacts/" path, Fixture, NULL, setup, func, teardown)
  ADD ("primary/first-contact", test_first_contact_is_primary);
  ADD ("primary/new-primary-takes-over", test_new_primary_takes_over);
  ADD ("primary/failed-insert-changes-nothing", test_failed_insert_changes_nothing);
  ADD ("primary/set-primary", test_set_primary);
  ADD ("primary/raw-sql", test_raw_sql_cannot_add_a_second_primary);
  ADD ("primary/delete-promotes", test_delete_promotes_next);
  ADD ("primary/update", test_update_keeps_one_primary);
  ADD ("order/move", test_move);
  ADD ("order/without-positions", test_order_without_positions);
  ADD ("order/restore", test_restore);
  ADD ("cascade/user-delete", test_cascade_on_user_delete);
  ADD ("alerts/history", test_alert_history);
#undef ADD
  g_test_add_func ("/contacts/migration/repairs-primaries", test_migration_repairs_primaries);
  g_test_add_func ("/contacts/rules/phone", test_phone_rules);
  g_test_add_func ("/contacts/rules/name-relationship", test_name_and_relationship_rules);
  g_test_add_func ("/contacts/rules/tel-uri", test_tel_uri);

  return g_test_run ();
}
