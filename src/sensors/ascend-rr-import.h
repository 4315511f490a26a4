/* ascend-rr-import.h: an RR-interval file (Polar, Elite HRV) into readings
 *
 * The file holds one RR interval in milliseconds per line (decimals
 * allowed); a header line, blank lines and CRLF line ends are fine.
 * Intervals outside 200-3000 ms (what no heart beats at: artefacts, missed
 * beats) are left out, as the replay sensor does, but their time still
 * passes. The beats then go through AscendMonitor exactly as a live sensor's
 * would, so the readings (one per minute, with HRV, stress and rhythm) and
 * their rrBlocks are the ones a recording would have made.
 *
 * Parsing touches no database. ascend_rr_import_run with commit = FALSE is
 * the preview: it runs the analysis inside a transaction it rolls back.
 */
#pragma once

#include <json-glib/json-glib.h>
#include "ascend-database.h"

G_BEGIN_DECLS

#define ASCEND_RR_IMPORT_MIN_MS 200.0
#define ASCEND_RR_IMPORT_MAX_MS 3000.0

typedef struct {
  GArray    *rr_ms;        /* double: every interval read, in order */
  guint      n_kept;       /* within 200-3000 ms */
  guint      n_filtered;   /* left out */
  double     duration_ms;  /* sum of every interval */
  gboolean   had_header;
  GPtrArray *warnings;     /* sentences */
} AscendRrFile;

void          ascend_rr_file_free   (AscendRrFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendRrFile, ascend_rr_file_free)

/* Errors (ASCEND_STORE_ERROR_INVALID) give the line number. */
AscendRrFile *ascend_rr_file_parse  (const char  *text,
                                     gsize        length,
                                     GError     **error);
/* Also gives the file's modification time (Unix ms), the default start. */
AscendRrFile *ascend_rr_file_load   (const char  *path,
                                     gint64      *modified_ms,
                                     GError     **error);

typedef struct {
  gint64   time_ms;      /* start of the minute */
  gint64   heart_rate;
  double   hrv;          /* NAN when unknown */
  gint64   stress;       /* 0 when unknown */
  gboolean arrhythmia;
} AscendRrMinute;

typedef struct {
  guint    n_readings;
  guint64  n_beats;
  gint64   from_ms;      /* first reading's minute, 0 with none */
  gint64   to_ms;        /* last reading's minute */
  guint    n_existing;   /* readings the profile already has in that span */
  GArray  *first;        /* AscendRrMinute, at most max_rows */
} AscendRrImportResult;

void          ascend_rr_import_result_clear (AscendRrImportResult *result);

/* Analyses file as if recorded from start_ms and writes the readings for
 * user_id in one transaction (all or nothing), or with commit = FALSE
 * only reports what it would write. */
gboolean      ascend_rr_import_run  (AscendDatabase       *db,
                                     gint64                user_id,
                                     AscendRrFile         *file,
                                     gint64                start_ms,
                                     gboolean              commit,
                                     guint                 max_rows,
                                     AscendRrImportResult *result,
                                     GError              **error);

/* {"intervals", "kept", "filtered", "start", "end", "readings", "beats",
 * "existingReadings", "firstRows": [{"time", "heartRate", "hrv", "stress",
 * "arrhythmia"}], "warnings"} with times as ISO 8601 UTC. */
JsonNode     *ascend_rr_import_preview (AscendRrFile         *file,
                                        gint64                start_ms,
                                        AscendRrImportResult *result);

G_END_DECLS
