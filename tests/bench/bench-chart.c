/* bench-chart.c — how long drawing a trends chart and building its data take
 *
 * Renders 20 series × 7 years at 1200 × 700 to an image surface 1000 times
 * (line and bar) and prints milliseconds per frame against the 16 ms a
 * frame may take; then builds the data for 20 of 1000 agencies × 7 years.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gk-chart-render.h"

#define N_FRAMES 1000
#define N_SERIES 20
#define N_YEARS 7
#define N_AGENCIES 1000
#define FIRST_YEAR 2017
#define FRAME_BUDGET_MS 16.0

typedef struct
{
  char  *key;
  char  *name;
  double values[N_YEARS];
  char  *labels[N_YEARS];
} Agency;

/* Stands in for the library: every agency, every year, in memory. */
static Agency *
make_agencies (void)
{
  Agency *agencies = g_new0 (Agency, N_AGENCIES);
  GRand *rand = g_rand_new_with_seed (2024);

  for (guint a = 0; a < N_AGENCIES; a++)
    {
      agencies[a].key = g_strdup_printf ("agency-%04u", a);
      agencies[a].name = g_strdup_printf ("福建省第%u政府信息公开机构", a + 1);
      for (guint y = 0; y < N_YEARS; y++)
        {
          /* One year in ten is missing. */
          agencies[a].values[y] = g_rand_int_range (rand, 0, 10) == 0
                                  ? NAN : g_rand_double_range (rand, 0, 5000);
          agencies[a].labels[y] = g_strdup_printf ("%s %u · page.html", agencies[a].name, FIRST_YEAR + y);
        }
    }
  g_rand_free (rand);
  return agencies;
}

static void
free_agencies (Agency *agencies)
{
  for (guint a = 0; a < N_AGENCIES; a++)
    {
      g_free (agencies[a].key);
      g_free (agencies[a].name);
      for (guint y = 0; y < N_YEARS; y++)
        g_free (agencies[a].labels[y]);
    }
  g_free (agencies);
}

static GkSeriesSet *
build_set (const Agency *agencies,
           guint         first_agency)
{
  GkSeriesSet *set = gk_series_set_new ("t3.received", "收到申请数", "申请数", "件");

  for (guint a = first_agency; a < first_agency + N_SERIES; a++)
    {
      const Agency *agency = &agencies[a % N_AGENCIES];
      GkSeries *series = gk_series_set_add_series (set, agency->key, agency->name);

      for (guint y = 0; y < N_YEARS; y++)
        gk_series_add_point (series, FIRST_YEAR + y, agency->values[y], a * N_YEARS + y, agency->labels[y],
                             y == 3 && a % 5 == 0 ? "表三：总数不等于各项之和" : NULL);
    }
  return set;
}

static double
bench_render (const GkSeriesSet *set,
              GkChartKind        kind,
              double            *worst_ms)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 700);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GkChartHits) hits = gk_chart_hits_new ();
  g_auto(GkChartStyle) style = { 0 };
  gint64 start;
  double total_ms;

  gk_chart_style_init (&style);
  style.kind = kind;
  style.highlight_series = 3;
  style.highlight_point = 2;

  /* Warm up the font caches, as a running application has. */
  gk_chart_render (cr, 1200, 700, set, &style, hits);

  *worst_ms = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_FRAMES; i++)
    {
      gint64 frame_start = g_get_monotonic_time ();

      gk_chart_render (cr, 1200, 700, set, &style, hits);
      cairo_surface_flush (surface);
      *worst_ms = MAX (*worst_ms, (g_get_monotonic_time () - frame_start) / 1000.0);
    }
  total_ms = (g_get_monotonic_time () - start) / 1000.0;

  if (gk_chart_hits_get_n_hits (hits) == 0)
    g_error ("nothing was drawn");
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return total_ms / N_FRAMES;
}

int
main (int   argc,
      char *argv[])
{
  Agency *agencies = make_agencies ();
  g_autoptr(GkSeriesSet) set = build_set (agencies, 0);
  double line_ms, bar_ms, line_worst, bar_worst, build_us;
  gint64 start;
  guint n_builds = 1000;
  gboolean ok;

  line_ms = bench_render (set, GK_CHART_KIND_LINE, &line_worst);
  bar_ms = bench_render (set, GK_CHART_KIND_BAR, &bar_worst);
  printf ("render %d series × %d years, 1200×700, %d frames:\n", N_SERIES, N_YEARS, N_FRAMES);
  printf ("  line: %.3f ms/frame (worst %.3f ms)\n", line_ms, line_worst);
  printf ("  bar:  %.3f ms/frame (worst %.3f ms)\n", bar_ms, bar_worst);

  /* Pick 20 of 1000 agencies, as the Trends view does when the selection
   * changes. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_builds; i++)
    {
      GkSeriesSet *built = build_set (agencies, (i * 37) % N_AGENCIES);
      gk_series_set_unref (built);
    }
  build_us = (double) (g_get_monotonic_time () - start) / n_builds;
  printf ("build a set of %d of %d agencies × %d years: %.1f µs\n", N_SERIES, N_AGENCIES, N_YEARS, build_us);

  ok = line_ms < FRAME_BUDGET_MS && bar_ms < FRAME_BUDGET_MS;
  printf ("budget %.0f ms/frame: %s (line %.1f%%, bar %.1f%% of it)\n", FRAME_BUDGET_MS,
          ok ? "met" : "MISSED", 100 * line_ms / FRAME_BUDGET_MS, 100 * bar_ms / FRAME_BUDGET_MS);

  free_agencies (agencies);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
