/* ascend-test-util.h: shared set-up for the GTest programs */
#pragma once

#include <glib.h>
#include "ascend-database.h"

G_BEGIN_DECLS

/* g_test_init plus a private XDG_DATA_HOME (removed at exit) and the C locale
 * for messages, so assertions on sentences are stable. */
void            ascend_test_init          (int    *argc,
                                           char ***argv);
const char     *ascend_test_data_home     (void);
/* A new empty folder NAME-XXXXXX in the private data home. */
char           *ascend_test_new_dir       (const char *name);
/* A fresh database file in its own temporary folder. */
AscendDatabase *ascend_test_open_fresh_db (char  **out_path);
/* A users row with the defaults a first profile has; returns its id. */
gint64          ascend_test_add_user      (AscendDatabase *db,
                                           const char     *name);
/* Path of a file in ../shared/data or NULL when it is not there. */
char           *ascend_test_shared_data   (const char *relative);

/* The first column of the first row of a query (printf-style); sql_int
 * asserts there is a row, sql_text returns NULL when there is none or the
 * value is NULL. */
gint64          ascend_test_sql_int       (AscendDatabase *db,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);
char           *ascend_test_sql_text      (AscendDatabase *db,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);
/* ascend_test_sql_int on the database file at db_path, opened for this query. */
gint64          ascend_test_count_rows    (const char     *db_path,
                                           const char     *sql);
/* users.tokenBalance of one profile, as stored. */
gint64          ascend_test_token_balance (AscendDatabase *db,
                                           gint64          user);

/* One run of the built ascendctl (named by $ASCENDCTL). */
typedef struct {
  int       status;     /* exit status; 128 + signal when killed */
  gboolean  timed_out;  /* killed after ASCEND_TEST_RUN_TIMEOUT_S */
  char     *out;
  char     *err;
} AscendTestRun;

#define ASCEND_TEST_RUN_TIMEOUT_S 60

void            ascend_test_run_clear     (AscendTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AscendTestRun, ascend_test_run_clear)

/* $ASCENDCTL, or NULL. */
const char     *ascend_test_ascendctl     (void);
/* TRUE when $ASCENDCTL names an executable; otherwise skips the test. */
gboolean        ascend_test_have_ascendctl (void);
/* Runs ascendctl with args (NULL-terminated) in cwd (NULL: here) and waits,
 * at most ASCEND_TEST_RUN_TIMEOUT_S (then kills it), so a command that never
 * ends fails its test instead of hanging it; logs what it said when it fails
 * or the test is verbose. */
void            ascend_test_run_ascendctl (AscendTestRun     *run,
                                           const char        *cwd,
                                           const char *const *args);
/* The same with the arguments listed, ending with NULL. */
void            ascend_test_run           (AscendTestRun     *run,
                                           const char        *cwd,
                                           ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
