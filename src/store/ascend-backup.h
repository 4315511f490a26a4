/* ascend-backup.h: daily backups, restore, and deleting a profile
 *
 * Daily backups live beside the database in backups/ as
 * anime-ascend-YYYY-MM-DD.db (0600, a consistent snapshot made with the
 * SQLite online backup API); the newest ASCEND_BACKUP_KEEP_DAILY are kept.
 * Before a restore the current file is copied to
 * anime-ascend-before-restore-YYYYMMDDTHHMMSS.db (the newest
 * ASCEND_BACKUP_KEEP_SAFETY are kept). The migration backups of
 * AscendDatabase (*.bak) are a separate set.
 *
 * Functions taking a path instead of an AscendDatabase open their own
 * connections and may run in a worker thread.
 */
#pragma once

#include "ascend-database.h"

G_BEGIN_DECLS

#define ASCEND_BACKUP_KEEP_DAILY  7
#define ASCEND_BACKUP_KEEP_SAFETY 3

typedef enum {
  ASCEND_BACKUP_DAILY,
  ASCEND_BACKUP_BEFORE_RESTORE,
} AscendBackupKind;

typedef struct {
  char             *path;
  char             *name;            /* file name */
  AscendBackupKind  kind;
  char             *day;             /* YYYY-MM-DD of a daily backup, else NULL */
  gint64            modified_ms;     /* file time, Unix ms */
  gint64            size;            /* bytes */
  gboolean          ok;              /* passed the quick check */
  int               schema_version;  /* when ok */
  char             *problem;         /* why not ok, a sentence; NULL when ok */
} AscendBackupInfo;

void              ascend_backup_info_free   (AscendBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendBackupInfo, ascend_backup_info_free)

/* The backups folder of the database at db_path. */
char             *ascend_backup_dir         (const char  *db_path);
/* Today's local date, YYYY-MM-DD. */
char             *ascend_backup_today       (void);

/* Makes (or replaces) the daily backup of day (YYYY-MM-DD; NULL: today)
 * and removes daily backups beyond the newest 7. Returns its path. */
char             *ascend_backup_make        (const char  *db_path,
                                             const char  *day,
                                             GError     **error);
/* Makes today's backup when it is missing. *made says whether it did. */
gboolean          ascend_backup_ensure_today (const char *db_path,
                                              gboolean   *made,
                                              GError    **error);
/* Daily and before-restore backups, newest first, each checked
 * (check = FALSE skips the quick check: ok is TRUE and version 0).
 * Array of AscendBackupInfo. */
GPtrArray        *ascend_backup_list        (const char  *db_path,
                                             gboolean     check);

/* Restores db from backup_path: checks the file (refusing a foreign,
 * damaged or too new one with a clear message, db untouched), copies the
 * current database to a before-restore backup, then replaces db's
 * contents and migrates. *safety_path (may be NULL) gets that copy. */
gboolean          ascend_backup_restore     (AscendDatabase *db,
                                             const char     *backup_path,
                                             char          **safety_path,
                                             GError        **error);

/* Removes every backup of the database (daily, before-restore and
 * migration backups): what deleting the last profile also deletes. */
void              ascend_backup_remove_all  (const char     *db_path);

/* Deletes the profile and everything it owns (ON DELETE CASCADE) in one
 * transaction. */
gboolean          ascend_profile_delete_everything (AscendDatabase *db,
                                                    gint64          user_id,
                                                    GError        **error);

G_END_DECLS
