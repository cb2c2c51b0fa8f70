/* test-window.c — the main window under Xvfb: empty state, drop and Open
 * both import, About, shortcuts, window size; the sidebar's search, filters
 * and sort; import progress, cancel, summary and refused files; report
 * properties; every accelerator in the help overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk-properties-dialog.h"
#include "gk-report-item.h"
#include "gk-report-list.h"
#include "gk-report-row.h"
#include "gk-report-view.h"
#include "gk-table-grid.h"
#include "gk-test-gui.h"
#include "gk-window.h"

typedef struct
{
  GkApplication *app;
  GkWindow      *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = gk_test_gui_application ();
  /* a fresh library for each test: nothing left from the one before */
  g_assert_true (gk_application_open_library (fixture->app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  fixture->window = gk_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gk_test_gui_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (g_getenv ("GONGKAI_LIBRARY"));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gk_application_open_library (fixture->app, NULL, NULL);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_clear_object (&fixture->app);
}

static GFile *
seed_file (const char *prefix)
{
  g_autofree char *dir = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        return g_file_new_for_path (path);
      }
  g_assert_not_reached ();
}

static void
test_window_empty_state (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *target_widget = gtk_event_controller_get_widget (
      GTK_EVENT_CONTROLLER (gk_window_get_drop_target (fixture->window)));
  GtkWidget *page;
  g_autofree char *png = NULL;

  g_assert_true (GTK_IS_STACK (target_widget));
  g_assert_cmpstr (gk_window_get_visible_page (fixture->window), ==, "empty");
  page = gtk_stack_get_visible_child (GTK_STACK (target_widget));
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_nonnull (adw_status_page_get_title (ADW_STATUS_PAGE (page)));

  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), "window-empty");
  g_test_message ("screenshot: %s", png);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
test_window_drop (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkDropTarget *target = gk_window_get_drop_target (fixture->window);
  g_autoptr(GFile) first = seed_file ("002_");
  g_autoptr(GFile) second = seed_file ("003_");
  GdkFileList *file_list;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  gboolean handled = FALSE;
  GkImportSummary *summary;
  GkReportList *list;

  files = g_slist_append (files, first);
  files = g_slist_append (files, second);
  file_list = gdk_file_list_new_from_list (files);
  g_slist_free (files);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, file_list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);

  /* both files reach the one entry point, which imports them */
  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (fixture->window), 30000));
  summary = gk_window_get_last_import (fixture->window);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->imported, ==, 2);
  g_assert_cmpuint (summary->results->len, ==, 2);
  list = GK_REPORT_LIST (gk_window_get_report_list (fixture->window));
  g_assert_cmpuint (gk_report_list_get_n_reports (list), ==, 2);
  g_assert_cmpstr (gk_window_get_visible_page (fixture->window), ==, "library");
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (data));
  return files != NULL && g_list_model_get_n_items (files) > 0;
}

static void
test_window_open_dialog (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) chosen = seed_file ("004_");
  GtkFileChooserNative *chooser;
  GkImportSummary *summary;
  GkImportResult *result;

  /* the same action the Open button and Ctrl+O trigger */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open", NULL));
  chooser = gk_window_get_file_chooser (fixture->window);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));

  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), chosen, NULL));
  g_assert_true (gk_test_gui_wait_until (chooser_has_file, chooser, 5000));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (gk_window_get_file_chooser (fixture->window));

  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (fixture->window), 30000));
  summary = gk_window_get_last_import (fixture->window);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->results->len, ==, 1);
  result = g_ptr_array_index (summary->results, 0);
  g_assert_true (g_str_has_suffix (result->path, g_file_peek_path (chosen) + strlen (g_file_peek_path (chosen))
                                   - strlen ("004_c03b648b9a6bf445.txt")));
  g_assert_cmpint (result->outcome, ==, GK_IMPORT_IMPORTED);

  /* folders go through the same entry point */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-folder", NULL));
  chooser = gk_window_get_file_chooser (fixture->window);
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_false (gk_window_is_importing (fixture->window));
}

static gboolean
about_is_shown (gpointer data)
{
  return gk_test_gui_find_window (ADW_TYPE_ABOUT_WINDOW) != NULL;
}

static gboolean
shortcuts_are_shown (gpointer data)
{
  return gk_test_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static void
test_window_about_and_shortcuts (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWindow *about;
  GtkWindow *shortcuts;
  g_autofree char *png = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  g_assert_true (gk_test_gui_wait_until (about_is_shown, NULL, 5000));
  about = gk_test_gui_find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Gongkai");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  g_assert_true (gk_test_gui_wait_until (shortcuts_are_shown, NULL, 5000));
  shortcuts = gk_test_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW);
  gk_test_gui_settle (200);
  png = gk_test_gui_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  g_test_message ("screenshot: %s", png);
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
}

static void
test_window_remembers_size (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GkWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  second = gk_window_new (fixture->app);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  fixture->window = second;
}

/* ---- Helpers for the library's tests --------------------------------- */

/* Imports @paths (NULL-terminated) through the window's one entry point,
 * as a drop or the Open dialog does, and waits for the end. */
static void
import_paths (GkWindow          *window,
              const char * const *paths)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_list_store_append (files, file);
    }
  gk_window_open_files (window, G_LIST_MODEL (files));
  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (window), 30000));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

/* The five seeds and seed 003 on 2021 with 「/」 for a cell (2 uncertain
 * checks): six reports. */
static void
import_seeds_and_uncertain (GkWindow *window)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  g_autofree char *dir = g_dir_make_tmp ("gongkai-sidebar-XXXXXX", NULL);
  g_autofree char *text = gk_test_gui_seed_003_as (2021, GK_TEST_SEED_NA_NEW_NATURAL);
  g_autofree char *page = gk_test_gui_write_page (dir, "dongli-2021.txt", text);
  const char *paths[] = { seeds, page, NULL };

  import_paths (window, paths);
  g_assert_cmpuint (gk_window_get_last_import (window)->imported, ==, 6);
  remove_dir (dir);
}

static GkReportItem *
find_item (GkWindow   *window,
           const char *agency,
           int         year)
{
  GkReportList *list = GK_REPORT_LIST (gk_window_get_report_list (window));
  GListModel *model = gk_report_list_get_model (list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GkReportItem) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (gk_report_item_get_agency (item), agency) == 0 && gk_report_item_get_year (item) == year)
        return item;   /* the model keeps it alive */
    }
  g_assert_not_reached ();
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  GtkWidget *x = *(GtkWidget **) a;
  GtkWidget *y = *(GtkWidget **) b;
  graphene_point_t px, py;

  g_assert_true (gtk_widget_compute_point (x, GTK_WIDGET (gtk_widget_get_root (x)),
                                           &GRAPHENE_POINT_INIT (0, 0), &px));
  g_assert_true (gtk_widget_compute_point (y, GTK_WIDGET (gtk_widget_get_root (y)),
                                           &GRAPHENE_POINT_INIT (0, 0), &py));
  return px.y < py.y ? -1 : px.y > py.y;
}

/* The rows the sidebar draws, top to bottom, as "agency year". */
static GPtrArray *
shown_rows (GkWindow *window)
{
  g_autoptr(GPtrArray) rows = gk_test_gui_collect (gk_window_get_report_list (window), GK_TYPE_REPORT_ROW);
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_free);

  for (guint i = rows->len; i-- > 0;)
    if (!gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      g_ptr_array_remove_index (rows, i);
  g_ptr_array_sort (rows, compare_y);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = gk_test_gui_collect (g_ptr_array_index (rows, i), GTK_TYPE_LABEL);

      g_assert_cmpuint (labels->len, >=, 2);
      g_ptr_array_add (shown, g_strdup_printf ("%s %s",
                                               gtk_label_get_text (g_ptr_array_index (labels, 0)),
                                               gtk_label_get_text (g_ptr_array_index (labels, 1))));
    }
  return shown;
}

static gboolean
rows_follow_model (gpointer data)
{
  GkWindow *window = data;
  g_autoptr(GPtrArray) shown = shown_rows (window);
  GListModel *model = gk_report_list_get_model (GK_REPORT_LIST (gk_window_get_report_list (window)));

  return shown->len == g_list_model_get_n_items (model);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The rows shown once the list has drawn what its model holds, sorted by
 * name when @sorted: the filters' tests do not depend on the sort. */
static char *
shown_rows_text (GkWindow *window,
                 gboolean  sorted)
{
  g_autoptr(GPtrArray) shown = NULL;
  GString *text = g_string_new (NULL);

  gk_test_gui_wait_until (rows_follow_model, window, 2000);
  gk_test_gui_settle (50);
  shown = shown_rows (window);
  if (sorted)
    g_ptr_array_sort (shown, compare_strings);
  for (guint i = 0; i < shown->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", (char *) g_ptr_array_index (shown, i));
  return g_string_free (text, FALSE);
}

static void
search (GkWindow   *window,
        const char *text)
{
  GtkWidget *entry = gk_report_list_get_search_entry (GK_REPORT_LIST (gk_window_get_report_list (window)));

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* the entry waits a moment after the last key before it searches */
  gk_test_gui_settle (300);
}

static void
assert_shown (GkWindow   *window,
              const char *expected)
{
  g_autofree char *shown = shown_rows_text (window, TRUE);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_window_sidebar_search (Fixture       *fixture,
                            gconstpointer  data)
{
  GkWindow *window = fixture->window;
  GtkWidget *list = gk_window_get_report_list (window);

  import_seeds_and_uncertain (window);
  assert_shown (window, "东丽区应急管理局 2021; 东丽区应急管理局 2023; 浙江省应急管理厅 2022; "
                        "黄石市应急管理局 2019; 黑龙江省人民防空办公室 2021; 黑龙江省应急管理厅 2023");
  g_assert_nonnull (gk_test_gui_find_label (list, "6 reports"));
  g_assert_cmpstr (gk_report_item_get_summary (find_item (window, "黑龙江省人民防空办公室", 2021))->region, ==,
                   "黑龙江省");
  g_assert_cmpstr (gk_report_item_get_summary (find_item (window, "黑龙江省应急管理厅", 2023))->region, ==,
                   "黑龙江省");

  /* by agency: a part of the name */
  search (window, "应急管理厅");
  assert_shown (window, "浙江省应急管理厅 2022; 黑龙江省应急管理厅 2023");
  g_assert_nonnull (gk_test_gui_find_label (list, "2 of 6 reports"));

  /* by region: both agencies of 黑龙江省, whatever their names say next */
  search (window, "黑龙江省");
  assert_shown (window, "黑龙江省人民防空办公室 2021; 黑龙江省应急管理厅 2023");
  search (window, "黄石市");
  assert_shown (window, "黄石市应急管理局 2019");

  /* by year */
  search (window, "2021");
  assert_shown (window, "东丽区应急管理局 2021; 黑龙江省人民防空办公室 2021");

  /* nothing: the list says so */
  search (window, "上海");
  assert_shown (window, "");
  g_assert_nonnull (gk_test_gui_find_label (list, "No Matching Reports"));

  search (window, "");
  assert_shown (window, "东丽区应急管理局 2021; 东丽区应急管理局 2023; 浙江省应急管理厅 2022; "
                        "黄石市应急管理局 2019; 黑龙江省人民防空办公室 2021; 黑龙江省应急管理厅 2023");
}

/* All six rows drawn, in order: by year (newest first) then agency, or by
 * agency then year (oldest first). */
static void
assert_sorted (GkWindow *window,
               gboolean  by_year)
{
  g_autoptr(GPtrArray) shown = NULL;

  gk_test_gui_wait_until (rows_follow_model, window, 2000);
  gk_test_gui_settle (50);
  shown = shown_rows (window);
  g_assert_cmpuint (shown->len, ==, 6);
  for (guint i = 0; i + 1 < shown->len; i++)
    {
      g_auto(GStrv) a = g_strsplit (g_ptr_array_index (shown, i), " ", 2);
      g_auto(GStrv) b = g_strsplit (g_ptr_array_index (shown, i + 1), " ", 2);
      int by_agency = g_utf8_collate (a[0], b[0]);
      int year_order = atoi (a[1]) - atoi (b[1]);

      g_test_message ("row %u: %s", i, (char *) g_ptr_array_index (shown, i));
      if (by_year)
        g_assert_true (year_order > 0 || (year_order == 0 && by_agency < 0));
      else
        g_assert_true (by_agency < 0 || (by_agency == 0 && year_order < 0));
    }
}

static void
toggle (GtkWidget  *list,
        const char *action)
{
  g_assert_true (gtk_widget_activate_action (list, action, NULL));
}

static void
test_window_sidebar_filters_and_sort (Fixture       *fixture,
                                      gconstpointer  data)
{
  GkWindow *window = fixture->window;
  GtkWidget *list = gk_window_get_report_list (window);
  GkReportView *view = GK_REPORT_VIEW (gk_window_get_report_view (window));
  g_autoptr(GError) error = NULL;
  gboolean on = FALSE;
  gint64 zhejiang;

  import_seeds_and_uncertain (window);
  zhejiang = gk_report_item_get_id (find_item (window, "浙江省应急管理厅", 2022));

  /* has errors: seed 003's t4, on both years */
  toggle (list, "list.filter-errors");
  g_object_get (list, "filter-errors", &on, NULL);
  g_assert_true (on);
  assert_shown (window, "东丽区应急管理局 2021; 东丽区应急管理局 2023");
  g_assert_nonnull (gk_test_gui_find_label (list, "2 of 6 reports"));
  toggle (list, "list.filter-errors");
  g_object_get (list, "filter-errors", &on, NULL);
  g_assert_false (on);

  /* uncertain: the 「/」 leaves two checks without a value */
  toggle (list, "list.filter-uncertain");
  assert_shown (window, "东丽区应急管理局 2021");
  toggle (list, "list.filter-uncertain");

  /* missing tables: the two pages whose tables were images, and seed 004 */
  toggle (list, "list.filter-missing");
  assert_shown (window, "黄石市应急管理局 2019; 黑龙江省人民防空办公室 2021; 黑龙江省应急管理厅 2023");
  toggle (list, "list.filter-missing");

  /* edited: none yet; a correction brings its report in, at once */
  toggle (list, "list.filter-edited");
  assert_shown (window, "");
  g_assert_nonnull (gk_test_gui_find_label (list, "No Matching Reports"));
  g_assert_true (gk_window_select_report (window, zhejiang));
  g_assert_true (gk_report_view_edit_cell (view, "t3.new.natural", "19", &error));
  g_assert_no_error (error);
  assert_shown (window, "浙江省应急管理厅 2022");
  toggle (list, "list.filter-edited");

  /* filters add up, and with the search */
  toggle (list, "list.filter-errors");
  toggle (list, "list.filter-uncertain");
  assert_shown (window, "东丽区应急管理局 2021");
  toggle (list, "list.filter-uncertain");
  search (window, "2023");
  assert_shown (window, "东丽区应急管理局 2023");
  search (window, "");
  toggle (list, "list.filter-errors");
  assert_shown (window, "东丽区应急管理局 2021; 东丽区应急管理局 2023; 浙江省应急管理厅 2022; "
                        "黄石市应急管理局 2019; 黑龙江省人民防空办公室 2021; 黑龙江省应急管理厅 2023");

  /* sort by year: newest first, then by agency (in the user's collation) */
  g_assert_true (gtk_widget_activate_action (list, "list.sort", "s", "year"));
  assert_sorted (window, TRUE);
  /* by agency, then year */
  g_assert_true (gtk_widget_activate_action (list, "list.sort", "s", "agency"));
  assert_sorted (window, FALSE);
}

static GtkWidget *
import_progress_bar (GkWindow *window)
{
  g_autoptr(GPtrArray) bars = gk_test_gui_collect (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR);

  g_assert_cmpuint (bars->len, ==, 1);
  return g_ptr_array_index (bars, 0);
}

static gboolean
progress_counts (gpointer data)
{
  const char *text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (data));

  return text != NULL && strstr (text, " of ") != NULL && !g_str_has_prefix (text, "0 of ");
}

/* The toast's title, as the toast overlay shows it. */
static GtkWidget *
toast_label (GkWindow   *window,
             const char *start)
{
  gk_test_gui_settle (100);
  return gk_test_gui_find_label_containing (GTK_WIDGET (window), start);
}

static void
test_window_import_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  enum { OFFERED = 600 };
  GkWindow *window = fixture->window;
  g_autofree char *dir = g_dir_make_tmp ("gongkai-cancel-XXXXXX", NULL);
  g_autofree char *seed = gk_test_gui_read_seed ("002_");
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autofree char *expected = NULL;
  g_autofree char *of_total = g_strdup_printf (" of %u", OFFERED);
  GkImportSummary *summary;
  GtkWidget *progress, *toast;
  guint stored;

  /* pages that differ by a byte, so none is the same file twice */
  for (guint i = 0; i < OFFERED; i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%03u.txt", i);
      g_autofree char *text = g_strdup_printf ("%s\n%u\n", seed, i);
      g_autofree char *path = gk_test_gui_write_page (dir, name, text);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (files, file);
    }

  progress = import_progress_bar (window);
  g_assert_false (gtk_widget_is_visible (progress));
  gk_window_open_files (window, G_LIST_MODEL (files));
  g_assert_true (gk_window_is_importing (window));
  g_assert_true (gtk_widget_is_visible (progress));
  g_assert_nonnull (gk_test_gui_find_button_with_action (GTK_WIDGET (window), "win.cancel-import"));
  /* the bar counts the files once they are read */
  g_assert_true (gk_test_gui_wait_until (progress_counts, progress, 10000));
  g_assert_nonnull (strstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress)), of_total));
  g_assert_true (gk_window_is_importing (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-import", NULL));
  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (window), 30000));
  g_assert_false (gtk_widget_is_visible (progress));

  summary = gk_window_get_last_import (window);
  g_assert_nonnull (summary);
  g_assert_true (summary->cancelled);
  /* possible duplicates (the same agency and year) are imported too */
  stored = summary->imported;
  g_test_message ("%u of %u pages imported before the cancel", stored, OFFERED);
  g_assert_cmpuint (stored, <, OFFERED);
  g_assert_cmpuint (stored, >, 0);
  /* what was imported is in the library, and nothing else */
  g_assert_cmpuint (gk_library_count_reports (gk_application_get_library (fixture->app)), ==, stored);
  g_assert_cmpuint (gk_report_list_get_n_reports (GK_REPORT_LIST (gk_window_get_report_list (window))), ==,
                    stored);

  /* the toast says how many, and that it was cancelled */
  expected = g_strdup_printf (summary->imported == 1 ? "%u report imported" : "%u reports imported",
                              summary->imported);
  toast = toast_label (window, expected);
  g_assert_nonnull (toast);
  g_test_message ("toast: %s", gtk_label_get_text (GTK_LABEL (toast)));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (toast)), " (cancelled)"));
  remove_dir (dir);
}

static gboolean
details_shown (gpointer data)
{
  GtkWindow *dialog = gk_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                      "Files Not Imported") == 0;
}

static AdwActionRow *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = gk_test_gui_collect (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
test_window_import_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  GkWindow *window = fixture->window;
  g_autofree char *dir = g_dir_make_tmp ("gongkai-refused-XXXXXX", NULL);
  g_autofree char *zhejiang = gk_test_gui_read_seed ("002_");
  g_autofree char *dongli = gk_test_gui_read_seed ("003_");
  g_autofree char *good1 = gk_test_gui_write_page (dir, "zhejiang-2022.txt", zhejiang);
  g_autofree char *good2 = gk_test_gui_write_page (dir, "dongli-2023.txt", dongli);
  g_autofree char *empty = gk_test_gui_write_page (dir, "empty.txt", "");
  g_autofree char *binary = g_build_filename (dir, "binary.html", NULL);
  const char *paths[] = { good1, binary, good2, empty, NULL };
  guchar bytes[4096];
  GkImportSummary *summary;
  GtkWidget *toast, *details, *dialog;
  AdwActionRow *row;

  /* every byte value: no page of any charset */
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) (i * 7);
  g_assert_true (g_file_set_contents (binary, (const char *) bytes, sizeof bytes, NULL));

  import_paths (window, paths);
  summary = gk_window_get_last_import (window);
  g_assert_cmpuint (summary->imported, ==, 2);
  g_assert_cmpuint (summary->refused, ==, 2);
  g_assert_false (summary->cancelled);

  toast = toast_label (window, "2 reports imported");
  g_assert_nonnull (toast);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (toast)), ==, "2 reports imported, 2 not imported");

  /* the toast's Details button lists the refused files with their reasons */
  details = gk_test_gui_find_button (GTK_WIDGET (window), "_Details");
  g_assert_nonnull (details);
  g_signal_emit_by_name (details, "clicked");
  g_assert_true (gk_test_gui_wait_until (details_shown, NULL, 5000));
  dialog = GTK_WIDGET (gk_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  row = find_row (dialog, "binary.html");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "“binary.html” is a binary file, not a saved report page");
  row = find_row (dialog, "empty.txt");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "“empty.txt” is empty");
  /* only those */
  g_assert_null (find_row (dialog, "zhejiang-2022.txt"));
  g_assert_null (find_row (dialog, "dongli-2023.txt"));
  {
    g_autoptr(GPtrArray) rows = gk_test_gui_collect (dialog, ADW_TYPE_ACTION_ROW);
    g_assert_cmpuint (rows->len, ==, 2);
  }
  gk_test_gui_settle (200);
  {
    g_autofree char *png = gk_test_gui_screenshot (dialog, "window-import-refused");
    g_test_message ("screenshot: %s", png);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  remove_dir (dir);
}

static gboolean
properties_shown (gpointer data)
{
  return gk_test_gui_find_window (GK_TYPE_PROPERTIES_DIALOG) != NULL;
}

static gboolean
properties_gone (gpointer data)
{
  return gk_test_gui_find_window (GK_TYPE_PROPERTIES_DIALOG) == NULL;
}

static void
test_window_properties_year (Fixture       *fixture,
                             gconstpointer  data)
{
  GkWindow *window = fixture->window;
  GkReportView *view = GK_REPORT_VIEW (gk_window_get_report_view (window));
  g_autofree char *seeds = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  const char *paths[] = { seeds, NULL };
  g_autoptr(GPtrArray) spins = NULL;
  GtkWidget *dialog, *save;
  GtkSpinButton *year;
  gint64 id;

  import_paths (window, paths);
  id = gk_report_item_get_id (find_item (window, "浙江省应急管理厅", 2022));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-report", "x", id));
  g_assert_cmpint (gk_report_view_get_report_id (view), ==, id);

  /* Alt+Return, or the report's menu */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.properties", NULL));
  g_assert_true (gk_test_gui_wait_until (properties_shown, NULL, 5000));
  dialog = GTK_WIDGET (gk_test_gui_find_window (GK_TYPE_PROPERTIES_DIALOG));
  spins = gk_test_gui_collect (dialog, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 1);
  year = g_ptr_array_index (spins, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year), ==, 2022);
  gk_test_gui_settle (200);
  {
    g_autofree char *png = gk_test_gui_screenshot (dialog, "window-properties");
    g_test_message ("screenshot: %s", png);
  }

  /* type the year, leave the field, and Save */
  gtk_editable_set_text (GTK_EDITABLE (year), "2021");
  gtk_spin_button_update (year);
  save = gk_test_gui_find_button (dialog, "_Save");
  g_assert_nonnull (save);
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (gk_test_gui_wait_until (properties_gone, NULL, 5000));

  /* the list shows the new year, and the report is still the one open */
  g_assert_cmpint (gk_report_item_get_year (find_item (window, "浙江省应急管理厅", 2021)), ==, 2021);
  assert_shown (window, "东丽区应急管理局 2023; 浙江省应急管理厅 2021; 黄石市应急管理局 2019; "
                        "黑龙江省人民防空办公室 2021; 黑龙江省应急管理厅 2023");
  g_assert_cmpint (gk_report_view_get_report_id (view), ==, id);
  g_assert_cmpint (gk_report_list_get_selected_id (GK_REPORT_LIST (gk_window_get_report_list (window))), ==, id);
  {
    g_autoptr(GkReportSummary) summary = gk_library_get_summary (gk_application_get_library (fixture->app), id,
                                                                 NULL);
    g_assert_cmpint (summary->year, ==, 2021);
  }
}

/* A report whose year nobody knows: Save, with only the agency corrected,
 * must leave the year unknown rather than write the spin button's guess. */
static void
test_window_properties_unknown_year (Fixture       *fixture,
                                     gconstpointer  data)
{
  GkWindow *window = fixture->window;
  GkReportView *view = GK_REPORT_VIEW (gk_window_get_report_view (window));
  g_autofree char *dir = g_dir_make_tmp ("gongkai-no-year-XXXXXX", NULL);
  g_autofree char *seed = gk_test_gui_read_seed ("002_");
  g_autoptr(GRegex) years = g_regex_new ("20[0-9][0-9]", 0, 0, NULL);
  g_autofree char *text = g_regex_replace_literal (years, seed, -1, 0, "", 0, NULL);
  g_autofree char *page = gk_test_gui_write_page (dir, "no-year.txt", text);
  const char *paths[] = { page, NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GkReportSummary) summary = NULL;
  GtkWidget *dialog;
  gint64 id;

  import_paths (window, paths);
  id = gk_report_item_get_id (find_item (window, "浙江省应急管理厅", 0));
  g_assert_true (gk_window_select_report (window, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.properties", NULL));
  g_assert_true (gk_test_gui_wait_until (properties_shown, NULL, 5000));
  dialog = GTK_WIDGET (gk_test_gui_find_window (GK_TYPE_PROPERTIES_DIALOG));
  entries = gk_test_gui_collect (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (entries->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), "杭州市应急管理局");
  g_signal_emit_by_name (gk_test_gui_find_button (dialog, "_Save"), "clicked");
  g_assert_true (gk_test_gui_wait_until (properties_gone, NULL, 5000));

  summary = gk_library_get_summary (gk_application_get_library (fixture->app), id, NULL);
  g_assert_cmpstr (summary->agency, ==, "杭州市应急管理局");
  /* the year field shows a likely year, but an untouched field corrects nothing */
  g_assert_cmpint (summary->year, ==, 0);
  remove_dir (dir);
}

/* ---- Accelerators and the help overlay ------------------------------- */

typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
} Key;

static gboolean
parse_key (const char *accelerator,
           Key        *key)
{
  return gtk_accelerator_parse (accelerator, &key->keyval, &key->modifiers) && key->keyval != 0;
}

/* The keys a GtkShortcutsShortcut shows: its accelerator is a list of
 * alternatives separated by spaces, each a key or a range "FIRST...LAST". */
static GArray *
shown_keys (const char *accelerator)
{
  g_auto(GStrv) parts = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (Key));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) range = NULL;
      Key first, last;

      if (*parts[i] == '\0')
        continue;
      range = g_strsplit (parts[i], "...", 2);
      g_assert_true (parse_key (range[0], &first));
      last = first;
      if (range[1] != NULL)
        {
          g_assert_true (parse_key (range[1], &last));
          g_assert_cmpuint (last.modifiers, ==, first.modifiers);
          g_assert_cmpuint (last.keyval, >=, first.keyval);
        }
      for (guint keyval = first.keyval; keyval <= last.keyval; keyval++)
        {
          Key key = { keyval, first.modifiers };
          g_array_append_val (keys, key);
        }
    }
  return keys;
}

static gboolean
has_key (GArray *keys,
         Key    *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_array_index (keys, Key, i).keyval == key->keyval
        && g_array_index (keys, Key, i).modifiers == key->modifiers)
      return TRUE;
  return FALSE;
}

static void
add_trigger_keys (GtkShortcutTrigger *trigger,
                  GArray             *keys)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      Key key = { gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) };
      g_array_append_val (keys, key);
    }
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger_keys (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
      add_trigger_keys (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
    }
}

/* Every key bound by a shortcut controller of the window's own widgets (and
 * of what a table grid holds: its cells' text) */
static void
collect_bound_keys (GtkWidget *widget,
                    gboolean   inside_grid,
                    GArray    *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean own = g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Gk") || GTK_IS_WINDOW (widget);

  inside_grid = inside_grid || GK_IS_TABLE_GRID (widget);
  for (guint i = 0; (own || inside_grid) && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          add_trigger_keys (gtk_shortcut_get_trigger (shortcut), keys);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_bound_keys (child, inside_grid, keys);
}

static void
test_window_accelerators_in_help_overlay (Fixture       *fixture,
                                          gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (app);
  g_autoptr(GPtrArray) shortcuts = NULL;
  g_autoptr(GArray) bound = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autofree char *seeds = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  const char *paths[] = { seeds, NULL };
  guint n_accels = 0;

  g_assert_nonnull (overlay);
  shortcuts = gk_test_gui_collect (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT);
  g_assert_cmpuint (shortcuts->len, >, 10);

  /* every accelerator of the application is in the overlay, on the row
   * of its action */
  for (guint a = 0; actions[a] != NULL; a++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[a]);

      for (guint k = 0; accels[k] != NULL; k++)
        {
          Key key;
          gboolean found = FALSE;

          g_assert_true (parse_key (accels[k], &key));
          n_accels++;
          for (guint s = 0; s < shortcuts->len && !found; s++)
            {
              g_autofree char *accelerator = NULL;
              g_autofree char *action = NULL;
              g_autoptr(GArray) keys = NULL;

              g_object_get (g_ptr_array_index (shortcuts, s), "accelerator", &accelerator,
                            "action-name", &action, NULL);
              keys = shown_keys (accelerator);
              found = has_key (keys, &key) && (action == NULL || g_str_equal (action, actions[a]));
            }
          if (!found)
            g_test_message ("%s (%s) is not in the help overlay", accels[k], actions[a]);
          g_assert_true (found);
        }
    }
  g_assert_cmpuint (n_accels, >=, 6);

  /* and every key the overlay shows does what it says: an accelerator of
   * the application for the row's action, or a key bound by the widgets
   * (a report open, so that its tables exist) */
  import_paths (fixture->window, paths);
  collect_bound_keys (GTK_WIDGET (fixture->window), FALSE, bound);
  for (guint s = 0; s < shortcuts->len; s++)
    {
      GtkWidget *shortcut = g_ptr_array_index (shortcuts, s);
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GArray) keys = NULL;

      g_object_get (shortcut, "accelerator", &accelerator, "action-name", &action, "title", &title, NULL);
      keys = shown_keys (accelerator);
      g_test_message ("overlay: “%s”: %s %s", title, accelerator, action != NULL ? action : "");
      g_assert_cmpuint (keys->len, >, 0);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

          /* the overlay shows what the application binds, no more, no less */
          g_assert_cmpuint (keys->len, ==, g_strv_length (accels));
          for (guint k = 0; accels[k] != NULL; k++)
            {
              Key key;

              g_assert_true (parse_key (accels[k], &key));
              g_assert_true (has_key (keys, &key));
            }
          continue;
        }
      for (guint k = 0; k < keys->len; k++)
        {
          Key *key = &g_array_index (keys, Key, k);

          if (!has_key (bound, key))
            g_test_message ("“%s”: %s is bound to nothing", title, accelerator);
          g_assert_true (has_key (bound, key));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add ("/window/empty-state", Fixture, NULL, fixture_setup, test_window_empty_state,
              fixture_teardown);
  g_test_add ("/window/drop", Fixture, NULL, fixture_setup, test_window_drop, fixture_teardown);
  g_test_add ("/window/open-dialog", Fixture, NULL, fixture_setup, test_window_open_dialog,
              fixture_teardown);
  g_test_add ("/window/about-and-shortcuts", Fixture, NULL, fixture_setup,
              test_window_about_and_shortcuts, fixture_teardown);
  g_test_add ("/window/sidebar-search", Fixture, NULL, fixture_setup, test_window_sidebar_search,
              fixture_teardown);
  g_test_add ("/window/sidebar-filters-and-sort", Fixture, NULL, fixture_setup,
              test_window_sidebar_filters_and_sort, fixture_teardown);
  g_test_add ("/window/import-cancel", Fixture, NULL, fixture_setup, test_window_import_cancel,
              fixture_teardown);
  g_test_add ("/window/import-refused", Fixture, NULL, fixture_setup, test_window_import_refused,
              fixture_teardown);
  g_test_add ("/window/properties-year", Fixture, NULL, fixture_setup, test_window_properties_year,
              fixture_teardown);
  g_test_add ("/window/properties-unknown-year", Fixture, NULL, fixture_setup,
              test_window_properties_unknown_year, fixture_teardown);
  g_test_add ("/window/accelerators-in-help-overlay", Fixture, NULL, fixture_setup,
              test_window_accelerators_in_help_overlay, fixture_teardown);
  g_test_add ("/window/remembers-size", Fixture, NULL, fixture_setup, test_window_remembers_size,
              fixture_teardown);
  return g_test_run ();
}
