/* gk-series.c — the data a trends chart draws: one figure, per agency, per year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-scale.h"
#include "gk-series.h"

G_DEFINE_BOXED_TYPE (GkSeriesSet, gk_series_set, gk_series_set_ref, gk_series_set_unref)

static void
series_point_clear (gpointer data)
{
  GkSeriesPoint *point = data;

  g_clear_pointer (&point->report_label, g_free);
  g_clear_pointer (&point->problem, g_free);
}

/**
 * gk_series_new:
 * @key: the agency's stable key
 * @label: the agency's name, as shown
 *
 * A series on its own; most callers use gk_series_set_add_series() instead.
 *
 * Returns: (transfer full): a series without points
 */
GkSeries *
gk_series_new (const char *key,
               const char *label)
{
  GkSeries *series = g_new0 (GkSeries, 1);

  series->key = g_strdup (key);
  series->label = g_strdup (label != NULL ? label : key);
  series->points = g_array_new (FALSE, TRUE, sizeof (GkSeriesPoint));
  g_array_set_clear_func (series->points, series_point_clear);
  return series;
}

void
gk_series_free (GkSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->key);
  g_free (series->label);
  g_array_unref (series->points);
  g_free (series);
}

/* The index of @year, or where it would go (as a negative -(index + 1)). */
static int
series_search (const GkSeries *series,
               int             year)
{
  guint lo = 0;
  guint hi = series->points->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int mid_year = g_array_index (series->points, GkSeriesPoint, mid).year;

      if (mid_year == year)
        return (int) mid;
      if (mid_year < year)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -(int) lo - 1;
}

/**
 * gk_series_add_point:
 * @series: a series
 * @year: the report's year
 * @value: the figure, or NAN if the report has none (drawn as a gap)
 * @report_id: the report's library id, or -1
 * @report_label: (nullable): how to name the report in the tooltip
 * @problem: (nullable): why the report's identities fail, or NULL
 *
 * Adds the point in year order. A second point for the same year replaces
 * the first: a series has one figure per year.
 *
 * Returns: (transfer none): the stored point, valid until the next point is
 *   added
 */
GkSeriesPoint *
gk_series_add_point (GkSeries   *series,
                     int         year,
                     double      value,
                     gint64      report_id,
                     const char *report_label,
                     const char *problem)
{
  int found;
  guint index;
  GkSeriesPoint *point;

  g_return_val_if_fail (series != NULL, NULL);

  found = series_search (series, year);
  if (found >= 0)
    {
      index = found;
      series_point_clear (&g_array_index (series->points, GkSeriesPoint, index));
    }
  else
    {
      GkSeriesPoint blank = { 0 };

      index = -(found + 1);
      g_array_insert_val (series->points, index, blank);
    }

  point = &g_array_index (series->points, GkSeriesPoint, index);
  point->year = year;
  point->value = value;
  point->report_id = report_id;
  point->report_label = g_strdup (report_label);
  point->problem = g_strdup (problem);
  return point;
}

guint
gk_series_get_n_points (const GkSeries *series)
{
  g_return_val_if_fail (series != NULL, 0);

  return series->points->len;
}

const GkSeriesPoint *
gk_series_get_point (const GkSeries *series,
                     guint           index)
{
  g_return_val_if_fail (series != NULL, NULL);
  g_return_val_if_fail (index < series->points->len, NULL);

  return &g_array_index (series->points, GkSeriesPoint, index);
}

/**
 * gk_series_find_year:
 * @series: a series
 * @year: a year
 *
 * Returns: the index of @year's point, or -1 if the series has none
 */
int
gk_series_find_year (const GkSeries *series,
                     int             year)
{
  int found;

  g_return_val_if_fail (series != NULL, -1);

  found = series_search (series, year);
  return found >= 0 ? found : -1;
}

/**
 * gk_series_get_value_range:
 * @series: a series
 * @min: (out) (optional): the smallest value
 * @max: (out) (optional): the largest value
 *
 * Skips NAN (gaps) and ±inf.
 *
 * Returns: %FALSE if no point has a finite value; @min and @max are then NAN
 */
gboolean
gk_series_get_value_range (const GkSeries *series,
                           double         *min,
                           double         *max)
{
  double lo = NAN;
  double hi = NAN;

  g_return_val_if_fail (series != NULL, FALSE);

  for (guint i = 0; i < series->points->len; i++)
    gk_scale_range_add (&lo, &hi, g_array_index (series->points, GkSeriesPoint, i).value);
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
  return !isnan (lo);
}

/**
 * gk_series_set_new:
 * @metric_key: (nullable): which figure the set charts
 * @title: (nullable): the chart's title
 * @y_label: (nullable): the y axis label, without the unit
 * @unit: (nullable): the unit of the values, e.g. "件"
 *
 * Returns: (transfer full): an empty set; free it with gk_series_set_unref()
 */
GkSeriesSet *
gk_series_set_new (const char *metric_key,
                   const char *title,
                   const char *y_label,
                   const char *unit)
{
  GkSeriesSet *set = g_new0 (GkSeriesSet, 1);

  g_atomic_ref_count_init (&set->ref_count);
  set->metric_key = g_strdup (metric_key);
  set->title = g_strdup (title);
  set->y_label = g_strdup (y_label);
  set->unit = g_strdup (unit);
  set->series = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_series_free);
  return set;
}

GkSeriesSet *
gk_series_set_ref (GkSeriesSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);

  g_atomic_ref_count_inc (&set->ref_count);
  return set;
}

void
gk_series_set_unref (GkSeriesSet *set)
{
  g_return_if_fail (set != NULL);

  if (!g_atomic_ref_count_dec (&set->ref_count))
    return;
  g_free (set->metric_key);
  g_free (set->title);
  g_free (set->y_label);
  g_free (set->unit);
  g_ptr_array_unref (set->series);
  g_free (set);
}

/**
 * gk_series_set_add_series:
 * @set: a set
 * @key: the agency's stable key
 * @label: (nullable): the agency's name; @key if NULL
 *
 * Adds a series at the end of the legend, or returns the one @key already
 * has, so a caller can fill a set row by row from a query.
 *
 * Returns: (transfer none): the series, owned by @set
 */
GkSeries *
gk_series_set_add_series (GkSeriesSet *set,
                          const char  *key,
                          const char  *label)
{
  GkSeries *series;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  series = gk_series_set_find_series (set, key);
  if (series == NULL)
    {
      series = gk_series_new (key, label);
      g_ptr_array_add (set->series, series);
    }
  return series;
}

guint
gk_series_set_get_n_series (const GkSeriesSet *set)
{
  g_return_val_if_fail (set != NULL, 0);

  return set->series->len;
}

GkSeries *
gk_series_set_get_series (const GkSeriesSet *set,
                          guint              index)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (index < set->series->len, NULL);

  return g_ptr_array_index (set->series, index);
}

/**
 * gk_series_set_find_series:
 * @set: a set
 * @key: an agency key
 *
 * Returns: (transfer none) (nullable): the series of @key, or NULL
 */
GkSeries *
gk_series_set_find_series (const GkSeriesSet *set,
                           const char        *key)
{
  g_return_val_if_fail (set != NULL, NULL);

  for (guint i = 0; i < set->series->len; i++)
    {
      GkSeries *series = g_ptr_array_index (set->series, i);

      if (g_strcmp0 (series->key, key) == 0)
        return series;
    }
  return NULL;
}

/**
 * gk_series_set_get_point:
 * @set: a set
 * @series_index: a series
 * @point_index: a point of that series
 *
 * Returns: (transfer none) (nullable): the point, or NULL if either index is
 *   out of range (chart hit records may outlive a change of set)
 */
const GkSeriesPoint *
gk_series_set_get_point (const GkSeriesSet *set,
                         guint              series_index,
                         guint              point_index)
{
  GkSeries *series;

  g_return_val_if_fail (set != NULL, NULL);

  if (series_index >= set->series->len)
    return NULL;
  series = g_ptr_array_index (set->series, series_index);
  if (point_index >= series->points->len)
    return NULL;
  return &g_array_index (series->points, GkSeriesPoint, point_index);
}

/**
 * gk_series_set_get_year_range:
 * @set: a set
 * @include_gaps: whether points whose value is NAN count
 * @first_year: (out) (optional): the earliest year
 * @last_year: (out) (optional): the latest year
 *
 * The chart passes %TRUE: a NAN point means "this report exists but lacks
 * the figure", and the x axis should show that year, as a gap.
 *
 * Returns: %FALSE if no point counts; the years are then 0
 */
gboolean
gk_series_set_get_year_range (const GkSeriesSet *set,
                              gboolean           include_gaps,
                              int               *first_year,
                              int               *last_year)
{
  gboolean found = FALSE;
  int first = 0;
  int last = 0;

  g_return_val_if_fail (set != NULL, FALSE);

  for (guint i = 0; i < set->series->len; i++)
    {
      GkSeries *series = g_ptr_array_index (set->series, i);

      for (guint j = 0; j < series->points->len; j++)
        {
          const GkSeriesPoint *point = &g_array_index (series->points, GkSeriesPoint, j);

          if (!include_gaps && !isfinite (point->value))
            continue;
          if (!found || point->year < first)
            first = point->year;
          if (!found || point->year > last)
            last = point->year;
          found = TRUE;
        }
    }

  if (first_year != NULL)
    *first_year = first;
  if (last_year != NULL)
    *last_year = last;
  return found;
}

/**
 * gk_series_set_get_value_range:
 * @set: a set
 * @min: (out) (optional): the smallest value of all series
 * @max: (out) (optional): the largest value of all series
 *
 * Skips NAN (gaps) and ±inf.
 *
 * Returns: %FALSE if no point has a finite value; @min and @max are then NAN
 */
gboolean
gk_series_set_get_value_range (const GkSeriesSet *set,
                               double            *min,
                               double            *max)
{
  double lo = NAN;
  double hi = NAN;

  g_return_val_if_fail (set != NULL, FALSE);

  for (guint i = 0; i < set->series->len; i++)
    {
      double series_min, series_max;

      if (gk_series_get_value_range (g_ptr_array_index (set->series, i), &series_min, &series_max))
        {
          gk_scale_range_add (&lo, &hi, series_min);
          gk_scale_range_add (&lo, &hi, series_max);
        }
    }
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
  return !isnan (lo);
}

/**
 * gk_series_set_is_empty:
 * @set: (nullable): a set
 *
 * Returns: whether there is nothing to draw: no set, no series, or no
 *   finite value
 */
gboolean
gk_series_set_is_empty (const GkSeriesSet *set)
{
  return set == NULL || !gk_series_set_get_value_range (set, NULL, NULL);
}

/**
 * gk_series_set_has_problems:
 * @set: a set
 *
 * Returns: whether any drawn point (one with a value) comes from a report
 *   whose identities fail, so the legend explains the mark
 */
gboolean
gk_series_set_has_problems (const GkSeriesSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint i = 0; i < set->series->len; i++)
    {
      GkSeries *series = g_ptr_array_index (set->series, i);

      for (guint j = 0; j < series->points->len; j++)
        {
          const GkSeriesPoint *point = &g_array_index (series->points, GkSeriesPoint, j);

          if (point->problem != NULL && isfinite (point->value))
            return TRUE;
        }
    }
  return FALSE;
}
