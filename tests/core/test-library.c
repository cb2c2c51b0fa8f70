/* test-library.c — the library: import, loading back, edits as overlays,
 * dismissals, identity overrides, undo and redo, agencies, cross-year checks,
 * chart series, re-extraction and the CLI commands
 *
 * Most tests run on reports the generator writes (gk-test-reports.h); those
 * on the seeds and the Pingtan corpus skip when GK_SHARED_DIR is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "gk-extract.h"
#include "gk-identity.h"
#include "gk-library.h"
#include "gk-test-reports.h"

/* ─── Helpers ──────────────────────────────────────────────────────────── */

typedef struct
{
  char      *dir;
  char      *path;
  GkLibrary *library;
} Fixture;

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gk-test-library-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "library.sqlite", NULL);
  fixture->library = gk_library_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->library);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
fixture_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->library);
  fixture->library = gk_library_open (fixture->path, &error);
  g_assert_no_error (error);
}

static const char *
shared_dir (void)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    return NULL;
  return shared;
}

static char *
corpus_page (const char *year)
{
  g_autofree char *path = shared_dir () != NULL
                          ? g_build_filename (shared_dir (), "corpus", "pingtan", year, "page.html", NULL)
                          : NULL;
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

static GkImportSummary *
import_paths (GkLibrary          *library,
              const char * const *paths)
{
  g_autoptr(GError) error = NULL;
  GkImportSummary *summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static gint64
import_one (GkLibrary  *library,
            const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GkImportSummary) summary = import_paths (library, paths);
  const GkImportResult *result;

  g_assert_cmpuint (summary->results->len, ==, 1);
  result = g_ptr_array_index (summary->results, 0);
  g_assert_cmpint (result->report_id, >, 0);
  return result->report_id;
}

/* Generated reports of @n_agencies agencies over 2019–2024, all HTML or a mix. */
static GPtrArray *
generate (const char *folder,
          guint       n_agencies,
          guint       text_percent,
          guint       error_percent,
          guint       copy_percent,
          GPtrArray  *paths)
{
  GkTestCorpusOptions options = { n_agencies, 2019, 2024, error_percent, text_percent, copy_percent, 7 };
  g_autoptr(GError) error = NULL;
  GPtrArray *reports = gk_test_corpus_write (folder, &options, paths, &error);

  g_assert_no_error (error);
  return reports;
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static double
cell_value (GkReport   *report,
            const char *key)
{
  const GkFormCell *cell = gk_form_layout_lookup (report->layout, key);

  g_assert_nonnull (cell);
  return gk_report_get_value (report, cell->index)->value;
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

static const GkFinding *
find_finding (GPtrArray  *findings,
              const char *rule)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((GkFinding *) g_ptr_array_index (findings, i))->rule, rule))
      return g_ptr_array_index (findings, i);
  return NULL;
}

static GkReportSummary *
summary_of (GkLibrary *library,
            gint64     report_id)
{
  g_autoptr(GError) error = NULL;
  GkReportSummary *summary = gk_library_get_summary (library, report_id, &error);

  g_assert_no_error (error);
  return summary;
}

/* A cell as stored must come back as it was read. */
static void
assert_same_report (GkReport *read,
                    GkReport *loaded)
{
  g_assert_cmpint (read->kind, ==, loaded->kind);
  g_assert_cmpint (read->version, ==, loaded->version);
  g_assert_cmpint (read->year, ==, loaded->year);
  g_assert_cmpstr (read->date, ==, loaded->date);
  g_assert_cmpstr (read->title, ==, loaded->title);
  for (guint t = 0; t < 3; t++)
    {
      g_assert_cmpint (read->tables[t].status, ==, loaded->tables[t].status);
      g_assert_cmpstr (read->tables[t].detail, ==, loaded->tables[t].detail);
      g_assert_cmpuint (read->tables[t].n_found, ==, loaded->tables[t].n_found);
    }
  for (guint i = 0; read->layout != NULL && i < read->layout->n_cells; i++)
    {
      const GkCell *a = &read->cells[i], *b = &loaded->cells[i];

      g_assert_cmpstr (a->raw, ==, b->raw);
      g_assert_cmpint (a->parsed.kind, ==, b->parsed.kind);
      g_assert_cmpfloat (a->parsed.value, ==, b->parsed.value);
      g_assert_cmpint (a->parsed.is_integer, ==, b->parsed.is_integer);
      g_assert_cmpstr (a->parsed.unit, ==, b->parsed.unit);
      g_assert_cmpint (a->provenance.kind, ==, b->provenance.kind);
      if (a->provenance.kind != GK_PROVENANCE_NONE)
        {
          g_assert_cmpint (a->provenance.block, ==, b->provenance.block);
          g_assert_cmpint (a->provenance.row, ==, b->provenance.row);
          g_assert_cmpint (a->provenance.col, ==, b->provenance.col);
          g_assert_cmpuint (a->provenance.src_start, ==, b->provenance.src_start);
          g_assert_cmpuint (a->provenance.src_end, ==, b->provenance.src_end);
          g_assert_cmpuint (a->provenance.text_start, ==, b->provenance.text_start);
          g_assert_cmpuint (a->provenance.text_end, ==, b->provenance.text_end);
        }
    }
  g_assert_cmpuint (read->prose_facts->len, ==, loaded->prose_facts->len);
  for (guint i = 0; i < read->prose_facts->len; i++)
    {
      const GkProseFact *a = g_ptr_array_index (read->prose_facts, i);
      const GkProseFact *b = g_ptr_array_index (loaded->prose_facts, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->cell, ==, b->cell);
      g_assert_cmpfloat (a->value, ==, b->value);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpuint (a->src_start, ==, b->src_start);
    }
  g_assert_cmpuint (read->suggestions->len, ==, loaded->suggestions->len);
  for (guint i = 0; i < read->suggestions->len; i++)
    {
      const GkSuggestion *a = g_ptr_array_index (read->suggestions, i);
      const GkSuggestion *b = g_ptr_array_index (loaded->suggestions, i);

      g_assert_cmpstr (a->run, ==, b->run);
      g_assert_cmpuint (a->cells->len, ==, b->cells->len);
      for (guint c = 0; c < a->cells->len; c++)
        {
          g_assert_cmpuint (g_array_index (a->cells, guint, c), ==, g_array_index (b->cells, guint, c));
          g_assert_cmpfloat (g_array_index (a->values, double, c), ==, g_array_index (b->values, double, c));
        }
    }
}

/* ─── Opening ──────────────────────────────────────────────────────────── */

static void
test_library_open (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *journal = sql_text (fixture->path, "PRAGMA journal_mode");
  g_autofree char *previous = g_strdup (g_getenv ("GONGKAI_LIBRARY"));
  g_autofree char *default_path = NULL;

  g_assert_cmpint (gk_library_get_schema_version (fixture->library), ==, 2);
  g_assert_cmpstr (gk_library_get_path (fixture->library), ==, fixture->path);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpuint (gk_library_count_reports (fixture->library), ==, 0);
  g_assert_false (gk_library_can_undo (fixture->library));
  g_assert_false (gk_library_needs_reextraction (fixture->library));
  /* the form's cells, for SQL users */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM form_cells WHERE version = '2021'"), ==,
                   gk_form_get_layout (GK_FORM_2021)->n_cells);
  g_assert_cmpint (sql_int (fixture->path, "SELECT CAST (value AS INTEGER) FROM meta"
                                           " WHERE key = 'extractor_version'"), ==, GK_EXTRACTOR_VERSION);

  g_setenv ("GONGKAI_LIBRARY", "/somewhere/else.sqlite", TRUE);
  default_path = gk_library_default_path ();
  g_assert_cmpstr (default_path, ==, "/somewhere/else.sqlite");
  g_unsetenv ("GONGKAI_LIBRARY");
  g_free (default_path);
  default_path = gk_library_default_path ();
  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (default_path, "/gongkai/library.sqlite"));
  if (previous != NULL)
    g_setenv ("GONGKAI_LIBRARY", previous, TRUE);

  /* opening again finds the same library */
  fixture_reopen (fixture);
  g_assert_cmpint (gk_library_get_schema_version (fixture->library), ==, 2);
}

/* ─── Import ───────────────────────────────────────────────────────────── */

static void
test_library_import_generated (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports = generate (folder, 4, 40, 0, 0, paths);
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary = import_paths (fixture->library, roots);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (summary->imported, ==, paths->len);
  g_assert_cmpuint (summary->results->len, ==, paths->len);
  g_assert_cmpuint (summary->refused + summary->skipped + summary->duplicates, ==, 0);
  g_assert_false (summary->cancelled);
  g_assert_cmpuint (gk_library_count_reports (fixture->library), ==, paths->len);

  /* every report as read from its file, and as loaded back, cell by cell */
  for (guint i = 0; i < summary->results->len; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);
      g_autoptr(GFile) file = g_file_new_for_path (result->path);
      g_autoptr(GkReport) read = gk_read_report_file (file, NULL, &error);
      g_autoptr(GkReport) loaded = gk_library_load_report (fixture->library, result->report_id, &error);
      g_autoptr(GkReportSummary) row = summary_of (fixture->library, result->report_id);
      const GkTestReport *truth = g_ptr_array_index (reports, i);

      g_assert_no_error (error);
      g_assert_cmpstr (result->path, ==, g_ptr_array_index (paths, i));
      g_assert_cmpint (result->outcome, ==, GK_IMPORT_IMPORTED);
      assert_same_report (read, loaded);
      g_assert_null (loaded->document);
      g_assert_cmpstr (loaded->agency, ==, truth->agency);
      g_assert_cmpint (loaded->year, ==, truth->year);
      g_assert_cmpint (loaded->version, ==, truth->version);
      g_assert_cmpfloat (cell_value (loaded, "t3.new.total"), ==, gk_test_get (truth, "t3.new.total"));
      g_assert_cmpfloat (cell_value (loaded, "t4.review.total"), ==, gk_test_get (truth, "t4.review.total"));
      /* each identity holds, across years too */
      g_assert_cmpuint (row->errors, ==, 0);
      g_assert_cmpuint (row->warnings, ==, 0);
      g_assert_cmpuint (row->uncertain, ==, 0);
      g_assert_cmpstr (row->agency, ==, truth->agency);
      g_assert_false (row->edited);
      g_assert_false (row->missing_tables);
      g_assert_false (row->possible_duplicate);
    }

  /* the stored bytes are the file's */
  {
    const GkImportResult *result = g_ptr_array_index (summary->results, 0);
    g_autofree char *name = NULL;
    g_autofree char *original = NULL;
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr(GBytes) bytes = gk_library_load_source (fixture->library, result->report_id, &name,
                                                      &original, &error);
    g_autoptr(GkDocument) document = gk_library_load_document (fixture->library, result->report_id, &error);

    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (result->path, &contents, &length, NULL));
    g_assert_cmpuint (g_bytes_get_size (bytes), ==, length);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), length, contents, length);
    g_autofree char *base = g_path_get_basename (result->path);

    g_assert_cmpstr (name, ==, base);
    g_assert_true (g_str_has_suffix (original, "/pages/a0000/2019.txt")
                   || g_str_has_suffix (original, "/pages/a0000/2019.html"));
    g_assert_nonnull (document);
    g_assert_cmpuint (gk_document_get_n_blocks (document), >, 10);
    /* zlib format, as the schema says */
    g_assert_cmpint (sql_int (fixture->path, "SELECT hex (substr (content, 1, 1)) = '78' FROM sources"
                                             " WHERE id = 1"), ==, 1);
  }

  /* the same folder again: every file is already there */
  {
    g_autoptr(GkImportSummary) again = import_paths (fixture->library, roots);

    g_assert_cmpuint (again->imported, ==, 0);
    g_assert_cmpuint (again->duplicates, ==, paths->len);
    g_assert_cmpuint (gk_library_count_reports (fixture->library), ==, paths->len);
    for (guint i = 0; i < again->results->len; i++)
      {
        const GkImportResult *first = g_ptr_array_index (summary->results, i);
        const GkImportResult *second = g_ptr_array_index (again->results, i);
        g_assert_cmpint (second->outcome, ==, GK_IMPORT_DUPLICATE);
        g_assert_cmpint (second->report_id, ==, first->report_id);
      }
  }
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static const GkImportResult *
result_for (GkImportSummary *summary,
            const char      *suffix)
{
  for (guint i = 0; i < summary->results->len; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);
      if (g_str_has_suffix (result->path, suffix))
        return result;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_library_import_outcomes (Fixture       *fixture,
                              gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0 };
  g_autofree char *folder = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *pages = g_build_filename (folder, "pages", NULL);
  g_autofree char *first = g_build_filename (pages, "a0000", "2019.html", NULL);
  g_autofree char *same_bytes = g_build_filename (folder, "renamed copy.html", NULL);
  g_autofree char *text_copy = g_build_filename (folder, "2019 as text.txt", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.html", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *named_png = g_build_filename (fixture->dir, "named.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no such file.html", NULL);
  g_autofree char *hidden = g_build_filename (folder, ".hidden.html", NULL);
  g_autofree char *image = g_build_filename (folder, "scan.png", NULL);
  g_autofree char *assets = g_build_filename (folder, "page_files", NULL);
  g_autofree char *asset = g_build_filename (assets, "inner.html", NULL);
  g_autofree char *readme = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) reports = generate (pages, 1, 0, 0, 0, NULL);
  const GkTestReport *report_2019 = g_ptr_array_index (reports, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *as_text = gk_test_report_render (report_2019, GK_TEST_STYLE_TEXT_LINES, rand);
  const char *paths[] = { folder, empty, pdf, named_png, missing, NULL };
  g_autoptr(GkImportSummary) summary = NULL;
  const GkImportResult *result;

  g_assert_true (g_file_get_contents (first, &contents, NULL, NULL));
  write_file (same_bytes, contents, -1);
  write_file (text_copy, as_text, -1);
  write_file (empty, "", 0);
  write_file (pdf, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", -1);
  write_file (named_png, (const char *) png, sizeof png);
  write_file (image, (const char *) png, sizeof png);
  write_file (hidden, contents, -1);
  write_file (readme, "这里是说明文字，不是年度报告。\n文件整理于2024年。\n", -1);
  g_assert_cmpint (g_mkdir (assets, 0700), ==, 0);
  write_file (asset, contents, -1);

  summary = import_paths (fixture->library, paths);
  /* 6 pages of a0000, their copy under another name, the text copy */
  g_assert_cmpuint (summary->imported, ==, 7);
  g_assert_cmpuint (summary->possible_duplicates, ==, 1);
  g_assert_cmpuint (summary->duplicates, ==, 1);
  g_assert_cmpuint (summary->refused, ==, 4);
  g_assert_cmpuint (summary->skipped, ==, 4);
  g_assert_cmpuint (summary->results->len, ==, 7 + 1 + 4 + 4);

  result = result_for (summary, "renamed copy.html");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_DUPLICATE);
  g_assert_cmpint (result->report_id, ==, result_for (summary, "a0000/2019.html")->report_id);
  /* folders are walked in order: the text copy comes first */
  g_assert_cmpint (result_for (summary, "2019 as text.txt")->outcome, ==, GK_IMPORT_IMPORTED);
  result = result_for (summary, "a0000/2019.html");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_POSSIBLE_DUPLICATE);
  {
    g_autoptr(GkReportSummary) row = summary_of (fixture->library, result->report_id);
    g_autoptr(GkReportSummary) original = summary_of (fixture->library,
                                                      result_for (summary, "2019 as text.txt")->report_id);
    g_assert_true (row->possible_duplicate);
    g_assert_true (original->possible_duplicate);
    g_assert_cmpint (row->agency_id, ==, original->agency_id);
  }

  result = result_for (summary, "empty.html");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_REFUSED);
  g_assert_nonnull (strstr (result->reason, "empty.html"));
  g_assert_nonnull (strstr (result->reason, "empty"));
  result = result_for (summary, "report.pdf");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_REFUSED);
  g_assert_nonnull (strstr (result->reason, "PDF"));
  result = result_for (summary, "named.png");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_REFUSED);
  g_assert_nonnull (strstr (result->reason, "image"));
  result = result_for (summary, "no such file.html");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_REFUSED);
  g_assert_cmpint (result->report_id, ==, 0);

  result = result_for (summary, ".hidden.html");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (result->reason, "hidden"));
  result = result_for (summary, "scan.png");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (result->reason, "image"));
  result = result_for (summary, "page_files");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (result->reason, "saved page"));
  result = result_for (summary, "notes.txt");
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_SKIPPED);
  g_assert_nonnull (strstr (result->reason, "not an annual report"));
  g_assert_cmpstr (gk_import_outcome_to_string (GK_IMPORT_POSSIBLE_DUPLICATE), ==, "possible-duplicate");

  /* a folder that holds the library itself */
  {
    const char *whole[] = { fixture->dir, NULL };
    g_autoptr(GkImportSummary) again = import_paths (fixture->library, whole);

    g_assert_cmpuint (again->imported, ==, 0);
    g_assert_cmpint (result_for (again, "/library.sqlite")->outcome, ==, GK_IMPORT_SKIPPED);
    g_assert_nonnull (strstr (result_for (again, "/library.sqlite")->reason, "library itself"));
  }

  /* nothing refused or skipped left a trace */
  g_assert_cmpuint (gk_library_count_reports (fixture->library), ==, 7);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM sources"), ==, 7);
}

static void
test_library_import_seeds (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *seeds = shared_dir () != NULL ? g_build_filename (shared_dir (), "seeds", NULL) : NULL;
  const char *paths[] = { seeds, NULL };
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  GkReportQuery query = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
  gboolean found_alias = FALSE;

  if (seeds == NULL)
    {
      g_test_skip ("GK_SHARED_DIR is not set: no seeds");
      return;
    }
  summary = import_paths (fixture->library, paths);
  g_assert_cmpuint (summary->imported, ==, 5);
  g_assert_cmpuint (summary->possible_duplicates, ==, 0);

  for (guint i = 0; i < summary->results->len; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);
      g_autoptr(GFile) file = g_file_new_for_path (result->path);
      g_autoptr(GkReport) read = gk_read_report_file (file, NULL, &error);
      g_autoptr(GkReport) loaded = gk_library_load_report (fixture->library, result->report_id, &error);
      g_autoptr(GkReportSummary) row = summary_of (fixture->library, result->report_id);
      g_autoptr(GPtrArray) findings = gk_check_report (read);
      GkFindingCounts counts = gk_findings_count (findings, NULL);

      g_assert_no_error (error);
      assert_same_report (read, loaded);
      /* no neighbours among the seeds: the cached counts are the report's own */
      g_assert_cmpuint (row->errors, ==, counts.errors);
      g_assert_cmpuint (row->warnings, ==, counts.warnings);
      g_assert_cmpuint (row->uncertain, ==, counts.uncertain);
    }

  all = gk_library_list_reports (fixture->library, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  for (guint i = 0; i < all->len; i++)
    {
      const GkReportSummary *row = g_ptr_array_index (all, i);

      if (g_str_has_prefix (row->file_name, "000_"))
        {
          g_assert_cmpstr (row->agency, ==, "黑龙江省应急管理厅");
          g_assert_cmpstr (row->region, ==, "黑龙江省");
          g_assert_cmpint (row->year, ==, 2023);
          g_assert_true (row->missing_tables);
        }
      else if (g_str_has_prefix (row->file_name, "002_"))
        {
          g_autoptr(GkReport) report = gk_library_load_report (fixture->library, row->id, &error);
          g_assert_cmpstr (row->agency, ==, "浙江省应急管理厅");
          g_assert_cmpint (row->version, ==, GK_FORM_2021);
          g_assert_cmpfloat (cell_value (report, "t3.new.natural"), ==, 18);
          g_assert_cmpfloat (cell_value (report, "t2.licensing.decisions"), ==, 274126);
          g_assert_cmpuint (row->errors, ==, 0);
        }
      else if (g_str_has_prefix (row->file_name, "003_"))
        {
          g_autoptr(GPtrArray) findings = gk_library_check_report (fixture->library, row->id, FALSE, &error);
          g_assert_cmpuint (row->errors, ==, 1);
          g_assert_true (has_finding (findings, "t4.group_total"));
        }
      else if (g_str_has_prefix (row->file_name, "004_"))
        {
          /* printed in traditional characters, named in simplified */
          g_assert_cmpstr (row->agency, ==, "黑龙江省人民防空办公室");
          g_assert_cmpstr (row->region, ==, "黑龙江省");
          g_assert_cmpuint (row->warnings, ==, 1);
        }
    }

  agencies = gk_library_list_agencies (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agencies->len, ==, 5);
  for (guint i = 0; i < agencies->len; i++)
    {
      const GkAgency *agency = g_ptr_array_index (agencies, i);
      g_assert_cmpuint (agency->n_reports, ==, 1);
      if (g_str_equal (agency->name, "黑龙江省人民防空办公室"))
        {
          g_assert_true (g_strv_contains ((const char * const *) agency->aliases, "黑龍江省人民防空辦公室"));
          found_alias = TRUE;
        }
    }
  g_assert_true (found_alias);

  /* search by region, by a name in either script */
  {
    GkReportQuery by_region = { "黑龙江", 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_YEAR_AGENCY };
    GkReportQuery by_traditional = { "人民防空辦公室", 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
    GkReportQuery missing = { NULL, 0, 0, GK_REPORT_FILTER_MISSING_TABLES, GK_REPORT_ORDER_AGENCY_YEAR };
    GkReportQuery errors = { NULL, 0, 0, GK_REPORT_FILTER_ERRORS, GK_REPORT_ORDER_AGENCY_YEAR };
    GkReportQuery year = { NULL, 0, 2023, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
    g_autoptr(GPtrArray) found = gk_library_list_reports (fixture->library, &by_region, &error);
    const GkReportSummary *newest;

    g_assert_cmpuint (found->len, ==, 2);
    newest = g_ptr_array_index (found, 0);
    g_assert_cmpint (newest->year, ==, 2023);   /* newest first */
    g_clear_pointer (&found, g_ptr_array_unref);
    found = gk_library_list_reports (fixture->library, &by_traditional, &error);
    g_assert_cmpuint (found->len, ==, 1);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = gk_library_list_reports (fixture->library, &missing, &error);
    g_assert_cmpuint (found->len, ==, 3);   /* 000 and 001 have no tables; 004 no t2 */
    g_clear_pointer (&found, g_ptr_array_unref);
    found = gk_library_list_reports (fixture->library, &errors, &error);
    g_assert_cmpuint (found->len, ==, 1);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = gk_library_list_reports (fixture->library, &year, &error);
    g_assert_cmpuint (found->len, ==, 2);
  }
}

/* ─── Corrections ──────────────────────────────────────────────────────── */

typedef struct
{
  guint  report_changed;
  guint  reports_changed;
  guint  history_changed;
  gint64 last_report;
} Signals;

static void
on_report_changed (GkLibrary *library,
                   gint64     report_id,
                   Signals   *signals)
{
  signals->report_changed++;
  signals->last_report = report_id;
}

static void
on_reports_changed (GkLibrary *library,
                    Signals   *signals)
{
  signals->reports_changed++;
}

static void
on_history_changed (GkLibrary *library,
                    Signals   *signals)
{
  signals->history_changed++;
}

static void
connect_signals (GkLibrary *library,
                 Signals   *signals)
{
  g_signal_connect (library, "report-changed", G_CALLBACK (on_report_changed), signals);
  g_signal_connect (library, "reports-changed", G_CALLBACK (on_reports_changed), signals);
  g_signal_connect (library, "history-changed", G_CALLBACK (on_history_changed), signals);
}

/* Two years of one agency, all identities holding. */
static void
import_two_years (Fixture *fixture,
                  gint64  *report_2019,
                  gint64  *report_2020)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 1, 0, 0, 0, NULL);
  g_autofree char *path_2019 = g_build_filename (folder, "a0000", "2019.html", NULL);
  g_autofree char *path_2020 = g_build_filename (folder, "a0000", "2020.html", NULL);

  *report_2019 = import_one (fixture->library, path_2019);
  *report_2020 = import_one (fixture->library, path_2020);
}

static void
test_library_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) before = NULL;
  g_autoptr(GkReport) after = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *shown = NULL;
  Signals signals = { 0 };
  gint64 first, second;
  const GkCell *cell;
  double parsed;

  import_two_years (fixture, &first, &second);
  connect_signals (fixture->library, &signals);
  before = gk_library_load_report (fixture->library, first, &error);
  parsed = cell_value (before, "t3.granted.natural");

  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.granted.natural", "9999", "typo in the page",
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.history_changed, ==, 1);
  g_assert_cmpuint (signals.report_changed, >=, 1);
  g_assert_true (gk_library_can_undo (fixture->library));

  /* the overlay: the parsed value stays, the edit wins */
  after = gk_library_load_report (fixture->library, first, &error);
  cell = gk_report_get_cell (after, "t3.granted.natural");
  g_assert_cmpstr (cell->edit_raw, ==, "9999");
  g_assert_cmpstr (cell->edit_note, ==, "typo in the page");
  g_assert_cmpfloat (cell->parsed.value, ==, parsed);
  g_assert_cmpfloat (cell_value (after, "t3.granted.natural"), ==, 9999);
  g_assert_cmpint (cell->edit_time, >, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT value FROM cells WHERE key = 't3.granted.natural'"
                                           " AND report_id = 1"), ==, (gint64) parsed);

  /* what pandas reads */
  shown = sql_text (fixture->path, "SELECT raw || '|' || kind || '|' || edited || '|' || row_label"
                                   " FROM cell_values WHERE report_id = 1 AND key = 't3.granted.natural'");
  g_assert_cmpstr (shown, ==, "9999|number|1|（一）予以公开");

  /* the counts follow: the row total and the results no longer add up */
  row = summary_of (fixture->library, first);
  g_assert_cmpuint (row->errors, ==, 2);   /* t3.row_total for granted, t3.results for natural */
  g_assert_true (row->edited);
  findings = gk_library_check_report (fixture->library, first, FALSE, &error);
  g_assert_true (has_finding (findings, "t3.row_total"));

  /* an edit on a blank cell is stored and shown too */
  g_assert_true (gk_library_set_edit (fixture->library, first, "t2.procurement.amount", "—", NULL, &error));
  g_clear_pointer (&shown, g_free);
  shown = sql_text (fixture->path, "SELECT kind FROM cell_values WHERE report_id = 1"
                                   " AND key = 't2.procurement.amount'");
  g_assert_cmpstr (shown, ==, "na");

  /* clearing is a record too: the history only grows */
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.granted.natural", NULL, NULL, &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM edits WHERE cell_key = 't3.granted.natural'"),
                   ==, 2);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM active_edits"
                                           " WHERE cell_key = 't3.granted.natural'"), ==, 0);
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, first);
  g_assert_cmpuint (row->errors, ==, 0);
  /* clearing what is not edited changes nothing */
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.granted.natural", NULL, NULL, &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM edits"), ==, 3);

  /* a cell the form does not have, a report that does not exist */
  g_assert_false (gk_library_set_edit (fixture->library, first, "t3.nonsense.total", "1", NULL, &error));
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_library_set_edit (fixture->library, 999, "t3.new.total", "1", NULL, &error));
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gk_library_load_report (fixture->library, 999, &error));
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND);
}

static void
test_library_dismissals (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) dismissed = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autofree char *finding_id = NULL;
  gint64 first, second;

  import_two_years (fixture, &first, &second);
  /* break t4 on the second: one error */
  g_assert_true (gk_library_set_edit (fixture->library, second, "t4.review.total", "77", NULL, &error));
  findings = gk_library_check_report (fixture->library, second, FALSE, &error);
  g_assert_cmpuint (findings->len, ==, 1);
  finding_id = gk_finding_dup_id (g_ptr_array_index (findings, 0));
  g_assert_cmpstr (finding_id, ==, "t4.group_total:review");

  g_assert_true (gk_library_dismiss_finding (fixture->library, second, finding_id,
                                             "the agency confirmed the total by phone", &error));
  g_assert_no_error (error);
  row = summary_of (fixture->library, second);
  g_assert_cmpuint (row->errors, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = gk_library_check_report (fixture->library, second, FALSE, &error);
  g_assert_cmpuint (findings->len, ==, 0);
  all = gk_library_check_report (fixture->library, second, TRUE, &error);
  g_assert_cmpuint (all->len, ==, 1);
  dismissed = gk_library_list_dismissed (fixture->library, second, &error);
  g_assert_cmpstr (g_hash_table_lookup (dismissed, finding_id), ==, "the agency confirmed the total by phone");

  g_assert_true (gk_library_restore_finding (fixture->library, second, finding_id, &error));
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, second);
  g_assert_cmpuint (row->errors, ==, 1);
  g_assert_false (gk_library_restore_finding (fixture->library, second, finding_id, &error));
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND);
}

static void
test_library_identity (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autofree char *extracted = NULL;
  Signals signals = { 0 };
  gint64 first, second, agency_id;

  import_two_years (fixture, &first, &second);
  connect_signals (fixture->library, &signals);
  row = summary_of (fixture->library, second);
  agency_id = row->agency_id;
  g_assert_cmpint (gk_library_find_report (fixture->library, agency_id, 2020), ==, second);

  g_assert_true (gk_library_set_identity (fixture->library, second, "某某市统计局", 2018, GK_FORM_UNKNOWN, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.reports_changed, ==, 1);
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, second);
  g_assert_cmpstr (row->agency, ==, "某某市统计局");
  g_assert_cmpstr (row->region, ==, "某某市");
  g_assert_cmpint (row->year, ==, 2018);
  g_assert_cmpint (row->version, ==, GK_FORM_2019);   /* kept */
  g_assert_cmpint (row->agency_id, !=, agency_id);
  g_assert_cmpint (gk_library_find_report (fixture->library, agency_id, 2020), ==, 0);
  report = gk_library_load_report (fixture->library, second, &error);
  g_assert_cmpstr (report->agency, ==, "某某市统计局");
  g_assert_cmpint (report->year, ==, 2018);

  /* what the page said is kept apart */
  extracted = sql_text (fixture->path, "SELECT extracted_agency || ' ' || extracted_year FROM reports WHERE id = 2");
  g_assert_true (g_str_has_suffix (extracted, " 2020"));
  g_assert_cmpint (sql_int (fixture->path, "SELECT year FROM identity_overrides WHERE report_id = 2"), ==, 2018);

  /* the version: cells move by key */
  g_assert_true (gk_library_set_identity (fixture->library, second, NULL, 0, GK_FORM_2021, &error));
  g_clear_pointer (&report, gk_report_unref);
  report = gk_library_load_report (fixture->library, second, &error);
  g_assert_cmpint (report->version, ==, GK_FORM_2021);
  g_assert_cmpstr (report->agency, ==, "某某市统计局");
  g_assert_nonnull (gk_report_get_cell (report, "t3.new.total")->raw);
}

static void
test_library_undo_redo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autoptr(GkReport) report = NULL;
  Signals signals = { 0 };
  gint64 first, second;
  g_autofree char *agency = NULL;

  import_two_years (fixture, &first, &second);
  row = summary_of (fixture->library, second);
  agency = g_strdup (row->agency);
  g_clear_pointer (&row, gk_report_summary_free);
  connect_signals (fixture->library, &signals);

  g_assert_true (gk_library_set_edit (fixture->library, second, "t4.review.total", "5", "edit 1", &error));
  g_assert_true (gk_library_set_edit (fixture->library, second, "t4.review.total", "6", "edit 2", &error));
  g_assert_true (gk_library_dismiss_finding (fixture->library, second, "t4.group_total:review", "why", &error));
  g_assert_true (gk_library_set_identity (fixture->library, second, "另一个局", 0, GK_FORM_UNKNOWN, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.history_changed, ==, 4);

  /* undo the override */
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, second);
  row = summary_of (fixture->library, second);
  g_assert_cmpstr (row->agency, ==, agency);
  g_assert_true (gk_library_can_redo (fixture->library));
  g_clear_pointer (&row, gk_report_summary_free);
  /* undo the dismissal */
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, second);
  row = summary_of (fixture->library, second);
  g_assert_cmpuint (row->errors, ==, 1);
  g_clear_pointer (&row, gk_report_summary_free);
  /* undo the second edit: the first is back */
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, second);
  report = gk_library_load_report (fixture->library, second, &error);
  g_assert_cmpstr (gk_report_get_cell (report, "t4.review.total")->edit_raw, ==, "5");
  g_assert_cmpstr (gk_report_get_cell (report, "t4.review.total")->edit_note, ==, "edit 1");
  g_clear_pointer (&report, gk_report_unref);

  /* the journal survives closing the library */
  fixture_reopen (fixture);
  g_assert_true (gk_library_can_undo (fixture->library));
  g_assert_true (gk_library_can_redo (fixture->library));
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, second);
  report = gk_library_load_report (fixture->library, second, &error);
  g_assert_null (gk_report_get_cell (report, "t4.review.total")->edit_raw);
  g_clear_pointer (&report, gk_report_unref);
  g_assert_false (gk_library_can_undo (fixture->library));
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, 0);
  g_assert_no_error (error);

  /* redo all four, in order */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (gk_library_redo (fixture->library, &error), ==, second);
  g_assert_false (gk_library_can_redo (fixture->library));
  row = summary_of (fixture->library, second);
  g_assert_cmpstr (row->agency, ==, "另一个局");
  g_assert_cmpuint (row->errors, ==, 0);   /* dismissed again */
  g_clear_pointer (&row, gk_report_summary_free);
  report = gk_library_load_report (fixture->library, second, &error);
  g_assert_cmpstr (gk_report_get_cell (report, "t4.review.total")->edit_raw, ==, "6");
  g_clear_pointer (&report, gk_report_unref);

  /* a new action clears the redo side */
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, second);
  g_assert_true (gk_library_can_redo (fixture->library));
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.new.total", "1", NULL, &error));
  g_assert_false (gk_library_can_redo (fixture->library));
  g_assert_cmpint (gk_library_redo (fixture->library, &error), ==, 0);
  /* the edit history kept every step */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM edits WHERE cell_key = 't4.review.total'"),
                   ==, 6);
}

/* ─── Agencies and cross-year checks ───────────────────────────────────── */

static void
test_library_agencies (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 2, 0, 0, 0, NULL);
  g_autofree char *a_2019 = g_build_filename (folder, "a0000", "2019.html", NULL);
  g_autofree char *a_2020 = g_build_filename (folder, "a0000", "2020.html", NULL);
  g_autofree char *b_2021 = g_build_filename (folder, "a0001", "2021.html", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  gint64 first, second, third, kept, merged;
  const GkAgency *agency;

  first = import_one (fixture->library, a_2019);
  second = import_one (fixture->library, a_2020);
  third = import_one (fixture->library, b_2021);
  agencies = gk_library_list_agencies (fixture->library, &error);
  g_assert_cmpuint (agencies->len, ==, 2);
  row = summary_of (fixture->library, first);
  kept = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, third);
  merged = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);

  /* the 2020 report against a 2021 one of another agency: no cross-year check yet */
  row = summary_of (fixture->library, third);
  g_assert_cmpuint (row->warnings, ==, 0);
  g_clear_pointer (&row, gk_report_summary_free);

  g_assert_true (gk_library_merge_agencies (fixture->library, kept, merged, &error));
  g_assert_no_error (error);
  g_clear_pointer (&agencies, g_ptr_array_unref);
  agencies = gk_library_list_agencies (fixture->library, &error);
  g_assert_cmpuint (agencies->len, ==, 1);
  agency = g_ptr_array_index (agencies, 0);
  g_assert_cmpint (agency->id, ==, kept);
  g_assert_cmpuint (agency->n_reports, ==, 3);
  g_assert_cmpuint (g_strv_length (agency->aliases), ==, 1);
  {
    g_autofree char *b_name = gk_test_agency_name (1);
    g_assert_cmpstr (agency->aliases[0], ==, b_name);
  }
  /* now 2020 → 2021 meet: the other agency's figures do not carry over */
  row = summary_of (fixture->library, third);
  g_assert_cmpint (row->agency_id, ==, kept);
  g_assert_cmpuint (row->warnings, >, 0);
  g_clear_pointer (&row, gk_report_summary_free);
  g_assert_cmpint (gk_library_find_report (fixture->library, kept, 2021), ==, third);

  /* a later file of the merged agency joins the kept one */
  {
    g_autofree char *b_2022 = g_build_filename (folder, "a0001", "2022.html", NULL);
    gint64 fourth = import_one (fixture->library, b_2022);
    row = summary_of (fixture->library, fourth);
    g_assert_cmpint (row->agency_id, ==, kept);
    g_clear_pointer (&row, gk_report_summary_free);
  }

  g_assert_true (gk_library_rename_agency (fixture->library, kept, "上海市某某委员会", &error));
  g_assert_no_error (error);
  row = summary_of (fixture->library, second);
  g_assert_cmpstr (row->agency, ==, "上海市某某委员会");
  g_assert_cmpstr (row->region, ==, "上海市");
  g_clear_pointer (&row, gk_report_summary_free);
  g_clear_pointer (&agencies, g_ptr_array_unref);
  agencies = gk_library_list_agencies (fixture->library, &error);
  agency = g_ptr_array_index (agencies, 0);
  g_assert_cmpuint (g_strv_length (agency->aliases), ==, 2);

  /* search by an alias finds the agency */
  {
    g_autofree char *a_name = gk_test_agency_name (0);
    GkReportQuery query = { a_name, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
    g_autoptr(GPtrArray) found = gk_library_list_reports (fixture->library, &query, &error);
    g_assert_cmpuint (found->len, ==, 4);
  }

  /* a name another agency has is refused; unknown agencies are not found */
  {
    g_autofree char *c_2019 = g_build_filename (fixture->dir, "c.html", NULL);
    g_autoptr(GRand) rand = g_rand_new_with_seed (1);
    GkTestAgencyState state = { FALSE };
    GkTestReport *other = gk_test_report_new ("天津市审计局", 2019, GK_FORM_2019, &state, rand);
    g_autofree char *page = gk_test_report_render (other, GK_TEST_STYLE_WORD_HTML, rand);

    write_file (c_2019, page, -1);
    gk_test_report_free (other);
    import_one (fixture->library, c_2019);
    g_assert_false (gk_library_rename_agency (fixture->library, kept, "天津市审计局", &error));
    g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "merge"));
    g_clear_error (&error);
  }
  g_assert_false (gk_library_merge_agencies (fixture->library, kept, 9999, &error));
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND);
}

static void
test_library_cross_year (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *page_2019 = corpus_page ("2019");
  g_autofree char *page_2021 = corpus_page ("2021");
  g_autofree char *page_2022 = corpus_page ("2022");
  g_autofree char *page_2023 = corpus_page ("2023");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  gint64 id_2021, id_2022, id_2023;
  const GkFinding *in_force;

  if (page_2021 == NULL || page_2022 == NULL || page_2023 == NULL || page_2019 == NULL)
    {
      g_test_skip ("GK_SHARED_DIR has no Pingtan corpus");
      return;
    }
  /* out of order on purpose: a later import refreshes its neighbours */
  id_2023 = import_one (fixture->library, page_2023);
  id_2021 = import_one (fixture->library, page_2021);
  import_one (fixture->library, page_2019);
  id_2022 = import_one (fixture->library, page_2022);

  /* 2021 → 2022: x.carry holds (carried_out 1/0/0/0/0/0/1 → carried_in) */
  findings = gk_library_check_report (fixture->library, id_2022, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (has_finding (findings, "x.carry"));
  g_assert_cmpuint (gk_findings_count (findings, "x.").errors + gk_findings_count (findings, "x.").warnings,
                    ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* 2022 → 2023: normative documents in force do not add up */
  findings = gk_library_check_report (fixture->library, id_2023, FALSE, &error);
  in_force = find_finding (findings, "x.in_force");
  g_assert_nonnull (in_force);
  g_assert_cmpint (in_force->other_year, ==, 2022);
  g_assert_cmpstr (in_force->scope, ==, "normative");
  row = summary_of (fixture->library, id_2023);
  g_assert_cmpuint (row->warnings, ==, 1);
  g_clear_pointer (&row, gk_report_summary_free);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* an edit of 2022 re-checks 2023: 470 in force = 525 + 77 − 132 */
  g_assert_true (gk_library_set_edit (fixture->library, id_2022, "t2.normative.in_force", "525", NULL, &error));
  row = summary_of (fixture->library, id_2023);
  g_assert_cmpuint (row->warnings, ==, 0);
  g_clear_pointer (&row, gk_report_summary_free);
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, id_2022);
  row = summary_of (fixture->library, id_2023);
  g_assert_cmpuint (row->warnings, ==, 1);
  g_clear_pointer (&row, gk_report_summary_free);

  /* break the carry from 2021: 2022 warns, naming the other year */
  g_assert_true (gk_library_set_edit (fixture->library, id_2021, "t3.carried_out.natural", "5", NULL, &error));
  findings = gk_library_check_report (fixture->library, id_2022, FALSE, &error);
  g_assert_nonnull (find_finding (findings, "x.carry"));
  g_assert_cmpint (find_finding (findings, "x.carry")->other_year, ==, 2021);
  row = summary_of (fixture->library, id_2022);
  g_assert_cmpuint (row->warnings, ==, 2 + 1);   /* the two prose warnings, and the carry */
  g_clear_pointer (&row, gk_report_summary_free);

  /* undo puts it back */
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, id_2021);
  row = summary_of (fixture->library, id_2022);
  g_assert_cmpuint (row->warnings, ==, 2);
  g_clear_pointer (&row, gk_report_summary_free);

  /* the crawler's text copy: digits run together, with a split offered */
  {
    g_autofree char *text_2023 = g_build_filename (shared_dir (), "corpus", "pingtan", "2023", "page.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (text_2023);
    g_autoptr(GkReport) read = gk_read_report_file (file, NULL, &error);
    gint64 id = import_one (fixture->library, text_2023);
    g_autoptr(GkReport) loaded = gk_library_load_report (fixture->library, id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (read->suggestions->len, >, 0);
    assert_same_report (read, loaded);
    row = summary_of (fixture->library, id);
    g_assert_true (row->needs_review);
    g_assert_true (row->possible_duplicate);
  }
}

/* ─── Charts ───────────────────────────────────────────────────────────── */

static void
test_library_series (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 3, 30, 0, 0, paths);
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary G_GNUC_UNUSED = import_paths (fixture->library, roots);
  g_autoptr(GPtrArray) agencies = gk_library_list_agencies (fixture->library, NULL);
  g_autoptr(GError) error = NULL;
  const char *metrics[] = { "applications_received", "granted_share", "normative_in_force", "fee_amount",
                            "review_correction_rate" };
  gint64 ids[3];
  gint64 broken;

  g_assert_cmpuint (agencies->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    ids[i] = ((GkAgency *) g_ptr_array_index (agencies, i))->id;

  /* break one report, and edit another: the series shows what the app shows */
  broken = gk_library_find_report (fixture->library, ids[1], 2022);
  g_assert_true (gk_library_set_edit (fixture->library, broken, "t4.review.total", "99", NULL, &error));
  g_assert_true (gk_library_set_edit (fixture->library, gk_library_find_report (fixture->library, ids[0], 2021),
                                      "t3.new.total", "1234", NULL, &error));

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      const GkFormMetric *metric = gk_form_get_metric (metrics[m]);
      g_autoptr(GkSeriesSet) set = gk_library_build_series (fixture->library, metrics[m], ids, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (set->metric_key, ==, metrics[m]);
      g_assert_cmpstr (set->unit, ==, metric->unit);
      g_assert_cmpuint (gk_series_set_get_n_series (set), ==, 3);
      for (guint s = 0; s < 3; s++)
        {
          GkSeries *series = gk_series_set_get_series (set, s);
          const GkAgency *agency = g_ptr_array_index (agencies, s);

          g_assert_cmpstr (series->label, ==, agency->name);
          g_assert_cmpstr (series->key, ==, agency->key);
          g_assert_cmpuint (gk_series_get_n_points (series), ==, 6);
          for (guint p = 0; p < 6; p++)
            {
              const GkSeriesPoint *point = gk_series_get_point (series, p);
              g_autoptr(GkReport) report = gk_library_load_report (fixture->library, point->report_id, &error);
              double expected = gk_report_metric_value (report, metric);
              g_autofree char *label_start = g_strdup_printf ("%s %d · ", agency->name, point->year);

              g_assert_cmpint (point->year, ==, 2019 + (int) p);
              g_assert_cmpint (point->report_id, ==, gk_library_find_report (fixture->library, agency->id,
                                                                              point->year));
              if (isnan (expected))
                g_assert_true (isnan (point->value));
              else
                g_assert_cmpfloat_with_epsilon (point->value, expected, 1e-9 * MAX (1, fabs (expected)));
              g_assert_true (g_str_has_prefix (point->report_label, label_start));
              if (point->report_id == broken)
                g_assert_cmpstr (point->problem, ==, "1 error: t4.group_total");
              else
                {
                  g_autoptr(GkReportSummary) row = summary_of (fixture->library, point->report_id);
                  if (row->errors == 0)
                    g_assert_null (point->problem);
                  else
                    g_assert_true (g_str_has_prefix (point->problem, "2 errors: t3."));
                }
            }
        }
      /* a 2021-form figure has gaps in 2019 and 2020, never 0 */
      if (g_str_equal (metrics[m], "normative_in_force"))
        {
          const GkSeriesPoint *point = gk_series_set_get_point (set, 0, 0);
          g_assert_true (isnan (point->value));
          point = gk_series_set_get_point (set, 0, 2);
          g_assert_false (isnan (point->value));
        }
      if (g_str_equal (metrics[m], "applications_received"))
        g_assert_cmpfloat (gk_series_set_get_point (set, 0, 2)->value, ==, 1234);
    }

  g_assert_null (gk_library_build_series (fixture->library, "no_such_metric", ids, 3, &error));
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND);
}

/* ─── Re-extraction ────────────────────────────────────────────────────── */

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  g_assert_cmpuint (done, <=, total);
  (*(guint *) user_data)++;
}

static void
test_library_reextract (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 2, 50, 0, 0, NULL);
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary = import_paths (fixture->library, roots);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autofree char *expected_orphan = NULL;
  gint64 edited = ((GkImportResult *) g_ptr_array_index (summary->results, 3))->report_id;
  guint progress_calls = 0;
  gint64 n_cells;

  g_assert_true (gk_library_set_edit (fixture->library, edited, "t3.granted.natural", "4321", "checked", &error));
  n_cells = sql_int (fixture->path, "SELECT count (*) FROM cells");
  g_clear_object (&fixture->library);

  /* an older extractor derived these cells; one edit is on a cell that
   * extractor had and this form does not */
  sql_exec (fixture->path, "UPDATE reports SET extractor_version = 0;"
                           "UPDATE meta SET value = '0' WHERE key = 'extractor_version';"
                           "DELETE FROM cells WHERE key LIKE 't4.%';"
                           "INSERT INTO edits (report_id, cell_key, raw, kind, value, note, time)"
                           " VALUES (2, 't3.withdrawn.total', '3', 'number', 3, 'old form', '2024-01-01T00:00:00Z');");
  fixture_reopen (fixture);
  g_assert_true (gk_library_needs_reextraction (fixture->library));

  orphans = gk_library_reextract (fixture->library, NULL, count_progress, &progress_calls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress_calls, >=, 2);
  g_assert_false (gk_library_needs_reextraction (fixture->library));
  g_assert_cmpuint (orphans->len, ==, 1);
  expected_orphan = g_strdup ("2:t3.withdrawn.total");
  g_assert_cmpstr (g_ptr_array_index (orphans, 0), ==, expected_orphan);
  /* kept, never dropped */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM active_edits WHERE cell_key = 't3.withdrawn.total'"),
                   ==, 1);
  /* the cells are whole again, and the edit is back on its cell */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM cells"), ==, n_cells);
  report = gk_library_load_report (fixture->library, edited, &error);
  g_assert_cmpstr (gk_report_get_cell (report, "t3.granted.natural")->edit_raw, ==, "4321");
  g_assert_cmpfloat (cell_value (report, "t3.granted.natural"), ==, 4321);
  g_assert_nonnull (gk_report_get_cell (report, "t4.review.total")->raw);
  row = summary_of (fixture->library, edited);
  g_assert_cmpuint (row->errors, >, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT min (extractor_version) FROM reports"), ==, GK_EXTRACTOR_VERSION);
}

/* A report derived again onto another year (no override): the reports of
 * the year after the one it left are checked again. */
static void
test_library_reextract_moved (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  GkTestCorpusOptions options = { 1, 2021, 2024, 0, 0, 0, 7 };
  g_autoptr(GPtrArray) reports = NULL;
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  GkFindingCounts fresh;
  guint errors, warnings, uncertain;
  gint64 agency_id, first, last;

  reports = gk_test_corpus_write (folder, &options, NULL, &error);
  g_assert_no_error (error);
  summary = import_paths (fixture->library, roots);
  g_assert_cmpuint (summary->imported, ==, 4);
  row = summary_of (fixture->library, ((GkImportResult *) g_ptr_array_index (summary->results, 0))->report_id);
  agency_id = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  first = gk_library_find_report (fixture->library, agency_id, 2021);
  last = gk_library_find_report (fixture->library, agency_id, 2024);
  row = summary_of (fixture->library, first);
  errors = row->errors;
  warnings = row->warnings;
  uncertain = row->uncertain;
  g_clear_pointer (&row, gk_report_summary_free);

  /* an older extractor read 2020 on the last report: 2021 was checked
   * against it (an override stands in for that extractor here) */
  g_assert_true (gk_library_set_identity (fixture->library, last, NULL, 2020, GK_FORM_UNKNOWN, &error));
  row = summary_of (fixture->library, first);
  g_assert_true (row->errors != errors || row->warnings != warnings || row->uncertain != uncertain);
  g_clear_pointer (&row, gk_report_summary_free);
  g_clear_object (&fixture->library);
  sql = g_strdup_printf ("DELETE FROM identity_overrides; DELETE FROM actions;"
                         "UPDATE reports SET extracted_year = 2020, extractor_version = 0"
                         " WHERE id = %" G_GINT64_FORMAT, last);
  sql_exec (fixture->path, sql);
  fixture_reopen (fixture);

  /* this extractor reads 2024 again: 2021 has no year before any more */
  orphans = gk_library_reextract (fixture->library, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  row = summary_of (fixture->library, last);
  g_assert_cmpint (row->year, ==, 2024);
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, first);
  findings = gk_library_check_report (fixture->library, first, FALSE, &error);
  fresh = gk_findings_count (findings, NULL);
  g_assert_cmpuint (row->errors, ==, fresh.errors);
  g_assert_cmpuint (row->warnings, ==, fresh.warnings);
  g_assert_cmpuint (row->uncertain, ==, fresh.uncertain);
  g_assert_cmpuint (row->errors, ==, errors);
  g_assert_cmpuint (row->warnings, ==, warnings);
  g_assert_cmpuint (row->uncertain, ==, uncertain);
}

/* Cross-year findings take their place by severity among the report's own. */
static void
test_library_findings_order (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 1, 0, 0, 0, NULL);
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary = import_paths (fixture->library, roots);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autoptr(GError) error = NULL;
  gint64 agency_id, previous, current;
  gboolean cross = FALSE, own_uncertain = FALSE;

  row = summary_of (fixture->library, ((GkImportResult *) g_ptr_array_index (summary->results, 0))->report_id);
  agency_id = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  previous = gk_library_find_report (fixture->library, agency_id, 2021);
  current = gk_library_find_report (fixture->library, agency_id, 2022);
  /* a carry that does not hold (a cross-year warning), and a cell left
   * blank (the report's own uncertain findings) */
  g_assert_true (gk_library_set_edit (fixture->library, previous, "t3.carried_out.natural", "99999", NULL, &error));
  g_assert_true (gk_library_set_edit (fixture->library, current, "t3.new.natural", "/", NULL, &error));
  g_assert_no_error (error);

  findings = gk_library_check_report (fixture->library, current, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, i);

      cross |= finding->other_year != 0;
      own_uncertain |= finding->other_year == 0 && finding->severity == GK_SEVERITY_UNCERTAIN;
      if (i > 0)
        g_assert_cmpint (((GkFinding *) g_ptr_array_index (findings, i - 1))->severity, <=, finding->severity);
    }
  g_assert_true (cross);
  g_assert_true (own_uncertain);
}

static void
test_library_export_cancelled (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 1, 0, 0, 0, NULL);
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary G_GNUC_UNUSED = import_paths (fixture->library, roots);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  GkExportOptions options = { FALSE };
  guint n_reports = 0;

  /* nothing is left behind (AddressSanitizer's leak check tells) */
  g_cancellable_cancel (cancellable);
  g_assert_false (gk_library_export (fixture->library, NULL, GK_EXPORT_JSON, &options, NULL, out, cancellable,
                                     &n_reports, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* and the connection is free for what comes next */
  g_assert_true (gk_library_set_edit (fixture->library, 1, "t3.granted.natural", "3", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gk_library_export (fixture->library, NULL, GK_EXPORT_JSON, &options, NULL, out, NULL,
                                    &n_reports, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_reports, ==, 6);
}

/* ─── Async import ─────────────────────────────────────────────────────── */

typedef struct
{
  GMainLoop       *loop;
  GThread         *main_thread;
  GCancellable    *cancel_after_chunk;
  guint            progress_calls;
  guint            last_done;
  guint            reports_changed;
  GkImportSummary *summary;
  GPtrArray       *orphans;
  GError          *error;
} AsyncState;

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (done, >=, state->last_done);
  g_assert_cmpuint (done, <=, total);
  state->last_done = done;
  state->progress_calls++;
  if (state->cancel_after_chunk != NULL && done >= 64)
    g_cancellable_cancel (state->cancel_after_chunk);
}

static void
async_reports_changed (GkLibrary  *library,
                       AsyncState *state)
{
  g_assert_true (g_thread_self () == state->main_thread);
  state->reports_changed++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->summary = gk_library_import_finish (GK_LIBRARY (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_library_import_async (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autofree char *second_path = g_build_filename (fixture->dir, "second.sqlite", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 60, 10, 0, 0, paths);
  const char *roots[] = { folder, NULL };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GkLibrary) second = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState state = { loop, g_thread_self (), NULL, 0, 0, 0, NULL, NULL, NULL };
  guint n_reports;

  g_signal_connect (fixture->library, "reports-changed", G_CALLBACK (async_reports_changed), &state);
  gk_library_import_async (fixture->library, roots, NULL, async_progress, &state, async_done, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.summary);
  g_assert_cmpuint (state.summary->imported, ==, paths->len);
  g_assert_false (state.summary->cancelled);
  g_assert_cmpuint (state.last_done, ==, paths->len);
  g_assert_cmpuint (state.progress_calls, >=, 2);
  g_assert_cmpuint (state.reports_changed, >=, 1);
  g_assert_cmpuint (gk_library_count_reports (fixture->library), ==, paths->len);
  g_clear_pointer (&state.summary, gk_import_summary_free);

  /* cancelled after a chunk: what was written is whole, the rest is not there */
  second = gk_library_open (second_path, &error);
  g_assert_no_error (error);
  state.cancel_after_chunk = cancellable;
  state.last_done = 0;
  gk_library_import_async (second, roots, cancellable, async_progress, &state, async_done, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_true (state.summary->cancelled);
  n_reports = gk_library_count_reports (second);
  g_assert_cmpuint (n_reports, >=, 64);
  g_assert_cmpuint (n_reports, <, paths->len);
  g_assert_cmpuint (state.summary->imported, ==, n_reports);
  g_assert_cmpuint (state.summary->results->len, ==, n_reports);
  g_assert_cmpint (sql_int (second_path, "SELECT count (*) FROM reports WHERE n_cells <>"
                                         " (SELECT count (*) FROM cells WHERE report_id = reports.id)"), ==, 0);
  g_clear_pointer (&state.summary, gk_import_summary_free);

  /* importing again finishes the job */
  state.cancel_after_chunk = NULL;
  state.last_done = 0;
  gk_library_import_async (second, roots, NULL, NULL, NULL, async_done, &state);
  g_main_loop_run (loop);
  g_assert_cmpuint (state.summary->imported + state.summary->duplicates, ==, paths->len);
  g_assert_cmpuint (gk_library_count_reports (second), ==, paths->len);
  g_clear_pointer (&state.summary, gk_import_summary_free);
}

static void
async_reextract_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AsyncState *state = user_data;

  state->orphans = gk_library_reextract_finish (GK_LIBRARY (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* What the window does on opening a library an older extractor wrote:
 * derived again in a thread, news on the caller's thread, orphans returned. */
static void
test_library_reextract_async (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports = generate (folder, 80, 10, 0, 0, NULL);
  const char *roots[] = { folder, NULL };
  g_autoptr(GkImportSummary) summary = import_paths (fixture->library, roots);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = NULL;
  AsyncState state = { loop, g_thread_self (), NULL, 0, 0, 0, NULL, NULL, NULL };
  gint64 edited = ((GkImportResult *) g_ptr_array_index (summary->results, 5))->report_id;

  g_assert_true (gk_library_set_edit (fixture->library, edited, "t3.granted.natural", "4321", NULL, &error));
  g_clear_object (&fixture->library);
  sql_exec (fixture->path, "UPDATE reports SET extractor_version = 0;"
                           "UPDATE meta SET value = '0' WHERE key = 'extractor_version';"
                           "DELETE FROM cells WHERE key LIKE 't3.%';"
                           "INSERT INTO edits (report_id, cell_key, raw, kind, value, note, time)"
                           " VALUES (7, 't9.gone.total', '3', 'number', 3, NULL, '2024-01-01T00:00:00Z');");
  fixture_reopen (fixture);
  g_assert_true (gk_library_needs_reextraction (fixture->library));

  g_signal_connect (fixture->library, "reports-changed", G_CALLBACK (async_reports_changed), &state);
  gk_library_reextract_async (fixture->library, NULL, async_progress, &state, async_reextract_done, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.orphans);
  g_assert_cmpuint (state.orphans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (state.orphans, 0), ==, "7:t9.gone.total");
  g_assert_cmpuint (state.last_done, ==, reports->len);
  g_assert_cmpuint (state.progress_calls, >=, 2);
  g_assert_cmpuint (state.reports_changed, >=, 1);
  g_assert_false (gk_library_needs_reextraction (fixture->library));
  report = gk_library_load_report (fixture->library, edited, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cell_value (report, "t3.granted.natural"), ==, 4321);
  g_assert_nonnull (gk_report_get_cell (report, "t3.new.total")->raw);
  g_ptr_array_unref (state.orphans);
}

/* ─── The CLI ──────────────────────────────────────────────────────────── */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run                *run,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GK_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_library_cli (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autofree char *cli_library = g_build_filename (fixture->dir, "cli.sqlite", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "x.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "out.xlsx", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *first_agency = gk_test_agency_name (0);

  if (g_getenv ("GK_CLI") == NULL)
    {
      g_test_skip ("GK_CLI is not set");
      return;
    }
  reports = generate (folder, 2, 30, 0, 0, NULL);
  write_file (pdf, "%PDF-1.4\n", -1);

  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "import", "--library", cli_library, folder, pdf, NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 3);   /* a file was refused; the rest imported */
    g_assert_nonnull (strstr (run.out, "Imported 12 reports"));
    g_assert_nonnull (strstr (run.out, "refused"));
    g_assert_nonnull (strstr (run.out, "x.pdf"));
    g_assert_nonnull (strstr (run.out, "PDF"));
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "list", "--library", cli_library, "--json", "--year", "2021", NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"year\": 2021"));
    g_assert_null (strstr (run.out, "\"year\": 2022"));
    g_assert_nonnull (strstr (run.out, first_agency));
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "list", "--library", cli_library, "--agency", first_agency, NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "6 reports"));
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "export", "--library", cli_library, "--format", "csv", "--year", "2022", NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "t3"));
    g_assert_nonnull (strstr (run.out, first_agency));
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "export", "--library", cli_library, "--format", "csv-wide", "--bom",
                           "--output", csv, NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "export", "--library", cli_library, "--format", "xlsx", "--output", xlsx, NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "export", "--library", cli_library, "--format", "xlsx", NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 2);   /* xlsx needs a file */
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { "export", "--library", cli_library, "--format", "findings", NULL };
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *not_a_library = g_build_filename (fixture->dir, "page.html", NULL);
    g_autofree char *page = g_strnfill (4096, 'x');
    const char *args[] = { "list", "--library", not_a_library, NULL };

    write_file (not_a_library, page, -1);
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 4);
    g_assert_nonnull (strstr (run.err, not_a_library));
  }
}

/* ─── Undo and redo of properties: overrides, renames, merges ──────────── */

/* All that agencies and report membership are made of, as SQL users read it:
 * every agency and name, each report's agency, year, form and counts (the
 * cross-year checks included), the overrides and the edits in force. */
static char *
library_state (const char *path)
{
  return sql_text (path,
                   "SELECT group_concat (line, char (10)) FROM ("
                   " SELECT 1 AS part, id AS k, '' AS k2, 'agency ' || id || ' ' || name || ' ' || key"
                   " || ' ' || COALESCE (region, '-') AS line FROM agencies"
                   " UNION ALL SELECT 2, agency_id, name, 'name ' || name || ' ' || key || ' ' || agency_id"
                   " FROM agency_names"
                   " UNION ALL SELECT 3, id, '', 'report ' || id || ' ' || COALESCE (agency_id, '-') || ' '"
                   " || COALESCE (year, '-') || ' ' || version || ' ' || errors || '/' || warnings || '/'"
                   " || uncertain || ' ' || COALESCE (error_rules, '') FROM reports"
                   " UNION ALL SELECT 4, report_id, '', 'override ' || report_id || ' ' || COALESCE (agency, '-')"
                   " || ' ' || COALESCE (year, '-') || ' ' || COALESCE (version, '-') FROM identity_overrides"
                   " UNION ALL SELECT 5, report_id, cell_key, 'edit ' || report_id || ' ' || cell_key || ' ' || raw"
                   " FROM active_edits"
                   " ORDER BY part, k, k2)");
}

/* The agencies as the app lists them: id, name, aliases, report count. */
static char *
agencies_listed (GkLibrary *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = gk_library_list_agencies (library, &error);
  GString *listed = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < agencies->len; i++)
    {
      const GkAgency *agency = g_ptr_array_index (agencies, i);
      g_autofree char *aliases = g_strjoinv (",", agency->aliases);

      g_string_append_printf (listed, "%" G_GINT64_FORMAT " %s [%s] %u\n", agency->id, agency->name, aliases,
                              agency->n_reports);
    }
  return g_string_free (listed, FALSE);
}

static void
history_step (GkLibrary *library,
              gboolean   undo,
              gint64     expected_report)
{
  g_autoptr(GError) error = NULL;
  gint64 report_id = undo ? gk_library_undo (library, &error) : gk_library_redo (library, &error);

  g_assert_no_error (error);
  g_assert_cmpint (report_id, ==, expected_report);
}

static void
assert_state (Fixture    *fixture,
              const char *expected)
{
  g_autofree char *state = library_state (fixture->path);

  g_assert_cmpstr (state, ==, expected);
}

/* One report of @agency, written as a Word page and imported. */
static gint64
import_made (Fixture           *fixture,
             const char        *agency,
             gint               year,
             GkTestAgencyState *state,
             GRand             *rand)
{
  g_autofree char *name = g_strdup_printf ("made-%u.html", g_str_hash (agency) ^ (guint) year);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GkTestReport *report = gk_test_report_new (agency, year, year >= 2021 ? GK_FORM_2021 : GK_FORM_2019,
                                             state, rand);
  g_autofree char *page = gk_test_report_render (report, GK_TEST_STYLE_WORD_HTML, rand);

  gk_test_report_free (report);
  write_file (path, page, -1);
  return import_one (fixture->library, path);
}

static void
test_library_history_merge (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 2, 0, 0, 0, NULL);
  g_autofree char *a_2019 = g_build_filename (folder, "a0000", "2019.html", NULL);
  g_autofree char *a_2020 = g_build_filename (folder, "a0000", "2020.html", NULL);
  g_autofree char *b_2021 = g_build_filename (folder, "a0001", "2021.html", NULL);
  g_autofree char *b_2022 = g_build_filename (folder, "a0001", "2022.html", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *listed_before = NULL;
  g_autofree char *merged_state = NULL;
  g_autofree char *listed_merged = NULL;
  GkTestAgencyState c_state = { FALSE };
  Signals signals = { 0 };
  gint64 kept, merged, third, fourth, c_2019, c_2020, c_agency, d_agency;

  import_one (fixture->library, a_2019);
  import_one (fixture->library, a_2020);
  third = import_one (fixture->library, b_2021);
  fourth = import_one (fixture->library, b_2022);
  row = summary_of (fixture->library, 1);
  kept = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, third);
  merged = row->agency_id;
  g_assert_cmpuint (row->warnings, ==, 0);
  g_clear_pointer (&row, gk_report_summary_free);
  before = library_state (fixture->path);
  listed_before = agencies_listed (fixture->library);
  connect_signals (fixture->library, &signals);

  g_assert_true (gk_library_merge_agencies (fixture->library, kept, merged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.history_changed, ==, 1);
  g_assert_cmpuint (signals.reports_changed, ==, 1);
  g_assert_true (gk_library_can_undo (fixture->library));
  /* 2020 → 2021 meet: the other agency's figures do not carry over */
  row = summary_of (fixture->library, third);
  g_assert_cmpint (row->agency_id, ==, kept);
  g_assert_cmpuint (row->warnings, >, 0);
  g_clear_pointer (&row, gk_report_summary_free);
  merged_state = library_state (fixture->path);
  listed_merged = agencies_listed (fixture->library);
  g_assert_cmpstr (merged_state, !=, before);

  /* undo, after a restart: the agency is back with its id, names and reports */
  fixture_reopen (fixture);
  connect_signals (fixture->library, &signals);
  history_step (fixture->library, TRUE, third);
  g_assert_cmpuint (signals.history_changed, ==, 2);
  g_assert_cmpuint (signals.reports_changed, ==, 2);
  assert_state (fixture, before);
  {
    g_autofree char *listed = agencies_listed (fixture->library);
    g_assert_cmpstr (listed, ==, listed_before);
  }
  g_assert_cmpint (gk_library_find_report (fixture->library, merged, 2022), ==, fourth);
  g_assert_false (gk_library_can_undo (fixture->library));

  /* redo, after a restart: merged again, checked again */
  fixture_reopen (fixture);
  g_assert_true (gk_library_can_redo (fixture->library));
  history_step (fixture->library, FALSE, third);
  assert_state (fixture, merged_state);
  {
    g_autofree char *listed = agencies_listed (fixture->library);
    g_assert_cmpstr (listed, ==, listed_merged);
  }
  g_assert_false (gk_library_can_redo (fixture->library));
  /* and once more both ways */
  history_step (fixture->library, TRUE, third);
  assert_state (fixture, before);
  history_step (fixture->library, FALSE, third);
  assert_state (fixture, merged_state);

  /* an agency known under two spellings, and the newest id */
  c_2019 = import_made (fixture, "天津市审计局", 2019, &c_state, rand);
  c_2020 = import_made (fixture, "天津市審計局", 2020, &c_state, rand);
  row = summary_of (fixture->library, c_2020);
  c_agency = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, c_2019);
  g_assert_cmpint (row->agency_id, ==, c_agency);
  g_clear_pointer (&row, gk_report_summary_free);
  g_assert_cmpint (sql_int (fixture->path, "SELECT max (id) FROM agencies"), ==, c_agency);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&listed_before, g_free);
  before = library_state (fixture->path);
  listed_before = agencies_listed (fixture->library);
  g_assert_nonnull (strstr (listed_before, "[天津市審計局] 2"));

  g_assert_true (gk_library_merge_agencies (fixture->library, kept, c_agency, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM agencies"), ==, 1);
  /* an agency that comes after the merge does not take the merged one's id */
  {
    GkTestAgencyState d_state = { FALSE };
    gint64 d_2019 = import_made (fixture, "重庆市统计局", 2019, &d_state, rand);

    row = summary_of (fixture->library, d_2019);
    d_agency = row->agency_id;
    g_clear_pointer (&row, gk_report_summary_free);
    g_assert_cmpint (d_agency, >, c_agency);
  }
  fixture_reopen (fixture);
  history_step (fixture->library, TRUE, c_2019);
  {
    g_autofree char *listed = agencies_listed (fixture->library);
    g_autofree char *d_line = g_strdup_printf ("%" G_GINT64_FORMAT " 重庆市统计局 [] 1\n", d_agency);
    const char *found = strstr (listed, d_line);
    g_autoptr(GString) without_d = g_string_new (listed);

    /* as before, and the agency that came meanwhile */
    g_assert_nonnull (found);
    g_string_erase (without_d, found - listed, strlen (d_line));
    g_assert_cmpstr (without_d->str, ==, listed_before);
  }
  row = summary_of (fixture->library, c_2020);
  g_assert_cmpint (row->agency_id, ==, c_agency);
  g_assert_cmpstr (row->agency, ==, "天津市审计局");
  g_clear_pointer (&row, gk_report_summary_free);
}

static void
test_library_history_rename (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *back = NULL;
  g_autofree char *listed_before = NULL;
  g_autofree char *old_name = NULL;
  Signals signals = { 0 };
  gint64 first, second, agency_id;

  import_two_years (fixture, &first, &second);
  row = summary_of (fixture->library, first);
  agency_id = row->agency_id;
  old_name = g_strdup (row->agency);
  g_clear_pointer (&row, gk_report_summary_free);
  before = library_state (fixture->path);
  listed_before = agencies_listed (fixture->library);
  connect_signals (fixture->library, &signals);

  g_assert_true (gk_library_rename_agency (fixture->library, agency_id, "上海市某某委员会", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.history_changed, ==, 1);
  g_assert_cmpuint (signals.reports_changed, ==, 1);
  renamed = library_state (fixture->path);
  row = summary_of (fixture->library, second);
  g_assert_cmpstr (row->agency, ==, "上海市某某委员会");
  g_assert_cmpstr (row->region, ==, "上海市");
  g_clear_pointer (&row, gk_report_summary_free);
  /* the same name again is no step */
  g_assert_true (gk_library_rename_agency (fixture->library, agency_id, " 上海市某某委员会 ", &error));
  g_assert_cmpuint (signals.history_changed, ==, 1);

  fixture_reopen (fixture);
  connect_signals (fixture->library, &signals);
  history_step (fixture->library, TRUE, first);
  g_assert_cmpuint (signals.history_changed, ==, 2);
  assert_state (fixture, before);
  {
    g_autofree char *listed = agencies_listed (fixture->library);
    g_assert_cmpstr (listed, ==, listed_before);
  }
  row = summary_of (fixture->library, second);
  g_assert_cmpstr (row->agency, ==, old_name);
  g_clear_pointer (&row, gk_report_summary_free);

  fixture_reopen (fixture);
  history_step (fixture->library, FALSE, first);
  assert_state (fixture, renamed);

  /* back to a name it already has: undo leaves that name an alias, as it was */
  g_assert_true (gk_library_rename_agency (fixture->library, agency_id, old_name, &error));
  g_assert_no_error (error);
  back = library_state (fixture->path);
  history_step (fixture->library, TRUE, first);
  assert_state (fixture, renamed);
  history_step (fixture->library, TRUE, first);
  assert_state (fixture, before);
  history_step (fixture->library, FALSE, first);
  history_step (fixture->library, FALSE, first);
  assert_state (fixture, back);
  g_assert_false (gk_library_can_redo (fixture->library));
}

/* Each override, done, undone and redone with a restart in between. */
static void
test_library_history_overrides (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 2, 0, 0, 0, NULL);
  g_autofree char *a_2019 = g_build_filename (folder, "a0000", "2019.html", NULL);
  g_autofree char *a_2020 = g_build_filename (folder, "a0000", "2020.html", NULL);
  g_autofree char *a_2021 = g_build_filename (folder, "a0000", "2021.html", NULL);
  g_autofree char *b_2021 = g_build_filename (folder, "a0001", "2021.html", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  GkTestAgencyState c_state = { FALSE };
  struct
  {
    const char    *what;
    const char    *agency;
    gint           year;
    GkFormVersion  version;
  } overrides[] = {
    { "a new agency", "某某市统计局", 0, GK_FORM_UNKNOWN },
    { "another spelling of an agency", "天津市審計局", 0, GK_FORM_UNKNOWN },
    { "the year", NULL, 2018, GK_FORM_UNKNOWN },
    { "the form", NULL, 0, GK_FORM_2021 },
    { "all three", "某某市统计局", 2022, GK_FORM_2021 },
  };
  gint64 first, second;

  first = import_one (fixture->library, a_2019);
  second = import_one (fixture->library, a_2020);
  import_one (fixture->library, a_2021);
  import_one (fixture->library, b_2021);
  import_made (fixture, "天津市审计局", 2019, &c_state, rand);

  for (guint i = 0; i < G_N_ELEMENTS (overrides); i++)
    {
      g_autofree char *before = library_state (fixture->path);
      g_autofree char *listed_before = agencies_listed (fixture->library);
      g_autofree char *after = NULL;
      g_autofree char *listed_after = NULL;
      g_autofree char *listed = NULL;
      Signals signals = { 0 };

      g_test_message ("override: %s", overrides[i].what);
      connect_signals (fixture->library, &signals);
      g_assert_true (gk_library_set_identity (fixture->library, second, overrides[i].agency, overrides[i].year,
                                              overrides[i].version, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (signals.history_changed, ==, 1);
      after = library_state (fixture->path);
      listed_after = agencies_listed (fixture->library);
      g_assert_cmpstr (after, !=, before);

      fixture_reopen (fixture);
      history_step (fixture->library, TRUE, second);
      assert_state (fixture, before);
      listed = agencies_listed (fixture->library);
      g_assert_cmpstr (listed, ==, listed_before);
      g_clear_pointer (&listed, g_free);

      fixture_reopen (fixture);
      history_step (fixture->library, FALSE, second);
      assert_state (fixture, after);
      listed = agencies_listed (fixture->library);
      g_assert_cmpstr (listed, ==, listed_after);

      /* back to as extracted, for the next */
      history_step (fixture->library, TRUE, second);
      assert_state (fixture, before);
    }

  /* the year moves 2020 out between 2019 and 2021: the neighbours are checked again */
  {
    g_autoptr(GkReportSummary) row = NULL;
    g_autofree char *warned = NULL;

    g_assert_true (gk_library_set_edit (fixture->library, first, "t3.carried_out.natural", "12345", NULL,
                                        &error));
    row = summary_of (fixture->library, second);
    g_assert_cmpuint (row->warnings, >, 0);   /* x.carry from 2019 */
    g_clear_pointer (&row, gk_report_summary_free);
    warned = library_state (fixture->path);
    g_assert_true (gk_library_set_identity (fixture->library, second, NULL, 2017, GK_FORM_UNKNOWN, &error));
    row = summary_of (fixture->library, second);
    g_assert_cmpuint (row->warnings, ==, 0);
    g_clear_pointer (&row, gk_report_summary_free);
    fixture_reopen (fixture);
    history_step (fixture->library, TRUE, second);
    assert_state (fixture, warned);
    history_step (fixture->library, FALSE, second);
    row = summary_of (fixture->library, second);
    g_assert_cmpuint (row->warnings, ==, 0);
    g_clear_pointer (&row, gk_report_summary_free);
  }
}

/* Undo takes back the latest step, whatever its kind, and redo goes forward
 * in order: edits, overrides, renames and merges in one journal. */
static void
test_library_history_interleaved (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "pages", NULL);
  g_autoptr(GPtrArray) reports G_GNUC_UNUSED = generate (folder, 2, 0, 0, 0, NULL);
  g_autofree char *a_2020 = g_build_filename (folder, "a0000", "2020.html", NULL);
  g_autofree char *b_2021 = g_build_filename (folder, "a0001", "2021.html", NULL);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  gint64 touched[7];
  gint64 first, second, kept, merged;
  guint n_steps;

  first = import_one (fixture->library, a_2020);
  second = import_one (fixture->library, b_2021);
  row = summary_of (fixture->library, first);
  kept = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, second);
  merged = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);

  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.new.total", "101", NULL, &error));
  touched[1] = first;
  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_true (gk_library_merge_agencies (fixture->library, kept, merged, &error));
  touched[2] = second;
  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_true (gk_library_set_edit (fixture->library, second, "t3.new.total", "202", NULL, &error));
  touched[3] = second;
  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_true (gk_library_rename_agency (fixture->library, kept, "上海市某某委员会", &error));
  touched[4] = first;
  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_true (gk_library_set_identity (fixture->library, second, "某某市统计局", 2023, GK_FORM_UNKNOWN, &error));
  touched[5] = second;
  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.new.total", "303", NULL, &error));
  touched[6] = first;
  g_ptr_array_add (states, library_state (fixture->path));
  g_assert_no_error (error);
  n_steps = states->len - 1;
  for (guint i = 1; i <= n_steps; i++)
    g_assert_cmpstr (g_ptr_array_index (states, i), !=, g_ptr_array_index (states, i - 1));

  for (guint i = n_steps; i > 0; i--)
    {
      if (i == 4)
        fixture_reopen (fixture);
      history_step (fixture->library, TRUE, touched[i]);
      assert_state (fixture, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (gk_library_can_undo (fixture->library));
  for (guint i = 1; i <= n_steps; i++)
    {
      if (i == 3)
        fixture_reopen (fixture);
      history_step (fixture->library, FALSE, touched[i]);
      assert_state (fixture, g_ptr_array_index (states, i));
    }
  g_assert_false (gk_library_can_redo (fixture->library));

  /* Ctrl+Z right after a merge takes back the merge, not the edit before it */
  for (guint i = n_steps; i > 2; i--)
    history_step (fixture->library, TRUE, touched[i]);
  assert_state (fixture, g_ptr_array_index (states, 2));
  history_step (fixture->library, TRUE, second);
  assert_state (fixture, g_ptr_array_index (states, 1));
  {
    g_autoptr(GkReport) report = gk_library_load_report (fixture->library, first, &error);
    g_assert_cmpstr (gk_report_get_cell (report, "t3.new.total")->edit_raw, ==, "101");
  }
}

/* ─── Schema migrations ────────────────────────────────────────────────── */

/* The journal as schema version 1 declared it, word for word. */
static const char actions_v1[] =
  "CREATE TABLE actions ("
  "  id           INTEGER PRIMARY KEY,"
  "  time         TEXT NOT NULL,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('edit', 'dismiss', 'identity')),"
  "  report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  target       TEXT,"
  "  before_value TEXT,"
  "  before_note  TEXT,"
  "  after_value  TEXT,"
  "  after_note   TEXT,"
  "  undone       INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX actions_by_state ON actions (undone, id);";

static const char schema_sql[] =
  "SELECT group_concat (type || ' ' || name || ' ' || COALESCE (sql, ''), char (10))"
  " FROM (SELECT * FROM sqlite_master ORDER BY type, name)";

static const char journal_sql[] =
  "SELECT group_concat (id || ' ' || kind || ' ' || report_id || ' ' || COALESCE (target, '-') || ' '"
  " || COALESCE (before_value, '-') || ' ' || COALESCE (after_value, '-') || ' ' || undone, char (10))"
  " FROM (SELECT * FROM actions ORDER BY id)";

/* A library version 1 wrote: its journal as that version kept it, and no
 * record of agency ids given. The rest of the schema is the same in 2. */
static void
write_version_1 (const char *path)
{
  g_autofree char *sql = g_strconcat ("BEGIN;"
                                      "CREATE TEMP TABLE saved AS SELECT id, time, kind, report_id, target,"
                                      " before_value, before_note, after_value, after_note, undone FROM actions;"
                                      "DROP TABLE actions;",
                                      actions_v1,
                                      "INSERT INTO actions SELECT * FROM temp.saved;"
                                      "DELETE FROM meta WHERE key = 'last_agency_id';"
                                      "PRAGMA user_version = 1;"
                                      "COMMIT;",
                                      NULL);
  sqlite3 *db = NULL;

  sql_exec (path, sql);
  /* it is version 1's: a merge cannot be journaled there */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO actions (time, kind, report_id) VALUES ('now', 'merge', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);
}

static void
test_library_migrate_v1 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.sqlite", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) fresh = NULL;
  g_autoptr(GkReportSummary) row = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *migrated_journal = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autofree char *migrated_schema = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *state_v1 = NULL;
  g_autofree char *merged_state = NULL;
  GkTestAgencyState c_state = { FALSE };
  gint64 first, second, third, kept, merged;

  /* a journal of every kind version 1 knew, one step undone */
  import_two_years (fixture, &first, &second);
  third = import_made (fixture, "天津市审计局", 2021, &c_state, rand);
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.new.total", "11", "v1 edit", &error));
  g_assert_true (gk_library_dismiss_finding (fixture->library, second, "t4.group_total:review", "v1", &error));
  g_assert_true (gk_library_set_identity (fixture->library, second, NULL, 2018, GK_FORM_UNKNOWN, &error));
  g_assert_true (gk_library_set_edit (fixture->library, first, "t3.new.total", "12", NULL, &error));
  g_assert_cmpint (gk_library_undo (fixture->library, &error), ==, first);
  g_assert_no_error (error);
  g_clear_object (&fixture->library);
  write_version_1 (fixture->path);
  journal = sql_text (fixture->path, journal_sql);
  state_v1 = library_state (fixture->path);

  /* opening migrates it */
  fixture_reopen (fixture);
  g_assert_cmpint (gk_library_get_schema_version (fixture->library), ==, 2);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 2);
  integrity = sql_text (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (sql_int (fixture->path, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  /* to the schema a new library has */
  fresh = gk_library_open (fresh_path, &error);
  g_assert_no_error (error);
  g_clear_object (&fresh);
  fresh_schema = sql_text (fresh_path, schema_sql);
  migrated_schema = sql_text (fixture->path, schema_sql);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
  g_assert_nonnull (strstr (migrated_schema, "'merge'"));

  /* with everything in it, the journal as it was */
  assert_state (fixture, state_v1);
  migrated_journal = sql_text (fixture->path, journal_sql);
  g_assert_cmpstr (migrated_journal, ==, journal);
  g_assert_cmpint (sql_int (fixture->path, "SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'last_agency_id'"),
                   ==, sql_int (fixture->path, "SELECT max (id) FROM agencies"));

  /* the old steps still undo and redo */
  g_assert_true (gk_library_can_redo (fixture->library));
  history_step (fixture->library, FALSE, first);
  history_step (fixture->library, TRUE, first);
  history_step (fixture->library, TRUE, second);
  row = summary_of (fixture->library, second);
  g_assert_cmpint (row->year, ==, 2020);
  g_clear_pointer (&row, gk_report_summary_free);
  history_step (fixture->library, FALSE, second);
  assert_state (fixture, state_v1);

  /* and a merge is a step like the others */
  row = summary_of (fixture->library, first);
  kept = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  row = summary_of (fixture->library, third);
  merged = row->agency_id;
  g_clear_pointer (&row, gk_report_summary_free);
  g_assert_true (gk_library_merge_agencies (fixture->library, kept, merged, &error));
  g_assert_no_error (error);
  merged_state = library_state (fixture->path);
  fixture_reopen (fixture);
  history_step (fixture->library, TRUE, third);
  assert_state (fixture, state_v1);
  history_step (fixture->library, FALSE, third);
  assert_state (fixture, merged_state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/library/open", test_library_open);
  ADD ("/library/migrate/v1", test_library_migrate_v1);
  ADD ("/library/import/generated", test_library_import_generated);
  ADD ("/library/import/outcomes", test_library_import_outcomes);
  ADD ("/library/import/seeds", test_library_import_seeds);
  ADD ("/library/import/async", test_library_import_async);
  ADD ("/library/reextract/async", test_library_reextract_async);
  ADD ("/library/edits", test_library_edits);
  ADD ("/library/dismissals", test_library_dismissals);
  ADD ("/library/identity", test_library_identity);
  ADD ("/library/undo-redo", test_library_undo_redo);
  ADD ("/library/agencies", test_library_agencies);
  ADD ("/library/history/merge", test_library_history_merge);
  ADD ("/library/history/rename", test_library_history_rename);
  ADD ("/library/history/overrides", test_library_history_overrides);
  ADD ("/library/history/interleaved", test_library_history_interleaved);
  ADD ("/library/cross-year", test_library_cross_year);
  ADD ("/library/series", test_library_series);
  ADD ("/library/reextract", test_library_reextract);
  ADD ("/library/reextract/moved", test_library_reextract_moved);
  ADD ("/library/findings-order", test_library_findings_order);
  ADD ("/library/export/cancelled", test_library_export_cancelled);
  ADD ("/library/cli", test_library_cli);
#undef ADD

  return g_test_run ();
}
