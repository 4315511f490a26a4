/* ascend-rhythm.h: an RR-only irregular-rhythm (atrial fibrillation) detector
 *
 * Decides for every beat. The streaming detector is causal with a fixed
 * delay: push RR intervals as they arrive; decisions come out for beats
 * that are `delay` beats old (so the decision can look a little ahead).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AscendRhythmDetector AscendRhythmDetector;

AscendRhythmDetector *ascend_rhythm_detector_new   (void);
void                  ascend_rhythm_detector_free  (AscendRhythmDetector *self);
void                  ascend_rhythm_detector_reset (AscendRhythmDetector *self);
/* How many beats a decision lags the newest beat pushed. */
guint                 ascend_rhythm_detector_delay (AscendRhythmDetector *self);
/* Pushes one RR interval in ms. Returns TRUE when a decision is ready for
 * the beat pushed `delay` beats earlier, stored in *irregular. */
gboolean              ascend_rhythm_detector_push  (AscendRhythmDetector *self,
                                                    double                rr_ms,
                                                    gboolean             *irregular);
/* Flushes decisions for the last `delay` beats at the end of a recording;
 * returns how many were written to irregular (at most delay; beyond max
 * they are dropped). The detector is then reset for a new recording. */
guint                 ascend_rhythm_detector_flush (AscendRhythmDetector *self,
                                                    gboolean             *irregular,
                                                    guint                 max);

/* Whole recording at once: one decision per RR interval. */
void                  ascend_rhythm_classify       (const double         *rr_ms,
                                                    gsize                 n,
                                                    gboolean             *irregular);

/* The detector's parameters, for the cross-validation in bench/bench-rhythm.c;
 * the app uses the defaults (documented in ascend-rhythm.c). */
#define ASCEND_RHYTHM_N_FEATURES 3

typedef struct {
  guint  half_window;   /* features of beat i over beats i-H .. i+H */
  double tolerance;     /* two ln(RR) values match when closer than this */
  guint  smooth_half;   /* scores averaged over beats i-M .. i+M */
  double weight[1 + ASCEND_RHYTHM_N_FEATURES];  /* intercept, then one per feature */
} AscendRhythmParams;

const AscendRhythmParams *ascend_rhythm_params_default      (void);
AscendRhythmDetector     *ascend_rhythm_detector_new_with_params (const AscendRhythmParams *params);
/* The per-beat features (n rows of ASCEND_RHYTHM_N_FEATURES, row-major) the
 * detector scores; the same values the streaming detector computes. */
void                      ascend_rhythm_features          (const double *rr_ms,
                                                           gsize         n,
                                                           guint         half_window,
                                                           double        tolerance,
                                                           double       *features);
void                      ascend_rhythm_classify_with_params (const AscendRhythmParams *params,
                                                              const double             *rr_ms,
                                                              gsize                     n,
                                                              gboolean                 *irregular);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendRhythmDetector, ascend_rhythm_detector_free)

/* Parsers for the formats of ../shared/data/afdb-rr (pure: text in, arrays out). */
typedef struct {
  double  *rr_ms;     /* interval ending at each beat */
  gint64  *sample;    /* 250 Hz sample index of the beat */
  char    *label;     /* per beat: 'A' AFIB, 'F' AFL, 'J', 'N' */
  gsize    n;
} AscendAfdbRecord;

gboolean ascend_afdb_parse  (const char        *qrs_text,
                             const char        *atr_text,  /* may be NULL: labels all 'N' */
                             AscendAfdbRecord  *out,
                             GError           **error);
void     ascend_afdb_clear  (AscendAfdbRecord  *record);

G_END_DECLS
