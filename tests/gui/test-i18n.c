/* test-i18n.c — under LANG=zh_CN.UTF-8 the window speaks Chinese
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "gk-test-gui.h"
#include "gk-window.h"

static void
test_i18n_zh_cn_window (void)
{
  g_autoptr(GkApplication) app = NULL;
  GkWindow *window;
  GtkWidget *stack;
  GtkWidget *page;
  g_autofree char *png = NULL;
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || !g_str_has_prefix (messages, "zh_CN"))
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed (scripts/dev.sh generates it)");
      return;
    }

  g_assert_cmpstr (_("Drop Reports Here"), ==, "将报告拖放到这里");

  app = gk_test_gui_application ();
  window = gk_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_gui_wait_drawn (GTK_WIDGET (window));

  stack = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gk_window_get_drop_target (window)));
  page = gtk_stack_get_visible_child (GTK_STACK (stack));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "将报告拖放到这里");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "公开");

  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "window-empty-zh_CN");
  g_test_message ("screenshot: %s", png);

  /* the workbench, in Chinese, on seed 003 */
  {
    g_autofree char *dir = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
    const char *paths[] = { dir, NULL };
    g_autoptr(GkImportSummary) summary = gk_library_import (gk_application_get_library (app), paths, NULL,
                                                            NULL, NULL, NULL);
    GtkWidget *view;
    gint64 seed003 = 0;

    g_assert_nonnull (summary);
    gtk_window_destroy (GTK_WINDOW (window));
    window = gk_window_new (app);
    gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
    gtk_window_present (GTK_WINDOW (window));
    gk_test_gui_wait_drawn (GTK_WIDGET (window));
    for (guint i = 0; i < summary->results->len; i++)
      {
        GkImportResult *result = g_ptr_array_index (summary->results, i);
        if (g_str_has_suffix (result->path, "003_cb66867b0d9d4dcd.txt"))
          seed003 = result->report_id;
      }
    g_assert_true (gk_window_select_report (window, seed003));
    view = gk_window_get_report_view (window);
    g_assert_true (gtk_widget_activate_action (view, "report.select-section", "s", "s3"));
    gk_test_gui_settle (400);
    g_clear_pointer (&png, g_free);
    png = gk_test_gui_screenshot (GTK_WIDGET (window), "workbench-zh_CN");
    g_test_message ("screenshot: %s", png);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* As a user would start it: LANG=zh_CN.UTF-8 gongkai */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  gk_test_gui_init (&argc, &argv);
  g_test_add_func ("/i18n/zh_CN/window", test_i18n_zh_cn_window);
  return g_test_run ();
}
