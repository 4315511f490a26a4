/* ascend-store-errors.c: SQLite's constraint failures in words a person reads
 *
 * The schema names each CHECK constraint; this table is the one place that
 * says what each of them means.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ascend-database.h"
#include "ascend-store-errors.h"

typedef struct {
  const char *name;
  const char *message;
} Sentence;

static const Sentence check_sentences[] = {
  { "ck_users_openId_length", N_("The open ID must be at most 64 characters") },
  { "ck_users_email_length", N_("The email address must be at most 320 characters") },
  { "ck_users_loginMethod_length", N_("The login method must be at most 64 characters") },
  { "ck_users_role", N_("Role must be one of: user, admin") },
  { "ck_users_subscriptionTier", N_("Subscription tier must be one of: free, premium, pro") },
  { "ck_users_stripeCustomerId_length", N_("The Stripe customer ID must be at most 255 characters") },
  { "ck_users_tokenBalance", N_("Not enough tokens: the balance cannot go below zero") },
  { "ck_healthReadings_heartRate", N_("Heart rate must be between 20 and 300 beats per minute") },
  { "ck_healthReadings_hrv", N_("HRV must be between 0 and 999.99 ms") },
  { "ck_healthReadings_stressLevel", N_("Stress level must be between 1 and 10") },
  { "ck_healthReadings_arrhythmiaDetected", N_("The irregular rhythm flag must be 0 or 1") },
  { "ck_healthReadings_readingType", N_("Reading type must be one of: manual, automatic, emergency") },
  { "ck_healthAlerts_alertType", N_("Alert type must be one of: fall_detected, arrhythmia, high_stress, low_heart_rate, high_heart_rate") },
  { "ck_healthAlerts_severity", N_("Severity must be one of: low, medium, high, critical") },
  { "ck_healthAlerts_heartRate", N_("Heart rate must be between 20 and 300 beats per minute") },
  { "ck_healthAlerts_stressLevel", N_("Stress level must be between 1 and 10") },
  { "ck_healthAlerts_acknowledged", N_("The acknowledged flag must be 0 or 1") },
  { "ck_emergencyContacts_name", N_("The contact's name must be 1 to 255 characters") },
  { "ck_emergencyContacts_phone", N_("The phone number must be 1 to 20 characters") },
  { "ck_emergencyContacts_relationship", N_("The relationship must be at most 100 characters") },
  { "ck_emergencyContacts_isPrimary", N_("The primary contact flag must be 0 or 1") },
  { "ck_exerciseSessions_exerciseType", N_("Exercise type must be one of: box_breathing, deep_breathing, grounding, body_scan, progressive_relaxation, gentle_movement") },
  { "ck_exerciseSessions_triggerReason", N_("The trigger reason must be at most 255 characters") },
  { "ck_exerciseSessions_durationSeconds", N_("Duration cannot be negative") },
  { "ck_exerciseSessions_completionPercentage", N_("Completion must be between 0 and 100 percent") },
  { "ck_exerciseSessions_moodBefore", N_("Mood before must be between 1 and 10") },
  { "ck_exerciseSessions_moodAfter", N_("Mood after must be between 1 and 10") },
  { "ck_exerciseSessions_status", N_("Session status must be one of: in_progress, completed, abandoned") },
  { "ck_exerciseSessions_completedAt", N_("A session cannot end before it starts") },
  { "ck_habits_name", N_("A habit needs a name") },
  { "ck_habits_category", N_("The habit category must be at most 64 characters") },
  { "ck_habits_emoji", N_("The emoji must be at most 10 characters") },
  { "ck_habits_frequency", N_("Frequency must be one of: daily, weekly, monthly") },
  { "ck_habits_targetDays", N_("Target days must be between 1 and 1000") },
  { "ck_habitLogDays_day", N_("The day of a habit log must be a real date written YYYY-MM-DD") },
  { "ck_habitLogDays_timeZone", N_("The time zone name must be at most 64 characters") },
  { "ck_habitSkips_day", N_("The skipped day must be a real date written YYYY-MM-DD") },
  { "ck_streakRewards_milestone", N_("A streak milestone must be at least 1") },
  { "ck_streakRewards_streakStart", N_("The start of a streak must be a real date written YYYY-MM-DD") },
  { "ck_streakRewards_streakEnd", N_("The end of a streak must be a real date written YYYY-MM-DD, not before its start") },
  { "ck_journalEntries_mood", N_("The mood label must be at most 64 characters") },
  { "ck_journalEntries_moodScore", N_("Mood score must be between 1 and 10") },
  { "ck_journalEntries_tags", N_("Tags must be a JSON array") },
  { "ck_moodLogs_mood", N_("The mood label must be at most 64 characters") },
  { "ck_moodLogs_moodScore", N_("Mood score must be between 1 and 10") },
  { "ck_goals_title", N_("A goal needs a title") },
  { "ck_goals_category", N_("The goal category must be at most 64 characters") },
  { "ck_goals_progress", N_("Progress must be between 0 and 100 percent") },
  { "ck_goals_targetDate", N_("The target date must be a real date written YYYY-MM-DD") },
  { "ck_milestones_title", N_("A milestone needs a title") },
  { "ck_milestones_isCompleted", N_("The completed flag must be 0 or 1") },
  { "ck_milestones_completedAt", N_("Only a completed milestone has a completion time") },
  { "ck_tokenTransactions_amount", N_("A token transaction cannot be for zero tokens") },
  { "ck_tokenTransactions_type", N_("Transaction type must be one of: purchase, usage, bonus, refund") },
  { "ck_subscriptions_stripeSubscriptionId", N_("The Stripe subscription ID must be at most 255 characters") },
  { "ck_subscriptions_tier", N_("Subscription tier must be one of: premium, pro") },
  { "ck_subscriptions_status", N_("Subscription status must be one of: active, canceled, past_due") },
  { "ck_payments_stripePaymentIntentId", N_("The Stripe payment ID must be at most 255 characters") },
  { "ck_payments_amount", N_("The payment amount must be 1 to 32 characters") },
  { "ck_payments_currency", N_("The currency must be a three-letter code") },
  { "ck_payments_status", N_("Payment status must be one of: succeeded, failed, pending") },
  { "ck_supportTickets_subject", N_("A support ticket needs a subject") },
  { "ck_supportTickets_category", N_("The ticket category must be at most 64 characters") },
  { "ck_supportTickets_status", N_("Ticket status must be one of: open, in_progress, resolved") },
};

static const char *
lookup_check (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_sentences); i++)
    if (g_str_equal (check_sentences[i].name, name))
      return _(check_sentences[i].message);
  return NULL;
}

char *
ascend_store_describe_error (sqlite3 *db,
                             int      rc,
                             int     *code)
{
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *rest;

  switch (rc)
    {
    case SQLITE_CONSTRAINT_CHECK:
      if ((rest = strstr (msg, "CHECK constraint failed: ")) != NULL)
        {
          const char *sentence = lookup_check (rest + strlen ("CHECK constraint failed: "));
          if (sentence != NULL)
            {
              if (g_str_equal (rest + strlen ("CHECK constraint failed: "), "ck_users_tokenBalance"))
                *code = ASCEND_STORE_ERROR_INSUFFICIENT;
              return g_strdup (sentence);
            }
        }
      break;

    case SQLITE_CONSTRAINT_NOTNULL:
      if ((rest = strstr (msg, "NOT NULL constraint failed: ")) != NULL)
        return g_strdup_printf (_("%s is required"), rest + strlen ("NOT NULL constraint failed: "));
      break;

    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      if (strstr (msg, "users.openId") != NULL)
        return g_strdup (_("Another profile already uses this open ID"));
      /* idx_emergencyContacts_one_primary, a partial index on userId. */
      if (strstr (msg, "emergencyContacts.userId") != NULL)
        return g_strdup (_("Only one emergency contact can be primary"));
      if ((rest = strstr (msg, "constraint failed: ")) != NULL)
        {
          rest += strlen ("constraint failed: ");
          if (g_str_has_suffix (rest, ".id"))
            return g_strdup_printf (_("A row with this id already exists in %.*s"),
                                    (int) (strlen (rest) - strlen (".id")), rest);
          return g_strdup_printf (_("%s already exists"), rest);
        }
      break;

    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return g_strdup (_("This refers to a profile, habit or goal that does not exist"));

    case SQLITE_CONSTRAINT_DATATYPE:
      /* STRICT tables: "cannot store TEXT value in INTEGER column t.c" */
      if ((rest = strstr (msg, " column ")) != NULL)
        {
          const char *column = strchr (rest + strlen (" column "), '.');
          column = column ? column + 1 : rest + strlen (" column ");
          if (strstr (msg, "INTEGER column") != NULL)
            return g_strdup_printf (_("%s must be a whole number"), column);
          if (strstr (msg, "REAL column") != NULL)
            return g_strdup_printf (_("%s must be a number"), column);
          if (strstr (msg, "TEXT column") != NULL)
            return g_strdup_printf (_("%s must be text"), column);
          return g_strdup_printf (_("%s has a value of the wrong kind"), column);
        }
      break;

    case SQLITE_CONSTRAINT_TRIGGER:
      if (strstr (msg, "habit_log_owner") != NULL)
        return g_strdup (_("A habit can only be logged by the profile that owns it"));
      if (strstr (msg, "ledger_append_only") != NULL)
        return g_strdup (_("Token transactions cannot be changed once written; add a refund instead"));
      if (strstr (msg, "ledger_balance_only") != NULL)
        return g_strdup (_("The token balance only changes through token transactions"));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_strdup (_("The database is busy in another window or program; try again"));

    case SQLITE_FULL:
      return g_strdup (_("The disk is full; nothing was saved"));

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return g_strdup_printf (_("The database file is damaged: %s"), msg);

    default:
      break;
    }

  return g_strdup (msg);
}
