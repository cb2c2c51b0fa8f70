/* gk-report.h — one report: who published it for which year, its outline,
 * its table cells with their provenance, edits as overlays, and prose facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gk-document.h"
#include "gk-form.h"
#include "gk-text.h"

G_BEGIN_DECLS

typedef struct _GkOutline GkOutline;

typedef enum
{
  GK_REPORT_KIND_REPORT,       /* an annual report on the 2019 or 2021 form */
  GK_REPORT_KIND_LEGACY,       /* a pre-2019 annual report (一、概述 … 附指标统计表) */
  GK_REPORT_KIND_NOT_REPORT,   /* something else: a letter, a notice, a list page */
} GkReportKind;

typedef enum
{
  GK_TABLE_STATUS_FOUND,         /* read from the page */
  GK_TABLE_STATUS_NOT_PRESENT,   /* the page has no text for it (published as an image) */
  GK_TABLE_STATUS_NEEDS_REVIEW,  /* read, but some cells could not be told apart */
} GkTableStatus;

typedef enum
{
  GK_PROVENANCE_NONE,        /* not found in the page */
  GK_PROVENANCE_GRID,        /* a cell of a table grid */
  GK_PROVENANCE_TEXT,        /* a token of a text cell stream */
  GK_PROVENANCE_DIGIT_RUN,   /* in a row of fewer values than columns (digits run together, or
                              * values that cannot be placed): no value until reviewed */
} GkProvenanceKind;

typedef struct
{
  GkProvenanceKind kind;
  gint             block;       /* index of the document block, -1 for none */
  gint             row;         /* grid position, -1 for none */
  gint             col;
  gsize            src_start;   /* byte range in the source text */
  gsize            src_end;
  gsize            text_start;  /* byte range within the block's text, for a
                                 * token of a paragraph; 0, 0 otherwise */
  gsize            text_end;
} GkProvenance;

typedef struct
{
  char        *raw;          /* as printed; NULL when not found */
  GkNumber     parsed;       /* what the page says */
  GkProvenance provenance;

  /* The overlay: set when a researcher corrected the cell. The parsed value
   * is never overwritten. */
  char        *edit_raw;     /* NULL when not edited */
  GkNumber     edit;
  char        *edit_note;
  gint64       edit_time;    /* microseconds since the epoch */
} GkCell;

/* A split of digits run together that exactly one assignment satisfies. It is
 * offered, never applied. */
typedef struct
{
  char    *table;          /* "t3" */
  char    *run;            /* the digits as printed, e.g. "640020470" */
  GArray  *cells;          /* guint: cell indices the run covers */
  GArray  *values;         /* double: the proposed value of each */
  char    *proof;          /* why it is the only one, in Chinese */
  char    *proof_en;
} GkSuggestion;

typedef struct
{
  char   *id;              /* the prose check's id, e.g. "prose.received" */
  char   *cell;            /* the cell it speaks of, e.g. "t3.new.total", or NULL */
  char   *label;           /* 收到申请 */
  char   *label_en;
  double  value;
  char   *text;            /* the sentence fragment it came from */
  gsize   src_start;       /* byte range in the source text, when known */
  gsize   src_end;
} GkProseFact;

typedef struct
{
  GkTableStatus  status;
  char          *detail;      /* for a researcher: why it needs review, or where it was found */
  char          *detail_en;
  guint          n_found;     /* cells read from the page */
} GkReportTable;

typedef struct _GkReport GkReport;

struct _GkReport
{
  /*< private >*/
  gatomicrefcount     ref_count;

  /*< public, read-only except through the functions below >*/
  GkDocument         *document;    /* NULL for a report rebuilt from the library */
  GkReportKind        kind;
  char               *title;
  char               *agency;      /* the fullest name: 黄石市应急管理局, not 市应急管理局 */
  char               *agency_key;  /* groups one agency across years and scripts */
  gint                year;        /* the year reported on; 0 when unknown */
  char               *date;        /* publication date, YYYY-MM-DD, or NULL */
  GkFormVersion       version;
  GkOutline          *outline;     /* NULL for a report rebuilt from the library */

  const GkFormLayout *layout;      /* NULL when there is no form version */
  GkCell             *cells;       /* layout->n_cells of them */
  GkReportTable       tables[GK_FORM_N_TABLES];   /* t2, t3, t4 */
  GPtrArray          *prose_facts; /* GkProseFact * */
  GPtrArray          *suggestions; /* GkSuggestion * */
};

GkReport       *gk_report_new               (GkReportKind   kind,
                                             GkFormVersion  version);
GkReport       *gk_report_ref               (GkReport      *self);
void            gk_report_unref             (GkReport      *self);

void            gk_report_set_version       (GkReport      *self,
                                             GkFormVersion  version);
void            gk_report_set_document      (GkReport      *self,
                                             GkDocument    *document);
void            gk_report_set_outline       (GkReport      *self,
                                             GkOutline     *outline);

GkCell         *gk_report_get_cell          (GkReport      *self,
                                             const char    *key);
const GkNumber *gk_report_get_value         (GkReport      *self,
                                             guint          index);
gboolean        gk_report_cell_is_edited    (GkReport      *self,
                                             guint          index);

void            gk_report_set_parsed        (GkReport      *self,
                                             guint          index,
                                             const char    *raw,
                                             const GkProvenance *provenance);
void            gk_report_set_edit          (GkReport      *self,
                                             guint          index,
                                             const char    *raw,
                                             const char    *note,
                                             gint64         time);
void            gk_report_clear_edit        (GkReport      *self,
                                             guint          index);

GkReportTable  *gk_report_get_table         (GkReport      *self,
                                             const char    *table_key);
void            gk_report_add_prose_fact    (GkReport      *self,
                                             GkProseFact   *fact);
void            gk_report_add_suggestion    (GkReport      *self,
                                             GkSuggestion  *suggestion);

/* A chart metric for this report: NAN (a gap, never 0) when the version lacks
 * a cell or a value is missing, or the denominator is 0. */
double          gk_report_metric_value      (GkReport      *self,
                                             const GkFormMetric *metric);

void            gk_prose_fact_free          (GkProseFact   *fact);
void            gk_suggestion_free          (GkSuggestion  *suggestion);

const char     *gk_report_kind_to_string    (GkReportKind   kind);   /* "report", "legacy", "not-report" */
gboolean        gk_report_kind_from_string  (const char    *string,
                                             GkReportKind  *kind);
const char     *gk_table_status_to_string   (GkTableStatus  status); /* "found", "not-present", "needs-review" */
gboolean        gk_table_status_from_string (const char    *string,
                                             GkTableStatus *status);
const char     *gk_provenance_kind_to_string (GkProvenanceKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkReport, gk_report_unref)

G_END_DECLS
