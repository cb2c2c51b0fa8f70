/* gk-report-view.h — one report: its sections, tables, findings and source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_REPORT_VIEW (gk_report_view_get_type ())

G_DECLARE_FINAL_TYPE (GkReportView, gk_report_view, GK, REPORT_VIEW, GtkWidget)

GtkWidget  *gk_report_view_new              (void);
void        gk_report_view_set_library      (GkReportView *self,
                                             GkLibrary    *library);
gboolean    gk_report_view_show_report      (GkReportView *self,
                                             gint64        report_id,
                                             GError      **error);
/* Reads the report again from the library (after undo, redo or an import). */
void        gk_report_view_reload           (GkReportView *self);
void        gk_report_view_clear            (GkReportView *self);
gint64      gk_report_view_get_report_id    (GkReportView *self);
GkReport   *gk_report_view_get_report       (GkReportView *self);
GPtrArray  *gk_report_view_get_findings     (GkReportView *self);
gboolean    gk_report_view_select_section   (GkReportView *self,
                                             const char   *key);
const char *gk_report_view_get_section      (GkReportView *self);
/* Writes an edit (NULL restores the page's value), re-checks at once. */
gboolean    gk_report_view_edit_cell        (GkReportView *self,
                                             const char   *cell_key,
                                             const char   *raw,
                                             GError      **error);
GtkWidget  *gk_report_view_get_table_grid   (GkReportView *self,
                                             const char   *table_key);
GtkWidget  *gk_report_view_get_findings_panel (GkReportView *self);
GtkWidget  *gk_report_view_get_source_pane  (GkReportView *self);
GtkWidget  *gk_report_view_get_side_pane    (GkReportView *self);   /* findings and source */
GtkWidget  *gk_report_view_get_text_view    (GkReportView *self);

G_END_DECLS
