/* test-export.c: JSON and CSV export, and import that is all or nothing */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ascend-test-util.h"
#include <sqlite3.h>

#include "ascend-export.h"
#include "ascend-export-extra.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-business-store.h"
#include "ascend-habit-store.h"

#define T0 G_GINT64_CONSTANT (1700000000000)

static const char *journal_content = "Line one, \"quoted\"\nline two";

/* Rows in the extra tables (export format 2): a habit log with its day, an
 * archived habit, a paid skip, a paid streak bonus, a contact's position
 * and a block of raw beats; and a journal draft, which is not exported. */
static void
add_extras (AscendDatabase *db,
            gint64          user_id,
            gint64          habit_id,
            gint64          contact_id,
            gint64          reading_id,
            gint64          t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const double rr[] = { 812, 798, 1023.5 };
  const gboolean irregular[] = { FALSE, TRUE, FALSE };

  g_assert_cmpint (ascend_habit_store_add_log (db, habit_id, t + 20, "2023-11-14", "Asia/Tokyo",
                                               "from the store", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (ascend_habit_store_set_archived (db, habit_id, TRUE, &error));
  g_assert_cmpint (ascend_habit_store_add_skip (db, habit_id, "2023-11-13", 1, "Paid skip", &error), >, 0);
  g_assert_cmpint (ascend_habit_store_grant_reward (db, habit_id, 7, "2023-11-01", "2023-11-07", 3,
                                                    "7-day streak", &error), >, 0);
  g_assert_cmpint (ascend_rr_block_insert (db, user_id, reading_id, t - (t % 60000), rr, irregular,
                                           G_N_ELEMENTS (rr), &error), >, 0);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT OR REPLACE INTO contactPositions (contactId, position) VALUES (%" G_GINT64_FORMAT ", 0);"
                         "INSERT INTO journalDrafts (userId, title, content, tags, savedAt) "
                         "VALUES (%" G_GINT64_FORMAT ", 'Draft', 'Half a thought, \"quoted\"', 'a, b', %" G_GINT64_FORMAT ")",
                         contact_id, user_id, t + 21);
  g_assert_true (ascend_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* Rows in all 15 tables for one profile, with NULLs, unicode, tags and
 * decimals. Returns the profile id. */
static gint64
add_profile (AscendDatabase *db,
             const char     *name,
             gint64          t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) user = ascend_user_new ();
  g_autoptr(AscendHealthReading) r1 = ascend_health_reading_new ();
  g_autoptr(AscendHealthReading) r2 = ascend_health_reading_new ();
  g_autoptr(AscendHealthAlert) alert = ascend_health_alert_new ();
  g_autoptr(AscendEmergencyContact) contact = ascend_emergency_contact_new ();
  g_autoptr(AscendExerciseSession) s1 = ascend_exercise_session_new ();
  g_autoptr(AscendExerciseSession) s2 = ascend_exercise_session_new ();
  g_autoptr(AscendHabit) habit = ascend_habit_new ();
  g_autoptr(AscendHabitLog) log1 = ascend_habit_log_new ();
  g_autoptr(AscendHabitLog) log2 = ascend_habit_log_new ();
  g_autoptr(AscendJournalEntry) j1 = ascend_journal_entry_new ();
  g_autoptr(AscendJournalEntry) j2 = ascend_journal_entry_new ();
  g_autoptr(AscendMoodLog) mood = ascend_mood_log_new ();
  g_autoptr(AscendGoal) g1 = ascend_goal_new ();
  g_autoptr(AscendGoal) g2 = ascend_goal_new ();
  g_autoptr(AscendMilestone) m1 = ascend_milestone_new ();
  g_autoptr(AscendMilestone) m2 = ascend_milestone_new ();
  g_autoptr(AscendSubscription) sub = ascend_subscription_new ();
  g_autoptr(AscendPayment) pay = ascend_payment_new ();
  g_autoptr(AscendSupportTicket) ticket = ascend_support_ticket_new ();

  user->name = g_strdup (name);
  user->open_id = g_strdup_printf ("open-%s", name);
  user->email = g_strdup ("aiko@example.org");
  user->login_method = g_strdup ("local");
  user->created_at = user->updated_at = user->last_signed_in = t;
  g_assert_cmpint (ascend_user_insert (db, user, &error), >, 0);
  g_assert_no_error (error);

  r1->user_id = user->id;
  r1->heart_rate = 72;
  r1->hrv = 41.236;
  r1->arrhythmia_detected = TRUE;
  g_free (r1->reading_type);
  r1->reading_type = g_strdup ("manual");
  r1->created_at = t + 1;
  g_assert_cmpint (ascend_health_reading_insert (db, r1, &error), >, 0);
  r2->user_id = user->id;
  r2->stress_level = 7;
  r2->created_at = t + 2;
  g_assert_cmpint (ascend_health_reading_insert (db, r2, &error), >, 0);

  alert->user_id = user->id;
  alert->alert_type = g_strdup ("high_stress");
  alert->severity = g_strdup ("medium");
  alert->message = g_strdup ("Stress “spike” — breathe 🌸");
  alert->heart_rate = 110;
  alert->stress_level = 8;
  alert->acknowledged = TRUE;
  alert->created_at = t + 3;
  g_assert_cmpint (ascend_health_alert_insert (db, alert, &error), >, 0);

  contact->user_id = user->id;
  contact->name = g_strdup ("Mama 母");
  contact->phone = g_strdup ("+81 90-1234-5678");
  contact->is_primary = TRUE;
  contact->created_at = t + 4;
  g_assert_cmpint (ascend_emergency_contact_insert (db, contact, &error), >, 0);

  s1->user_id = user->id;
  s1->exercise_type = g_strdup ("box_breathing");
  s1->trigger_reason = g_strdup ("high stress");
  s1->duration_seconds = 240;
  s1->completion_percentage = 100;
  s1->mood_before = 3;
  s1->mood_after = 7;
  g_free (s1->status);
  s1->status = g_strdup ("completed");
  s1->started_at = t + 5;
  s1->completed_at = t + 245000;
  g_assert_cmpint (ascend_exercise_session_insert (db, s1, &error), >, 0);
  s2->user_id = user->id;
  s2->exercise_type = g_strdup ("body_scan");
  g_free (s2->status);
  s2->status = g_strdup ("abandoned");
  s2->started_at = t + 6;
  g_assert_cmpint (ascend_exercise_session_insert (db, s2, &error), >, 0);

  habit->user_id = user->id;
  habit->name = g_strdup ("Drink water 💧");
  habit->category = g_strdup ("health");
  habit->emoji = g_strdup ("💧");
  habit->target_days = 7;
  habit->created_at = t + 7;
  g_assert_cmpint (ascend_habit_insert (db, habit, &error), >, 0);
  log1->habit_id = habit->id;
  log1->user_id = user->id;
  log1->completed_at = t + 8;
  g_assert_cmpint (ascend_habit_log_insert (db, log1, &error), >, 0);
  log2->habit_id = habit->id;
  log2->user_id = user->id;
  log2->notes = g_strdup ("8 glasses,\r\n\"finally\"");
  log2->completed_at = t + 9;
  g_assert_cmpint (ascend_habit_log_insert (db, log2, &error), >, 0);

  j1->user_id = user->id;
  g_free (j1->content);
  j1->content = g_strdup (journal_content);
  j1->mood = g_strdup ("calm");
  j1->mood_score = 8;
  g_free (j1->tags);
  j1->tags = g_strdup ("[\"sakura\", \"日記\"]");
  j1->created_at = t + 10;
  g_assert_cmpint (ascend_journal_entry_insert (db, j1, &error), >, 0);
  j2->user_id = user->id;
  j2->title = g_strdup ("Empty day");
  j2->created_at = t + 11;
  g_assert_cmpint (ascend_journal_entry_insert (db, j2, &error), >, 0);

  mood->user_id = user->id;
  mood->mood = g_strdup ("happy");
  mood->mood_score = 9;
  mood->created_at = t + 12;
  g_assert_cmpint (ascend_mood_log_insert (db, mood, &error), >, 0);

  g1->user_id = user->id;
  g1->title = g_strdup ("Run 5k");
  g1->category = g_strdup ("fitness");
  g1->progress = 40;
  g1->target_date = g_strdup ("2026-06-01");
  g1->created_at = t + 13;
  g_assert_cmpint (ascend_goal_insert (db, g1, &error), >, 0);
  g2->user_id = user->id;
  g2->title = g_strdup ("Sleep by 23:00");
  g2->description = g_strdup ("Lights out, phone away");
  g2->created_at = t + 14;
  g_assert_cmpint (ascend_goal_insert (db, g2, &error), >, 0);
  m1->goal_id = g1->id;
  m1->title = g_strdup ("Run 1k");
  m1->is_completed = TRUE;
  m1->completed_at = t + 15;
  g_assert_cmpint (ascend_milestone_insert (db, m1, &error), >, 0);
  m2->goal_id = g2->id;
  m2->title = g_strdup ("No screens after 22:00");
  g_assert_cmpint (ascend_milestone_insert (db, m2, &error), >, 0);

  g_assert_cmpint (ascend_token_ledger_record (db, user->id, 10, "purchase", "Starter pack", &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user->id, -3, "usage", NULL, &error), >, 0);

  sub->user_id = user->id;
  sub->stripe_subscription_id = g_strdup ("sub_123");
  sub->tier = g_strdup ("premium");
  sub->status = g_strdup ("active");
  sub->created_at = t + 16;
  g_assert_cmpint (ascend_subscription_insert (db, sub, &error), >, 0);

  pay->user_id = user->id;
  pay->stripe_payment_intent_id = g_strdup ("pi_123");
  pay->amount = g_strdup ("4.99");
  pay->currency = g_strdup ("eur");
  pay->status = g_strdup ("succeeded");
  pay->created_at = t + 17;
  g_assert_cmpint (ascend_payment_insert (db, pay, &error), >, 0);

  ticket->user_id = user->id;
  ticket->subject = g_strdup ("Chart is empty");
  ticket->created_at = t + 18;
  g_assert_cmpint (ascend_support_ticket_insert (db, ticket, &error), >, 0);

  add_extras (db, user->id, habit->id, contact->id, r1->id, t);
  g_assert_no_error (error);
  return user->id;
}

static char *
to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
export_text (AscendDatabase *db,
             gint64          user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = ascend_export_json (db, user_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return to_text (root);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  return root;
}

static void
assert_ledger_ok (AscendDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = ascend_database_check (db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static JsonObject *
row_of (JsonNode   *root,
        const char *table,
        guint       index)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root), table);

  g_assert_cmpuint (index, <, json_array_get_length (rows));
  return json_array_get_object_element (rows, index);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) target = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) from_file = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *path = NULL;
  const AscendTable * const *tables;
  guint n_tables;
  JsonObject *row;
  JsonArray *tags;

  add_profile (source, "Aiko 愛子", T0);
  add_profile (source, "Ren", T0 + 1000);

  root = ascend_export_json (source, 0, &error);
  g_assert_no_error (error);
  first = to_text (root);

  /* One key per seed table, in the descriptors' order, each holding rows
   * keyed by the seed column names in order. */
  tables = ascend_tables_all (&n_tables);
  g_assert_cmpuint (n_tables, ==, 15);
  /* formatVersion, one member per seed table, extraTables */
  g_assert_cmpuint (json_object_get_size (json_node_get_object (root)), ==, 17);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "formatVersion"), ==, 2);
  for (guint t = 0; t < n_tables; t++)
    {
      JsonArray *rows = json_object_get_array_member (json_node_get_object (root), tables[t]->name);
      g_autoptr(GList) names = NULL;
      guint i = 0;

      g_assert_nonnull (rows);
      g_assert_cmpuint (json_array_get_length (rows), >=, 2);
      names = json_object_get_members (json_array_get_object_element (rows, 0));
      g_assert_cmpuint (g_list_length (names), ==, tables[t]->n_columns);
      for (const GList *l = names; l != NULL; l = l->next, i++)
        g_assert_cmpstr (l->data, ==, tables[t]->columns[i].name);
    }

  /* Values carry their JSON types. */
  row = row_of (root, "healthReadings", 0);
  g_assert_cmpint (json_object_get_int_member (row, "heartRate"), ==, 72);
  g_assert_true (json_node_get_value_type (json_object_get_member (row, "hrv")) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (row, "hrv"), ==, 41.24);
  g_assert_true (json_object_get_null_member (row, "stressLevel"));
  g_assert_true (json_node_get_value_type (json_object_get_member (row, "arrhythmiaDetected")) == G_TYPE_BOOLEAN);
  g_assert_true (json_object_get_boolean_member (row, "arrhythmiaDetected"));
  g_assert_cmpint (json_object_get_int_member (row, "createdAt"), ==, T0 + 1);
  row = row_of (root, "healthReadings", 1);
  g_assert_true (json_object_get_null_member (row, "heartRate"));
  g_assert_true (json_object_get_null_member (row, "hrv"));
  g_assert_false (json_object_get_boolean_member (row, "arrhythmiaDetected"));

  row = row_of (root, "journalEntries", 0);
  tags = json_object_get_array_member (row, "tags");
  g_assert_nonnull (tags);
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "日記");
  g_assert_cmpstr (json_object_get_string_member (row, "content"), ==, journal_content);
  g_assert_true (json_object_get_null_member (row, "title"));
  row = row_of (root, "journalEntries", 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "tags")), ==, 0);

  row = row_of (root, "exerciseSessions", 1);
  g_assert_true (json_object_get_null_member (row, "completedAt"));
  g_assert_true (json_object_get_null_member (row, "moodBefore"));
  row = row_of (root, "users", 0);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Aiko 愛子");
  g_assert_cmpint (json_object_get_int_member (row, "tokenBalance"), ==, 14);
  g_assert_true (json_object_get_null_member (row, "stripeCustomerId"));
  row = row_of (root, "goals", 0);
  g_assert_cmpstr (json_object_get_string_member (row, "targetDate"), ==, "2026-06-01");

  /* Into an empty database and out again: the same bytes. */
  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);
  second = export_text (target, 0);
  g_assert_cmpstr (first, ==, second);
  assert_ledger_ok (target);

  /* And through a file. */
  path = g_build_filename (ascend_test_data_home (), "round-trip.json", NULL);
  g_assert_true (g_file_set_contents (path, first, -1, &error));
  g_assert_true (ascend_import_file (from_file, path, &error));
  g_assert_no_error (error);
  third = export_text (from_file, 0);
  g_assert_cmpstr (first, ==, third);
}

static void
assert_rows_owned_by (JsonNode   *root,
                      const char *table,
                      const char *column,
                      GHashTable *owners,
                      guint       expected_rows)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root), table);

  g_assert_cmpuint (json_array_get_length (rows), ==, expected_rows);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      gint64 owner = json_object_get_int_member (json_array_get_object_element (rows, i), column);
      g_assert_true (g_hash_table_contains (owners, &owner));
    }
}

static void
test_user_filter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) target = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(GHashTable) users = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) goals = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) goal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  JsonArray *goal_rows;
  gint64 aiko, ren;

  aiko = add_profile (source, "Aiko", T0);
  ren = add_profile (source, "Ren", T0 + 1000);
  g_assert_cmpint (aiko, !=, ren);

  root = ascend_export_json (source, ren, &error);
  g_assert_no_error (error);
  g_hash_table_add (users, &ren);

  assert_rows_owned_by (root, "users", "id", users, 1);
  assert_rows_owned_by (root, "healthReadings", "userId", users, 2);
  assert_rows_owned_by (root, "healthAlerts", "userId", users, 1);
  assert_rows_owned_by (root, "emergencyContacts", "userId", users, 1);
  assert_rows_owned_by (root, "exerciseSessions", "userId", users, 2);
  assert_rows_owned_by (root, "habits", "userId", users, 1);
  assert_rows_owned_by (root, "habitLogs", "userId", users, 3);
  assert_rows_owned_by (root, "journalEntries", "userId", users, 2);
  assert_rows_owned_by (root, "moodLogs", "userId", users, 1);
  assert_rows_owned_by (root, "goals", "userId", users, 2);
  assert_rows_owned_by (root, "tokenTransactions", "userId", users, 4);
  assert_rows_owned_by (root, "subscriptions", "userId", users, 1);
  assert_rows_owned_by (root, "payments", "userId", users, 1);
  assert_rows_owned_by (root, "supportTickets", "userId", users, 1);

  /* Extra tables: owned directly or through a parent of the profile. */
  {
    JsonNode *extra = json_object_get_member (json_node_get_object (root), "extraTables");
    g_autoptr(GHashTable) habit_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
    JsonArray *habit_rows = json_object_get_array_member (json_node_get_object (root), "habits");
    gint64 habit_id = json_object_get_int_member (json_array_get_object_element (habit_rows, 0), "id");

    g_hash_table_add (habit_ids, &habit_id);
    assert_rows_owned_by (extra, "rrBlocks", "userId", users, 1);
    assert_rows_owned_by (extra, "habitSkips", "userId", users, 1);
    assert_rows_owned_by (extra, "streakRewards", "userId", users, 1);
    /* Drafts stay on this machine. */
    g_assert_false (json_object_has_member (json_node_get_object (extra), "journalDrafts"));
    assert_rows_owned_by (extra, "habitArchive", "habitId", habit_ids, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (extra),
                                                                           "habitLogDays")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (extra),
                                                                           "contactPositions")), ==, 1);
  }

  /* Milestones belong to a profile through their goals. */
  goal_rows = json_object_get_array_member (json_node_get_object (root), "goals");
  for (guint i = 0; i < json_array_get_length (goal_rows); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (goal_rows, i), "id");
      g_array_append_val (goal_ids, id);
    }
  for (guint i = 0; i < goal_ids->len; i++)
    g_hash_table_add (goals, &g_array_index (goal_ids, gint64, i));
  assert_rows_owned_by (root, "milestones", "goalId", goals, 2);

  /* A one-profile export is a complete file of its own. */
  text = to_text (root);
  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);
  again = export_text (target, 0);
  g_assert_cmpstr (text, ==, again);
  assert_ledger_ok (target);

  missing = ascend_export_json (source, 999, &error);
  g_assert_null (missing);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no profile with id 999");
}

/* A target that already holds a profile (id 500) so "unchanged" means more
 * than "still empty". */
static AscendDatabase *
open_target (void)
{
  g_autoptr(GError) error = NULL;
  AscendDatabase *db = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendUser) user = ascend_user_new ();
  g_autoptr(AscendMoodLog) mood = ascend_mood_log_new ();
  g_autoptr(AscendTokenTransaction) tx = ascend_record_new (&ascend_table_token_transactions);

  user->id = 500;
  user->name = g_strdup ("Already here");
  g_assert_cmpint (ascend_user_insert (db, user, &error), ==, 500);
  /* Ids far from the files' own, through the ledger trigger as any
   * transaction. */
  tx->id = 500;
  tx->user_id = 500;
  tx->amount = 2;
  tx->type = g_strdup ("bonus");
  g_assert_cmpint (ascend_row_insert (db, &ascend_table_token_transactions, tx, &error), ==, 500);
  mood->id = 500;
  mood->user_id = 500;
  mood->mood_score = 5;
  g_assert_cmpint (ascend_mood_log_insert (db, mood, &error), ==, 500);
  g_assert_no_error (error);
  return db;
}

/* Imports text (through a file, as a user would) into a target with data,
 * expects the error, and shows the target unchanged. */
static void
assert_import_fails (const char *text,
                     int         code,
                     const char *message_pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) target = open_target ();
  g_autofree char *path = g_build_filename (ascend_test_data_home (), "bad-import.json", NULL);
  g_autofree char *before = export_text (target, 0);
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_false (ascend_import_file (target, path, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, code);
  if (!g_pattern_match_simple (message_pattern, error->message))
    g_error ("message “%s” does not match “%s”", error->message, message_pattern);

  after = export_text (target, 0);
  g_assert_cmpstr (before, ==, after);
  assert_ledger_ok (target);
}

typedef void (*Tamper) (JsonObject *root);

/* A valid two-profile export, changed by tamper, then imported. */
static void
assert_tampered_import_fails (Tamper      tamper,
                              int         code,
                              const char *message)
{
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  add_profile (source, "Aiko", T0);
  add_profile (source, "Ren", T0 + 1000);
  text = export_text (source, 0);
  root = parse (text);
  tamper (json_node_get_object (root));
  g_clear_pointer (&text, g_free);
  text = to_text (root);
  assert_import_fails (text, code, message);
}

static JsonObject *
tamper_row (JsonObject *root,
            const char *table,
            guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, table), index);
}

static void
test_import_malformed (void)
{
  assert_import_fails ("{ \"users\": [ {\"id\": 1, ", ASCEND_STORE_ERROR_INVALID,
                       "*bad-import.json is not valid JSON: *");
  assert_import_fails ("", ASCEND_STORE_ERROR_INVALID,
                       "An Anime Ascend export is a JSON object with one array of rows per table");
  assert_import_fails ("[1, 2, 3]", ASCEND_STORE_ERROR_INVALID,
                       "An Anime Ascend export is a JSON object with one array of rows per table");
  assert_import_fails ("{\"users\": {\"id\": 1}}", ASCEND_STORE_ERROR_INVALID,
                       "users must be an array of rows");
  assert_import_fails ("{\"users\": [{\"id\": 1}, 7]}", ASCEND_STORE_ERROR_INVALID,
                       "users row 2 is not an object");
  assert_import_fails ("{\"users\": [{\"name\": \"No id\"}]}", ASCEND_STORE_ERROR_INVALID,
                       "users row 1: id is missing");
  assert_import_fails ("{\"users\": [{\"id\": -4}]}", ASCEND_STORE_ERROR_INVALID,
                       "users row 1: id must be a positive whole number");
}

static void
add_unknown_table (JsonObject *root)
{
  json_object_set_array_member (root, "potions", json_array_new ());
}

static void
add_unknown_column (JsonObject *root)
{
  json_object_set_string_member (tamper_row (root, "healthAlerts", 1), "colour", "red");
}

static void
test_import_unknown_names (void)
{
  assert_tampered_import_fails (add_unknown_table, ASCEND_STORE_ERROR_INVALID,
                                "Unknown table “potions”");
  assert_tampered_import_fails (add_unknown_column, ASCEND_STORE_ERROR_INVALID,
                                "healthAlerts row 2: unknown column “colour”");
}

static void
stress_as_text (JsonObject *root)
{
  json_object_set_string_member (tamper_row (root, "healthReadings", 2), "stressLevel", "high");
}

static void
heart_rate_fraction (JsonObject *root)
{
  json_object_set_double_member (tamper_row (root, "healthReadings", 0), "heartRate", 72.5);
}

static void
flag_as_number (JsonObject *root)
{
  json_object_set_int_member (tamper_row (root, "healthReadings", 0), "arrhythmiaDetected", 1);
}

static void
tags_as_text (JsonObject *root)
{
  json_object_set_string_member (tamper_row (root, "journalEntries", 3), "tags", "[\"sakura\"]");
}

static void
name_as_number (JsonObject *root)
{
  json_object_set_int_member (tamper_row (root, "habits", 0), "name", 42);
}

static void
alert_type_null (JsonObject *root)
{
  json_object_set_null_member (tamper_row (root, "healthAlerts", 0), "alertType");
}

static void
hrv_as_text (JsonObject *root)
{
  json_object_set_string_member (tamper_row (root, "healthReadings", 0), "hrv", "41.24");
}

static void
test_import_wrong_types (void)
{
  assert_tampered_import_fails (stress_as_text, ASCEND_STORE_ERROR_INVALID,
                                "healthReadings row 3: stressLevel must be a number");
  assert_tampered_import_fails (heart_rate_fraction, ASCEND_STORE_ERROR_INVALID,
                                "healthReadings row 1: heartRate must be a whole number");
  assert_tampered_import_fails (flag_as_number, ASCEND_STORE_ERROR_INVALID,
                                "healthReadings row 1: arrhythmiaDetected must be true or false");
  assert_tampered_import_fails (tags_as_text, ASCEND_STORE_ERROR_INVALID,
                                "journalEntries row 4: tags must be a JSON array or object");
  assert_tampered_import_fails (name_as_number, ASCEND_STORE_ERROR_INVALID,
                                "habits row 1: name must be a string");
  assert_tampered_import_fails (alert_type_null, ASCEND_STORE_ERROR_INVALID,
                                "healthAlerts row 1: alertType cannot be null");
  assert_tampered_import_fails (hrv_as_text, ASCEND_STORE_ERROR_INVALID,
                                "healthReadings row 1: hrv must be a number");
}

static void
stress_out_of_range (JsonObject *root)
{
  json_object_set_int_member (tamper_row (root, "healthReadings", 2), "stressLevel", 11);
}

static void
log_of_missing_habit (JsonObject *root)
{
  json_object_set_int_member (tamper_row (root, "habitLogs", 1), "habitId", 999);
}

static void
overdraft (JsonObject *root)
{
  json_object_set_int_member (tamper_row (root, "tokenTransactions", 1), "amount", -100);
}

static void
test_import_constraint (void)
{
  /* Rows of earlier tables are already written when these fail: the whole
   * import is rolled back. */
  assert_tampered_import_fails (stress_out_of_range, ASCEND_STORE_ERROR_CONSTRAINT,
                                "healthReadings row 3: Stress level must be between 1 and 10");
  assert_tampered_import_fails (log_of_missing_habit, ASCEND_STORE_ERROR_CONSTRAINT,
                                "habitLogs row 2: Habit 999 does not exist");
  assert_tampered_import_fails (overdraft, ASCEND_STORE_ERROR_INSUFFICIENT,
                                "tokenTransactions row 2: Not enough tokens: the balance cannot go below zero");
}

static void
duplicate_goal (JsonObject *root)
{
  JsonObject *first = tamper_row (root, "goals", 0);

  json_object_set_int_member (tamper_row (root, "goals", 2), "id",
                              json_object_get_int_member (first, "id"));
}

static void
test_import_duplicate_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) target = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Twice in one file. */
  assert_tampered_import_fails (duplicate_goal, ASCEND_STORE_ERROR_INVALID,
                                "goals row 3: id 1 is already used by row 1");

  /* Already in the target: the second import of the same file. */
  add_profile (source, "Aiko", T0);
  root = ascend_export_json (source, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);
  before = export_text (target, 0);
  g_assert_false (ascend_import_json (target, root, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "users row 1: A row with this id already exists in users");
  after = export_text (target, 0);
  g_assert_cmpstr (before, ==, after);
  assert_ledger_ok (target);
}

static void
tamper_balance (JsonObject *root)
{
  json_object_set_int_member (tamper_row (root, "users", 1), "tokenBalance", 99);
}

static void
test_import_tampered_balance (void)
{
  assert_tampered_import_fails (tamper_balance, ASCEND_STORE_ERROR_INVALID,
                                "users row 2: tokenBalance is 99 in the file, but the token ledger adds up to 14");
}

static JsonObject *
tamper_extra_row (JsonObject *root,
                  const char *table,
                  guint       index)
{
  return tamper_row (json_object_get_object_member (root, "extraTables"), table, index);
}

static void
tamper_rr_base64 (JsonObject *root)
{
  json_object_set_string_member (tamper_extra_row (root, "rrBlocks", 0), "rr", "not base64!");
}

static void
tamper_day_type (JsonObject *root)
{
  json_object_set_int_member (tamper_extra_row (root, "habitLogDays", 1), "day", 20231114);
}

static void
tamper_bad_day (JsonObject *root)
{
  json_object_set_string_member (tamper_extra_row (root, "habitLogDays", 1), "day", "2023-02-30");
}

static void
tamper_extra_unknown (JsonObject *root)
{
  json_object_set_array_member (json_object_get_object_member (root, "extraTables"), "secrets",
                                json_array_new ());
}

static void
tamper_extra_column (JsonObject *root)
{
  json_object_set_int_member (tamper_extra_row (root, "streakRewards", 0), "paidTwice", 1);
}

static void
tamper_newer_format (JsonObject *root)
{
  json_object_set_int_member (root, "formatVersion", 3);
}

static void
tamper_extra_in_v1 (JsonObject *root)
{
  json_object_set_int_member (root, "formatVersion", 1);
}

/* Rows of the extra tables are checked like seed rows, and one bad row
 * (even one SQLite refuses only on insert) leaves the target untouched. */
static void
test_import_extra_tables_checked (void)
{
  assert_tampered_import_fails (tamper_rr_base64, ASCEND_STORE_ERROR_INVALID,
                                "rrBlocks row 1: rr must be base64 text");
  assert_tampered_import_fails (tamper_day_type, ASCEND_STORE_ERROR_INVALID,
                                "habitLogDays row 2: day must be a string");
  assert_tampered_import_fails (tamper_bad_day, ASCEND_STORE_ERROR_CONSTRAINT,
                                "habitLogDays row 2: *");
  assert_tampered_import_fails (tamper_extra_unknown, ASCEND_STORE_ERROR_INVALID,
                                "Unknown table “secrets”");
  assert_tampered_import_fails (tamper_extra_column, ASCEND_STORE_ERROR_INVALID,
                                "streakRewards row 1: unknown column “paidTwice”");
  assert_tampered_import_fails (tamper_newer_format, ASCEND_STORE_ERROR_TOO_NEW,
                                "This export was written by a newer version of Anime Ascend*");
  assert_tampered_import_fails (tamper_extra_in_v1, ASCEND_STORE_ERROR_INVALID,
                                "extraTables needs formatVersion 2");
}

/* What the extra tables carry survives the trip: a habit log keeps the day
 * and zone it was written in, and a paid streak bonus is not paid again. */
static void
test_import_extra_tables_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) target = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GPtrArray) skips = NULL;
  g_autoptr(GHashTable) archived = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GArray) rr = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) irregular = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gboolean found = FALSE;
  gint64 aiko, habit_id;

  aiko = add_profile (source, "Aiko", T0);
  root = ascend_export_json (source, aiko, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);

  habit_id = json_object_get_int_member (row_of (root, "habits", 0), "id");
  logs = ascend_habit_store_list_logs (target, aiko, habit_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < logs->len; i++)
    {
      AscendHabitLogDay *log = g_ptr_array_index (logs, i);
      if (g_strcmp0 (log->notes, "from the store") == 0)
        {
          /* T0 + 20 is 2023-11-14 22:13 UTC: the 15th in Tokyo would be
           * computed now, but the log was written as the 14th. */
          g_assert_cmpstr (log->day, ==, "2023-11-14");
          found = TRUE;
        }
    }
  g_assert_true (found);

  archived = ascend_habit_store_list_archived (target, aiko, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (archived, &habit_id));
  skips = ascend_habit_store_list_skips (target, aiko, habit_id, &error);
  g_assert_cmpuint (skips->len, ==, 1);
  g_assert_cmpint (((AscendHabitSkip *) g_ptr_array_index (skips, 0))->transaction_id, >, 0);
  rewards = ascend_habit_store_list_rewards (target, habit_id, &error);
  g_assert_cmpuint (rewards->len, ==, 1);

  /* The same streak cannot be paid twice. */
  g_assert_cmpint (ascend_habit_store_grant_reward (target, habit_id, 7, "2023-11-01", "2023-11-07", 3,
                                                    "7-day streak", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  user = ascend_user_get (target, aiko, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->token_balance, ==, 14);

  g_assert_true (ascend_rr_block_load (target, aiko, 0, G_MAXINT64, rr, irregular, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rr->len, ==, 3);
  g_assert_cmpfloat (g_array_index (rr, double, 1), ==, 798);
  g_assert_true (g_array_index (irregular, gboolean, 1));
  assert_ledger_ok (target);
}

/* Files written before format 2 (seed tables only, no formatVersion) still
 * import. */
static void
test_import_format_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) target = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *object;

  add_profile (source, "Aiko", T0);
  root = ascend_export_json (source, 0, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  json_object_remove_member (object, "formatVersion");
  json_object_remove_member (object, "extraTables");
  g_assert_cmpuint (json_object_get_size (object), ==, 15);

  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);
  again = ascend_export_json (target, 0, &error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (again),
                                                                         "habitLogs")), ==, 3);
  assert_ledger_ok (target);
}

typedef struct {
  guint64 last_done;
  guint64 total;
  guint   calls;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >=, p->last_done);
  g_assert_cmpuint (done, <=, total);
  p->last_done = done;
  p->total = total;
  p->calls++;
}

static guint
count_rows (JsonNode *root)
{
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (root));
  JsonObject *extra = json_object_get_object_member (json_node_get_object (root), "extraTables");
  g_autoptr(GList) extra_members = json_object_get_members (extra);
  guint n = 0;

  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), l->data);
      if (JSON_NODE_HOLDS_ARRAY (node))
        n += json_array_get_length (json_node_get_array (node));
    }
  for (const GList *l = extra_members; l != NULL; l = l->next)
    n += json_array_get_length (json_object_get_array_member (extra, l->data));
  return n;
}

/* Streamed to a file: the same document as the tree, progress up to the
 * last row, 0600, complete or absent. */
static void
test_export_to_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) target = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendDatabase) empty = ascend_test_open_fresh_db (NULL);
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(JsonNode) streamed = NULL;
  g_autoptr(JsonNode) empty_tree = NULL;
  g_autoptr(JsonNode) empty_streamed = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *path = g_build_filename (ascend_test_data_home (), "streamed.json", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *cancelled_path = g_build_filename (ascend_test_data_home (), "cancelled.json", NULL);
  g_autofree char *nowhere = g_build_filename (ascend_test_data_home (), "no", "such", "dir.json", NULL);
  Progress p = { 0 };
  GStatBuf st;

  add_profile (source, "Aiko", T0);
  add_profile (source, "Ren", T0 + 1000);
  tree = ascend_export_json (source, 0, &error);
  g_assert_no_error (error);

  g_assert_true (ascend_export_json_to_file (source, 0, path, progress_cb, &p, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  streamed = parse (text);
  g_assert_true (json_node_equal (tree, streamed));
  g_assert_cmpuint (p.total, ==, count_rows (tree));
  g_assert_cmpuint (p.last_done, ==, p.total);
  g_assert_cmpuint (p.calls, >=, 2);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* It imports like any export, and exports the same again. */
  g_assert_true (ascend_import_file (target, path, &error));
  g_assert_no_error (error);
  again = export_text (target, 0);
  {
    g_autoptr(JsonNode) reparsed = parse (again);
    g_assert_true (json_node_equal (reparsed, tree));
  }

  /* An empty database: empty arrays, still valid JSON. */
  g_clear_pointer (&text, g_free);
  empty_tree = ascend_export_json (empty, 0, &error);
  g_assert_true (ascend_export_json_to_file (empty, 0, path, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  empty_streamed = parse (text);
  g_assert_true (json_node_equal (empty_tree, empty_streamed));

  /* Cancelled: nothing left behind. */
  g_cancellable_cancel (cancelled);
  g_assert_false (ascend_export_json_to_file (source, 0, cancelled_path, NULL, NULL, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));

  g_assert_false (ascend_export_json_to_file (source, 0, nowhere, NULL, NULL, NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO);
}

/* A small RFC 4180 reader: records of fields, NULL for an empty unquoted
 * field (how the export writes SQL NULL). */
static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *fields = NULL;
  GString *field = NULL;
  gboolean quoted = FALSE;
  const char *p;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  for (p = text; *p != '\0'; p++)
    {
      if (fields == NULL)
        fields = g_ptr_array_new_with_free_func (g_free);
      if (field == NULL)
        field = g_string_new (NULL), quoted = FALSE;

      if (*p == '"' && field->len == 0 && !quoted)
        {
          /* A quoted field: up to the lone closing quote. */
          quoted = TRUE;
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          continue;
        }
      if (*p == ',' || *p == '\r')
        {
          g_ptr_array_add (fields, field->len == 0 && !quoted ? NULL : g_strdup (field->str));
          g_string_free (field, TRUE);
          field = NULL;
          if (*p == '\r')
            {
              g_assert_cmpint (p[1], ==, '\n');
              p++;
              g_ptr_array_add (records, fields);
              fields = NULL;
            }
          continue;
        }
      g_assert_true (!quoted);
      g_assert_true (*p != '\n');
      g_string_append_c (field, *p);
    }
  g_assert_null (field);
  g_assert_null (fields);
  return records;
}

static const char *
csv_field (GPtrArray *records,
           guint      record,
           guint      field)
{
  GPtrArray *fields = g_ptr_array_index (records, record);
  return g_ptr_array_index (fields, field);
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  g_autofree char *dir = g_build_filename (ascend_test_data_home (), "csv", "all", NULL);
  g_autofree char *one = g_build_filename (ascend_test_data_home (), "csv", "one", NULL);
  const AscendTable * const *tables;
  guint n_tables;
  GStatBuf st;
  gint64 ren;

  add_profile (db, "Aiko, \"the brave\"", T0);
  ren = add_profile (db, "Ren", T0 + 1000);

  g_assert_true (ascend_export_csv (db, 0, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  tables = ascend_tables_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *name = g_strconcat (tables[t]->name, ".csv", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) records = NULL;
      GPtrArray *header;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      records = read_csv (path);
      g_assert_cmpuint (records->len, >=, 3);
      header = g_ptr_array_index (records, 0);
      for (guint i = 0; i < tables[t]->n_columns; i++)
        g_assert_cmpstr (g_ptr_array_index (header, i), ==, tables[t]->columns[i].name);
      for (guint r = 0; r < records->len; r++)
        g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, r))->len, ==, tables[t]->n_columns);
    }

  {
    g_autofree char *path = g_build_filename (dir, "healthReadings.csv", NULL);
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text,
                                     "id,userId,heartRate,hrv,stressLevel,arrhythmiaDetected,readingType,createdAt\r\n"
                                     "1,1,72,41.24,,true,manual,1700000000001\r\n"
                                     "2,1,,,7,false,automatic,1700000000002\r\n"));
  }
  {
    g_autofree char *path = g_build_filename (dir, "journalEntries.csv", NULL);
    g_autoptr(GPtrArray) records = read_csv (path);

    g_assert_null (csv_field (records, 1, 2));                   /* title NULL */
    g_assert_cmpstr (csv_field (records, 1, 3), ==, journal_content);
    g_assert_cmpstr (csv_field (records, 1, 6), ==, "[\"sakura\", \"日記\"]");
    g_assert_cmpstr (csv_field (records, 2, 3), ==, "");         /* empty, not NULL */
  }
  {
    g_autofree char *path = g_build_filename (dir, "users.csv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) records = read_csv (path);

    g_assert_cmpstr (csv_field (records, 1, 2), ==, "Aiko, \"the brave\"");
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, ",\"Aiko, \"\"the brave\"\"\","));
  }
  {
    g_autofree char *path = g_build_filename (dir, "habitLogs.csv", NULL);
    g_autoptr(GPtrArray) records = read_csv (path);

    g_assert_cmpstr (csv_field (records, 2, 3), ==, "8 glasses,\r\n\"finally\"");
  }

  /* One profile: its rows only. */
  g_assert_true (ascend_export_csv (db, ren, one, &error));
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (one, "users.csv", NULL);
    g_autofree char *milestones = g_build_filename (one, "milestones.csv", NULL);
    g_autoptr(GPtrArray) records = read_csv (path);
    g_autoptr(GPtrArray) ms = read_csv (milestones);

    g_assert_cmpuint (records->len, ==, 2);
    g_assert_cmpstr (csv_field (records, 1, 2), ==, "Ren");
    g_assert_cmpuint (ms->len, ==, 3);
  }
}

/* Every table of the current schema is exported (a seed table or an extra
 * one) or is on this list with its reason; a new table fails here until
 * someone decides. */
static const char *not_exported[] = {
  "journalDrafts",            /* unsaved text stays on the machine that typed it */
  "readingRollupMinutes",     /* derived: triggers rebuild them from healthReadings */
  "readingRollupTenMinutes",
  "readingRollupHours",
  "rrBlockRanges",            /* derived from rrBlocks; decoded when missing */
  "stripeRequests",           /* in-flight Stripe requests of this machine */
  "checkoutSessions",         /* ditto; sync finds paid sessions at Stripe again */
  NULL
};

static void
test_every_table_decided (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  sqlite3 *handle = ascend_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  guint n_seed = 0, n_extra = 0, n_checked = 0;
  const AscendTable * const *seed = ascend_tables_all (&n_seed);
  const char * const *extra = ascend_export_extra_table_names (&n_extra);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                       "AND name NOT IN (SELECT name || suffix FROM sqlite_master, "
                                       "  (SELECT '_data' AS suffix UNION SELECT '_idx' UNION SELECT '_content' "
                                       "   UNION SELECT '_docsize' UNION SELECT '_config') "
                                       "  WHERE sql LIKE 'CREATE VIRTUAL%') ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      gboolean decided = g_strv_contains ((const char * const *) not_exported, table) ||
                         g_strv_contains (extra, table);

      for (guint i = 0; i < n_seed && !decided; i++)
        decided = g_str_equal (seed[i]->name, table);
      if (!decided)
        g_test_message ("table %s is neither exported nor listed as machine-local", table);
      g_assert_true (decided);
      n_checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_checked, ==, n_seed + n_extra + G_N_ELEMENTS (not_exported) - 1);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/export/round-trip", test_round_trip);
  g_test_add_func ("/export/every-table-decided", test_every_table_decided);
  g_test_add_func ("/export/user-filter", test_user_filter);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/to-file", test_export_to_file);
  g_test_add_func ("/import/malformed", test_import_malformed);
  g_test_add_func ("/import/unknown-names", test_import_unknown_names);
  g_test_add_func ("/import/wrong-types", test_import_wrong_types);
  g_test_add_func ("/import/constraint", test_import_constraint);
  g_test_add_func ("/import/duplicate-ids", test_import_duplicate_ids);
  g_test_add_func ("/import/tampered-balance", test_import_tampered_balance);
  g_test_add_func ("/import/extra-tables-checked", test_import_extra_tables_checked);
  g_test_add_func ("/import/extra-tables-kept", test_import_extra_tables_kept);
  g_test_add_func ("/import/format-1", test_import_format_1);
  return g_test_run ();
}
