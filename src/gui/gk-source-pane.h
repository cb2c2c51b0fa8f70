/* gk-source-pane.h — where a cell came from: the page text or table around
 * it, with the cell highlighted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-document.h"
#include "gk-report.h"

G_BEGIN_DECLS

#define GK_TYPE_SOURCE_PANE (gk_source_pane_get_type ())

G_DECLARE_FINAL_TYPE (GkSourcePane, gk_source_pane, GK, SOURCE_PANE, GtkWidget)

GtkWidget  *gk_source_pane_new           (void);

/* NULL: no document yet. Clears what is shown. */
void        gk_source_pane_set_document  (GkSourcePane *self,
                                          GkDocument   *document);
GkDocument *gk_source_pane_get_document  (GkSourcePane *self);

/* Shows where @cell_key of @report came from, in the report's document (or
 * the pane's, for a report rebuilt from the library without one). */
void        gk_source_pane_show_cell     (GkSourcePane *self,
                                          GkReport     *report,
                                          const char   *cell_key);

/* Shows bytes @text_start..@text_end of block @block's text highlighted:
 * a prose fact, a heading. */
void        gk_source_pane_show_range    (GkSourcePane *self,
                                          guint         block,
                                          gsize         text_start,
                                          gsize         text_end);

/* Back to "Select a cell to see where it came from". */
void        gk_source_pane_clear         (GkSourcePane *self);

/* The highlighted text as shown, or NULL when nothing is highlighted. */
char       *gk_source_pane_dup_highlight (GkSourcePane *self);

/* Labels come in Chinese and English; the default follows the user's first
 * language. */
void        gk_source_pane_set_chinese   (GkSourcePane *self,
                                          gboolean      chinese);

G_END_DECLS
