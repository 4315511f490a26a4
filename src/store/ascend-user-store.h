/* ascend-user-store.h: profiles (the users table) */
#pragma once

#include "ascend-table.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char   *open_id;
  char   *name;
  char   *email;
  char   *login_method;
  char   *role;               /* user, admin */
  char   *subscription_tier;  /* free, premium, pro */
  char   *stripe_customer_id;
  gint64  token_balance;      /* read-only: written by the token ledger */
  gint64  created_at;
  gint64  updated_at;
  gint64  last_signed_in;
} AscendUser;

extern const AscendTable ascend_table_users;
ASCEND_DECLARE_RECORD_API (AscendUser, ascend_user)

/* The first profile, or NULL (without error) when there is none yet. */
AscendUser *ascend_user_get_first      (AscendDatabase *db,
                                        GError        **error);
gboolean    ascend_user_touch_signed_in (AscendDatabase *db,
                                         gint64          user_id,
                                         GError        **error);

typedef struct {
  gint64 habit_logs;
  gint64 mood_logs;
  gint64 journal_entries;
  gint64 completed_exercises;
  gint64 completed_milestones;
  gint64 completed_goals;      /* progress 100 */
} AscendActivityCounts;

/* What a profile has done, for XP and the dashboard. */
gboolean    ascend_user_count_activity (AscendDatabase       *db,
                                        gint64                user_id,
                                        AscendActivityCounts *out,
                                        GError              **error);

G_END_DECLS
