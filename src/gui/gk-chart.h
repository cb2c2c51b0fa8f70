/* gk-chart.h — a trends chart widget: one figure, per agency, over the years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-chart-render.h"
#include "gk-series.h"

G_BEGIN_DECLS

#define GK_TYPE_CHART (gk_chart_get_type ())

G_DECLARE_FINAL_TYPE (GkChart, gk_chart, GK, CHART, GtkWidget)

GtkWidget         *gk_chart_new             (void);
void               gk_chart_set_series_set  (GkChart        *self,
                                             GkSeriesSet    *set);
GkSeriesSet       *gk_chart_get_series_set  (GkChart        *self);
void               gk_chart_set_kind        (GkChart        *self,
                                             GkChartKind     kind);
GkChartKind        gk_chart_get_kind        (GkChart        *self);
void               gk_chart_set_highlight   (GkChart        *self,
                                             int             series,
                                             int             point);
gboolean           gk_chart_get_highlight   (GkChart        *self,
                                             guint          *series,
                                             guint          *point);
gboolean           gk_chart_activate_highlight (GkChart     *self);
const GkChartHits *gk_chart_get_hits        (GkChart        *self);
gboolean           gk_chart_export_to_file  (GkChart        *self,
                                             GkChartFormat   format,
                                             int             width,
                                             int             height,
                                             const char     *path,
                                             GError        **error);

G_END_DECLS
