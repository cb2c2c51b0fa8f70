/* test-digit-split.c — tests for the run-together digit solver
 *
 * The Pingtan figures are the t3/t4 runs of the text copies of the Pingtan
 * reports (2019, 2021–2023), typed in as digit strings, with the values the
 * tables really hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-digit-split.h"

#define N_T3_COLUMNS 7
#define T3_TOTAL 6
#define N_T4_CELLS 15

typedef struct
{
  const char *run;
  gint64      cells[N_T3_COLUMNS];
} PingtanRow;

typedef struct
{
  int         year;
  guint       n_rows;
  PingtanRow  rows[25];
  const char *t4_run;
  gint64      t4[N_T4_CELLS];
} PingtanReport;

static const PingtanReport pingtan_2019 = {
  2019, 23,
  {
    { "230 000023",       { 23, 0, 0, 0, 0, 0, 23 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "7000007",          { 7, 0, 0, 0, 0, 0, 7 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "7000007",          { 7, 0, 0, 0, 0, 0, 7 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "5000005",          { 5, 0, 0, 0, 0, 0, 5 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "3000003",          { 3, 0, 0, 0, 0, 0, 3 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0 0 0 0 0 00",     { 0, 0, 0, 0, 0, 0, 0 } },
    { "23 0 00 0 023",    { 23, 0, 0, 0, 0, 0, 23 } },
    { "0 0 00 00 0",      { 0, 0, 0, 0, 0, 0, 0 } },
  },
  "000000000000000",
  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
};

static const PingtanReport pingtan_2021 = {
  2021, 25,
  {
    { "640020470",        { 64, 0, 0, 2, 0, 4, 70 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "270020130",        { 27, 0, 0, 2, 0, 1, 30 } },
    { "500000 5",         { 5, 0, 0, 0, 0, 0, 5 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "6000006",          { 6, 0, 0, 0, 0, 0, 6 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "220000325",        { 22, 0, 0, 0, 0, 3, 25 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "630020469",        { 63, 0, 0, 2, 0, 4, 69 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
  },
  "10203120001200000",
  { 1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0 },
};

static const PingtanReport pingtan_2022 = {
  2022, 25,
  {
    { "713000074",        { 71, 3, 0, 0, 0, 0, 74 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "210000021",        { 21, 0, 0, 0, 0, 0, 21 } },
    { "8100009",          { 8, 1, 0, 0, 0, 0, 9 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "2000002",          { 2, 0, 0, 0, 0, 0, 2 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "370000037",        { 37, 0, 0, 0, 0, 0, 37 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "2000002",          { 2, 0, 0, 0, 0, 0, 2 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0200002",          { 0, 2, 0, 0, 0, 0, 2 } },
    { "723000075",        { 72, 3, 0, 0, 0, 0, 75 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
  },
  "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
  { 0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
};

static const PingtanReport pingtan_2023 = {
  2023, 25,
  {
    { "801000081",        { 80, 1, 0, 0, 0, 0, 81 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "220000022",        { 22, 0, 0, 0, 0, 0, 22 } },
    { "191000020",        { 19, 1, 0, 0, 0, 0, 20 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "2000002",          { 2, 0, 0, 0, 0, 0, 2 } },
    { "310000031",        { 31, 0, 0, 0, 0, 0, 31 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
    { "1000001",          { 1, 0, 0, 0, 0, 0, 1 } },
    { "801000081",        { 80, 1, 0, 0, 0, 0, 81 } },
    { "0000000",          { 0, 0, 0, 0, 0, 0, 0 } },
  },
  "110024001510102",
  { 1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2 },
};

static const PingtanReport *pingtan_reports[] = {
  &pingtan_2019, &pingtan_2021, &pingtan_2022, &pingtan_2023,
};

/* Helpers */

static void
add_run_text (GkSplitProblem *problem,
              const char     *text,
              const guint    *vars,
              guint           n_vars)
{
  g_auto(GStrv) pieces = g_strsplit (text, " ", -1);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();

  for (guint i = 0; pieces[i] != NULL; i++)
    if (*pieces[i] != '\0')
      g_ptr_array_add (tokens, pieces[i]);
  g_ptr_array_add (tokens, NULL);
  g_assert_true (gk_split_problem_add_run (problem, (const char * const *) tokens->pdata, vars, n_vars));
}

/* total = sum of the cells before it */
static void
add_row_total (GkSplitProblem *problem,
               guint           first_var,
               guint           n_parts)
{
  guint parts[32];
  guint total = first_var + n_parts;

  g_assert_cmpuint (n_parts, <=, G_N_ELEMENTS (parts));
  for (guint i = 0; i < n_parts; i++)
    parts[i] = first_var + i;
  gk_split_problem_add_equation (problem, &total, 1, parts, n_parts);
}

static void
consecutive (guint *vars,
             guint  first,
             guint  n)
{
  for (guint i = 0; i < n; i++)
    vars[i] = first + i;
}

static void
assert_values (const gint64 *values,
               const gint64 *expected,
               guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      if (values[i] != expected[i])
        g_test_message ("value %u: %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                        i, values[i], expected[i]);
      g_assert_cmpint (values[i], ==, expected[i]);
    }
}

static void
assert_differs (const gboolean *differs,
                const guint    *expected,
                guint           n_expected,
                guint           n_vars)
{
  for (guint i = 0; i < n_vars; i++)
    {
      gboolean listed = FALSE;

      for (guint k = 0; k < n_expected; k++)
        listed |= expected[k] == i;
      if (differs[i] != listed)
        g_test_message ("var %u differs: %d, expected %d", i, differs[i], listed);
      g_assert_cmpint (differs[i], ==, listed);
    }
}

/* One 7-cell run with its row total, the commonest case. */
static GkSplitProblem *
row_problem (const char *run,
             gboolean    with_total)
{
  GkSplitProblem *problem = gk_split_problem_new (N_T3_COLUMNS);
  guint vars[N_T3_COLUMNS];

  consecutive (vars, 0, N_T3_COLUMNS);
  add_run_text (problem, run, vars, N_T3_COLUMNS);
  if (with_total)
    add_row_total (problem, 0, T3_TOTAL);
  return problem;
}

/* Counting */

static void
test_count_ways (void)
{
  g_assert_cmpuint (gk_split_count_ways ("640020470", 7), ==, 12);
  g_assert_cmpuint (gk_split_count_ways ("500000 5", 7), ==, 1);
  g_assert_cmpuint (gk_split_count_ways ("230 000023", 7), ==, 3);
  g_assert_cmpuint (gk_split_count_ways ("1234567890", 7), ==, 84);
  g_assert_cmpuint (gk_split_count_ways ("10203120001200000", 15), ==, 25);
  g_assert_cmpuint (gk_split_count_ways ("0123", 3), ==, 2);
  g_assert_cmpuint (gk_split_count_ways ("0123", 4), ==, 1);
  g_assert_cmpuint (gk_split_count_ways ("0123", 5), ==, 0);
  g_assert_cmpuint (gk_split_count_ways ("100", 2), ==, 1);
  g_assert_cmpuint (gk_split_count_ways ("999999999999999999", 1), ==, 1);
  g_assert_cmpuint (gk_split_count_ways ("9999999999999999999", 1), ==, 0);
  g_assert_cmpuint (gk_split_count_ways ("1234567890123456789", 2), ==, 17);
  g_assert_cmpuint (gk_split_count_ways ("1234567891234567891234567891234567891234", 7), ==, 2882775);
  g_assert_cmpuint (gk_split_count_ways ("1234567891234567891234567891234567891234"
                                         "56789123456789123456", 25), ==,
                    G_GUINT64_CONSTANT (21627642877292205));
  g_assert_cmpuint (gk_split_count_ways ("  12\t3 ", 2), ==, 1);
  g_assert_cmpuint (gk_split_count_ways ("12a", 2), ==, 0);
  g_assert_cmpuint (gk_split_count_ways ("", 0), ==, 1);
  g_assert_cmpuint (gk_split_count_ways ("1 2", 1), ==, 0);
}

/* Single runs */

static void
test_row_unique_by_total (void)
{
  g_autoptr(GkSplitProblem) problem = row_problem ("640020470", TRUE);
  static const gint64 expected[] = { 64, 0, 0, 2, 0, 4, 70 };
  gint64 values[N_T3_COLUMNS];
  gboolean differs[N_T3_COLUMNS];

  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_UNIQUE);
  assert_values (values, expected, N_T3_COLUMNS);
  assert_differs (differs, NULL, 0, N_T3_COLUMNS);
}

static void
test_row_without_total (void)
{
  g_autoptr(GkSplitProblem) problem = row_problem ("640020470", FALSE);
  /* the first two of the 12 readings, in order of increasing first cell */
  static const gint64 expected[] = { 6, 4, 0, 0, 2, 0, 470 };
  static const guint expected_differs[] = { 4, 5, 6 };
  gint64 values[N_T3_COLUMNS];
  gboolean differs[N_T3_COLUMNS];

  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_AMBIGUOUS);
  assert_values (values, expected, N_T3_COLUMNS);
  /* second reading: 6 4 0 0 20 4 70 */
  assert_differs (differs, expected_differs, G_N_ELEMENTS (expected_differs), N_T3_COLUMNS);
}

static void
test_row_ambiguous_by_total (void)
{
  /* 2 7 0 0 20 1 30 and 27 0 0 2 0 1 30 both add up */
  g_autoptr(GkSplitProblem) problem = row_problem ("270020130", TRUE);
  static const gint64 expected[] = { 2, 7, 0, 0, 20, 1, 30 };
  static const guint expected_differs[] = { 0, 1, 3, 4 };
  gint64 values[N_T3_COLUMNS];
  gboolean differs[N_T3_COLUMNS];

  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_AMBIGUOUS);
  assert_values (values, expected, N_T3_COLUMNS);
  assert_differs (differs, expected_differs, G_N_ELEMENTS (expected_differs), N_T3_COLUMNS);
}

static void
test_tokens (void)
{
  static const gint64 partial[] = { 5, 0, 0, 0, 0, 0, 5 };
  static const gint64 new_2019[] = { 23, 0, 0, 0, 0, 0, 23 };
  gint64 values[N_T3_COLUMNS];

  /* Tokens never merge: 「500000 5」 has one reading, without any equation. */
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("500000 5", FALSE);

    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
    assert_values (values, partial, N_T3_COLUMNS);
  }
  /* 「230 000023」: three readings, one adds up. */
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("230 000023", FALSE);

    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_AMBIGUOUS);
  }
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("230 000023", TRUE);

    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
    assert_values (values, new_2019, N_T3_COLUMNS);
  }
  /* more tokens than cells, fewer digits than cells */
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("1 2 3 4 5 6 7 8", FALSE);

    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("123456", FALSE);

    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }
}

static void
test_none (void)
{
  /* 1+2+3+4+5+6 is not 7 */
  g_autoptr(GkSplitProblem) problem = row_problem ("1234567", TRUE);
  gint64 values[N_T3_COLUMNS] = { -2, -2, -2, -2, -2, -2, -2 };
  gboolean differs[N_T3_COLUMNS] = { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };

  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_NONE);
  /* values untouched, differs cleared */
  g_assert_cmpint (values[0], ==, -2);
  assert_differs (differs, NULL, 0, N_T3_COLUMNS);
}

static void
test_max_digits (void)
{
  guint var = 0, two[] = { 0, 1 };
  gint64 values[2];

  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (1);
    const char *tokens[] = { "999999999999999999", NULL };

    gk_split_problem_add_run (problem, tokens, &var, 1);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
    g_assert_cmpint (values[0], ==, G_GINT64_CONSTANT (999999999999999999));
  }
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (1);
    const char *tokens[] = { "1234567890123456789", NULL };

    gk_split_problem_add_run (problem, tokens, &var, 1);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }
  /* 19 digits into 2 cells: no cut leaves a cell over 18 digits, and all
   * but the cut before the 0 are readings; the first found is 1 | … */
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (2);
    const char *tokens[] = { "1234567890123456789", NULL };

    gk_split_problem_add_run (problem, tokens, two, 2);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_AMBIGUOUS);
    g_assert_cmpint (values[0], ==, 1);
    g_assert_cmpint (values[1], ==, G_GINT64_CONSTANT (234567890123456789));
  }
}

/* The readings of all runs together: a product that saturates, never wraps. */
static void
test_problem_count_ways (void)
{
  static const char long_run[] = "1234567891234567891234567891234567891234";  /* 2882775 ways */
  guint vars[3 * N_T3_COLUMNS];

  consecutive (vars, 0, G_N_ELEMENTS (vars));
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (G_N_ELEMENTS (vars));

    g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, 1);
    add_run_text (problem, "640020470", vars, N_T3_COLUMNS);
    g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, 12);
    add_run_text (problem, "230 000023", vars + N_T3_COLUMNS, N_T3_COLUMNS);
    g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, 36);
  }
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (G_N_ELEMENTS (vars));

    add_run_text (problem, long_run, vars, N_T3_COLUMNS);
    add_run_text (problem, long_run, vars + N_T3_COLUMNS, N_T3_COLUMNS);
    g_assert_cmpuint (gk_split_problem_count_ways (problem), ==,
                      G_GUINT64_CONSTANT (2882775) * G_GUINT64_CONSTANT (2882775));
    /* 2882775³ ≈ 2.4e19 is past G_MAXUINT64: a plain product would wrap to
     * about 5.5e18 and understate the count */
    add_run_text (problem, long_run, vars + 2 * N_T3_COLUMNS, N_T3_COLUMNS);
    g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, G_MAXUINT64);
  }
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (G_N_ELEMENTS (vars));

    /* a run that cannot be read makes the whole count 0, never 1 */
    add_run_text (problem, "0123", vars, 5);
    add_run_text (problem, "640020470", vars + 5, N_T3_COLUMNS);
    g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, 0);
  }
}

/* A run the solver cannot read is refused, and nothing of it is kept. */
static void
test_add_run_refused (void)
{
  g_autoptr(GkSplitProblem) problem = gk_split_problem_new (N_T3_COLUMNS);
  const char *full_width[] = { "６４００２０４７０", NULL };
  guint vars[N_T3_COLUMNS];
  gint64 values[N_T3_COLUMNS];

  consecutive (vars, 0, N_T3_COLUMNS);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*is_digit_string*");
  g_assert_false (gk_split_problem_add_run (problem, full_width, vars, N_T3_COLUMNS));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, 1);

  /* the variables are still free: the same cells take the folded run */
  add_run_text (problem, "640020470", vars, N_T3_COLUMNS);
  add_row_total (problem, 0, T3_TOTAL);
  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
  assert_values (values, (const gint64[]) { 64, 0, 0, 2, 0, 4, 70 }, N_T3_COLUMNS);
  g_assert_cmpuint (gk_split_problem_count_ways (problem), ==, 12);
}

/* Fixed and free variables */

static void
test_fixed (void)
{
  gint64 values[N_T3_COLUMNS + 1];
  gboolean differs[N_T3_COLUMNS + 1];

  /* the ambiguous 270020130 settled by a value read elsewhere */
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("270020130", TRUE);
    static const gint64 expected[] = { 27, 0, 0, 2, 0, 1, 30 };

    gk_split_problem_fix (problem, 0, 27);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_UNIQUE);
    assert_values (values, expected, N_T3_COLUMNS);
  }
  {
    g_autoptr(GkSplitProblem) problem = row_problem ("270020130", TRUE);

    gk_split_problem_fix (problem, 0, 5);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }

  /* A fixed variable outside the run, equal to the run's last cell:
   * 6 4 0 0 20 4 70, 6 40 0 2 0 4 70 and 64 0 0 2 0 4 70 end in 70. */
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (N_T3_COLUMNS + 1);
    guint vars[N_T3_COLUMNS], total = 6, known = 7;
    static const gint64 expected[] = { 6, 4, 0, 0, 20, 4, 70, 70 };
    static const guint expected_differs[] = { 1, 3, 4 };

    consecutive (vars, 0, N_T3_COLUMNS);
    add_run_text (problem, "640020470", vars, N_T3_COLUMNS);
    gk_split_problem_fix (problem, known, 70);
    gk_split_problem_add_equation (problem, &total, 1, &known, 1);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_AMBIGUOUS);
    assert_values (values, expected, N_T3_COLUMNS + 1);
    assert_differs (differs, expected_differs, G_N_ELEMENTS (expected_differs), N_T3_COLUMNS + 1);

    /* and with the row total too, only 64 0 0 2 0 4 70 remains */
    add_row_total (problem, 0, T3_TOTAL);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
    g_assert_cmpint (values[0], ==, 64);
    g_assert_cmpint (values[7], ==, 70);
  }
}

static void
test_free (void)
{
  g_autoptr(GkSplitProblem) problem = gk_split_problem_new (N_T3_COLUMNS + 1);
  guint vars[N_T3_COLUMNS], total = 6, rhs[T3_TOTAL + 1];
  gint64 values[N_T3_COLUMNS + 1];

  /* total = parts + x7, x7 unknown: the equation says nothing */
  consecutive (vars, 0, N_T3_COLUMNS);
  consecutive (rhs, 0, T3_TOTAL + 1);
  rhs[T3_TOTAL] = 7;
  add_run_text (problem, "640020470", vars, N_T3_COLUMNS);
  gk_split_problem_add_equation (problem, &total, 1, rhs, T3_TOTAL + 1);
  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_AMBIGUOUS);
  g_assert_cmpint (values[7], ==, -1);

  /* once x7 is known to be 0 it is the row total */
  gk_split_problem_fix (problem, 7, 0);
  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
  g_assert_cmpint (values[0], ==, 64);
  g_assert_cmpint (values[6], ==, 70);
  g_assert_cmpint (values[7], ==, 0);
}

/* Equations between fixed values only, with sums beyond gint64. */
static void
test_wide_sums (void)
{
  const gint64 big = G_GINT64_CONSTANT (900000000000000000);
  guint lhs[11], rhs[11], run_var = 22;
  const char *tokens[] = { "5", NULL };
  gint64 values[23];

  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (23);

    consecutive (lhs, 0, 11);
    consecutive (rhs, 11, 11);
    for (guint i = 0; i < 22; i++)
      gk_split_problem_fix (problem, i, big);
    gk_split_problem_add_run (problem, tokens, &run_var, 1);
    gk_split_problem_add_equation (problem, lhs, 11, rhs, 11);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_UNIQUE);
    g_assert_cmpint (values[22], ==, 5);
    g_assert_cmpint (values[21], ==, big);

    gk_split_problem_fix (problem, 21, big + 1);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }
  /* 11 × 9e17 = 9.9e18 on one side against the run's values on the other */
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (13);
    const char *long_tokens[] = { "9900000000000000000", NULL };
    guint pair[] = { 11, 12 };

    consecutive (lhs, 0, 11);
    for (guint i = 0; i < 11; i++)
      gk_split_problem_fix (problem, i, big);
    gk_split_problem_add_run (problem, long_tokens, pair, 2);
    gk_split_problem_add_equation (problem, lhs, 11, pair, 2);
    /* the only readings, 9 | 900000000000000000 and 990000000000000000 | 0,
     * add up to far less than 9.9e18 */
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }
  /* 21 × 9e17 passes 2^64; a sum kept in 64 bits would wrap around to
   * 453255926290448384 and take the run for a match. */
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (22);
    const char *wrapped[] = { "453255926290448384", NULL };
    guint many[21], wrapped_var = 21;

    consecutive (many, 0, 21);
    for (guint i = 0; i < 21; i++)
      gk_split_problem_fix (problem, i, big);
    gk_split_problem_add_run (problem, wrapped, &wrapped_var, 1);
    gk_split_problem_add_equation (problem, many, 21, &wrapped_var, 1);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_NONE);
  }
}

/* Hostile input */

static void
test_gave_up (void)
{
  static const char digits[] = "123456789123456789123456789123456789123456789123456789123456";
  g_autoptr(GkSplitProblem) problem = gk_split_problem_new (25);
  const char *tokens[] = { digits, NULL };
  guint vars[25];
  gint64 values[25];

  g_assert_cmpuint (strlen (digits), ==, 60);
  consecutive (vars, 0, 25);
  gk_split_problem_add_run (problem, tokens, vars, 25);
  add_row_total (problem, 0, 24);
  g_assert_cmpint (gk_split_problem_solve (problem, 10000, values, NULL), ==, GK_SPLIT_GAVE_UP);
  g_assert_cmpuint (gk_split_problem_get_n_nodes (problem), >, 10000);
  g_assert_cmpuint (gk_split_problem_get_n_nodes (problem), <=, 10000 + 25);
}

static void
test_hostile_bounded (void)
{
  /* 2,882,775 readings; a brute force in python finds none that adds up */
  static const char digits[] = "1234567891234567891234567891234567891234";
  const char *tokens[] = { digits, NULL };
  guint vars[N_T3_COLUMNS];
  gint64 values[N_T3_COLUMNS];
  g_autoptr(GTimer) timer = g_timer_new ();

  consecutive (vars, 0, N_T3_COLUMNS);
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (N_T3_COLUMNS);

    gk_split_problem_add_run (problem, tokens, vars, N_T3_COLUMNS);
    add_row_total (problem, 0, T3_TOTAL);

    /* A small budget stops it where it says... */
    g_assert_cmpint (gk_split_problem_solve (problem, 100000, values, NULL), ==, GK_SPLIT_GAVE_UP);
    g_assert_cmpuint (gk_split_problem_get_n_nodes (problem), <=, 100000 + N_T3_COLUMNS);

    /* ...a large one gets the true answer. */
    g_timer_start (timer);
    g_assert_cmpint (gk_split_problem_solve (problem, 4000000, values, NULL), ==, GK_SPLIT_NONE);
    g_test_message ("40 digits into 7 with a row total: none, %" G_GUINT64_FORMAT " nodes, %.1f ms",
                    gk_split_problem_get_n_nodes (problem), g_timer_elapsed (timer, NULL) * 1000);
  }
  /* Without equations two readings are enough to know: no need to list all. */
  {
    g_autoptr(GkSplitProblem) problem = gk_split_problem_new (N_T3_COLUMNS);

    gk_split_problem_add_run (problem, tokens, vars, N_T3_COLUMNS);
    g_assert_cmpint (gk_split_problem_solve (problem, 0, values, NULL), ==, GK_SPLIT_AMBIGUOUS);
    g_assert_cmpuint (gk_split_problem_get_n_nodes (problem), <, 100);
  }
}

/* Pingtan */

static GkSplitProblem *
t3_problem (const PingtanReport *report,
            gboolean             with_columns)
{
  guint n_rows = report->n_rows;
  guint new_row = 0, carried_in = 1, results_total = n_rows - 2, carried_out = n_rows - 1;
  GkSplitProblem *problem = gk_split_problem_new (n_rows * N_T3_COLUMNS);

  for (guint r = 0; r < n_rows; r++)
    {
      guint vars[N_T3_COLUMNS];

      consecutive (vars, r * N_T3_COLUMNS, N_T3_COLUMNS);
      add_run_text (problem, report->rows[r].run, vars, N_T3_COLUMNS);
      add_row_total (problem, r * N_T3_COLUMNS, T3_TOTAL);
    }

  for (guint c = 0; c < N_T3_COLUMNS && with_columns; c++)
    {
      guint in[] = { new_row * N_T3_COLUMNS + c, carried_in * N_T3_COLUMNS + c };
      guint out[] = { results_total * N_T3_COLUMNS + c, carried_out * N_T3_COLUMNS + c };
      guint results[25];
      guint n_results = 0;

      gk_split_problem_add_equation (problem, in, 2, out, 2);
      for (guint r = carried_in + 1; r < results_total; r++)
        results[n_results++] = r * N_T3_COLUMNS + c;
      gk_split_problem_add_equation (problem, &out[0], 1, results, n_results);
    }

  return problem;
}

static void
test_pingtan_t3 (gconstpointer data)
{
  const PingtanReport *report = data;
  guint n_vars = report->n_rows * N_T3_COLUMNS;
  g_autoptr(GkSplitProblem) problem = t3_problem (report, TRUE);
  g_autofree gint64 *values = g_new (gint64, n_vars);
  g_autofree gboolean *differs = g_new (gboolean, n_vars);
  g_autoptr(GTimer) timer = g_timer_new ();
  GkSplitOutcome outcome;

  outcome = gk_split_problem_solve (problem, 0, values, differs);
  g_test_message ("Pingtan %d t3 (%u rows): %s in %" G_GUINT64_FORMAT " nodes, %.3f ms",
                  report->year, report->n_rows, gk_split_outcome_to_string (outcome),
                  gk_split_problem_get_n_nodes (problem), g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpint (outcome, ==, GK_SPLIT_UNIQUE);
  for (guint r = 0; r < report->n_rows; r++)
    assert_values (values + r * N_T3_COLUMNS, report->rows[r].cells, N_T3_COLUMNS);
  assert_differs (differs, NULL, 0, n_vars);
}

/* Row totals alone leave 2021's granted (27 0 0 2 0 1 30 or 2 7 0 0 20 1 30)
 * and unable_no_info (22 0 0 0 0 3 25 or 2 20 0 0 0 3 25) open; the column
 * identities settle them. */
static void
test_pingtan_2021_rows_alone (void)
{
  g_autoptr(GkSplitProblem) problem = t3_problem (&pingtan_2021, FALSE);
  guint n_vars = pingtan_2021.n_rows * N_T3_COLUMNS;
  g_autofree gint64 *values = g_new (gint64, n_vars);
  g_autofree gboolean *differs = g_new (gboolean, n_vars);
  const guint granted = 2 * N_T3_COLUMNS, unable_no_info = 12 * N_T3_COLUMNS;
  const guint expected_differs[] = {
    granted + 0, granted + 1, granted + 3, granted + 4,
    unable_no_info + 0, unable_no_info + 1,
  };

  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_AMBIGUOUS);
  assert_differs (differs, expected_differs, G_N_ELEMENTS (expected_differs), n_vars);
  g_assert_cmpint (values[granted], ==, 2);
  g_assert_cmpint (values[unable_no_info], ==, 2);
}

static void
test_pingtan_t4 (gconstpointer data)
{
  const PingtanReport *report = data;
  g_autoptr(GkSplitProblem) problem = gk_split_problem_new (N_T4_CELLS);
  guint vars[N_T4_CELLS];
  gint64 values[N_T4_CELLS];
  gboolean differs[N_T4_CELLS];

  consecutive (vars, 0, N_T4_CELLS);
  add_run_text (problem, report->t4_run, vars, N_T4_CELLS);
  for (guint g = 0; g < 3; g++)
    add_row_total (problem, g * 5, 4);

  g_assert_cmpint (gk_split_problem_solve (problem, 0, values, differs), ==, GK_SPLIT_UNIQUE);
  assert_values (values, report->t4, N_T4_CELLS);
  assert_differs (differs, NULL, 0, N_T4_CELLS);

  /* Without the group totals only the 15-digit runs are certain. */
  {
    g_autoptr(GkSplitProblem) bare = gk_split_problem_new (N_T4_CELLS);

    add_run_text (bare, report->t4_run, vars, N_T4_CELLS);
    g_assert_cmpint (gk_split_problem_solve (bare, 0, values, NULL), ==,
                     report->year == 2021 ? GK_SPLIT_AMBIGUOUS : GK_SPLIT_UNIQUE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/digit-split/count-ways", test_count_ways);
  g_test_add_func ("/digit-split/problem-count-ways", test_problem_count_ways);
  g_test_add_func ("/digit-split/add-run-refused", test_add_run_refused);
  g_test_add_func ("/digit-split/row/unique-by-total", test_row_unique_by_total);
  g_test_add_func ("/digit-split/row/without-total", test_row_without_total);
  g_test_add_func ("/digit-split/row/ambiguous-by-total", test_row_ambiguous_by_total);
  g_test_add_func ("/digit-split/tokens", test_tokens);
  g_test_add_func ("/digit-split/none", test_none);
  g_test_add_func ("/digit-split/max-digits", test_max_digits);
  g_test_add_func ("/digit-split/fixed", test_fixed);
  g_test_add_func ("/digit-split/free", test_free);
  g_test_add_func ("/digit-split/wide-sums", test_wide_sums);
  g_test_add_func ("/digit-split/gave-up", test_gave_up);
  g_test_add_func ("/digit-split/hostile-bounded", test_hostile_bounded);
  g_test_add_func ("/digit-split/pingtan/2021-rows-alone", test_pingtan_2021_rows_alone);
  for (guint i = 0; i < G_N_ELEMENTS (pingtan_reports); i++)
    {
      g_autofree char *t3_path = g_strdup_printf ("/digit-split/pingtan/%d/t3", pingtan_reports[i]->year);
      g_autofree char *t4_path = g_strdup_printf ("/digit-split/pingtan/%d/t4", pingtan_reports[i]->year);

      g_test_add_data_func (t3_path, pingtan_reports[i], test_pingtan_t3);
      g_test_add_data_func (t4_path, pingtan_reports[i], test_pingtan_t4);
    }

  return g_test_run ();
}
