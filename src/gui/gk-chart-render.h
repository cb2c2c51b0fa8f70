/* gk-chart-render.h — draws a trends chart with cairo and Pango
 *
 * One function draws the chart on any cairo surface: the GkChart widget
 * calls it from its snapshot, and export calls it on an image, SVG or PDF
 * surface, so what is exported is what is seen. It needs no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <graphene.h>
#include <pango/pango.h>

#include "gk-series.h"

G_BEGIN_DECLS

typedef enum
{
  GK_CHART_KIND_LINE,  /* one line per agency, broken at gaps */
  GK_CHART_KIND_BAR,   /* grouped bars per year, one per agency */
} GkChartKind;

#define GK_TYPE_CHART_KIND (gk_chart_kind_get_type ())
GType gk_chart_kind_get_type (void) G_GNUC_CONST;

typedef enum
{
  GK_CHART_FORMAT_PNG,
  GK_CHART_FORMAT_SVG,
  GK_CHART_FORMAT_PDF,
} GkChartFormat;

/* Distinct colours before they repeat; the next round repeats them dashed
 * (lines) or pale with an outline (bars). */
#define GK_CHART_PALETTE_SIZE 20

/* How to draw. gk_chart_style_init() gives the light export look; the
 * widget overrides the colours from the theme. */
typedef struct
{
  GkChartKind           kind;
  GdkRGBA               foreground;  /* text and axes */
  GdkRGBA               background;  /* fills the chart; alpha 0 leaves the surface alone */
  GdkRGBA               grid;        /* gridlines */
  GdkRGBA               problem;     /* the mark on points whose report fails its identities */
  GdkRGBA               palette[GK_CHART_PALETTE_SIZE];
  PangoFontDescription *font;        /* owned; body text, the title is larger */
  int                   highlight_series;  /* -1 for none */
  int                   highlight_point;   /* index into that series' points */
} GkChartStyle;

/* Where a drawn point ended up, for hit-testing. Points with a NAN value
 * draw nothing and get no hit. */
typedef struct
{
  guint  series;       /* index into the set's series */
  guint  point;        /* index into that series' points */
  double x;            /* the marker's centre, or the middle of the bar's end */
  double y;
  double radius;       /* the marker's radius; 0 for bars */
  double bar_x;        /* the bar; all 0 for line charts */
  double bar_y;
  double bar_width;
  double bar_height;
} GkChartHit;

typedef struct _GkChartHits GkChartHits;

GkChartHits      *gk_chart_hits_new           (void);
void              gk_chart_hits_free          (GkChartHits        *hits);
void              gk_chart_hits_clear         (GkChartHits        *hits);
guint             gk_chart_hits_get_n_hits    (const GkChartHits  *hits);
const GkChartHit *gk_chart_hits_get_hit       (const GkChartHits  *hits,
                                               guint               index);
const GkChartHit *gk_chart_hits_find          (const GkChartHits  *hits,
                                               guint               series,
                                               guint               point);
const GkChartHit *gk_chart_hits_lookup        (const GkChartHits  *hits,
                                               double              x,
                                               double              y,
                                               double              max_distance);
void              gk_chart_hits_get_plot_area (const GkChartHits  *hits,
                                               graphene_rect_t    *area);

void              gk_chart_style_init         (GkChartStyle       *style);
void              gk_chart_style_clear        (GkChartStyle       *style);
void              gk_chart_style_get_series_color (const GkChartStyle *style,
                                                   guint               series,
                                                   GdkRGBA            *color);

void              gk_chart_render             (cairo_t            *cr,
                                               int                 width,
                                               int                 height,
                                               const GkSeriesSet  *set,
                                               const GkChartStyle *style,
                                               GkChartHits        *hits_out);
GBytes           *gk_chart_export_to_bytes    (const GkSeriesSet  *set,
                                               const GkChartStyle *style,
                                               GkChartFormat       format,
                                               int                 width,
                                               int                 height,
                                               GError            **error);
gboolean          gk_chart_export             (const GkSeriesSet  *set,
                                               const GkChartStyle *style,
                                               GkChartFormat       format,
                                               int                 width,
                                               int                 height,
                                               const char         *path,
                                               GError            **error);
char             *gk_chart_describe_point     (const GkSeriesSet  *set,
                                               guint               series,
                                               guint               point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkChartHits, gk_chart_hits_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GkChartStyle, gk_chart_style_clear)

G_END_DECLS
