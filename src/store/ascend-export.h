/* ascend-export.h: the whole data model as JSON or CSV, and back */
#pragma once

#include <json-glib/json-glib.h>
#include "ascend-database.h"

G_BEGIN_DECLS

/* One object with a key per seed table, each an array of row objects keyed
 * by the seed column names. user_id 0 exports every profile. */
JsonNode *ascend_export_json   (AscendDatabase  *db,
                                gint64           user_id,
                                GError         **error);
/* Called with how many rows of total are written, from the thread that
 * exports. */
typedef void (*AscendExportProgress) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);
/* The document of ascend_export_json written to path (0600, one row per
 * line) as it is made, without holding it in memory; written beside path
 * and renamed into place, so path is complete or untouched. Cancelling
 * fails with G_IO_ERROR_CANCELLED. */
gboolean  ascend_export_json_to_file (AscendDatabase        *db,
                                      gint64                 user_id,
                                      const char            *path,
                                      AscendExportProgress   progress,
                                      gpointer               user_data,
                                      GCancellable          *cancellable,
                                      GError               **error);
/* One <table>.csv per table in dir (created 0700). */
gboolean  ascend_export_csv    (AscendDatabase  *db,
                                gint64           user_id,
                                const char      *dir,
                                GError         **error);
/* Imports an export into db in one transaction: on any error nothing is
 * written. Row ids are kept, so the target must not hold those ids yet. */
gboolean  ascend_import_json   (AscendDatabase  *db,
                                JsonNode        *root,
                                GError         **error);
gboolean  ascend_import_file   (AscendDatabase  *db,
                                const char      *path,
                                GError         **error);

G_END_DECLS
