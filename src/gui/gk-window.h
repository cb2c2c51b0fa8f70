/* gk-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gk-application.h"

G_BEGIN_DECLS

#define GK_TYPE_WINDOW (gk_window_get_type ())

G_DECLARE_FINAL_TYPE (GkWindow, gk_window, GK, WINDOW, AdwApplicationWindow)

GkWindow   *gk_window_new              (GkApplication *application);
void        gk_window_open_files       (GkWindow      *self,
                                        GListModel    *files);
GListModel *gk_window_get_opened_files (GkWindow      *self);
GtkDropTarget        *gk_window_get_drop_target  (GkWindow      *self);
GtkFileChooserNative *gk_window_get_file_chooser (GkWindow      *self);

G_END_DECLS
