/* gk-chart.c — a trends chart widget: one figure, per agency, over the years
 *
 * Draws through gk_chart_render() with the theme's colours, highlights the
 * point nearest the pointer, explains it in a tooltip, and emits
 * "point-activated" when a point is clicked or Enter is pressed on it.
 * Everything works from the keyboard: Left/Right walk along a series,
 * Up/Down switch series, Home/End jump to its ends, Enter opens the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-chart.h"

/* How far from a marker or bar, in pixels, the pointer still picks it. */
#define PICK_DISTANCE 16.0

struct _GkChart
{
  GtkWidget    parent_instance;

  GkSeriesSet *set;
  GkChartKind  kind;
  GkChartHits *hits;  /* where the last snapshot drew each point */
  int          highlight_series;  /* -1 for none */
  int          highlight_point;
  gboolean     hover_highlight;  /* the pointer, not the keyboard, chose it */
};

G_DEFINE_FINAL_TYPE (GkChart, gk_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SERIES_SET,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  POINT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
gk_chart_new (void)
{
  return g_object_new (GK_TYPE_CHART, NULL);
}

/* Data access ------------------------------------------------------------ */

static gboolean
point_is_drawn (const GkSeriesSet *set,
                int                series,
                int                point)
{
  const GkSeriesPoint *data;

  if (set == NULL || series < 0 || point < 0)
    return FALSE;
  data = gk_series_set_get_point (set, series, point);
  return data != NULL && isfinite (data->value);
}

/* The next drawn point of @series after @from in @direction (±1), or -1.
 * Start from -1 or n_points to find the first or last. */
static int
series_step (const GkSeries *series,
             int             from,
             int             direction)
{
  int n_points = (int) gk_series_get_n_points (series);

  for (int i = from + direction; i >= 0 && i < n_points; i += direction)
    if (isfinite (gk_series_get_point (series, i)->value))
      return i;
  return -1;
}

/* The drawn point of @series closest in time to @year, or -1. */
static int
series_nearest_year (const GkSeries *series,
                     int             year)
{
  int best = -1;
  int best_distance = G_MAXINT;

  for (guint i = 0; i < gk_series_get_n_points (series); i++)
    {
      const GkSeriesPoint *point = gk_series_get_point (series, i);

      if (isfinite (point->value) && abs (point->year - year) < best_distance)
        {
          best = i;
          best_distance = abs (point->year - year);
        }
    }
  return best;
}

/* Highlight -------------------------------------------------------------- */

static void
gk_chart_update_accessible (GkChart *self)
{
  g_autofree char *description = NULL;

  if (self->highlight_series >= 0 && self->set != NULL)
    description = gk_chart_describe_point (self->set, self->highlight_series, self->highlight_point);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->set != NULL && self->set->title != NULL ? self->set->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
}

/**
 * gk_chart_set_highlight:
 * @self: a chart
 * @series: a series index, or -1 to highlight nothing
 * @point: a point index of that series
 *
 * Highlights a point, as hovering or the arrow keys do. A point that is not
 * drawn (a gap, or out of range) clears the highlight.
 */
void
gk_chart_set_highlight (GkChart *self,
                        int      series,
                        int      point)
{
  g_return_if_fail (GK_IS_CHART (self));

  if (!point_is_drawn (self->set, series, point))
    series = point = -1;
  if (series == self->highlight_series && point == self->highlight_point)
    return;

  self->highlight_series = series;
  self->highlight_point = point;
  self->hover_highlight = FALSE;
  gk_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gk_chart_get_highlight:
 * @self: a chart
 * @series: (out) (optional): the highlighted series
 * @point: (out) (optional): the highlighted point of that series
 *
 * Returns: whether a point is highlighted
 */
gboolean
gk_chart_get_highlight (GkChart *self,
                        guint   *series,
                        guint   *point)
{
  g_return_val_if_fail (GK_IS_CHART (self), FALSE);

  if (self->highlight_series < 0)
    return FALSE;
  if (series != NULL)
    *series = self->highlight_series;
  if (point != NULL)
    *point = self->highlight_point;
  return TRUE;
}

/**
 * gk_chart_activate_highlight:
 * @self: a chart
 *
 * Emits "point-activated" for the highlighted point, as a click or Enter
 * does, if it came from a report.
 *
 * Returns: whether the signal was emitted
 */
gboolean
gk_chart_activate_highlight (GkChart *self)
{
  const GkSeriesPoint *point;

  g_return_val_if_fail (GK_IS_CHART (self), FALSE);

  if (self->highlight_series < 0 || self->set == NULL)
    return FALSE;
  point = gk_series_set_get_point (self->set, self->highlight_series, self->highlight_point);
  if (point == NULL || point->report_id < 0)
    return FALSE;
  g_signal_emit (self, signals[POINT_ACTIVATED], 0, point->report_id, point->year);
  return TRUE;
}

/* With nothing highlighted, the first key press lands on the first point
 * of the first series that has one (or the last, going backwards). */
static void
gk_chart_highlight_start (GkChart *self,
                          int      direction)
{
  for (guint s = 0; self->set != NULL && s < gk_series_set_get_n_series (self->set); s++)
    {
      const GkSeries *series = gk_series_set_get_series (self->set, s);
      int point = series_step (series, direction > 0 ? -1 : (int) gk_series_get_n_points (series),
                               direction);

      if (point >= 0)
        {
          gk_chart_set_highlight (self, s, point);
          return;
        }
    }
}

static void
gk_chart_move_along (GkChart *self,
                     int      direction,
                     gboolean to_end)
{
  const GkSeries *series;
  int point;

  if (self->highlight_series < 0)
    {
      gk_chart_highlight_start (self, direction);
      return;
    }
  series = gk_series_set_get_series (self->set, self->highlight_series);
  if (to_end)
    point = series_step (series, direction > 0 ? (int) gk_series_get_n_points (series) : -1, -direction);
  else
    point = series_step (series, self->highlight_point, direction);
  if (point >= 0)
    gk_chart_set_highlight (self, self->highlight_series, point);
}

static void
gk_chart_move_across (GkChart *self,
                      int      direction)
{
  int year;

  if (self->highlight_series < 0)
    {
      gk_chart_highlight_start (self, direction);
      return;
    }
  year = gk_series_set_get_point (self->set, self->highlight_series, self->highlight_point)->year;
  /* Skip series without a single value. */
  for (int s = self->highlight_series + direction;
       s >= 0 && s < (int) gk_series_set_get_n_series (self->set);
       s += direction)
    {
      int point = series_nearest_year (gk_series_set_get_series (self->set, s), year);

      if (point >= 0)
        {
          gk_chart_set_highlight (self, s, point);
          return;
        }
    }
}

static void
action_move (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkChart *self = GK_CHART (widget);

  if (g_str_equal (action_name, "chart.next-point"))
    gk_chart_move_along (self, +1, FALSE);
  else if (g_str_equal (action_name, "chart.previous-point"))
    gk_chart_move_along (self, -1, FALSE);
  else if (g_str_equal (action_name, "chart.last-point"))
    gk_chart_move_along (self, +1, TRUE);
  else if (g_str_equal (action_name, "chart.first-point"))
    gk_chart_move_along (self, -1, TRUE);
  else if (g_str_equal (action_name, "chart.next-series"))
    gk_chart_move_across (self, +1);
  else if (g_str_equal (action_name, "chart.previous-series"))
    gk_chart_move_across (self, -1);
}

static void
action_activate_point (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gk_chart_activate_highlight (GK_CHART (widget));
}

static void
action_set_kind (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *nick = g_variant_get_string (parameter, NULL);
  GEnumClass *enum_class = g_type_class_ref (GK_TYPE_CHART_KIND);
  GEnumValue *value = g_enum_get_value_by_nick (enum_class, nick);

  if (value != NULL)
    gk_chart_set_kind (GK_CHART (widget), value->value);
  g_type_class_unref (enum_class);
}

/* Pointer ---------------------------------------------------------------- */

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GkChart                  *self)
{
  const GkChartHit *hit = gk_chart_hits_lookup (self->hits, x, y, PICK_DISTANCE);

  if (hit != NULL)
    {
      gk_chart_set_highlight (self, hit->series, hit->point);
      self->hover_highlight = TRUE;
    }
  else if (self->hover_highlight)
    gk_chart_set_highlight (self, -1, -1);
}

static void
on_leave (GtkEventControllerMotion *controller,
          GkChart                  *self)
{
  /* A point the keyboard chose stays; one the pointer chose goes with it. */
  if (self->hover_highlight)
    gk_chart_set_highlight (self, -1, -1);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             GkChart         *self)
{
  const GkChartHit *hit = gk_chart_hits_lookup (self->hits, x, y, PICK_DISTANCE);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (hit == NULL)
    return;
  gk_chart_set_highlight (self, hit->series, hit->point);
  gk_chart_activate_highlight (self);
}

static gboolean
gk_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  GkChart *self = GK_CHART (widget);
  const GkChartHit *hit;
  g_autofree char *text = NULL;
  GdkRectangle area;

  if (self->set == NULL)
    return FALSE;
  if (keyboard_mode)
    hit = self->highlight_series >= 0
          ? gk_chart_hits_find (self->hits, self->highlight_series, self->highlight_point)
          : NULL;
  else
    hit = gk_chart_hits_lookup (self->hits, x, y, PICK_DISTANCE);
  if (hit == NULL)
    return FALSE;

  text = gk_chart_describe_point (self->set, hit->series, hit->point);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);

  /* Leaving this area asks again, so moving to a neighbour updates the text. */
  if (hit->bar_width > 0)
    area = (GdkRectangle) { floor (hit->bar_x), floor (hit->bar_y),
                            ceil (hit->bar_width), ceil (MAX (hit->bar_height, 1)) };
  else
    area = (GdkRectangle) { floor (hit->x - PICK_DISTANCE), floor (hit->y - PICK_DISTANCE),
                            2 * PICK_DISTANCE, 2 * PICK_DISTANCE };
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* Drawing ---------------------------------------------------------------- */

/* The theme's colours and font; the palette stays GNOME's. */
static void
gk_chart_style_from_theme (GkChart      *self,
                           GkChartStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style_context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (style_context, &style->foreground);
  /* libadwaita's names first, then GTK's own theme's. */
  if (gtk_style_context_lookup_color (style_context, "view_bg_color", &color)
      || gtk_style_context_lookup_color (style_context, "theme_base_color", &color))
    style->background = color;
  if (gtk_style_context_lookup_color (style_context, "error_color", &color))
    style->problem = color;
  G_GNUC_END_IGNORE_DEPRECATIONS

  style->grid = style->foreground;
  style->grid.alpha *= 0.12;
  g_clear_pointer (&style->font, pango_font_description_free);
  style->font = pango_font_description_copy (pango_context_get_font_description (context));
}

static void
gk_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  GkChart *self = GK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_auto(GkChartStyle) style = { 0 };
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  gk_chart_style_init (&style);
  gk_chart_style_from_theme (self, &style);
  style.kind = self->kind;
  style.highlight_series = self->highlight_series;
  style.highlight_point = self->highlight_point;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gk_chart_render (cr, width, height, self->set, &style, self->hits);

  /* The focus ring, when the keyboard brought focus here. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent = style.foreground;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &accent);
      G_GNUC_END_IGNORE_DEPRECATIONS
      accent.alpha *= 0.5;
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, 1, width - 2, height - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Theme colours come from CSS: a switch to dark must redraw. */
static void
gk_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gk_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
on_focus_changed (GtkEventControllerFocus *controller,
                  GkChart                 *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gk_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 400;
    }
}

/* Accessors -------------------------------------------------------------- */

/**
 * gk_chart_set_series_set:
 * @self: a chart
 * @set: (nullable): the data to draw; the chart keeps a reference, so do
 *   not change the set afterwards
 *
 * Clears the highlight.
 */
void
gk_chart_set_series_set (GkChart     *self,
                         GkSeriesSet *set)
{
  g_return_if_fail (GK_IS_CHART (self));

  if (set == self->set)
    return;
  if (set != NULL)
    gk_series_set_ref (set);
  g_clear_pointer (&self->set, gk_series_set_unref);
  self->set = set;
  self->highlight_series = self->highlight_point = -1;
  gk_chart_hits_clear (self->hits);
  gk_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES_SET]);
}

/**
 * gk_chart_get_series_set:
 * @self: a chart
 *
 * Returns: (transfer none) (nullable): the data drawn
 */
GkSeriesSet *
gk_chart_get_series_set (GkChart *self)
{
  g_return_val_if_fail (GK_IS_CHART (self), NULL);

  return self->set;
}

void
gk_chart_set_kind (GkChart     *self,
                   GkChartKind  kind)
{
  g_return_if_fail (GK_IS_CHART (self));

  if (kind == self->kind)
    return;
  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

GkChartKind
gk_chart_get_kind (GkChart *self)
{
  g_return_val_if_fail (GK_IS_CHART (self), GK_CHART_KIND_LINE);

  return self->kind;
}

/**
 * gk_chart_get_hits:
 * @self: a chart
 *
 * Returns: (transfer none): where the last drawing put each point, in
 *   widget coordinates; empty before the first draw
 */
const GkChartHits *
gk_chart_get_hits (GkChart *self)
{
  g_return_val_if_fail (GK_IS_CHART (self), NULL);

  return self->hits;
}

/**
 * gk_chart_export_to_file:
 * @self: a chart
 * @format: PNG, SVG or PDF
 * @width: in pixels
 * @height: in pixels
 * @path: the file to write
 * @error: a place for an error
 *
 * Exports the chart's data and kind in the light export look, whatever the
 * theme, through the same render function the widget draws with.
 *
 * Returns: whether the file was written
 */
gboolean
gk_chart_export_to_file (GkChart        *self,
                         GkChartFormat   format,
                         int             width,
                         int             height,
                         const char     *path,
                         GError        **error)
{
  g_auto(GkChartStyle) style = { 0 };

  g_return_val_if_fail (GK_IS_CHART (self), FALSE);

  gk_chart_style_init (&style);
  style.kind = self->kind;
  return gk_chart_export (self->set, &style, format, width, height, path, error);
}

/* GObject ---------------------------------------------------------------- */

static void
gk_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GkChart *self = GK_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES_SET:
      g_value_set_boxed (value, self->set);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GkChart *self = GK_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES_SET:
      gk_chart_set_series_set (self, g_value_get_boxed (value));
      break;
    case PROP_KIND:
      gk_chart_set_kind (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_chart_finalize (GObject *object)
{
  GkChart *self = GK_CHART (object);

  g_clear_pointer (&self->set, gk_series_set_unref);
  g_clear_pointer (&self->hits, gk_chart_hits_free);

  G_OBJECT_CLASS (gk_chart_parent_class)->finalize (object);
}

static void
add_binding (GtkWidgetClass *widget_class,
             guint           keyval,
             const char     *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, action_name, NULL);
}

static void
gk_chart_class_init (GkChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gk_chart_get_property;
  object_class->set_property = gk_chart_set_property;
  object_class->finalize = gk_chart_finalize;

  widget_class->snapshot = gk_chart_snapshot;
  widget_class->measure = gk_chart_measure;
  widget_class->query_tooltip = gk_chart_query_tooltip;
  widget_class->css_changed = gk_chart_css_changed;

  properties[PROP_SERIES_SET] =
    g_param_spec_boxed ("series-set", NULL, NULL,
                        GK_TYPE_SERIES_SET,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       GK_TYPE_CHART_KIND, GK_CHART_KIND_LINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GkChart::point-activated:
   * @self: the chart
   * @report_id: the library id of the report the point came from
   * @year: the point's year
   *
   * A point was clicked, or Enter pressed on it: open its report. Not
   * emitted for points without a report.
   */
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "chart.next-point", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "chart.previous-point", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "chart.first-point", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "chart.last-point", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "chart.next-series", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "chart.previous-series", NULL, action_move);
  gtk_widget_class_install_action (widget_class, "chart.activate-point", NULL, action_activate_point);
  gtk_widget_class_install_action (widget_class, "chart.set-kind", "s", action_set_kind);

  add_binding (widget_class, GDK_KEY_Right, "chart.next-point");
  add_binding (widget_class, GDK_KEY_KP_Right, "chart.next-point");
  add_binding (widget_class, GDK_KEY_Left, "chart.previous-point");
  add_binding (widget_class, GDK_KEY_KP_Left, "chart.previous-point");
  add_binding (widget_class, GDK_KEY_Home, "chart.first-point");
  add_binding (widget_class, GDK_KEY_KP_Home, "chart.first-point");
  add_binding (widget_class, GDK_KEY_End, "chart.last-point");
  add_binding (widget_class, GDK_KEY_KP_End, "chart.last-point");
  add_binding (widget_class, GDK_KEY_Down, "chart.next-series");
  add_binding (widget_class, GDK_KEY_KP_Down, "chart.next-series");
  add_binding (widget_class, GDK_KEY_Up, "chart.previous-series");
  add_binding (widget_class, GDK_KEY_KP_Up, "chart.previous-series");
  add_binding (widget_class, GDK_KEY_Return, "chart.activate-point");
  add_binding (widget_class, GDK_KEY_KP_Enter, "chart.activate-point");
  add_binding (widget_class, GDK_KEY_space, "chart.activate-point");

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gk_chart_init (GkChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->hits = gk_chart_hits_new ();
  self->highlight_series = self->highlight_point = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* The focus ring comes and goes. */
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
