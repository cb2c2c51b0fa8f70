/* test-library-reliability.c — the library survives what happens to files:
 * an import killed mid-batch, a damaged or foreign file, a file another
 * program holds, a library from a newer Gongkai, a read that fails halfway,
 * and another program writing between two steps of an operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "gk-extract.h"
#include "gk-library.h"
/* the connection itself, to make one statement fail or to let another
 * program write just before it runs */
#include "gk-library-private.h"
#include "gk-test-reports.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gk-test-reliability-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
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

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
create_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = gk_library_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
}

/* ─── An import killed mid-batch ───────────────────────────────────────── */

static gint64
count_reports (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (sqlite3_prepare_v2 (db, "SELECT count (*) FROM reports", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static guint
found_cells (GkReport *report)
{
  guint n = 0;

  for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
    n += report->cells[i].raw != NULL || report->cells[i].provenance.kind != GK_PROVENANCE_NONE;
  return n;
}

/* Integrity, and every report whole: as many cells as its page has, its
 * three tables, its source. */
static void
assert_consistent (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *integrity = NULL;
  guint checked = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM reports WHERE n_cells <>"
                                  " (SELECT count (*) FROM cells WHERE cells.report_id = reports.id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM reports WHERE 3 <>"
                                  " (SELECT count (*) FROM report_tables AS t WHERE t.report_id = reports.id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM sources WHERE id NOT IN (SELECT source_id FROM reports)"),
                   ==, 0);

  /* and the cells are those of the page, every one */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT s.original_path, r.n_cells, r.year FROM reports AS r"
                                           " JOIN sources AS s ON s.id = r.source_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GFile) file = g_file_new_for_path ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(GError) error = NULL;
      g_autoptr(GkReport) report = gk_read_report_file (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, found_cells (report));
      g_assert_cmpint (sqlite3_column_int (stmt, 1), >=, 198);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, report->year);
      checked++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (checked, >, 0);
}

static void
test_reliability_killed_import (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *pages = g_build_filename (dir, "pages", NULL);
  g_autofree char *earlier = g_build_filename (dir, "earlier", NULL);
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *earlier_page = g_build_filename (earlier, "a0000", "2019.html", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) earlier_reports = NULL;
  g_autoptr(GError) error = NULL;
  GkTestCorpusOptions options = { 100, 2019, 2024, 3, 10, 0, 11 };
  GkTestCorpusOptions earlier_options = { 1, 2019, 2019, 0, 0, 0, 12 };
  const char *cli = g_getenv ("GK_CLI");
  gint64 edited_id, seen = 0;
  GPid pid;
  int status;
  sqlite3 *db = NULL;

  if (cli == NULL)
    {
      g_test_skip ("GK_CLI is not set");
      remove_tree (dir);
      return;
    }
  reports = gk_test_corpus_write (pages, &options, files, &error);
  g_assert_no_error (error);
  /* a report from other pages, with an edit, committed before the import */
  earlier_options.seed = 12;
  earlier_reports = gk_test_corpus_write (earlier, &earlier_options, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GkLibrary) library = gk_library_open (path, &error);
    const char *paths[] = { earlier_page, NULL };
    g_autoptr(GkImportSummary) summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    edited_id = ((GkImportResult *) g_ptr_array_index (summary->results, 0))->report_id;
    g_assert_true (gk_library_set_edit (library, edited_id, "t3.granted.natural", "321", "before the crash",
                                        &error));
  }

  {
    const char *argv[] = { cli, "import", "--library", path, pages, NULL };

    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                  | G_SPAWN_STDERR_TO_DEV_NULL,
                                  NULL, NULL, &pid, &error));
    g_assert_no_error (error);
  }
  /* kill it once two chunks are committed */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint tries = 0; tries < 20000 && seen < 1 + 2 * 64; tries++)
    {
      seen = count_reports (db);
      g_usleep (1000);
    }
  sqlite3_close (db);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_test_message ("killed after %" G_GINT64_FORMAT " reports were seen", seen);
  g_assert_cmpint (seen, >, 1);

  assert_consistent (path);
  {
    g_autoptr(GkLibrary) library = gk_library_open (path, &error);
    g_autoptr(GkReport) report = NULL;
    const GkCell *cell;
    guint n_before = gk_library_count_reports (library);
    const char *paths[] = { pages, NULL };
    g_autoptr(GkImportSummary) summary = NULL;

    g_assert_no_error (error);
    /* killed mid-batch, not after it */
    g_assert_cmpuint (n_before, <, files->len + 1);
    report = gk_library_load_report (library, edited_id, &error);
    g_assert_no_error (error);
    cell = gk_report_get_cell (report, "t3.granted.natural");
    g_assert_cmpstr (cell->edit_raw, ==, "321");
    g_assert_cmpstr (cell->edit_note, ==, "before the crash");
    g_assert_true (gk_library_can_undo (library));

    /* the rest comes in, and nothing twice */
    summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary->duplicates, ==, n_before - 1);
    g_assert_cmpuint (summary->imported, ==, files->len - (n_before - 1));
    g_assert_cmpuint (gk_library_count_reports (library), ==, files->len + 1);
  }
  assert_consistent (path);
  remove_tree (dir);
}

/* ─── Files that are not what they should be ───────────────────────────── */

static void
test_reliability_corrupt (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  guint8 noise[8192];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) noise, sizeof noise, NULL));
  before = file_checksum (path);

  library = gk_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  remove_tree (dir);
}

static void
test_reliability_foreign_database (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (path);

  library = gk_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a Gongkai library"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  remove_tree (dir);
}

static void
test_reliability_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = gk_library_open (dir, &error);

  g_assert_null (library);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, dir));
  remove_tree (dir);
}

static void
test_reliability_locked (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  sqlite3 *db = NULL;
  gint64 start;

  create_library (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('held', 'yes');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  library = gk_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "another program"));
  /* it waited a little for the other program, not for ever */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* once the other program lets go, the library opens */
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  library = gk_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (library);
  g_clear_object (&library);

  /* the same with the whole file held, rollback-journal style */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                     " INSERT INTO meta VALUES ('held', 'yes'); COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  library = gk_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  sqlite3_close (db);
  remove_tree (dir);
}

static void
test_reliability_newer_schema (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  sqlite3 *db = NULL;

  create_library (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = file_checksum (path);

  library = gk_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 7);
  sqlite3_close (db);
  remove_tree (dir);
}

/* ─── A read that fails halfway, a write in between ─────────────────── */

/* Generated pages of @n_agencies agencies over @first_year–@last_year, in
 * @dir/pages. */
static char *
write_pages (const char *dir,
             guint       n_agencies,
             int         first_year,
             int         last_year,
             guint       error_percent,
             guint       copy_percent)
{
  char *pages = g_build_filename (dir, "pages", NULL);
  GkTestCorpusOptions options = { n_agencies, first_year, last_year, error_percent, 0, copy_percent, 31 };
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = gk_test_corpus_write (pages, &options, NULL, &error);
  g_assert_no_error (error);
  return pages;
}

/* A library of those pages, in @dir/library.sqlite. */
static GkLibrary *
generated_library (const char *dir,
                   guint       n_agencies,
                   int         first_year,
                   int         last_year,
                   guint       error_percent,
                   guint       copy_percent)
{
  g_autofree char *pages = write_pages (dir, n_agencies, first_year, last_year, error_percent, copy_percent);
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  const char *paths[] = { pages, NULL };

  library = gk_library_open (path, &error);
  g_assert_no_error (error);
  summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->refused, ==, 0);
  return g_steal_pointer (&library);
}

static GkLibrary *
open_again (GkLibrary *library)
{
  g_autoptr(GError) error = NULL;
  GkLibrary *other = gk_library_open (gk_library_get_path (library), &error);

  g_assert_no_error (error);
  return other;
}

/* Runs @run as a statement of @sql (exactly as the library writes it)
 * starts on the library's connection. */
typedef struct _Hook Hook;
struct _Hook
{
  const char * const *sql;
  void              (*run) (Hook *hook, sqlite3_stmt *stmt);
  guint               hits;
  guint               max_hits;       /* 0: every time */
  gboolean            pending;
  gpointer            data;
};

static int
run_hook (unsigned  type,
          void     *data,
          void     *stmt,
          void     *unused)
{
  Hook *hook = data;
  const char *sql = sqlite3_sql (stmt);

  if (sql == NULL || !g_strv_contains (hook->sql, sql) || (hook->max_hits > 0 && hook->hits >= hook->max_hits))
    return 0;
  hook->hits++;
  hook->run (hook, stmt);
  return 0;
}

static void
set_hook (GkLibrary *library,
          Hook      *hook)
{
  sqlite3_trace_v2 (library->db, hook != NULL ? SQLITE_TRACE_STMT : 0, hook != NULL ? run_hook : NULL, hook);
  if (hook == NULL)
    sqlite3_progress_handler (library->db, 0, NULL, NULL);
}

/* The statement fails before its first row, as after a disk error. */
static void
interrupt_statement (Hook         *hook,
                     sqlite3_stmt *stmt)
{
  sqlite3_interrupt (sqlite3_db_handle (stmt));
}

static int
interrupt_once (void *data)
{
  Hook *hook = data;

  if (!hook->pending)
    return 0;
  hook->pending = FALSE;
  return 1;
}

/* The statement fails after its first row. */
static void
interrupt_after_first_row (Hook         *hook,
                           sqlite3_stmt *stmt)
{
  hook->pending = TRUE;
  /* checked from the next sqlite3_step() on */
  sqlite3_progress_handler (sqlite3_db_handle (stmt), 1, interrupt_once, hook);
}

static gint64
library_int (GkLibrary  *library,
             const char *sql)
{
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (gk_library_get_path (library), &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  value = query_int (db, sql);
  sqlite3_close (db);
  return value;
}

static const char * const next_year_sql[] = {
  "SELECT id FROM reports WHERE agency_id = ? AND year = ?",
  /* how the import listed them before */
  "SELECT n.id FROM reports AS r JOIN reports AS n"
  " ON n.agency_id = r.agency_id AND n.year = r.year + 1 WHERE r.id = ?",
  NULL
};

static void
test_reliability_failed_merge (void)
{
  static const char * const sql[] = { "SELECT id FROM reports WHERE agency_id = ?", NULL };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 2, 2021, 2023, 0, 0);
  g_autoptr(GPtrArray) agencies = gk_library_list_agencies (library, NULL);
  g_autoptr(GError) error = NULL;
  Hook hook = { sql, interrupt_statement };
  gint64 kept, merged;

  g_assert_cmpuint (agencies->len, ==, 2);
  kept = ((GkAgency *) g_ptr_array_index (agencies, 0))->id;
  merged = ((GkAgency *) g_ptr_array_index (agencies, 1))->id;

  /* the reports to check again cannot be listed: nothing is merged */
  set_hook (library, &hook);
  g_assert_false (gk_library_merge_agencies (library, kept, merged, &error));
  set_hook (library, NULL);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_cmpuint (hook.hits, ==, 1);
  g_assert_cmpint (library_int (library, "SELECT count (*) FROM agencies"), ==, 2);
  g_assert_cmpint (library_int (library, "SELECT count (DISTINCT agency_id) FROM reports"), ==, 2);
  g_clear_error (&error);

  g_assert_true (gk_library_merge_agencies (library, kept, merged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (library_int (library, "SELECT count (DISTINCT agency_id) FROM reports"), ==, 1);
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_chunk (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *pages = write_pages (dir, 3, 2019, 2022, 0, 0);
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = gk_library_open (path, &error);
  g_autoptr(GkImportSummary) summary = NULL;
  const char *paths[] = { pages, NULL };
  Hook hook = { next_year_sql, interrupt_statement };

  /* the next years' counts cannot be refreshed: the chunk is not committed */
  set_hook (library, &hook);
  summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);
  set_hook (library, NULL);
  g_assert_null (summary);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_cmpuint (hook.hits, >, 0);
  g_assert_cmpuint (gk_library_count_reports (library), ==, 0);
  g_clear_error (&error);

  summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 12);
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_refresh (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GError) error = NULL;
  Hook hook = { next_year_sql, interrupt_statement };
  gint64 report_id = gk_library_find_report (library, 1, 2021);

  g_assert_cmpint (report_id, >, 0);
  set_hook (library, &hook);
  g_assert_false (gk_library_set_edit (library, report_id, "t3.granted.natural", "9", NULL, &error));
  set_hook (library, NULL);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_cmpint (library_int (library, "SELECT count (*) FROM edits"), ==, 0);
  g_assert_false (gk_library_can_undo (library));
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_known_sources (void)
{
  static const char * const sql[] = { "SELECT sha256 FROM sources", NULL };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autofree char *pages = g_build_filename (dir, "pages", NULL);
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { pages, NULL };
  Hook hook = { sql, interrupt_statement };

  set_hook (library, &hook);
  summary = gk_library_import (library, paths, NULL, NULL, NULL, &error);
  set_hook (library, NULL);
  g_assert_null (summary);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_cmpuint (gk_library_count_reports (library), ==, 2);
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_reextract_list (void)
{
  static const char * const sql[] = {
    "SELECT r.id, s.file_name FROM reports AS r JOIN sources AS s"
    " ON s.id = r.source_id WHERE r.extractor_version < ? ORDER BY r.id",
    NULL
  };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  Hook hook = { sql, interrupt_statement };

  g_assert_true (gk_library_exec (library, "UPDATE reports SET extractor_version = 0", NULL));
  set_hook (library, &hook);
  orphans = gk_library_reextract (library, NULL, NULL, NULL, &error);
  set_hook (library, NULL);
  g_assert_null (orphans);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_true (gk_library_needs_reextraction (library));
  g_clear_error (&error);

  orphans = gk_library_reextract (library, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (gk_library_needs_reextraction (library));
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_orphans (void)
{
  static const char * const sql[] = {
    "SELECT e.cell_key, r.version FROM active_edits AS e"
    " JOIN reports AS r ON r.id = e.report_id"
    " WHERE e.report_id = ? ORDER BY e.cell_key",
    NULL
  };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  Hook hook = { sql, interrupt_statement };

  /* an older extractor's cells, and an edit on a cell this form lacks */
  g_assert_true (gk_library_exec (library,
                                  "UPDATE reports SET extractor_version = 0;"
                                  "INSERT INTO edits (report_id, cell_key, raw, kind, value, note, time)"
                                  " VALUES (1, 't3.withdrawn.total', '3', 'number', 3, 'old form',"
                                  " '2024-01-01T00:00:00Z');",
                                  NULL));

  /* the orphans cannot be listed: the reports are kept as they were, to be
   * derived again next time, rather than marked done with the orphan unnamed */
  set_hook (library, &hook);
  orphans = gk_library_reextract (library, NULL, NULL, NULL, &error);
  set_hook (library, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (hook.hits, ==, 2);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_cmpint (library_int (library, "SELECT max (extractor_version) FROM reports"), ==, 0);
  g_assert_true (gk_library_needs_reextraction (library));
  g_clear_pointer (&orphans, g_ptr_array_unref);

  orphans = gk_library_reextract (library, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (orphans, 0), ==, "1:t3.withdrawn.total");
  g_assert_false (gk_library_needs_reextraction (library));
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_journal_read (void)
{
  static const char * const sql[] = {
    "SELECT raw, note FROM edits WHERE report_id = ? AND cell_key = ? ORDER BY id DESC LIMIT 1",
    NULL
  };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GError) error = NULL;
  Hook hook = { sql, interrupt_statement };

  g_assert_true (gk_library_set_edit (library, 1, "t3.granted.natural", "5", NULL, &error));
  /* what undo would put back cannot be read: no edit, rather than a wrong undo */
  set_hook (library, &hook);
  g_assert_false (gk_library_set_edit (library, 1, "t3.granted.natural", "6", NULL, &error));
  set_hook (library, NULL);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_cmpint (library_int (library, "SELECT count (*) FROM edits"), ==, 1);
  g_assert_cmpint (library_int (library, "SELECT count (*) FROM actions"), ==, 1);
  g_clear_object (&library);
  remove_tree (dir);
}

static void
test_reliability_failed_aliases (void)
{
  static const char * const sql[] = {
    "SELECT n.agency_id, n.name FROM agency_names AS n"
    " JOIN agencies AS a ON a.id = n.agency_id"
    " WHERE n.name <> a.name ORDER BY n.agency_id, n.name",
    NULL
  };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 2, 2021, 2021, 0, 0);
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  Hook hook = { sql, interrupt_after_first_row };

  /* old names stay as aliases */
  g_assert_true (gk_library_rename_agency (library, 1, "测试甲局", &error));
  g_assert_true (gk_library_rename_agency (library, 1, "测试乙局", &error));
  g_assert_true (gk_library_rename_agency (library, 2, "测试丙局", &error));
  g_assert_no_error (error);

  /* aliases already read are freed (AddressSanitizer's leak check tells) */
  set_hook (library, &hook);
  agencies = gk_library_list_agencies (library, &error);
  set_hook (library, NULL);
  g_assert_null (agencies);
  g_assert_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED);
  g_assert_false (hook.pending);

  g_clear_error (&error);
  agencies = gk_library_list_agencies (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (((GkAgency *) g_ptr_array_index (agencies, 0))->aliases)
                    + g_strv_length (((GkAgency *) g_ptr_array_index (agencies, 1))->aliases), ==, 3);
  g_clear_object (&library);
  remove_tree (dir);
}

/* Another connection to the same file, and what it does just before the
 * first one begins its transaction. */
typedef struct
{
  GkLibrary *other;
  gint64     report_id;
  GError    *error;
} Interleaved;

static const char * const begin_sql[] = { "BEGIN IMMEDIATE", NULL };

static void
other_edits (Hook         *hook,
             sqlite3_stmt *stmt)
{
  Interleaved *interleaved = hook->data;

  gk_library_set_edit (interleaved->other, interleaved->report_id, "t3.granted.natural", "777", "theirs",
                       &interleaved->error);
}

static void
test_reliability_interleaved_edit (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GkLibrary) other = open_again (library);
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Interleaved interleaved = { other, 1, NULL };
  Hook hook = { begin_sql, other_edits, .max_hits = 1, .data = &interleaved };

  set_hook (library, &hook);
  g_assert_true (gk_library_set_edit (library, 1, "t3.granted.natural", "555", "mine", &error));
  set_hook (library, NULL);
  g_assert_no_error (error);
  g_assert_no_error (interleaved.error);
  g_assert_cmpuint (hook.hits, ==, 1);

  /* undo puts back the other program's edit, the value before this one */
  g_assert_cmpint (gk_library_undo (library, &error), ==, 1);
  report = gk_library_load_report (library, 1, &error);
  g_assert_cmpstr (gk_report_get_cell (report, "t3.granted.natural")->edit_raw, ==, "777");
  g_assert_cmpstr (gk_report_get_cell (report, "t3.granted.natural")->edit_note, ==, "theirs");
  g_clear_object (&library);
  g_clear_object (&other);
  remove_tree (dir);
}

static void
other_dismisses (Hook         *hook,
                 sqlite3_stmt *stmt)
{
  Interleaved *interleaved = hook->data;

  gk_library_dismiss_finding (interleaved->other, interleaved->report_id, "t3.balance/natural", "theirs",
                              &interleaved->error);
}

static void
test_reliability_interleaved_dismissal (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GkLibrary) other = open_again (library);
  g_autoptr(GHashTable) dismissed = NULL;
  g_autoptr(GError) error = NULL;
  Interleaved interleaved = { other, 1, NULL };
  Hook hook = { begin_sql, other_dismisses, .max_hits = 1, .data = &interleaved };

  set_hook (library, &hook);
  g_assert_true (gk_library_dismiss_finding (library, 1, "t3.balance/natural", "mine", &error));
  set_hook (library, NULL);
  g_assert_no_error (error);
  g_assert_no_error (interleaved.error);

  g_assert_cmpint (gk_library_undo (library, &error), ==, 1);
  dismissed = gk_library_list_dismissed (library, 1, &error);
  g_assert_cmpstr (g_hash_table_lookup (dismissed, "t3.balance/natural"), ==, "theirs");
  g_clear_object (&library);
  g_clear_object (&other);
  remove_tree (dir);
}

static void
other_renames (Hook         *hook,
               sqlite3_stmt *stmt)
{
  Interleaved *interleaved = hook->data;

  gk_library_set_identity (interleaved->other, interleaved->report_id, "某某市测试局", 0, GK_FORM_UNKNOWN,
                           &interleaved->error);
}

static void
test_reliability_interleaved_identity (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GkLibrary) other = open_again (library);
  g_autoptr(GkReportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  Interleaved interleaved = { other, 1, NULL };
  Hook hook = { begin_sql, other_renames, .max_hits = 1, .data = &interleaved };

  /* the year is set here, the agency there: both stay */
  set_hook (library, &hook);
  g_assert_true (gk_library_set_identity (library, 1, NULL, 2030, GK_FORM_UNKNOWN, &error));
  set_hook (library, NULL);
  g_assert_no_error (error);
  g_assert_no_error (interleaved.error);
  summary = gk_library_get_summary (library, 1, &error);
  g_assert_cmpstr (summary->agency, ==, "某某市测试局");
  g_assert_cmpint (summary->year, ==, 2030);
  g_clear_pointer (&summary, gk_report_summary_free);

  /* and undo takes back only the year */
  g_assert_cmpint (gk_library_undo (library, &error), ==, 1);
  summary = gk_library_get_summary (library, 1, &error);
  g_assert_cmpstr (summary->agency, ==, "某某市测试局");
  g_assert_cmpint (summary->year, ==, 2021);
  g_clear_object (&library);
  g_clear_object (&other);
  remove_tree (dir);
}

static void
other_edits_again (Hook         *hook,
                   sqlite3_stmt *stmt)
{
  Interleaved *interleaved = hook->data;

  gk_library_set_edit (interleaved->other, interleaved->report_id, "t3.granted.natural", "2", NULL,
                       &interleaved->error);
}

static void
test_reliability_interleaved_undo (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 1, 2021, 2022, 0, 0);
  g_autoptr(GkLibrary) other = open_again (library);
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Interleaved interleaved = { other, 1, NULL };
  Hook hook = { begin_sql, other_edits_again, .max_hits = 1, .data = &interleaved };

  g_assert_true (gk_library_set_edit (library, 1, "t3.granted.natural", "1", NULL, &error));
  /* the other program's edit comes just before this undo: that is what it undoes */
  set_hook (library, &hook);
  g_assert_cmpint (gk_library_undo (library, &error), ==, 1);
  set_hook (library, NULL);
  g_assert_no_error (error);
  g_assert_no_error (interleaved.error);
  report = gk_library_load_report (library, 1, &error);
  g_assert_cmpstr (gk_report_get_cell (report, "t3.granted.natural")->edit_raw, ==, "1");
  g_clear_pointer (&report, gk_report_unref);

  g_assert_cmpint (gk_library_redo (library, &error), ==, 1);
  report = gk_library_load_report (library, 1, &error);
  g_assert_cmpstr (gk_report_get_cell (report, "t3.granted.natural")->edit_raw, ==, "2");
  g_clear_object (&library);
  g_clear_object (&other);
  remove_tree (dir);
}

typedef struct
{
  const char *path;
  gint64      report_id;
} Removal;

static void
other_removes (Hook         *hook,
               sqlite3_stmt *stmt)
{
  Removal *removal = hook->data;
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_keys = ON; DELETE FROM reports WHERE id = %"
                                          G_GINT64_FORMAT, removal->report_id);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (removal->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_reliability_export_snapshot (void)
{
  static const char * const load_sql[] = {
    "SELECT r.kind, r.title, COALESCE (a.name, r.extracted_agency), a.key,"
    " r.year, r.date, r.version, r.extracted_version"
    " FROM reports AS r LEFT JOIN agencies AS a ON a.id = r.agency_id"
    " WHERE r.id = ?",
    NULL
  };
  g_autofree char *dir = make_dir ();
  g_autoptr(GkLibrary) library = generated_library (dir, 2, 2021, 2023, 0, 0);
  g_autoptr(GPtrArray) listed = gk_library_list_reports (library, NULL, NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  GkExportOptions options = { FALSE };
  Removal removal = { gk_library_get_path (library),
                      ((GkReportSummary *) g_ptr_array_index (listed, listed->len - 1))->id };
  Hook hook = { load_sql, other_removes, .max_hits = 1, .data = &removal };
  guint n_reports = 0;

  /* another program removes the last report as the first is read: the
   * export is of the library as it was when it began */
  set_hook (library, &hook);
  g_assert_true (gk_library_export (library, NULL, GK_EXPORT_CSV_LONG, &options, NULL, out, NULL, &n_reports,
                                    &error));
  set_hook (library, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (hook.hits, ==, 1);
  g_assert_cmpuint (n_reports, ==, 6);
  g_assert_cmpuint (gk_library_count_reports (library), ==, 5);
  g_clear_object (&library);
  remove_tree (dir);
}
int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/reliability/killed-import", test_reliability_killed_import);
  g_test_add_func ("/library/reliability/corrupt", test_reliability_corrupt);
  g_test_add_func ("/library/reliability/foreign-database", test_reliability_foreign_database);
  g_test_add_func ("/library/reliability/folder", test_reliability_folder);
  g_test_add_func ("/library/reliability/locked", test_reliability_locked);
  g_test_add_func ("/library/reliability/newer-schema", test_reliability_newer_schema);
  g_test_add_func ("/library/reliability/failed-read/merge", test_reliability_failed_merge);
  g_test_add_func ("/library/reliability/failed-read/chunk", test_reliability_failed_chunk);
  g_test_add_func ("/library/reliability/failed-read/refresh", test_reliability_failed_refresh);
  g_test_add_func ("/library/reliability/failed-read/known-sources", test_reliability_failed_known_sources);
  g_test_add_func ("/library/reliability/failed-read/reextract-list", test_reliability_failed_reextract_list);
  g_test_add_func ("/library/reliability/failed-read/orphans", test_reliability_failed_orphans);
  g_test_add_func ("/library/reliability/failed-read/journal", test_reliability_failed_journal_read);
  g_test_add_func ("/library/reliability/failed-read/aliases", test_reliability_failed_aliases);
  g_test_add_func ("/library/reliability/interleaved/edit", test_reliability_interleaved_edit);
  g_test_add_func ("/library/reliability/interleaved/dismissal", test_reliability_interleaved_dismissal);
  g_test_add_func ("/library/reliability/interleaved/identity", test_reliability_interleaved_identity);
  g_test_add_func ("/library/reliability/interleaved/undo", test_reliability_interleaved_undo);
  g_test_add_func ("/library/reliability/interleaved/export", test_reliability_export_snapshot);

  return g_test_run ();
}
