/* ascend-replay-sensor.h: plays a recording as if a sensor sent it */
#pragma once

#include "ascend-sensor.h"

G_BEGIN_DECLS

typedef enum {
  ASCEND_REPLAY_AUTO,
  ASCEND_REPLAY_RR_MS,     /* one RR interval in ms per line (Polar, Elite HRV exports) */
  ASCEND_REPLAY_AFDB,      /* ../shared/data/afdb-rr qrs files */
  ASCEND_REPLAY_SISFALL,   /* SisFall accelerometer trials */
} AscendReplayFormat;

#define ASCEND_TYPE_REPLAY_SENSOR (ascend_replay_sensor_get_type ())
G_DECLARE_FINAL_TYPE (AscendReplaySensor, ascend_replay_sensor, ASCEND, REPLAY_SENSOR, GObject)

/* Loads and checks the whole file now, so a bad file is refused with a
 * message before anything is played. */
AscendReplaySensor *ascend_replay_sensor_new_from_file (const char          *path,
                                                        AscendReplayFormat   format,
                                                        double               speed,
                                                        GError             **error);
AscendReplaySensor *ascend_replay_sensor_new_from_text (const char          *name,
                                                        const char          *text,
                                                        AscendReplayFormat   format,
                                                        double               speed,
                                                        GError             **error);
/* Parses RR text (one value in ms per line; blank lines and a first header
 * line without digits are skipped). */
gboolean            ascend_replay_parse_rr_ms          (const char          *text,
                                                        GArray             **rr_ms,
                                                        GError             **error);
gsize               ascend_replay_sensor_get_n_beats   (AscendReplaySensor  *self);

G_END_DECLS
