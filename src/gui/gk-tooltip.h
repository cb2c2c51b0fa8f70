/* gk-tooltip.h — tooltips whose text is given when GTK asks for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void gk_widget_set_tooltip (GtkWidget  *widget,
                            const char *text);

G_END_DECLS
