/* test-series.c — the chart's input: sets, series, points, ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-series.h"

static GkSeriesSet *
make_pingtan_set (void)
{
  GkSeriesSet *set = gk_series_set_new ("t3.received", "收到申请数", "申请数", "件");
  GkSeries *pingtan = gk_series_set_add_series (set, "pingtan", "平潭综合实验区");
  GkSeries *fuzhou = gk_series_set_add_series (set, "fuzhou", "福州市");

  /* Added out of order on purpose. */
  gk_series_add_point (pingtan, 2023, 81, 5, "平潭综合实验区 2023 · page.html", NULL);
  gk_series_add_point (pingtan, 2019, 23, 1, "平潭综合实验区 2019 · page.html", NULL);
  gk_series_add_point (pingtan, 2021, 70, 3, "平潭综合实验区 2021 · page.html",
                       "table 3: total ≠ sum of rows");
  gk_series_add_point (pingtan, 2022, 74, 4, "平潭综合实验区 2022 · page.html", NULL);
  gk_series_add_point (fuzhou, 2018, NAN, 10, "福州市 2018", NULL);
  gk_series_add_point (fuzhou, 2020, 150, 12, "福州市 2020", NULL);
  gk_series_add_point (fuzhou, 2021, INFINITY, 13, "福州市 2021", NULL);
  return set;
}

static void
test_series_points_sorted (void)
{
  g_autoptr(GkSeriesSet) set = make_pingtan_set ();
  GkSeries *pingtan = gk_series_set_get_series (set, 0);
  const int years[] = { 2019, 2021, 2022, 2023 };
  const GkSeriesPoint *point;

  g_assert_cmpstr (set->metric_key, ==, "t3.received");
  g_assert_cmpstr (set->unit, ==, "件");
  g_assert_cmpuint (gk_series_set_get_n_series (set), ==, 2);
  g_assert_cmpstr (pingtan->label, ==, "平潭综合实验区");
  g_assert_cmpuint (gk_series_get_n_points (pingtan), ==, G_N_ELEMENTS (years));
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    g_assert_cmpint (gk_series_get_point (pingtan, i)->year, ==, years[i]);

  point = gk_series_get_point (pingtan, 1);
  g_assert_cmpfloat (point->value, ==, 70);
  g_assert_cmpint (point->report_id, ==, 3);
  g_assert_cmpstr (point->report_label, ==, "平潭综合实验区 2021 · page.html");
  g_assert_cmpstr (point->problem, ==, "table 3: total ≠ sum of rows");
  g_assert_null (gk_series_get_point (pingtan, 0)->problem);

  g_assert_cmpint (gk_series_find_year (pingtan, 2022), ==, 2);
  g_assert_cmpint (gk_series_find_year (pingtan, 2020), ==, -1);
  g_assert_cmpint (gk_series_find_year (pingtan, 1999), ==, -1);
  g_assert_cmpint (gk_series_find_year (pingtan, 2030), ==, -1);

  g_assert_true (gk_series_set_get_point (set, 0, 1) == point);
  g_assert_null (gk_series_set_get_point (set, 0, 4));
  g_assert_null (gk_series_set_get_point (set, 2, 0));
}

static void
test_series_replace_year (void)
{
  g_autoptr(GkSeries) series = gk_series_new ("pingtan", NULL);
  GkSeriesPoint *point;

  g_assert_cmpstr (series->label, ==, "pingtan");
  gk_series_add_point (series, 2020, 1, 1, "old", "old problem");
  point = gk_series_add_point (series, 2020, 2, 2, "new", NULL);
  g_assert_cmpuint (gk_series_get_n_points (series), ==, 1);
  g_assert_cmpfloat (point->value, ==, 2);
  g_assert_cmpint (point->report_id, ==, 2);
  g_assert_cmpstr (point->report_label, ==, "new");
  g_assert_null (point->problem);
}

static void
test_series_add_existing_key (void)
{
  g_autoptr(GkSeriesSet) set = make_pingtan_set ();
  GkSeries *again = gk_series_set_add_series (set, "pingtan", "ignored");

  g_assert_true (again == gk_series_set_get_series (set, 0));
  g_assert_cmpstr (again->label, ==, "平潭综合实验区");
  g_assert_cmpuint (gk_series_set_get_n_series (set), ==, 2);
  g_assert_true (gk_series_set_find_series (set, "fuzhou") == gk_series_set_get_series (set, 1));
  g_assert_null (gk_series_set_find_series (set, "xiamen"));
}

static void
test_series_ranges (void)
{
  g_autoptr(GkSeriesSet) set = make_pingtan_set ();
  double min, max;
  int first, last;

  /* NAN and inf are skipped. */
  g_assert_true (gk_series_set_get_value_range (set, &min, &max));
  g_assert_cmpfloat (min, ==, 23);
  g_assert_cmpfloat (max, ==, 150);
  g_assert_true (gk_series_get_value_range (gk_series_set_get_series (set, 1), &min, &max));
  g_assert_cmpfloat (min, ==, 150);
  g_assert_cmpfloat (max, ==, 150);

  /* Gaps count for the x axis only when asked: 2018 is a NAN point. */
  g_assert_true (gk_series_set_get_year_range (set, TRUE, &first, &last));
  g_assert_cmpint (first, ==, 2018);
  g_assert_cmpint (last, ==, 2023);
  g_assert_true (gk_series_set_get_year_range (set, FALSE, &first, &last));
  g_assert_cmpint (first, ==, 2019);
  g_assert_cmpint (last, ==, 2023);

  g_assert_false (gk_series_set_is_empty (set));
  g_assert_true (gk_series_set_has_problems (set));
}

static void
test_series_empty (void)
{
  g_autoptr(GkSeriesSet) set = gk_series_set_new (NULL, NULL, NULL, NULL);
  GkSeries *gaps;
  double min = 0, max = 0;
  int first = 1, last = 1;

  g_assert_true (gk_series_set_is_empty (NULL));
  g_assert_true (gk_series_set_is_empty (set));
  g_assert_false (gk_series_set_get_value_range (set, &min, &max));
  g_assert_true (isnan (min) && isnan (max));
  g_assert_false (gk_series_set_get_year_range (set, TRUE, &first, &last));
  g_assert_cmpint (first, ==, 0);

  /* A series of gaps alone is still nothing to draw, and a problem on a
   * gap draws no mark. */
  gaps = gk_series_set_add_series (set, "gaps", "只有空缺");
  gk_series_add_point (gaps, 2020, NAN, 1, NULL, "broken");
  g_assert_true (gk_series_set_is_empty (set));
  g_assert_false (gk_series_set_has_problems (set));
  g_assert_true (gk_series_set_get_year_range (set, TRUE, &first, &last));
  g_assert_cmpint (first, ==, 2020);
  g_assert_false (gk_series_set_get_year_range (set, FALSE, NULL, NULL));
}

static void
test_series_boxed (void)
{
  g_autoptr(GkSeriesSet) set = make_pingtan_set ();
  g_auto(GValue) value = G_VALUE_INIT;
  GkSeriesSet *copy;

  g_assert_true (G_TYPE_IS_BOXED (GK_TYPE_SERIES_SET));
  g_value_init (&value, GK_TYPE_SERIES_SET);
  g_value_set_boxed (&value, set);
  /* Boxed copies share the set by reference. */
  copy = g_value_get_boxed (&value);
  g_assert_true (copy == set);
  copy = g_value_dup_boxed (&value);
  g_assert_true (copy == set);
  gk_series_set_unref (copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/points-sorted", test_series_points_sorted);
  g_test_add_func ("/series/replace-year", test_series_replace_year);
  g_test_add_func ("/series/add-existing-key", test_series_add_existing_key);
  g_test_add_func ("/series/ranges", test_series_ranges);
  g_test_add_func ("/series/empty", test_series_empty);
  g_test_add_func ("/series/boxed", test_series_boxed);
  return g_test_run ();
}
