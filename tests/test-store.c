/* test-store.c: the typed row API and every rule of the data model
 *
 * DESIGN.md section 5 and spec/schema.md are the rules; each test below
 * fails if one of them stops holding:
 *   - a create/get/list/update/delete round trip for every table, through
 *     the typed API;
 *   - every CHECK constraint tried with values on both sides of its edge,
 *     through raw SQL (INSERT and UPDATE) and through the store, refused with
 *     the sentence of ascend-store-errors.c;
 *   - NOT NULL, foreign keys, ON DELETE CASCADE, indexes, the unique openId,
 *     DECIMAL rounding, NOT_FOUND, and the tables and columns of the spec.
 */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-business-store.h"

#define FIELD(record, col, type) (*(type *) ((guint8 *) (record) + (col)->offset))

/* Times used for the range queries: far in the past, so rows made "now" by
 * the fixture never fall inside [T0, T3). */
#define T0 1000
#define T1 2000
#define T2 3000
#define T3 4000

#define MSG_APPEND_ONLY "Token transactions cannot be changed once written; add a refund instead"
#define MSG_BALANCE_ONLY "The token balance only changes through token transactions"
#define MSG_FK_RAW "This refers to a profile, habit or goal that does not exist"

/* ------------------------------------------------------------------------ */
/* Fixture: a database with two profiles, each with a habit and a goal.      */

typedef struct {
  gint64 user;
  gint64 habit;
  gint64 goal;
} Parents;

typedef struct {
  AscendDatabase *db;
  Parents         a;
  Parents         b;
} Fixture;

typedef struct {
  const char *table;
  const char *column;
  const char *text;
  gint64      number;
} ValidValue;

/* What a valid row needs beyond the defaults of its record. */
static const ValidValue valid_values[] = {
  { "healthAlerts", "alertType", "arrhythmia", 0 },
  { "healthAlerts", "severity", "low", 0 },
  { "emergencyContacts", "name", "Mika", 0 },
  { "emergencyContacts", "phone", "+81 3 1234 5678", 0 },
  { "exerciseSessions", "exerciseType", "box_breathing", 0 },
  { "habits", "name", "Stretch", 0 },
  { "moodLogs", "moodScore", NULL, 6 },
  { "goals", "title", "Run 5 km", 0 },
  { "milestones", "title", "First kilometre", 0 },
  { "tokenTransactions", "amount", NULL, 3 },
  { "tokenTransactions", "type", "bonus", 0 },
  { "subscriptions", "tier", "pro", 0 },
  { "subscriptions", "status", "active", 0 },
  { "payments", "amount", "4.99", 0 },
  { "payments", "currency", "eur", 0 },
  { "payments", "status", "pending", 0 },
  { "supportTickets", "subject", "Sync stopped", 0 },
};

/* A record that the schema accepts, owned by p, stamped with time. */
static gpointer
valid_record (const AscendTable *table,
              const Parents     *p,
              gint64             time)
{
  gpointer record = ascend_record_new (table);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];

      if (col->kind == ASCEND_COL_REF)
        {
          if (g_str_equal (col->references, "users"))
            FIELD (record, col, gint64) = p->user;
          else if (g_str_equal (col->references, "habits"))
            FIELD (record, col, gint64) = p->habit;
          else if (g_str_equal (col->references, "goals"))
            FIELD (record, col, gint64) = p->goal;
          else
            g_assert_not_reached ();
        }
      else if (col->kind == ASCEND_COL_TIME && !(col->flags & ASCEND_COL_NULLABLE))
        FIELD (record, col, gint64) = time;

      for (guint v = 0; v < G_N_ELEMENTS (valid_values); v++)
        if (g_str_equal (valid_values[v].table, table->name) &&
            g_str_equal (valid_values[v].column, col->name))
          {
            if (valid_values[v].text != NULL)
              {
                g_free (FIELD (record, col, char *));
                FIELD (record, col, char *) = g_strdup (valid_values[v].text);
              }
            else
              FIELD (record, col, gint64) = valid_values[v].number;
          }
    }
  return record;
}

static gint64
insert_valid (AscendDatabase    *db,
              const AscendTable *table,
              const Parents     *p,
              gint64             time)
{
  g_autoptr(GError) error = NULL;
  gpointer record = valid_record (table, p, time);
  gint64 id = ascend_row_insert (db, table, record, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  ascend_record_free (table, record);
  return id;
}

static void
make_parents (AscendDatabase *db,
              const char     *name,
              Parents        *p)
{
  p->user = ascend_test_add_user (db, name);
  p->habit = insert_valid (db, &ascend_table_habits, p, ascend_now_ms ());
  p->goal = insert_valid (db, &ascend_table_goals, p, ascend_now_ms ());
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (NULL);
  make_parents (f->db, "Aiko", &f->a);
  make_parents (f->db, "Bunta", &f->b);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
}

/* ------------------------------------------------------------------------ */
/* Raw SQL helpers                                                           */

static void
sql_exec (AscendDatabase *db,
          const char     *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (ascend_database_get_handle (db), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
count_rows (AscendDatabase    *db,
            const AscendTable *table)
{
  return ascend_test_sql_int (db, "SELECT count(*) FROM %s", table->name);
}

/* ------------------------------------------------------------------------ */
/* Values for the table-driven constraint cases                              */

typedef enum { V_NULL, V_INT, V_REAL, V_TEXT, V_REPEAT } ValueKind;

typedef struct {
  ValueKind   kind;
  gint64      i;     /* V_INT, or how many times s repeats (V_REPEAT) */
  double      d;
  const char *s;
} Value;

typedef struct {
  const char *table;
  const char *column;
  Value       value;
  const char *message;  /* NULL: the value is accepted */
} Case;

#define NUL        { V_NULL, 0, 0, NULL }
#define INT(x)     { V_INT, (x), 0, NULL }
#define REAL(x)    { V_REAL, 0, (x), NULL }
#define TXT(x)     { V_TEXT, 0, 0, (x) }
#define REP(x, n)  { V_REPEAT, (n), 0, (x) }

/* VARCHAR(n): n characters accepted, n + 1 refused, counted in characters
 * (a 3-byte Japanese character counts once). */
#define VARCHAR(t, c, n, m) \
  { t, c, REP ("a", n), NULL }, { t, c, REP ("a", (n) + 1), m }, \
  { t, c, REP ("桜", n), NULL }, { t, c, REP ("桜", (n) + 1), m }
#define RANGE_1_10(t, c, m) \
  { t, c, INT (-1), m }, { t, c, INT (0), m }, { t, c, INT (1), NULL }, \
  { t, c, INT (10), NULL }, { t, c, INT (11), m }
#define RANGE_0_100(t, c, m) \
  { t, c, INT (-1), m }, { t, c, INT (0), NULL }, { t, c, INT (100), NULL }, { t, c, INT (101), m }
#define BOOLEAN(t, c, m) \
  { t, c, INT (0), NULL }, { t, c, INT (1), NULL }, { t, c, INT (2), m }, \
  { t, c, INT (-1), m }, { t, c, TXT ("true"), c " must be a whole number" }

#define M_HEART "Heart rate must be between 20 and 300 beats per minute"
#define M_STRESS "Stress level must be between 1 and 10"
#define M_MOODSCORE "Mood score must be between 1 and 10"

static const Case cases[] = {
  /* users */
  VARCHAR ("users", "openId", 64, "The open ID must be at most 64 characters"),
  { "users", "openId", NUL, NULL },
  VARCHAR ("users", "email", 320, "The email address must be at most 320 characters"),
  VARCHAR ("users", "loginMethod", 64, "The login method must be at most 64 characters"),
  { "users", "role", TXT ("user"), NULL },
  { "users", "role", TXT ("admin"), NULL },
  { "users", "role", TXT ("Admin"), "Role must be one of: user, admin" },
  { "users", "role", TXT ("root"), "Role must be one of: user, admin" },
  { "users", "role", TXT (""), "Role must be one of: user, admin" },
  { "users", "subscriptionTier", TXT ("free"), NULL },
  { "users", "subscriptionTier", TXT ("premium"), NULL },
  { "users", "subscriptionTier", TXT ("pro"), NULL },
  { "users", "subscriptionTier", TXT ("Free"), "Subscription tier must be one of: free, premium, pro" },
  { "users", "subscriptionTier", TXT ("enterprise"), "Subscription tier must be one of: free, premium, pro" },
  VARCHAR ("users", "stripeCustomerId", 255, "The Stripe customer ID must be at most 255 characters"),
  /* The balance moves only through the ledger (see also test-ledger.c). */
  { "users", "tokenBalance", INT (5), NULL },
  { "users", "tokenBalance", INT (6), MSG_BALANCE_ONLY },
  { "users", "tokenBalance", INT (100), MSG_BALANCE_ONLY },
  { "users", "tokenBalance", INT (-1), MSG_BALANCE_ONLY },

  /* healthReadings */
  { "healthReadings", "heartRate", INT (19), M_HEART },
  { "healthReadings", "heartRate", INT (20), NULL },
  { "healthReadings", "heartRate", INT (300), NULL },
  { "healthReadings", "heartRate", INT (301), M_HEART },
  { "healthReadings", "heartRate", TXT ("fast"), "heartRate must be a whole number" },
  { "healthReadings", "heartRate", NUL, NULL },
  { "healthReadings", "hrv", REAL (-0.01), "HRV must be between 0 and 999.99 ms" },
  { "healthReadings", "hrv", REAL (0), NULL },
  { "healthReadings", "hrv", REAL (999.99), NULL },
  { "healthReadings", "hrv", REAL (1000), "HRV must be between 0 and 999.99 ms" },
  { "healthReadings", "hrv", NUL, NULL },
  RANGE_1_10 ("healthReadings", "stressLevel", M_STRESS),
  { "healthReadings", "stressLevel", NUL, NULL },
  BOOLEAN ("healthReadings", "arrhythmiaDetected", "The irregular rhythm flag must be 0 or 1"),
  { "healthReadings", "readingType", TXT ("manual"), NULL },
  { "healthReadings", "readingType", TXT ("automatic"), NULL },
  { "healthReadings", "readingType", TXT ("emergency"), NULL },
  { "healthReadings", "readingType", TXT ("Manual"), "Reading type must be one of: manual, automatic, emergency" },
  { "healthReadings", "readingType", TXT ("auto"), "Reading type must be one of: manual, automatic, emergency" },
  { "healthReadings", "readingType", TXT ("manual "), "Reading type must be one of: manual, automatic, emergency" },

  /* healthAlerts */
  { "healthAlerts", "alertType", TXT ("fall_detected"), NULL },
  { "healthAlerts", "alertType", TXT ("arrhythmia"), NULL },
  { "healthAlerts", "alertType", TXT ("high_stress"), NULL },
  { "healthAlerts", "alertType", TXT ("low_heart_rate"), NULL },
  { "healthAlerts", "alertType", TXT ("high_heart_rate"), NULL },
  { "healthAlerts", "alertType", TXT ("fall"),
    "Alert type must be one of: fall_detected, arrhythmia, high_stress, low_heart_rate, high_heart_rate" },
  { "healthAlerts", "alertType", TXT ("Arrhythmia"),
    "Alert type must be one of: fall_detected, arrhythmia, high_stress, low_heart_rate, high_heart_rate" },
  { "healthAlerts", "severity", TXT ("low"), NULL },
  { "healthAlerts", "severity", TXT ("medium"), NULL },
  { "healthAlerts", "severity", TXT ("high"), NULL },
  { "healthAlerts", "severity", TXT ("critical"), NULL },
  { "healthAlerts", "severity", TXT ("severe"), "Severity must be one of: low, medium, high, critical" },
  { "healthAlerts", "severity", TXT ("Critical"), "Severity must be one of: low, medium, high, critical" },
  { "healthAlerts", "heartRate", INT (19), M_HEART },
  { "healthAlerts", "heartRate", INT (20), NULL },
  { "healthAlerts", "heartRate", INT (300), NULL },
  { "healthAlerts", "heartRate", INT (301), M_HEART },
  RANGE_1_10 ("healthAlerts", "stressLevel", M_STRESS),
  BOOLEAN ("healthAlerts", "acknowledged", "The acknowledged flag must be 0 or 1"),

  /* emergencyContacts */
  VARCHAR ("emergencyContacts", "name", 255, "The contact's name must be 1 to 255 characters"),
  { "emergencyContacts", "name", TXT (""), "The contact's name must be 1 to 255 characters" },
  VARCHAR ("emergencyContacts", "phone", 20, "The phone number must be 1 to 20 characters"),
  { "emergencyContacts", "phone", TXT (""), "The phone number must be 1 to 20 characters" },
  VARCHAR ("emergencyContacts", "relationship", 100, "The relationship must be at most 100 characters"),
  BOOLEAN ("emergencyContacts", "isPrimary", "The primary contact flag must be 0 or 1"),

  /* exerciseSessions */
  { "exerciseSessions", "exerciseType", TXT ("box_breathing"), NULL },
  { "exerciseSessions", "exerciseType", TXT ("deep_breathing"), NULL },
  { "exerciseSessions", "exerciseType", TXT ("grounding"), NULL },
  { "exerciseSessions", "exerciseType", TXT ("body_scan"), NULL },
  { "exerciseSessions", "exerciseType", TXT ("progressive_relaxation"), NULL },
  { "exerciseSessions", "exerciseType", TXT ("gentle_movement"), NULL },
  { "exerciseSessions", "exerciseType", TXT ("breathing"),
    "Exercise type must be one of: box_breathing, deep_breathing, grounding, body_scan, progressive_relaxation, gentle_movement" },
  { "exerciseSessions", "exerciseType", TXT ("Box_breathing"),
    "Exercise type must be one of: box_breathing, deep_breathing, grounding, body_scan, progressive_relaxation, gentle_movement" },
  VARCHAR ("exerciseSessions", "triggerReason", 255, "The trigger reason must be at most 255 characters"),
  { "exerciseSessions", "durationSeconds", INT (-1), "Duration cannot be negative" },
  { "exerciseSessions", "durationSeconds", INT (0), NULL },
  { "exerciseSessions", "durationSeconds", INT (3600), NULL },
  RANGE_0_100 ("exerciseSessions", "completionPercentage", "Completion must be between 0 and 100 percent"),
  RANGE_1_10 ("exerciseSessions", "moodBefore", "Mood before must be between 1 and 10"),
  RANGE_1_10 ("exerciseSessions", "moodAfter", "Mood after must be between 1 and 10"),
  { "exerciseSessions", "status", TXT ("in_progress"), NULL },
  { "exerciseSessions", "status", TXT ("completed"), NULL },
  { "exerciseSessions", "status", TXT ("abandoned"), NULL },
  { "exerciseSessions", "status", TXT ("archived"),
    "Session status must be one of: in_progress, completed, abandoned" },
  { "exerciseSessions", "status", TXT ("in progress"),
    "Session status must be one of: in_progress, completed, abandoned" },
  /* The base row starts at T1. */
  { "exerciseSessions", "completedAt", INT (T1 - 1), "A session cannot end before it starts" },
  { "exerciseSessions", "completedAt", INT (T1), NULL },
  { "exerciseSessions", "completedAt", NUL, NULL },

  /* habits */
  { "habits", "name", TXT ("Drink water"), NULL },
  { "habits", "name", TXT (""), "A habit needs a name" },
  { "habits", "name", TXT ("   "), "A habit needs a name" },
  { "habits", "name", TXT ("\n"), "A habit needs a name" },
  VARCHAR ("habits", "category", 64, "The habit category must be at most 64 characters"),
  VARCHAR ("habits", "emoji", 10, "The emoji must be at most 10 characters"),
  { "habits", "emoji", REP ("🔥", 10), NULL },
  { "habits", "emoji", REP ("🔥", 11), "The emoji must be at most 10 characters" },
  { "habits", "frequency", TXT ("daily"), NULL },
  { "habits", "frequency", TXT ("weekly"), NULL },
  { "habits", "frequency", TXT ("monthly"), NULL },
  { "habits", "frequency", TXT ("Daily"), "Frequency must be one of: daily, weekly, monthly" },
  { "habits", "frequency", TXT ("yearly"), "Frequency must be one of: daily, weekly, monthly" },
  /* The length of a commitment (21, 30, 66 days...), schema 004. */
  { "habits", "targetDays", INT (0), "Target days must be between 1 and 1000" },
  { "habits", "targetDays", INT (1), NULL },
  { "habits", "targetDays", INT (66), NULL },
  { "habits", "targetDays", INT (1000), NULL },
  { "habits", "targetDays", INT (1001), "Target days must be between 1 and 1000" },

  /* journalEntries */
  VARCHAR ("journalEntries", "mood", 64, "The mood label must be at most 64 characters"),
  RANGE_1_10 ("journalEntries", "moodScore", M_MOODSCORE),
  { "journalEntries", "moodScore", NUL, NULL },
  { "journalEntries", "tags", TXT ("[]"), NULL },
  { "journalEntries", "tags", TXT ("[\"calm\",\"桜\"]"), NULL },
  { "journalEntries", "tags", TXT ("not json"), "Tags must be a JSON array" },
  { "journalEntries", "tags", TXT ("{\"a\":1}"), "Tags must be a JSON array" },
  { "journalEntries", "tags", TXT ("\"calm\""), "Tags must be a JSON array" },
  { "journalEntries", "tags", TXT ("[\"calm\""), "Tags must be a JSON array" },

  /* moodLogs */
  VARCHAR ("moodLogs", "mood", 64, "The mood label must be at most 64 characters"),
  RANGE_1_10 ("moodLogs", "moodScore", M_MOODSCORE),

  /* goals */
  { "goals", "title", TXT (""), "A goal needs a title" },
  { "goals", "title", TXT (" \t "), "A goal needs a title" },
  { "goals", "title", TXT ("Sleep by 23:00"), NULL },
  VARCHAR ("goals", "category", 64, "The goal category must be at most 64 characters"),
  RANGE_0_100 ("goals", "progress", "Progress must be between 0 and 100 percent"),
  { "goals", "targetDate", TXT ("2026-02-28"), NULL },
  { "goals", "targetDate", TXT ("2028-02-29"), NULL },
  { "goals", "targetDate", TXT ("2026-12-31"), NULL },
  { "goals", "targetDate", NUL, NULL },
  { "goals", "targetDate", TXT ("2026-02-30"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("2026-02-29"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("2026-04-31"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("2026/01/01"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("2026-13-01"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("2026-1-01"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("2026-01-01 00:00"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT ("tomorrow"), "The target date must be a real date written YYYY-MM-DD" },
  { "goals", "targetDate", TXT (""), "The target date must be a real date written YYYY-MM-DD" },

  /* milestones: the base row is not completed */
  { "milestones", "title", TXT (""), "A milestone needs a title" },
  { "milestones", "title", TXT (" \r\n"), "A milestone needs a title" },
  { "milestones", "title", TXT ("5 km"), NULL },
  BOOLEAN ("milestones", "isCompleted", "The completed flag must be 0 or 1"),
  { "milestones", "completedAt", INT (T1), "Only a completed milestone has a completion time" },
  { "milestones", "completedAt", NUL, NULL },

  /* tokenTransactions */
  { "tokenTransactions", "amount", INT (0), "A token transaction cannot be for zero tokens" },
  { "tokenTransactions", "amount", INT (1), NULL },
  { "tokenTransactions", "amount", INT (-1), NULL },
  { "tokenTransactions", "type", TXT ("purchase"), NULL },
  { "tokenTransactions", "type", TXT ("usage"), NULL },
  { "tokenTransactions", "type", TXT ("bonus"), NULL },
  { "tokenTransactions", "type", TXT ("refund"), NULL },
  { "tokenTransactions", "type", TXT ("Purchase"), "Transaction type must be one of: purchase, usage, bonus, refund" },
  { "tokenTransactions", "type", TXT ("gift"), "Transaction type must be one of: purchase, usage, bonus, refund" },

  /* subscriptions */
  VARCHAR ("subscriptions", "stripeSubscriptionId", 255, "The Stripe subscription ID must be at most 255 characters"),
  { "subscriptions", "tier", TXT ("premium"), NULL },
  { "subscriptions", "tier", TXT ("pro"), NULL },
  { "subscriptions", "tier", TXT ("free"), "Subscription tier must be one of: premium, pro" },
  { "subscriptions", "tier", TXT ("Pro"), "Subscription tier must be one of: premium, pro" },
  { "subscriptions", "status", TXT ("active"), NULL },
  { "subscriptions", "status", TXT ("canceled"), NULL },
  { "subscriptions", "status", TXT ("past_due"), NULL },
  { "subscriptions", "status", TXT ("cancelled"), "Subscription status must be one of: active, canceled, past_due" },
  { "subscriptions", "status", TXT ("archived"), "Subscription status must be one of: active, canceled, past_due" },

  /* payments */
  VARCHAR ("payments", "stripePaymentIntentId", 255, "The Stripe payment ID must be at most 255 characters"),
  VARCHAR ("payments", "amount", 32, "The payment amount must be 1 to 32 characters"),
  { "payments", "amount", TXT (""), "The payment amount must be 1 to 32 characters" },
  { "payments", "currency", TXT ("eur"), NULL },
  { "payments", "currency", TXT ("JPY"), NULL },
  { "payments", "currency", TXT ("円円円"), NULL },
  { "payments", "currency", TXT ("eu"), "The currency must be a three-letter code" },
  { "payments", "currency", TXT ("euro"), "The currency must be a three-letter code" },
  { "payments", "status", TXT ("succeeded"), NULL },
  { "payments", "status", TXT ("failed"), NULL },
  { "payments", "status", TXT ("pending"), NULL },
  { "payments", "status", TXT ("success"), "Payment status must be one of: succeeded, failed, pending" },
  { "payments", "status", TXT ("archived"), "Payment status must be one of: succeeded, failed, pending" },

  /* supportTickets */
  { "supportTickets", "subject", TXT (" "), "A support ticket needs a subject" },
  { "supportTickets", "subject", TXT ("\t"), "A support ticket needs a subject" },
  { "supportTickets", "subject", TXT ("App crashes"), NULL },
  VARCHAR ("supportTickets", "category", 64, "The ticket category must be at most 64 characters"),
  { "supportTickets", "status", TXT ("open"), NULL },
  { "supportTickets", "status", TXT ("in_progress"), NULL },
  { "supportTickets", "status", TXT ("resolved"), NULL },
  { "supportTickets", "status", TXT ("closed"), "Ticket status must be one of: open, in_progress, resolved" },
  { "supportTickets", "status", TXT ("archived"), "Ticket status must be one of: open, in_progress, resolved" },
};

/* Constraints proved by dedicated tests instead of the table above. */
static const char * const checks_tested_elsewhere[] = {
  "ck_users_tokenBalance",  /* test_overdraft_check_is_last_defence, test-ledger.c */
  NULL
};

static char *
value_text (const Value *v)
{
  if (v->kind == V_TEXT)
    return g_strdup (v->s);
  if (v->kind == V_REPEAT)
    {
      GString *s = g_string_new (NULL);
      for (gint64 i = 0; i < v->i; i++)
        g_string_append (s, v->s);
      return g_string_free (s, FALSE);
    }
  return NULL;
}

static char *
value_describe (const Value *v)
{
  switch (v->kind)
    {
    case V_NULL: return g_strdup ("NULL");
    case V_INT: return g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
    case V_REAL: return g_strdup_printf ("%g", v->d);
    case V_TEXT: return g_strdup_printf ("'%s'", v->s);
    case V_REPEAT: return g_strdup_printf ("'%s' x %" G_GINT64_FORMAT, v->s, v->i);
    default: g_assert_not_reached ();
    }
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const Value  *v)
{
  g_autofree char *text = value_text (v);

  switch (v->kind)
    {
    case V_NULL: sqlite3_bind_null (stmt, index); break;
    case V_INT: sqlite3_bind_int64 (stmt, index, v->i); break;
    case V_REAL: sqlite3_bind_double (stmt, index, v->d); break;
    case V_TEXT:
    case V_REPEAT: sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT); break;
    default: g_assert_not_reached ();
    }
}

/* Puts v into the record field of col; FALSE when the record cannot carry
 * it (a text in an INT field, a 2 in a gboolean, a ledger-only column). */
static gboolean
set_field (gpointer            record,
           const AscendColumn *col,
           const Value        *v)
{
  if (col->flags & ASCEND_COL_LEDGER)
    return FALSE;

  switch (col->kind)
    {
    case ASCEND_COL_INT:
      if (v->kind == V_INT)
        FIELD (record, col, gint64) = v->i;
      else if (v->kind == V_NULL)
        FIELD (record, col, gint64) = ASCEND_NO_INT;
      else
        return FALSE;
      return TRUE;
    case ASCEND_COL_REF:
    case ASCEND_COL_TIME:
      /* 0 means "now" or NULL to the store: not a value to test here. */
      if (v->kind != V_INT || v->i == 0)
        return FALSE;
      FIELD (record, col, gint64) = v->i;
      return TRUE;
    case ASCEND_COL_DECIMAL:
      if (v->kind == V_REAL)
        FIELD (record, col, double) = v->d;
      else if (v->kind == V_INT)
        FIELD (record, col, double) = (double) v->i;
      else if (v->kind == V_NULL)
        FIELD (record, col, double) = NAN;
      else
        return FALSE;
      return TRUE;
    case ASCEND_COL_TEXT:
    case ASCEND_COL_JSON:
    case ASCEND_COL_DATE:
      if (v->kind == V_TEXT || v->kind == V_REPEAT)
        {
          g_free (FIELD (record, col, char *));
          FIELD (record, col, char *) = value_text (v);
          return TRUE;
        }
      /* NULL in a field with a default means "the default" on insert. */
      if (v->kind == V_NULL && col->default_text == NULL)
        {
          g_clear_pointer (&FIELD (record, col, char *), g_free);
          return TRUE;
        }
      return FALSE;
    case ASCEND_COL_BOOL:
    case ASCEND_COL_ID:
    default:
      return FALSE;
    }
}

/* "INSERT INTO t (a, b, c) SELECT a, ?1, c FROM t WHERE id = ?2": a copy of
 * a valid row with one column replaced. */
static char *
build_copy_insert (const AscendTable *table,
                   const char        *column)
{
  GString *names = g_string_new (NULL);
  GString *values = g_string_new (NULL);
  char *sql;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *name = table->columns[i].name;
      /* A new profile starts at the ledger's 5, not at a copied balance. */
      if (table->columns[i].kind == ASCEND_COL_ID ||
          ((table->columns[i].flags & ASCEND_COL_LEDGER) && !g_str_equal (name, column)))
        continue;
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", name);
      g_string_append_printf (values, "%s%s", values->len ? ", " : "",
                              g_str_equal (name, column) ? "?1" : name);
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM %s WHERE id = ?2",
                         table->name, names->str, values->str, table->name);
  g_string_free (names, TRUE);
  g_string_free (values, TRUE);
  return sql;
}

/* Runs sql with ?1 = v and ?2 = id; returns the SQLite result and sets
 * error the way the store would. */
static int
run_bound (AscendDatabase  *db,
           const char      *sql,
           const Value     *v,
           gint64           id,
           GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (v != NULL)
    bind_value (stmt, 1, v);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    ascend_database_set_error (db, rc, error);
  sqlite3_finalize (stmt);
  return rc;
}

/* Whether the stored column of row id equals v. */
static gboolean
stored_equals (AscendDatabase    *db,
               const AscendTable *table,
               const char        *column,
               gint64             id,
               const Value       *v)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s IS ?1 FROM %s WHERE id = ?2", column, table->name);
  sqlite3_stmt *stmt = NULL;
  gboolean equal;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  bind_value (stmt, 1, v);
  sqlite3_bind_int64 (stmt, 2, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  equal = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  return equal;
}

static char *
stored_quoted (AscendDatabase    *db,
               const AscendTable *table,
               const char        *column,
               gint64             id)
{
  return ascend_test_sql_text (db, "SELECT quote(%s) FROM %s WHERE id = %" G_GINT64_FORMAT, column, table->name, id);
}

static void
assert_refusal (const GError *error,
                const char   *expected,
                const Case   *c,
                const char   *path)
{
  g_autofree char *what = value_describe (&c->value);

  if (error == NULL || !g_error_matches (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT) ||
      g_strcmp0 (error->message, expected) != 0)
    g_error ("%s.%s = %s via %s: expected CONSTRAINT \"%s\", got %s \"%s\"",
             c->table, c->column, what, path, expected,
             error ? g_quark_to_string (error->domain) : "no error",
             error ? error->message : "");
}

static void
assert_accepted (const GError *error,
                 const Case   *c,
                 const char   *path)
{
  g_autofree char *what = value_describe (&c->value);

  if (error != NULL)
    g_error ("%s.%s = %s via %s: expected it accepted, got \"%s\"",
             c->table, c->column, what, path, error->message);
}

static void
run_case (Fixture    *f,
          const Case *c,
          gint64      base_id)
{
  const AscendTable *table = ascend_table_lookup (c->table);
  const AscendColumn *col;
  g_autofree char *insert_sql = NULL;
  g_autofree char *update_sql = NULL;
  g_autofree char *before = NULL;
  gint64 rows_before;
  /* The ledger refuses any UPDATE that names amount or userId. */
  gboolean ledger = g_str_equal (c->table, "tokenTransactions");
  const char *raw_update_message =
    ledger && (g_str_equal (c->column, "amount") || g_str_equal (c->column, "userId")) ? MSG_APPEND_ONLY : c->message;
  const char *store_update_message = ledger ? MSG_APPEND_ONLY : c->message;

  g_assert_nonnull (table);
  col = ascend_table_column (table, c->column);
  g_assert_nonnull (col);
  insert_sql = build_copy_insert (table, c->column);
  update_sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table->name, c->column);
  before = stored_quoted (f->db, table, c->column, base_id);
  rows_before = count_rows (f->db, table);

  /* 1. Raw INSERT. Each path runs in a savepoint that is rolled back, so
   * the cases do not see each other. */
  sql_exec (f->db, "SAVEPOINT c");
  {
    g_autoptr(GError) error = NULL;
    int rc = run_bound (f->db, insert_sql, &c->value, base_id, &error);
    if (c->message != NULL)
      {
        assert_refusal (error, c->message, c, "raw INSERT");
        g_assert_cmpint (count_rows (f->db, table), ==, rows_before);
      }
    else
      {
        assert_accepted (error, c, "raw INSERT");
        g_assert_cmpint (rc, ==, SQLITE_DONE);
        g_assert_true (stored_equals (f->db, table, c->column,
                                      sqlite3_last_insert_rowid (ascend_database_get_handle (f->db)), &c->value));
      }
  }
  sql_exec (f->db, "ROLLBACK TO c; RELEASE c");

  /* 2. Raw UPDATE of the valid base row. */
  sql_exec (f->db, "SAVEPOINT c");
  {
    g_autoptr(GError) error = NULL;
    run_bound (f->db, update_sql, &c->value, base_id, &error);
    if (raw_update_message != NULL)
      {
        g_autofree char *after = stored_quoted (f->db, table, c->column, base_id);
        assert_refusal (error, raw_update_message, c, "raw UPDATE");
        g_assert_cmpstr (after, ==, before);
      }
    else
      {
        assert_accepted (error, c, "raw UPDATE");
        g_assert_true (stored_equals (f->db, table, c->column, base_id, &c->value));
      }
  }
  sql_exec (f->db, "ROLLBACK TO c; RELEASE c");

  /* 3. The store's insert, when the record can carry the value. */
  sql_exec (f->db, "SAVEPOINT c");
  {
    g_autoptr(GError) error = NULL;
    gpointer record = valid_record (table, &f->a, T1);
    if (set_field (record, col, &c->value))
      {
        gint64 id = ascend_row_insert (f->db, table, record, &error);
        if (c->message != NULL)
          {
            assert_refusal (error, c->message, c, "store insert");
            g_assert_cmpint (id, ==, 0);
            g_assert_cmpint (count_rows (f->db, table), ==, rows_before);
          }
        else
          {
            assert_accepted (error, c, "store insert");
            g_assert_cmpint (id, >, 0);
            g_assert_true (stored_equals (f->db, table, c->column, id, &c->value));
          }
      }
    ascend_record_free (table, record);
  }
  sql_exec (f->db, "ROLLBACK TO c; RELEASE c");

  /* 4. The store's update of the base row. */
  sql_exec (f->db, "SAVEPOINT c");
  {
    g_autoptr(GError) error = NULL;
    gpointer record = ascend_record_new (table);
    g_assert_true (ascend_row_get (f->db, table, base_id, record, &error));
    g_assert_no_error (error);
    if (set_field (record, col, &c->value))
      {
        gboolean ok = ascend_row_update (f->db, table, record, &error);
        if (store_update_message != NULL)
          {
            g_autofree char *after = stored_quoted (f->db, table, c->column, base_id);
            assert_refusal (error, store_update_message, c, "store update");
            g_assert_false (ok);
            g_assert_cmpstr (after, ==, before);
          }
        else
          {
            assert_accepted (error, c, "store update");
            g_assert_true (ok);
            g_assert_true (stored_equals (f->db, table, c->column, base_id, &c->value));
          }
      }
    ascend_record_free (table, record);
  }
  sql_exec (f->db, "ROLLBACK TO c; RELEASE c");
}

static gint64
base_row (Fixture           *f,
          const AscendTable *table)
{
  if (table == &ascend_table_users)
    return ascend_test_add_user (f->db, "Base");
  if (table == &ascend_table_habits)
    return f->a.habit;
  if (table == &ascend_table_goals)
    return f->a.goal;
  return insert_valid (f->db, table, &f->a, T1);
}

static void
test_constraint_cases (Fixture       *f,
                       gconstpointer  data)
{
  guint n_tables, refused = 0, accepted = 0;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);
  g_autoptr(GHashTable) bases = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; t < n_tables; t++)
    g_hash_table_insert (bases, (gpointer) tables[t]->name,
                         GINT_TO_POINTER ((int) base_row (f, tables[t])));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      run_case (f, &cases[i], GPOINTER_TO_INT (g_hash_table_lookup (bases, cases[i].table)));
      if (cases[i].message)
        refused++;
      else
        accepted++;
    }
  g_test_message ("%u values refused, %u accepted, each by raw INSERT, raw UPDATE and the store", refused, accepted);

  /* Nothing the cases did may remain. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = ascend_database_check (f->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* Every CHECK in the schema is named (so it gets a sentence), and every
 * CHECK of a seed table is tried by a refused case above: a new CHECK there
 * without a test fails here. Extra tables (DESIGN 5 allows them) are
 * tested by their own authors. */
static void
test_every_check_is_named_and_tested (Fixture       *f,
                                      gconstpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GRegex) named = g_regex_new ("CONSTRAINT\\s+(ck_\\w+)\\s+CHECK", 0, 0, NULL);
  g_autoptr(GRegex) any_check = g_regex_new ("\\bCHECK\\b", 0, 0, NULL);
  guint n_named = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (f->db),
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GMatchInfo) m = NULL;
      guint checks = 0, names = 0;

      for (g_regex_match (any_check, sql, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        checks++;
      g_clear_pointer (&m, g_match_info_free);
      for (g_regex_match (named, sql, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          g_autofree char *name = g_match_info_fetch (m, 1);
          gboolean tested = g_strv_contains (checks_tested_elsewhere, name);

          names++;
          if (ascend_table_lookup (table) == NULL)
            continue;
          for (guint i = 0; i < G_N_ELEMENTS (cases) && !tested; i++)
            {
              g_autofree char *prefix = g_strdup_printf ("ck_%s_%s", cases[i].table, cases[i].column);
              if (cases[i].message != NULL && g_str_has_prefix (name, prefix) &&
                  (name[strlen (prefix)] == '\0' || name[strlen (prefix)] == '_'))
                tested = TRUE;
            }
          if (!tested)
            g_error ("CHECK constraint %s of %s has no refused value in the cases", name, table);
        }
      g_assert_cmpuint (names, ==, checks);
      n_named += names;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_named, >=, 50);
}

/* ------------------------------------------------------------------------ */
/* NOT NULL, types, booleans, the columns of the spec                        */

static void
test_not_null_sentences (Fixture       *f,
                         gconstpointer  data)
{
  guint n_tables, n_checked = 0;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    {
      const AscendTable *table = tables[t];
      gint64 base = base_row (f, table);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info(%s)", table->name);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (f->db), pragma, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gboolean notnull = sqlite3_column_int (stmt, 3) != 0;
          gboolean pk = sqlite3_column_int (stmt, 5) != 0;
          g_autofree char *sql = NULL;
          g_autofree char *expected = NULL;
          g_autoptr(GError) error = NULL;
          const Value null = NUL;

          if (!notnull || pk)
            continue;
          sql = build_copy_insert (table, name);
          expected = g_strdup_printf ("%s.%s is required", table->name, name);
          g_assert_cmpint (run_bound (f->db, sql, &null, base, &error), !=, SQLITE_DONE);
          g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
          g_assert_cmpstr (error->message, ==, expected);
          n_checked++;
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpuint (n_checked, >=, 65);

  /* Through the typed API too: a contact without a name, a mood log
   * without a score. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AscendEmergencyContact) c = ascend_emergency_contact_new ();
    c->user_id = f->a.user;
    c->phone = g_strdup ("110");
    g_assert_cmpint (ascend_emergency_contact_insert (f->db, c, &error), ==, 0);
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
    g_assert_cmpstr (error->message, ==, "emergencyContacts.name is required");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AscendMoodLog) m = ascend_mood_log_new ();
    m->user_id = f->a.user;
    m->mood = g_strdup ("calm");
    g_assert_cmpint (ascend_mood_log_insert (f->db, m, &error), ==, 0);
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
    g_assert_cmpstr (error->message, ==, "moodLogs.moodScore is required");
  }
}

/* DESIGN 5: INT -> INTEGER, BOOLEAN -> INTEGER NOT NULL DEFAULT 0,
 * DECIMAL -> REAL, TIMESTAMP -> INTEGER, DATE/JSON/VARCHAR -> TEXT; ids are
 * AUTOINCREMENT. The descriptor's columns are the table's columns. */
static void
test_column_types (Fixture       *f,
                   gconstpointer  data)
{
  guint n_tables;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);

  g_assert_cmpuint (n_tables, ==, 15);
  for (guint t = 0; t < n_tables; t++)
    {
      const AscendTable *table = tables[t];
      g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info(%s)", table->name);
      g_autofree char *create = ascend_test_sql_text (f->db, "SELECT sql FROM sqlite_schema WHERE name = '%s'", table->name);
      sqlite3_stmt *stmt = NULL;
      guint n = 0;

      g_assert_nonnull (strstr (create, "id INTEGER PRIMARY KEY AUTOINCREMENT"));
      g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (f->db), pragma, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          const char *type = (const char *) sqlite3_column_text (stmt, 2);
          const char *dflt = (const char *) sqlite3_column_text (stmt, 4);
          const AscendColumn *col;
          const char *expected;

          g_assert_cmpuint (n, <, table->n_columns);
          col = &table->columns[n++];
          g_assert_cmpstr (col->name, ==, name);
          switch (col->kind)
            {
            case ASCEND_COL_DECIMAL: expected = "REAL"; break;
            case ASCEND_COL_TEXT:
            case ASCEND_COL_JSON:
            case ASCEND_COL_DATE: expected = "TEXT"; break;
            default: expected = "INTEGER"; break;
            }
          g_assert_cmpstr (type, ==, expected);
          if (col->kind == ASCEND_COL_BOOL)
            {
              g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
              g_assert_cmpstr (dflt, ==, "0");
            }
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n, ==, table->n_columns);
    }
}

/* The tables and columns, in order, are those of spec/schema.md. */
static void
test_columns_match_spec (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *spec = ascend_test_shared_data ("../spec/schema.md");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  const AscendTable *table = NULL;
  guint n_tables = 0;

  if (spec == NULL)
    {
      g_test_skip ("spec/schema.md is not next to the project");
      return;
    }
  g_assert_true (g_file_get_contents (spec, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      gboolean end_of_table = line == NULL || g_str_has_prefix (line, "#") || g_str_has_prefix (line, "---");

      if (end_of_table && table != NULL)
        {
          g_assert_cmpuint (columns->len, ==, table->n_columns);
          for (guint c = 0; c < columns->len; c++)
            g_assert_cmpstr (columns->pdata[c], ==, table->columns[c].name);
          g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM pragma_table_info('%s')", table->name),
                           ==, columns->len);
          table = NULL;
          g_ptr_array_set_size (columns, 0);
          n_tables++;
        }
      if (line == NULL)
        break;
      if (g_str_has_prefix (line, "### `"))
        {
          g_autofree char *name = g_strndup (line + 5, strcspn (line + 5, "`"));
          table = ascend_table_lookup (name);
          if (table == NULL)
            g_error ("spec table %s has no descriptor", name);
        }
      else if (table != NULL && g_str_has_prefix (line, "| ") && !g_str_has_prefix (line, "| Column"))
        {
          g_auto(GStrv) cells = g_strsplit (line, "|", -1);
          g_ptr_array_add (columns, g_strstrip (g_strdup (cells[1])));
        }
    }
  g_assert_cmpuint (n_tables, ==, 15);
}

/* ------------------------------------------------------------------------ */
/* Round trips through the typed API                                         */

typedef struct {
  gint64 a0;  /* owner a, T0 */
  gint64 a2;  /* owner a, T2 */
  gint64 b1;  /* owner b, T1 */
} Neighbours;

static gint64
owner_a (Fixture           *f,
         const AscendTable *table)
{
  if (table->owner_column == NULL)
    return 0;
  if (g_str_equal (table->owner_column, "goalId"))
    return f->a.goal;
  return f->a.user;
}

static void
add_neighbours (Fixture           *f,
                const AscendTable *table,
                Neighbours        *n)
{
  n->a0 = insert_valid (f->db, table, &f->a, T0);
  n->a2 = insert_valid (f->db, table, &f->a, T2);
  n->b1 = insert_valid (f->db, table, &f->b, T1);
}

static void
assert_ids (GPtrArray *rows,
            guint      n,
            ...)
{
  va_list args;

  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (*(gint64 *) rows->pdata[i], ==, va_arg (args, gint64));
  va_end (args);
}

/* in_range: owner a, [T1, T2); of_owner: owner a, any time; everything. */
static void
check_lists (Fixture           *f,
             const AscendTable *table,
             gint64             id,
             const Neighbours  *n,
             GPtrArray         *in_range,
             GPtrArray         *of_owner,
             GPtrArray         *everything)
{
  if (table->time_column == NULL)
    {
      /* Milestones have no time: the range is ignored, rows come by id. */
      assert_ids (in_range, 3, id, n->a0, n->a2);
      assert_ids (of_owner, 3, id, n->a0, n->a2);
    }
  else if (table->owner_column == NULL)
    {
      /* Profiles have no owner: [T1, T2) holds the row and the T1 neighbour. */
      assert_ids (in_range, 2, MIN (id, n->b1), MAX (id, n->b1));
      assert_ids (of_owner, 6, n->a0, MIN (id, n->b1), MAX (id, n->b1), n->a2, f->a.user, f->b.user);
    }
  else if (table == &ascend_table_habits || table == &ascend_table_goals)
    {
      /* The fixture's own habit and goal of a were made "now". */
      assert_ids (in_range, 1, id);
      assert_ids (of_owner, 4, n->a0, id, n->a2, table == &ascend_table_habits ? f->a.habit : f->a.goal);
    }
  else
    {
      assert_ids (in_range, 1, id);
      assert_ids (of_owner, 3, n->a0, id, n->a2);
    }
  g_assert_cmpuint (everything->len, ==, count_rows (f->db, table));
}

#define CHECK_LISTS(prefix, table, id) G_STMT_START {                                   \
    Neighbours n_;                                                                      \
    g_autoptr(GPtrArray) in_range_ = NULL;                                              \
    g_autoptr(GPtrArray) of_owner_ = NULL;                                              \
    g_autoptr(GPtrArray) all_ = NULL;                                                   \
    add_neighbours (f, &(table), &n_);                                                  \
    in_range_ = prefix##_list (f->db, owner_a (f, &(table)), T1, T2, &error);           \
    g_assert_no_error (error);                                                          \
    of_owner_ = prefix##_list (f->db, owner_a (f, &(table)), 0, 0, &error);             \
    g_assert_no_error (error);                                                          \
    all_ = prefix##_list (f->db, 0, 0, 0, &error);                                      \
    g_assert_no_error (error);                                                          \
    check_lists (f, &(table), (id), &n_, in_range_, of_owner_, all_);                   \
  } G_STMT_END

/* Delete, then get/update/delete of the gone id all say NOT_FOUND. */
#define CHECK_DELETE(prefix, record) G_STMT_START {                                     \
    gint64 id_ = (record)->id;                                                          \
    g_assert_true (prefix##_delete (f->db, id_, &error));                               \
    g_assert_no_error (error);                                                          \
    g_assert_null (prefix##_get (f->db, id_, &error));                                  \
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);            \
    g_clear_error (&error);                                                             \
    g_assert_false (prefix##_delete (f->db, id_, &error));                              \
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);            \
    g_clear_error (&error);                                                             \
    g_assert_false (prefix##_update (f->db, (record), &error));                         \
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);            \
    g_clear_error (&error);                                                             \
  } G_STMT_END

#define REPLACE(field, value) (g_free (field), (field) = g_strdup (value))

static void
test_round_trip_users (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) u = ascend_user_new ();
  g_autoptr(AscendUser) back = NULL;
  gint64 before_update;

  u->open_id = g_strdup ("manus-1");
  u->name = g_strdup ("佐藤 愛子");
  u->email = g_strdup ("aiko@example.org");
  u->login_method = g_strdup ("oauth");
  REPLACE (u->role, "admin");
  REPLACE (u->subscription_tier, "premium");
  u->stripe_customer_id = g_strdup ("cus_123");
  u->created_at = u->updated_at = u->last_signed_in = T1;
  g_assert_cmpint (ascend_user_insert (f->db, u, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (u->token_balance, ==, 5);

  back = ascend_user_get (f->db, u->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->open_id, ==, "manus-1");
  g_assert_cmpstr (back->name, ==, "佐藤 愛子");
  g_assert_cmpstr (back->email, ==, "aiko@example.org");
  g_assert_cmpstr (back->login_method, ==, "oauth");
  g_assert_cmpstr (back->role, ==, "admin");
  g_assert_cmpstr (back->subscription_tier, ==, "premium");
  g_assert_cmpstr (back->stripe_customer_id, ==, "cus_123");
  g_assert_cmpint (back->token_balance, ==, 5);
  g_assert_cmpint (back->created_at, ==, T1);
  g_assert_cmpint (back->updated_at, ==, T1);
  g_assert_cmpint (back->last_signed_in, ==, T1);

  CHECK_LISTS (ascend_user, ascend_table_users, u->id);

  /* Update: fields change, updatedAt is touched, and the balance, written
   * by the ledger only, does not move whatever the record says. */
  REPLACE (back->name, "Aiko");
  REPLACE (back->subscription_tier, "pro");
  g_clear_pointer (&back->open_id, g_free);
  back->token_balance = 999;
  before_update = ascend_now_ms ();
  g_assert_true (ascend_user_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendUser) again = ascend_user_get (f->db, u->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->name, ==, "Aiko");
    g_assert_cmpstr (again->subscription_tier, ==, "pro");
    g_assert_null (again->open_id);
    g_assert_cmpint (again->token_balance, ==, 5);
    g_assert_cmpint (again->updated_at, >=, before_update);
    g_assert_cmpint (again->created_at, ==, T1);
  }

  CHECK_DELETE (ascend_user, back);
}

static void
test_round_trip_health_readings (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
  g_autoptr(AscendHealthReading) back = NULL;

  r->user_id = f->a.user;
  r->heart_rate = 72;
  r->hrv = 41.236;
  r->stress_level = 4;
  r->arrhythmia_detected = TRUE;
  REPLACE (r->reading_type, "manual");
  r->created_at = T1;
  g_assert_cmpint (ascend_health_reading_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpfloat (r->hrv, ==, 41.24);

  back = ascend_health_reading_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpint (back->heart_rate, ==, 72);
  g_assert_cmpfloat (back->hrv, ==, 41.24);
  g_assert_cmpint (back->stress_level, ==, 4);
  g_assert_true (back->arrhythmia_detected);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT arrhythmiaDetected FROM healthReadings WHERE id = %" G_GINT64_FORMAT,
                                        r->id), ==, 1);
  g_assert_cmpstr (back->reading_type, ==, "manual");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_health_reading, ascend_table_health_readings, r->id);

  back->heart_rate = 80;
  back->hrv = NAN;
  back->stress_level = ASCEND_NO_INT;
  back->arrhythmia_detected = FALSE;
  REPLACE (back->reading_type, "emergency");
  g_assert_true (ascend_health_reading_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendHealthReading) again = ascend_health_reading_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (again->heart_rate, ==, 80);
    g_assert_true (isnan (again->hrv));
    g_assert_cmpint (again->stress_level, ==, ASCEND_NO_INT);
    g_assert_false (again->arrhythmia_detected);
    g_assert_cmpstr (again->reading_type, ==, "emergency");
  }

  CHECK_DELETE (ascend_health_reading, back);
}

static void
test_round_trip_health_alerts (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthAlert) r = ascend_health_alert_new ();
  g_autoptr(AscendHealthAlert) back = NULL;

  r->user_id = f->a.user;
  r->alert_type = g_strdup ("high_heart_rate");
  r->severity = g_strdup ("high");
  r->message = g_strdup ("Heart rate 182 while resting");
  r->heart_rate = 182;
  r->stress_level = 9;
  r->created_at = T1;
  g_assert_cmpint (ascend_health_alert_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_health_alert_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->alert_type, ==, "high_heart_rate");
  g_assert_cmpstr (back->severity, ==, "high");
  g_assert_cmpstr (back->message, ==, "Heart rate 182 while resting");
  g_assert_cmpint (back->heart_rate, ==, 182);
  g_assert_cmpint (back->stress_level, ==, 9);
  g_assert_false (back->acknowledged);
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_health_alert, ascend_table_health_alerts, r->id);

  back->acknowledged = TRUE;
  REPLACE (back->severity, "critical");
  g_assert_true (ascend_health_alert_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendHealthAlert) again = ascend_health_alert_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_true (again->acknowledged);
    g_assert_cmpstr (again->severity, ==, "critical");
  }

  CHECK_DELETE (ascend_health_alert, back);
}

static void
test_round_trip_emergency_contacts (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendEmergencyContact) r = ascend_emergency_contact_new ();
  g_autoptr(AscendEmergencyContact) back = NULL;

  r->user_id = f->a.user;
  r->name = g_strdup ("山田 花子");
  r->phone = g_strdup ("+81 90 1234 5678");
  r->relationship = g_strdup ("Sister");
  r->is_primary = TRUE;
  r->created_at = T1;
  g_assert_cmpint (ascend_emergency_contact_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_emergency_contact_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->name, ==, "山田 花子");
  g_assert_cmpstr (back->phone, ==, "+81 90 1234 5678");
  g_assert_cmpstr (back->relationship, ==, "Sister");
  g_assert_true (back->is_primary);
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_emergency_contact, ascend_table_emergency_contacts, r->id);

  /* A user with contacts always has one primary (test-contacts.c): the
   * flag can only go when another contact is there to take it. */
  {
    g_autoptr(AscendEmergencyContact) other = ascend_emergency_contact_new ();
    other->user_id = f->a.user;
    other->name = g_strdup ("Ren");
    other->phone = g_strdup ("110 110 110");
    g_assert_cmpint (ascend_emergency_contact_insert (f->db, other, &error), >, 0);
    g_assert_no_error (error);
    g_assert_false (other->is_primary);
  }
  back->is_primary = FALSE;
  g_clear_pointer (&back->relationship, g_free);
  g_assert_true (ascend_emergency_contact_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendEmergencyContact) again = ascend_emergency_contact_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_false (again->is_primary);
    g_assert_null (again->relationship);
  }

  CHECK_DELETE (ascend_emergency_contact, back);
}

static void
test_round_trip_exercise_sessions (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendExerciseSession) r = ascend_exercise_session_new ();
  g_autoptr(AscendExerciseSession) back = NULL;

  r->user_id = f->a.user;
  r->exercise_type = g_strdup ("body_scan");
  r->trigger_reason = g_strdup ("Stress 8 for 10 minutes");
  r->mood_before = 3;
  r->started_at = T1;
  g_assert_cmpint (ascend_exercise_session_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_exercise_session_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->exercise_type, ==, "body_scan");
  g_assert_cmpstr (back->trigger_reason, ==, "Stress 8 for 10 minutes");
  g_assert_cmpint (back->duration_seconds, ==, 0);
  g_assert_cmpint (back->completion_percentage, ==, 0);
  g_assert_cmpint (back->mood_before, ==, 3);
  g_assert_cmpint (back->mood_after, ==, ASCEND_NO_INT);
  g_assert_cmpstr (back->status, ==, "in_progress");
  g_assert_cmpint (back->started_at, ==, T1);
  g_assert_cmpint (back->completed_at, ==, 0);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT completedAt IS NULL FROM exerciseSessions WHERE id = %" G_GINT64_FORMAT,
                                        r->id), ==, 1);

  CHECK_LISTS (ascend_exercise_session, ascend_table_exercise_sessions, r->id);

  back->duration_seconds = 240;
  back->completion_percentage = 100;
  back->mood_after = 7;
  REPLACE (back->status, "completed");
  back->completed_at = T1 + 240000;
  g_assert_true (ascend_exercise_session_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendExerciseSession) again = ascend_exercise_session_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (again->duration_seconds, ==, 240);
    g_assert_cmpint (again->completion_percentage, ==, 100);
    g_assert_cmpint (again->mood_after, ==, 7);
    g_assert_cmpstr (again->status, ==, "completed");
    g_assert_cmpint (again->completed_at, ==, T1 + 240000);
  }

  CHECK_DELETE (ascend_exercise_session, back);
}

static void
test_round_trip_habits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHabit) r = ascend_habit_new ();
  g_autoptr(AscendHabit) back = NULL;

  r->user_id = f->a.user;
  r->name = g_strdup ("Meditate");
  r->category = g_strdup ("mind");
  r->emoji = g_strdup ("🧘");
  r->created_at = T1;
  g_assert_cmpint (ascend_habit_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_habit_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->name, ==, "Meditate");
  g_assert_cmpstr (back->category, ==, "mind");
  g_assert_cmpstr (back->emoji, ==, "🧘");
  g_assert_cmpstr (back->frequency, ==, "daily");
  g_assert_cmpint (back->target_days, ==, 1);
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_habit, ascend_table_habits, r->id);

  REPLACE (back->frequency, "weekly");
  back->target_days = 3;
  g_assert_true (ascend_habit_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendHabit) again = ascend_habit_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->frequency, ==, "weekly");
    g_assert_cmpint (again->target_days, ==, 3);
  }

  CHECK_DELETE (ascend_habit, back);
}

static void
test_round_trip_habit_logs (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHabitLog) r = ascend_habit_log_new ();
  g_autoptr(AscendHabitLog) back = NULL;

  r->habit_id = f->a.habit;
  r->user_id = f->a.user;
  r->notes = g_strdup ("Before breakfast");
  r->completed_at = T1;
  g_assert_cmpint (ascend_habit_log_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_habit_log_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->habit_id, ==, f->a.habit);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->notes, ==, "Before breakfast");
  g_assert_cmpint (back->completed_at, ==, T1);

  CHECK_LISTS (ascend_habit_log, ascend_table_habit_logs, r->id);

  g_clear_pointer (&back->notes, g_free);
  back->completed_at = T1 + 1;
  g_assert_true (ascend_habit_log_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendHabitLog) again = ascend_habit_log_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_null (again->notes);
    g_assert_cmpint (again->completed_at, ==, T1 + 1);
  }

  CHECK_DELETE (ascend_habit_log, back);
}

static void
test_round_trip_journal_entries (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendJournalEntry) r = ascend_journal_entry_new ();
  g_autoptr(AscendJournalEntry) back = NULL;
  g_autofree char *long_text = NULL;

  /* LONGTEXT: a long entry comes back whole. */
  {
    GString *s = g_string_new (NULL);
    for (int i = 0; i < 20000; i++)
      g_string_append (s, "今日は良い日。");
    long_text = g_string_free (s, FALSE);
  }
  r->user_id = f->a.user;
  r->title = g_strdup ("Hanami");
  REPLACE (r->content, long_text);
  r->mood = g_strdup ("happy");
  r->mood_score = 8;
  REPLACE (r->tags, "[\"spring\",\"桜\"]");
  r->created_at = T1;
  g_assert_cmpint (ascend_journal_entry_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_journal_entry_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->title, ==, "Hanami");
  g_assert_cmpstr (back->content, ==, long_text);
  g_assert_cmpstr (back->mood, ==, "happy");
  g_assert_cmpint (back->mood_score, ==, 8);
  g_assert_cmpstr (back->tags, ==, "[\"spring\",\"桜\"]");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_journal_entry, ascend_table_journal_entries, r->id);

  REPLACE (back->content, "Short");
  back->mood_score = ASCEND_NO_INT;
  REPLACE (back->tags, "[]");
  g_assert_true (ascend_journal_entry_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendJournalEntry) again = ascend_journal_entry_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->content, ==, "Short");
    g_assert_cmpint (again->mood_score, ==, ASCEND_NO_INT);
    g_assert_cmpstr (again->tags, ==, "[]");
  }

  /* A new entry without tags gets the empty array. */
  {
    g_autoptr(AscendJournalEntry) bare = ascend_journal_entry_new ();
    bare->user_id = f->a.user;
    g_clear_pointer (&bare->tags, g_free);
    g_assert_cmpint (ascend_journal_entry_insert (f->db, bare, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpstr (bare->tags, ==, "[]");
  }

  CHECK_DELETE (ascend_journal_entry, back);
}

static void
test_round_trip_mood_logs (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendMoodLog) r = ascend_mood_log_new ();
  g_autoptr(AscendMoodLog) back = NULL;

  r->user_id = f->a.user;
  r->mood = g_strdup ("calm");
  r->mood_score = 7;
  r->notes = g_strdup ("After the walk");
  r->created_at = T1;
  g_assert_cmpint (ascend_mood_log_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_mood_log_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->mood, ==, "calm");
  g_assert_cmpint (back->mood_score, ==, 7);
  g_assert_cmpstr (back->notes, ==, "After the walk");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_mood_log, ascend_table_mood_logs, r->id);

  back->mood_score = 2;
  REPLACE (back->mood, "tired");
  g_assert_true (ascend_mood_log_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendMoodLog) again = ascend_mood_log_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (again->mood_score, ==, 2);
    g_assert_cmpstr (again->mood, ==, "tired");
  }

  CHECK_DELETE (ascend_mood_log, back);
}

static void
test_round_trip_goals (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendGoal) r = ascend_goal_new ();
  g_autoptr(AscendGoal) back = NULL;

  r->user_id = f->a.user;
  r->title = g_strdup ("Run a half marathon");
  r->description = g_strdup ("Osaka, in spring");
  r->category = g_strdup ("fitness");
  r->progress = 10;
  r->target_date = g_strdup ("2026-02-28");
  r->created_at = T1;
  g_assert_cmpint (ascend_goal_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_goal_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->title, ==, "Run a half marathon");
  g_assert_cmpstr (back->description, ==, "Osaka, in spring");
  g_assert_cmpstr (back->category, ==, "fitness");
  g_assert_cmpint (back->progress, ==, 10);
  g_assert_cmpstr (back->target_date, ==, "2026-02-28");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_goal, ascend_table_goals, r->id);

  back->progress = 100;
  g_clear_pointer (&back->target_date, g_free);
  g_assert_true (ascend_goal_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendGoal) again = ascend_goal_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (again->progress, ==, 100);
    g_assert_null (again->target_date);
  }
  /* A bad date through the typed API keeps the stored row as it was. */
  REPLACE (back->target_date, "2026-02-30");
  g_assert_false (ascend_goal_update (f->db, back, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The target date must be a real date written YYYY-MM-DD");
  g_clear_error (&error);

  CHECK_DELETE (ascend_goal, back);
}

static void
test_round_trip_milestones (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendMilestone) r = ascend_milestone_new ();
  g_autoptr(AscendMilestone) back = NULL;

  r->goal_id = f->a.goal;
  r->title = g_strdup ("10 km without stopping");
  g_assert_cmpint (ascend_milestone_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_milestone_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->goal_id, ==, f->a.goal);
  g_assert_cmpstr (back->title, ==, "10 km without stopping");
  g_assert_false (back->is_completed);
  g_assert_cmpint (back->completed_at, ==, 0);

  CHECK_LISTS (ascend_milestone, ascend_table_milestones, r->id);

  back->is_completed = TRUE;
  back->completed_at = T2;
  g_assert_true (ascend_milestone_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendMilestone) again = ascend_milestone_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_true (again->is_completed);
    g_assert_cmpint (again->completed_at, ==, T2);
  }

  CHECK_DELETE (ascend_milestone, back);
}

/* The ledger has no free update: create through ascend_token_ledger_record,
 * list through ascend_token_ledger_list, get and delete through the generic
 * row API (the delete trigger gives the tokens back). */
static void
test_round_trip_token_transactions (Fixture       *f,
                                    gconstpointer  data)
{
  const AscendTable *table = &ascend_table_token_transactions;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendTokenTransaction) back = ascend_record_new (table);
  gint64 id;
  gint64 before = ascend_now_ms ();

  id = ascend_token_ledger_record (f->db, f->a.user, 7, "purchase", "Small pack", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ascend_token_ledger_balance (f->db, f->a.user, &error), ==, 12);

  g_assert_true (ascend_row_get (f->db, table, id, back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpint (back->amount, ==, 7);
  g_assert_cmpstr (back->type, ==, "purchase");
  g_assert_cmpstr (back->description, ==, "Small pack");
  g_assert_cmpint (back->created_at, >=, before);

  /* Lists by owner and range, over rows stamped at known times. */
  {
    Neighbours n;
    gint64 at_t1 = insert_valid (f->db, table, &f->a, T1);
    g_autoptr(GPtrArray) in_range = NULL;
    g_autoptr(GPtrArray) of_owner = NULL;
    g_autoptr(GPtrArray) all = NULL;

    add_neighbours (f, table, &n);
    in_range = ascend_token_ledger_list (f->db, f->a.user, T1, T2, &error);
    g_assert_no_error (error);
    assert_ids (in_range, 1, at_t1);
    of_owner = ascend_token_ledger_list (f->db, f->a.user, 0, 0, &error);
    g_assert_no_error (error);
    assert_ids (of_owner, 4, n.a0, at_t1, n.a2, id);
    all = ascend_token_ledger_list (f->db, 0, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 5);
    /* Three bonuses of 3 for a, one for b. */
    g_assert_cmpint (ascend_token_ledger_balance (f->db, f->a.user, &error), ==, 21);
    g_assert_cmpint (ascend_token_ledger_balance (f->db, f->b.user, &error), ==, 8);
  }

  /* Any update through the row API is refused: the ledger is append-only. */
  REPLACE (back->description, "Renamed");
  g_assert_false (ascend_row_update (f->db, table, back, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_APPEND_ONLY);
  g_clear_error (&error);

  /* Deleting a transaction takes its amount back out of the balance. */
  g_assert_true (ascend_row_delete (f->db, table, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_token_ledger_balance (f->db, f->a.user, &error), ==, 14);
  g_assert_false (ascend_row_get (f->db, table, id, back, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ascend_row_delete (f->db, table, id, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_round_trip_subscriptions (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendSubscription) r = ascend_subscription_new ();
  g_autoptr(AscendSubscription) back = NULL;

  r->user_id = f->a.user;
  r->stripe_subscription_id = g_strdup ("sub_1Nabc");
  r->tier = g_strdup ("premium");
  r->status = g_strdup ("active");
  r->created_at = T1;
  g_assert_cmpint (ascend_subscription_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_subscription_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->stripe_subscription_id, ==, "sub_1Nabc");
  g_assert_cmpstr (back->tier, ==, "premium");
  g_assert_cmpstr (back->status, ==, "active");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_subscription, ascend_table_subscriptions, r->id);

  REPLACE (back->status, "past_due");
  g_assert_true (ascend_subscription_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendSubscription) again = ascend_subscription_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->status, ==, "past_due");
  }

  CHECK_DELETE (ascend_subscription, back);
}

static void
test_round_trip_payments (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendPayment) r = ascend_payment_new ();
  g_autoptr(AscendPayment) back = NULL;

  r->user_id = f->a.user;
  r->stripe_payment_intent_id = g_strdup ("pi_3Nxyz");
  r->amount = g_strdup ("4.99");
  r->currency = g_strdup ("eur");
  r->status = g_strdup ("pending");
  r->created_at = T1;
  g_assert_cmpint (ascend_payment_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_payment_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->stripe_payment_intent_id, ==, "pi_3Nxyz");
  g_assert_cmpstr (back->amount, ==, "4.99");
  g_assert_cmpstr (back->currency, ==, "eur");
  g_assert_cmpstr (back->status, ==, "pending");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_payment, ascend_table_payments, r->id);

  REPLACE (back->status, "succeeded");
  g_assert_true (ascend_payment_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendPayment) again = ascend_payment_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->status, ==, "succeeded");
  }

  CHECK_DELETE (ascend_payment, back);
}

static void
test_round_trip_support_tickets (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendSupportTicket) r = ascend_support_ticket_new ();
  g_autoptr(AscendSupportTicket) back = NULL;

  r->user_id = f->a.user;
  r->subject = g_strdup ("Strap not found");
  r->description = g_strdup ("Polar H10 does not show up");
  r->category = g_strdup ("sensors");
  r->created_at = T1;
  g_assert_cmpint (ascend_support_ticket_insert (f->db, r, &error), >, 0);
  g_assert_no_error (error);

  back = ascend_support_ticket_get (f->db, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->user_id, ==, f->a.user);
  g_assert_cmpstr (back->subject, ==, "Strap not found");
  g_assert_cmpstr (back->description, ==, "Polar H10 does not show up");
  g_assert_cmpstr (back->category, ==, "sensors");
  g_assert_cmpstr (back->status, ==, "open");
  g_assert_cmpint (back->created_at, ==, T1);

  CHECK_LISTS (ascend_support_ticket, ascend_table_support_tickets, r->id);

  REPLACE (back->status, "resolved");
  g_assert_true (ascend_support_ticket_update (f->db, back, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendSupportTicket) again = ascend_support_ticket_get (f->db, r->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->status, ==, "resolved");
  }

  CHECK_DELETE (ascend_support_ticket, back);
}

/* get, update and delete of an id that was never there, for every table. */
static void
test_not_found_everywhere (Fixture       *f,
                           gconstpointer  data)
{
  guint n_tables;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    {
      const AscendTable *table = tables[t];
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("No row 987654 in %s", table->name);
      gpointer record = valid_record (table, &f->a, T1);
      gint64 rows = count_rows (f->db, table);

      g_assert_false (ascend_row_get (f->db, table, 987654, record, &error));
      g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      *(gint64 *) record = 987654;
      g_assert_false (ascend_row_update (f->db, table, record, &error));
      g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      g_assert_false (ascend_row_delete (f->db, table, 987654, &error));
      g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      g_assert_cmpint (count_rows (f->db, table), ==, rows);
      ascend_record_free (table, record);
    }
}

/* ------------------------------------------------------------------------ */
/* Keys, cascades, indexes                                                   */

static const char *
parent_label (const char *references)
{
  if (g_str_equal (references, "users"))
    return "Profile";
  if (g_str_equal (references, "habits"))
    return "Habit";
  if (g_str_equal (references, "goals"))
    return "Goal";
  g_assert_not_reached ();
}

static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  guint n_tables, n_refs = 0;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);

  /* The case of the brief, through the typed API. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
    r->user_id = 4242;
    r->heart_rate = 70;
    g_assert_cmpint (ascend_health_reading_insert (f->db, r, &error), ==, 0);
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
    g_assert_cmpstr (error->message, ==, "Profile 4242 does not exist");
    g_assert_cmpint (count_rows (f->db, &ascend_table_health_readings), ==, 0);
  }

  for (guint t = 0; t < n_tables; t++)
    {
      const AscendTable *table = tables[t];
      gint64 base = base_row (f, table);

      for (guint i = 0; i < table->n_columns; i++)
        {
          const AscendColumn *col = &table->columns[i];
          g_autofree char *expected = NULL;
          g_autofree char *copy = NULL;
          gint64 rows = count_rows (f->db, table);
          const Value missing = INT (4242);

          if (col->kind != ASCEND_COL_REF)
            continue;
          n_refs++;
          expected = g_strdup_printf ("%s 4242 does not exist", parent_label (col->references));

          /* Store insert names the missing parent. */
          {
            g_autoptr(GError) error = NULL;
            gpointer record = valid_record (table, &f->a, T1);
            FIELD (record, col, gint64) = 4242;
            g_assert_cmpint (ascend_row_insert (f->db, table, record, &error), ==, 0);
            g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
            g_assert_cmpstr (error->message, ==, expected);
            g_assert_cmpint (count_rows (f->db, table), ==, rows);
            ascend_record_free (table, record);
          }
          /* Store update too (the ledger refuses any update first). */
          {
            g_autoptr(GError) error = NULL;
            gpointer record = ascend_record_new (table);
            g_assert_true (ascend_row_get (f->db, table, base, record, &error));
            FIELD (record, col, gint64) = 4242;
            g_assert_false (ascend_row_update (f->db, table, record, &error));
            g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
            g_assert_cmpstr (error->message, ==,
                             table == &ascend_table_token_transactions ? MSG_APPEND_ONLY : expected);
            ascend_record_free (table, record);
          }
          /* Raw SQL gets the general sentence. */
          {
            g_autoptr(GError) error = NULL;
            copy = build_copy_insert (table, col->name);
            g_assert_cmpint (run_bound (f->db, copy, &missing, base, &error), !=, SQLITE_DONE);
            g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
            g_assert_cmpstr (error->message, ==, MSG_FK_RAW);
            g_assert_cmpint (count_rows (f->db, table), ==, rows);
          }
        }
    }
  /* userId in 13 tables, habitId and goalId once each. */
  g_assert_cmpuint (n_refs, ==, 15);
}

/* Counts, per table, the rows that belong to p (directly or through its
 * habit or goal). */
static void
count_owned (AscendDatabase *db,
             const Parents  *p,
             gint64         *counts)
{
  guint n_tables;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    {
      const char *name = tables[t]->name;
      if (g_str_equal (name, "users"))
        counts[t] = ascend_test_sql_int (db, "SELECT count(*) FROM users WHERE id = %" G_GINT64_FORMAT, p->user);
      else if (g_str_equal (name, "milestones"))
        counts[t] = ascend_test_sql_int (db, "SELECT count(*) FROM milestones WHERE goalId = %" G_GINT64_FORMAT, p->goal);
      else if (g_str_equal (name, "habitLogs"))
        counts[t] = ascend_test_sql_int (db, "SELECT count(*) FROM habitLogs WHERE userId = %" G_GINT64_FORMAT
                                         " OR habitId = %" G_GINT64_FORMAT, p->user, p->habit);
      else
        counts[t] = ascend_test_sql_int (db, "SELECT count(*) FROM %s WHERE userId = %" G_GINT64_FORMAT, name, p->user);
    }
}

static void
test_cascade_from_users (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_tables;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);
  gint64 a_before[16], b_before[16], a_after[16], b_after[16];

  g_assert_cmpuint (n_tables, <=, G_N_ELEMENTS (a_before));
  for (guint t = 0; t < n_tables; t++)
    if (tables[t] != &ascend_table_users)
      for (int k = 0; k < 2; k++)
        {
          insert_valid (f->db, tables[t], &f->a, T1 + k);
          insert_valid (f->db, tables[t], &f->b, T1 + k);
        }
  /* A ledger whose rows, deleted in id order, would pass below zero. */
  g_assert_cmpint (ascend_token_ledger_record (f->db, f->a.user, 50, "purchase", NULL, &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (f->db, f->a.user, -55, "usage", NULL, &error), >, 0);
  g_assert_no_error (error);

  count_owned (f->db, &f->a, a_before);
  count_owned (f->db, &f->b, b_before);
  for (guint t = 0; t < n_tables; t++)
    {
      g_assert_cmpint (a_before[t], >=, 1);
      g_assert_cmpint (b_before[t], >=, 1);
    }

  g_assert_true (ascend_user_delete (f->db, f->a.user, &error));
  g_assert_no_error (error);

  count_owned (f->db, &f->a, a_after);
  count_owned (f->db, &f->b, b_after);
  for (guint t = 0; t < n_tables; t++)
    {
      if (a_after[t] != 0)
        g_error ("%s kept %" G_GINT64_FORMAT " rows of a deleted profile", tables[t]->name, a_after[t]);
      g_assert_cmpint (b_after[t], ==, b_before[t]);
    }

  /* Every foreign key of the seed tables says ON DELETE CASCADE. */
  for (guint t = 0; t < n_tables; t++)
    {
      g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM pragma_foreign_key_list('%s') "
                                                   "WHERE on_delete <> 'CASCADE'", tables[t]->name), ==, 0);
    }
  /* And any table, extra ones included, with a userId column goes with the
   * profile. */
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM sqlite_schema s "
                                               "JOIN pragma_table_info(s.name) c ON c.name = 'userId' "
                                               "WHERE s.type = 'table' AND NOT EXISTS ("
                                               "  SELECT 1 FROM pragma_foreign_key_list(s.name) k "
                                               "  WHERE k.\"from\" = 'userId' AND k.\"table\" = 'users' "
                                               "  AND k.on_delete = 'CASCADE')"), ==, 0);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM sqlite_schema s "
                                               "JOIN pragma_table_info(s.name) c ON c.name = 'userId' "
                                               "WHERE s.type = 'table'"), >=, 13);

  {
    g_autoptr(GPtrArray) problems = ascend_database_check (f->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_cascade_from_habits_and_goals (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Parents other = f->b;
  gint64 users = count_rows (f->db, &ascend_table_users);

  /* Two habits and goals for b: the first pair is deleted. */
  other.habit = insert_valid (f->db, &ascend_table_habits, &f->b, T1);
  other.goal = insert_valid (f->db, &ascend_table_goals, &f->b, T1);
  for (int k = 0; k < 3; k++)
    {
      insert_valid (f->db, &ascend_table_habit_logs, &f->b, T1 + k);
      insert_valid (f->db, &ascend_table_habit_logs, &other, T1 + k);
      insert_valid (f->db, &ascend_table_milestones, &f->b, T1 + k);
      insert_valid (f->db, &ascend_table_milestones, &other, T1 + k);
    }

  g_assert_true (ascend_habit_delete (f->db, f->b.habit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM habitLogs WHERE habitId = %" G_GINT64_FORMAT,
                                        f->b.habit), ==, 0);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM habitLogs WHERE habitId = %" G_GINT64_FORMAT,
                                        other.habit), ==, 3);

  g_assert_true (ascend_goal_delete (f->db, f->b.goal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM milestones WHERE goalId = %" G_GINT64_FORMAT,
                                        f->b.goal), ==, 0);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM milestones WHERE goalId = %" G_GINT64_FORMAT,
                                        other.goal), ==, 3);

  /* The profile itself stays. */
  g_assert_cmpint (count_rows (f->db, &ascend_table_users), ==, users);
}

/* Columns of index idx, in order, joined by ",". */
static char *
index_columns (AscendDatabase *db,
               const char     *idx)
{
  return ascend_test_sql_text (db, "SELECT group_concat(name, ',') FROM "
                                   "(SELECT name FROM pragma_index_info('%s') ORDER BY seqno)", idx);
}

static gboolean
has_index_starting (AscendDatabase *db,
                    const char     *table,
                    const char     *columns)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_index_list('%s')", table);
  g_autofree char *prefix = g_strconcat (columns, ",", NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (!found && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *cols = index_columns (db, (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *with_comma = g_strconcat (cols, ",", NULL);
      found = g_str_has_prefix (with_comma, prefix);
    }
  sqlite3_finalize (stmt);
  return found;
}

static char *
query_plan (AscendDatabase    *db,
            const AscendTable *table)
{
  g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT * FROM %s WHERE %s = 1 AND %s >= 0 AND %s < 10 "
                                          "ORDER BY %s, id", table->name, table->owner_column,
                                          table->time_column, table->time_column, table->time_column);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s; ", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

static void
test_indexes (Fixture       *f,
              gconstpointer  data)
{
  guint n_tables;
  const AscendTable * const *tables = ascend_tables_all (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    {
      const AscendTable *table = tables[t];
      g_autofree char *fk_sql = g_strdup_printf ("SELECT \"from\" FROM pragma_foreign_key_list('%s')", table->name);
      sqlite3_stmt *stmt = NULL;

      /* Every foreign key leads an index. */
      g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (f->db), fk_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 0);
          if (!has_index_starting (f->db, table->name, column))
            g_error ("no index on the foreign key %s.%s", table->name, column);
        }
      sqlite3_finalize (stmt);

      /* (userId, createdAt) wherever both exist; otherwise (owner, the
       * time column the store lists by). */
      if (ascend_table_column (table, "userId") && ascend_table_column (table, "createdAt"))
        g_assert_true (has_index_starting (f->db, table->name, "userId,createdAt"));
      if (table->owner_column && table->time_column)
        {
          g_autofree char *cols = g_strdup_printf ("%s,%s", table->owner_column, table->time_column);
          g_autofree char *plan = NULL;
          if (!has_index_starting (f->db, table->name, cols))
            g_error ("no index on %s (%s)", table->name, cols);
          /* And a listing by owner and time searches that index. */
          plan = query_plan (f->db, table);
          if (strstr (plan, "USING INDEX") == NULL && strstr (plan, "USING COVERING INDEX") == NULL)
            g_error ("listing %s does not use an index: %s", table->name, plan);
        }
    }
  g_assert_true (has_index_starting (f->db, "milestones", "goalId"));
  g_assert_true (has_index_starting (f->db, "habitLogs", "habitId"));
  g_assert_true (has_index_starting (f->db, "users", "createdAt"));
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT \"unique\" FROM pragma_index_list('users') "
                                               "WHERE name = 'idx_users_openId'"), ==, 1);
}

static void
test_open_id_unique_when_present (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) one = ascend_user_new ();
  g_autoptr(AscendUser) two = ascend_user_new ();
  g_autoptr(AscendUser) three = ascend_user_new ();
  gint64 users;

  /* The fixture's two profiles already have no openId: NULLs do not clash. */
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM users WHERE openId IS NULL"), ==, 2);

  one->open_id = g_strdup ("manus-7");
  g_assert_cmpint (ascend_user_insert (f->db, one, &error), >, 0);
  g_assert_no_error (error);

  users = count_rows (f->db, &ascend_table_users);
  two->open_id = g_strdup ("manus-7");
  g_assert_cmpint (ascend_user_insert (f->db, two, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Another profile already uses this open ID");
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->db, &ascend_table_users), ==, users);

  /* The same through an update of another profile. */
  three->open_id = g_strdup ("manus-8");
  g_assert_cmpint (ascend_user_insert (f->db, three, &error), >, 0);
  REPLACE (three->open_id, "manus-7");
  g_assert_false (ascend_user_update (f->db, three, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Another profile already uses this open ID");
  g_clear_error (&error);

  /* Case matters: a different ID. */
  REPLACE (three->open_id, "MANUS-7");
  g_assert_true (ascend_user_update (f->db, three, &error));
  g_assert_no_error (error);

  /* Once the first profile is gone its openId is free again. */
  g_assert_true (ascend_user_delete (f->db, one->id, &error));
  two->id = 0;
  g_assert_cmpint (ascend_user_insert (f->db, two, &error), >, 0);
  g_assert_no_error (error);
}

/* DECIMAL(5,2): the store keeps two places, on insert and on update, and
 * rounds before the range check. */
static void
test_hrv_decimal (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { double in; double stored; } ok[] = {
    { 41.236, 41.24 }, { 41.234, 41.23 }, { 0.004, 0.0 }, { 55.5549, 55.55 },
    { 999.994, 999.99 }, { 12.0, 12.0 }, { 0.1, 0.1 },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
      g_autoptr(AscendHealthReading) back = NULL;

      r->user_id = f->a.user;
      r->hrv = ok[i].in;
      g_assert_cmpint (ascend_health_reading_insert (f->db, r, &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpfloat (r->hrv, ==, ok[i].stored);
      back = ascend_health_reading_get (f->db, r->id, &error);
      g_assert_cmpfloat (back->hrv, ==, ok[i].stored);
      /* What SQLite holds is the rounded value, not just what C reads. */
      g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT hrv = round(hrv, 2) AND abs(hrv - %.17g) < 1e-9 "
                                                   "FROM healthReadings WHERE id = %" G_GINT64_FORMAT,
                                            ok[i].stored, r->id), ==, 1);

      back->hrv = ok[i].in * 0.5 + 0.00123;
      g_assert_true (ascend_health_reading_update (f->db, back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT hrv = round(hrv, 2) FROM healthReadings WHERE id = %"
                                            G_GINT64_FORMAT, r->id), ==, 1);
    }

  /* 999.996 rounds to 1000.00, which DECIMAL(5,2) cannot hold. */
  {
    g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
    r->user_id = f->a.user;
    r->hrv = 999.996;
    g_assert_cmpint (ascend_health_reading_insert (f->db, r, &error), ==, 0);
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
    g_assert_cmpstr (error->message, ==, "HRV must be between 0 and 999.99 ms");
  }
}

/* The CHECK on users.tokenBalance is what stops an overdraft that skips the
 * store's own test (raw SQL, an import): the transaction row goes too. */
static void
test_overdraft_check_is_last_defence (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO tokenTransactions (userId, amount, type, createdAt) "
                                          "VALUES (%" G_GINT64_FORMAT ", -6, 'usage', 1)", f->a.user);
  gint64 rows = count_rows (f->db, &ascend_table_token_transactions);

  g_assert_false (ascend_database_exec (f->db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Not enough tokens: the balance cannot go below zero");
  g_assert_cmpint (count_rows (f->db, &ascend_table_token_transactions), ==, rows);
  g_assert_cmpint (ascend_token_ledger_balance (f->db, f->a.user, NULL), ==, 5);

  /* The same through the row API. */
  g_clear_error (&error);
  {
    g_autoptr(AscendTokenTransaction) tx = valid_record (&ascend_table_token_transactions, &f->a, T1);
    tx->amount = -6;
    g_assert_cmpint (ascend_row_insert (f->db, &ascend_table_token_transactions, tx, &error), ==, 0);
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
    g_assert_cmpstr (error->message, ==, "Not enough tokens: the balance cannot go below zero");
  }
  g_assert_cmpint (count_rows (f->db, &ascend_table_token_transactions), ==, rows);
}

static void
test_ledger_overdraft (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 user = f->a.user;

  g_assert_cmpint (ascend_token_ledger_record (f->db, user, 10, "purchase", "Pack", &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_balance (f->db, user, &error), ==, 15);
  g_assert_cmpint (ascend_token_ledger_record (f->db, user, -16, "usage", "Too much", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_clear_error (&error);
  g_assert_cmpint (ascend_token_ledger_balance (f->db, user, &error), ==, 15);
}

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
test_habit_log_owner_must_match (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 aiko = ascend_test_add_user (db, "Aiko");
  gint64 ren = ascend_test_add_user (db, "Ren");
  g_autoptr(AscendHabit) habit = ascend_habit_new ();
  g_autoptr(AscendHabitLog) log = ascend_habit_log_new ();

  habit->user_id = aiko;
  habit->name = g_strdup ("Stretch");
  g_assert_cmpint (ascend_habit_insert (db, habit, &error), >, 0);

  /* Ren cannot log Aiko's habit: an export of Ren alone would hold a log
   * whose habit is missing. */
  log->habit_id = habit->id;
  log->user_id = ren;
  g_assert_cmpint (ascend_habit_log_insert (db, log, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A habit can only be logged by the profile that owns it");
  g_clear_error (&error);

  log->id = 0;
  log->user_id = aiko;
  g_assert_cmpint (ascend_habit_log_insert (db, log, &error), >, 0);
  g_assert_no_error (error);
  log->user_id = ren;
  g_assert_false (ascend_habit_log_update (db, log, &error));
  g_assert_cmpstr (error->message, ==, "A habit can only be logged by the profile that owns it");
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  ADD ("round-trip/users", test_round_trip_users);
  ADD ("round-trip/healthReadings", test_round_trip_health_readings);
  ADD ("round-trip/healthAlerts", test_round_trip_health_alerts);
  ADD ("round-trip/emergencyContacts", test_round_trip_emergency_contacts);
  ADD ("round-trip/exerciseSessions", test_round_trip_exercise_sessions);
  ADD ("round-trip/habits", test_round_trip_habits);
  ADD ("round-trip/habitLogs", test_round_trip_habit_logs);
  ADD ("round-trip/journalEntries", test_round_trip_journal_entries);
  ADD ("round-trip/moodLogs", test_round_trip_mood_logs);
  ADD ("round-trip/goals", test_round_trip_goals);
  ADD ("round-trip/milestones", test_round_trip_milestones);
  ADD ("round-trip/tokenTransactions", test_round_trip_token_transactions);
  ADD ("round-trip/subscriptions", test_round_trip_subscriptions);
  ADD ("round-trip/payments", test_round_trip_payments);
  ADD ("round-trip/supportTickets", test_round_trip_support_tickets);
  ADD ("not-found", test_not_found_everywhere);
  ADD ("constraints/cases", test_constraint_cases);
  ADD ("constraints/every-check-named-and-tested", test_every_check_is_named_and_tested);
  ADD ("constraints/not-null", test_not_null_sentences);
  ADD ("schema/column-types", test_column_types);
  ADD ("schema/columns-match-spec", test_columns_match_spec);
  ADD ("schema/indexes", test_indexes);
  ADD ("keys/foreign-keys", test_foreign_keys);
  ADD ("keys/open-id-unique", test_open_id_unique_when_present);
  ADD ("cascade/from-users", test_cascade_from_users);
  ADD ("cascade/from-habits-and-goals", test_cascade_from_habits_and_goals);
  ADD ("decimal/hrv", test_hrv_decimal);
  ADD ("ledger/overdraft", test_ledger_overdraft);
  ADD ("ledger/check-is-last-defence", test_overdraft_check_is_last_defence);
  g_test_add_func ("/store/habit-log-owner", test_habit_log_owner_must_match);
  return g_test_run ();
}
