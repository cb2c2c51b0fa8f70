/* test-scale.c — nice ticks, tick labels and the year axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>

#include "gk-scale.h"

/* Every tick must sit on a whole multiple of the step, the ends must cover
 * the range, and there must be no more ticks than asked for. */
static void
assert_ticks_sane (const GkScaleTicks *ticks,
                   double              lo,
                   double              hi,
                   guint               max_ticks)
{
  g_assert_cmpuint (ticks->n_ticks, >=, 2);
  g_assert_cmpuint (ticks->n_ticks, <=, MAX (max_ticks, 2));
  g_assert_true (ticks->mantissa == 1 || ticks->mantissa == 2 || ticks->mantissa == 5);
  g_assert_cmpfloat_with_epsilon (ticks->step, ticks->mantissa * pow (10, ticks->exponent),
                                  ticks->step * 1e-12);
  g_assert_cmpfloat (ticks->min, <=, lo);
  g_assert_cmpfloat (ticks->max, >=, hi);
  g_assert_cmpfloat_with_epsilon (gk_scale_ticks_value (ticks, 0), ticks->min, ticks->step * 1e-9);
  g_assert_cmpfloat_with_epsilon (gk_scale_ticks_value (ticks, ticks->n_ticks - 1), ticks->max,
                                  ticks->step * 1e-9);
  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      double count = gk_scale_ticks_value (ticks, i) / ticks->step;
      g_assert_cmpfloat_with_epsilon (count, round (count), 1e-6);
    }
}

static void
test_scale_nice_step (void)
{
  int mantissa, exponent;

  g_assert_cmpfloat (gk_scale_nice_step (1, &mantissa, &exponent), ==, 1);
  g_assert_cmpint (mantissa, ==, 1);
  g_assert_cmpint (exponent, ==, 0);
  g_assert_cmpfloat (gk_scale_nice_step (1.2, NULL, NULL), ==, 2);
  g_assert_cmpfloat (gk_scale_nice_step (2, NULL, NULL), ==, 2);
  g_assert_cmpfloat (gk_scale_nice_step (3, NULL, NULL), ==, 5);
  g_assert_cmpfloat (gk_scale_nice_step (7, &mantissa, &exponent), ==, 10);
  g_assert_cmpint (mantissa, ==, 1);
  g_assert_cmpint (exponent, ==, 1);
  g_assert_cmpfloat (gk_scale_nice_step (15078886.5, &mantissa, &exponent), ==, 2e7);
  g_assert_cmpint (mantissa, ==, 2);
  g_assert_cmpint (exponent, ==, 7);
  g_assert_cmpfloat_with_epsilon (gk_scale_nice_step (0.00031, &mantissa, &exponent), 0.0005, 1e-15);
  g_assert_cmpint (mantissa, ==, 5);
  g_assert_cmpint (exponent, ==, -4);
  /* Exactly on a power of ten, despite log10's rounding. */
  g_assert_cmpfloat_with_epsilon (gk_scale_nice_step (0.001, &mantissa, &exponent), 0.001, 1e-15);
  g_assert_cmpint (mantissa, ==, 1);
  g_assert_cmpint (exponent, ==, -3);
  g_assert_cmpfloat (gk_scale_nice_step (0, NULL, NULL), ==, 1);
  g_assert_cmpfloat (gk_scale_nice_step (-5, NULL, NULL), ==, 1);
  g_assert_cmpfloat (gk_scale_nice_step (NAN, NULL, NULL), ==, 1);
  g_assert_cmpfloat (gk_scale_nice_step (INFINITY, NULL, NULL), ==, 1);
}

static void
test_scale_counts (void)
{
  GkScaleTicks ticks;

  /* Applications received by one agency, 23 … 81, axis from 0. */
  g_assert_true (gk_scale_linear_ticks (23, 81, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  assert_ticks_sane (&ticks, 0, 81, 6);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 100);
  g_assert_cmpfloat (ticks.step, ==, 20);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);
  g_assert_cmpint (ticks.decimals, ==, 0);

  /* Without zero the axis hugs the data. */
  g_assert_true (gk_scale_linear_ticks (23, 81, 6, GK_SCALE_NONE, &ticks));
  assert_ticks_sane (&ticks, 23, 81, 6);
  g_assert_cmpfloat (ticks.min, ==, 20);
  g_assert_cmpfloat (ticks.max, ==, 100);

  /* Order of the ends does not matter. */
  g_assert_true (gk_scale_linear_ticks (81, 23, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 100);

  /* The maximum on a tick stays the top tick. */
  g_assert_true (gk_scale_linear_ticks (0, 100, 6, GK_SCALE_NONE, &ticks));
  g_assert_cmpfloat (ticks.max, ==, 100);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);
}

static void
test_scale_degenerate (void)
{
  GkScaleTicks ticks;

  /* min == max: room on both sides, the value inside. */
  g_assert_true (gk_scale_linear_ticks (5, 5, 6, GK_SCALE_NONE, &ticks));
  assert_ticks_sane (&ticks, 5, 5, 6);
  g_assert_cmpfloat (ticks.min, <, 5);
  g_assert_cmpfloat (ticks.max, >, 5);
  g_assert_cmpfloat (ticks.min, >, 0);

  g_assert_true (gk_scale_linear_ticks (5, 5, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, >=, 5);

  /* All zero: the axis is [0, 1], not a zero-height line. */
  g_assert_true (gk_scale_linear_ticks (0, 0, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  assert_ticks_sane (&ticks, 0, 1, 6);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 1);
  g_assert_cmpfloat (ticks.max - ticks.min, >, 0);

  /* Too few ticks asked for: two, the ends. */
  g_assert_true (gk_scale_linear_ticks (0, 81, 0, GK_SCALE_NONE, &ticks));
  assert_ticks_sane (&ticks, 0, 81, 2);
  g_assert_cmpuint (ticks.n_ticks, ==, 2);
}

static void
test_scale_negative (void)
{
  GkScaleTicks ticks;

  /* A year-over-year change can fall. */
  g_assert_true (gk_scale_linear_ticks (-37.5, 12, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  assert_ticks_sane (&ticks, -37.5, 12, 6);
  g_assert_cmpfloat (ticks.min, ==, -40);
  g_assert_cmpfloat (ticks.max, ==, 20);
  g_assert_cmpfloat (ticks.step, ==, 20);

  /* All negative, with zero: the top is 0. */
  g_assert_true (gk_scale_linear_ticks (-81, -23, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  g_assert_cmpfloat (ticks.min, ==, -100);
  g_assert_cmpfloat (ticks.max, ==, 0);

  g_assert_true (gk_scale_linear_ticks (-5, -5, 6, GK_SCALE_NONE, &ticks));
  assert_ticks_sane (&ticks, -5, -5, 6);
  g_assert_cmpfloat (ticks.max, <, 0);
}

static void
test_scale_huge_and_tiny (void)
{
  GkScaleTicks ticks;
  g_autofree char *top = NULL;

  /* Fees in yuan from a large city's report. */
  g_assert_true (gk_scale_linear_ticks (0, 75394432.52, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  assert_ticks_sane (&ticks, 0, 75394432.52, 6);
  g_assert_cmpfloat (ticks.step, ==, 2e7);
  g_assert_cmpfloat (ticks.max, ==, 8e7);
  g_assert_cmpuint (ticks.n_ticks, ==, 5);
  top = gk_scale_ticks_format (&ticks, ticks.n_ticks - 1, GK_SCALE_FORMAT_THOUSANDS);
  g_assert_cmpstr (top, ==, "80,000,000");

  /* Tiny decimals: steps of 0.00005 need five decimals. */
  g_assert_true (gk_scale_linear_ticks (0.0001, 0.0003, 6, GK_SCALE_NONE, &ticks));
  assert_ticks_sane (&ticks, 0.0001, 0.0003, 6);
  g_assert_cmpint (ticks.exponent, ==, -5);
  g_assert_cmpint (ticks.decimals, ==, 5);
  {
    g_autofree char *label = gk_scale_ticks_format (&ticks, 0, GK_SCALE_FORMAT_NONE);
    g_assert_cmpstr (label, ==, "0.00010");
  }

  /* Values far from zero, close together. */
  g_assert_true (gk_scale_linear_ticks (1e12, 1e12 + 30, 6, GK_SCALE_NONE, &ticks));
  assert_ticks_sane (&ticks, 1e12, 1e12 + 30, 6);
  g_assert_cmpfloat (ticks.step, ==, 10);

  /* Spans beyond double range fail safely. */
  g_assert_false (gk_scale_linear_ticks (-DBL_MAX, DBL_MAX, 6, GK_SCALE_NONE, &ticks));
  g_assert_cmpuint (ticks.n_ticks, >=, 2);
}

static void
test_scale_non_finite (void)
{
  GkScaleTicks ticks;
  double lo = NAN;
  double hi = NAN;

  /* No data: FALSE, but a usable [0, 1] axis. */
  g_assert_false (gk_scale_linear_ticks (NAN, NAN, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 1);
  g_assert_false (gk_scale_linear_ticks (-INFINITY, INFINITY, 6, GK_SCALE_NONE, &ticks));

  /* One end known: that value alone. */
  g_assert_true (gk_scale_linear_ticks (NAN, 40, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 40);
  g_assert_true (gk_scale_linear_ticks (40, INFINITY, 6, GK_SCALE_INCLUDE_ZERO, &ticks));
  g_assert_cmpfloat (ticks.max, ==, 40);

  /* The range accumulator skips NAN and inf. */
  gk_scale_range_add (&lo, &hi, NAN);
  g_assert_true (isnan (lo) && isnan (hi));
  gk_scale_range_add (&lo, &hi, 70);
  gk_scale_range_add (&lo, &hi, INFINITY);
  gk_scale_range_add (&lo, &hi, 23);
  gk_scale_range_add (&lo, &hi, -INFINITY);
  gk_scale_range_add (&lo, &hi, 81);
  g_assert_cmpfloat (lo, ==, 23);
  g_assert_cmpfloat (hi, ==, 81);
}

static void
test_scale_fraction_steps (void)
{
  GkScaleTicks ticks;
  const char *expected[] = { "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6" };

  /* Percentages 0 … 0.55: labels carry one decimal each, with no binary noise. */
  g_assert_true (gk_scale_linear_ticks (0, 0.55, 8, GK_SCALE_INCLUDE_ZERO, &ticks));
  assert_ticks_sane (&ticks, 0, 0.55, 8);
  g_assert_cmpuint (ticks.n_ticks, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      g_autofree char *label = gk_scale_ticks_format (&ticks, i, GK_SCALE_FORMAT_NONE);
      g_assert_cmpstr (label, ==, expected[i]);
    }
  g_assert_cmpfloat (gk_scale_ticks_value (&ticks, 3), ==, 0.3);
}

static void
test_scale_map (void)
{
  GkScaleTicks ticks;

  g_assert_true (gk_scale_linear_ticks (0, 100, 6, GK_SCALE_NONE, &ticks));
  /* A y axis: the minimum at the bottom pixel. */
  g_assert_cmpfloat (gk_scale_ticks_map (&ticks, 0, 500, 100), ==, 500);
  g_assert_cmpfloat (gk_scale_ticks_map (&ticks, 100, 500, 100), ==, 100);
  g_assert_cmpfloat (gk_scale_ticks_map (&ticks, 25, 500, 100), ==, 400);
  g_assert_cmpfloat (gk_scale_ticks_map (&ticks, 150, 500, 100), ==, -100);
}

static void
test_scale_format (void)
{
  struct
  {
    double      value;
    int         decimals;
    GkScaleFormatFlags flags;
    const char *expected;
  } cases[] = {
    { 23, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "23" },
    { 0, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "0" },
    { 0.5, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "0.5" },
    { 0.1 + 0.2, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "0.3" },
    { 75394432.52, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "75394432.52" },
    { 75394432.52, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_THOUSANDS, "75,394,432.52" },
    { -1234567, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_THOUSANDS, "-1,234,567" },
    { 999, 0, GK_SCALE_FORMAT_THOUSANDS, "999" },
    { 1000, 0, GK_SCALE_FORMAT_THOUSANDS, "1,000" },
    { 100000, 0, GK_SCALE_FORMAT_THOUSANDS, "100,000" },
    { 12.5, 2, GK_SCALE_FORMAT_NONE, "12.50" },
    { 12.345, 1, GK_SCALE_FORMAT_NONE, "12.3" },
    { -0.0001, 2, GK_SCALE_FORMAT_NONE, "0.00" },
    { -0.0, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "0" },
    { 1e-7, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "0" },
    { 0.000125, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_NONE, "0.000125" },
    { NAN, 0, GK_SCALE_FORMAT_NONE, "—" },
    { INFINITY, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_THOUSANDS, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gk_scale_format_value (cases[i].value, cases[i].decimals, cases[i].flags);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_scale_format_locale (void)
{
  const char *comma_locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8", "es_ES.UTF-8" };
  g_autofree char *text = NULL;
  gboolean switched = FALSE;

  /* A locale with a decimal comma must not leak into the labels. */
  for (guint i = 0; i < G_N_ELEMENTS (comma_locales) && !switched; i++)
    switched = setlocale (LC_NUMERIC, comma_locales[i]) != NULL;
  if (!switched)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }
  text = gk_scale_format_value (1234.5, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_THOUSANDS);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (text, ==, "1,234.5");
}

static void
test_scale_years (void)
{
  /* Five years, wide slots: every year. */
  g_assert_cmpuint (gk_scale_year_step (5, 120, 40), ==, 1);
  /* Slots narrower than a label: every 2nd, then every 5th year. */
  g_assert_cmpuint (gk_scale_year_step (16, 40, 40), ==, 2);
  g_assert_cmpuint (gk_scale_year_step (16, 15, 40), ==, 5);
  g_assert_cmpuint (gk_scale_year_step (100, 4, 40), ==, 20);
  /* Never so coarse that no year is labelled. */
  g_assert_cmpuint (gk_scale_year_step (5, 1, 40), ==, 5);
  g_assert_cmpuint (gk_scale_year_step (3, 1, 40), ==, 2);
  g_assert_cmpuint (gk_scale_year_step (1, 1, 40), ==, 1);
  g_assert_cmpuint (gk_scale_year_step (0, 0, 40), ==, 1);

  g_assert_true (gk_scale_year_is_labelled (2019, 1));
  g_assert_true (gk_scale_year_is_labelled (2020, 2));
  g_assert_false (gk_scale_year_is_labelled (2021, 2));
  g_assert_true (gk_scale_year_is_labelled (2015, 5));
  g_assert_false (gk_scale_year_is_labelled (2019, 5));

  /* Any run of @step years holds a labelled one. */
  for (guint step = 1; step <= 10; step++)
    for (int start = 2008; start < 2030; start++)
      {
        gboolean any = FALSE;
        for (int year = start; year < start + (int) step; year++)
          any |= gk_scale_year_is_labelled (year, step);
        g_assert_true (any);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scale/nice-step", test_scale_nice_step);
  g_test_add_func ("/scale/counts", test_scale_counts);
  g_test_add_func ("/scale/degenerate", test_scale_degenerate);
  g_test_add_func ("/scale/negative", test_scale_negative);
  g_test_add_func ("/scale/huge-and-tiny", test_scale_huge_and_tiny);
  g_test_add_func ("/scale/non-finite", test_scale_non_finite);
  g_test_add_func ("/scale/fraction-steps", test_scale_fraction_steps);
  g_test_add_func ("/scale/map", test_scale_map);
  g_test_add_func ("/scale/format", test_scale_format);
  g_test_add_func ("/scale/format-locale", test_scale_format_locale);
  g_test_add_func ("/scale/years", test_scale_years);
  return g_test_run ();
}
