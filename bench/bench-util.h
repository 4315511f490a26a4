/* bench-util.h: what the benchmark programs share (statistics, clean-up). */
#pragma once

#include <glib.h>

/* For qsort: doubles ascending. */
int    bench_compare_doubles   (gconstpointer a,
                                gconstpointer b);
/* Sorts values ascending; returns the median. */
double bench_median            (double       *values,
                                guint         n);
/* Nearest rank p (0-100) on values already sorted ascending. */
double bench_percentile_sorted (const double *values,
                                guint         n,
                                double        p);
/* Milliseconds since start_us (g_get_monotonic_time). */
double bench_elapsed_ms        (gint64        start_us);
/* Removes a folder and everything below it; complains on stderr under the
 * program's name (g_get_prgname) about what it could not remove. */
void   bench_remove_tree       (const char   *path);
