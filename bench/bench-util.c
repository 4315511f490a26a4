/* bench-util.c: what the benchmark programs share. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "bench-util.h"

int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof *values, bench_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
bench_percentile_sorted (const double *values,
                         guint         n,
                         double        p)
{
  guint rank = (guint) ceil (p / 100.0 * n);
  return values[CLAMP (rank, 1, n) - 1];
}

double
bench_elapsed_ms (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

void
bench_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            bench_remove_tree (child);
          else if (g_unlink (child) != 0)
            g_printerr ("%s: could not remove %s: %s\n", g_get_prgname (), child, g_strerror (errno));
        }
      g_dir_close (dir);
    }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_printerr ("%s: could not remove %s: %s\n", g_get_prgname (), path, g_strerror (errno));
}
