/* test-window.c — the main window under Xvfb: empty state, drop, open
 * dialog, About, shortcuts, screenshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "gk-test-gui.h"
#include "gk-window.h"

typedef struct
{
  GkApplication *app;
  GkWindow      *window;
  char          *tmpdir;
} Fixture;

static gboolean
window_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = gk_test_gui_application ();
  fixture->window = gk_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (gk_test_gui_wait_until (window_is_drawn, fixture->window, 5000));
  fixture->tmpdir = g_dir_make_tmp ("gongkai-test-XXXXXX", NULL);
  g_assert_nonnull (fixture->tmpdir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->tmpdir);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   0, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
  g_free (fixture->tmpdir);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->app);
}

static GFile *
make_file (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, "<html><body>一、总体情况</body></html>", -1, NULL));
  return g_file_new_for_path (path);
}

static void
test_window_empty_state (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *target_widget = gtk_event_controller_get_widget (
      GTK_EVENT_CONTROLLER (gk_window_get_drop_target (fixture->window)));
  GtkStack *stack;
  GtkWidget *page;
  g_autofree char *png = NULL;

  g_assert_true (GTK_IS_STACK (target_widget));
  stack = GTK_STACK (target_widget);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  page = gtk_stack_get_visible_child (stack);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_nonnull (adw_status_page_get_title (ADW_STATUS_PAGE (page)));
  g_assert_cmpuint (g_list_model_get_n_items (gk_window_get_opened_files (fixture->window)), ==, 0);

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
  g_autoptr(GFile) first = make_file (fixture, "2021年报.html");
  g_autoptr(GFile) second = make_file (fixture, "report.txt");
  GdkFileList *file_list;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  GListModel *opened;
  gboolean handled = FALSE;
  GtkWidget *stack;

  files = g_slist_append (files, first);
  files = g_slist_append (files, second);
  file_list = gdk_file_list_new_from_list (files);
  g_slist_free (files);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, file_list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);

  opened = gk_window_get_opened_files (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (opened), ==, 2);
  {
    g_autoptr(GFile) a = g_list_model_get_item (opened, 0);
    g_autoptr(GFile) b = g_list_model_get_item (opened, 1);
    g_assert_true (g_file_equal (a, first));
    g_assert_true (g_file_equal (b, second));
  }

  stack = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "files");
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
  g_autoptr(GFile) chosen = make_file (fixture, "chosen.htm");
  GtkFileChooserNative *chooser;
  GListModel *opened;

  /* The same action the Open button and Ctrl+O trigger. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open", NULL));
  chooser = gk_window_get_file_chooser (fixture->window);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));

  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), chosen, NULL));
  g_assert_true (gk_test_gui_wait_until (chooser_has_file, chooser, 5000));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);

  opened = gk_window_get_opened_files (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (opened), ==, 1);
  {
    g_autoptr(GFile) got = g_list_model_get_item (opened, 0);
    g_assert_true (g_file_equal (got, chosen));
  }
  g_assert_null (gk_window_get_file_chooser (fixture->window));

  /* Folders go through the same entry point. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-folder", NULL));
  chooser = gk_window_get_file_chooser (fixture->window);
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_cmpuint (g_list_model_get_n_items (opened), ==, 1);
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

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
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
