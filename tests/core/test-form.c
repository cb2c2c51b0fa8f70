/* test-form.c — the form declaration: both versions' layouts, identities, metrics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-form.h"

static guint
count_cells (const GkFormLayout *layout,
             const char         *table,
             gboolean            with_optional)
{
  guint n = 0;

  for (guint i = 0; i < layout->n_cells; i++)
    if (g_str_equal (layout->cells[i].table->key, table)
        && (with_optional || !layout->cells[i].column->optional))
      n++;
  return n;
}

static void
test_form_layout_sizes (void)
{
  const GkFormLayout *v2021 = gk_form_get_layout (GK_FORM_2021);
  const GkFormLayout *v2019 = gk_form_get_layout (GK_FORM_2019);

  g_assert_nonnull (v2021);
  g_assert_nonnull (v2019);
  g_assert_null (gk_form_get_layout (GK_FORM_UNKNOWN));
  g_assert_null (gk_form_get_layout (GK_FORM_LEGACY));

  /* FORMAT.md: 2021 has 25 t3 rows × 7 = 175 cells, 2019 has 23 × 7 = 161 */
  g_assert_cmpuint (count_cells (v2021, "t3", FALSE), ==, 175);
  g_assert_cmpuint (count_cells (v2019, "t3", FALSE), ==, 161);
  g_assert_cmpuint (count_cells (v2021, "t3", TRUE), ==, 200);
  g_assert_cmpuint (count_cells (v2021, "t4", FALSE), ==, 15);
  g_assert_cmpuint (count_cells (v2019, "t4", FALSE), ==, 15);
  /* t2 2021: 2×3 + licensing + penalty + coercion + fees */
  g_assert_cmpuint (count_cells (v2021, "t2", FALSE), ==, 10);
  /* t2 2019: 2×3 + 4×3 + fees 2 + procurement 2 */
  g_assert_cmpuint (count_cells (v2019, "t2", FALSE), ==, 22);
}

static void
test_form_keys (void)
{
  const GkFormLayout *v2021 = gk_form_get_layout (GK_FORM_2021);
  const GkFormLayout *v2019 = gk_form_get_layout (GK_FORM_2019);
  const char * const in_2021[] = {
    "t2.rules.made", "t2.normative.in_force", "t2.fees.amount", "t3.new.natural",
    "t3.granted.natural", "t3.other_no_fee.total", "t3.other_other.total", "t3.carried_out.total",
    "t4.review.upheld", "t4.suit_after_review.total", NULL
  };
  const char * const in_2019[] = {
    "t2.rules.new_made", "t2.other_services.change", "t2.fees.prev_items", "t2.procurement.amount",
    "t3.other_handling.total", "t4.suit_direct.pending", NULL
  };

  for (guint i = 0; in_2021[i] != NULL; i++)
    {
      const GkFormCell *cell = gk_form_layout_lookup (v2021, in_2021[i]);
      g_assert_nonnull (cell);
      g_assert_cmpstr (cell->key, ==, in_2021[i]);
      g_assert_true (&v2021->cells[cell->index] == cell);
    }
  for (guint i = 0; in_2019[i] != NULL; i++)
    g_assert_nonnull (gk_form_layout_lookup (v2019, in_2019[i]));

  g_assert_null (gk_form_layout_lookup (v2021, "t3.other_handling.total"));
  g_assert_null (gk_form_layout_lookup (v2019, "t3.other_other.total"));
  g_assert_null (gk_form_layout_lookup (v2019, "t2.fees.amount"));
  g_assert_null (gk_form_layout_lookup (v2021, "t2.procurement.amount"));
  g_assert_cmpint (gk_form_layout_lookup (v2019, "t2.licensing.change")->column->value_class, ==,
                   GK_VALUE_CLASS_CHANGE);
  g_assert_cmpint (gk_form_layout_lookup (v2021, "t2.fees.amount")->column->value_class, ==,
                   GK_VALUE_CLASS_AMOUNT);
}

static guint
count_identities (const GkFormLayout *layout,
                  const char         *id)
{
  guint n = 0;

  for (guint i = 0; i < layout->n_identities; i++)
    if (g_str_equal (layout->identities[i].def->id, id))
      n++;
  return n;
}

static void
test_form_identities (void)
{
  const GkFormLayout *v2021 = gk_form_get_layout (GK_FORM_2021);
  const GkFormLayout *v2019 = gk_form_get_layout (GK_FORM_2019);

  g_assert_cmpuint (count_identities (v2021, "t3.balance"), ==, 7);
  g_assert_cmpuint (count_identities (v2021, "t3.results"), ==, 7);
  g_assert_cmpuint (count_identities (v2021, "t3.row_total"), ==, 25);
  g_assert_cmpuint (count_identities (v2019, "t3.row_total"), ==, 23);
  g_assert_cmpuint (count_identities (v2021, "t4.group_total"), ==, 3);

  for (guint i = 0; i < v2021->n_identities; i++)
    {
      const GkFormIdentityInstance *instance = &v2021->identities[i];

      if (!g_str_equal (instance->def->id, "t3.results"))
        continue;
      /* granted, partial, 8 denied, 3 unable, 5 unprocessed, 3 other handling */
      g_assert_cmpuint (instance->n_rhs, ==, 21);
    }
  for (guint i = 0; i < v2019->n_identities; i++)
    if (g_str_equal (v2019->identities[i].def->id, "t3.results"))
      g_assert_cmpuint (v2019->identities[i].n_rhs, ==, 19);
}

/* Finding a cell by its row and column gives the cell its key names; a
 * row the version lacks, or a column of another row, gives none. */
static void
test_form_find_by_position (void)
{
  const GkFormLayout *v2019 = gk_form_get_layout (GK_FORM_2019);
  const GkFormCell *no_fee = gk_form_layout_lookup (gk_form_get_layout (GK_FORM_2021), "t3.other_no_fee.total");
  const GkFormCell *review = gk_form_layout_lookup (v2019, "t4.review.upheld");

  for (GkFormVersion version = GK_FORM_2019; version <= GK_FORM_2021; version++)
    {
      const GkFormLayout *layout = gk_form_get_layout (version);

      for (guint i = 0; i < layout->n_cells; i++)
        g_assert_true (gk_form_layout_find (layout, layout->cells[i].row, layout->cells[i].column)
                       == &layout->cells[i]);
    }
  g_assert_null (gk_form_layout_find (v2019, no_fee->row, no_fee->column));
  g_assert_nonnull (review);
  g_assert_null (gk_form_layout_find (v2019, no_fee->row, review->column));
}

static void
test_form_sections_and_tables (void)
{
  guint n;
  const GkFormSection *sections = gk_form_get_sections (&n);

  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("s%u", i + 1);
      g_assert_cmpstr (sections[i].key, ==, key);
      g_assert_cmpuint (sections[i].number, ==, i + 1);
    }
  g_assert_cmpstr (sections[1].table, ==, "t2");
  g_assert_cmpstr (gk_form_get_table ("t4")->section, ==, "s4");
  g_assert_null (gk_form_get_table ("t9"));

  /* the order every per-table array follows */
  gk_form_get_tables (&n);
  g_assert_cmpuint (n, ==, GK_FORM_N_TABLES);
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      g_autofree char *key = g_strdup_printf ("t%u", t + 2);
      g_assert_cmpstr (gk_form_table_key (t), ==, key);
      g_assert_cmpint (gk_form_table_index (key), ==, t);
    }
  g_assert_cmpint (gk_form_table_index ("t9"), ==, -1);
  g_assert_cmpint (gk_form_table_index (NULL), ==, -1);
}

static void
test_form_metrics (void)
{
  guint n;
  const GkFormMetric *metrics = gk_form_get_metrics (&n);
  const GkFormMetric *rate = gk_form_get_metric ("review_correction_rate");
  const GkFormLayout *v2021 = gk_form_get_layout (GK_FORM_2021);
  const GkFormLayout *v2019 = gk_form_get_layout (GK_FORM_2019);

  g_assert_cmpuint (n, >=, 8);
  g_assert_nonnull (rate);
  g_assert_cmpstr (rate->unit, ==, "%");
  g_assert_nonnull (rate->denominator);
  g_assert_nonnull (gk_form_get_metric ("applications_received"));
  g_assert_nonnull (gk_form_get_metric ("granted_share"));
  g_assert_nonnull (gk_form_get_metric ("lawsuits"));
  g_assert_nonnull (gk_form_get_metric ("penalty_decisions"));
  g_assert_nonnull (gk_form_get_metric ("licensing_decisions"));
  g_assert_cmpuint (gk_form_get_metric ("fee_amount")->versions, ==, GK_FORM_BIT (GK_FORM_2021));

  /* every cell a metric names exists in each version the metric claims */
  for (guint i = 0; i < n; i++)
    for (GkFormVersion v = GK_FORM_2019; v <= GK_FORM_2021; v++)
      {
        const GkFormLayout *layout = v == GK_FORM_2019 ? v2019 : v2021;

        if ((metrics[i].versions & GK_FORM_BIT (v)) == 0)
          continue;
        for (guint k = 0; metrics[i].numerator[k] != NULL; k++)
          g_assert_nonnull (gk_form_layout_lookup (layout, metrics[i].numerator[k]));
        for (guint k = 0; metrics[i].denominator != NULL && metrics[i].denominator[k] != NULL; k++)
          g_assert_nonnull (gk_form_layout_lookup (layout, metrics[i].denominator[k]));
      }
}

static void
test_form_names (void)
{
  GkFormVersion version;

  g_assert_cmpstr (gk_form_version_to_string (GK_FORM_2021), ==, "2021");
  g_assert_true (gk_form_version_from_string ("legacy", &version));
  g_assert_cmpint (version, ==, GK_FORM_LEGACY);
  g_assert_false (gk_form_version_from_string ("2020", &version));
  g_assert_cmpstr (gk_severity_to_string (GK_SEVERITY_UNCERTAIN), ==, "uncertain");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/form/layout-sizes", test_form_layout_sizes);
  g_test_add_func ("/form/keys", test_form_keys);
  g_test_add_func ("/form/find-by-position", test_form_find_by_position);
  g_test_add_func ("/form/identities", test_form_identities);
  g_test_add_func ("/form/sections-and-tables", test_form_sections_and_tables);
  g_test_add_func ("/form/metrics", test_form_metrics);
  g_test_add_func ("/form/names", test_form_names);
  return g_test_run ();
}
