/* test-store.c: the typed row API and every constraint of the data model */
#include "config.h"

#include "ascend-test-util.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-business-store.h"

static void
test_reading_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Aiko");
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
  g_autoptr(AscendHealthReading) back = NULL;

  r->user_id = user;
  r->heart_rate = 72;
  r->hrv = 41.236;
  r->created_at = 1000;
  g_assert_cmpint (ascend_health_reading_insert (db, r, &error), >, 0);
  g_assert_no_error (error);
  back = ascend_health_reading_get (db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->heart_rate, ==, 72);
  g_assert_cmpfloat_with_epsilon (back->hrv, 41.24, 1e-9);
  g_assert_cmpint (back->stress_level, ==, ASCEND_NO_INT);
  g_assert_cmpstr (back->reading_type, ==, "automatic");
  g_assert_false (back->arrhythmia_detected);
}

static void
test_stress_out_of_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Aiko");
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();

  r->user_id = user;
  r->heart_rate = 72;
  r->stress_level = 11;
  g_assert_cmpint (ascend_health_reading_insert (db, r, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Stress level must be between 1 and 10");
}

static void
test_ledger_overdraft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Aiko");

  g_assert_cmpint (ascend_token_ledger_record (db, user, 10, "purchase", "Pack", &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_balance (db, user, &error), ==, 15);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -16, "usage", "Too much", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_clear_error (&error);
  g_assert_cmpint (ascend_token_ledger_balance (db, user, &error), ==, 15);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/store/reading-round-trip", test_reading_round_trip);
  g_test_add_func ("/store/stress-out-of-range", test_stress_out_of_range);
  g_test_add_func ("/store/ledger-overdraft", test_ledger_overdraft);
  return g_test_run ();
}
