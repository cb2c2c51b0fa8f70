/* gk-findings-panel.h — the findings of one report, grouped by severity,
 * with dismissal and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-check.h"
#include "gk-report.h"

G_BEGIN_DECLS

#define GK_TYPE_FINDINGS_PANEL (gk_findings_panel_get_type ())

G_DECLARE_FINAL_TYPE (GkFindingsPanel, gk_findings_panel, GK, FINDINGS_PANEL, GtkWidget)

GtkWidget *gk_findings_panel_new          (void);

/* @findings: GkFinding *, the open ones, as gk_check_report() orders them.
 * @dismissed: finding id (gk_finding_dup_id()) → reason; may be NULL.
 * @dismissed_findings: the GkFinding of each dismissed one, to list them.
 * The panel keeps references to the arrays and the table; NULL @report and
 * @findings show that no report is open. */
void       gk_findings_panel_set_findings (GkFindingsPanel *self,
                                           GkReport        *report,
                                           GPtrArray       *findings,
                                           GHashTable      *dismissed,
                                           GPtrArray       *dismissed_findings);

/* Finding messages come in Chinese and English; the default follows the
 * user's first language. */
void       gk_findings_panel_set_chinese  (GkFindingsPanel *self,
                                           gboolean         chinese);
gboolean   gk_findings_panel_get_chinese  (GkFindingsPanel *self);

G_END_DECLS
