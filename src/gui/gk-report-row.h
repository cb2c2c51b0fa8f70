/* gk-report-row.h — a row of the report list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-report-item.h"

G_BEGIN_DECLS

#define GK_TYPE_REPORT_ROW (gk_report_row_get_type ())

G_DECLARE_FINAL_TYPE (GkReportRow, gk_report_row, GK, REPORT_ROW, GtkWidget)

GtkWidget *gk_report_row_new      (void);
/* Shows @item and follows its changes; NULL lets go of it. */
void       gk_report_row_set_item (GkReportRow  *self,
                                   GkReportItem *item);

G_END_DECLS
