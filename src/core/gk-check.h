/* gk-check.h — the identities as pure functions from cell values to findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gk-form.h"
#include "gk-report.h"

G_BEGIN_DECLS

typedef struct
{
  char        *rule;        /* "t3.balance", "t2.value", "x.carry", "prose.received" */
  char        *scope;       /* what the rule ran over: "natural", "review", a cell key */
  GkSeverity   severity;
  GStrv        cells;       /* keys of the cells involved, left side first */
  GStrv        missing;     /* keys of the operands that are missing (uncertain) */
  double       expected;    /* what the cells' identity says the value should be */
  double       actual;      /* what the report says */
  char        *formula;     /* the identity written out: "0+0+0+1 = 1 ≠ 0" */
  char        *message;     /* Chinese */
  char        *message_en;
  gint         other_year;  /* cross-year findings: the other report's year, else 0 */
  gboolean     blanks_as_zero_hold;  /* uncertain: only blank cells are missing, and
                                      * reading them as 0 makes the identity hold */
} GkFinding;

void       gk_finding_free          (GkFinding       *finding);
char      *gk_finding_dup_id        (const GkFinding *finding);

/* Every identity of one report; pure, re-run after each edit. Findings are
 * ordered errors first, then uncertain. */
GPtrArray *gk_check_report          (GkReport        *report);

/* Cross-year identities between the same agency's reports for year Y−1
 * (@previous) and Y (@current). */
GPtrArray *gk_check_pair            (GkReport        *previous,
                                     GkReport        *current);

/* Counts by severity, for badges. */
typedef struct
{
  guint errors;
  guint warnings;
  guint uncertain;
} GkFindingCounts;

GkFindingCounts gk_findings_count   (GPtrArray       *findings,
                                     const char      *prefix);
/* Findings about @table_key's cells: see gk_finding_get_table(). */
GkFindingCounts gk_findings_count_table (GPtrArray   *findings,
                                         const char  *table_key);
const char     *gk_finding_get_table (const GkFinding *finding);
void            gk_findings_sort    (GPtrArray       *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkFinding, gk_finding_free)

G_END_DECLS
