/* ascendctl-private.h: what the command files of ascendctl share */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "ascend-database.h"
#include "ascend-user-store.h"

G_BEGIN_DECLS

#define EXIT_OK     0
#define EXIT_FAILED 1
#define EXIT_USAGE  2

int             ascendctl_usage_error         (const char *format,
                                               ...) G_GNUC_PRINTF (1, 2);
int             ascendctl_store_error         (const GError *error);
int             ascendctl_unexpected_argument (int    argc,
                                               char **argv,
                                               int    allowed);
AscendDatabase *ascendctl_open_database       (gboolean   must_exist,
                                               GError   **error);
/* The profile with this id, or the first one when id is not above 0;
 * NULL with error set when there is none. */
AscendUser     *ascendctl_get_profile         (AscendDatabase  *db,
                                               gint64           id,
                                               GError         **error);
/* node on standard output and a newline: indented by two spaces when pretty,
 * else on one line. */
void            ascendctl_print_json          (JsonNode  *node,
                                               gboolean   pretty);

/* Health commands (ascendctl-health.c) */
extern const GOptionEntry ascendctl_analyze_rr_entries[];
extern const GOptionEntry ascendctl_monitor_entries[];
int ascendctl_run_parse_hrm    (int argc, char **argv);
int ascendctl_run_analyze_rr   (int argc, char **argv);
int ascendctl_run_analyze_fall (int argc, char **argv);
int ascendctl_run_monitor      (int argc, char **argv);

/* Stripe (ascendctl-billing.c) */
extern const GOptionEntry ascendctl_billing_entries[];
int ascendctl_run_billing      (int argc, char **argv);
/* Profiles and support tickets (ascendctl-support.c) */
extern const GOptionEntry ascendctl_user_entries[];
extern const GOptionEntry ascendctl_ticket_entries[];
int ascendctl_run_user   (int argc, char **argv);
int ascendctl_run_ticket (int argc, char **argv);
/* Backups and imports (ascendctl-data.c) */
extern const GOptionEntry ascendctl_import_loop_entries[];
extern const GOptionEntry ascendctl_import_rr_entries[];
int ascendctl_run_backup      (int argc, char **argv);
int ascendctl_run_import_loop (int argc, char **argv);
int ascendctl_run_import_rr   (int argc, char **argv);

G_END_DECLS
