/* test-export.c — every export format, read back field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gk-check.h"
#include "gk-export.h"
#include "gk-extract.h"

/* ─── Items ────────────────────────────────────────────────────────────── */

static void
item_free (GkExportItem *item)
{
  g_free ((char *) item->file_name);
  g_clear_pointer (&item->report, gk_report_unref);
  g_clear_pointer (&item->findings, g_ptr_array_unref);
  g_free (item);
}

static GPtrArray *
items_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
}

static void
items_add (GPtrArray  *items,
           gint64      report_id,
           const char *file_name,
           GkReport   *report,
           GPtrArray  *findings)
{
  GkExportItem *item = g_new0 (GkExportItem, 1);

  item->report_id = report_id;
  item->file_name = g_strdup (file_name);
  item->report = report;
  item->findings = findings;
  g_ptr_array_add (items, item);
}

static const GkExportItem *
find_item (GPtrArray  *items,
           const char *file_name)
{
  for (guint i = 0; i < items->len; i++)
    {
      const GkExportItem *item = g_ptr_array_index (items, i);
      if (g_strcmp0 (item->file_name, file_name) == 0)
        return item;
    }
  return NULL;
}

static guint
cell_index (GkReport   *report,
            const char *key)
{
  const GkFormCell *cell = gk_form_layout_lookup (report->layout, key);

  g_assert_nonnull (cell);
  return cell->index;
}

static void
set (GkReport   *report,
     const char *key,
     const char *raw)
{
  GkProvenance provenance = { GK_PROVENANCE_GRID, 0, 0, 0, 0, 0, 0, 0 };

  gk_report_set_parsed (report, cell_index (report, key), raw, &provenance);
}

#define HAND_RAW_TEXT "约5,000 \"件\"\n（估）"
#define HAND_NOTE "typo, \"page 3\"\r\nsecond line"
#define HAND_AGENCY "平潭綜合實驗區管理委員會"
#define HAND_TITLE "關於「2021年度」政府資訊公開, \"年報\""

/* A 2021 report with edits, blanks, 「/」, text, a decimal and traditional
 * characters; a 2019 report with 减4 and a subtotal column; a legacy one. */
static GPtrArray *
hand_items (void)
{
  GPtrArray *items = items_new ();
  GkReport *a = gk_report_new (GK_REPORT_KIND_REPORT, GK_FORM_2021);
  GkReport *b = gk_report_new (GK_REPORT_KIND_REPORT, GK_FORM_2019);
  GkReport *c = gk_report_new (GK_REPORT_KIND_LEGACY, GK_FORM_LEGACY);
  GkFinding *made_up;
  GPtrArray *findings;

  a->agency = g_strdup (HAND_AGENCY);
  a->agency_key = g_strdup ("平潭综合实验区");
  a->title = g_strdup (HAND_TITLE);
  a->year = 2021;
  a->date = g_strdup ("2022-01-20");
  for (guint t = 0; t < 3; t++)
    a->tables[t].status = GK_TABLE_STATUS_FOUND;
  a->tables[1].status = GK_TABLE_STATUS_NEEDS_REVIEW;
  a->tables[1].detail = g_strdup ("第3行「640020470」");
  for (guint i = 0; i < a->layout->n_cells; i++)
    if (a->layout->cells[i].table_index == 1 && !a->layout->cells[i].column->optional)
      set (a, a->layout->cells[i].key, "0");
  set (a, "t2.fees.amount", "24252.311082");
  set (a, "t2.rules.made", "3件");
  set (a, "t3.new.natural", "18");
  set (a, "t3.new.total", "18");
  gk_report_set_edit (a, cell_index (a, "t3.new.natural"), "19", HAND_NOTE, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC);
  set (a, "t3.granted.commercial", "");
  set (a, "t3.granted.research", "/");
  set (a, "t3.granted.social", HAND_RAW_TEXT);
  set (a, "t3.granted.legal", "不適用");
  gk_report_set_edit (a, cell_index (a, "t3.denied_secret.natural"), "/", NULL, 0);
  gk_report_set_edit (a, cell_index (a, "t4.review.upheld"), "2", "found on page 5", 0);
  gk_report_set_edit (a, cell_index (a, "t3.carried_in.total"), "", "cleared", 0);
  findings = gk_check_report (a);
  made_up = g_new0 (GkFinding, 1);
  made_up->rule = g_strdup ("t3.results");
  made_up->scope = g_strdup ("natural");
  made_up->severity = GK_SEVERITY_UNCERTAIN;
  made_up->cells = g_strsplit ("t3.results_total.natural t3.granted.natural", " ", -1);
  made_up->missing = g_strsplit ("t3.granted.natural", " ", -1);
  made_up->expected = NAN;
  made_up->actual = 7;
  made_up->formula = g_strdup ("? = 7");
  made_up->message = g_strdup ("缺少「予以公开」, 无法判断\n第二行");
  made_up->message_en = g_strdup ("\"granted\" is missing, cannot tell");
  g_ptr_array_add (findings, made_up);
  items_add (items, 41, "hand-2021.html", a, findings);

  b->agency = g_strdup ("上海市测试局");
  b->agency_key = g_strdup ("上海市测试局");
  b->year = 2019;
  for (guint t = 0; t < 3; t++)
    b->tables[t].status = GK_TABLE_STATUS_FOUND;
  b->tables[2].status = GK_TABLE_STATUS_NOT_PRESENT;
  set (b, "t2.licensing.change", "减4");
  set (b, "t2.procurement.amount", "251000元");
  set (b, "t3.new.natural", "5");
  set (b, "t3.new.commercial", "5");
  set (b, "t3.new.legal_subtotal", "5");
  set (b, "t3.new.total", "10");
  set (b, "t3.other_handling.natural", "2");
  items_add (items, 42, "hand-2019.txt", b, gk_check_report (b));

  c->title = g_strdup ("2015年政府信息公开工作年度报告");
  c->year = 2015;
  items_add (items, 0, "legacy.html", c, NULL);
  return items;
}

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

static void
collect_pages (const char *dir,
               const char *relative,
               GPtrArray  *found)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = relative != NULL ? g_build_filename (relative, name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_pages (path, rel, found);
      else if (g_str_equal (name, "page.html") || g_str_equal (name, "page.txt")
               || (relative == NULL && g_str_has_suffix (name, ".txt")))
        g_ptr_array_add (found, g_steal_pointer (&rel));
    }
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The seeds: $GK_SHARED_DIR/seeds, or else the project's own copies in
 * $GK_TEST_DATA/seeds, so that a clean clone tests them too. NULL when
 * neither is there. */
static char *
seeds_dir (void)
{
  const char *roots[] = { g_getenv ("GK_SHARED_DIR"), g_getenv ("GK_TEST_DATA") };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *dir = roots[i] != NULL ? g_build_filename (roots[i], "seeds", NULL) : NULL;

      if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
    }
  return NULL;
}

/* The seeds and every corpus page (its text copies too: digit runs), named
 * by their path under the shared folder ("seeds/…", "corpus/…"). NULL when
 * there are neither. */
static GPtrArray *
shared_items (gboolean *have_corpus)
{
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *corpus = shared_path ("corpus");
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *items;

  *have_corpus = corpus != NULL;
  if (seeds == NULL && corpus == NULL)
    return NULL;
  if (seeds != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      collect_pages (seeds, NULL, names);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (pages, g_build_filename ("seeds", g_ptr_array_index (names, i), NULL));
    }
  if (corpus != NULL)
    collect_pages (corpus, "corpus", pages);
  g_ptr_array_sort (pages, compare_paths);

  items = items_new ();
  for (guint i = 0; i < pages->len; i++)
    {
      const char *relative = g_ptr_array_index (pages, i);
      g_autofree char *path = g_str_has_prefix (relative, "seeds/")
                              ? g_build_filename (seeds, relative + strlen ("seeds/"), NULL)
                              : shared_path (relative);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      GkReport *report = gk_read_report_file (file, NULL, &error);

      g_assert_no_error (error);
      items_add (items, i + 1, relative, report, gk_check_report (report));
    }
  return items;
}

/* ─── A small RFC 4180 reader ──────────────────────────────────────────── */

/* Every record must end in CRLF; a quoted field may hold anything. */
static GPtrArray *
parse_csv (const char *text,
           gsize       length,
           gboolean   *had_bom)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *fields = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  const char *p = text, *end = text + length;

  *had_bom = length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0;
  if (*had_bom)
    p += 3;
  while (p < end)
    {
      if (*p == '"' && field->len == 0)
        {
          for (p++;; p++)
            {
              g_assert_true (p < end);  /* an unterminated quote */
              if (*p == '"' && p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (p == end || *p == ',' || *p == '\r');
        }
      if (p < end && *p == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (p < end && *p == '\r')
        {
          g_assert_true (p + 1 < end && p[1] == '\n');
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (fields, FALSE));
          fields = g_ptr_array_new ();
          field = g_string_new (NULL);
          p += 2;
        }
      else if (p < end)
        {
          g_assert_true (*p != '\n' && *p != '"');  /* a bare LF or a stray quote */
          g_string_append_c (field, *p);
          p++;
        }
    }
  /* the last record was terminated: nothing is pending */
  g_assert_cmpuint (fields->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_free (fields, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

static GStrv
row_at (GPtrArray *rows,
        guint      i)
{
  return g_ptr_array_index (rows, i);
}

static guint
column_of (GStrv       header,
           const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_assert_not_reached ();
}

static gboolean
has_column (GStrv       header,
            const char *name)
{
  return g_strv_contains ((const char * const *) header, name);
}

/* ─── Writing and reading back ─────────────────────────────────────────── */

static char *
export_to_temp (GPtrArray       *items,
                GkExportFormat   format,
                gboolean         bom,
                const char      *dir,
                const char      *name)
{
  GkExportOptions options = { bom };
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (gk_export_to_file (items, format, &options, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static GPtrArray *
read_csv (const char *path,
          gboolean   *had_bom)
{
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_true (g_utf8_validate (text, length, NULL));
  return parse_csv (text, length, had_bom);
}

static char *
number_text (const GkNumber *number)
{
  if (!gk_number_is_present (number))
    return g_strdup ("");
  return gk_number_format (number->value, number->is_integer);
}

static gboolean
cell_expected_in_export (const GkCell *cell)
{
  return cell->provenance.kind != GK_PROVENANCE_NONE || cell->raw != NULL || cell->edit_raw != NULL;
}

/* Python's csv module agrees on the number of records. */
static void
python_row_count (const char *path,
                  guint       expected)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  const char *argv[] = {
    python, "-c",
    "import csv,sys; rows=list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))); "
    "print(len(rows))",
    path, NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (python == NULL)
    {
      g_test_message ("python3 not found: no csv module round trip");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpuint (g_ascii_strtoull (out, NULL, 10), ==, expected);
}

static void
check_csv_long (GPtrArray  *items,
                const char *path,
                gboolean    bom)
{
  g_autoptr(GPtrArray) rows = NULL;
  static const char * const header[] = {
    "report_id", "file", "agency", "year", "version", "table", "row", "column", "value", "kind",
    "edited", "parsed_value", "raw", "note", NULL
  };
  gboolean had_bom;
  guint expected_rows = 0, r = 1;

  rows = read_csv (path, &had_bom);
  g_assert_cmpint (had_bom, ==, bom);
  g_assert_true (g_strv_equal ((const char * const *) row_at (rows, 0), header));

  /* rows come report by report, in layout order */
  for (guint i = 0; i < items->len; i++)
    {
      const GkExportItem *item = g_ptr_array_index (items, i);
      GkReport *report = item->report;

      for (guint c = 0; report->layout != NULL && c < report->layout->n_cells; c++)
        {
          const GkCell *cell = &report->cells[c];
          const GkFormCell *def = &report->layout->cells[c];
          const GkNumber *value = gk_report_get_value (report, c);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->report_id);
          g_autofree char *year = report->year > 0 ? g_strdup_printf ("%d", report->year) : g_strdup ("");
          g_autofree char *value_text = number_text (value);
          g_autofree char *parsed_text = number_text (&cell->parsed);
          const char *kind = gk_value_kind_to_string (value->kind);
          GStrv row;

          if (!cell_expected_in_export (cell))
            continue;
          if (cell->edit_raw == NULL && cell->provenance.kind == GK_PROVENANCE_DIGIT_RUN)
            kind = "text";
          expected_rows++;
          g_assert_cmpuint (r, <, rows->len);
          row = row_at (rows, r++);
          g_assert_cmpuint (g_strv_length (row), ==, 14);
          g_assert_cmpstr (row[0], ==, item->report_id != 0 ? id : "");
          g_assert_cmpstr (row[1], ==, item->file_name);
          g_assert_cmpstr (row[2], ==, report->agency != NULL ? report->agency : "");
          g_assert_cmpstr (row[3], ==, year);
          g_assert_cmpstr (row[4], ==, gk_form_version_to_string (report->version));
          g_assert_cmpstr (row[5], ==, def->table->key);
          g_assert_cmpstr (row[6], ==, def->row->key);
          g_assert_cmpstr (row[7], ==, def->column->key);
          g_assert_cmpstr (row[8], ==, value_text);
          g_assert_cmpstr (row[9], ==, kind);
          g_assert_cmpstr (row[10], ==, cell->edit_raw != NULL ? "true" : "false");
          g_assert_cmpstr (row[11], ==, parsed_text);
          g_assert_cmpstr (row[12], ==, cell->raw != NULL ? cell->raw : "");
          g_assert_cmpstr (row[13], ==, cell->edit_note != NULL ? cell->edit_note : "");
        }
    }
  g_assert_cmpuint (rows->len, ==, expected_rows + 1);
  python_row_count (path, rows->len);
}

/* The row of @file's cell @key in a long CSV. */
static GStrv
long_row (GPtrArray  *rows,
          const char *file,
          const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, ".", 3);

  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = row_at (rows, r);
      if (g_str_equal (row[1], file) && g_str_equal (row[5], parts[0]) && g_str_equal (row[6], parts[1])
          && g_str_equal (row[7], parts[2]))
        return row;
    }
  return NULL;
}

static void
check_csv_wide (GPtrArray  *items,
                const char *path)
{
  g_autoptr(GPtrArray) rows = NULL;
  const GkFormLayout *layout_2021 = gk_form_get_layout (GK_FORM_2021);
  const GkFormLayout *layout_2019 = gk_form_get_layout (GK_FORM_2019);
  static const char * const identity[] = { "report_id", "file", "agency", "year", "version", "kind" };
  gboolean had_bom;
  GStrv header;
  guint n_columns, h = G_N_ELEMENTS (identity);

  rows = read_csv (path, &had_bom);
  g_assert_false (had_bom);
  g_assert_cmpuint (rows->len, ==, items->len + 1);
  header = row_at (rows, 0);
  n_columns = g_strv_length (header);
  for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
    g_assert_cmpstr (header[i], ==, identity[i]);

  /* the 2021 layout, then the keys only 2019 has; optional ones when used */
  for (guint l = 0; l < 2; l++)
    {
      const GkFormLayout *layout = l == 0 ? layout_2021 : layout_2019;

      for (guint c = 0; c < layout->n_cells; c++)
        {
          const GkFormCell *def = &layout->cells[c];
          gboolean used = !def->column->optional;

          if (l == 1 && gk_form_layout_lookup (layout_2021, def->key) != NULL)
            continue;
          for (guint i = 0; !used && i < items->len; i++)
            {
              GkReport *report = ((GkExportItem *) g_ptr_array_index (items, i))->report;
              GkCell *cell = report->layout != NULL ? gk_report_get_cell (report, def->key) : NULL;
              used = cell != NULL && cell_expected_in_export (cell);
            }
          if (!used)
            continue;
          g_assert_cmpuint (h, <, n_columns);
          g_assert_cmpstr (header[h], ==, def->key);
          h++;
        }
    }
  g_assert_cmpuint (h, ==, n_columns);

  for (guint i = 0; i < items->len; i++)
    {
      const GkExportItem *item = g_ptr_array_index (items, i);
      GkReport *report = item->report;
      GStrv row = row_at (rows, i + 1);

      g_assert_cmpuint (g_strv_length (row), ==, n_columns);
      g_assert_cmpstr (row[1], ==, item->file_name);
      g_assert_cmpstr (row[4], ==, gk_form_version_to_string (report->version));
      g_assert_cmpstr (row[5], ==, gk_report_kind_to_string (report->kind));
      for (guint c = G_N_ELEMENTS (identity); c < n_columns; c++)
        {
          GkCell *cell = report->layout != NULL ? gk_report_get_cell (report, header[c]) : NULL;
          g_autofree char *expected = NULL;

          if (cell != NULL)
            expected = number_text (gk_report_get_value (report, cell - report->cells));
          g_assert_cmpstr (row[c], ==, expected != NULL ? expected : "");
        }
    }
  python_row_count (path, rows->len);
}

static void
check_csv_findings (GPtrArray  *items,
                    const char *path)
{
  g_autoptr(GPtrArray) rows = NULL;
  static const char * const header[] = {
    "report_id", "file", "agency", "year", "rule", "scope", "severity", "cells", "expected",
    "actual", "formula", "message", "message_en", NULL
  };
  gboolean had_bom;
  guint r = 1;

  rows = read_csv (path, &had_bom);
  g_assert_true (g_strv_equal ((const char * const *) row_at (rows, 0), header));
  for (guint i = 0; i < items->len; i++)
    {
      const GkExportItem *item = g_ptr_array_index (items, i);

      for (guint f = 0; item->findings != NULL && f < item->findings->len; f++)
        {
          const GkFinding *finding = g_ptr_array_index (item->findings, f);
          g_autofree char *cells = g_strjoinv (" ", finding->cells);
          g_autofree char *expected = isfinite (finding->expected)
                                      ? gk_number_format (finding->expected, finding->expected == floor (finding->expected))
                                      : g_strdup ("");
          g_autofree char *actual = isfinite (finding->actual)
                                    ? gk_number_format (finding->actual, finding->actual == floor (finding->actual))
                                    : g_strdup ("");
          GStrv row;

          g_assert_cmpuint (r, <, rows->len);
          row = row_at (rows, r++);
          g_assert_cmpuint (g_strv_length (row), ==, 13);
          g_assert_cmpstr (row[1], ==, item->file_name);
          g_assert_cmpstr (row[4], ==, finding->rule);
          g_assert_cmpstr (row[5], ==, finding->scope);
          g_assert_cmpstr (row[6], ==, gk_severity_to_string (finding->severity));
          g_assert_cmpstr (row[7], ==, cells);
          g_assert_cmpstr (row[8], ==, expected);
          g_assert_cmpstr (row[9], ==, actual);
          g_assert_cmpstr (row[10], ==, finding->formula);
          g_assert_cmpstr (row[11], ==, finding->message);
          g_assert_cmpstr (row[12], ==, finding->message_en);
        }
    }
  g_assert_cmpuint (r, ==, rows->len);
  python_row_count (path, rows->len);
}

static gboolean
python_json (const char *path,
             const char *script,
             char      **out)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  const char *argv[] = { python, "-c", script, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  if (python == NULL)
    return FALSE;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 rejects %s: %s", path, err);
  return TRUE;
}

static void
check_json_valid (GPtrArray  *items,
                  const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf ("%u\n", items->len);

  if (!python_json (path, "import json,sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))))", &out))
    {
      g_test_message ("python3 not found: JSON not validated");
      return;
    }
  g_assert_cmpstr (out, ==, expected);
}

/* ─── Tests ────────────────────────────────────────────────────────────── */

static void
test_export_format_names (void)
{
  static const char * const names[] = { "csv", "csv-wide", "json", "xlsx", "findings" };
  static const char * const extensions[] = { "csv", "csv", "json", "xlsx", "csv" };
  GkExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (gk_export_format_from_string (names[i], &format));
      g_assert_cmpstr (gk_export_format_to_string (format), ==, names[i]);
      g_assert_cmpstr (gk_export_format_extension (format), ==, extensions[i]);
    }
  g_assert_false (gk_export_format_from_string ("ods", &format));
  g_assert_false (gk_export_format_from_string (NULL, &format));
}

static void
test_export_csv_long_hand (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *path = export_to_temp (items, GK_EXPORT_CSV_LONG, TRUE, dir, "long.csv");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean had_bom;
  GStrv row;

  check_csv_long (items, path, TRUE);
  rows = read_csv (path, &had_bom);

  row = long_row (rows, "hand-2021.html", "t2.fees.amount");
  g_assert_cmpstr (row[8], ==, "24252.311082");
  g_assert_cmpstr (row[9], ==, "number");
  g_assert_cmpstr (row[12], ==, "24252.311082");
  row = long_row (rows, "hand-2021.html", "t2.rules.made");
  g_assert_cmpstr (row[8], ==, "3");
  g_assert_cmpstr (row[12], ==, "3件");
  row = long_row (rows, "hand-2021.html", "t3.new.natural");
  g_assert_cmpstr (row[0], ==, "41");
  g_assert_cmpstr (row[2], ==, HAND_AGENCY);
  g_assert_cmpstr (row[8], ==, "19");
  g_assert_cmpstr (row[10], ==, "true");
  g_assert_cmpstr (row[11], ==, "18");
  g_assert_cmpstr (row[12], ==, "18");
  g_assert_cmpstr (row[13], ==, HAND_NOTE);
  row = long_row (rows, "hand-2021.html", "t3.granted.commercial");
  g_assert_cmpstr (row[8], ==, "");
  g_assert_cmpstr (row[9], ==, "empty");
  row = long_row (rows, "hand-2021.html", "t3.granted.research");
  g_assert_cmpstr (row[8], ==, "");
  g_assert_cmpstr (row[9], ==, "na");
  g_assert_cmpstr (row[12], ==, "/");
  row = long_row (rows, "hand-2021.html", "t3.granted.social");
  g_assert_cmpstr (row[9], ==, "text");
  g_assert_cmpstr (row[12], ==, HAND_RAW_TEXT);
  row = long_row (rows, "hand-2021.html", "t3.granted.legal");
  g_assert_cmpstr (row[9], ==, "na");
  g_assert_cmpstr (row[12], ==, "不適用");
  row = long_row (rows, "hand-2021.html", "t3.denied_secret.natural");
  g_assert_cmpstr (row[8], ==, "");
  g_assert_cmpstr (row[9], ==, "na");
  g_assert_cmpstr (row[10], ==, "true");
  g_assert_cmpstr (row[11], ==, "0");
  row = long_row (rows, "hand-2021.html", "t3.carried_in.total");
  g_assert_cmpstr (row[8], ==, "");
  g_assert_cmpstr (row[9], ==, "empty");
  g_assert_cmpstr (row[11], ==, "0");
  /* never in the page, only edited */
  row = long_row (rows, "hand-2021.html", "t4.review.upheld");
  g_assert_cmpstr (row[8], ==, "2");
  g_assert_cmpstr (row[12], ==, "");
  g_assert_cmpstr (row[13], ==, "found on page 5");
  /* never found, never edited */
  g_assert_null (long_row (rows, "hand-2021.html", "t4.review.corrected"));
  g_assert_null (long_row (rows, "hand-2021.html", "t2.fees.change"));
  row = long_row (rows, "hand-2019.txt", "t2.licensing.change");
  g_assert_cmpstr (row[8], ==, "-4");
  g_assert_cmpstr (row[11], ==, "-4");
  g_assert_cmpstr (row[12], ==, "减4");
  g_assert_cmpstr (row[4], ==, "2019");
  row = long_row (rows, "hand-2019.txt", "t2.procurement.amount");
  g_assert_cmpstr (row[8], ==, "251000");
  g_assert_null (long_row (rows, "legacy.html", "t3.new.total"));

  /* the raw bytes: CRLF records, RFC 4180 quoting */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfreport_id,file,agency,year,version,table,row,column,"
                                         "value,kind,edited,parsed_value,raw,note\r\n"));
  g_assert_nonnull (strstr (text, ",\"约5,000 \"\"件\"\"\n（估）\","));
  g_assert_nonnull (strstr (text, "41,hand-2021.html," HAND_AGENCY ",2021,2021,t2,fees,amount,"
                                  "24252.311082,number,false,24252.311082,24252.311082,\r\n"));
  g_assert_nonnull (strstr (text, "42,hand-2019.txt,上海市测试局,2019,2019,t2,licensing,change,-4,number,"
                                  "false,-4,减4,\r\n"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_csv_wide_hand (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *path = export_to_temp (items, GK_EXPORT_CSV_WIDE, FALSE, dir, "wide.csv");
  g_autoptr(GPtrArray) rows = NULL;
  gboolean had_bom;
  GStrv header, a, b, c;

  check_csv_wide (items, path);
  rows = read_csv (path, &had_bom);
  header = row_at (rows, 0);
  a = row_at (rows, 1);
  b = row_at (rows, 2);
  c = row_at (rows, 3);
  g_assert_cmpstr (header[6], ==, "t2.rules.made");
  g_assert_true (has_column (header, "t3.new.legal_subtotal"));
  g_assert_false (has_column (header, "t3.granted.legal_subtotal"));
  g_assert_cmpuint (column_of (header, "t2.rules.new_made"), >, column_of (header, "t4.suit_after_review.total"));
  g_assert_cmpuint (column_of (header, "t3.other_handling.natural"), >, column_of (header, "t4.suit_after_review.total"));
  g_assert_cmpstr (a[0], ==, "41");
  g_assert_cmpstr (a[2], ==, HAND_AGENCY);
  g_assert_cmpstr (a[3], ==, "2021");
  g_assert_cmpstr (a[column_of (header, "t3.new.natural")], ==, "19");
  g_assert_cmpstr (a[column_of (header, "t2.fees.amount")], ==, "24252.311082");
  g_assert_cmpstr (a[column_of (header, "t3.granted.research")], ==, "");
  g_assert_cmpstr (a[column_of (header, "t4.review.upheld")], ==, "2");
  g_assert_cmpstr (a[column_of (header, "t2.licensing.change")], ==, "");
  g_assert_cmpstr (b[column_of (header, "t2.licensing.change")], ==, "-4");
  g_assert_cmpstr (b[column_of (header, "t3.new.legal_subtotal")], ==, "5");
  g_assert_cmpstr (b[column_of (header, "t3.other_handling.natural")], ==, "2");
  g_assert_cmpstr (b[column_of (header, "t3.other_other.natural")], ==, "");
  g_assert_cmpstr (c[0], ==, "");
  g_assert_cmpstr (c[4], ==, "legacy");
  g_assert_cmpstr (c[5], ==, "legacy");
  g_assert_cmpstr (c[column_of (header, "t3.new.total")], ==, "");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_csv_findings_hand (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *path = export_to_temp (items, GK_EXPORT_FINDINGS_CSV, FALSE, dir, "findings.csv");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean found = FALSE, had_bom;

  check_csv_findings (items, path);
  rows = read_csv (path, &had_bom);
  g_assert_cmpuint (rows->len, >, 2);
  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = row_at (rows, r);
      if (g_str_equal (row[10], "? = 7"))
        {
          g_assert_cmpstr (row[0], ==, "41");
          g_assert_cmpstr (row[3], ==, "2021");
          g_assert_cmpstr (row[6], ==, "uncertain");
          g_assert_cmpstr (row[7], ==, "t3.results_total.natural t3.granted.natural");
          g_assert_cmpstr (row[8], ==, "");
          g_assert_cmpstr (row[9], ==, "7");
          g_assert_cmpstr (row[11], ==, "缺少「予以公开」, 无法判断\n第二行");
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "report_id,file,agency,year,rule,scope,severity,cells,expected,"
                                         "actual,formula,message,message_en\r\n"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_json_hand (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *path = export_to_temp (items, GK_EXPORT_JSON, TRUE, dir, "reports.json");
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "[\n  {\n    \"report_id\": 41,\n    \"file\": \"hand-2021.html\",\n"));
  g_assert_nonnull (strstr (text, "\"agency\": \"" HAND_AGENCY "\""));
  g_assert_nonnull (strstr (text, "\"title\": \"關於「2021年度」政府資訊公開, \\\"年報\\\"\""));
  g_assert_nonnull (strstr (text, "\"t2.fees.amount\": {\n        \"value\": 24252.311082,\n"
                                  "        \"kind\": \"number\",\n        \"raw\": \"24252.311082\",\n"
                                  "        \"edited\": false,\n        \"parsed_value\": 24252.311082,\n"
                                  "        \"note\": null\n      }"));
  g_assert_nonnull (strstr (text, "\"t3.new.natural\": {\n        \"value\": 19,\n        \"kind\": \"number\",\n"
                                  "        \"raw\": \"18\",\n        \"edited\": true,\n"
                                  "        \"parsed_value\": 18,\n"
                                  "        \"note\": \"typo, \\\"page 3\\\"\\r\\nsecond line\",\n"
                                  "        \"edit_raw\": \"19\",\n"
                                  "        \"edit_time\": \"2023-11-14T22:13:20Z\"\n"));
  g_assert_nonnull (strstr (text, "\"raw\": \"约5,000 \\\"件\\\"\\n（估）\""));
  g_assert_nonnull (strstr (text, "\"t2.licensing.change\": {\n        \"value\": -4,"));
  g_assert_nonnull (strstr (text, "\"t3\": {\n        \"status\": \"needs-review\",\n"
                                  "        \"detail\": \"第3行「640020470」\","));
  g_assert_nonnull (strstr (text, "\"expected\": null,\n        \"actual\": 7,"));
  g_assert_nonnull (strstr (text, "\"report_id\": null,\n    \"file\": \"legacy.html\""));
  g_assert_null (strstr (text, "\"t4.review.corrected\": {"));
  g_assert_null (strstr (text, "nan"));
  g_assert_true (g_str_has_suffix (text, "]\n"));

  check_json_valid (items, path);
  if (python_json (path,
                   "import json,sys\n"
                   "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
                   "a, b, c = d\n"
                   "print(a['cells']['t2.fees.amount']['value'], a['cells']['t3.new.natural']['parsed_value'],\n"
                   "      a['cells']['t3.granted.research']['kind'], b['cells']['t2.licensing.change']['value'],\n"
                   "      a['findings'][-1]['expected'], c['cells'], c['year'], a['tables']['t4']['status'])",
                   &out))
    g_assert_cmpstr (out, ==, "24252.311082 18 na -4 None {} 2015 found\n");
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
is_zip (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return length > 1000 && memcmp (data, "PK\x03\x04", 4) == 0;
}

/* Each sheet as CSV through LibreOffice, when it is installed: NULL when not. */
static char *
libreoffice_sheets (const char *xlsx,
                    const char *dir)
{
  g_autofree char *office = g_find_program_in_path ("libreoffice");
  g_autofree char *profile = NULL;
  g_autofree char *profile_url = NULL;
  g_autofree char *outdir = g_build_filename (dir, "csv", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (office == NULL)
    return NULL;
  profile = g_build_filename (dir, "profile", NULL);
  profile_url = g_filename_to_uri (profile, NULL, NULL);
  {
    g_autofree char *env = g_strdup_printf ("-env:UserInstallation=%s", profile_url);
    /* the last token, -1, writes every sheet: NAME-SHEET.csv */
    const char *argv[] = {
      office, env, "--headless", "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir", outdir, xlsx, NULL
    };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  return g_steal_pointer (&outdir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The value under @key in the row of @file, in a sheet converted to CSV
 * (first header row: keys). */
static char *
sheet_value (const char *csv_path,
             const char *file,
             const char *key)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize length;
  gboolean had_bom;
  GStrv header;

  g_assert_true (g_file_get_contents (csv_path, &text, &length, NULL));
  /* LibreOffice ends records with LF: make them CRLF for the strict reader */
  {
    g_autoptr(GString) crlf = g_string_new (NULL);
    gboolean quoted = FALSE;

    for (gsize i = 0; i < length; i++)
      {
        if (text[i] == '"')
          quoted = !quoted;
        if (text[i] == '\n' && !quoted && (i == 0 || text[i - 1] != '\r'))
          g_string_append_c (crlf, '\r');
        g_string_append_c (crlf, text[i]);
      }
    rows = parse_csv (crlf->str, crlf->len, &had_bom);
  }
  header = row_at (rows, 0);
  for (guint r = 2; r < rows->len; r++)
    if (g_str_equal (row_at (rows, r)[column_of (header, "file")], file))
      return g_strdup (row_at (rows, r)[column_of (header, key)]);
  return NULL;
}

static void
test_export_xlsx_hand (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *path = export_to_temp (items, GK_EXPORT_XLSX, FALSE, dir, "reports.xlsx");
  g_autofree char *sheets = NULL;

  g_assert_true (is_zip (path));
  sheets = libreoffice_sheets (path, dir);
  if (sheets == NULL)
    g_test_message ("libreoffice not found: the workbook's content is not read back");
  else
    {
      g_autofree char *t3 = g_build_filename (sheets, "reports-t3.csv", NULL);
      g_autofree char *t2_2019 = g_build_filename (sheets, "reports-t2 (2019).csv", NULL);
      g_autofree char *t2_2021 = g_build_filename (sheets, "reports-t2 (2021).csv", NULL);
      g_autofree char *list = g_build_filename (sheets, "reports-reports.csv", NULL);
      g_autofree char *findings = g_build_filename (sheets, "reports-findings.csv", NULL);
      g_autofree char *value = NULL;

      value = sheet_value (t3, "hand-2021.html", "t3.new.natural");
      g_assert_cmpstr (value, ==, "19");
      g_clear_pointer (&value, g_free);
      value = sheet_value (t3, "hand-2021.html", "t3.granted.research");
      g_assert_cmpstr (value, ==, "/");
      g_clear_pointer (&value, g_free);
      value = sheet_value (t3, "hand-2019.txt", "t3.new.legal_subtotal");
      g_assert_cmpstr (value, ==, "5");
      g_clear_pointer (&value, g_free);
      value = sheet_value (t2_2019, "hand-2019.txt", "t2.licensing.change");
      g_assert_cmpstr (value, ==, "-4");
      g_clear_pointer (&value, g_free);
      value = sheet_value (t2_2021, "hand-2021.html", "t2.fees.amount");
      g_assert_cmpstr (value, ==, "24252.311082");
      g_clear_pointer (&value, g_free);
      g_assert_null (sheet_value (t2_2021, "hand-2019.txt", "file"));
      value = sheet_value (list, "hand-2021.html", "agency");
      g_assert_cmpstr (value, ==, HAND_AGENCY);
      g_clear_pointer (&value, g_free);
      value = sheet_value (list, "legacy.html", "kind");
      g_assert_cmpstr (value, ==, "legacy");
      g_clear_pointer (&value, g_free);
      value = sheet_value (list, "hand-2021.html", "edited_cells");
      g_assert_cmpstr (value, ==, "4");
      g_clear_pointer (&value, g_free);
      value = sheet_value (findings, "hand-2021.html", "rule");
      g_assert_nonnull (value);
    }
  remove_tree (dir);
}

static void
test_export_shared (void)
{
  gboolean have_corpus;
  g_autoptr(GPtrArray) items = shared_items (&have_corpus);
  g_autofree char *dir = NULL;
  static const GkExportFormat formats[] = {
    GK_EXPORT_CSV_LONG, GK_EXPORT_CSV_WIDE, GK_EXPORT_JSON, GK_EXPORT_XLSX, GK_EXPORT_FINDINGS_CSV
  };

  if (items == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA, no corpus in $GK_SHARED_DIR");
      return;
    }
  dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_test_message ("%u reports", items->len);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("shared-%s.%s", gk_export_format_to_string (formats[f]),
                                               gk_export_format_extension (formats[f]));
      g_autofree char *path = export_to_temp (items, formats[f], f == 0, dir, name);

      switch (formats[f])
        {
        case GK_EXPORT_CSV_LONG: check_csv_long (items, path, TRUE); break;
        case GK_EXPORT_CSV_WIDE: check_csv_wide (items, path); break;
        case GK_EXPORT_FINDINGS_CSV: check_csv_findings (items, path); break;
        case GK_EXPORT_JSON: check_json_valid (items, path); break;
        case GK_EXPORT_XLSX: g_assert_true (is_zip (path)); break;
        default: g_assert_not_reached ();
        }
    }

  if (have_corpus && find_item (items, "corpus/pingtan/2021/page.html") != NULL)
    {
      g_autofree char *long_path = g_build_filename (dir, "shared-csv.csv", NULL);
      g_autofree char *json_path = g_build_filename (dir, "shared-json.json", NULL);
      g_autofree char *xlsx_path = g_build_filename (dir, "shared-xlsx.xlsx", NULL);
      g_autofree char *json = NULL;
      g_autofree char *out = NULL;
      g_autofree char *sheets = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      gboolean had_bom;
      GStrv row;

      rows = read_csv (long_path, &had_bom);
      row = long_row (rows, "corpus/pingtan/2021/page.html", "t3.new.total");
      g_assert_cmpstr (row[8], ==, "70");
      row = long_row (rows, "corpus/pingtan/2021/page.html", "t2.fees.amount");
      g_assert_cmpstr (row[8], ==, "24252.311082");
      row = long_row (rows, "corpus/pingtan/2019/page.html", "t2.procurement.amount");
      g_assert_cmpstr (row[8], ==, "75394432.52");
      row = long_row (rows, "corpus/shanghai-2019/page.html", "t2.procurement.amount");
      g_assert_cmpstr (row[8], ==, "251000");
      row = long_row (rows, "corpus/shanghai-2019/page.html", "t3.granted.total");
      g_assert_true (row == NULL || g_str_equal (row[9], "empty"));
      /* a text copy: digits run together are text, never a number */
      if (find_item (items, "corpus/pingtan/2021/page.txt") != NULL)
        {
          row = long_row (rows, "corpus/pingtan/2021/page.txt", "t3.new.natural");
          g_assert_nonnull (row);
          g_assert_cmpstr (row[8], ==, "");
          g_assert_cmpstr (row[9], ==, "text");
          g_assert_cmpstr (row[12], ==, "640020470");
        }

      g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
      g_assert_nonnull (strstr (json, "\"file\": \"corpus/pingtan/2021/page.html\""));
      if (python_json (json_path,
                       "import json,sys\n"
                       "d = {r['file']: r for r in json.load(open(sys.argv[1], encoding='utf-8'))}\n"
                       "p = d['corpus/pingtan/2021/page.html']\n"
                       "print(p['cells']['t3.new.total']['value'], p['cells']['t2.fees.amount']['value'],\n"
                       "      p['version'], p['year'], d['corpus/pingtan/legacy-2015/page.html']['kind'])",
                       &out))
        g_assert_cmpstr (out, ==, "70 24252.311082 2021 2021 legacy\n");

      sheets = libreoffice_sheets (xlsx_path, dir);
      if (sheets == NULL)
        g_test_message ("libreoffice not found: the workbook's content is not read back");
      else
        {
          g_autofree char *t3 = g_build_filename (sheets, "shared-xlsx-t3.csv", NULL);
          g_autofree char *value = sheet_value (t3, "corpus/pingtan/2021/page.html", "t3.new.total");

          g_assert_cmpstr (value, ==, "70");
        }
    }
  else
    g_test_message ("no corpus: only the seeds were exported");
  remove_tree (dir);
}

static void
test_export_stream (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *path = export_to_temp (items, GK_EXPORT_CSV_LONG, FALSE, dir, "long.csv");
  g_autofree char *text = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) xlsx = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (gk_export_to_stream (items, GK_EXPORT_CSV_LONG, NULL, memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), text, length);

  g_assert_true (gk_export_to_stream (items, GK_EXPORT_XLSX, NULL, xlsx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (xlsx)), >, 1000);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (xlsx)), 4, "PK\x03\x04", 4);
  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Failures name the path and leave nothing behind; a success replaces the
 * old file whole. */
static void
test_export_failures (void)
{
  g_autoptr(GPtrArray) items = hand_items ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "out.xlsx", NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *text = NULL;
  static const GkExportFormat formats[] = {
    GK_EXPORT_CSV_LONG, GK_EXPORT_CSV_WIDE, GK_EXPORT_JSON, GK_EXPORT_XLSX, GK_EXPORT_FINDINGS_CSV
  };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gk_export_to_file (items, formats[f], NULL, missing, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, missing));
    }

  g_cancellable_cancel (cancelled);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gk_export_to_file (items, formats[f], NULL, formats[f] == GK_EXPORT_XLSX ? xlsx : path,
                                         cancelled, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_nonnull (strstr (error->message, formats[f] == GK_EXPORT_XLSX ? xlsx : path));
      g_assert_cmpuint (count_entries (dir), ==, 0);
    }

  /* an old file stays whole when the new export fails, and is replaced when it succeeds */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (gk_export_to_file (items, GK_EXPORT_CSV_LONG, NULL, path, cancelled, &error));
  }
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
  g_clear_pointer (&text, g_free);
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (gk_export_to_file (items, GK_EXPORT_CSV_LONG, NULL, path, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (gk_export_to_file (items, GK_EXPORT_XLSX, NULL, xlsx, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "report_id,"));
  g_assert_true (is_zip (xlsx));
  g_assert_cmpuint (count_entries (dir), ==, 2);
  remove_tree (dir);
}

/* No report at all: headers only, an empty array, a workbook of headers. */
static void
test_export_empty (void)
{
  g_autoptr(GPtrArray) items = items_new ();
  g_autofree char *dir = g_dir_make_tmp ("gk-export-XXXXXX", NULL);
  g_autofree char *wide = export_to_temp (items, GK_EXPORT_CSV_WIDE, FALSE, dir, "wide.csv");
  g_autofree char *json = export_to_temp (items, GK_EXPORT_JSON, FALSE, dir, "empty.json");
  g_autofree char *xlsx = export_to_temp (items, GK_EXPORT_XLSX, FALSE, dir, "empty.xlsx");
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "[]\n");
  check_csv_wide (items, wide);
  g_assert_true (is_zip (xlsx));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_export_format_names);
  g_test_add_func ("/export/csv-long-hand", test_export_csv_long_hand);
  g_test_add_func ("/export/csv-wide-hand", test_export_csv_wide_hand);
  g_test_add_func ("/export/csv-findings-hand", test_export_csv_findings_hand);
  g_test_add_func ("/export/json-hand", test_export_json_hand);
  g_test_add_func ("/export/xlsx-hand", test_export_xlsx_hand);
  g_test_add_func ("/export/shared", test_export_shared);
  g_test_add_func ("/export/stream", test_export_stream);
  g_test_add_func ("/export/failures", test_export_failures);
  g_test_add_func ("/export/empty", test_export_empty);

  return g_test_run ();
}
