/* test-check.c — every identity passes, fails and is uncertain; edits re-check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-check.h"

static void
set (GkReport   *report,
     const char *key,
     const char *raw)
{
  const GkFormCell *cell = gk_form_layout_lookup (report->layout, key);
  GkProvenance provenance = { GK_PROVENANCE_GRID, 0, 0, 0, 0, 0, 0, 0 };

  g_assert_nonnull (cell);
  gk_report_set_parsed (report, cell->index, raw, &provenance);
}

/* A report whose every identity holds: t3 with applications from natural
 * persons only, t4 all zero, t2 in_force consistent. */
static GkReport *
make_report (GkFormVersion version,
             int           year)
{
  GkReport *report = gk_report_new (GK_REPORT_KIND_REPORT, version);
  const GkFormLayout *layout = report->layout;

  report->year = year;
  for (guint t = 0; t < 3; t++)
    report->tables[t].status = GK_TABLE_STATUS_FOUND;
  for (guint i = 0; i < layout->n_cells; i++)
    if (!layout->cells[i].column->optional)
      set (report, layout->cells[i].key, "0");

  set (report, "t3.new.natural", "18");
  set (report, "t3.new.total", "18");
  set (report, "t3.carried_in.natural", "2");
  set (report, "t3.carried_in.total", "2");
  set (report, "t3.granted.natural", "10");
  set (report, "t3.granted.total", "10");
  set (report, "t3.unable_no_info.natural", "9");
  set (report, "t3.unable_no_info.total", "9");
  set (report, "t3.results_total.natural", "19");
  set (report, "t3.results_total.total", "19");
  set (report, "t3.carried_out.natural", "1");
  set (report, "t3.carried_out.total", "1");
  return report;
}

static GPtrArray *
check (GkReport *report)
{
  GPtrArray *findings = gk_check_report (report);

  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *f = g_ptr_array_index (findings, i);
      g_test_message ("%s [%s] %s | %s", gk_severity_to_string (f->severity), f->rule, f->message,
                      f->message_en);
    }
  return findings;
}

static GkFinding *
find (GPtrArray  *findings,
      const char *rule,
      const char *scope)
{
  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *f = g_ptr_array_index (findings, i);
      if (g_str_equal (f->rule, rule) && (scope == NULL || g_strcmp0 (f->scope, scope) == 0))
        return f;
    }
  return NULL;
}

static void
test_check_clean_reports (void)
{
  for (GkFormVersion v = GK_FORM_2019; v <= GK_FORM_2021; v++)
    {
      g_autoptr(GkReport) report = make_report (v, 2022);
      g_autoptr(GPtrArray) findings = check (report);

      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
test_check_t3_balance (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) findings = NULL;
  GkFinding *f;

  set (report, "t3.carried_out.natural", "3");
  set (report, "t3.carried_out.total", "3");
  findings = check (report);
  f = find (findings, "t3.balance", "natural");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_ERROR);
  g_assert_cmpfloat (f->actual, ==, 20);
  g_assert_cmpfloat (f->expected, ==, 22);
  g_assert_cmpstr (f->formula, ==, "18+2 = 20 ≠ 22 = 19+3");
  g_assert_nonnull (find (findings, "t3.balance", "total"));
  g_assert_null (find (findings, "t3.balance", "commercial"));
  g_assert_true (g_strv_contains ((const char * const *) f->cells, "t3.carried_out.natural"));
  g_assert_nonnull (strstr (f->message, "自然人"));
  g_assert_nonnull (strstr (f->message_en, "Natural persons"));
}

static void
test_check_t3_results_and_row_total (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) findings = NULL;
  GkFinding *f;

  /* one more denial, counted in its row but not in the totals */
  set (report, "t3.denied_secret.commercial", "1");
  findings = check (report);

  f = find (findings, "t3.results", "commercial");
  g_assert_nonnull (f);
  g_assert_cmpfloat (f->expected, ==, 1);
  g_assert_cmpfloat (f->actual, ==, 0);
  f = find (findings, "t3.row_total", "denied_secret");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->formula, ==, "0+1+0+0+0+0 = 1 ≠ 0");
  g_assert_nonnull (strstr (f->message, "属于国家秘密"));
  g_assert_null (find (findings, "t3.results", "natural"));
}

static void
test_check_t3_results_2019 (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2019, 2020);
  g_autoptr(GPtrArray) findings = NULL;

  set (report, "t3.other_handling.natural", "1");
  set (report, "t3.other_handling.total", "1");
  findings = check (report);
  g_assert_nonnull (find (findings, "t3.results", "natural"));
  g_assert_nonnull (find (findings, "t3.results", "total"));
  g_assert_cmpuint (findings->len, ==, 2);
}

static void
test_check_t4_group_total (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2023);
  g_autoptr(GPtrArray) findings = NULL;
  GkFinding *f;

  /* seed 003: pending 1, total 0 */
  set (report, "t4.review.pending", "1");
  findings = check (report);
  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (f->rule, ==, "t4.group_total");
  g_assert_cmpstr (f->scope, ==, "review");
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_ERROR);
  g_assert_cmpstr (f->formula, ==, "0+0+0+1 = 1 ≠ 0");
  g_assert_nonnull (strstr (f->message, "0+0+0+1 = 1 ≠ 0"));
  g_assert_nonnull (strstr (f->message, "行政复议"));
  {
    g_autofree char *id = gk_finding_dup_id (f);
    g_assert_cmpstr (id, ==, "t4.group_total:review");
  }
}

static void
test_check_uncertain (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) findings = NULL;
  GkFinding *f;

  set (report, "t4.suit_direct.corrected", "");   /* blank */
  set (report, "t4.suit_direct.other", "/");      /* not applicable */
  findings = check (report);
  f = find (findings, "t4.group_total", "suit_direct");
  g_assert_nonnull (f);
  g_assert_cmpstr (gk_finding_get_table (f), ==, "t4");
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_UNCERTAIN);
  g_assert_cmpuint (g_strv_length (f->missing), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) f->missing, "t4.suit_direct.corrected"));
  g_assert_true (g_strv_contains ((const char * const *) f->missing, "t4.suit_direct.other"));
  g_assert_nonnull (strstr (f->message_en, "t4.suit_direct.corrected"));
  g_assert_true (isnan (f->expected));
  g_assert_cmpstr (f->formula, ==, "?");
  /* missing is never a failure */
  g_assert_cmpuint (gk_findings_count (findings, NULL).errors, ==, 0);
  g_assert_cmpuint (gk_findings_count (findings, "t4").uncertain, ==, 1);
}

/* The wording of an uncertain finding, word for word, with one value
 * missing and with several. */
static void
test_check_uncertain_messages (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) findings = NULL;
  const GkFormIdentity *defs;
  const GkFormIdentity *def = NULL;
  guint n_defs;
  GkFinding *f;

  defs = gk_form_get_identities (&n_defs);
  for (guint i = 0; i < n_defs && def == NULL; i++)
    if (g_str_equal (defs[i].id, "t4.group_total"))
      def = &defs[i];
  g_assert_nonnull (def);

  set (report, "t4.suit_direct.corrected", "");
  set (report, "t4.suit_direct.other", "/");
  set (report, "t4.review.pending", "");
  findings = check (report);

  f = find (findings, "t4.group_total", "suit_direct");
  g_assert_nonnull (f);
  {
    g_autofree char *message = g_strdup_printf ("行政诉讼·未经复议直接起诉：无法核对「%s」，缺少 2 个数值："
                                                "t4.suit_direct.corrected, t4.suit_direct.other",
                                                def->text);
    g_autofree char *message_en = g_strdup_printf ("Lawsuits without prior reconsideration: cannot check "
                                                   "“%s”; 2 values are missing: "
                                                   "t4.suit_direct.corrected, t4.suit_direct.other",
                                                   def->text_en);
    g_assert_cmpstr (f->message, ==, message);
    g_assert_cmpstr (f->message_en, ==, message_en);
  }

  f = find (findings, "t4.group_total", "review");
  g_assert_nonnull (f);
  g_assert_cmpuint (g_strv_length (f->missing), ==, 1);
  g_assert_cmpstr (f->missing[0], ==, "t4.review.pending");
  /* a blank read as 0 makes 0 = 0 + 0 + 0 + 0 hold */
  g_assert_true (f->blanks_as_zero_hold);
  g_assert_true (g_str_has_suffix (f->message, "，缺少 1 个数值：t4.review.pending（空白若按 0 计则成立）"));
  g_assert_true (g_str_has_suffix (f->message_en, "; 1 value is missing: t4.review.pending "
                                                  "(it holds if blanks are read as 0)"));
}

static void
test_check_values (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2019, 2020);
  g_autoptr(GPtrArray) findings = NULL;
  GkFinding *f;

  set (report, "t2.licensing.change", "减4");     /* a change may be negative */
  set (report, "t2.procurement.amount", "251000元");
  set (report, "t2.penalty.decisions", "-3");
  set (report, "t2.coercion.decisions", "2.5");
  set (report, "t2.normative.new_made", "见附件");
  findings = check (report);

  g_assert_null (find (findings, "t2.value", "t2.licensing.change"));
  g_assert_null (find (findings, "t2.value", "t2.procurement.amount"));
  f = find (findings, "t2.value", "t2.penalty.decisions");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_ERROR);
  g_assert_nonnull (find (findings, "t2.value", "t2.coercion.decisions"));
  g_assert_nonnull (find (findings, "t2.value", "t2.normative.new_made"));
  g_assert_cmpuint (findings->len, ==, 3);

  {
    g_autoptr(GkReport) report2021 = make_report (GK_FORM_2021, 2022);
    g_autoptr(GPtrArray) findings2021 = NULL;

    set (report2021, "t2.fees.amount", "24252.311082");
    set (report2021, "t2.rules.made", "-1");
    findings2021 = check (report2021);
    g_assert_null (find (findings2021, "t2.value", "t2.fees.amount"));
    g_assert_nonnull (find (findings2021, "t2.value", "t2.rules.made"));
  }
}

static void
test_check_optional_subtotal (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) without = check (report);
  g_autoptr(GPtrArray) wrong = NULL;

  g_assert_null (find (without, "t3.subtotal", NULL));
  set (report, "t3.new.legal_subtotal", "5");
  wrong = check (report);
  g_assert_nonnull (find (wrong, "t3.subtotal", "new"));
  /* the subtotal is never taken for the total */
  g_assert_null (find (wrong, "t3.row_total", "new"));
}

static void
test_check_edit_overlay (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2023);
  const GkFormCell *total = gk_form_layout_lookup (report->layout, "t4.review.total");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;

  set (report, "t4.review.pending", "1");
  before = check (report);
  g_assert_cmpuint (before->len, ==, 1);

  gk_report_set_edit (report, total->index, "1", "page says 0; pending is 1", 1700000000000000);
  after = check (report);
  g_assert_cmpuint (after->len, ==, 0);
  /* the parsed value is kept beneath the edit */
  g_assert_cmpstr (report->cells[total->index].raw, ==, "0");
  g_assert_cmpfloat (report->cells[total->index].parsed.value, ==, 0);
  g_assert_cmpfloat (gk_report_get_value (report, total->index)->value, ==, 1);

  gk_report_clear_edit (report, total->index);
  undone = check (report);
  g_assert_cmpuint (undone->len, ==, 1);
}

/* Cells of a digit run have no value until reviewed: the table's review
 * finding names them, and the identities they belong to stay quiet. Once a
 * researcher edits such a cell to something that is still no number, its
 * absence is theirs, and the identities say so again. */
static void
test_check_digit_run_edited (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  const GkFormCell *natural = gk_form_layout_lookup (report->layout, "t3.granted.natural");
  const GkFormCell *total = gk_form_layout_lookup (report->layout, "t3.granted.total");
  GkProvenance run = { GK_PROVENANCE_DIGIT_RUN, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GkFinding *review;
  GkFinding *row_total;

  report->tables[1].status = GK_TABLE_STATUS_NEEDS_REVIEW;
  gk_report_set_parsed (report, natural->index, "", &run);
  gk_report_set_parsed (report, total->index, "", &run);
  before = check (report);
  review = find (before, "t3.review", NULL);
  g_assert_nonnull (review);
  g_assert_cmpuint (g_strv_length (review->cells), ==, 2);
  g_assert_null (find (before, "t3.row_total", "granted"));
  g_assert_cmpuint (gk_findings_count (before, "t3").uncertain, ==, 1);

  gk_report_set_edit (report, natural->index, "/", NULL, 1700000000000000);
  after = check (report);
  review = find (after, "t3.review", NULL);
  g_assert_nonnull (review);
  g_assert_cmpuint (g_strv_length (review->cells), ==, 1);
  g_assert_cmpstr (review->cells[0], ==, "t3.granted.total");
  row_total = find (after, "t3.row_total", "granted");
  g_assert_nonnull (row_total);
  g_assert_cmpint (row_total->severity, ==, GK_SEVERITY_UNCERTAIN);
  g_assert_true (g_strv_contains ((const char * const *) row_total->missing, "t3.granted.natural"));
}

static void
test_check_missing_table (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) findings = NULL;

  set (report, "t4.review.pending", "1");
  report->tables[2].status = GK_TABLE_STATUS_NOT_PRESENT;
  findings = check (report);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_check_prose (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2021);
  g_autoptr(GPtrArray) findings = NULL;
  GkProseFact *agrees = g_new0 (GkProseFact, 1);
  GkProseFact *differs = g_new0 (GkProseFact, 1);
  GkFinding *f;

  agrees->id = g_strdup ("prose.closed");
  agrees->cell = g_strdup ("t3.results_total.total");
  agrees->label = g_strdup ("办结");
  agrees->label_en = g_strdup ("applications closed");
  agrees->value = 19;
  agrees->text = g_strdup ("办结19件");
  differs->id = g_strdup ("prose.received");
  differs->cell = g_strdup ("t3.new.total");
  differs->label = g_strdup ("收到申请");
  differs->label_en = g_strdup ("applications received");
  differs->value = 68;
  differs->text = g_strdup ("依申请公开答复内容68条");
  gk_report_add_prose_fact (report, agrees);
  gk_report_add_prose_fact (report, differs);

  findings = check (report);
  g_assert_cmpuint (findings->len, ==, 1);
  f = find (findings, "prose.received", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_WARNING);
  g_assert_cmpstr (f->formula, ==, "68 ≠ 18");
  /* its badge goes with the table cell it contradicts, not the prose */
  g_assert_cmpstr (gk_finding_get_table (f), ==, "t3");
  g_assert_cmpuint (gk_findings_count_table (findings, "t3").warnings, ==, 1);
  g_assert_cmpuint (gk_findings_count_table (findings, "t2").warnings, ==, 0);
}

static void
test_check_cross_carry (void)
{
  g_autoptr(GkReport) y2021 = make_report (GK_FORM_2021, 2021);
  g_autoptr(GkReport) y2022 = make_report (GK_FORM_2021, 2022);
  g_autoptr(GkReport) y2019 = make_report (GK_FORM_2019, 2020);
  g_autoptr(GPtrArray) holds = NULL;
  g_autoptr(GPtrArray) breaks = NULL;
  g_autoptr(GPtrArray) across_versions = NULL;
  g_autoptr(GPtrArray) uncertain = NULL;
  GkFinding *f;

  /* make_report carries out 1 and in 2: the pair fails until they agree */
  breaks = gk_check_pair (y2021, y2022);
  f = find (breaks, "x.carry", "natural");
  g_assert_nonnull (f);
  g_assert_cmpstr (gk_finding_get_table (f), ==, "t3");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_WARNING);
  g_assert_cmpint (f->other_year, ==, 2021);
  g_assert_cmpstr (f->formula, ==, "1 ≠ 2");

  set (y2021, "t3.carried_out.natural", "2");
  set (y2021, "t3.carried_out.total", "2");
  set (y2021, "t3.results_total.natural", "18");
  set (y2021, "t3.results_total.total", "18");
  set (y2021, "t3.unable_no_info.natural", "8");
  set (y2021, "t3.unable_no_info.total", "8");
  holds = gk_check_pair (y2021, y2022);
  g_assert_null (find (holds, "x.carry", NULL));

  /* x.carry holds across the 2019 → 2021 change of form */
  set (y2019, "t3.carried_out.natural", "2");
  set (y2019, "t3.carried_out.total", "2");
  across_versions = gk_check_pair (y2019, y2021);
  g_assert_null (find (across_versions, "x.carry", NULL));
  g_assert_null (find (across_versions, "x.in_force", NULL));   /* 2019 has no in_force */

  set (y2021, "t3.carried_out.research", "");
  uncertain = gk_check_pair (y2021, y2022);
  f = find (uncertain, "x.carry", "research");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, GK_SEVERITY_UNCERTAIN);
  g_assert_true (g_strv_contains ((const char * const *) f->missing, "t3.carried_out.research@2021"));
}

static void
test_check_cross_in_force (void)
{
  g_autoptr(GkReport) y2021 = make_report (GK_FORM_2021, 2021);
  g_autoptr(GkReport) y2022 = make_report (GK_FORM_2021, 2022);
  g_autoptr(GPtrArray) holds = NULL;
  g_autoptr(GPtrArray) breaks = NULL;
  GkFinding *f;

  /* Pingtan: 665 in force in 2021; 2022 made 88, repealed 55 → 698 */
  set (y2021, "t2.normative.in_force", "665");
  set (y2022, "t2.normative.made", "88");
  set (y2022, "t2.normative.repealed", "55");
  set (y2022, "t2.normative.in_force", "698");
  holds = gk_check_pair (y2021, y2022);
  g_assert_null (find (holds, "x.in_force", NULL));

  set (y2022, "t2.normative.in_force", "700");
  breaks = gk_check_pair (y2021, y2022);
  f = find (breaks, "x.in_force", "normative");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->formula, ==, "665+88−55 = 698 ≠ 700");
  g_assert_cmpstr (gk_finding_get_table (f), ==, "t2");
}

static void
test_check_cross_prev_items (void)
{
  g_autoptr(GkReport) y2019 = make_report (GK_FORM_2019, 2019);
  g_autoptr(GkReport) y2020 = make_report (GK_FORM_2019, 2020);
  g_autoptr(GPtrArray) holds = NULL;
  g_autoptr(GPtrArray) breaks = NULL;

  set (y2019, "t2.licensing.prev_items", "396");
  set (y2019, "t2.licensing.change", "减4");
  set (y2020, "t2.licensing.prev_items", "392");
  holds = gk_check_pair (y2019, y2020);
  g_assert_null (find (holds, "x.prev_items", NULL));

  set (y2020, "t2.licensing.prev_items", "396");
  breaks = gk_check_pair (y2019, y2020);
  g_assert_nonnull (find (breaks, "x.prev_items", "licensing"));
}

static void
test_check_speed (void)
{
  g_autoptr(GkReport) report = make_report (GK_FORM_2021, 2023);
  gint64 start, elapsed;
  const guint rounds = 2000;

  set (report, "t4.review.pending", "1");
  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GPtrArray) findings = gk_check_report (report);
      g_assert_cmpuint (findings->len, ==, 1);
    }
  elapsed = g_get_monotonic_time () - start;
  /* A figure, not an assertion: tests/bench holds the benchmark. */
  g_test_message ("re-checking one report: %.1f µs", (double) elapsed / rounds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check/clean-reports", test_check_clean_reports);
  g_test_add_func ("/check/t3-balance", test_check_t3_balance);
  g_test_add_func ("/check/t3-results-and-row-total", test_check_t3_results_and_row_total);
  g_test_add_func ("/check/t3-results-2019", test_check_t3_results_2019);
  g_test_add_func ("/check/t4-group-total", test_check_t4_group_total);
  g_test_add_func ("/check/uncertain", test_check_uncertain);
  g_test_add_func ("/check/values", test_check_values);
  g_test_add_func ("/check/optional-subtotal", test_check_optional_subtotal);
  g_test_add_func ("/check/edit-overlay", test_check_edit_overlay);
  g_test_add_func ("/check/digit-run-edited", test_check_digit_run_edited);
  g_test_add_func ("/check/missing-table", test_check_missing_table);
  g_test_add_func ("/check/uncertain-messages", test_check_uncertain_messages);
  g_test_add_func ("/check/prose", test_check_prose);
  g_test_add_func ("/check/cross-carry", test_check_cross_carry);
  g_test_add_func ("/check/cross-in-force", test_check_cross_in_force);
  g_test_add_func ("/check/cross-prev-items", test_check_cross_prev_items);
  g_test_add_func ("/check/speed", test_check_speed);
  return g_test_run ();
}
