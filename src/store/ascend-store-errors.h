#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A sentence for the connection's last error; may refine *code. */
char *ascend_store_describe_error (sqlite3 *db,
                                   int      rc,
                                   int     *code);

G_END_DECLS
