/* test-ascendctl-support.c: the real ascendctl's profile and ticket
 * commands, as a script or a person runs them: what they print (JSON), what
 * they write, their exit status and the one line they say on refusal.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ascend-test-util.h"

/* Runs ascendctl --database db with the arguments. */
#define run(r, db, ...) ascend_test_run (r, NULL, "--database", db, __VA_ARGS__, NULL)

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
fresh_db_path (void)
{
  g_autofree char *dir = ascend_test_new_dir ("ctl");

  return g_build_filename (dir, "anime-ascend.db", NULL);
}

#define TICKET_ARGS(subject) "--subject", subject, "--description", "Nothing syncs since Monday.", "--category", "bug"

static void
test_user_add_and_list (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *db = fresh_db_path ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *a;

  if (!ascend_test_have_ascendctl ())
    return;

  /* The first profile administers the installation, as in the onboarding. */
  run (&r, db, "user", "add", "--name", "  Sakura ", "--email", "sakura@example.com");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Sakura");
  g_assert_cmpstr (json_object_get_string_member (o, "email"), ==, "sakura@example.com");
  g_assert_cmpstr (json_object_get_string_member (o, "role"), ==, "admin");
  g_clear_pointer (&node, json_node_unref);

  run (&r, db, "user", "add", "--name", "Aiko");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "role"), ==, "user");
  g_assert_true (json_object_get_null_member (o, "email"));
  g_clear_pointer (&node, json_node_unref);

  run (&r, db, "user", "add", "--name", "Ren", "--role", "admin");
  g_assert_cmpint (r.status, ==, 0);

  /* Refusals: nothing written, one line saying why. */
  run (&r, db, "user", "add", "--name", "Mika", "--role", "owner");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "ascendctl: Unknown role “owner”: use user or admin (see “ascendctl user --help”)\n");
  run (&r, db, "user", "add", "--email", "x@example.com");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, "ascendctl: “user add” needs --name"));
  run (&r, db, "user", "add", "--name", "   ");
  g_assert_cmpint (r.status, ==, 2);
  run (&r, db, "user", "add", "--name", "Mika", "--email", "not-an-email");
  g_assert_cmpint (r.status, ==, 2);
  run (&r, db, "user", "remove");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, "ascendctl: Unknown “user” command “remove”: use add or list"));
  run (&r, db, "user", "add", "--name", "Mika", "--subject", "Hello");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpint (ascend_test_count_rows (db, "SELECT count(*) FROM users"), ==, 3);

  run (&r, db, "user", "list");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "name"), ==, "Aiko");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "role"), ==, "admin");
}

static void
test_ticket_create (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *db = fresh_db_path ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  if (!ascend_test_have_ascendctl ())
    return;

  run (&r, db, "ticket", "list");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "ascendctl: There is no database at "));

  run (&r, db, "init");
  g_assert_cmpint (r.status, ==, 0);
  run (&r, db, "ticket", "create", TICKET_ARGS ("Sync broken"));
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: There is no profile yet; “ascendctl user add --name NAME” creates one\n");

  run (&r, db, "user", "add", "--name", "Sakura");
  run (&r, db, "user", "add", "--name", "Aiko");

  run (&r, db, "ticket", "create", "--subject", "  Sync broken  ", "--description", "Nothing syncs since Monday.",
       "--category", "bug");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "userId"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "userName"), ==, "Sakura");
  g_assert_cmpstr (json_object_get_string_member (o, "subject"), ==, "Sync broken");
  g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, "bug");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (o, "createdAt"), >, 0);

  run (&r, db, "ticket", "create", "--user", "2", TICKET_ARGS ("Aiko's problem"));
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"userName\" : \"Aiko\""));

  /* The form's rules, word for word. */
  run (&r, db, "ticket", "create", TICKET_ARGS ("Hi"));
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "ascendctl: The subject needs at least 3 characters (see “ascendctl ticket --help”)\n");
  run (&r, db, "ticket", "create", "--subject", "Refund", "--description", "Please refund me.", "--category", "refunds");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, "ascendctl: “refunds” is not a category; choose one of account, billing, health_monitoring, bug, feature_request, other"));
  run (&r, db, "ticket", "create", "--subject", "Refund", "--description", "short", "--category", "billing");
  g_assert_cmpint (r.status, ==, 2);
  run (&r, db, "ticket", "create", "--user", "9", TICKET_ARGS ("Nobody's"));
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: There is no profile with id 9\n");
  run (&r, db, "ticket", "create", "--all", TICKET_ARGS ("With all"));
  g_assert_cmpint (r.status, ==, 2);
  run (&r, db, "ticket", "create", "--name", "x", TICKET_ARGS ("With name"));
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpint (ascend_test_count_rows (db, "SELECT count(*) FROM supportTickets"), ==, 2);
}

static void
test_ticket_list_and_status (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *db = fresh_db_path ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *a;

  if (!ascend_test_have_ascendctl ())
    return;

  run (&r, db, "user", "add", "--name", "Sakura");
  run (&r, db, "user", "add", "--name", "Aiko");
  run (&r, db, "ticket", "create", TICKET_ARGS ("Admin's first"));
  run (&r, db, "ticket", "create", "--user", "2", TICKET_ARGS ("Aiko's first"));
  run (&r, db, "ticket", "create", "--user", "2", TICKET_ARGS ("Aiko's second"));
  g_assert_cmpint (r.status, ==, 0);

  /* Own tickets, newest first. */
  run (&r, db, "ticket", "list", "--user", "2");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "subject"), ==, "Aiko's second");
  g_clear_pointer (&node, json_node_unref);

  run (&r, db, "ticket", "list", "--user", "2", "--all");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: Only an admin profile can see every profile’s tickets\n");

  run (&r, db, "ticket", "list", "--all");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "userName"), ==, "Sakura");
  g_clear_pointer (&node, json_node_unref);

  /* Moves: the admin, forward, one step. */
  run (&r, db, "ticket", "status", "2", "in_progress", "--user", "2");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: Only an admin profile can change a ticket’s status\n");
  run (&r, db, "ticket", "status", "2", "resolved");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: A ticket moves forward one step at a time (Open, In progress, Resolved): it cannot go from Open to Resolved\n");
  run (&r, db, "ticket", "status", "2", "in_progress");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"status\" : \"in_progress\""));
  run (&r, db, "ticket", "status", "2", "open");
  g_assert_cmpint (r.status, ==, 1);
  run (&r, db, "ticket", "status", "2", "closed");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, "ascendctl: Unknown status “closed”: use open, in_progress or resolved"));
  run (&r, db, "ticket", "status", "two", "resolved");
  g_assert_cmpint (r.status, ==, 2);
  run (&r, db, "ticket", "status", "2");
  g_assert_cmpint (r.status, ==, 2);
  run (&r, db, "ticket", "status", "99", "in_progress");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "ascendctl: Ticket 99 does not exist\n");
  g_assert_cmpint (ascend_test_count_rows (db, "SELECT count(*) FROM supportTickets WHERE status = 'in_progress'"), ==, 1);

  run (&r, db, "ticket", "list", "--all", "--status", "in_progress");
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "id"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  run (&r, db, "ticket", "list", "--status", "done");
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/ascendctl-support/user/add-and-list", test_user_add_and_list);
  g_test_add_func ("/ascendctl-support/ticket/create", test_ticket_create);
  g_test_add_func ("/ascendctl-support/ticket/list-and-status", test_ticket_list_and_status);
  return g_test_run ();
}
