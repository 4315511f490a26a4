/* ascend-health-rollup.h: everything a health chart draws for one range
 *
 * One call loads the heart-rate/HRV/stress buckets, the alerts and the
 * irregular-rhythm episodes of a profile in [from, to) (and, for ranges up
 * to 8 days, the beat-to-beat heart-rate band). The async variant reads on
 * its own read-only connection in a worker thread, so a year of data never
 * blocks the main loop and the main connection keeps writing.
 *
 * Buckets equal, exactly, summing the raw readings whatever the grid; a grid
 * of whole minutes, ten minutes or hours (from on such a boundary) reads
 * fastest, because every roll-up row then fits one bucket. bench-queries
 * times the ranges.
 */
#pragma once

#include "ascend-database.h"
#include "ascend-health-store.h"

G_BEGIN_DECLS

/* One healthAlerts row in the range. */
typedef struct {
  gint64  time;        /* createdAt, Unix ms */
  char   *alert_type;  /* fall_detected, arrhythmia, high_stress, low_heart_rate, high_heart_rate */
  char   *severity;    /* low, medium, high, critical */
} AscendChartMarker;

/* An irregular-rhythm episode: consecutive readings (in time order) with
 * arrhythmiaDetected set, merged. from is the first one's createdAt, to the
 * last one's createdAt plus one minute (a reading stands for the minute it
 * starts). Readings more than ASCEND_CHART_SPAN_MAX_GAP_MS apart are not
 * consecutive: the sensor was off in between. Clipped to [from, to) of the
 * load. */
typedef struct {
  gint64 from;
  gint64 to;
} AscendChartSpan;

#define ASCEND_CHART_SPAN_MAX_GAP_MS ((gint64) 5 * 60 * 1000)

/* The beat-to-beat heart rate of one minute: instantaneous rates (60000 /
 * RR) of its plausible beats (ASCEND_RR_PLAUSIBLE), from rrBlocks. */
typedef struct {
  gint64 time;            /* start of the minute, Unix ms */
  double heart_rate_min;  /* bpm, from the longest interval; NAN when no plausible beat */
  double heart_rate_max;  /* bpm, from the shortest interval */
  guint  beats;           /* every beat of the minute, plausible or not */
} AscendBeatRange;

/* Ranges up to this long come with their beat ranges (a week: 10,080 rows). */
#define ASCEND_CHART_BEATS_MAX_RANGE_MS ((gint64) 8 * 24 * 60 * 60 * 1000)

typedef struct {
  GArray *buckets;    /* AscendReadingBucket, n_buckets of them, as ascend_health_reading_buckets() */
  GArray *alerts;     /* AscendChartMarker, oldest first (clear func frees the strings) */
  GArray *irregular;  /* AscendChartSpan, oldest first */
  GArray *beats;      /* AscendBeatRange per minute with beats, oldest first; empty when
                       * to - from > ASCEND_CHART_BEATS_MAX_RANGE_MS */
} AscendHealthChartData;

/* In a worker thread on a read-only connection to db's file. Cancelling
 * stops the query in progress and finishes with G_IO_ERROR_CANCELLED. */
void                   ascend_health_chart_data_load_async  (AscendDatabase       *db,
                                                             gint64                user_id,
                                                             gint64                from,
                                                             gint64                to,
                                                             guint                 n_buckets,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
AscendHealthChartData *ascend_health_chart_data_load_finish (GAsyncResult         *result,
                                                             GError              **error);
/* The same answer, on db itself in the calling thread. */
AscendHealthChartData *ascend_health_chart_data_load        (AscendDatabase       *db,
                                                             gint64                user_id,
                                                             gint64                from,
                                                             gint64                to,
                                                             guint                 n_buckets,
                                                             GError              **error);
void                   ascend_health_chart_data_free        (AscendHealthChartData *data);

/* The beat ranges of user's minutes in [from, to) (by the minute's start),
 * appended to ranges (AscendBeatRange), oldest first. */
gboolean               ascend_beat_ranges_load              (AscendDatabase       *db,
                                                             gint64                user_id,
                                                             gint64                from,
                                                             gint64                to,
                                                             GArray               *ranges,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendHealthChartData, ascend_health_chart_data_free)

G_END_DECLS
