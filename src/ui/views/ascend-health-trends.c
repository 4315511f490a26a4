/* ascend-health-trends.c: the Trends page of the Health section
 *
 * One range control drives four charts. The health data of a range (a
 * year of readings is a lot of rows) loads in a worker thread through
 * ascend_health_chart_data_load_async(); a spinner shows when it takes
 * longer than a moment, and a newer request cancels an older one so a
 * fast click through the weeks never shows a stale week. Moods are few
 * and are read directly.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-health-trends.h"
#include "ascend-chart.h"
#include "ascend-chart-range.h"
#include "ascend-health-rollup.h"
#include "ascend-wellness-store.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)
#define SPINNER_DELAY_MS 250

struct _AscendHealthTrends
{
  AdwBin             parent_instance;

  AscendApplication *app;
  AscendChartRange  *range;
  GtkSpinner        *spinner;
  GtkWidget         *empty_card;
  AscendChart       *heart_chart;
  AscendChart       *hrv_chart;
  AscendChart       *stress_chart;
  AscendChart       *mood_chart;
  GtkLabel          *heart_stats;
  GtkLabel          *hrv_stats;
  GtkLabel          *stress_stats;
  GtkLabel          *mood_stats;
  GtkLabel          *markers_label;

  GCancellable      *cancellable;
  guint              spinner_id;
  /* The range being loaded, applied when its data arrives. */
  AscendChartPeriod  period;
  gint64             from;
  gint64             to;
  guint              n_buckets;
  /* Built and loaded on first show: a page nobody opens costs nothing,
   * neither at start-up nor on every refresh. */
  gboolean           built;
  gboolean           stale;
};

G_DEFINE_FINAL_TYPE (AscendHealthTrends, ascend_health_trends, ADW_TYPE_BIN)

/* How finely each period is bucketed: fine enough for a wide window,
 * coarse enough that a year reads fast. */
static guint
buckets_for (AscendChartPeriod period,
             gint64            from,
             gint64            to)
{
  gint64 days = MAX (1, (to - from + DAY_MS / 2) / DAY_MS);

  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY:
      return 24 * 12;          /* 5 minutes */
    case ASCEND_CHART_PERIOD_WEEK:
      return 7 * 24 * 2;       /* 30 minutes */
    case ASCEND_CHART_PERIOD_MONTH:
      return (guint) days * 24; /* an hour */
    case ASCEND_CHART_PERIOD_YEAR:
    default:
      return (guint) days * 2;  /* half a day */
    }
}

static int
severity_level (const char *severity)
{
  if (g_strcmp0 (severity, "critical") == 0)
    return 3;
  if (g_strcmp0 (severity, "high") == 0)
    return 2;
  if (g_strcmp0 (severity, "medium") == 0)
    return 1;
  return 0;
}

static void
set_stats (GtkLabel         *label,
           AscendChartStats *stats,
           const char       *unit,
           int               decimals)
{
  g_autofree char *text = NULL;

  if (stats->count == 0)
    text = g_strdup (_("No data"));
  else
    /* TRANSLATORS: above a chart: average, unit, lowest, highest:
     * "Average 68 bpm · 51–142" */
    text = g_strdup_printf (_("Average %.*f %s · %.*f–%.*f"), decimals, stats->mean, unit,
                            decimals, stats->min, decimals, stats->max);
  gtk_label_set_text (label, text);
}

/* ---------------------------------------------------------------- mood */

static void
load_moods (AscendHealthTrends *self,
            GTimeZone          *tz)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  gint64 user = ascend_application_get_user_id (self->app);
  g_autoptr(GPtrArray) logs = ascend_mood_log_list (db, user, self->from, self->to, NULL);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (AscendChartPoint));
  AscendChartStats stats;
  gint64 point_ms;

  if (logs != NULL && self->period == ASCEND_CHART_PERIOD_DAY)
    {
      /* A day: each check-in, in the hour it was logged. */
      point_ms = HOUR_MS;
      for (guint i = 0; i < logs->len; i++)
        {
          AscendMoodLog *log = g_ptr_array_index (logs, i);
          AscendChartPoint p = { log->created_at - (log->created_at - self->from) % HOUR_MS,
                                 (double) log->mood_score, NAN, NAN };
          if (log->mood_score < 1 || log->mood_score > 10)
            continue;
          g_array_append_val (points, p);
        }
    }
  else
    {
      /* Longer ranges: one bar a local day, the day's average. */
      point_ms = DAY_MS;
      if (logs != NULL)
        for (guint i = 0; i < logs->len; i++)
          {
            AscendMoodLog *log = g_ptr_array_index (logs, i);
            g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (log->created_at / 1000);
            g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
            g_autoptr(GDateTime) midnight = NULL;
            int y, m, d;
            gint64 day;
            AscendChartPoint *last;

            if (log->mood_score < 1 || log->mood_score > 10)
              continue;
            g_date_time_get_ymd (local, &y, &m, &d);
            midnight = g_date_time_new (tz, y, m, d, 0, 0, 0);
            day = g_date_time_to_unix (midnight) * 1000;
            last = points->len > 0 ? &g_array_index (points, AscendChartPoint, points->len - 1) : NULL;
            /* Logs come oldest first: a day's logs are neighbours. lo
             * and hi hold the running sum and count until the end. */
            if (last != NULL && last->time == day)
              {
                last->lo += (double) log->mood_score;
                last->hi += 1;
              }
            else
              {
                AscendChartPoint p = { day, 0, (double) log->mood_score, 1 };
                g_array_append_val (points, p);
              }
          }
      for (guint i = 0; i < points->len; i++)
        {
          AscendChartPoint *p = &g_array_index (points, AscendChartPoint, i);
          p->value = p->lo / p->hi;
          p->lo = p->hi = NAN;
        }
    }

  ascend_chart_set_range (self->mood_chart, self->period, self->from, self->to, tz);
  ascend_chart_set_points (self->mood_chart, (const AscendChartPoint *) points->data, points->len, point_ms, 0);
  ascend_chart_points_stats ((const AscendChartPoint *) points->data, points->len, self->from, self->to, &stats);
  set_stats (self->mood_stats, &stats, _("of 10"), 1);
}

/* ---------------------------------------------------------------- health */

static void
apply_health (AscendHealthTrends    *self,
              AscendHealthChartData *data,
              GTimeZone             *tz)
{
  guint n = data->buckets->len;
  g_autofree AscendChartPoint *heart = g_new (AscendChartPoint, MAX (n, 1));
  g_autofree AscendChartPoint *hrv = g_new (AscendChartPoint, MAX (n, 1));
  g_autofree AscendChartPoint *stress = g_new (AscendChartPoint, MAX (n, 1));
  g_autofree AscendChartEvent *events = g_new (AscendChartEvent, MAX (data->alerts->len, 1));
  g_autofree AscendChartInterval *spans = g_new (AscendChartInterval, MAX (data->irregular->len, 1));
  gint64 bucket_ms = n > 0 ? (self->to - self->from) / n : 0;
  AscendChartStats stats;
  g_autofree char *markers = NULL;
  gboolean any;

  for (guint i = 0; i < n; i++)
    {
      const AscendReadingBucket *b = &g_array_index (data->buckets, AscendReadingBucket, i);
      heart[i] = (AscendChartPoint) { b->time, b->heart_rate, b->heart_rate_min, b->heart_rate_max };
      hrv[i] = (AscendChartPoint) { b->time, b->hrv, NAN, NAN };
      stress[i] = (AscendChartPoint) { b->time, b->stress, NAN, NAN };
    }
  for (guint i = 0; i < data->alerts->len; i++)
    {
      const AscendChartMarker *m = &g_array_index (data->alerts, AscendChartMarker, i);
      events[i] = (AscendChartEvent) { m->time, severity_level (m->severity) };
    }
  for (guint i = 0; i < data->irregular->len; i++)
    {
      const AscendChartSpan *s = &g_array_index (data->irregular, AscendChartSpan, i);
      spans[i] = (AscendChartInterval) { s->from, s->to };
    }

  ascend_chart_set_empty_text (self->heart_chart, _("No heart rate in this range"));
  ascend_chart_set_empty_text (self->hrv_chart, _("No HRV in this range: it needs a sensor that sends beat intervals"));
  ascend_chart_set_empty_text (self->stress_chart, _("No stress levels in this range"));
  ascend_chart_set_range (self->heart_chart, self->period, self->from, self->to, tz);
  /* Buckets further apart than two are not joined: the sensor was off. */
  ascend_chart_set_points (self->heart_chart, heart, n, bucket_ms, 2 * bucket_ms);
  ascend_chart_set_events (self->heart_chart, events, data->alerts->len);
  ascend_chart_set_intervals (self->heart_chart, spans, data->irregular->len);
  ascend_chart_points_stats (heart, n, self->from, self->to, &stats);
  set_stats (self->heart_stats, &stats, _("bpm"), 0);
  any = stats.count > 0;

  ascend_chart_set_range (self->hrv_chart, self->period, self->from, self->to, tz);
  ascend_chart_set_points (self->hrv_chart, hrv, n, bucket_ms, 2 * bucket_ms);
  ascend_chart_points_stats (hrv, n, self->from, self->to, &stats);
  set_stats (self->hrv_stats, &stats, _("ms"), 0);

  ascend_chart_set_range (self->stress_chart, self->period, self->from, self->to, tz);
  ascend_chart_set_points (self->stress_chart, stress, n, bucket_ms, 2 * bucket_ms);
  ascend_chart_set_events (self->stress_chart, events, data->alerts->len);
  ascend_chart_points_stats (stress, n, self->from, self->to, &stats);
  set_stats (self->stress_stats, &stats, _("of 10"), 1);
  any = any || stats.count > 0;

  if (data->alerts->len == 0 && data->irregular->len == 0)
    markers = g_strdup (_("No alerts and no irregular rhythm in this range."));
  else
    {
      g_autofree char *alerts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert", "%u alerts",
                                                              data->alerts->len), data->alerts->len);
      g_autofree char *episodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u irregular-rhythm episode",
                                                                "%u irregular-rhythm episodes", data->irregular->len),
                                                   data->irregular->len);
      /* TRANSLATORS: under the heart-rate chart: "2 alerts, 1 irregular-rhythm
       * episode. Pins mark alerts, shading marks irregular rhythm." */
      markers = g_strdup_printf (_("%s, %s. Pins mark alerts, shading marks irregular rhythm."), alerts, episodes);
    }
  gtk_label_set_text (self->markers_label, markers);
  gtk_widget_set_visible (self->empty_card, !any);
}

static void
stop_spinner (AscendHealthTrends *self)
{
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static gboolean
spinner_cb (gpointer user_data)
{
  AscendHealthTrends *self = user_data;

  self->spinner_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  return G_SOURCE_REMOVE;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthChartData) data = ascend_health_chart_data_load_finish (result, &error);
  g_autoptr(GTimeZone) tz = NULL;
  AscendHealthTrends *self;

  /* Cancelled: a newer range is loading, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ASCEND_HEALTH_TRENDS (user_data);
  stop_spinner (self);
  tz = g_time_zone_new_local ();
  if (data == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the health history: %s"), error->message);
      AscendChart *charts[] = { self->heart_chart, self->hrv_chart, self->stress_chart };

      /* Never the previous range's lines under this range's label. */
      for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
        {
          ascend_chart_set_range (charts[i], self->period, self->from, self->to, tz);
          ascend_chart_set_points (charts[i], NULL, 0, 0, 0);
          ascend_chart_set_events (charts[i], NULL, 0);
          ascend_chart_set_intervals (charts[i], NULL, 0);
          ascend_chart_set_empty_text (charts[i], message);
        }
      gtk_label_set_text (self->markers_label, "");
      g_warning ("%s", message);
      return;
    }
  apply_health (self, data, tz);
}

/* The one place the charts' health data comes from. */
static void
load_health (AscendHealthTrends *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  gint64 user = ascend_application_get_user_id (self->app);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->spinner_id == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, spinner_cb, self);
  ascend_health_chart_data_load_async (db, user, self->from, self->to, self->n_buckets,
                                       self->cancellable, loaded_cb, self);
}

void
ascend_health_trends_refresh (AscendHealthTrends *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  g_return_if_fail (ASCEND_IS_HEALTH_TRENDS (self));

  if (self->app == NULL || ascend_application_get_user_id (self->app) <= 0)
    return;
  if (!self->built || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  self->period = ascend_chart_range_get_period (self->range);
  ascend_chart_range_get_bounds (self->range, tz, g_get_real_time () / 1000, &self->from, &self->to);
  self->n_buckets = buckets_for (self->period, self->from, self->to);
  load_health (self);
  load_moods (self, tz);
}

static void
range_changed_cb (AscendHealthTrends *self)
{
  ascend_health_trends_refresh (self);
}

static void
open_monitor_cb (GtkButton          *button,
                 AscendHealthTrends *self)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);

  if (stack != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "monitor");
}

/* ---------------------------------------------------------------- layout */

static GtkWidget *
chart_card (const char  *title,
            const char  *icon_name,
            const char  *style,
            GtkWidget   *chart,
            GtkLabel   **stats,
            GtkWidget   *extra)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  /* Decoration: the title beside it says the same. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *stats_label = gtk_label_new (NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "ascend-chart-card");
  gtk_widget_add_css_class (card, style);
  gtk_widget_add_css_class (icon, "ascend-chart-icon");
  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  /* Both wrap, so a card fits a phone (360 px) without widening the window. */
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_widget_add_css_class (stats_label, "dim-label");
  gtk_widget_add_css_class (stats_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (stats_label), 1);
  gtk_widget_set_hexpand (stats_label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (stats_label), TRUE);
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), title_label);
  gtk_box_append (GTK_BOX (header), stats_label);
  gtk_box_append (GTK_BOX (card), header);
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_box_append (GTK_BOX (card), chart);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (card), extra);
  *stats = GTK_LABEL (stats_label);
  return card;
}

static AscendChart *
new_chart (AscendChartKind  kind,
           const char      *title,
           const char      *unit,
           guint            decimals,
           const char      *empty)
{
  AscendChart *chart = ASCEND_CHART (ascend_chart_new (kind));

  ascend_chart_set_title (chart, title, unit, decimals);
  ascend_chart_set_empty_text (chart, empty);
  return chart;
}

static void
ascend_health_trends_dispose (GObject *object)
{
  AscendHealthTrends *self = ASCEND_HEALTH_TRENDS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  G_OBJECT_CLASS (ascend_health_trends_parent_class)->dispose (object);
}

static void build (AscendHealthTrends *self);

static void
ascend_health_trends_map (GtkWidget *widget)
{
  AscendHealthTrends *self = ASCEND_HEALTH_TRENDS (widget);

  if (!self->built)
    {
      self->built = TRUE;
      build (self);
    }
  GTK_WIDGET_CLASS (ascend_health_trends_parent_class)->map (widget);
  if (self->stale)
    ascend_health_trends_refresh (self);
}

static void
ascend_health_trends_class_init (AscendHealthTrendsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ascend_health_trends_dispose;
  GTK_WIDGET_CLASS (klass)->map = ascend_health_trends_map;
}

static void
ascend_health_trends_init (AscendHealthTrends *self)
{
  self->stale = TRUE;
}

static void
build (AscendHealthTrends *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (_("Trends"));
  GtkWidget *empty_box, *empty_icon, *empty_title, *empty_body, *empty_button;
  GtkWidget *markers;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 980);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_add_css_class (heading, "ascend-display");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading the health history"), -1);
  gtk_box_append (GTK_BOX (top), heading);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), top);

  self->range = ASCEND_CHART_RANGE (ascend_chart_range_new ());
  g_signal_connect_swapped (self->range, "changed", G_CALLBACK (range_changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->range));
  ascend_chart_range_add_shortcuts (self->range, GTK_WIDGET (self));

  /* Nothing in the range at all: say what to do about it. */
  empty_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (empty_box, "card");
  gtk_widget_add_css_class (empty_box, "ascend-chart-empty");
  empty_icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "emblem-favorite-symbolic", "pixel-size", 32,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_widget_add_css_class (empty_icon, "ascend-chart-icon");
  empty_title = gtk_label_new (_("No readings in this range"));
  gtk_widget_add_css_class (empty_title, "title-4");
  gtk_label_set_wrap (GTK_LABEL (empty_title), TRUE);
  empty_body = gtk_label_new (_("Connect a heart-rate sensor or add a reading by hand on the Monitor page, "
                                "or pick another range."));
  gtk_label_set_wrap (GTK_LABEL (empty_body), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty_body), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (empty_body, "dim-label");
  empty_button = gtk_button_new_with_mnemonic (_("_Open Monitor"));
  /* GTK 4.8 would name it "_Open Monitor Open Monitor" otherwise. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (empty_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_set_halign (empty_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (empty_button, "pill");
  gtk_widget_add_css_class (empty_button, "suggested-action");
  g_signal_connect (empty_button, "clicked", G_CALLBACK (open_monitor_cb), self);
  gtk_box_append (GTK_BOX (empty_box), empty_icon);
  gtk_box_append (GTK_BOX (empty_box), empty_title);
  gtk_box_append (GTK_BOX (empty_box), empty_body);
  gtk_box_append (GTK_BOX (empty_box), empty_button);
  gtk_widget_set_visible (empty_box, FALSE);
  self->empty_card = empty_box;
  gtk_box_append (GTK_BOX (box), empty_box);

  self->heart_chart = new_chart (ASCEND_CHART_KIND_LINE, _("Heart rate"), _("bpm"), 0,
                                 _("No heart rate in this range"));
  markers = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (markers), TRUE);
  gtk_label_set_xalign (GTK_LABEL (markers), 0);
  gtk_widget_add_css_class (markers, "caption");
  gtk_widget_add_css_class (markers, "dim-label");
  self->markers_label = GTK_LABEL (markers);
  gtk_box_append (GTK_BOX (box), chart_card (_("Heart rate"), "emblem-favorite-symbolic", "ascend-chart-heart",
                                             GTK_WIDGET (self->heart_chart), &self->heart_stats, markers));

  self->hrv_chart = new_chart (ASCEND_CHART_KIND_POINTS, _("HRV"), _("ms"), 0,
                               _("No HRV in this range: it needs a sensor that sends beat intervals"));
  gtk_box_append (GTK_BOX (box), chart_card (_("Heart rate variability (RMSSD)"), "view-continuous-symbolic",
                                             "ascend-chart-hrv", GTK_WIDGET (self->hrv_chart), &self->hrv_stats, NULL));

  self->stress_chart = new_chart (ASCEND_CHART_KIND_STRIP, _("Stress"), NULL, 1,
                                  _("No stress levels in this range"));
  ascend_chart_set_levels (self->stress_chart, ASCEND_CHART_LEVELS_STRESS);
  ascend_chart_set_value_range (self->stress_chart, 1, 10, 3);
  gtk_box_append (GTK_BOX (box), chart_card (_("Stress"), "weather-storm-symbolic", "ascend-chart-stress",
                                             GTK_WIDGET (self->stress_chart), &self->stress_stats, NULL));

  self->mood_chart = new_chart (ASCEND_CHART_KIND_BARS, _("Mood"), _("of 10"), 1,
                                _("No moods in this range. Check in from the Journal."));
  ascend_chart_set_levels (self->mood_chart, ASCEND_CHART_LEVELS_MOOD);
  ascend_chart_set_value_range (self->mood_chart, 1, 10, 3);
  gtk_box_append (GTK_BOX (box), chart_card (_("Mood"), "face-smile-symbolic", "ascend-chart-mood",
                                             GTK_WIDGET (self->mood_chart), &self->mood_stats, NULL));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

void
ascend_health_trends_set_application (AscendHealthTrends *self,
                                      AscendApplication  *app)
{
  g_return_if_fail (ASCEND_IS_HEALTH_TRENDS (self));

  self->app = app;
  ascend_health_trends_refresh (self);
}
