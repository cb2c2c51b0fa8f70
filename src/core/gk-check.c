/* gk-check.c — the identities as pure functions from cell values to findings
 *
 * Checks never change a report. They read each cell's value (the edit when
 * there is one), and say which identities fail (error), which cannot be told
 * because operands are missing (uncertain, naming them), and, across years and
 * against the prose, which disagree (warning).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-check.h"


void
gk_finding_free (GkFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->rule);
  g_free (finding->scope);
  g_strfreev (finding->cells);
  g_strfreev (finding->missing);
  g_free (finding->formula);
  g_free (finding->message);
  g_free (finding->message_en);
  g_free (finding);
}

/* Stable across runs, so a dismissal can refer to it. */
char *
gk_finding_dup_id (const GkFinding *finding)
{
  if (finding->other_year != 0)
    return g_strdup_printf ("%s:%s:%d", finding->rule, finding->scope, finding->other_year);
  return g_strdup_printf ("%s:%s", finding->rule, finding->scope);
}

static gboolean
values_equal (double a,
              double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static void
append_value (GString *s,
              double   value)
{
  g_autofree char *text = gk_number_format (value, value == floor (value));
  g_string_append (s, text);
}

/* "0+0+0+1" with signs: "665+88−55". */
static void
append_terms (GString      *s,
              const double *values,
              const gint8  *signs,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 || signs[i] < 0)
        g_string_append (s, signs[i] < 0 ? "−" : "+");
      append_value (s, values[i]);
    }
}

/* The identity written out with its numbers: the side with several terms is
 * summed, and the sums are compared. */
static char *
format_formula (const double *lhs,
                const gint8  *lhs_sign,
                guint         n_lhs,
                double        lhs_sum,
                const double *rhs,
                const gint8  *rhs_sign,
                guint         n_rhs,
                double        rhs_sum)
{
  GString *s = g_string_new (NULL);
  const char *relation = values_equal (lhs_sum, rhs_sum) ? " = " : " ≠ ";

  if (n_lhs == 1 && lhs_sign[0] > 0)
    {
      append_terms (s, rhs, rhs_sign, n_rhs);
      if (n_rhs > 1)
        {
          g_string_append (s, " = ");
          append_value (s, rhs_sum);
        }
      g_string_append (s, relation);
      append_value (s, lhs_sum);
    }
  else
    {
      append_terms (s, lhs, lhs_sign, n_lhs);
      g_string_append (s, " = ");
      append_value (s, lhs_sum);
      g_string_append (s, relation);
      append_value (s, rhs_sum);
      if (n_rhs > 1)
        {
          g_string_append (s, " = ");
          append_terms (s, rhs, rhs_sign, n_rhs);
        }
    }
  return g_string_free (s, FALSE);
}

static gboolean
value_is_present (const GkNumber *number)
{
  return gk_number_is_present (number);
}

/* The label of what an identity ran over: a column (自然人) when %s stood for
 * columns, else a row (行政复议). */
static void
scope_labels (const GkFormCell *cell,
              const char       *scope,
              const char      **label,
              const char      **label_en)
{
  if (g_strcmp0 (cell->column->key, scope) == 0)
    {
      *label = cell->column->label;
      *label_en = cell->column->label_en;
    }
  else
    {
      *label = cell->row->label;
      *label_en = cell->row->label_en;
    }
}

static GStrv
keys_of (const GkFormLayout *layout,
         const guint        *indices,
         guint               n,
         const guint        *more,
         guint               n_more)
{
  GStrv keys = g_new0 (char *, n + n_more + 1);

  for (guint i = 0; i < n; i++)
    keys[i] = g_strdup (layout->cells[indices[i]].key);
  for (guint i = 0; i < n_more; i++)
    keys[n + i] = g_strdup (layout->cells[more[i]].key);
  return keys;
}

/* A failed identity, without its message: the caller words it. Takes
 * @cells and @formula. */
static GkFinding *
failed_finding (const GkFormIdentity *def,
                const char           *scope,
                char                **cells,
                char                 *formula,
                double                expected,
                double                actual)
{
  GkFinding *finding = g_new0 (GkFinding, 1);

  finding->rule = g_strdup (def->id);
  finding->scope = g_strdup (scope);
  finding->severity = def->severity;
  finding->cells = cells;
  finding->formula = formula;
  finding->expected = expected;
  finding->actual = actual;
  return finding;
}

/* Takes @cells. The messages are joined piece by piece, not printf'ed:
 * a page may have dozens of these. */
static GkFinding *
uncertain_finding (const char         *rule,
                   const char         *scope,
                   const char         *label,
                   const char         *label_en,
                   const char         *text,
                   const char         *text_en,
                   GStrv               cells,
                   const char * const *missing,
                   guint               n_missing)
{
  GkFinding *finding = g_new0 (GkFinding, 1);
  g_autoptr(GString) names = g_string_new (NULL);
  char count[16];

  finding->missing = g_new (char *, n_missing + 1);
  for (guint i = 0; i < n_missing; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, missing[i]);
      finding->missing[i] = g_strdup (missing[i]);
    }
  finding->missing[n_missing] = NULL;
  g_snprintf (count, sizeof count, "%u", n_missing);

  finding->rule = g_strdup (rule);
  finding->scope = g_strdup (scope);
  finding->severity = GK_SEVERITY_UNCERTAIN;
  finding->cells = cells;
  finding->expected = NAN;
  finding->actual = NAN;
  finding->formula = g_strdup ("?");
  finding->message = g_strconcat (label, "：无法核对「", text, "」，缺少 ", count, " 个数值：",
                                  names->str, NULL);
  finding->message_en = g_strconcat (label_en, ": cannot check “", text_en, "”; ", count,
                                     n_missing == 1 ? " value is" : " values are", " missing: ",
                                     names->str, NULL);
  return finding;
}

static GkTableStatus
table_status (GkReport       *report,
              const GkFormCell *cell)
{
  return report->tables[cell->table_index].status;
}

/* TRUE when every missing cell is an unedited digit-run cell, which the
 * table's review finding already names. A researcher's edit of such a cell
 * (to "/" or text, say) is theirs, so its absence is reported again. */
static gboolean
runs_only (GkReport    *report,
           const guint *missing,
           guint        n_missing)
{
  for (guint i = 0; i < n_missing; i++)
    if (report->cells[missing[i]].provenance.kind != GK_PROVENANCE_DIGIT_RUN
        || gk_report_cell_is_edited (report, missing[i]))
      return FALSE;
  return TRUE;
}

/* One finding for a table whose digits run together, or whose short rows
 * cannot be placed in columns: its cells have no value until a researcher
 * reviews them. */
static void
check_runs (GkReport  *report,
            guint      table_index,
            GPtrArray *findings)
{
  const GkFormLayout *layout = report->layout;
  const GkReportTable *table = &report->tables[table_index];
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GkFinding *finding;

  if (table->status != GK_TABLE_STATUS_NEEDS_REVIEW)
    return;
  for (guint i = 0; i < layout->n_cells; i++)
    if (layout->cells[i].table_index == table_index
        && report->cells[i].provenance.kind == GK_PROVENANCE_DIGIT_RUN
        && !gk_report_cell_is_edited (report, i))
      g_ptr_array_add (cells, layout->cells[i].key);
  if (cells->len == 0)
    return;
  g_ptr_array_add (cells, NULL);

  finding = g_new0 (GkFinding, 1);
  finding->rule = g_strdup_printf ("%s.review", gk_form_table_key (table_index));
  finding->scope = g_strdup (finding->rule);
  finding->severity = GK_SEVERITY_UNCERTAIN;
  finding->cells = g_strdupv ((char **) cells->pdata);
  finding->missing = g_strdupv ((char **) cells->pdata);
  finding->expected = NAN;
  finding->actual = NAN;
  finding->formula = g_strdup ("?");
  finding->message = g_strdup_printf ("%u 个单元格的数字连写或无法对应到列，需核对：%s", cells->len - 1,
                                      table->detail != NULL ? table->detail : "");
  finding->message_en = g_strdup_printf ("%u cells have digits run together or cannot be placed in "
                                         "their columns, and need review: %s",
                                         cells->len - 1, table->detail_en != NULL ? table->detail_en : "");
  g_ptr_array_add (findings, finding);
}

static void
check_identity (GkReport                     *report,
                const GkFormIdentityInstance *instance,
                GPtrArray                    *findings)
{
  const GkFormLayout *layout = report->layout;
  const GkFormCell *first = &layout->cells[instance->lhs[0]];
  double lhs[4], rhs[GK_FORM_MAX_TERMS];
  double lhs_sum = 0, rhs_sum = 0;
  /* the cells without a value, by index; a cell may be a term twice */
  guint missing[G_N_ELEMENTS (instance->lhs) + G_N_ELEMENTS (instance->rhs)];
  guint n_missing = 0;
  const char *label, *label_en;
  GkFinding *finding;

  if (table_status (report, first) == GK_TABLE_STATUS_NOT_PRESENT)
    return;

  /* A column the form does not have (法人或其他组织小计) is checked only
   * where the page printed it. */
  if (first->column->optional
      && report->cells[instance->lhs[0]].provenance.kind == GK_PROVENANCE_NONE
      && !gk_report_cell_is_edited (report, instance->lhs[0]))
    return;

  for (guint i = 0; i < instance->n_lhs; i++)
    {
      const GkNumber *v = gk_report_get_value (report, instance->lhs[i]);
      if (!value_is_present (v))
        missing[n_missing++] = instance->lhs[i];
      lhs[i] = v->value;
      lhs_sum += instance->lhs_sign[i] * v->value;
    }
  for (guint i = 0; i < instance->n_rhs; i++)
    {
      const GkNumber *v = gk_report_get_value (report, instance->rhs[i]);
      if (!value_is_present (v))
        missing[n_missing++] = instance->rhs[i];
      rhs[i] = v->value;
      rhs_sum += instance->rhs_sign[i] * v->value;
    }

  if (n_missing == 0 && values_equal (lhs_sum, rhs_sum))
    return;

  scope_labels (first, instance->scope, &label, &label_en);
  if (n_missing > 0)
    {
      const char *missing_keys[G_N_ELEMENTS (missing)];
      gboolean blanks_only = TRUE;

      /* digits run together are reported once, for their table */
      if (runs_only (report, missing, n_missing))
        return;
      for (guint i = 0; i < n_missing; i++)
        {
          blanks_only &= gk_report_get_value (report, missing[i])->kind == GK_VALUE_EMPTY;
          missing_keys[i] = layout->cells[missing[i]].key;
        }
      finding = uncertain_finding (instance->def->id, instance->scope, label, label_en,
                                   instance->def->text, instance->def->text_en,
                                   keys_of (layout, instance->lhs, instance->n_lhs,
                                            instance->rhs, instance->n_rhs),
                                   missing_keys, n_missing);
      /* Missing values count as 0 in the sums: say whether reading blanks as
       * 0 would make it hold, which helps a researcher decide. */
      if (blanks_only && values_equal (lhs_sum, rhs_sum))
        {
          char *message = g_strconcat (finding->message, "（空白若按 0 计则成立）", NULL);
          char *message_en = g_strconcat (finding->message_en, " (it holds if blanks are read as 0)", NULL);
          g_free (finding->message);
          g_free (finding->message_en);
          finding->message = message;
          finding->message_en = message_en;
          finding->blanks_as_zero_hold = TRUE;
        }
      g_ptr_array_add (findings, finding);
      return;
    }

  finding = failed_finding (instance->def, instance->scope,
                            keys_of (layout, instance->lhs, instance->n_lhs, instance->rhs, instance->n_rhs),
                            format_formula (lhs, instance->lhs_sign, instance->n_lhs, lhs_sum,
                                            rhs, instance->rhs_sign, instance->n_rhs, rhs_sum),
                            rhs_sum, lhs_sum);
  finding->message = g_strdup_printf ("%s：「%s」不成立：%s", label, instance->def->text,
                                      finding->formula);
  finding->message_en = g_strdup_printf ("%s: “%s” fails: %s", label_en, instance->def->text_en,
                                         finding->formula);
  g_ptr_array_add (findings, finding);
}

static void
check_value (GkReport         *report,
             const GkFormCell *cell,
             GPtrArray        *findings)
{
  const GkNumber *v = gk_report_get_value (report, cell->index);
  const GkCell *c = &report->cells[cell->index];
  const char *raw = c->edit_raw != NULL ? c->edit_raw : c->raw;
  const char *problem = NULL, *problem_en = NULL;
  GkFinding *finding;

  if (v->kind == GK_VALUE_TEXT)
    {
      problem = "不是数字";
      problem_en = "is not a number";
    }
  else if (v->kind == GK_VALUE_NUMBER)
    {
      switch (cell->column->value_class)
        {
        case GK_VALUE_CLASS_COUNT:
          if (v->value < 0 || v->value != floor (v->value))
            {
              problem = "应为非负整数";
              problem_en = "should be a whole number ≥ 0";
            }
          break;
        case GK_VALUE_CLASS_AMOUNT:
          if (v->value < 0)
            {
              problem = "金额不应为负数";
              problem_en = "an amount cannot be negative";
            }
          break;
        case GK_VALUE_CLASS_CHANGE:
        default:
          if (v->value != floor (v->value))
            {
              problem = "应为整数";
              problem_en = "should be a whole number";
            }
          break;
        }
    }
  if (problem == NULL)
    return;

  finding = g_new0 (GkFinding, 1);
  finding->rule = g_strdup_printf ("%s.value", cell->table->key);
  finding->scope = g_strdup (cell->key);
  finding->severity = GK_SEVERITY_ERROR;
  finding->cells = g_new0 (char *, 2);
  finding->cells[0] = g_strdup (cell->key);
  finding->expected = NAN;
  finding->actual = v->value;
  finding->formula = g_strdup_printf ("「%s」", raw != NULL ? raw : "");
  finding->message = g_strdup_printf ("%s · %s：「%s」%s", cell->row->label, cell->column->label,
                                      raw != NULL ? raw : "", problem);
  finding->message_en = g_strdup_printf ("%s · %s: “%s” %s", cell->row->label_en,
                                         cell->column->label_en, raw != NULL ? raw : "", problem_en);
  g_ptr_array_add (findings, finding);
}

static void
check_prose (GkReport          *report,
             const GkProseFact *fact,
             GPtrArray         *findings)
{
  g_auto(GStrv) keys = NULL;
  const GkFormCell *first = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GString) labels_en = g_string_new (NULL);
  double total = 0;
  GkFinding *finding;
  g_autofree char *stated = NULL;
  g_autofree char *tabled = NULL;

  if (fact->cell == NULL || report->layout == NULL)
    return;

  /* 「予以公开及部分公开42件」 speaks of two cells at once */
  keys = g_strsplit (fact->cell, "+", -1);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const GkFormCell *cell = gk_form_layout_lookup (report->layout, keys[i]);
      const GkNumber *v;

      if (cell == NULL || table_status (report, cell) == GK_TABLE_STATUS_NOT_PRESENT)
        return;
      v = gk_report_get_value (report, cell->index);
      if (!value_is_present (v))
        return;
      total += v->value;
      if (first == NULL)
        first = cell;
      g_string_append_printf (labels, "%s%s · %s", i > 0 ? "、" : "", cell->row->label,
                              cell->column->label);
      g_string_append_printf (labels_en, "%s%s · %s", i > 0 ? " + " : "", cell->row->label_en,
                              cell->column->label_en);
    }
  if (first == NULL || values_equal (total, fact->value))
    return;

  stated = gk_number_format (fact->value, TRUE);
  tabled = gk_number_format (total, total == floor (total));
  finding = g_new0 (GkFinding, 1);
  finding->rule = g_strdup (fact->id);
  finding->scope = g_strdup (fact->cell);
  finding->severity = GK_SEVERITY_WARNING;
  finding->cells = g_strdupv (keys);
  finding->expected = fact->value;
  finding->actual = total;
  finding->formula = g_strdup_printf ("%s ≠ %s", stated, tabled);
  finding->message = g_strdup_printf ("正文称%s %s，表中%s为 %s（「%s」）", fact->label, stated,
                                      labels->str, tabled, fact->text);
  finding->message_en = g_strdup_printf ("The text states %s %s; the table's %s says %s (“%s”)",
                                         fact->label_en, stated, labels_en->str, tabled, fact->text);
  g_ptr_array_add (findings, finding);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const GkFinding *fa = *(const GkFinding **) a;
  const GkFinding *fb = *(const GkFinding **) b;

  /* error, warning, uncertain: the enum's order */
  return (int) fa->severity - (int) fb->severity;
}

/**
 * gk_findings_sort:
 * @findings: (element-type GkFinding): findings
 *
 * Puts errors first, then warnings, then uncertain findings, keeping the
 * order within each (the form's order, as the checks produce them).
 */
void
gk_findings_sort (GPtrArray *findings)
{
  /* g_ptr_array_sort() is stable */
  g_ptr_array_sort (findings, compare_findings);
}

GPtrArray *
gk_check_report (GkReport *report)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_finding_free);
  const GkFormLayout *layout;

  g_return_val_if_fail (report != NULL, findings);

  layout = report->layout;
  if (layout == NULL)
    return findings;

  for (guint i = 0; i < layout->n_identities; i++)
    check_identity (report, &layout->identities[i], findings);
  for (guint i = 0; i < layout->n_cells; i++)
    if (table_status (report, &layout->cells[i]) != GK_TABLE_STATUS_NOT_PRESENT)
      check_value (report, &layout->cells[i], findings);
  for (guint i = 0; i < report->prose_facts->len; i++)
    check_prose (report, g_ptr_array_index (report->prose_facts, i), findings);
  for (guint t = 0; t < G_N_ELEMENTS (report->tables); t++)
    check_runs (report, t, findings);

  gk_findings_sort (findings);
  return findings;
}

typedef struct
{
  GkReport         *report;
  const GkFormCell *cell;
  gint8             sign;
} CrossTerm;

static gboolean
resolve_term (GkReport         *previous,
              GkReport         *current,
              const GkFormTerm *term,
              const char       *scope,
              CrossTerm        *out)
{
  g_autofree char *key = g_strdup_printf (term->cell, scope);

  out->report = term->year_offset < 0 ? previous : current;
  out->sign = term->sign;
  out->cell = out->report->layout != NULL ? gk_form_layout_lookup (out->report->layout, key) : NULL;
  return out->cell != NULL && table_status (out->report, out->cell) != GK_TABLE_STATUS_NOT_PRESENT;
}

static void
check_cross_instance (GkReport             *previous,
                      GkReport             *current,
                      const GkFormIdentity *def,
                      const char           *scope,
                      GPtrArray            *findings)
{
  CrossTerm lhs[4], rhs[GK_FORM_MAX_TERMS];
  double lhs_v[4], rhs_v[GK_FORM_MAX_TERMS];
  gint8 lhs_s[4], rhs_s[GK_FORM_MAX_TERMS];
  guint n_lhs = 0, n_rhs = 0;
  double lhs_sum = 0, rhs_sum = 0;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *label, *label_en;
  GkFinding *finding;

  for (guint t = 0; t < G_N_ELEMENTS (def->lhs) && def->lhs[t].cell != NULL; t++)
    if (!resolve_term (previous, current, &def->lhs[t], scope, &lhs[n_lhs++]))
      return;
  for (guint t = 0; t < G_N_ELEMENTS (def->rhs) && def->rhs[t].cell != NULL; t++)
    if (!resolve_term (previous, current, &def->rhs[t], scope, &rhs[n_rhs++]))
      return;

  for (guint i = 0; i < n_lhs + n_rhs; i++)
    {
      CrossTerm *term = i < n_lhs ? &lhs[i] : &rhs[i - n_lhs];
      const GkNumber *v = gk_report_get_value (term->report, term->cell->index);
      g_autofree char *key = g_strdup_printf ("%s@%d", term->cell->key, term->report->year);

      if (!value_is_present (v))
        g_ptr_array_add (missing, g_strdup (key));
      g_ptr_array_add (keys, g_steal_pointer (&key));
      if (i < n_lhs)
        {
          lhs_v[i] = v->value;
          lhs_s[i] = term->sign;
          lhs_sum += term->sign * v->value;
        }
      else
        {
          rhs_v[i - n_lhs] = v->value;
          rhs_s[i - n_lhs] = term->sign;
          rhs_sum += term->sign * v->value;
        }
    }

  if (missing->len == 0 && values_equal (lhs_sum, rhs_sum))
    return;

  g_ptr_array_add (keys, NULL);
  scope_labels (lhs[0].cell, scope, &label, &label_en);
  if (missing->len > 0)
    {
      finding = uncertain_finding (def->id, scope, label, label_en, def->text, def->text_en,
                                   g_strdupv ((char **) keys->pdata),
                                   (const char * const *) missing->pdata, missing->len);
      finding->other_year = previous->year;
      g_ptr_array_add (findings, finding);
      return;
    }

  finding = failed_finding (def, scope, g_strdupv ((char **) keys->pdata),
                            format_formula (lhs_v, lhs_s, n_lhs, lhs_sum, rhs_v, rhs_s, n_rhs, rhs_sum),
                            rhs_sum, lhs_sum);
  finding->other_year = previous->year;
  finding->message = g_strdup_printf ("%s（%d 年对 %d 年）：「%s」不成立：%s", label, current->year,
                                      previous->year, def->text, finding->formula);
  finding->message_en = g_strdup_printf ("%s (%d against %d): “%s” fails: %s", label_en,
                                         current->year, previous->year, def->text_en,
                                         finding->formula);
  g_ptr_array_add (findings, finding);
}

GPtrArray *
gk_check_pair (GkReport *previous,
               GkReport *current)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_finding_free);
  const GkFormIdentity *defs;
  guint n_defs;

  g_return_val_if_fail (previous != NULL && current != NULL, findings);

  if (previous->layout == NULL || current->layout == NULL)
    return findings;

  defs = gk_form_get_cross_identities (&n_defs);
  for (guint i = 0; i < n_defs; i++)
    {
      if ((defs[i].versions & GK_FORM_BIT (current->version)) == 0
          || (defs[i].prev_versions & GK_FORM_BIT (previous->version)) == 0)
        continue;
      for (guint k = 0; defs[i].expand_keys[k] != NULL; k++)
        check_cross_instance (previous, current, &defs[i], defs[i].expand_keys[k], findings);
    }
  gk_findings_sort (findings);
  return findings;
}

static void
count_finding (GkFindingCounts *counts,
               const GkFinding *finding)
{
  switch (finding->severity)
    {
    case GK_SEVERITY_ERROR: counts->errors++; break;
    case GK_SEVERITY_WARNING: counts->warnings++; break;
    case GK_SEVERITY_UNCERTAIN: counts->uncertain++; break;
    default: break;
    }
}

/* The table a finding is about, so its badge counts wherever its cells are
 * shown: a table's own identities, the cross-year rules on its cells, and a
 * prose fact on the cell it is compared with. NULL for none. */
const char *
gk_finding_get_table (const GkFinding *finding)
{
  const char *about;

  g_return_val_if_fail (finding != NULL, NULL);

  if (g_str_has_prefix (finding->rule, "prose."))
    about = finding->scope;
  else if (g_str_has_prefix (finding->rule, "x.carry"))
    return "t3";
  else if (g_str_has_prefix (finding->rule, "x.in_force") || g_str_has_prefix (finding->rule, "x.prev_items"))
    return "t2";
  else
    about = finding->rule;
  for (guint t = 0; about != NULL && t < GK_FORM_N_TABLES; t++)
    {
      const char *key = gk_form_table_key (t);
      gsize len = strlen (key);

      if (strncmp (about, key, len) == 0 && about[len] == '.')
        return key;
    }
  return NULL;
}

GkFindingCounts
gk_findings_count_table (GPtrArray  *findings,
                         const char *table_key)
{
  GkFindingCounts counts = { 0, 0, 0 };

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (gk_finding_get_table (finding), table_key) != 0)
        continue;
      count_finding (&counts, finding);
    }
  return counts;
}

GkFindingCounts
gk_findings_count (GPtrArray  *findings,
                   const char *prefix)
{
  GkFindingCounts counts = { 0, 0, 0 };

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, i);

      if (prefix != NULL && !g_str_has_prefix (finding->rule, prefix))
        continue;
      count_finding (&counts, finding);
    }
  return counts;
}
