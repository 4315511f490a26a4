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
/* A fresh database file in its own temporary folder. */
AscendDatabase *ascend_test_open_fresh_db (char  **out_path);
/* A users row with the defaults a first profile has; returns its id. */
gint64          ascend_test_add_user      (AscendDatabase *db,
                                           const char     *name);
/* Path of a file in ../shared/data or NULL when it is not there. */
char           *ascend_test_shared_data   (const char *relative);

G_END_DECLS
