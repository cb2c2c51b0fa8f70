/* test-reextract.c — a library written by an older extractor, opened in the
 * window: its reports are read again in the background, the corrections go
 * back on their cells, and one whose cell is gone is kept and listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "gk-library.h"
#include "gk-report-view.h"
#include "gk-table-grid.h"
#include "gk-test-gui.h"
#include "gk-window.h"

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Seed 003 imported and corrected, then made to look as an older extractor
 * left it: its t4 cells gone, and a correction on a cell this form lacks. */
static gint64
prepare_stale_library (const char *path)
{
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stale = NULL;
  gint64 seed003;

  library = gk_library_open (path, &error);
  g_assert_no_error (error);
  seed003 = gk_test_gui_import_seeds (library, "003_");
  g_assert_true (gk_library_set_edit (library, seed003, "t4.review.total", "1", "checked by phone", &error));
  g_assert_no_error (error);
  g_assert_false (gk_library_needs_reextraction (library));
  g_clear_object (&library);

  stale = g_strdup_printf ("UPDATE reports SET extractor_version = 0;"
                           "UPDATE meta SET value = '0' WHERE key = 'extractor_version';"
                           "DELETE FROM cells WHERE key LIKE 't4.%%';"
                           "INSERT INTO edits (report_id, cell_key, raw, kind, value, note, time)"
                           " VALUES (%" G_GINT64_FORMAT ", 't3.withdrawn.total', '3', 'number', 3,"
                           "         'old form', '2024-01-01T00:00:00Z');", seed003);
  sql_exec (path, stale);
  return seed003;
}

static void
test_reextract_on_open (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  const char *path = g_getenv ("GONGKAI_LIBRARY");
  g_autofree char *orphan = NULL;
  g_autofree char *png = NULL;
  GkReportView *view;
  GkTableGrid *t4;
  GkReport *report;
  GtkWindow *dialog;
  GPtrArray *orphans;
  GkWindow *window;
  gint64 seed003;

  seed003 = prepare_stale_library (path);
  g_assert_true (gk_application_open_library (app, path, NULL));
  g_assert_true (gk_library_needs_reextraction (gk_application_get_library (app)));

  window = gk_window_new (app);
  /* it starts at once, in the background, with the import's progress */
  g_assert_true (gk_window_is_importing (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_gui_wait_drawn (GTK_WIDGET (window));
  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (window), 60000));
  g_assert_false (gk_library_needs_reextraction (gk_application_get_library (app)));

  /* the correction whose cell is gone is kept and reported */
  orphans = gk_window_get_orphaned_edits (window);
  g_assert_nonnull (orphans);
  g_assert_cmpuint (orphans->len, ==, 1);
  orphan = g_strdup_printf ("%" G_GINT64_FORMAT ":t3.withdrawn.total", seed003);
  g_assert_cmpstr (g_ptr_array_index (orphans, 0), ==, orphan);

  /* the other is back on its cell, which the page's table gives again */
  g_assert_true (gk_window_select_report (window, seed003));
  gk_test_gui_settle (200);
  view = GK_REPORT_VIEW (gk_window_get_report_view (window));
  report = gk_report_view_get_report (view);
  {
    const GkFormCell *cell = gk_form_layout_lookup (report->layout, "t4.review.total");
    g_assert_nonnull (cell);
    g_assert_cmpstr (report->cells[cell->index].raw, ==, "0");
    g_assert_cmpstr (report->cells[cell->index].edit_raw, ==, "1");
  }
  t4 = GK_TABLE_GRID (gk_report_view_get_table_grid (view, "t4"));
  g_assert_cmpuint (gk_table_grid_get_counts (t4).errors, ==, 0);

  /* the toast's Details lists it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-orphaned-edits", NULL));
  gk_test_gui_settle (300);
  dialog = gk_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  png = gk_test_gui_screenshot (GTK_WIDGET (dialog), "reextract-orphans");
  g_test_message ("screenshot: %s", png);
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);
  g_test_add_func ("/reextract/on-open", test_reextract_on_open);
  return g_test_run ();
}
