/* gk-test-gui.h — helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-application.h"
#include "gk-library.h"
#include "gk-report.h"
#include "gk-window.h"

G_BEGIN_DECLS

/* Exits with 77 (skipped) when there is no display. */
void           gk_test_gui_init          (int          *argc,
                                          char       ***argv);
GkApplication *gk_test_gui_application   (void);
gboolean       gk_test_gui_wait_until    (gboolean    (*condition) (gpointer data),
                                          gpointer      data,
                                          guint         timeout_ms);
void           gk_test_gui_settle        (guint         ms);
/* Waits until @window's import or re-extraction has ended: FALSE on timeout. */
gboolean       gk_test_gui_wait_import   (GkWindow     *window,
                                          guint         timeout_ms);
/* Waits until @widget (a presented window) is mapped and laid out. */
void           gk_test_gui_wait_drawn    (GtkWidget    *widget);
char          *gk_test_gui_screenshot    (GtkWidget    *widget,
                                          const char   *name);
GtkWindow     *gk_test_gui_find_window   (GType         type);

/* Widgets under @root, depth first: every one of @type (a new array of
 * borrowed widgets), the first visible label showing @text exactly (or
 * containing it), the first button labelled @label or with @action. */
GPtrArray     *gk_test_gui_collect       (GtkWidget    *root,
                                          GType         type);
GtkWidget     *gk_test_gui_find_label    (GtkWidget    *root,
                                          const char   *text);
GtkWidget     *gk_test_gui_find_label_containing (GtkWidget  *root,
                                                  const char *text);
GtkWidget     *gk_test_gui_find_button   (GtkWidget    *root,
                                          const char   *label);
GtkWidget     *gk_test_gui_find_button_with_action (GtkWidget  *root,
                                                    const char *action);

/* Pages the tests write for themselves, from tests/data/seeds. */
typedef enum
{
  GK_TEST_SEED_CARRY_OUT_TWO = 1 << 0,  /* 11 new applications, 2 carried to next year */
  GK_TEST_SEED_NA_NEW_NATURAL = 1 << 1, /* 「/」 for the natural persons' new applications */
} GkTestSeedChange;

char          *gk_test_gui_read_seed     (const char   *prefix);
/* Imports the project's five seeds into @library and returns the id of the
 * one whose file name starts with @prefix ("003_"). */
gint64         gk_test_gui_import_seeds  (GkLibrary    *library,
                                          const char   *prefix);
/* A report from GK_SHARED_DIR, or NULL after g_test_skip(). @name may be a
 * prefix of a file in a directory ("seeds/003_"). */
GkReport      *gk_test_gui_load_report   (const char   *name);
/* Seed 003 (东丽区应急管理局 2023, a t4 error) on year @year, with @changes. */
char          *gk_test_gui_seed_003_as   (int           year,
                                          GkTestSeedChange changes);
/* Writes @text to @dir/@name and returns the path. */
char          *gk_test_gui_write_page    (const char   *dir,
                                          const char   *name,
                                          const char   *text);

G_END_DECLS
