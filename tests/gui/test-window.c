/* test-window.c — the main window under Xvfb: empty state, drop and Open
 * both import, About, shortcuts, window size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gk-report-list.h"
#include "gk-test-gui.h"
#include "gk-window.h"

typedef struct
{
  GkApplication *app;
  GkWindow      *window;
} Fixture;

static gboolean
window_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static gboolean
import_done (gpointer data)
{
  return !gk_window_is_importing (GK_WINDOW (data));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = gk_test_gui_application ();
  /* a fresh library for each test: nothing left from the one before */
  g_assert_true (gk_application_open_library (fixture->app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  fixture->window = gk_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (gk_test_gui_wait_until (window_is_drawn, fixture->window, 5000));
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
  g_assert_true (gk_test_gui_wait_until (import_done, fixture->window, 30000));
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

  g_assert_true (gk_test_gui_wait_until (import_done, fixture->window, 30000));
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
  g_test_add ("/window/remembers-size", Fixture, NULL, fixture_setup, test_window_remembers_size,
              fixture_teardown);
  return g_test_run ();
}
