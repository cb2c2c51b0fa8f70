/* gk-chart-render.c — draws a trends chart with cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "gk-chart-render.h"
#include "gk-scale.h"

G_DEFINE_ENUM_TYPE (GkChartKind, gk_chart_kind,
  G_DEFINE_ENUM_VALUE (GK_CHART_KIND_LINE, "line"),
  G_DEFINE_ENUM_VALUE (GK_CHART_KIND_BAR, "bar"))

/* Largest export side: cairo image surfaces stop at 32767, and anything
 * near that is a mistake. */
#define MAX_EXPORT_SIDE 16384

#define LINE_WIDTH 2.0
#define MARKER_RADIUS 4.0

/* The GNOME palette (HIG), saturated shades first, then darker ones.
 * Yellow is its darkest shade: the light ones vanish on white. */
static const char * const palette_colors[GK_CHART_PALETTE_SIZE] = {
  "#3584e4", "#33d17a", "#ff7800", "#9141ac", "#e01b24",
  "#986a44", "#e5a50a", "#2190a4", "#1a5fb4", "#26a269",
  "#c64600", "#613583", "#a51d2d", "#63452c", "#c061cb",
  "#62a0ea", "#5e5c64", "#f66151", "#b5835a", "#0f6b7a",
};

/* Each round through the palette gets its own dash pattern. */
static const double dash_long[] = { 6, 3 };
static const double dash_dots[] = { 2, 3 };
static const double dash_mixed[] = { 8, 3, 2, 3 };
static const struct
{
  const double *dashes;
  int           n_dashes;
} dash_patterns[] = {
  { NULL, 0 },
  { dash_long, G_N_ELEMENTS (dash_long) },
  { dash_dots, G_N_ELEMENTS (dash_dots) },
  { dash_mixed, G_N_ELEMENTS (dash_mixed) },
};

struct _GkChartHits
{
  GArray          *hits;  /* of GkChartHit */
  graphene_rect_t  plot;
};

/* What every drawing step needs. */
typedef struct
{
  cairo_t              *cr;
  const GkChartStyle   *style;
  PangoContext         *context;
  PangoFontDescription *body;
  PangoFontDescription *title;
  double                line_height;  /* of one line of body text */
  double                em;           /* the body font size, in pixels */
} Painter;

/* Hits ----------------------------------------------------------------- */

GkChartHits *
gk_chart_hits_new (void)
{
  GkChartHits *hits = g_new0 (GkChartHits, 1);

  hits->hits = g_array_new (FALSE, TRUE, sizeof (GkChartHit));
  return hits;
}

void
gk_chart_hits_free (GkChartHits *hits)
{
  if (hits == NULL)
    return;
  g_array_unref (hits->hits);
  g_free (hits);
}

void
gk_chart_hits_clear (GkChartHits *hits)
{
  g_return_if_fail (hits != NULL);

  g_array_set_size (hits->hits, 0);
  hits->plot = GRAPHENE_RECT_INIT (0, 0, 0, 0);
}

guint
gk_chart_hits_get_n_hits (const GkChartHits *hits)
{
  g_return_val_if_fail (hits != NULL, 0);

  return hits->hits->len;
}

const GkChartHit *
gk_chart_hits_get_hit (const GkChartHits *hits,
                       guint              index)
{
  g_return_val_if_fail (hits != NULL, NULL);
  g_return_val_if_fail (index < hits->hits->len, NULL);

  return &g_array_index (hits->hits, GkChartHit, index);
}

/**
 * gk_chart_hits_find:
 * @hits: hits of the last render
 * @series: a series index
 * @point: a point index of that series
 *
 * Returns: (nullable): where that point was drawn, or NULL if it was not
 *   (a gap, or no such point)
 */
const GkChartHit *
gk_chart_hits_find (const GkChartHits *hits,
                    guint              series,
                    guint              point)
{
  g_return_val_if_fail (hits != NULL, NULL);

  for (guint i = 0; i < hits->hits->len; i++)
    {
      const GkChartHit *hit = &g_array_index (hits->hits, GkChartHit, i);

      if (hit->series == series && hit->point == point)
        return hit;
    }
  return NULL;
}

static double
hit_distance (const GkChartHit *hit,
              double            x,
              double            y)
{
  if (hit->bar_width > 0)
    {
      /* Distance to the bar, 0 inside it. */
      double dx = MAX (MAX (hit->bar_x - x, 0), x - (hit->bar_x + hit->bar_width));
      double dy = MAX (MAX (hit->bar_y - y, 0), y - (hit->bar_y + hit->bar_height));
      return hypot (dx, dy);
    }
  return MAX (hypot (hit->x - x, hit->y - y) - hit->radius, 0);
}

/**
 * gk_chart_hits_lookup:
 * @hits: hits of the last render
 * @x: a position in the chart's coordinates
 * @y: a position in the chart's coordinates
 * @max_distance: how far from a marker's edge or a bar a position still
 *   counts, in pixels
 *
 * When several points are near, the closest wins; when a position lies
 * inside several (overlapping markers), the one drawn last, which is on top.
 *
 * Returns: (nullable): the point under or nearest to (@x, @y), or NULL
 */
const GkChartHit *
gk_chart_hits_lookup (const GkChartHits *hits,
                      double             x,
                      double             y,
                      double             max_distance)
{
  const GkChartHit *best = NULL;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (hits != NULL, NULL);

  for (guint i = 0; i < hits->hits->len; i++)
    {
      const GkChartHit *hit = &g_array_index (hits->hits, GkChartHit, i);
      double distance = hit_distance (hit, x, y);

      if (distance <= max_distance && distance <= best_distance)
        {
          best = hit;
          best_distance = distance;
        }
    }
  return best;
}

/**
 * gk_chart_hits_get_plot_area:
 * @hits: hits of the last render
 * @area: (out): the rectangle the data was drawn in
 */
void
gk_chart_hits_get_plot_area (const GkChartHits *hits,
                             graphene_rect_t   *area)
{
  g_return_if_fail (hits != NULL);
  g_return_if_fail (area != NULL);

  *area = hits->plot;
}

static void
hits_add (GkChartHits      *hits,
          const GkChartHit *hit)
{
  if (hits != NULL)
    g_array_append_vals (hits->hits, hit, 1);
}

/* Style ---------------------------------------------------------------- */

/**
 * gk_chart_style_init:
 * @style: (out caller-allocates): a style to fill
 *
 * The light look used for export, whatever the desktop's theme: dark text
 * on white, the GNOME palette, a line chart, nothing highlighted. Free what
 * it holds with gk_chart_style_clear().
 */
void
gk_chart_style_init (GkChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->kind = GK_CHART_KIND_LINE;
  gdk_rgba_parse (&style->foreground, "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&style->background, "#ffffff");
  gdk_rgba_parse (&style->grid, "rgba(0,0,0,0.1)");
  gdk_rgba_parse (&style->problem, "#c01c28");
  for (guint i = 0; i < GK_CHART_PALETTE_SIZE; i++)
    gdk_rgba_parse (&style->palette[i], palette_colors[i]);
  style->font = pango_font_description_from_string ("Sans 10");
  style->highlight_series = -1;
  style->highlight_point = -1;
}

void
gk_chart_style_clear (GkChartStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font, pango_font_description_free);
}

/**
 * gk_chart_style_get_series_color:
 * @style: a style
 * @series: a series index
 * @color: (out): the colour that series is drawn in
 */
void
gk_chart_style_get_series_color (const GkChartStyle *style,
                                 guint               series,
                                 GdkRGBA            *color)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (color != NULL);

  *color = style->palette[series % GK_CHART_PALETTE_SIZE];
}

static guint
series_round (guint series)
{
  return (series / GK_CHART_PALETTE_SIZE) % G_N_ELEMENTS (dash_patterns);
}

/* Painter -------------------------------------------------------------- */

static double
font_pixels (const PangoFontDescription *font)
{
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  if (size <= 0)
    return 13.0;
  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

static void
painter_init (Painter            *painter,
              cairo_t            *cr,
              const GkChartStyle *style)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(PangoLayout) probe = NULL;
  PangoRectangle logical;

  painter->cr = cr;
  painter->style = style;
  painter->context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (painter->context, 96);
  /* Unhinted metrics lay text out alike on screen, PNG, SVG and PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (painter->context, options);
  cairo_font_options_destroy (options);
  /* Han characters take their Simplified Chinese shapes (Noto Sans CJK SC),
   * whatever the user's locale. */
  pango_context_set_language (painter->context, pango_language_from_string ("zh-cn"));

  painter->body = style->font != NULL ? pango_font_description_copy (style->font)
                                      : pango_font_description_from_string ("Sans 10");
  if (pango_font_description_get_size (painter->body) <= 0)
    pango_font_description_set_size (painter->body, 10 * PANGO_SCALE);
  painter->em = font_pixels (painter->body);
  painter->title = pango_font_description_copy (painter->body);
  pango_font_description_set_weight (painter->title, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (painter->title, painter->em * 1.3 * PANGO_SCALE);

  probe = pango_layout_new (painter->context);
  pango_layout_set_font_description (probe, painter->body);
  pango_layout_set_text (probe, "0年", -1);
  pango_layout_get_pixel_extents (probe, NULL, &logical);
  painter->line_height = logical.height;
}

static void
painter_clear (Painter *painter)
{
  g_clear_object (&painter->context);
  g_clear_pointer (&painter->body, pango_font_description_free);
  g_clear_pointer (&painter->title, pango_font_description_free);
}

/* A one-line layout; ellipsized at @max_width pixels if that is > 0. */
static PangoLayout *
painter_layout (Painter                    *painter,
                const char                 *text,
                const PangoFontDescription *font,
                double                      max_width)
{
  PangoLayout *layout = pango_layout_new (painter->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width;
  if (height != NULL)
    *height = logical.height;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Draws @layout with its top-left corner at (@x, @y). */
static void
draw_layout (Painter       *painter,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color,
             double         alpha)
{
  cairo_move_to (painter->cr, x, y);
  set_color (painter->cr, color, alpha);
  pango_cairo_show_layout (painter->cr, layout);
}

/* Marks ---------------------------------------------------------------- */

/* A warning triangle whose base centre is at (@x, @y), pointing up. */
static void
draw_problem_mark (Painter *painter,
                   double   x,
                   double   y,
                   double   size)
{
  cairo_t *cr = painter->cr;
  double half = size * 0.58;

  cairo_new_path (cr);
  cairo_move_to (cr, x, y - size);
  cairo_line_to (cr, x + half, y);
  cairo_line_to (cr, x - half, y);
  cairo_close_path (cr);
  set_color (cr, &painter->style->problem, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_color (cr, &painter->style->background, painter->style->background.alpha > 0 ? 1 : 0);
  cairo_stroke (cr);

  /* The "!" inside, in the background colour. */
  set_color (cr, &painter->style->background, 1);
  cairo_set_line_width (cr, MAX (1, size * 0.14));
  cairo_move_to (cr, x, y - size * 0.68);
  cairo_line_to (cr, x, y - size * 0.36);
  cairo_stroke (cr);
  cairo_arc (cr, x, y - size * 0.18, MAX (0.5, size * 0.07), 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_marker (Painter       *painter,
             double         x,
             double         y,
             double         radius,
             const GdkRGBA *color)
{
  cairo_t *cr = painter->cr;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  set_color (cr, color, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  set_color (cr, &painter->style->background, painter->style->background.alpha > 0 ? 1 : 0);
  cairo_stroke (cr);
}

/* The chart -------------------------------------------------------------- */

/* Everything the drawing steps share about the plot. */
typedef struct
{
  double       left, top, right, bottom;
  GkScaleTicks ticks;
  int          first_year;
  int          last_year;
  double       slot;        /* width of one year */
  double       zero_y;      /* where value 0 is, clamped into the plot */
} Plot;

static double
plot_x (const Plot *plot,
        int         year)
{
  return plot->left + (year - plot->first_year + 0.5) * plot->slot;
}

static double
plot_y (const Plot *plot,
        double      value)
{
  return gk_scale_ticks_map (&plot->ticks, value, plot->bottom, plot->top);
}

static void
set_series_line (Painter *painter,
                 guint    series)
{
  guint round = series_round (series);
  GdkRGBA color;

  gk_chart_style_get_series_color (painter->style, series, &color);
  set_color (painter->cr, &color, 1);
  cairo_set_line_width (painter->cr, LINE_WIDTH);
  cairo_set_line_join (painter->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (painter->cr, round == 0 ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (painter->cr, dash_patterns[round].dashes, dash_patterns[round].n_dashes, 0);
}

/* Bars of later rounds through the palette are pale with an outline. */
static void
fill_bar (Painter *painter,
          guint    series,
          double   x,
          double   y,
          double   width,
          double   height)
{
  cairo_t *cr = painter->cr;
  GdkRGBA color;

  gk_chart_style_get_series_color (painter->style, series, &color);
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, width, height);
  if (series_round (series) == 0)
    {
      set_color (cr, &color, 1);
      cairo_fill (cr);
      return;
    }
  set_color (cr, &color, 0.35);
  cairo_fill_preserve (cr);
  set_color (cr, &color, 1);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

static void
draw_series_swatch (Painter *painter,
                    guint    series,
                    double   x,
                    double   y,
                    double   width,
                    double   height)
{
  cairo_t *cr = painter->cr;
  double middle = round (y + height / 2) + 0.5;
  GdkRGBA color;

  if (painter->style->kind == GK_CHART_KIND_BAR)
    {
      double side = MIN (width, height) * 0.75;
      fill_bar (painter, series, x + (width - side) / 2, y + (height - side) / 2, side, side);
      return;
    }

  gk_chart_style_get_series_color (painter->style, series, &color);
  cairo_new_path (cr);
  cairo_move_to (cr, x + 1, middle);
  cairo_line_to (cr, x + width - 1, middle);
  set_series_line (painter, series);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_marker (painter, x + width / 2, middle, MARKER_RADIUS, &color);
}

/* Legend --------------------------------------------------------------- */

typedef struct
{
  PangoLayout *layout;
  guint        series;
  double       x;
  double       y;
  double       width;   /* swatch and label */
} LegendEntry;

typedef struct
{
  GArray      *entries;   /* of LegendEntry */
  PangoLayout *more;      /* "+N" for series that did not fit, or NULL */
  double       more_x;
  double       more_y;
  double       height;
  double       swatch_width;
} Legend;

static void
legend_clear (Legend *legend)
{
  for (guint i = 0; legend->entries != NULL && i < legend->entries->len; i++)
    g_object_unref (g_array_index (legend->entries, LegendEntry, i).layout);
  g_clear_pointer (&legend->entries, g_array_unref);
  g_clear_object (&legend->more);
}

/* Lays the legend out in rows of at most @width, at most @max_height tall;
 * series that do not fit are counted in a "+N" at the end. Positions are
 * relative to the legend's top-left corner. */
static void
legend_layout (Painter           *painter,
               const GkSeriesSet *set,
               double             width,
               double             max_height,
               Legend            *legend)
{
  double row_gap = painter->em * 0.35;
  double row_step = painter->line_height + row_gap;
  double entry_gap = painter->em * 1.2;
  double label_gap = painter->em * 0.4;
  double max_label = MIN (painter->em * 18, width * 0.45);
  guint max_rows = MAX (1, (guint) floor ((max_height + row_gap) / row_step));
  guint n_series = gk_series_set_get_n_series (set);
  guint row = 0;
  double x = 0;

  memset (legend, 0, sizeof *legend);
  legend->entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  legend->swatch_width = painter->style->kind == GK_CHART_KIND_BAR ? painter->em : painter->em * 2;
  if (n_series == 0 || width <= 0)
    return;

  /* Fill rows greedily, then cut at the last row that fits. */
  for (guint i = 0; i < n_series; i++)
    {
      const GkSeries *series = gk_series_set_get_series (set, i);
      LegendEntry entry = { NULL, i };
      double label_width;

      entry.layout = painter_layout (painter, series->label, painter->body, max_label);
      layout_size (entry.layout, &label_width, NULL);
      entry.width = legend->swatch_width + label_gap + label_width;
      if (x > 0 && x + entry.width > width)
        {
          row++;
          x = 0;
        }
      entry.x = x;
      entry.y = row * row_step;
      g_array_append_val (legend->entries, entry);
      x += entry.width + entry_gap;
    }

  if (row >= max_rows)
    {
      g_autofree char *text = NULL;
      double more_width;
      guint kept = 0;

      while (kept < legend->entries->len
             && g_array_index (legend->entries, LegendEntry, kept).y < max_rows * row_step - row_gap)
        kept++;
      /* Make room for "+N" on the last row; N never needs more than "+999". */
      legend->more = painter_layout (painter, "+999", painter->body, -1);
      layout_size (legend->more, &more_width, NULL);
      while (kept > 1)
        {
          const LegendEntry *last = &g_array_index (legend->entries, LegendEntry, kept - 1);

          if (last->x + last->width + entry_gap + more_width <= width)
            break;
          kept--;
        }
      for (guint i = kept; i < legend->entries->len; i++)
        g_object_unref (g_array_index (legend->entries, LegendEntry, i).layout);
      g_array_set_size (legend->entries, kept);

      text = g_strdup_printf ("+%u", n_series - kept);
      pango_layout_set_text (legend->more, text, -1);
      {
        const LegendEntry *last = &g_array_index (legend->entries, LegendEntry, kept - 1);

        legend->more_x = last->x + last->width + entry_gap;
        legend->more_y = last->y;
        /* A single entry wider than the row: "+N" goes below it. */
        if (legend->more_x + more_width > width)
          {
            legend->more_x = 0;
            legend->more_y = last->y + row_step;
          }
      }
      row = (guint) round (legend->more_y / row_step);
    }

  legend->height = (row + 1) * painter->line_height + row * row_gap;
}

static void
legend_draw (Painter      *painter,
             const Legend *legend,
             double        left,
             double        top)
{
  const GkChartStyle *style = painter->style;
  double label_gap = painter->em * 0.4;

  for (guint i = 0; i < legend->entries->len; i++)
    {
      const LegendEntry *entry = &g_array_index (legend->entries, LegendEntry, i);

      draw_series_swatch (painter, entry->series, left + entry->x, top + entry->y,
                          legend->swatch_width, painter->line_height);
      draw_layout (painter, entry->layout, left + entry->x + legend->swatch_width + label_gap,
                   top + entry->y, &style->foreground, 1);
    }
  if (legend->more != NULL)
    draw_layout (painter, legend->more, left + legend->more_x, top + legend->more_y,
                 &style->foreground, 0.7);
}

static char *
axis_label_text (const GkSeriesSet *set)
{
  gboolean has_label = set->y_label != NULL && *set->y_label != '\0';
  gboolean has_unit = set->unit != NULL && *set->unit != '\0';

  if (has_label && has_unit)
    /* Translators: the y axis label and its unit, e.g. "申请数 (件)" */
    return g_strdup_printf (C_("chart axis", "%s (%s)"), set->y_label, set->unit);
  if (has_label)
    return g_strdup (set->y_label);
  if (has_unit)
    return g_strdup (set->unit);
  return NULL;
}

static void
draw_grid (Painter    *painter,
           const Plot *plot,
           GPtrArray  *tick_layouts)
{
  cairo_t *cr = painter->cr;
  const GkChartStyle *style = painter->style;

  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < plot->ticks.n_ticks; i++)
    {
      double y = round (plot_y (plot, gk_scale_ticks_value (&plot->ticks, i))) + 0.5;
      PangoLayout *layout = g_ptr_array_index (tick_layouts, i);
      double label_width, label_height;

      cairo_new_path (cr);
      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->right, y);
      set_color (cr, &style->grid, 1);
      cairo_stroke (cr);

      layout_size (layout, &label_width, &label_height);
      draw_layout (painter, layout, plot->left - painter->em * 0.5 - label_width, y - label_height / 2,
                   &style->foreground, 0.7);
    }

  /* The baseline bars grow from, and the x axis. */
  cairo_new_path (cr);
  cairo_move_to (cr, plot->left, round (plot->zero_y) + 0.5);
  cairo_line_to (cr, plot->right, round (plot->zero_y) + 0.5);
  set_color (cr, &style->foreground, 0.45);
  cairo_stroke (cr);
}

static void
draw_years (Painter    *painter,
            const Plot *plot)
{
  cairo_t *cr = painter->cr;
  const GkChartStyle *style = painter->style;
  g_autoptr(PangoLayout) widest = painter_layout (painter, "2000", painter->body, -1);
  double widest_width;
  guint step;

  layout_size (widest, &widest_width, NULL);
  step = gk_scale_year_step (plot->last_year - plot->first_year + 1, plot->slot, widest_width);

  for (int year = plot->first_year; year <= plot->last_year; year++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *text = NULL;
      double x = round (plot_x (plot, year)) + 0.5;
      double width;

      if (!gk_scale_year_is_labelled (year, step))
        continue;

      cairo_new_path (cr);
      cairo_move_to (cr, x, plot->bottom);
      cairo_line_to (cr, x, plot->bottom + painter->em * 0.3);
      set_color (cr, &style->foreground, 0.45);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      text = g_strdup_printf ("%d", year);
      layout = painter_layout (painter, text, painter->body, -1);
      layout_size (layout, &width, NULL);
      draw_layout (painter, layout, x - width / 2, plot->bottom + painter->em * 0.4,
                   &style->foreground, 0.7);
    }
}

static void
draw_lines (Painter           *painter,
            const Plot        *plot,
            const GkSeriesSet *set,
            GkChartHits       *hits)
{
  cairo_t *cr = painter->cr;
  guint n_series = gk_series_set_get_n_series (set);

  /* Lines first, so every marker sits on top of every line. A segment joins
   * only neighbouring years that both have a value: a gap breaks the line. */
  for (guint s = 0; s < n_series; s++)
    {
      const GkSeries *series = gk_series_set_get_series (set, s);
      const GkSeriesPoint *previous = NULL;

      cairo_new_path (cr);
      for (guint i = 0; i < series->points->len; i++)
        {
          const GkSeriesPoint *point = gk_series_get_point (series, i);
          double x, y;

          if (!isfinite (point->value))
            {
              previous = NULL;
              continue;
            }
          x = plot_x (plot, point->year);
          y = plot_y (plot, point->value);
          if (previous != NULL && previous->year == point->year - 1)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          previous = point;
        }
      set_series_line (painter, s);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint s = 0; s < n_series; s++)
    {
      const GkSeries *series = gk_series_set_get_series (set, s);
      GdkRGBA color;

      gk_chart_style_get_series_color (painter->style, s, &color);
      for (guint i = 0; i < series->points->len; i++)
        {
          const GkSeriesPoint *point = gk_series_get_point (series, i);
          GkChartHit hit = { s, i };

          if (!isfinite (point->value))
            continue;
          hit.x = plot_x (plot, point->year);
          hit.y = plot_y (plot, point->value);
          hit.radius = MARKER_RADIUS;
          draw_marker (painter, hit.x, hit.y, MARKER_RADIUS, &color);
          hits_add (hits, &hit);
        }
    }
}

static void
draw_bars (Painter           *painter,
           const Plot        *plot,
           const GkSeriesSet *set,
           GkChartHits       *hits)
{
  guint n_series = gk_series_set_get_n_series (set);
  double bar_width = MIN (plot->slot * 0.8 / MAX (n_series, 1), painter->em * 2.5);
  double group_width = bar_width * n_series;
  /* A hairline between touching bars keeps neighbours apart. */
  double gap = bar_width > 6 ? 1 : 0;

  for (guint s = 0; s < n_series; s++)
    {
      const GkSeries *series = gk_series_set_get_series (set, s);

      for (guint i = 0; i < series->points->len; i++)
        {
          const GkSeriesPoint *point = gk_series_get_point (series, i);
          GkChartHit hit = { s, i };
          double top;

          if (!isfinite (point->value))
            continue;
          top = plot_y (plot, point->value);
          hit.bar_x = plot_x (plot, point->year) - group_width / 2 + s * bar_width + gap / 2;
          hit.bar_width = MAX (bar_width - gap, 1);
          hit.bar_y = MIN (top, plot->zero_y);
          hit.bar_height = fabs (top - plot->zero_y);
          /* A zero is a sliver, never nothing: nothing means "no figure". */
          if (hit.bar_height < 2)
            {
              hit.bar_height = 2;
              hit.bar_y = point->value < 0 ? plot->zero_y : plot->zero_y - 2;
            }
          hit.x = hit.bar_x + hit.bar_width / 2;
          hit.y = point->value < 0 ? hit.bar_y + hit.bar_height : hit.bar_y;
          fill_bar (painter, s, hit.bar_x, hit.bar_y, hit.bar_width, hit.bar_height);
          hits_add (hits, &hit);
        }
    }
}

/* Marks points whose report fails its identities, over everything else. */
static void
draw_problems (Painter           *painter,
               const GkSeriesSet *set,
               const GArray      *drawn)
{
  double size = painter->em * 0.9;

  for (guint i = 0; i < drawn->len; i++)
    {
      const GkChartHit *hit = &g_array_index (drawn, GkChartHit, i);
      const GkSeriesPoint *point = gk_series_set_get_point (set, hit->series, hit->point);

      if (point == NULL || point->problem == NULL)
        continue;
      if (hit->bar_width > 0 && point->value < 0)
        draw_problem_mark (painter, hit->x, hit->y + size + 3, size);
      else
        draw_problem_mark (painter, hit->x, hit->y - hit->radius - 3, size);
    }
}

static void
draw_highlight (Painter      *painter,
                const GArray *drawn)
{
  const GkChartStyle *style = painter->style;
  cairo_t *cr = painter->cr;

  for (guint i = 0; i < drawn->len; i++)
    {
      const GkChartHit *hit = &g_array_index (drawn, GkChartHit, i);
      GdkRGBA color;

      if ((int) hit->series != style->highlight_series || (int) hit->point != style->highlight_point)
        continue;

      gk_chart_style_get_series_color (style, hit->series, &color);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_new_path (cr);
      if (hit->bar_width > 0)
        {
          cairo_rectangle (cr, hit->bar_x - 1, hit->bar_y - 1, hit->bar_width + 2, hit->bar_height + 2);
          set_color (cr, &style->foreground, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      else
        {
          draw_marker (painter, hit->x, hit->y, MARKER_RADIUS + 2, &color);
          cairo_new_path (cr);
          cairo_arc (cr, hit->x, hit->y, MARKER_RADIUS + 4.5, 0, 2 * G_PI);
          set_color (cr, &style->foreground, 1);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      return;
    }
}

/* A faint column behind the highlighted year, to read it off the axis. */
static void
draw_highlight_column (Painter           *painter,
                       const Plot        *plot,
                       const GkSeriesSet *set)
{
  const GkChartStyle *style = painter->style;
  const GkSeriesPoint *point;

  if (style->highlight_series < 0 || style->highlight_point < 0)
    return;
  point = gk_series_set_get_point (set, style->highlight_series, style->highlight_point);
  if (point == NULL || !isfinite (point->value))
    return;

  cairo_new_path (painter->cr);
  cairo_rectangle (painter->cr, plot_x (plot, point->year) - plot->slot / 2, plot->top,
                   plot->slot, plot->bottom - plot->top);
  set_color (painter->cr, &style->grid, 0.45);
  cairo_fill (painter->cr);
}

static void
draw_empty (Painter *painter,
            double   top,
            int      width,
            int      height)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (painter->body);
  g_autoptr(PangoLayout) layout = NULL;
  double text_width, text_height;

  pango_font_description_set_absolute_size (font, painter->em * 1.4 * PANGO_SCALE);
  layout = painter_layout (painter, _("No data"), font, width - 2 * painter->em);
  layout_size (layout, &text_width, &text_height);
  draw_layout (painter, layout, (width - text_width) / 2, top + (height - top - text_height) / 2,
               &painter->style->foreground, 0.55);
}

/**
 * gk_chart_render:
 * @cr: where to draw, with (0, 0) at the chart's top-left corner
 * @width: the chart's width in user units (pixels)
 * @height: the chart's height
 * @set: (nullable): the data; NULL or a set without values draws "No data"
 * @style: how to draw
 * @hits_out: (nullable): cleared, then filled with where each point was drawn
 *
 * Draws title, y axis label with unit, gridlines with tick labels, the
 * years, each series as a line with markers or as grouped bars, a warning
 * mark on points whose report fails its identities, and a legend. Years
 * without a value are gaps, never 0. The same call serves the widget and
 * every export format.
 */
void
gk_chart_render (cairo_t            *cr,
                 int                 width,
                 int                 height,
                 const GkSeriesSet  *set,
                 const GkChartStyle *style,
                 GkChartHits        *hits_out)
{
  Painter painter;
  Plot plot = { 0 };
  Legend legend = { 0 };
  g_autoptr(GPtrArray) tick_layouts = NULL;
  g_autoptr(GArray) drawn = NULL;
  g_autoptr(GkChartHits) own_hits = NULL;
  g_autofree char *axis_label = NULL;
  double pad, top, legend_top, widest_tick = 0;
  double lo, hi;
  guint max_ticks;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  if (hits_out != NULL)
    gk_chart_hits_clear (hits_out);
  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  painter_init (&painter, cr, style);
  pad = round (painter.em);

  if (style->background.alpha > 0)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      set_color (cr, &style->background, 1);
      cairo_fill (cr);
    }

  top = pad;
  if (set != NULL && set->title != NULL && *set->title != '\0')
    {
      g_autoptr(PangoLayout) layout = painter_layout (&painter, set->title, painter.title, width - 2 * pad);
      double title_height;

      layout_size (layout, NULL, &title_height);
      draw_layout (&painter, layout, pad, top, &style->foreground, 1);
      top += title_height + pad * 0.3;
    }

  if (gk_series_set_is_empty (set))
    {
      draw_empty (&painter, top, width, height);
      goto out;
    }

  /* The axis label, and on its right the key to the warning mark. */
  axis_label = axis_label_text (set);
  if (axis_label != NULL || gk_series_set_has_problems (set))
    {
      double note_width = 0;

      if (gk_series_set_has_problems (set))
        {
          double mark = painter.em * 0.8;
          g_autoptr(PangoLayout) note = painter_layout (&painter, _("Report fails checks"),
                                                        painter.body, width * 0.45);

          layout_size (note, &note_width, NULL);
          draw_layout (&painter, note, width - pad - note_width, top, &style->foreground, 0.7);
          note_width += mark * 1.6;
          draw_problem_mark (&painter, width - pad - note_width + mark * 0.6,
                             top + painter.line_height / 2 + mark / 2, mark);
        }
      if (axis_label != NULL)
        {
          g_autoptr(PangoLayout) layout = painter_layout (&painter, axis_label, painter.body,
                                                          width - 2 * pad - note_width - pad);
          draw_layout (&painter, layout, pad, top, &style->foreground, 0.7);
        }
      top += painter.line_height + pad * 0.6;
    }

  legend_layout (&painter, set, width - 2 * pad, (height - top) * 0.3, &legend);
  legend_top = height - pad - legend.height;

  /* Half a line above the top gridline for its label. */
  plot.top = top + painter.line_height / 2;
  plot.bottom = legend_top - pad - painter.line_height - painter.em * 0.4;
  plot.bottom = MAX (plot.bottom, plot.top + 1);

  gk_series_set_get_value_range (set, &lo, &hi);
  max_ticks = CLAMP ((guint) ((plot.bottom - plot.top) / (painter.line_height * 2)) + 1, 2, 11);
  gk_scale_linear_ticks (lo, hi, max_ticks, GK_SCALE_INCLUDE_ZERO, &plot.ticks);

  tick_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < plot.ticks.n_ticks; i++)
    {
      g_autofree char *text = gk_scale_ticks_format (&plot.ticks, i, GK_SCALE_FORMAT_THOUSANDS);
      PangoLayout *layout = painter_layout (&painter, text, painter.body, -1);
      double tick_width;

      layout_size (layout, &tick_width, NULL);
      widest_tick = MAX (widest_tick, tick_width);
      g_ptr_array_add (tick_layouts, layout);
    }

  plot.left = pad + widest_tick + painter.em * 0.5;
  plot.right = MAX (width - pad, plot.left + 1);
  gk_series_set_get_year_range (set, TRUE, &plot.first_year, &plot.last_year);
  plot.slot = (plot.right - plot.left) / (plot.last_year - plot.first_year + 1);
  plot.zero_y = CLAMP (plot_y (&plot, 0), plot.top, plot.bottom);
  if (hits_out != NULL)
    hits_out->plot = GRAPHENE_RECT_INIT (plot.left, plot.top, plot.right - plot.left, plot.bottom - plot.top);

  draw_highlight_column (&painter, &plot, set);
  draw_grid (&painter, &plot, tick_layouts);
  draw_years (&painter, &plot);

  /* Marks and highlights need the positions even when the caller does not. */
  if (hits_out == NULL)
    own_hits = gk_chart_hits_new ();
  if (style->kind == GK_CHART_KIND_BAR)
    draw_bars (&painter, &plot, set, hits_out != NULL ? hits_out : own_hits);
  else
    draw_lines (&painter, &plot, set, hits_out != NULL ? hits_out : own_hits);
  drawn = g_array_ref ((hits_out != NULL ? hits_out : own_hits)->hits);

  draw_highlight (&painter, drawn);
  draw_problems (&painter, set, drawn);
  legend_draw (&painter, &legend, pad, legend_top);

out:
  legend_clear (&legend);
  painter_clear (&painter);
  cairo_restore (cr);
}

/* Export --------------------------------------------------------------- */

static cairo_status_t
write_to_byte_array (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* "平潭综合实验区: 2019 23 件; 2020 —; …", one series a line. */
static char *
describe_values (const GkSeriesSet *set)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < gk_series_set_get_n_series (set); s++)
    {
      const GkSeries *series = gk_series_set_get_series (set, s);

      g_string_append_printf (text, "%s:", series->label);
      for (guint i = 0; i < series->points->len; i++)
        {
          const GkSeriesPoint *point = gk_series_get_point (series, i);
          g_autofree char *value = gk_scale_format_value (point->value, GK_SCALE_DECIMALS_AUTO,
                                                          GK_SCALE_FORMAT_NONE);

          g_string_append_printf (text, "%s %d %s", i > 0 ? ";" : "", point->year, value);
          if (isfinite (point->value) && set->unit != NULL && *set->unit != '\0')
            g_string_append_printf (text, " %s", set->unit);
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static char *
describe_title (const GkSeriesSet *set)
{
  const char *title = set != NULL && set->title != NULL ? set->title : "";

  if (set != NULL && set->metric_key != NULL && *set->metric_key != '\0')
    return g_strdup_printf ("%s (%s)", title, set->metric_key);
  return g_strdup (title);
}

/* cairo writes text as glyph outlines, which neither screen readers nor
 * search see: put the title and the values in as text. */
static GBytes *
svg_add_description (GByteArray        *svg,
                     const GkSeriesSet *set,
                     GError           **error)
{
  g_autofree char *title = describe_title (set);
  g_autofree char *values = set != NULL ? describe_values (set) : g_strdup ("");
  g_autofree char *title_escaped = g_markup_escape_text (title, -1);
  g_autofree char *values_escaped = g_markup_escape_text (values, -1);
  g_autofree char *insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title_escaped,
                                             values_escaped);
  const char *root = g_strstr_len ((const char *) svg->data, svg->len, "<svg");
  const char *root_end = root != NULL ? memchr (root, '>', svg->len - (root - (const char *) svg->data))
                                      : NULL;
  gsize offset;
  g_autoptr(GByteArray) out = NULL;

  if (root_end == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo wrote no <svg> element");
      return NULL;
    }
  offset = root_end + 1 - (const char *) svg->data;
  out = g_byte_array_sized_new (svg->len + strlen (insert));
  g_byte_array_append (out, svg->data, offset);
  g_byte_array_append (out, (const guint8 *) insert, strlen (insert));
  g_byte_array_append (out, svg->data + offset, svg->len - offset);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * gk_chart_export_to_bytes:
 * @set: (nullable): the data
 * @style: how to draw; pass a gk_chart_style_init() style for the light look
 * @format: PNG, SVG or PDF
 * @width: in pixels (PDF: points), 1 … 16384
 * @height: in pixels (PDF: points), 1 … 16384
 * @error: a place for an error
 *
 * Draws the chart through gk_chart_render(). SVG output carries a <title>
 * and a <desc> with every series' values as text; PDF output carries the
 * title and subject as metadata.
 *
 * Returns: (transfer full): the file's bytes, or NULL and @error
 */
GBytes *
gk_chart_export_to_bytes (const GkSeriesSet  *set,
                          const GkChartStyle *style,
                          GkChartFormat       format,
                          int                 width,
                          int                 height,
                          GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (width < 1 || height < 1 || width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Chart size %d × %d is out of range (1 … %d)", width, height, MAX_EXPORT_SIDE);
      return NULL;
    }

  switch (format)
    {
    case GK_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case GK_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_byte_array, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case GK_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_byte_array, bytes, width, height);
      {
        g_autofree char *title = describe_title (set);
        g_autofree char *subject = set != NULL ? axis_label_text (set) : NULL;

        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
        if (subject != NULL)
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gongkai");
      }
      break;
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown chart format %d", format);
      return NULL;
    }

  /* Drawing on a surface in error is a no-op; the status tells at the end. */
  {
    cairo_t *cr = cairo_create (surface);

    gk_chart_render (cr, width, height, set, style, NULL);
    status = cairo_status (cr);
    cairo_destroy (cr);
  }
  if (status == CAIRO_STATUS_SUCCESS && format == GK_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_byte_array, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not draw the chart: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  if (format == GK_CHART_FORMAT_SVG)
    return svg_add_description (bytes, set, error);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * gk_chart_export:
 * @set: (nullable): the data
 * @style: how to draw; pass a gk_chart_style_init() style for the light look
 * @format: PNG, SVG or PDF
 * @width: in pixels (PDF: points)
 * @height: in pixels (PDF: points)
 * @path: the file to write, replaced atomically
 * @error: a place for an error
 *
 * Returns: whether the file was written
 */
gboolean
gk_chart_export (const GkSeriesSet  *set,
                 const GkChartStyle *style,
                 GkChartFormat       format,
                 int                 width,
                 int                 height,
                 const char         *path,
                 GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = gk_chart_export_to_bytes (set, style, format, width, height, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_file_set_contents (path, data, size, error);
}

/**
 * gk_chart_describe_point:
 * @set: the data
 * @series: a series index
 * @point: a point index of that series
 *
 * The tooltip text of a point: "<agency> · <year>: <exact value> <unit>",
 * then the report it came from, then why that report's identities fail.
 *
 * Returns: (transfer full) (nullable): the text, or NULL for no such point
 */
char *
gk_chart_describe_point (const GkSeriesSet *set,
                         guint              series,
                         guint              point)
{
  const GkSeriesPoint *data;
  g_autofree char *value = NULL;
  GString *text;

  g_return_val_if_fail (set != NULL, NULL);

  data = gk_series_set_get_point (set, series, point);
  if (data == NULL)
    return NULL;

  value = gk_scale_format_value (data->value, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_THOUSANDS);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s · %d: %s", gk_series_set_get_series (set, series)->label,
                          data->year, value);
  if (isfinite (data->value) && set->unit != NULL && *set->unit != '\0')
    g_string_append_printf (text, " %s", set->unit);
  if (data->report_label != NULL && *data->report_label != '\0')
    g_string_append_printf (text, "\n%s", data->report_label);
  if (data->problem != NULL)
    g_string_append_printf (text, "\n⚠ %s", data->problem);
  return g_string_free (text, FALSE);
}
