/* gk-series.h — the data a trends chart draws: one figure, per agency, per year
 *
 * Plain data with no GTK, so the library can fill it in core and the chart
 * and its tests can build it by hand. A typical fill:
 *
 *   g_autoptr(GkSeriesSet) set = gk_series_set_new ("t3.received", "收到申请数",
 *                                                   "申请数", "件");
 *   GkSeries *series = gk_series_set_add_series (set, "pingtan", "平潭综合实验区");
 *
 *   gk_series_add_point (series, 2019, 23, 41, "平潭综合实验区 2019 · page.html", NULL);
 *   gk_series_add_point (series, 2021, 70, 57, "平潭综合实验区 2021 · page.html",
 *                        "table 3: total ≠ sum of rows");
 *
 * Years without a point, and points whose value is NAN, are gaps: the chart
 * leaves them empty and never draws them as 0.
 *
 * A set is reference counted and, once handed to a chart, must not change:
 * build a new set instead (it is cheap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One year of one agency. */
typedef struct
{
  int     year;
  double  value;         /* the figure; NAN when the report lacks it (a gap) */
  gint64  report_id;     /* the library's id of the report it came from, -1 if none */
  char   *report_label;  /* how to name that report, e.g. "平潭综合实验区 2021 · page.html"; may be NULL */
  char   *problem;       /* NULL, or why the report's identities fail (shown in the tooltip) */
} GkSeriesPoint;

/* One agency's line. */
typedef struct
{
  char   *key;     /* stable agency key, never shown */
  char   *label;   /* the agency's name, shown in the legend and tooltips */
  GArray *points;  /* of GkSeriesPoint, sorted by year, at most one per year */
} GkSeries;

/* One metric for several agencies: everything one chart shows. */
typedef struct
{
  char      *metric_key;  /* which figure, e.g. "t3.received" */
  char      *title;       /* chart title, e.g. "收到申请数" */
  char      *y_label;     /* y-axis label without the unit, e.g. "申请数"; may be NULL */
  char      *unit;        /* "件", "万元", "%"; may be NULL */
  GPtrArray *series;      /* of GkSeries, in legend order; owned */

  /*< private >*/
  gatomicrefcount ref_count;
} GkSeriesSet;

#define GK_TYPE_SERIES_SET (gk_series_set_get_type ())

GType                gk_series_set_get_type        (void) G_GNUC_CONST;

GkSeriesSet         *gk_series_set_new             (const char        *metric_key,
                                                    const char        *title,
                                                    const char        *y_label,
                                                    const char        *unit);
GkSeriesSet         *gk_series_set_ref             (GkSeriesSet       *set);
void                 gk_series_set_unref           (GkSeriesSet       *set);
GkSeries            *gk_series_set_add_series      (GkSeriesSet       *set,
                                                    const char        *key,
                                                    const char        *label);
guint                gk_series_set_get_n_series    (const GkSeriesSet *set);
GkSeries            *gk_series_set_get_series      (const GkSeriesSet *set,
                                                    guint              index);
GkSeries            *gk_series_set_find_series     (const GkSeriesSet *set,
                                                    const char        *key);
const GkSeriesPoint *gk_series_set_get_point       (const GkSeriesSet *set,
                                                    guint              series_index,
                                                    guint              point_index);
gboolean             gk_series_set_get_year_range  (const GkSeriesSet *set,
                                                    gboolean           include_gaps,
                                                    int               *first_year,
                                                    int               *last_year);
gboolean             gk_series_set_get_value_range (const GkSeriesSet *set,
                                                    double            *min,
                                                    double            *max);
gboolean             gk_series_set_is_empty        (const GkSeriesSet *set);
gboolean             gk_series_set_has_problems    (const GkSeriesSet *set);

GkSeries            *gk_series_new                 (const char        *key,
                                                    const char        *label);
void                 gk_series_free                (GkSeries          *series);
GkSeriesPoint       *gk_series_add_point           (GkSeries          *series,
                                                    int                year,
                                                    double             value,
                                                    gint64             report_id,
                                                    const char        *report_label,
                                                    const char        *problem);
guint                gk_series_get_n_points        (const GkSeries    *series);
const GkSeriesPoint *gk_series_get_point           (const GkSeries    *series,
                                                    guint              index);
int                  gk_series_find_year           (const GkSeries    *series,
                                                    int                year);
gboolean             gk_series_get_value_range     (const GkSeries    *series,
                                                    double            *min,
                                                    double            *max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSeriesSet, gk_series_set_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSeries, gk_series_free)

G_END_DECLS
