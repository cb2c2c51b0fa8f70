/* test-chart-render.c — the chart's cairo drawing and its PNG, SVG and PDF
 * export, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-chart-render.h"

#define WIDTH 800
#define HEIGHT 480

static const char *pingtan = "平潭综合实验区";

/* 平潭 2019–2023 with 2020 missing and 2021 failing its identities; 福州
 * well above it; 鼓楼区 with a zero and a missing year. */
static GkSeriesSet *
make_set (void)
{
  GkSeriesSet *set = gk_series_set_new ("t3.received", "收到申请数", "申请数", "件");
  GkSeries *series = gk_series_set_add_series (set, "pingtan", pingtan);
  const double fuzhou[] = { 150, 160, 155, 170, 165 };

  gk_series_add_point (series, 2019, 23, 19, "平潭综合实验区 2019 · page.html", NULL);
  gk_series_add_point (series, 2020, NAN, 20, "平潭综合实验区 2020 · page.html", NULL);
  gk_series_add_point (series, 2021, 70, 21, "平潭综合实验区 2021 · page.html",
                       "表三：总数不等于各项之和");
  gk_series_add_point (series, 2022, 74, 22, "平潭综合实验区 2022 · page.html", NULL);
  gk_series_add_point (series, 2023, 81, 23, "平潭综合实验区 2023 · page.html", NULL);

  series = gk_series_set_add_series (set, "fuzhou", "福州市人民政府办公厅");
  for (guint i = 0; i < G_N_ELEMENTS (fuzhou); i++)
    gk_series_add_point (series, 2019 + i, fuzhou[i], 100 + i, NULL, NULL);

  series = gk_series_set_add_series (set, "gulou", "鼓楼区");
  gk_series_add_point (series, 2019, 0, 200, NULL, NULL);
  gk_series_add_point (series, 2021, 12, 202, NULL, NULL);
  return set;
}

static char *
output_path (const char *name)
{
  const char *dir = g_getenv ("GK_SCREENSHOT_DIR");

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

/* Pixels ------------------------------------------------------------------ */

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static gboolean
color_near (guint32        pixel,
            const GdkRGBA *color,
            int            tolerance)
{
  int r = (pixel >> 16) & 0xff;
  int g = (pixel >> 8) & 0xff;
  int b = pixel & 0xff;

  return abs (r - (int) round (color->red * 255)) <= tolerance
         && abs (g - (int) round (color->green * 255)) <= tolerance
         && abs (b - (int) round (color->blue * 255)) <= tolerance;
}

/* Whether any pixel within @radius of (@x, @y) has @color. */
static gboolean
color_around (cairo_surface_t *surface,
              double           x,
              double           y,
              int              radius,
              const GdkRGBA   *color)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      if (color_near (pixel_at (surface, (int) round (x) + dx, (int) round (y) + dy), color, 24))
        return TRUE;
  return FALSE;
}

typedef struct
{
  guint  distinct;
  double inked;  /* share of pixels that differ from the background */
} Ink;

static Ink
measure_ink (cairo_surface_t *surface,
             guint32          background)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint inked = 0;
  Ink ink;

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = pixel_at (surface, x, y);

        g_hash_table_add (colors, GUINT_TO_POINTER (pixel));
        inked += pixel != background;
      }
  ink.distinct = g_hash_table_size (colors);
  ink.inked = (double) inked / (width * height);
  return ink;
}

static cairo_surface_t *
render_image (const GkSeriesSet  *set,
              const GkChartStyle *style,
              GkChartHits        *hits)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  gk_chart_render (cr, WIDTH, HEIGHT, set, style, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

typedef struct
{
  const guchar *data;
  gsize         size;
  gsize         offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* PDF output holds binary streams, where strstr would stop at a NUL. */
static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* Tests ------------------------------------------------------------------- */

static void
test_render_png (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = output_path ("chart-line.png");
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  Reader reader = { 0 };
  gsize length;
  Ink ink;

  gk_chart_style_init (&style);
  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_PNG, WIDTH, HEIGHT, path, &error));
  g_assert_no_error (error);
  g_test_message ("chart: %s", path);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  reader.data = (const guchar *) contents;
  reader.size = length;
  image = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, HEIGHT);

  /* Not blank: text, lines and markers in many shades, on a white ground. */
  ink = measure_ink (image, 0xffffff);
  g_assert_cmpuint (ink.distinct, >, 50);
  g_assert_cmpfloat (ink.inked, >, 0.02);
  g_assert_cmpfloat (ink.inked, <, 0.5);

  /* The same bytes come from the in-memory export. */
  bytes = gk_chart_export_to_bytes (set, &style, GK_CHART_FORMAT_PNG, WIDTH, HEIGHT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, length);
  cairo_surface_destroy (image);
}

static void
test_render_svg (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path ("chart-line.svg");
  g_autofree char *svg = NULL;
  const char *root, *title;
  gsize length;

  gk_chart_style_init (&style);
  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_SVG, WIDTH, HEIGHT, path, &error));
  g_assert_no_error (error);
  g_test_message ("chart: %s", path);

  g_assert_true (g_file_get_contents (path, &svg, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_true (g_utf8_validate (svg, length, NULL));
  root = strstr (svg, "<svg");
  g_assert_nonnull (root);
  g_assert_nonnull (strstr (root, "width=\"800px\""));
  g_assert_nonnull (strstr (root, "height=\"480px\""));

  /* Title and description right after the root element, with every
   * series and its values as searchable text. */
  title = strstr (svg, "<title>");
  g_assert_nonnull (title);
  g_assert_true (title > root);
  g_assert_true (title < strstr (root, ">") + 3);
  g_assert_nonnull (strstr (svg, "<title>收到申请数 (t3.received)</title>"));
  g_assert_nonnull (strstr (svg, pingtan));
  g_assert_nonnull (strstr (svg, "平潭综合实验区: 2019 23 件; 2020 —; 2021 70 件; 2022 74 件; 2023 81 件"));
  g_assert_nonnull (strstr (svg, "福州市人民政府办公厅: 2019 150 件"));
  /* The text itself is drawn, as glyph outlines. */
  g_assert_nonnull (strstr (svg, "glyph"));
}

static void
test_render_pdf (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path ("chart-line.pdf");
  g_autofree char *pdf = NULL;
  gsize length;

  gk_chart_style_init (&style);
  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_PDF, WIDTH, HEIGHT, path, &error));
  g_assert_no_error (error);
  g_test_message ("chart: %s", path);

  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (pdf, 5, "%PDF-", 5);
  g_assert_true (bytes_contain (pdf, length, "/Creator (Gongkai)"));
  /* The title, "收到申请数 (t3.received)" in UTF-16: it starts 收 (U+6536). */
  g_assert_true (bytes_contain (pdf, length, "/Title <FEFF6536"));
  /* The page is as large as asked. */
  g_assert_true (bytes_contain (pdf, length, "/MediaBox [ 0 0 800 480 ]"));
}

static void
test_render_hits (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  const GkChartHit *h2019, *h2021, *h2022, *h2023, *found;
  graphene_rect_t plot;
  cairo_surface_t *image;
  GdkRGBA blue;
  double gap_x, gap_y, zero_y;

  gk_chart_style_init (&style);
  image = render_image (set, &style, hits);
  gk_chart_style_get_series_color (&style, 0, &blue);

  /* 4 + 5 + 2 drawn points; the NAN year has none. */
  g_assert_cmpuint (gk_chart_hits_get_n_hits (hits), ==, 11);
  g_assert_null (gk_chart_hits_find (hits, 0, 1));
  h2019 = gk_chart_hits_find (hits, 0, 0);
  h2021 = gk_chart_hits_find (hits, 0, 2);
  h2022 = gk_chart_hits_find (hits, 0, 3);
  h2023 = gk_chart_hits_find (hits, 0, 4);
  g_assert_nonnull (h2019);
  g_assert_nonnull (h2021);
  g_assert_nonnull (h2022);
  g_assert_nonnull (h2023);
  g_assert_null (gk_chart_hits_find (hits, 5, 0));

  /* Years go right, larger values up, all inside the plot area. */
  gk_chart_hits_get_plot_area (hits, &plot);
  g_assert_cmpfloat (plot.size.width, >, WIDTH / 2);
  g_assert_cmpfloat (plot.size.height, >, HEIGHT / 3);
  g_assert_cmpfloat (h2019->x, <, h2021->x);
  g_assert_cmpfloat (h2021->x, <, h2022->x);
  g_assert_cmpfloat (h2019->y, >, h2021->y);
  g_assert_cmpfloat (h2022->y, >, h2023->y);
  for (guint i = 0; i < gk_chart_hits_get_n_hits (hits); i++)
    {
      const GkChartHit *hit = gk_chart_hits_get_hit (hits, i);
      g_assert_true (graphene_rect_contains_point (&plot, &GRAPHENE_POINT_INIT (hit->x, hit->y)));
      g_assert_cmpfloat (hit->radius, >, 0);
      g_assert_cmpfloat (hit->bar_width, ==, 0);
    }
  /* Equal year spacing, the gap year included. */
  g_assert_cmpfloat_with_epsilon (h2021->x - h2019->x, 2 * (h2022->x - h2021->x), 0.01);

  /* The point under a coordinate, near it, and none far from all. */
  found = gk_chart_hits_lookup (hits, h2021->x, h2021->y, 0);
  g_assert_true (found == h2021);
  found = gk_chart_hits_lookup (hits, h2021->x + 6, h2021->y - 5, 12);
  g_assert_true (found == h2021);
  g_assert_null (gk_chart_hits_lookup (hits, h2021->x + 30, h2021->y - 30, 12));
  g_assert_null (gk_chart_hits_lookup (hits, 2, 2, 12));

  /* Markers are drawn where the hits say, in the series colour. */
  g_assert_true (color_around (image, h2019->x, h2019->y, 1, &blue));
  g_assert_true (color_around (image, h2023->x, h2023->y, 1, &blue));

  /* The gap: nothing of the series at 2020, neither a line from 2019 to
   * 2021 nor a point at 0. */
  gap_x = (h2019->x + h2021->x) / 2;
  gap_y = (h2019->y + h2021->y) / 2;
  zero_y = plot.origin.y + plot.size.height;
  g_assert_false (color_around (image, gap_x, gap_y, 4, &blue));
  g_assert_false (color_around (image, gap_x, zero_y - 3, 3, &blue));
  /* … while consecutive years are joined. */
  g_assert_true (color_around (image, (h2022->x + h2023->x) / 2, (h2022->y + h2023->y) / 2, 1, &blue));
  cairo_surface_destroy (image);
}

static void
test_render_problem_mark (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  const GkChartHit *h2021, *h2022;
  cairo_surface_t *image;

  gk_chart_style_init (&style);
  image = render_image (set, &style, hits);
  h2021 = gk_chart_hits_find (hits, 0, 2);
  h2022 = gk_chart_hits_find (hits, 0, 3);

  /* The failing 2021 report gets the warning colour above its marker; the
   * sound 2022 one does not. */
  g_assert_true (color_around (image, h2021->x, h2021->y - h2021->radius - 8, 3, &style.problem));
  g_assert_false (color_around (image, h2022->x, h2022->y - h2022->radius - 8, 3, &style.problem));
  cairo_surface_destroy (image);
}

static void
test_render_highlight (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  cairo_surface_t *plain, *highlighted;
  const GkChartHit *hit;
  guint32 before, after;
  int x, y;

  gk_chart_style_init (&style);
  plain = render_image (set, &style, hits);
  style.highlight_series = 0;
  style.highlight_point = 3;
  highlighted = render_image (set, &style, NULL);

  /* The ring around the highlighted marker is new ink. */
  hit = gk_chart_hits_find (hits, 0, 3);
  x = (int) round (hit->x + hit->radius + 4.5);
  y = (int) round (hit->y);
  before = pixel_at (plain, x, y);
  after = pixel_at (highlighted, x, y);
  g_assert_cmpuint (before, !=, after);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (highlighted);
}

static void
test_render_bars (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path ("chart-bar.png");
  const GkChartHit *pingtan_2021, *fuzhou_2021, *gulou_2019, *found;
  cairo_surface_t *image;
  GdkRGBA blue;

  gk_chart_style_init (&style);
  style.kind = GK_CHART_KIND_BAR;
  image = render_image (set, &style, hits);
  gk_chart_style_get_series_color (&style, 0, &blue);

  g_assert_cmpuint (gk_chart_hits_get_n_hits (hits), ==, 11);
  g_assert_null (gk_chart_hits_find (hits, 0, 1));  /* the NAN year: no bar */
  pingtan_2021 = gk_chart_hits_find (hits, 0, 2);
  fuzhou_2021 = gk_chart_hits_find (hits, 1, 2);
  gulou_2019 = gk_chart_hits_find (hits, 2, 0);

  /* Grouped side by side in the year's slot, heights in proportion. */
  g_assert_cmpfloat (pingtan_2021->bar_width, >, 2);
  g_assert_cmpfloat_with_epsilon (pingtan_2021->bar_x + pingtan_2021->bar_width + 1, fuzhou_2021->bar_x, 0.01);
  g_assert_cmpfloat_with_epsilon (pingtan_2021->bar_y + pingtan_2021->bar_height,
                                  fuzhou_2021->bar_y + fuzhou_2021->bar_height, 0.01);
  g_assert_cmpfloat_with_epsilon (fuzhou_2021->bar_height / pingtan_2021->bar_height, 155.0 / 70.0, 0.01);

  /* A zero is a sliver on the baseline, not nothing. */
  g_assert_cmpfloat (gulou_2019->bar_height, >=, 2);
  g_assert_cmpfloat (gulou_2019->bar_height, <, 3);

  /* Inside a bar picks it. */
  found = gk_chart_hits_lookup (hits, pingtan_2021->bar_x + pingtan_2021->bar_width / 2,
                                pingtan_2021->bar_y + pingtan_2021->bar_height / 2, 0);
  g_assert_true (found == pingtan_2021);
  g_assert_true (color_near (pixel_at (image, (int) (pingtan_2021->bar_x + pingtan_2021->bar_width / 2),
                                       (int) (pingtan_2021->bar_y + pingtan_2021->bar_height / 2)),
                             &blue, 2));

  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_PNG, WIDTH, HEIGHT, path, &error));
  g_assert_no_error (error);
  g_test_message ("chart: %s", path);
  cairo_surface_destroy (image);
}

static void
test_render_empty (void)
{
  g_autoptr(GkSeriesSet) gaps = gk_series_set_new ("t3.received", "收到申请数", NULL, "件");
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  g_autofree char *path = output_path ("chart-empty.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  Ink ink;

  gk_series_add_point (gk_series_set_add_series (gaps, "a", "甲"), 2020, NAN, 1, NULL, NULL);
  gk_chart_style_init (&style);

  image = render_image (NULL, &style, hits);
  g_assert_cmpuint (gk_chart_hits_get_n_hits (hits), ==, 0);
  ink = measure_ink (image, 0xffffff);
  g_assert_cmpfloat (ink.inked, >, 0.001);  /* "No data" */
  cairo_surface_destroy (image);

  image = render_image (gaps, &style, hits);
  g_assert_cmpuint (gk_chart_hits_get_n_hits (hits), ==, 0);
  g_assert_cmpfloat (measure_ink (image, 0xffffff).inked, >, ink.inked);  /* plus the title */
  cairo_surface_destroy (image);

  g_assert_true (gk_chart_export (gaps, &style, GK_CHART_FORMAT_PNG, 400, 240, path, &error));
  g_assert_no_error (error);
  g_free (path);
  path = output_path ("chart-empty.svg");
  g_assert_true (gk_chart_export (NULL, &style, GK_CHART_FORMAT_SVG, 400, 240, path, &error));
  g_assert_no_error (error);
}

static void
test_render_many (void)
{
  g_autoptr(GkSeriesSet) set = gk_series_set_new ("t1.pages", "主动公开数量", "数量", "条");
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  g_autofree char *path = output_path ("chart-many.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  /* 24 agencies: the palette repeats dashed, the legend wraps and ends "+N". */
  for (guint s = 0; s < 24; s++)
    {
      g_autofree char *key = g_strdup_printf ("agency-%u", s);
      g_autofree char *label = g_strdup_printf ("福建省第%u个非常长名称的政府信息公开工作机构", s + 1);
      GkSeries *series = gk_series_set_add_series (set, key, label);

      for (int year = 2008; year <= 2023; year++)
        gk_series_add_point (series, year, 1000 * s + 50000.5 * sin (year + s) + 60000, year, NULL,
                             (year + s) % 17 == 0 ? "identity" : NULL);
    }
  gk_chart_style_init (&style);
  image = render_image (set, &style, hits);
  g_assert_cmpuint (gk_chart_hits_get_n_hits (hits), ==, 24 * 16);
  cairo_surface_destroy (image);

  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_PNG, 1200, 700, path, &error));
  g_assert_no_error (error);
  g_free (path);
  path = output_path ("chart-many-bar.png");
  style.kind = GK_CHART_KIND_BAR;
  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_PNG, 1200, 700, path, &error));
  g_assert_no_error (error);
  style.kind = GK_CHART_KIND_LINE;
  g_free (path);
  path = output_path ("chart-many-small.png");
  g_assert_true (gk_chart_export (set, &style, GK_CHART_FORMAT_PNG, 360, 260, path, &error));
  g_assert_no_error (error);
  g_test_message ("chart: %s", path);
}

static void
test_render_negative_and_tiny (void)
{
  g_autoptr(GkSeriesSet) set = gk_series_set_new ("change", "同比变化", "变化", "%");
  GkSeries *series = gk_series_set_add_series (set, "a", "甲");
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  const GkChartHit *up, *down;
  cairo_surface_t *image;
  const int sizes[][2] = { { 1, 1 }, { 40, 30 }, { 120, 80 } };

  gk_series_add_point (series, 2021, 12.5, 1, NULL, NULL);
  gk_series_add_point (series, 2022, -37.5, 2, NULL, "identity");
  gk_chart_style_init (&style);
  style.kind = GK_CHART_KIND_BAR;
  image = render_image (set, &style, hits);
  cairo_surface_destroy (image);

  /* Both bars start on the zero line: one grows up, one hangs down. */
  up = gk_chart_hits_find (hits, 0, 0);
  down = gk_chart_hits_find (hits, 0, 1);
  g_assert_cmpfloat_with_epsilon (up->bar_y + up->bar_height, down->bar_y, 0.01);
  g_assert_cmpfloat_with_epsilon (down->bar_height / up->bar_height, 3, 0.01);
  g_assert_cmpfloat (down->y, >, up->y);

  /* Sizes too small for a chart still draw without failing. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (GkChartKind kind = GK_CHART_KIND_LINE; kind <= GK_CHART_KIND_BAR; kind++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;

        style.kind = kind;
        bytes = gk_chart_export_to_bytes (set, &style, GK_CHART_FORMAT_PNG, sizes[i][0], sizes[i][1], &error);
        g_assert_no_error (error);
        g_assert_nonnull (bytes);
      }
}

static void
test_render_describe (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_autofree char *sound = gk_chart_describe_point (set, 0, 0);
  g_autofree char *failing = gk_chart_describe_point (set, 0, 2);
  g_autofree char *bare = gk_chart_describe_point (set, 1, 0);

  g_assert_cmpstr (sound, ==, "平潭综合实验区 · 2019: 23 件\n平潭综合实验区 2019 · page.html");
  g_assert_cmpstr (failing, ==, "平潭综合实验区 · 2021: 70 件\n平潭综合实验区 2021 · page.html\n"
                                "⚠ 表三：总数不等于各项之和");
  g_assert_cmpstr (bare, ==, "福州市人民政府办公厅 · 2019: 150 件");
  g_assert_null (gk_chart_describe_point (set, 0, 9));
  g_assert_null (gk_chart_describe_point (set, 9, 0));

  {
    g_autoptr(GkSeriesSet) money = gk_series_set_new ("t5.fees", "收费", NULL, "元");
    g_autofree char *text = NULL;

    gk_series_add_point (gk_series_set_add_series (money, "x", "某市"), 2022, 75394432.52, -1, NULL, NULL);
    text = gk_chart_describe_point (money, 0, 0);
    g_assert_cmpstr (text, ==, "某市 · 2022: 75,394,432.52 元");
  }
}

static void
test_render_export_errors (void)
{
  g_autoptr(GkSeriesSet) set = make_set ();
  g_auto(GkChartStyle) style = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_dir = output_path ("no-such-dir/chart.png");
  g_autoptr(GBytes) bytes = NULL;

  gk_chart_style_init (&style);
  bytes = gk_chart_export_to_bytes (set, &style, GK_CHART_FORMAT_PNG, 0, 100, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (gk_chart_export (set, &style, GK_CHART_FORMAT_SVG, 100, 100000, missing_dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (gk_chart_export (set, &style, GK_CHART_FORMAT_PNG, 100, 100, missing_dir, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  /* No gtk_init: drawing and export must work without a display. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-render/png", test_render_png);
  g_test_add_func ("/chart-render/svg", test_render_svg);
  g_test_add_func ("/chart-render/pdf", test_render_pdf);
  g_test_add_func ("/chart-render/hits", test_render_hits);
  g_test_add_func ("/chart-render/problem-mark", test_render_problem_mark);
  g_test_add_func ("/chart-render/highlight", test_render_highlight);
  g_test_add_func ("/chart-render/bars", test_render_bars);
  g_test_add_func ("/chart-render/empty", test_render_empty);
  g_test_add_func ("/chart-render/many", test_render_many);
  g_test_add_func ("/chart-render/negative-and-tiny", test_render_negative_and_tiny);
  g_test_add_func ("/chart-render/describe", test_render_describe);
  g_test_add_func ("/chart-render/export-errors", test_render_export_errors);
  return g_test_run ();
}
