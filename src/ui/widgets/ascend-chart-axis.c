/* ascend-chart-axis.c: time ranges, time ticks and value ticks
 *
 * Boundaries are computed on calendar dates (GDate) and turned into
 * instants with g_date_time_new in the user's zone, never by adding
 * 24 hours: a day that loses an hour to DST ends at the next local
 * midnight, 23 hours after it began.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-chart-axis.h"

static GDateTime *
local_time (GTimeZone *tz,
            gint64     ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));

  return g_date_time_to_timezone (utc, tz);
}

static gint64
date_start (GTimeZone *tz,
            GDate     *date,
            int        hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), hour, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static void
period_start_date (AscendChartPeriod period,
                   GTimeZone        *tz,
                   gint64            at_ms,
                   int               offset,
                   GDate            *start,
                   GDate            *end)
{
  g_autoptr(GDateTime) local = local_time (tz, at_ms);
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (start, 1);
  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY:
      g_date_set_dmy (start, d, m, y);
      if (offset > 0)
        g_date_add_days (start, offset);
      else if (offset < 0)
        g_date_subtract_days (start, -offset);
      *end = *start;
      g_date_add_days (end, 1);
      break;
    case ASCEND_CHART_PERIOD_WEEK:
      g_date_set_dmy (start, d, m, y);
      g_date_subtract_days (start, g_date_time_get_day_of_week (local) - 1);
      if (offset > 0)
        g_date_add_days (start, 7 * offset);
      else if (offset < 0)
        g_date_subtract_days (start, 7 * -offset);
      *end = *start;
      g_date_add_days (end, 7);
      break;
    case ASCEND_CHART_PERIOD_MONTH:
      g_date_set_dmy (start, 1, m, y);
      if (offset > 0)
        g_date_add_months (start, offset);
      else if (offset < 0)
        g_date_subtract_months (start, -offset);
      *end = *start;
      g_date_add_months (end, 1);
      break;
    case ASCEND_CHART_PERIOD_YEAR:
    default:
      g_date_set_dmy (start, 1, 1, y);
      if (offset > 0)
        g_date_add_years (start, offset);
      else if (offset < 0)
        g_date_subtract_years (start, -offset);
      *end = *start;
      g_date_add_years (end, 1);
      break;
    }
}

void
ascend_chart_period_bounds (AscendChartPeriod period,
                            GTimeZone        *tz,
                            gint64            at_ms,
                            int               offset,
                            gint64           *from,
                            gint64           *to)
{
  GDate start, end;

  g_return_if_fail (tz != NULL);

  period_start_date (period, tz, at_ms, offset, &start, &end);
  *from = date_start (tz, &start, 0);
  *to = date_start (tz, &end, 0);
}

static char *
format_ms (GTimeZone  *tz,
           gint64      ms,
           const char *format)
{
  g_autoptr(GDateTime) dt = local_time (tz, ms);
  char *text = g_date_time_format (dt, format);

  /* Labels never start with padding. */
  return g_strstrip (text);
}

char *
ascend_chart_period_phrase (AscendChartPeriod period,
                            GTimeZone        *tz,
                            gint64            from,
                            gint64            now_ms)
{
  gint64 this_from, this_to, last_from, last_to;

  ascend_chart_period_bounds (period, tz, now_ms, 0, &this_from, &this_to);
  ascend_chart_period_bounds (period, tz, now_ms, -1, &last_from, &last_to);

  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY:
      if (from == this_from)
        return g_strdup (_("today"));
      if (from == last_from)
        return g_strdup (_("yesterday"));
      /* TRANSLATORS: a day in a chart's summary, see g_date_time_format */
      return format_ms (tz, from, _("on %a %-d %b %Y"));
    case ASCEND_CHART_PERIOD_WEEK:
      if (from == this_from)
        return g_strdup (_("this week"));
      if (from == last_from)
        return g_strdup (_("last week"));
      {
        gint64 f, t;
        g_autofree char *first = NULL;
        g_autofree char *last = NULL;

        ascend_chart_period_bounds (period, tz, from, 0, &f, &t);
        /* TRANSLATORS: the first day of a week in a chart's summary */
        first = format_ms (tz, f, _("%-d %b"));
        /* TRANSLATORS: the last day of a week in a chart's summary */
        last = format_ms (tz, t - 1, _("%-d %b %Y"));
        /* TRANSLATORS: a week in a chart's summary: first day, last day */
        return g_strdup_printf (_("in the week %s to %s"), first, last);
      }
    case ASCEND_CHART_PERIOD_MONTH:
      if (from == this_from)
        return g_strdup (_("this month"));
      if (from == last_from)
        return g_strdup (_("last month"));
      /* TRANSLATORS: a month in a chart's summary, see g_date_time_format */
      return format_ms (tz, from, _("in %B %Y"));
    case ASCEND_CHART_PERIOD_YEAR:
    default:
      if (from == this_from)
        return g_strdup (_("this year"));
      if (from == last_from)
        return g_strdup (_("last year"));
      /* TRANSLATORS: a year in a chart's summary, see g_date_time_format */
      return format_ms (tz, from, _("in %Y"));
    }
}

char *
ascend_chart_format_time (AscendChartPeriod period,
                          GTimeZone        *tz,
                          gint64            t)
{
  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY:
      /* TRANSLATORS: a time in a chart readout, see g_date_time_format */
      return format_ms (tz, t, _("%H:%M"));
    case ASCEND_CHART_PERIOD_WEEK:
      /* TRANSLATORS: a time in a chart readout, see g_date_time_format */
      return format_ms (tz, t, _("%a %H:%M"));
    case ASCEND_CHART_PERIOD_MONTH:
      /* TRANSLATORS: a time in a chart readout, see g_date_time_format */
      return format_ms (tz, t, _("%-d %b %H:%M"));
    case ASCEND_CHART_PERIOD_YEAR:
    default:
      /* TRANSLATORS: a day in a chart readout, see g_date_time_format */
      return format_ms (tz, t, _("%-d %b %Y"));
    }
}

static void
tick_clear (gpointer data)
{
  AscendChartTick *tick = data;
  g_free (tick->label);
}

static void
add_tick (GArray     *ticks,
          GTimeZone  *tz,
          gint64      t,
          gint64      from,
          gint64      to,
          const char *format)
{
  AscendChartTick tick;

  if (t < from || t >= to)
    return;
  /* A repeated or skipped local hour (DST) resolves to an instant seen already. */
  if (ticks->len > 0 && g_array_index (ticks, AscendChartTick, ticks->len - 1).time >= t)
    return;
  tick.time = t;
  tick.label = format_ms (tz, t, format);
  g_array_append_val (ticks, tick);
}

/* The smallest step of steps that puts at most width / spacing labels on
 * n_units units. */
static int
pick_step (const int *steps,
           guint      n_steps,
           int        n_units,
           double     width_px,
           double     spacing_px)
{
  int max_labels = MAX (1, (int) floor (width_px / MAX (spacing_px, 1.0)));

  for (guint i = 0; i < n_steps; i++)
    if ((n_units + steps[i] - 1) / steps[i] <= max_labels)
      return steps[i];
  return steps[n_steps - 1];
}

GArray *
ascend_chart_time_ticks (AscendChartPeriod period,
                         GTimeZone        *tz,
                         gint64            from,
                         gint64            to,
                         double            width_px,
                         double            min_spacing_px)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (AscendChartTick));
  GDate start, day;

  g_return_val_if_fail (tz != NULL, ticks);
  g_array_set_clear_func (ticks, tick_clear);
  if (to <= from)
    return ticks;

  /* From the local day of from, so a rolling range (the last 7 or 30
   * days) gets its own days, not those of the calendar period. */
  {
    g_autoptr(GDateTime) local = local_time (tz, from);
    int y, m, d;

    g_date_time_get_ymd (local, &y, &m, &d);
    g_date_clear (&start, 1);
    g_date_set_dmy (&start, d, m, y);
  }
  day = start;
  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY:
      {
        static const int steps[] = { 1, 2, 3, 4, 6, 12, 24 };
        int step = pick_step (steps, G_N_ELEMENTS (steps), 24, width_px, min_spacing_px);

        for (int h = 0; h < 24; h += step)
          /* TRANSLATORS: an hour under a day chart, see g_date_time_format */
          add_tick (ticks, tz, date_start (tz, &day, h), from, to, _("%H:%M"));
      }
      break;
    case ASCEND_CHART_PERIOD_WEEK:
      {
        /* Wide enough for "Mon 3" under every day, else just "Mon". */
        gboolean wide = width_px / 7 >= min_spacing_px * 1.4;

        for (int i = 0; i < 7; i++, g_date_add_days (&day, 1))
          add_tick (ticks, tz, date_start (tz, &day, 0), from, to,
                    /* TRANSLATORS: a day under a week chart, see g_date_time_format */
                    wide ? _("%a %-d") : _("%a"));
      }
      break;
    case ASCEND_CHART_PERIOD_MONTH:
      {
        static const int steps[] = { 1, 2, 3, 5, 7, 10, 15 };
        int n_days = (int) ((to - from + 12 * 3600 * (gint64) 1000) / (24 * 3600 * (gint64) 1000));
        int step = pick_step (steps, G_N_ELEMENTS (steps), n_days, width_px, min_spacing_px);

        for (int d = 0; d < n_days; d++, g_date_add_days (&day, 1))
          if (d % step == 0)
            /* TRANSLATORS: a day under a month chart, see g_date_time_format */
            add_tick (ticks, tz, date_start (tz, &day, 0), from, to, _("%-d %b"));
      }
      break;
    case ASCEND_CHART_PERIOD_YEAR:
    default:
      {
        static const int steps[] = { 1, 2, 3, 4, 6, 12 };
        int step = pick_step (steps, G_N_ELEMENTS (steps), 12, width_px, min_spacing_px);

        g_date_set_day (&day, 1);

        for (int m = 0; m < 12; m++, g_date_add_months (&day, 1))
          if (m % step == 0)
            /* TRANSLATORS: a month under a year chart, see g_date_time_format */
            add_tick (ticks, tz, date_start (tz, &day, 0), from, to, _("%b"));
      }
      break;
    }
  return ticks;
}

guint
ascend_chart_nice_ticks (double  lo,
                         double  hi,
                         guint   max_ticks,
                         double *nice_lo,
                         double *nice_hi,
                         double *step)
{
  static const double mantissas[] = { 1, 2, 2.5, 5 };
  double raw, magnitude;

  /* One interval cannot cover a range across zero with round ends. */
  if (max_ticks < 2)
    max_ticks = 2;
  if (!isfinite (lo) && !isfinite (hi))
    lo = 0, hi = 1;
  else if (!isfinite (lo))
    lo = hi;
  else if (!isfinite (hi))
    hi = lo;
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (hi - lo < 1e-9 * MAX (1.0, fabs (hi)))
    {
      double pad = MAX (1.0, fabs (lo) * 0.1);
      lo -= pad;
      hi += pad;
    }

  raw = (hi - lo) / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  for (int e = 0; e < 4; e++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
        {
          double s = mantissas[i] * magnitude * pow (10, e);
          double a = floor (lo / s + 1e-9) * s;
          double b = ceil (hi / s - 1e-9) * s;
          guint intervals = (guint) llround ((b - a) / s);

          if (s >= raw * (1 - 1e-9) && intervals <= max_ticks)
            {
              *nice_lo = a;
              *nice_hi = b;
              *step = s;
              return intervals + 1;
            }
        }
    }
  /* Unreachable: ten times raw covers [lo, hi] in two intervals. */
  *step = raw * 10;
  *nice_lo = floor (lo / *step) * *step;
  *nice_hi = ceil (hi / *step) * *step;
  return (guint) llround ((*nice_hi - *nice_lo) / *step) + 1;
}
