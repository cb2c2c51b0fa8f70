/* test-library-reliability.c — the library survives what happens to files:
 * an import killed mid-batch, a damaged or foreign file, a file another
 * program holds, and a library from a newer Gongkai
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "gk-extract.h"
#include "gk-library.h"
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

  return g_test_run ();
}
