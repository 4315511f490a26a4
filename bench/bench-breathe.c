/* bench-breathe.c: how long one frame of the breathing orb takes at 1280x800
 *
 * The orb is the app's one long animation and should hold 60 fps (16.7 ms a
 * frame) on the software renderer a VM or an old laptop falls back to. The
 * orb widget fills a 1280x800 window; for each frame of a box-breathing
 * session played at 60 fps (the times come from the session model, as in
 * the app), it is given its frame, asked for its snapshot (render nodes)
 * and the nodes are rendered to a texture by the window's renderer
 * (GSK_RENDERER=cairo, what Xvfb and software fallbacks use). Figures, in
 * ms per frame, median and 99th percentile:
 *
 *   orb_frame_*       snapshot + render, animated (orb grows and shrinks,
 *                     sparkles drift)
 *   orb_snapshot_*    the snapshot alone (the app's share on the main thread)
 *   orb_still_frame_* snapshot + render, reduced motion
 *   frame_interval_*  time between frame-clock ticks with the orb animating
 *                     in the mapped window (pacing, not drawing cost)
 *
 * Started outside an X server it re-runs itself through xvfb-run.
 * stdout carries only JSON lines; progress goes to stderr.
 *
 *   bench-breathe [--frames N]     (default 600, ten seconds at 60 fps)
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gtk/gtk.h>

#include "bench-util.h"
#include "ascend-breathe-session.h"
#include "ascend-breathing-orb.h"

#define SESSION_ENV "ASCEND_BENCH_BREATHE_SESSION"
#define WIDTH 1280
#define HEIGHT 800
#define FRAME_US 16667

static int opt_frames = 600;

static const GOptionEntry entries[] = {
  { "frames", 'n', 0, G_OPTION_ARG_INT, &opt_frames, "Frames timed per figure (default 600)", "N" },
  { NULL }
};

static void
emit (const char *figure,
      double      value,
      const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  printf ("{\"bench\":\"breathe\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

/* Nearest rank on sorted values. */
static void
emit_stats (const char *prefix,
            double     *values,
            guint       n)
{
  g_autofree char *median = g_strdup_printf ("%s_median_ms", prefix);
  g_autofree char *p99 = g_strdup_printf ("%s_p99_ms", prefix);

  qsort (values, n, sizeof *values, bench_compare_doubles);
  emit (median, n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2, "ms");
  emit (p99, bench_percentile_sorted (values, n, 99), "ms");
}

static int
reexec_in_xvfb (char **argv)
{
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *first = g_strdup_printf ("%d", 200 + (int) ((getpid () * 7919L) % 30000));
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (xvfb_run == NULL || self == NULL)
    {
      g_printerr ("bench-breathe: needs xvfb-run (Debian: xvfb)\n");
      return 77;
    }
  g_ptr_array_add (args, xvfb_run);
  g_ptr_array_add (args, (char *) "-a");
  g_ptr_array_add (args, (char *) "-n");
  g_ptr_array_add (args, first);
  g_ptr_array_add (args, (char *) "-s");
  g_ptr_array_add (args, (char *) "-screen 0 1920x1200x24 -nolisten tcp -noreset");
  g_ptr_array_add (args, self);
  for (int i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  g_setenv (SESSION_ENV, "1", TRUE);
  execv (xvfb_run, (char **) args->pdata);
  g_printerr ("bench-breathe: could not run %s: %s\n", xvfb_run, g_strerror (errno));
  return EXIT_FAILURE;
}

typedef struct {
  AscendBreatheSession *session;
  AscendBreathingOrb   *orb;
  gint64                origin_us;
} Player;

/* Gives the orb the session's frame at time_us since the start. */
static void
play (Player *p,
      gint64  time_us)
{
  AscendBreatheFrame frame;

  ascend_breathe_session_update (p->session, time_us / 1000, &frame);
  if (frame.phase == NULL)
    {
      /* Ran out: play it again (the bench is longer than the exercise). */
      g_clear_pointer (&p->session, ascend_breathe_session_free);
      p->session = ascend_breathe_session_new (ascend_exercise_script_lookup ("box_breathing"));
      ascend_breathe_session_start (p->session, time_us / 1000);
      ascend_breathe_session_update (p->session, time_us / 1000, &frame);
    }
  ascend_breathing_orb_set_frame (p->orb, frame.phase->kind, frame.level, frame.phase_fraction,
                                  frame.progress, time_us);
}

static void
time_frames (Player      *p,
             GskRenderer *renderer,
             guint        n,
             double      *frame_ms,
             double      *snapshot_ms)
{
  GtkWidget *widget = GTK_WIDGET (p->orb);
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));

  for (guint i = 0; i < n; i++)
    {
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      GdkTexture *texture;
      gint64 t0, t1, t2;

      play (p, (gint64) i * FRAME_US);
      t0 = g_get_monotonic_time ();
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (renderer, node, &viewport);
      t2 = g_get_monotonic_time ();
      if (texture == NULL || gdk_texture_get_width (texture) != WIDTH)
        g_error ("bench-breathe: no %d px texture rendered", WIDTH);
      frame_ms[i] = (t2 - t0) / 1000.0;
      if (snapshot_ms != NULL)
        snapshot_ms[i] = (t1 - t0) / 1000.0;
      g_object_unref (texture);
      gsk_render_node_unref (node);
    }
}

typedef struct {
  Player  *player;
  double  *intervals;
  guint    n;
  guint    wanted;
  gint64   last_us;
} Ticks;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last_us != 0 && ticks->n < ticks->wanted)
    ticks->intervals[ticks->n++] = (now - ticks->last_us) / 1000.0;
  ticks->last_us = now;
  play (ticks->player, gdk_frame_clock_get_frame_time (clock) - ticks->player->origin_us);
  return ticks->n < ticks->wanted ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the breathing orb's frames");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) original_argv = g_strdupv (argv);
  g_autofree double *frame_ms = NULL;
  g_autofree double *snapshot_ms = NULL;
  g_autofree double *still_ms = NULL;
  g_autofree double *intervals = NULL;
  GtkWidget *window;
  GskRenderer *renderer;
  Player player = { 0 };
  Ticks ticks = { 0 };
  gint64 deadline;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-breathe: %s\n", error->message);
      return 2;
    }
  if (opt_frames < 10)
    {
      g_printerr ("bench-breathe: --frames must be at least 10\n");
      return 2;
    }
  if (g_getenv (SESSION_ENV) == NULL)
    return reexec_in_xvfb (original_argv);

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* No accessibility bus under a bare Xvfb: do not wait for one. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();

  window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  player.orb = ASCEND_BREATHING_ORB (ascend_breathing_orb_new ());
  player.session = ascend_breathe_session_new (ascend_exercise_script_lookup ("box_breathing"));
  ascend_breathe_session_start (player.session, 0);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (player.orb));
  gtk_window_present (GTK_WINDOW (window));

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((gtk_widget_get_width (GTK_WIDGET (player.orb)) != WIDTH ||
          gtk_widget_get_height (GTK_WIDGET (player.orb)) != HEIGHT) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (gtk_widget_get_width (GTK_WIDGET (player.orb)) != WIDTH)
    {
      g_printerr ("bench-breathe: the window did not reach %dx%d\n", WIDTH, HEIGHT);
      return EXIT_FAILURE;
    }
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_printerr ("bench-breathe: %s, %d frames at %dx%d\n", G_OBJECT_TYPE_NAME (renderer), opt_frames, WIDTH, HEIGHT);

  frame_ms = g_new0 (double, opt_frames);
  snapshot_ms = g_new0 (double, opt_frames);
  still_ms = g_new0 (double, opt_frames);
  intervals = g_new0 (double, opt_frames);

  /* One warm-up pass: fonts, pattern caches, first allocations. */
  time_frames (&player, renderer, MIN (opt_frames, 60), frame_ms, NULL);
  time_frames (&player, renderer, opt_frames, frame_ms, snapshot_ms);
  ascend_breathing_orb_set_force_reduced_motion (player.orb, TRUE);
  time_frames (&player, renderer, opt_frames, still_ms, NULL);
  ascend_breathing_orb_set_force_reduced_motion (player.orb, FALSE);

  /* Real frames: the frame clock drives the orb in the mapped window. */
  ticks.player = &player;
  ticks.intervals = intervals;
  ticks.wanted = opt_frames;
  player.origin_us = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (player.orb), tick_cb, &ticks, NULL);
  deadline = g_get_monotonic_time () + (gint64) opt_frames * FRAME_US * 4 + 10 * G_USEC_PER_SEC;
  while (ticks.n < ticks.wanted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (ticks.n < ticks.wanted)
    {
      g_printerr ("bench-breathe: only %u frame-clock ticks before the deadline\n", ticks.n);
      return EXIT_FAILURE;
    }

  emit_stats ("orb_frame_1280x800", frame_ms, opt_frames);
  emit_stats ("orb_snapshot_1280x800", snapshot_ms, opt_frames);
  emit_stats ("orb_still_frame_1280x800", still_ms, opt_frames);
  emit_stats ("frame_interval", intervals, opt_frames);

  gtk_window_destroy (GTK_WINDOW (window));
  ascend_breathe_session_free (player.session);
  return EXIT_SUCCESS;
}
