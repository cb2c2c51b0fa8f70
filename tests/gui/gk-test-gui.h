/* gk-test-gui.h — helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-application.h"

G_BEGIN_DECLS

/* Exits with 77 (skipped) when there is no display. */
void           gk_test_gui_init          (int          *argc,
                                          char       ***argv);
GkApplication *gk_test_gui_application   (void);
gboolean       gk_test_gui_wait_until    (gboolean    (*condition) (gpointer data),
                                          gpointer      data,
                                          guint         timeout_ms);
void           gk_test_gui_settle        (guint         ms);
char          *gk_test_gui_screenshot    (GtkWidget    *widget,
                                          const char   *name);
GtkWindow     *gk_test_gui_find_window   (GType         type);

G_END_DECLS
