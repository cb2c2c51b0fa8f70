/* test-extract.c — from pages to cells: the seeds, the corpus against its
 * truth, digits run together, and synthetic pages in each layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-check.h"
#include "gk-extract.h"
#include "gk-identity.h"

static char *
shared_path (const char *relative)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");
  g_autofree char *path = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, relative, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

/* A seed from $GK_SHARED_DIR/seeds, or else from the project's own copies in
 * $GK_TEST_DATA/seeds, so that a clean clone tests the seeds too. */
static char *
seed_path (const char *prefix)
{
  g_autofree char *dir = shared_path ("seeds");
  g_autoptr(GDir) listing = NULL;
  const char *name;

  if (dir == NULL && g_getenv ("GK_TEST_DATA") != NULL)
    {
      dir = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        g_clear_pointer (&dir, g_free);
    }
  if (dir == NULL || (listing = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static GkReport *
read_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkReport *report = gk_read_report_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static GkReport *
read_seed (const char *prefix)
{
  g_autofree char *path = seed_path (prefix);

  if (path == NULL)
    {
      g_test_skip ("../shared/seeds is not present");
      return NULL;
    }
  return read_path (path);
}

static GkReport *
read_data (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GK_TEST_DATA"), "extract", name, NULL);
  return read_path (path);
}

static double
value_of (GkReport   *report,
          const char *key)
{
  const GkFormCell *cell = gk_form_layout_lookup (report->layout, key);
  const GkNumber *value;

  g_assert_nonnull (cell);
  value = gk_report_get_value (report, cell->index);
  if (!gk_number_is_present (value))
    {
      g_test_message ("%s has no value", key);
      return NAN;
    }
  return value->value;
}

static GkValueKind
kind_of (GkReport   *report,
         const char *key)
{
  const GkFormCell *cell = gk_form_layout_lookup (report->layout, key);
  g_assert_nonnull (cell);
  return gk_report_get_value (report, cell->index)->kind;
}

static guint
count_severity (GPtrArray  *findings,
                GkSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((GkFinding *) g_ptr_array_index (findings, i))->severity == severity)
      n++;
  return n;
}

static void
log_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *f = g_ptr_array_index (findings, i);
      g_test_message ("%s %s %s", gk_severity_to_string (f->severity), f->rule, f->message_en);
    }
}

/* ─── Seeds: FORMAT.md's seed table is the truth ─── */

static void
test_extract_seed_identities (void)
{
  static const struct
  {
    const char   *prefix;
    const char   *agency;
    const char   *agency_key;
    gint          year;
    GkFormVersion version;
    gboolean      tables;
  } seeds[] = {
    { "000_", "黑龙江省应急管理厅", "黑龙江省应急管理厅", 2023, GK_FORM_UNKNOWN, FALSE },
    { "001_", "黄石市应急管理局", "黄石市应急管理局", 2019, GK_FORM_UNKNOWN, FALSE },
    { "002_", "浙江省应急管理厅", "浙江省应急管理厅", 2022, GK_FORM_2021, TRUE },
    { "003_", "东丽区应急管理局", "东丽区应急管理局", 2023, GK_FORM_2021, TRUE },
    { "004_", "黑龍江省人民防空辦公室", "黑龙江省人民防空办公室", 2021, GK_FORM_2021, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GkReport) report = read_seed (seeds[i].prefix);

      if (report == NULL)
        return;
      g_test_message ("seed %s", seeds[i].prefix);
      g_assert_cmpint (report->kind, ==, GK_REPORT_KIND_REPORT);
      g_assert_cmpstr (report->agency, ==, seeds[i].agency);
      g_assert_cmpstr (report->agency_key, ==, seeds[i].agency_key);
      g_assert_cmpint (report->year, ==, seeds[i].year);
      g_assert_cmpint (report->version, ==, seeds[i].version);
      g_assert_cmpint (report->tables[1].status != GK_TABLE_STATUS_NOT_PRESENT, ==, seeds[i].tables);
    }
}

/* Seeds 000 and 001 have the headings but publish the tables as images. */
static void
test_extract_seed_missing_tables (void)
{
  g_autoptr(GkReport) s000 = read_seed ("000_");
  g_autoptr(GkReport) s001 = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  double closed = NAN, parts = 0;
  guint n_parts = 0;

  if (s000 == NULL)
    return;
  s001 = read_seed ("001_");
  for (guint t = 0; t < 3; t++)
    {
      g_assert_cmpint (s000->tables[t].status, ==, GK_TABLE_STATUS_NOT_PRESENT);
      g_assert_cmpint (s001->tables[t].status, ==, GK_TABLE_STATUS_NOT_PRESENT);
      g_assert_nonnull (strstr (s000->tables[t].detail_en, "not present"));
    }
  /* never a table of zeros */
  g_assert_null (s000->layout);
  findings = gk_check_report (s000);
  g_assert_cmpuint (findings->len, ==, 0);

  /* 13 办结 = 1 予以公开 + 5 部分公开 + 1 不予公开 + 6 不掌握 */
  for (guint i = 0; i < s000->prose_facts->len; i++)
    {
      GkProseFact *fact = g_ptr_array_index (s000->prose_facts, i);

      if (g_str_equal (fact->id, "prose.closed"))
        closed = fact->value;
      else if (g_str_equal (fact->id, "prose.granted") || g_str_equal (fact->id, "prose.partial")
               || g_str_equal (fact->id, "prose.denied") || g_str_equal (fact->id, "prose.unable_no_info"))
        {
          parts += fact->value;
          n_parts++;
        }
    }
  g_assert_cmpfloat (closed, ==, 13);
  g_assert_cmpuint (n_parts, ==, 4);
  g_assert_cmpfloat (parts, ==, 13);
}

static void
test_extract_seed_002 (void)
{
  /* read off the seed: natural and total columns; every other column is 0 */
  static const struct { const char *row; int natural; } expected[] = {
    { "new", 18 }, { "carried_in", 0 }, { "granted", 5 }, { "partial", 3 }, { "denied_secret", 0 },
    { "denied_law", 0 }, { "denied_safety", 0 }, { "denied_third_party", 0 }, { "denied_internal", 1 },
    { "denied_process", 0 }, { "denied_enforcement", 0 }, { "denied_inquiry", 0 },
    { "unable_no_info", 6 }, { "unable_create", 0 }, { "unable_unclear", 0 },
    { "unprocessed_petition", 0 }, { "unprocessed_repeat", 0 }, { "unprocessed_publication", 0 },
    { "unprocessed_massive", 0 }, { "unprocessed_confirm", 0 }, { "other_no_correction", 1 },
    { "other_no_fee", 0 }, { "other_other", 2 }, { "results_total", 18 }, { "carried_out", 0 },
  };
  static const char * const columns[] = { "commercial", "research", "social", "legal", "other" };
  g_autoptr(GkReport) report = read_seed ("002_");
  g_autoptr(GPtrArray) findings = NULL;

  if (report == NULL)
    return;
  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_FOUND);
  for (guint r = 0; r < G_N_ELEMENTS (expected); r++)
    {
      g_autofree char *natural = g_strdup_printf ("t3.%s.natural", expected[r].row);
      g_autofree char *total = g_strdup_printf ("t3.%s.total", expected[r].row);

      g_assert_cmpfloat (value_of (report, natural), ==, expected[r].natural);
      g_assert_cmpfloat (value_of (report, total), ==, expected[r].natural);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *key = g_strdup_printf ("t3.%s.%s", expected[r].row, columns[c]);
          g_assert_cmpfloat (value_of (report, key), ==, 0);
        }
    }
  g_assert_cmpfloat (value_of (report, "t2.licensing.decisions"), ==, 274126);
  g_assert_cmpfloat (value_of (report, "t2.normative.in_force"), ==, 48);

  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_extract_seed_003 (void)
{
  g_autoptr(GkReport) report = read_seed ("003_");
  g_autoptr(GPtrArray) findings = NULL;
  GkFinding *only;

  if (report == NULL)
    return;
  g_assert_cmpfloat (value_of (report, "t2.penalty.decisions"), ==, 60);
  g_assert_cmpfloat (value_of (report, "t4.review.pending"), ==, 1);
  g_assert_cmpfloat (value_of (report, "t4.review.total"), ==, 0);

  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 1);
  only = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (only->rule, ==, "t4.group_total");
  g_assert_cmpstr (only->scope, ==, "review");
  g_assert_cmpint (only->severity, ==, GK_SEVERITY_ERROR);
  g_assert_cmpstr (only->formula, ==, "0+0+0+1 = 1 ≠ 0");
}

static void
test_extract_seed_004 (void)
{
  g_autoptr(GkReport) report = read_seed ("004_");
  g_autoptr(GPtrArray) findings = NULL;
  guint found = 0;

  if (report == NULL)
    return;
  for (guint i = 0; i < report->layout->n_cells; i++)
    if (report->layout->cells[i].table_index < 2 && !report->layout->cells[i].column->optional)
      {
        g_assert_true (gk_number_is_present (gk_report_get_value (report, i)));
        found++;
      }
  /* traditional characters, extracted in full: t2 and all 175 cells of t3 */
  g_assert_cmpuint (found, ==, 10 + 175);
  g_assert_cmpfloat (value_of (report, "t3.new.total"), ==, 144);
  g_assert_cmpfloat (value_of (report, "t3.partial.total"), ==, 141);
  g_assert_cmpfloat (value_of (report, "t3.denied_secret.total"), ==, 2);
  g_assert_cmpfloat (value_of (report, "t3.unable_no_info.total"), ==, 1);
  g_assert_cmpfloat (value_of (report, "t3.results_total.total"), ==, 144);
  g_assert_cmpint (report->tables[2].status, ==, GK_TABLE_STATUS_NOT_PRESENT);

  /* 68 in the prose against 144 in the table */
  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (count_severity (findings, GK_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_severity (findings, GK_SEVERITY_UNCERTAIN), ==, 0);
  g_assert_cmpuint (count_severity (findings, GK_SEVERITY_WARNING), ==, 1);
  g_assert_cmpstr (((GkFinding *) g_ptr_array_index (findings, 0))->formula, ==, "68 ≠ 144");
}

/* ─── The corpus, cell by cell against its truth ─── */

static GHashTable *
load_truth (const char *name,
            char      **page)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *truth = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  path = shared_path (name);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (lines[i][0] == '#' || g_strv_length (fields) != 3)
        continue;
      if (*page == NULL)
        *page = g_strdup (fields[0]);
      g_hash_table_insert (truth, g_strdup (fields[1]), g_strdup (fields[2]));
    }
  return truth;
}

static void
check_against_truth (GkReport   *report,
                     GHashTable *truth,
                     gboolean    text_suggestion)
{
  guint checked = 0;
  GkSuggestion *suggestion = NULL;

  for (guint s = 0; s < report->suggestions->len; s++)
    if (g_str_equal (((GkSuggestion *) g_ptr_array_index (report->suggestions, s))->table, "t3"))
      suggestion = g_ptr_array_index (report->suggestions, s);
  if (text_suggestion)
    g_assert_nonnull (suggestion);

  for (guint i = 0; i < report->layout->n_cells; i++)
    {
      const GkFormCell *def = &report->layout->cells[i];
      const char *expected = g_hash_table_lookup (truth, def->key);
      const GkNumber *value = gk_report_get_value (report, i);

      if (text_suggestion)
        {
          /* a split is offered, never applied: the run's cells stay without value */
          if (def->table_index != 1 || expected == NULL)
            continue;
          g_assert_false (gk_number_is_present (value));
          for (guint v = 0; v < suggestion->cells->len; v++)
            if (g_array_index (suggestion->cells, guint, v) == i)
              {
                g_test_message ("%s suggested %g, truth %s", def->key,
                                g_array_index (suggestion->values, double, v), expected);
                g_assert_cmpfloat (g_array_index (suggestion->values, double, v), ==,
                                   g_ascii_strtod (expected, NULL));
                checked++;
              }
          continue;
        }

      if (expected == NULL)
        {
          /* blank in the page: empty, never 0 */
          if (!def->column->optional)
            {
              g_test_message ("%s is blank", def->key);
              g_assert_cmpint (value->kind, ==, GK_VALUE_EMPTY);
              g_assert_cmpint (report->cells[i].provenance.kind, ==, GK_PROVENANCE_GRID);
            }
          continue;
        }
      g_assert_true (gk_number_is_present (value));
      g_assert_cmpfloat_with_epsilon (value->value, g_ascii_strtod (expected, NULL), 1e-9);
      checked++;
    }
  if (text_suggestion)
    {
      /* every t3 cell of the truth was covered by the suggestion */
      GHashTableIter iter;
      gpointer key;
      guint t3 = 0;

      g_hash_table_iter_init (&iter, truth);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        t3 += g_str_has_prefix (key, "t3.");
      g_assert_cmpuint (checked, ==, t3);
    }
  else
    g_assert_cmpuint (checked, ==, g_hash_table_size (truth));
  g_test_message ("%u cells agree with the truth", checked);
}

static void
test_extract_corpus_truth (gconstpointer data)
{
  const char *year = data;
  g_autofree char *truth_name = g_strdup_printf ("corpus/truth/%s.tsv", year);
  g_autofree char *truth_path = shared_path (truth_name);
  g_autofree char *page = NULL;
  g_autofree char *page_relative = NULL;
  g_autofree char *page_path = NULL;
  g_autoptr(GHashTable) truth = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (truth_path == NULL)
    {
      g_test_skip ("../shared/corpus is not present");
      return;
    }
  truth = load_truth (truth_name, &page);
  page_relative = g_strconcat ("corpus/", page, NULL);
  page_path = shared_path (page_relative);
  report = read_path (page_path);

  for (guint t = 0; t < 3; t++)
    g_assert_cmpint (report->tables[t].status, ==, GK_TABLE_STATUS_FOUND);
  check_against_truth (report, truth, FALSE);

  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (count_severity (findings, GK_SEVERITY_ERROR), ==, 0);
  if (g_str_has_prefix (year, "pingtan"))
    g_assert_cmpuint (count_severity (findings, GK_SEVERITY_UNCERTAIN), ==, 0);
  else
    {
      /* Shanghai: the result rows' totals are blank, so t3.results for
       * total cannot be told */
      gboolean results_total_uncertain = FALSE;
      for (guint i = 0; i < findings->len; i++)
        {
          GkFinding *f = g_ptr_array_index (findings, i);
          if (g_str_equal (f->rule, "t3.results") && g_str_equal (f->scope, "total"))
            results_total_uncertain = f->severity == GK_SEVERITY_UNCERTAIN && !f->blanks_as_zero_hold;
        }
      g_assert_true (results_total_uncertain);
    }
}

static void
test_extract_corpus_identity (void)
{
  static const struct
  {
    const char   *page;
    GkReportKind  kind;
    const char   *agency;
    gint          year;
    GkFormVersion version;
    const char   *date;
  } pages[] = {
    { "corpus/pingtan/2019/page.html", GK_REPORT_KIND_REPORT, "平潭综合实验区", 2019, GK_FORM_2019, "2020-01-20" },
    { "corpus/pingtan/2021/page.html", GK_REPORT_KIND_REPORT, "平潭综合实验区", 2021, GK_FORM_2021, "2022-02-08" },
    { "corpus/pingtan/2022/page.html", GK_REPORT_KIND_REPORT, "平潭综合实验区", 2022, GK_FORM_2021, "2023-02-20" },
    { "corpus/pingtan/2023/page.html", GK_REPORT_KIND_REPORT, "平潭综合实验区", 2023, GK_FORM_2021, "2024-03-08" },
    { "corpus/shanghai-2019/page.html", GK_REPORT_KIND_REPORT, "上海市人民政府办公厅", 2019, GK_FORM_2019, "2020-01-31" },
    { "corpus/pingtan/legacy-2015/page.html", GK_REPORT_KIND_LEGACY, "平潭综合实验区", 2015, GK_FORM_LEGACY, "2016-01-12" },
    { "corpus/pingtan/legacy-2015/page.txt", GK_REPORT_KIND_LEGACY, "平潭综合实验区", 2015, GK_FORM_LEGACY, "2016-01-12" },
    { "corpus/pingtan/letter-2014/page.html", GK_REPORT_KIND_NOT_REPORT, NULL, 2014, GK_FORM_UNKNOWN, "2014-12-10" },
    { "corpus/pingtan/letter-2014/page.txt", GK_REPORT_KIND_NOT_REPORT, NULL, 2014, GK_FORM_UNKNOWN, "2014-12-10" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = shared_path (pages[i].page);
      g_autoptr(GkReport) report = NULL;

      if (path == NULL)
        {
          g_test_skip ("../shared/corpus is not present");
          return;
        }
      g_test_message ("%s", pages[i].page);
      report = read_path (path);
      g_assert_cmpint (report->kind, ==, pages[i].kind);
      if (pages[i].agency != NULL)
        g_assert_cmpstr (report->agency, ==, pages[i].agency);
      g_assert_cmpint (report->year, ==, pages[i].year);
      g_assert_cmpint (report->version, ==, pages[i].version);
      g_assert_cmpstr (report->date, ==, pages[i].date);
      if (pages[i].kind != GK_REPORT_KIND_REPORT)
        {
          /* legacy reports and letters are never forced into the tables */
          g_assert_null (report->layout);
          for (guint t = 0; t < 3; t++)
            g_assert_cmpint (report->tables[t].status, ==, GK_TABLE_STATUS_NOT_PRESENT);
        }
    }
}

static void
test_extract_corpus_cross_year (void)
{
  static const char * const years[] = { "2021", "2022", "2023" };
  GkReport *reports[G_N_ELEMENTS (years)] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *relative = g_strdup_printf ("corpus/pingtan/%s/page.html", years[i]);
      g_autofree char *path = shared_path (relative);

      if (path == NULL)
        {
          g_test_skip ("../shared/corpus is not present");
          goto out;
        }
      reports[i] = read_path (path);
    }
  for (guint i = 1; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(GPtrArray) findings = gk_check_pair (reports[i - 1], reports[i]);

      log_findings (findings);
      for (guint f = 0; f < findings->len; f++)
        g_assert_cmpstr (((GkFinding *) g_ptr_array_index (findings, f))->rule, !=, "x.carry");
    }
  /* 2021 carried 1/0/0/0/0/0/1 out; 2022 carried the same in */
  g_assert_cmpfloat (value_of (reports[0], "t3.carried_out.natural"), ==, 1);
  g_assert_cmpfloat (value_of (reports[1], "t3.carried_in.natural"), ==, 1);
out:
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    g_clear_pointer (&reports[i], gk_report_unref);
}

/* The crawler's text copies run the cells of each row together. */
static void
test_extract_corpus_runs (gconstpointer data)
{
  const char *year = data;
  g_autofree char *truth_name = g_strdup_printf ("corpus/truth/pingtan-%s.tsv", year);
  g_autofree char *page_name = g_strdup_printf ("corpus/pingtan/%s/page.txt", year);
  g_autofree char *page_path = shared_path (page_name);
  g_autofree char *page = NULL;
  g_autoptr(GHashTable) truth = NULL;
  g_autoptr(GkReport) report = NULL;

  if (page_path == NULL)
    {
      g_test_skip ("../shared/corpus is not present");
      return;
    }
  truth = load_truth (truth_name, &page);
  report = read_path (page_path);
  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  check_against_truth (report, truth, TRUE);
}

/* ─── Synthetic pages, one layout each ─── */

static void
test_extract_all_in_one_table (void)
{
  g_autoptr(GkReport) report = read_data ("all-in-one-2021.html");
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_cmpint (report->version, ==, GK_FORM_2021);
  g_assert_cmpstr (report->agency, ==, "示例市交通运输局");
  for (guint t = 0; t < 3; t++)
    g_assert_cmpint (report->tables[t].status, ==, GK_TABLE_STATUS_FOUND);
  g_assert_cmpfloat (value_of (report, "t2.licensing.decisions"), ==, 1234);
  g_assert_cmpfloat (value_of (report, "t2.fees.amount"), ==, 12.5);
  g_assert_cmpfloat (value_of (report, "t2.normative.in_force"), ==, 31);
  /* headers split across lines (商业<br>企业) still name their columns */
  g_assert_cmpfloat (value_of (report, "t3.new.commercial"), ==, 3);
  g_assert_cmpfloat (value_of (report, "t3.new.social"), ==, 1);
  g_assert_cmpfloat (value_of (report, "t3.new.total"), ==, 24);
  /* the extra subtotal column is read, and never taken for the total */
  g_assert_cmpfloat (value_of (report, "t3.new.legal_subtotal"), ==, 4);
  g_assert_cmpfloat (value_of (report, "t3.unable_no_info.legal_subtotal"), ==, 2);
  g_assert_cmpfloat (value_of (report, "t3.other_other.natural"), ==, 2);
  g_assert_cmpfloat (value_of (report, "t4.review.upheld"), ==, 1);
  g_assert_cmpfloat (value_of (report, "t4.review.total"), ==, 2);
  g_assert_cmpfloat (value_of (report, "t4.suit_after_review.total"), ==, 0);

  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_extract_separate_2019_traditional (void)
{
  g_autoptr(GkReport) report = read_data ("separate-2019-traditional.html");
  g_autoptr(GPtrArray) findings = NULL;
  const GkFormCell *amount;

  g_assert_cmpint (report->version, ==, GK_FORM_2019);
  g_assert_cmpint (report->year, ==, 2019);
  g_assert_cmpstr (report->agency, ==, "示例縣人民政府辦公室");
  g_assert_cmpstr (report->agency_key, ==, "示例县人民政府办公室");
  /* merged cells read once, under the header that spans them */
  g_assert_cmpfloat (value_of (report, "t2.normative.new_published"), ==, 4);
  g_assert_cmpfloat (value_of (report, "t2.normative.published_total"), ==, 40);
  g_assert_cmpfloat (value_of (report, "t2.licensing.change"), ==, -4);
  g_assert_cmpfloat (value_of (report, "t2.other_services.change"), ==, -1);
  g_assert_cmpfloat (value_of (report, "t2.procurement.amount"), ==, 251000);
  amount = gk_form_layout_lookup (report->layout, "t2.procurement.amount");
  g_assert_cmpstr (report->cells[amount->index].parsed.unit, ==, "元");
  g_assert_cmpfloat (value_of (report, "t2.fees.prev_items"), ==, 3);
  g_assert_cmpint (kind_of (report, "t2.coercion.decisions"), ==, GK_VALUE_EMPTY);
  g_assert_cmpint (kind_of (report, "t3.new.commercial"), ==, GK_VALUE_EMPTY);
  g_assert_cmpfloat (value_of (report, "t3.new.other"), ==, 1);
  g_assert_cmpfloat (value_of (report, "t3.other_handling.natural"), ==, 0);

  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (count_severity (findings, GK_SEVERITY_ERROR), ==, 2);
  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *f = g_ptr_array_index (findings, i);
      if (f->severity == GK_SEVERITY_ERROR)
        g_assert_cmpstr (f->rule, ==, "t3.balance");
      if (g_str_equal (f->rule, "t4.group_total"))
        g_assert_cmpint (f->severity, ==, GK_SEVERITY_UNCERTAIN);
    }
}

static void
test_extract_text_layouts (void)
{
  g_autoptr(GkReport) report = read_data ("text-renumbered-2023.txt");
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_cmpint (report->version, ==, GK_FORM_2021);
  for (guint t = 0; t < 3; t++)
    g_assert_cmpint (report->tables[t].status, ==, GK_TABLE_STATUS_FOUND);
  /* tab-separated t2 */
  g_assert_cmpfloat (value_of (report, "t2.normative.in_force"), ==, 9);
  g_assert_cmpfloat (value_of (report, "t2.licensing.decisions"), ==, 12);
  /* one cell per line t3 and t4 */
  g_assert_cmpfloat (value_of (report, "t3.new.total"), ==, 3);
  g_assert_cmpfloat (value_of (report, "t3.unable_no_info.natural"), ==, 1);
  g_assert_cmpfloat (value_of (report, "t4.suit_after_review.total"), ==, 0);
  findings = gk_check_report (report);
  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* ─── Text quirks: one synthetic page each ─── */

static const char * const t3_columns[] = {
  "natural", "commercial", "research", "social", "legal", "other", "total"
};

static GkCell *
cell_of (GkReport   *report,
         const char *row,
         const char *column)
{
  g_autofree char *key = g_strdup_printf ("t3.%s.%s", row, column);
  GkCell *cell = gk_report_get_cell (report, key);

  g_assert_nonnull (cell);
  return cell;
}

static guint
count_provenance (GkReport         *report,
                  GkProvenanceKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < report->layout->n_cells; i++)
    n += report->cells[i].provenance.kind == kind;
  return n;
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *rule)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((GkFinding *) g_ptr_array_index (findings, i))->rule, rule))
      return TRUE;
  return FALSE;
}

/* 「６４００２０４７０」: full-width digits are folded before the split, so
 * the proof counts real readings and offers real values. */
static void
test_extract_fullwidth_run (void)
{
  static const double expected[] = { 64, 0, 0, 2, 0, 4, 70 };
  g_autoptr(GkReport) report = read_data ("text-fullwidth-run-2022.txt");
  GkSuggestion *suggestion;

  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  g_assert_cmpuint (report->suggestions->len, ==, 1);
  suggestion = g_ptr_array_index (report->suggestions, 0);
  g_assert_cmpstr (suggestion->run, ==, "６４００２０４７０");
  g_assert_cmpuint (suggestion->values->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *key = g_strdup_printf ("t3.new.%s", t3_columns[i]);

      g_assert_cmpuint (g_array_index (suggestion->cells, guint, i), ==,
                        gk_form_layout_lookup (report->layout, key)->index);
      g_assert_cmpfloat (g_array_index (suggestion->values, double, i), ==, expected[i]);
    }
  g_assert_nonnull (strstr (suggestion->proof, "共有 12 种拆分"));
  g_assert_nonnull (strstr (suggestion->proof_en, "Of the 12 ways"));
  /* offered, never applied */
  g_assert_cmpint (kind_of (report, "t3.new.natural"), ==, GK_VALUE_EMPTY);
  g_assert_cmpint (cell_of (report, "new", "natural")->provenance.kind, ==, GK_PROVENANCE_DIGIT_RUN);
}

/* 「／」「——」「不适用」 are not applicable, like 「/」; one mark alone stands
 * for the whole row. None is a digit run, none is lost. */
static void
test_extract_na_marks (void)
{
  static const struct { const char *row; const char *raw; } rows[] = {
    { "carried_in", "／" }, { "denied_secret", "——" }, { "unprocessed_repeat", "不适用" },
    { "carried_out", "/" },
  };
  g_autoptr(GkReport) report = read_data ("text-na-marks-2022.txt");

  g_assert_cmpint (report->version, ==, GK_FORM_2021);
  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_FOUND);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint c = 0; c < G_N_ELEMENTS (t3_columns); c++)
      {
        GkCell *cell = cell_of (report, rows[r].row, t3_columns[c]);

        g_test_message ("t3.%s.%s", rows[r].row, t3_columns[c]);
        g_assert_cmpint (cell->parsed.kind, ==, GK_VALUE_NA);
        g_assert_cmpstr (cell->raw, ==, rows[r].raw);
        g_assert_cmpint (cell->provenance.kind, ==, GK_PROVENANCE_TEXT);
      }
  g_assert_cmpuint (count_provenance (report, GK_PROVENANCE_DIGIT_RUN), ==, 0);
  g_assert_cmpuint (report->suggestions->len, ==, 0);
  g_assert_cmpfloat (value_of (report, "t3.new.total"), ==, 5);
}

/* 「5 /」 for seven cells: no cell can be given a value alone, so all seven
 * keep the printed text and wait for review, as a digit run does: one review
 * finding, not seven 「not a number」 errors. */
static void
test_extract_mixed_short_row (void)
{
  g_autoptr(GkReport) report = read_data ("text-mixed-row-2022.txt");
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  g_assert_nonnull (strstr (report->tables[1].detail, "「5 /」"));
  for (guint c = 0; c < G_N_ELEMENTS (t3_columns); c++)
    {
      GkCell *cell = cell_of (report, "unable_create", t3_columns[c]);

      g_assert_cmpint (cell->parsed.kind, ==, GK_VALUE_EMPTY);
      g_assert_cmpstr (cell->raw, ==, "5 /");
      g_assert_cmpint (cell->provenance.kind, ==, GK_PROVENANCE_DIGIT_RUN);
    }
  g_assert_cmpuint (count_provenance (report, GK_PROVENANCE_DIGIT_RUN), ==, 7);
  g_assert_cmpuint (report->suggestions->len, ==, 0);

  findings = gk_check_report (report);
  g_assert_cmpuint (gk_findings_count (findings, "t3").errors, ==, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule, "t3.review"))
        g_assert_cmpuint (g_strv_length (finding->cells), ==, 7);
    }
}

/* A digit run and a short row 「— 3」 in one table: the mark is no digit, so
 * that row waits for review and only 「640020470」 goes to the split.  Read
 * as digits, 「—」 reached the solver and raised a critical. */
static void
test_extract_mark_beside_run (void)
{
  static const double expected[] = { 64, 0, 0, 2, 0, 4, 70 };
  g_autoptr(GkReport) report = read_data ("text-mark-beside-run-2022.txt");
  const GkReportTable *t3 = &report->tables[1];
  GkSuggestion *suggestion;

  g_assert_cmpint (t3->status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  g_assert_nonnull (strstr (t3->detail, "「640020470」"));
  g_assert_nonnull (strstr (t3->detail, "「— 3」"));
  g_assert_null (strstr (t3->detail, "无法交给拆分程序"));
  g_assert_null (strstr (t3->detail_en, "could not be handed to the solver"));
  for (guint c = 0; c < G_N_ELEMENTS (t3_columns); c++)
    {
      GkCell *cell = cell_of (report, "denied_inquiry", t3_columns[c]);

      g_assert_cmpint (cell->parsed.kind, ==, GK_VALUE_EMPTY);
      g_assert_cmpstr (cell->raw, ==, "— 3");
      g_assert_cmpint (cell->provenance.kind, ==, GK_PROVENANCE_DIGIT_RUN);
    }
  g_assert_cmpuint (count_provenance (report, GK_PROVENANCE_DIGIT_RUN), ==, 14);

  g_assert_cmpuint (report->suggestions->len, ==, 1);
  suggestion = g_ptr_array_index (report->suggestions, 0);
  g_assert_cmpstr (suggestion->run, ==, "640020470");
  g_assert_cmpuint (suggestion->values->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *key = g_strdup_printf ("t3.new.%s", t3_columns[i]);

      g_assert_cmpuint (g_array_index (suggestion->cells, guint, i), ==,
                        gk_form_layout_lookup (report->layout, key)->index);
      g_assert_cmpfloat (g_array_index (suggestion->values, double, i), ==, expected[i]);
    }
}

/* A count printed 「-1」 in a table with a run: no split is proven over it. */
static void
test_extract_negative_beside_run (void)
{
  g_autoptr(GkReport) report = read_data ("text-negative-run-2022.txt");
  const GkReportTable *t3 = &report->tables[1];

  g_assert_cmpint (t3->status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  g_assert_cmpuint (report->suggestions->len, ==, 0);
  g_assert_nonnull (strstr (t3->detail, "「-1」"));
  g_assert_nonnull (strstr (t3->detail, "负数"));
  g_assert_nonnull (strstr (t3->detail_en, "negative"));
  /* the printed number is kept as printed */
  g_assert_cmpfloat (value_of (report, "t3.carried_in.other"), ==, -1);
}

/* Sixteen values where t4 has fifteen: review, never a silent drop. */
static void
test_extract_t4_extra_values (void)
{
  g_autoptr(GkReport) report = read_data ("text-t4-extra-2022.txt");
  const GkReportTable *t4 = &report->tables[2];

  g_assert_cmpint (t4->status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  g_assert_nonnull (strstr (t4->detail, "多出「7」"));
  g_assert_nonnull (strstr (t4->detail_en, "7"));
  g_assert_cmpfloat (value_of (report, "t4.suit_after_review.total"), ==, 0);
  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_FOUND);
}

/* The form version comes from the headers and labels, never the year. */
static void
test_extract_version_from_labels (void)
{
  g_autoptr(GkReport) old_form = read_data ("text-form2019-dated-2023.txt");
  g_autoptr(GkReport) new_form = read_data ("text-form2021-dated-2019.txt");
  g_autoptr(GPtrArray) old_findings = NULL;
  g_autoptr(GPtrArray) new_findings = NULL;

  /* 2023, one （六）其他处理 row with its own values: the 2019 form */
  g_assert_cmpint (old_form->year, ==, 2023);
  g_assert_cmpint (old_form->version, ==, GK_FORM_2019);
  g_assert_cmpint (old_form->tables[1].status, ==, GK_TABLE_STATUS_FOUND);
  g_assert_cmpfloat (value_of (old_form, "t3.other_handling.natural"), ==, 2);
  g_assert_cmpfloat (value_of (old_form, "t3.other_handling.total"), ==, 2);
  old_findings = gk_check_report (old_form);
  log_findings (old_findings);
  g_assert_false (has_finding (old_findings, "t3.results"));
  g_assert_cmpuint (old_findings->len, ==, 0);

  /* 2019, 本年制发件数 and the three （六） sub-rows: the 2021 form */
  g_assert_cmpint (new_form->year, ==, 2019);
  g_assert_cmpint (new_form->version, ==, GK_FORM_2021);
  g_assert_cmpint (new_form->tables[0].status, ==, GK_TABLE_STATUS_FOUND);
  g_assert_cmpint (new_form->tables[1].status, ==, GK_TABLE_STATUS_FOUND);
  g_assert_cmpfloat (value_of (new_form, "t2.licensing.decisions"), ==, 15);
  g_assert_cmpfloat (value_of (new_form, "t3.other_no_correction.natural"), ==, 1);
  new_findings = gk_check_report (new_form);
  log_findings (new_findings);
  g_assert_cmpuint (new_findings->len, ==, 0);
}

/* Nothing tells the version: read as 2021, and say so, whatever the year. */
static void
test_extract_version_undecided (void)
{
  g_autoptr(GkReport) report = read_data ("text-form-undecided-2019.txt");
  const GkReportTable *t3 = &report->tables[1];

  g_assert_cmpint (report->year, ==, 2019);
  g_assert_cmpint (report->version, ==, GK_FORM_2021);
  g_assert_cmpint (t3->status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  g_assert_nonnull (strstr (t3->detail, "无法从表头判断"));
  g_assert_nonnull (strstr (t3->detail_en, "could not be told from the headers"));
  g_assert_cmpfloat (value_of (report, "t3.new.natural"), ==, 1);
  /* a table the page does not print needs no review */
  g_assert_cmpint (report->tables[0].status, ==, GK_TABLE_STATUS_NOT_PRESENT);
  g_assert_cmpint (report->tables[2].status, ==, GK_TABLE_STATUS_NOT_PRESENT);
}

/* Everything extraction and the checks derive from a page, as one text. */
static char *
report_summary (GkReport *report)
{
  g_autoptr(GPtrArray) findings = gk_check_report (report);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s|%s|%s|%d|%s|%d|%d\n", report->title, report->agency,
                          report->agency_key, report->year, report->date, report->version,
                          report->kind);
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    g_string_append_printf (s, "t%u %d %s %s %u\n", t + 2, report->tables[t].status,
                            report->tables[t].detail, report->tables[t].detail_en,
                            report->tables[t].n_found);
  for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
    {
      const GkCell *cell = &report->cells[i];

      g_string_append_printf (s, "%s=%s %d %g %d/%d/%d/%d", report->layout->cells[i].key, cell->raw,
                              cell->parsed.kind, cell->parsed.value, cell->provenance.kind,
                              cell->provenance.block, cell->provenance.row, cell->provenance.col);
      g_string_append_printf (s, " %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT
                              "-%" G_GSIZE_FORMAT "\n", cell->provenance.src_start,
                              cell->provenance.src_end, cell->provenance.text_start,
                              cell->provenance.text_end);
    }
  for (guint i = 0; i < report->prose_facts->len; i++)
    {
      const GkProseFact *fact = g_ptr_array_index (report->prose_facts, i);
      g_string_append_printf (s, "%s %g %s %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "\n", fact->id,
                              fact->value, fact->text, fact->src_start, fact->src_end);
    }
  for (guint i = 0; i < report->suggestions->len; i++)
    {
      const GkSuggestion *suggestion = g_ptr_array_index (report->suggestions, i);
      g_string_append_printf (s, "%s %s %s\n", suggestion->table, suggestion->run, suggestion->proof);
    }
  for (guint i = 0; i < findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, i);
      g_string_append_printf (s, "%s %s %s\n", finding->rule, finding->message, finding->message_en);
    }
  return g_string_free (s, FALSE);
}

static const char * const thread_fixtures[] = {
  "separate-2019-traditional.html", "all-in-one-2021.html", "text-fullwidth-run-2022.txt",
  "text-negative-run-2022.txt", "text-form-undecided-2019.txt",
};

/* Each fixture's summary, read in this thread. */
static gpointer
extract_fixtures (gpointer data)
{
  GPtrArray *summaries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (thread_fixtures); i++)
    {
      g_autoptr(GkReport) report = read_data (thread_fixtures[i]);
      g_ptr_array_add (summaries, report_summary (report));
    }
  return summaries;
}

/* Import extracts on a pool of threads: what extraction prepares once for
 * the whole form, and what it learns of characters per thread, must give
 * every thread the same reports as one thread alone. The threads start
 * before anything is prepared. */
static void
test_extract_threads (void)
{
  GThread *threads[4];
  g_autoptr(GPtrArray) alone = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("extract", extract_fixtures, NULL);
  alone = extract_fixtures (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GPtrArray) summaries = g_thread_join (threads[i]);

      g_assert_cmpuint (summaries->len, ==, alone->len);
      for (guint f = 0; f < alone->len; f++)
        g_assert_cmpstr (g_ptr_array_index (summaries, f), ==, g_ptr_array_index (alone, f));
    }
  /* the summaries say something: cells were read */
  g_assert_nonnull (strstr (g_ptr_array_index (alone, 0), "t3.new.natural="));
}

static void
test_extract_agency_key (void)
{
  g_autofree char *plain = gk_agency_key ("示例县人民政府");
  g_autofree char *own_level = gk_agency_key ("示例縣人民政府（本級）");
  g_autofree char *only_brackets = gk_agency_key ("（本级）");

  g_assert_cmpstr (plain, ==, "示例县人民政府");
  g_assert_cmpstr (own_level, ==, "示例县人民政府");
  g_assert_cmpstr (only_brackets, ==, "(本级)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract/seed/identities", test_extract_seed_identities);
  g_test_add_func ("/extract/seed/missing-tables", test_extract_seed_missing_tables);
  g_test_add_func ("/extract/seed/002", test_extract_seed_002);
  g_test_add_func ("/extract/seed/003", test_extract_seed_003);
  g_test_add_func ("/extract/seed/004", test_extract_seed_004);
  g_test_add_data_func ("/extract/corpus/pingtan-2019", "pingtan-2019", test_extract_corpus_truth);
  g_test_add_data_func ("/extract/corpus/pingtan-2021", "pingtan-2021", test_extract_corpus_truth);
  g_test_add_data_func ("/extract/corpus/pingtan-2022", "pingtan-2022", test_extract_corpus_truth);
  g_test_add_data_func ("/extract/corpus/pingtan-2023", "pingtan-2023", test_extract_corpus_truth);
  g_test_add_data_func ("/extract/corpus/shanghai-2019", "shanghai-2019", test_extract_corpus_truth);
  g_test_add_func ("/extract/corpus/identity", test_extract_corpus_identity);
  g_test_add_func ("/extract/corpus/cross-year", test_extract_corpus_cross_year);
  g_test_add_data_func ("/extract/corpus/runs-2019", "2019", test_extract_corpus_runs);
  g_test_add_data_func ("/extract/corpus/runs-2021", "2021", test_extract_corpus_runs);
  g_test_add_data_func ("/extract/corpus/runs-2022", "2022", test_extract_corpus_runs);
  g_test_add_data_func ("/extract/corpus/runs-2023", "2023", test_extract_corpus_runs);
  g_test_add_func ("/extract/synthetic/all-in-one-table", test_extract_all_in_one_table);
  g_test_add_func ("/extract/synthetic/separate-2019-traditional", test_extract_separate_2019_traditional);
  g_test_add_func ("/extract/synthetic/text-layouts", test_extract_text_layouts);
  g_test_add_func ("/extract/synthetic/fullwidth-run", test_extract_fullwidth_run);
  g_test_add_func ("/extract/synthetic/na-marks", test_extract_na_marks);
  g_test_add_func ("/extract/synthetic/mixed-short-row", test_extract_mixed_short_row);
  g_test_add_func ("/extract/synthetic/mark-beside-run", test_extract_mark_beside_run);
  g_test_add_func ("/extract/synthetic/negative-beside-run", test_extract_negative_beside_run);
  g_test_add_func ("/extract/synthetic/t4-extra-values", test_extract_t4_extra_values);
  g_test_add_func ("/extract/synthetic/version-from-labels", test_extract_version_from_labels);
  g_test_add_func ("/extract/synthetic/version-undecided", test_extract_version_undecided);
  g_test_add_func ("/extract/agency-key", test_extract_agency_key);
  g_test_add_func ("/extract/threads", test_extract_threads);
  return g_test_run ();
}
