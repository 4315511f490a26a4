/* test-goals.c: goal progress from milestones, due dates, sorting, forms
 *
 * What a user would notice: progress follows the milestones done (and only
 * reaches 100 with the last one), completing the last one completes the
 * goal once and earns XP, a goal without milestones keeps its slider,
 * overdue and due-soon goals are told apart, the list sorts by target
 * date, a deleted goal comes back whole with undo, and the goal form
 * refuses empty titles, impossible dates and progress outside 0-100.
 */
#include "config.h"

#include "ascend-test-util.h"
#include "ascend-goal-rules.h"
#include "ascend-goal-store.h"
#include "ascend-progress.h"

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Sakura");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
}

static gint64
add_goal (Fixture    *f,
          const char *title,
          const char *target_date,
          gint64      progress,
          gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendGoal) goal = ascend_goal_new ();

  goal->user_id = f->user;
  goal->title = g_strdup (title);
  goal->target_date = g_strdup (target_date);
  goal->progress = progress;
  goal->created_at = created_at;
  g_assert_cmpint (ascend_goal_insert (f->db, goal, &error), >, 0);
  g_assert_no_error (error);
  return goal->id;
}

static gint64
progress_of (Fixture *f,
             gint64   goal_id)
{
  g_autoptr(AscendGoal) goal = ascend_goal_get (f->db, goal_id, NULL);
  g_assert_nonnull (goal);
  return goal != NULL ? goal->progress : -1;
}

static gint64
xp_of (Fixture *f)
{
  AscendProgress progress;
  g_assert_true (ascend_progress_for_user (f->db, f->user, &progress, NULL));
  return progress.xp;
}

/* ------------------------------------------------------------------ */

static void
test_progress_rule (void)
{
  struct { guint done, total; gint64 manual, expected; } cases[] = {
    { 0, 0, 0, 0 }, { 0, 0, 42, 42 }, { 0, 0, 100, 100 }, { 0, 0, -5, 0 }, { 0, 0, 250, 100 },
    { 0, 1, 80, 0 }, { 1, 1, 0, 100 }, { 1, 2, 0, 50 }, { 1, 3, 0, 33 }, { 2, 3, 0, 66 },
    { 3, 3, 0, 100 }, { 199, 200, 0, 99 }, { 200, 200, 0, 100 }, { 5, 3, 0, 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ascend_goal_progress_from_milestones (cases[i].done, cases[i].total, cases[i].manual),
                     ==, cases[i].expected);
}

static void
test_dates_and_due (void)
{
  GDate today, d;
  struct { const char *target; gint64 progress; AscendGoalDue due; const char *text; } cases[] = {
    { NULL, 0, ASCEND_GOAL_NO_DATE, NULL },
    { "2025-03-10", 100, ASCEND_GOAL_COMPLETED, "Done" },
    { "2025-03-09", 99, ASCEND_GOAL_OVERDUE, "Overdue by 1 day" },
    { "2025-02-28", 0, ASCEND_GOAL_OVERDUE, "Overdue by 10 days" },
    { "2025-03-10", 50, ASCEND_GOAL_DUE_TODAY, "Due today" },
    { "2025-03-11", 0, ASCEND_GOAL_DUE_SOON, "Due in 1 day" },
    { "2025-03-17", 0, ASCEND_GOAL_DUE_SOON, "Due in 7 days" },
    { "2025-03-18", 0, ASCEND_GOAL_ON_TRACK, "Due in 8 days" },
    { "2026-03-10", 0, ASCEND_GOAL_ON_TRACK, "Due in 365 days" },
  };

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_MARCH, 2025);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ascend_goal_due_text (cases[i].target, cases[i].progress, &today);
      g_assert_cmpint (ascend_goal_due (cases[i].target, cases[i].progress, &today), ==, cases[i].due);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_date_clear (&d, 1);
  g_assert_true (ascend_goal_parse_date ("2024-02-29", &d));
  g_assert_cmpint (g_date_get_day (&d), ==, 29);
  g_assert_false (ascend_goal_parse_date ("2023-02-29", NULL));
  g_assert_false (ascend_goal_parse_date ("2025-02-30", NULL));
  g_assert_false (ascend_goal_parse_date ("2025-13-01", NULL));
  g_assert_false (ascend_goal_parse_date ("2025-00-10", NULL));
  g_assert_false (ascend_goal_parse_date ("2025-1-01", NULL));
  g_assert_false (ascend_goal_parse_date ("2025-01-1x", NULL));
  g_assert_false (ascend_goal_parse_date ("", NULL));
  g_assert_false (ascend_goal_parse_date (NULL, NULL));
}

static void
test_form_checks (void)
{
  g_autofree char *date = NULL;
  gint64 value = -1;

  g_assert_nonnull (ascend_goal_check_title (""));
  g_assert_nonnull (ascend_goal_check_title ("   "));
  g_assert_null (ascend_goal_check_title ("Learn 日本語"));

  g_assert_null (ascend_goal_check_date ("", &date));
  g_assert_cmpstr (date, ==, "");
  g_clear_pointer (&date, g_free);
  g_assert_null (ascend_goal_check_date (" 2025-12-31 ", &date));
  g_assert_cmpstr (date, ==, "2025-12-31");
  g_assert_cmpstr (ascend_goal_check_date ("2025-02-30", NULL), ==, "There is no such date: pick one from the calendar");
  g_assert_cmpstr (ascend_goal_check_date ("31/12/2025", NULL), ==, "Write the date as YYYY-MM-DD, or pick one from the calendar");
  g_assert_nonnull (ascend_goal_check_date ("tomorrow", NULL));

  g_assert_null (ascend_goal_check_progress ("0", &value));
  g_assert_cmpint (value, ==, 0);
  g_assert_null (ascend_goal_check_progress (" 100 ", &value));
  g_assert_cmpint (value, ==, 100);
  g_assert_null (ascend_goal_check_progress ("042", &value));
  g_assert_cmpint (value, ==, 42);
  value = 7;
  g_assert_cmpstr (ascend_goal_check_progress ("101", &value), ==, "Progress must be between 0 and 100 percent");
  g_assert_cmpstr (ascend_goal_check_progress ("-1", &value), ==, "Progress must be between 0 and 100 percent");
  g_assert_cmpstr (ascend_goal_check_progress ("99999999999999999999999", &value), ==, "Progress must be between 0 and 100 percent");
  g_assert_cmpstr (ascend_goal_check_progress ("50%", &value), ==, "Progress must be a whole number from 0 to 100");
  g_assert_cmpstr (ascend_goal_check_progress ("4.5", &value), ==, "Progress must be a whole number from 0 to 100");
  g_assert_cmpstr (ascend_goal_check_progress ("", &value), ==, "Progress must be a whole number from 0 to 100");
  g_assert_cmpint (value, ==, 7);

  g_assert_null (ascend_goal_check_category (NULL));
  g_assert_null (ascend_goal_check_category ("健康"));
  {
    g_autofree char *long_one = g_strnfill (65, 'x');
    g_assert_nonnull (ascend_goal_check_category (long_one));
  }
}

/* ------------------------------------------------------------------ */

static void
test_progress_follows_milestones (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 goal = add_goal (f, "Run 10 km", "2030-06-01", 30, 0);
  gint64 xp_before = xp_of (f);
  gint64 m1, m2;
  gboolean completed = TRUE;

  /* No milestones: the slider's value stands, and can be changed. */
  g_assert_true (ascend_goal_store_set_progress (f->db, goal, 40, &error));
  g_assert_cmpint (progress_of (f, goal), ==, 40);

  m1 = ascend_goal_store_add_milestone (f->db, goal, "5 km", &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress_of (f, goal), ==, 0);
  m2 = ascend_goal_store_add_milestone (f->db, goal, "10 km", &error);
  g_assert_cmpint (m2, >, m1);

  /* With milestones the slider is refused: they decide. */
  g_assert_false (ascend_goal_store_set_progress (f->db, goal, 90, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (progress_of (f, goal), ==, 0);

  g_assert_true (ascend_goal_store_set_milestone_done (f->db, m1, TRUE, &completed, &error));
  g_assert_false (completed);
  g_assert_cmpint (progress_of (f, goal), ==, 50);
  g_assert_cmpint (xp_of (f), ==, xp_before + ASCEND_XP_MILESTONE);

  /* The last one completes the goal, and says so once. */
  g_assert_true (ascend_goal_store_set_milestone_done (f->db, m2, TRUE, &completed, &error));
  g_assert_true (completed);
  g_assert_cmpint (progress_of (f, goal), ==, 100);
  g_assert_cmpint (xp_of (f), >=, xp_before + 2 * ASCEND_XP_MILESTONE);
  g_assert_true (ascend_goal_store_set_milestone_done (f->db, m2, TRUE, &completed, &error));
  g_assert_false (completed);
  {
    g_autoptr(AscendMilestone) m = ascend_milestone_get (f->db, m2, NULL);
    g_assert_true (m->is_completed);
    g_assert_cmpint (m->completed_at, >, 0);
  }

  /* Undone, it is 50 again and its time is cleared. */
  g_assert_true (ascend_goal_store_set_milestone_done (f->db, m2, FALSE, &completed, &error));
  g_assert_false (completed);
  g_assert_cmpint (progress_of (f, goal), ==, 50);
  {
    g_autoptr(AscendMilestone) m = ascend_milestone_get (f->db, m2, NULL);
    g_assert_false (m->is_completed);
    g_assert_cmpint (m->completed_at, ==, 0);
  }

  /* A third milestone lowers the share; deleting an open one raises it. */
  {
    gint64 m3 = ascend_goal_store_add_milestone (f->db, goal, "Half marathon", &error);
    g_assert_cmpint (progress_of (f, goal), ==, 33);
    g_assert_true (ascend_goal_store_rename_milestone (f->db, m3, "Half marathon 🏅", &error));
    g_assert_true (ascend_goal_store_delete_milestone (f->db, m3, &error));
    g_assert_cmpint (progress_of (f, goal), ==, 50);
  }
  g_assert_true (ascend_goal_store_delete_milestone (f->db, m2, &error));
  g_assert_cmpint (progress_of (f, goal), ==, 100);

  /* A milestone needs a title: refused, and nothing changes. */
  g_assert_cmpint (ascend_goal_store_add_milestone (f->db, goal, "  ", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A milestone needs a title");
  g_clear_error (&error);
  g_assert_cmpint (progress_of (f, goal), ==, 100);

  /* The last milestone gone, the slider is back. */
  g_assert_true (ascend_goal_store_delete_milestone (f->db, m1, &error));
  g_assert_true (ascend_goal_store_set_progress (f->db, goal, 10, &error));
  g_assert_cmpint (progress_of (f, goal), ==, 10);
  g_assert_false (ascend_goal_store_set_progress (f->db, goal, 101, &error));
  g_assert_cmpstr (error->message, ==, "Progress must be between 0 and 100 percent");
}

static void
test_list_sorts_by_target_date (Fixture       *f,
                                gconstpointer  data)
{
  gint64 none_old = add_goal (f, "Someday", NULL, 0, 100);
  gint64 late = add_goal (f, "Late", "2031-01-01", 0, 200);
  gint64 soon = add_goal (f, "Soon", "2025-01-02", 0, 300);
  gint64 none_new = add_goal (f, "Someday too", NULL, 0, 400);
  gint64 soon_older = add_goal (f, "Soon, older", "2025-01-02", 0, 50);
  gint64 expected[] = { soon_older, soon, late, none_old, none_new };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ascend_goal_store_list (f->db, f->user, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (((AscendGoalDetails *) list->pdata[i])->goal->id, ==, expected[i]);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 goal = add_goal (f, "Read 12 books 📚", "2030-12-31", 0, 0);
  gint64 m1 = ascend_goal_store_add_milestone (f->db, goal, "Book 1", &error);
  gint64 m2 = ascend_goal_store_add_milestone (f->db, goal, "Book 2", &error);
  g_autoptr(AscendGoalDetails) deleted = NULL;
  g_autoptr(AscendGoalDetails) back = NULL;
  gint64 xp_done;

  g_assert_true (ascend_goal_store_set_milestone_done (f->db, m1, TRUE, NULL, &error));
  xp_done = xp_of (f);

  deleted = ascend_goal_store_delete (f->db, goal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_null (ascend_goal_get (f->db, goal, NULL));
  g_assert_null (ascend_milestone_get (f->db, m2, NULL));
  g_assert_cmpint (xp_of (f), ==, xp_done - ASCEND_XP_MILESTONE);

  g_assert_true (ascend_goal_store_restore (f->db, deleted, &error));
  g_assert_no_error (error);
  back = ascend_goal_store_get (f->db, goal, &error);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->goal->title, ==, "Read 12 books 📚");
  g_assert_cmpint (back->goal->progress, ==, 50);
  g_assert_cmpuint (back->milestones->len, ==, 2);
  g_assert_cmpuint (back->completed, ==, 1);
  g_assert_cmpint (((AscendMilestone *) back->milestones->pdata[0])->id, ==, m1);
  g_assert_cmpint (((AscendMilestone *) back->milestones->pdata[1])->id, ==, m2);
  g_assert_cmpint (xp_of (f), ==, xp_done);

  /* A restore that cannot be written (the id is taken again) writes none of it. */
  g_assert_false (ascend_goal_store_restore (f->db, deleted, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(AscendGoalDetails) still = ascend_goal_store_get (f->db, goal, &error);
    g_assert_cmpuint (still->milestones->len, ==, 2);
  }
}

static void
test_store_refuses_bad_goals (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendGoal) goal = ascend_goal_new ();

  goal->user_id = f->user;
  goal->title = g_strdup ("Fine");
  goal->target_date = g_strdup ("2025-02-30");
  g_assert_cmpint (ascend_goal_insert (f->db, goal, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "The target date must be a real date written YYYY-MM-DD");
  g_clear_error (&error);
  g_free (goal->target_date);
  goal->target_date = NULL;
  goal->progress = 101;
  g_assert_cmpint (ascend_goal_insert (f->db, goal, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Progress must be between 0 and 100 percent");
}

int
main (int    argc,
      char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/goals/rules/progress", test_progress_rule);
  g_test_add_func ("/goals/rules/dates-and-due", test_dates_and_due);
  g_test_add_func ("/goals/rules/form-checks", test_form_checks);
#define ADD(path, func) g_test_add ("/goals/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("store/progress-follows-milestones", test_progress_follows_milestones);
  ADD ("store/list-sorts-by-target-date", test_list_sorts_by_target_date);
  ADD ("store/delete-and-undo", test_delete_and_undo);
  ADD ("store/refuses-bad-goals", test_store_refuses_bad_goals);
#undef ADD

  return g_test_run ();
}
