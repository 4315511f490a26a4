/* ascend-export.c: placeholder until export lands (see ascend-export.h) */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "ascend-export.h"

JsonNode *
ascend_export_json (AscendDatabase *db, gint64 user_id, GError **error)
{
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED, "not implemented");
  return NULL;
}
gboolean
ascend_export_csv (AscendDatabase *db, gint64 user_id, const char *dir, GError **error)
{
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED, "not implemented");
  return FALSE;
}
gboolean
ascend_import_json (AscendDatabase *db, JsonNode *root, GError **error)
{
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED, "not implemented");
  return FALSE;
}
gboolean
ascend_import_file (AscendDatabase *db, const char *path, GError **error)
{
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED, "not implemented");
  return FALSE;
}
