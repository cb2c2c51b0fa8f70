/* gk-report-list.h — the sidebar: every report of the library, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_REPORT_LIST (gk_report_list_get_type ())

G_DECLARE_FINAL_TYPE (GkReportList, gk_report_list, GK, REPORT_LIST, GtkWidget)

GtkWidget  *gk_report_list_new             (void);
void        gk_report_list_set_library     (GkReportList *self,
                                            GkLibrary    *library);
gboolean    gk_report_list_reload          (GkReportList *self,
                                            GError      **error);
void        gk_report_list_update_report   (GkReportList *self,
                                            gint64        report_id);
/* The report and every other of its agency: cross-year checks tie them. */
void        gk_report_list_update_agency_of (GkReportList *self,
                                            gint64        report_id);
gboolean    gk_report_list_select_report   (GkReportList *self,
                                            gint64        report_id);
gint64      gk_report_list_get_selected_id (GkReportList *self);
guint       gk_report_list_get_n_reports   (GkReportList *self);
GListModel *gk_report_list_get_model       (GkReportList *self);   /* what is shown, in order */
GtkWidget  *gk_report_list_get_search_entry (GkReportList *self);

G_END_DECLS
