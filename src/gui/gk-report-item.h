/* gk-report-item.h — one report of the library, as the report list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_REPORT_ITEM (gk_report_item_get_type ())

G_DECLARE_FINAL_TYPE (GkReportItem, gk_report_item, GK, REPORT_ITEM, GObject)

GkReportItem          *gk_report_item_new          (GkReportSummary *summary);  /* takes it */
/* Updates in place and emits "changed": rows showing the item follow. */
void                   gk_report_item_update       (GkReportItem    *self,
                                                    GkReportSummary *summary);  /* takes it */
const GkReportSummary *gk_report_item_get_summary  (GkReportItem    *self);
gint64                 gk_report_item_get_id       (GkReportItem    *self);
const char            *gk_report_item_get_agency   (GkReportItem    *self);
gint                   gk_report_item_get_year     (GkReportItem    *self);
const char            *gk_report_item_get_sort_key (GkReportItem    *self);
/* What a row shows, formatted once per change rather than on every bind. */
const char            *gk_report_item_get_title    (GkReportItem    *self);
const char            *gk_report_item_get_year_label (GkReportItem  *self);
const char            *gk_report_item_get_detail   (GkReportItem    *self);
const char            *gk_report_item_get_tooltip  (GkReportItem    *self);
gboolean               gk_report_item_matches      (GkReportItem    *self,
                                                    const char      *folded_text,
                                                    GkReportFilter   filters);

G_END_DECLS
