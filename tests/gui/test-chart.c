/* test-chart.c — the GkChart widget under Xvfb: drawing, keyboard,
 * pointer, activation, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gk-chart.h"
#include "gk-test-gui.h"

typedef struct
{
  GkApplication *app;
  GtkWindow   *window;
  GkChart     *chart;
  GkSeriesSet *set;
  GArray      *activated;  /* of Activation */
} Fixture;

typedef struct
{
  gint64 report_id;
  int    year;
} Activation;

static GkSeriesSet *
make_set (void)
{
  GkSeriesSet *set = gk_series_set_new ("t3.received", "收到申请数", "申请数", "件");
  GkSeries *pingtan = gk_series_set_add_series (set, "pingtan", "平潭综合实验区");
  GkSeries *fuzhou = gk_series_set_add_series (set, "fuzhou", "福州市");
  const double fuzhou_values[] = { 150, 160, 155, 170, 165 };

  gk_series_add_point (pingtan, 2019, 23, 19, "平潭综合实验区 2019 · page.html", NULL);
  gk_series_add_point (pingtan, 2020, NAN, 20, "平潭综合实验区 2020 · page.html", NULL);
  gk_series_add_point (pingtan, 2021, 70, 21, "平潭综合实验区 2021 · page.html", "表三：总数不等于各项之和");
  gk_series_add_point (pingtan, 2022, 74, 22, "平潭综合实验区 2022 · page.html", NULL);
  gk_series_add_point (pingtan, 2023, 81, 23, "平潭综合实验区 2023 · page.html", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fuzhou_values); i++)
    gk_series_add_point (fuzhou, 2019 + i, fuzhou_values[i], 100 + i, NULL, NULL);
  return set;
}

static void
on_point_activated (GkChart *chart,
                    gint64   report_id,
                    int      year,
                    Fixture *fixture)
{
  Activation activation = { report_id, year };

  g_array_append_val (fixture->activated, activation);
}

static gboolean
chart_is_drawn (gpointer data)
{
  GkChart *chart = data;

  return gtk_widget_get_mapped (GTK_WIDGET (chart))
         && gk_chart_hits_get_n_hits (gk_chart_get_hits (chart)) > 0;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  /* The application brings libadwaita's stylesheet, as in the real program. */
  fixture->app = gk_test_gui_application ();
  fixture->set = make_set ();
  fixture->activated = g_array_new (FALSE, FALSE, sizeof (Activation));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 720, 440);
  fixture->chart = GK_CHART (gk_chart_new ());
  g_object_set (fixture->chart, "series-set", fixture->set, NULL);
  g_signal_connect (fixture->chart, "point-activated", G_CALLBACK (on_point_activated), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->chart));
  gtk_window_present (fixture->window);
  g_assert_true (gk_test_gui_wait_until (chart_is_drawn, fixture->chart, 5000));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->set, gk_series_set_unref);
  g_clear_pointer (&fixture->activated, g_array_unref);
  g_clear_object (&fixture->app);
}

static void
assert_highlight (GkChart *chart,
                  guint    expected_series,
                  guint    expected_point)
{
  guint series, point;

  g_assert_true (gk_chart_get_highlight (chart, &series, &point));
  g_assert_cmpuint (series, ==, expected_series);
  g_assert_cmpuint (point, ==, expected_point);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->chart), action, NULL));
}

static void
test_chart_draws (Fixture       *fixture,
                  gconstpointer  data)
{
  const GkChartHits *hits = gk_chart_get_hits (fixture->chart);
  GkSeriesSet *set = NULL;
  GkChartKind kind;
  g_autofree char *png = NULL;

  g_object_get (fixture->chart, "series-set", &set, "kind", &kind, NULL);
  g_assert_true (set == fixture->set);
  g_assert_cmpint (kind, ==, GK_CHART_KIND_LINE);
  gk_series_set_unref (set);

  /* 4 + 5 points drawn; the gap is not. */
  g_assert_cmpuint (gk_chart_hits_get_n_hits (hits), ==, 9);
  g_assert_null (gk_chart_hits_find (hits, 0, 1));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fixture->chart)));

  gk_test_gui_settle (200);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), "chart-widget-line");
  g_test_message ("screenshot: %s", png);
}

static void
test_chart_keyboard (Fixture       *fixture,
                     gconstpointer  data)
{
  Activation *activation;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->chart));
  g_assert_false (gk_chart_get_highlight (fixture->chart, NULL, NULL));

  /* Right lands on the first point, then skips the 2020 gap. */
  activate (fixture, "chart.next-point");
  assert_highlight (fixture->chart, 0, 0);
  activate (fixture, "chart.next-point");
  assert_highlight (fixture->chart, 0, 2);
  activate (fixture, "chart.previous-point");
  assert_highlight (fixture->chart, 0, 0);
  /* At an end, stay. */
  activate (fixture, "chart.previous-point");
  assert_highlight (fixture->chart, 0, 0);
  activate (fixture, "chart.last-point");
  assert_highlight (fixture->chart, 0, 4);
  activate (fixture, "chart.first-point");
  assert_highlight (fixture->chart, 0, 0);

  /* Enter opens the report of the highlighted point. */
  activate (fixture, "chart.next-point");
  activate (fixture, "chart.activate-point");
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  activation = &g_array_index (fixture->activated, Activation, 0);
  g_assert_cmpint (activation->report_id, ==, 21);
  g_assert_cmpint (activation->year, ==, 2021);

  /* Down goes to the next agency, same year. */
  activate (fixture, "chart.next-series");
  assert_highlight (fixture->chart, 1, 2);
  activate (fixture, "chart.activate-point");
  g_assert_cmpuint (fixture->activated->len, ==, 2);
  activation = &g_array_index (fixture->activated, Activation, 1);
  g_assert_cmpint (activation->report_id, ==, 102);
  g_assert_cmpint (activation->year, ==, 2021);
  activate (fixture, "chart.next-series");
  assert_highlight (fixture->chart, 1, 2);

  /* Up from 2020, where 平潭 has no figure: the nearest year it has. */
  activate (fixture, "chart.previous-point");
  assert_highlight (fixture->chart, 1, 1);
  activate (fixture, "chart.previous-series");
  assert_highlight (fixture->chart, 0, 0);

  gk_test_gui_settle (100);
  {
    g_autofree char *png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), "chart-widget-keyboard");
    g_test_message ("screenshot: %s", png);
  }
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

static void
test_chart_pointer (Fixture       *fixture,
                    gconstpointer  data)
{
  const GkChartHits *hits = gk_chart_get_hits (fixture->chart);
  const GkChartHit *target = gk_chart_hits_find (hits, 1, 3);
  GtkEventController *motion = find_controller (GTK_WIDGET (fixture->chart),
                                                GTK_TYPE_EVENT_CONTROLLER_MOTION);
  GtkEventController *click = find_controller (GTK_WIDGET (fixture->chart), GTK_TYPE_GESTURE_CLICK);
  Activation *activation;
  g_autofree char *png = NULL;

  g_assert_nonnull (motion);
  g_assert_nonnull (click);

  /* Hovering near a point highlights it; far from all clears. */
  g_signal_emit_by_name (motion, "motion", target->x + 5, target->y + 4);
  assert_highlight (fixture->chart, 1, 3);
  gk_test_gui_settle (100);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), "chart-widget-hover");
  g_test_message ("screenshot: %s", png);

  g_signal_emit_by_name (motion, "motion", 3.0, 3.0);
  g_assert_false (gk_chart_get_highlight (fixture->chart, NULL, NULL));

  /* A click on a point activates it. */
  g_signal_emit_by_name (click, "released", 1, target->x, target->y);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  activation = &g_array_index (fixture->activated, Activation, 0);
  g_assert_cmpint (activation->report_id, ==, 103);
  g_assert_cmpint (activation->year, ==, 2022);

  /* A click on nothing does not. */
  g_signal_emit_by_name (click, "released", 1, 3.0, 3.0);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
}

static gboolean
hits_are_bars (gpointer data)
{
  const GkChartHits *hits = gk_chart_get_hits (GK_CHART (data));

  return gk_chart_hits_get_n_hits (hits) > 0 && gk_chart_hits_get_hit (hits, 0)->bar_width > 0;
}

static void
test_chart_bars_and_export (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *png = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gongkai-chart-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->chart), "chart.set-kind", "s", "bar"));
  g_assert_cmpint (gk_chart_get_kind (fixture->chart), ==, GK_CHART_KIND_BAR);
  g_assert_true (gk_test_gui_wait_until (hits_are_bars, fixture->chart, 5000));
  g_assert_cmpuint (gk_chart_hits_get_n_hits (gk_chart_get_hits (fixture->chart)), ==, 9);

  gk_chart_set_highlight (fixture->chart, 0, 2);
  gk_test_gui_settle (200);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), "chart-widget-bar");
  g_test_message ("screenshot: %s", png);

  g_assert_true (gk_chart_export_to_file (fixture->chart, GK_CHART_FORMAT_SVG, 640, 400, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "平潭综合实验区"));
  g_unlink (svg);
  g_rmdir (dir);

  /* A new set clears the highlight; no set draws "No data". */
  gk_chart_set_series_set (fixture->chart, NULL);
  g_assert_false (gk_chart_get_highlight (fixture->chart, NULL, NULL));
  activate (fixture, "chart.next-point");
  g_assert_false (gk_chart_get_highlight (fixture->chart, NULL, NULL));
  gk_test_gui_settle (100);
  g_assert_cmpuint (gk_chart_hits_get_n_hits (gk_chart_get_hits (fixture->chart)), ==, 0);
}

static void
test_chart_dark (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *png = NULL;

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  gk_chart_set_highlight (fixture->chart, 0, 2);
  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), "chart-widget-dark");
  g_test_message ("screenshot: %s", png);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add ("/chart/draws", Fixture, NULL, fixture_setup, test_chart_draws, fixture_teardown);
  g_test_add ("/chart/keyboard", Fixture, NULL, fixture_setup, test_chart_keyboard, fixture_teardown);
  g_test_add ("/chart/pointer", Fixture, NULL, fixture_setup, test_chart_pointer, fixture_teardown);
  g_test_add ("/chart/bars-and-export", Fixture, NULL, fixture_setup, test_chart_bars_and_export,
              fixture_teardown);
  g_test_add ("/chart/dark", Fixture, NULL, fixture_setup, test_chart_dark, fixture_teardown);
  return g_test_run ();
}
