/* gk-window.h — the main window: report list, report view, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gk-application.h"

G_BEGIN_DECLS

#define GK_TYPE_WINDOW (gk_window_get_type ())

G_DECLARE_FINAL_TYPE (GkWindow, gk_window, GK, WINDOW, AdwApplicationWindow)

GkWindow             *gk_window_new              (GkApplication *application);
/* The one entry point for files, dropped or opened: they are imported. */
void                  gk_window_open_files       (GkWindow      *self,
                                                  GListModel    *files);
gboolean              gk_window_is_importing     (GkWindow      *self);
GkImportSummary      *gk_window_get_last_import  (GkWindow      *self);
GPtrArray            *gk_window_get_orphaned_edits (GkWindow      *self);
GtkDropTarget        *gk_window_get_drop_target  (GkWindow      *self);
GtkFileChooserNative *gk_window_get_file_chooser (GkWindow      *self);
GtkWidget            *gk_window_get_report_list  (GkWindow      *self);
GtkWidget            *gk_window_get_report_view  (GkWindow      *self);
GtkWidget            *gk_window_get_trends_view  (GkWindow      *self);
void                  gk_window_show_view        (GkWindow      *self,
                                                  const char    *name);   /* "reports", "trends" */
void                  gk_window_export           (GkWindow      *self,
                                                  GkExportFormat format,
                                                  gboolean       bom,
                                                  const char    *path);
gboolean              gk_window_is_exporting     (GkWindow      *self);
gboolean              gk_window_select_report    (GkWindow      *self,
                                                  gint64         report_id);
const char           *gk_window_get_visible_page (GkWindow      *self);  /* "empty", "error", "library" */

G_END_DECLS
