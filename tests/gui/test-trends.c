/* test-trends.c — the Trends view: pick an agency and a metric, check the
 * chart's series, gaps never 0, line and bar, the data table, opening a report
 * from a point, and export through the widget's own render function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-chart.h"
#include "gk-report-view.h"
#include "gk-test-gui.h"
#include "gk-trends-view.h"
#include "gk-window.h"

static gboolean
window_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static char *
corpus_page (const char *year)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");
  g_autofree char *path = shared != NULL
                          ? g_build_filename (shared, "corpus", "pingtan", year, "page.html", NULL) : NULL;

  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

static double
value_at (GkSeries *series,
          int       year)
{
  int index = gk_series_find_year (series, year);

  return index < 0 ? NAN : gk_series_get_point (series, index)->value;
}

static void
test_trends_corpus_agency (void)
{
  static const char * const years[] = { "2019", "2021", "2022", "2023" };
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  GkLibrary *library;
  GkWindow *window;
  GtkWidget *trends;
  GkSeriesSet *set;
  GkSeries *series;
  gint64 agency_id = 0;
  g_autofree char *table = NULL;
  g_autofree char *png = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("GK_SCREENSHOT_DIR"), NULL);
  g_autofree char *png_path = g_build_filename (dir, "trends-export.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "trends-export.svg", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "trends-export.pdf", NULL);
  g_autofree char *svg = NULL;
  gsize svg_len;
  guint series_index, point_index;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      char *path = corpus_page (years[i]);
      if (path == NULL)
        {
          g_test_skip ("../shared/corpus is not present");
          return;
        }
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  library = gk_application_get_library (app);
  summary = gk_library_import (library, (const char * const *) paths->pdata, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 4);

  window = gk_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gk_test_gui_wait_until (window_is_drawn, window, 5000));
  gk_window_show_view (window, "trends");
  trends = gk_window_get_trends_view (window);

  agencies = gk_library_list_agencies (library, NULL);
  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (((GkAgency *) g_ptr_array_index (agencies, i))->name, "平潭综合实验区"))
      agency_id = ((GkAgency *) g_ptr_array_index (agencies, i))->id;
  g_assert_cmpint (agency_id, >, 0);

  /* pick the agency and a metric */
  g_assert_true (gtk_widget_activate_action (trends, "trends.choose-agency", "x", agency_id));
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "applications_received"));
  set = gk_trends_view_get_series_set (GK_TRENDS_VIEW (trends));
  g_assert_nonnull (set);
  g_assert_true (gk_chart_get_series_set (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends)))) == set);
  g_assert_cmpuint (gk_series_set_get_n_series (set), ==, 1);
  series = gk_series_set_get_series (set, 0);
  g_assert_cmpstr (series->label, ==, "平潭综合实验区");
  g_assert_cmpfloat (value_at (series, 2019), ==, 23);
  g_assert_cmpfloat (value_at (series, 2021), ==, 70);
  g_assert_cmpfloat (value_at (series, 2022), ==, 74);
  g_assert_cmpfloat (value_at (series, 2023), ==, 81);
  /* no report for 2020: a gap, never 0 */
  g_assert_true (isnan (value_at (series, 2020)));

  table = gk_trends_view_get_table_text (GK_TRENDS_VIEW (trends));
  g_test_message ("%s", table);
  g_assert_nonnull (strstr (table, "平潭综合实验区\t23\t\t70\t74\t81"));

  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "trends");
  g_test_message ("screenshot: %s", png);

  /* a metric the 2019 form lacks: a gap for 2019 */
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "fee_amount"));
  series = gk_series_set_get_series (gk_trends_view_get_series_set (GK_TRENDS_VIEW (trends)), 0);
  g_assert_true (isnan (value_at (series, 2019)));
  g_assert_cmpfloat_with_epsilon (value_at (series, 2021), 24252.311082, 1e-6);

  /* bars */
  g_assert_true (gtk_widget_activate_action (trends, "trends.kind", "s", "bar"));
  g_assert_cmpint (gk_chart_get_kind (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends)))), ==,
                   GK_CHART_KIND_BAR);
  g_assert_true (gtk_widget_activate_action (trends, "trends.kind", "s", "line"));
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "applications_received"));
  /* the set was built again: look the series up again */
  series = gk_series_set_get_series (gk_trends_view_get_series_set (GK_TRENDS_VIEW (trends)), 0);

  /* export through the chart's own render function */
  g_assert_true (gk_chart_export_to_file (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                          GK_CHART_FORMAT_PNG, 1200, 700, png_path, &error));
  g_assert_no_error (error);
  g_assert_true (gk_chart_export_to_file (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                          GK_CHART_FORMAT_SVG, 1200, 700, svg_path, &error));
  g_assert_true (gk_chart_export_to_file (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                          GK_CHART_FORMAT_PDF, 1200, 700, pdf_path, &error));
  g_assert_true (g_file_get_contents (svg_path, &svg, &svg_len, NULL));
  g_assert_cmpuint (svg_len, >, 2000);
  g_assert_nonnull (strstr (svg, "平潭综合实验区"));
  g_assert_nonnull (strstr (svg, "width=\"1200"));

  /* clicking a point opens its report in the Reports view */
  gk_chart_set_highlight (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))), 0,
                          gk_series_find_year (series, 2022));
  g_assert_true (gk_chart_get_highlight (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                         &series_index, &point_index));
  g_assert_true (gk_chart_activate_highlight (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends)))));
  {
    GkReportView *view = GK_REPORT_VIEW (gk_window_get_report_view (window));
    g_assert_cmpint (gk_report_view_get_report_id (view), ==,
                     gk_series_get_point (series, gk_series_find_year (series, 2022))->report_id);
    g_assert_cmpint (gk_report_view_get_report (view)->year, ==, 2022);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add_func ("/trends/corpus-agency", test_trends_corpus_agency);
  return g_test_run ();
}
