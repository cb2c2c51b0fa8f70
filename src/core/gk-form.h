/* gk-form.h — the State Council's report form, declared once as data
 *
 * Every table, row, column, label variant, identity, prose check and chart
 * metric lives in gk-form.c. Extraction, checks, export columns, the grid the
 * window draws and the metrics the chart offers all read it: to add a row or
 * an identity, change that one file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GK_FORM_UNKNOWN,   /* no tables to judge by (tables missing), or not a report */
  GK_FORM_2019,      /* 国办公开办函〔2019〕60号: reports of 2019 and 2020 */
  GK_FORM_2021,      /* 国办公开办函〔2021〕30号: reports of 2021 onward */
  GK_FORM_LEGACY,    /* before 2019: no fixed form */
  GK_N_FORM_VERSIONS
} GkFormVersion;

#define GK_FORM_BIT(v)  (1u << (v))
#define GK_FORM_BOTH    (GK_FORM_BIT (GK_FORM_2019) | GK_FORM_BIT (GK_FORM_2021))

typedef enum
{
  GK_VALUE_CLASS_COUNT,    /* an integer ≥ 0 */
  GK_VALUE_CLASS_AMOUNT,   /* a decimal ≥ 0 (money) */
  GK_VALUE_CLASS_CHANGE,   /* an integer, may be negative (2019 本年增/减) */
} GkValueClass;

typedef enum
{
  GK_SEVERITY_ERROR,       /* an identity within one report fails */
  GK_SEVERITY_WARNING,     /* across years, or prose against table: scopes change */
  GK_SEVERITY_UNCERTAIN,   /* operands are missing: cannot tell */
} GkSeverity;

typedef struct
{
  const char         *key;          /* "natural" */
  const char         *label;        /* 自然人, as the form prints it */
  const char         *label_en;
  const char * const *match;        /* folded fragments that identify it in a header */
  GkValueClass        value_class;
  gboolean            optional;     /* read when a page has it, never expected */
  const char         *group;        /* the spanning column header above it, e.g.
                                     * 法人或其他组织; see GkFormTable.groups */
} GkFormColumn;

typedef struct
{
  const char          *key;         /* "granted" */
  const char          *label;       /* （一）予以公开 */
  const char          *label_en;
  const char          *group;       /* the spanning row header above it, e.g. （三）不予公开;
                                     * see GkFormTable.groups */
  const char          *block;       /* t2: 第二十条第（一）项 */
  const char * const  *match;       /* folded fragments; the longest match wins */
  guint                versions;    /* GK_FORM_BIT()s of the versions that have this row */
  const GkFormColumn  *columns;     /* the row's columns, NULL-key terminated */
} GkFormRow;

/* How the form draws a table. */
typedef enum
{
  GK_FORM_SHAPE_ROWS,     /* t3: a line per row; row headers nest by group at the left */
  GK_FORM_SHAPE_BLOCKS,   /* t2: rows in blocks (GkFormRow.block), each block with its
                           * own title line and header line (corner | columns) */
  GK_FORM_SHAPE_ACROSS,   /* t4: one line of cells; each row is a group of columns
                           * headed by its label */
} GkFormShape;

/* A spanning header the form prints above rows or columns. A row's or a
 * column's `group` names one by its label; a group may sit inside another. */
typedef struct
{
  const char          *label;       /* （三）不予公开 */
  const char          *label_en;
  const char          *parent;      /* the label of the group around it, or NULL */
} GkFormGroup;

/* The form's three tables, t2, t3 and t4, in this order everywhere a
 * report keeps something per table (GkReport.tables, the grids). */
#define GK_FORM_N_TABLES 3

typedef struct
{
  const char          *key;         /* "t3" */
  const char          *section;     /* "s3" */
  const char          *title;       /* 收到和处理政府信息公开申请情况 */
  const char          *title_en;
  const char * const  *anchors;     /* folded header texts that say "this table starts here" */
  const GkFormRow     *rows;        /* NULL-key terminated; union of both versions */
  GkFormShape          shape;
  const char          *corner;      /* the top-left header cell: t3's 勾稽 note, t2's 信息内容 */
  const char          *corner_en;
  const GkFormGroup   *groups;      /* NULL-label terminated, or NULL */
} GkFormTable;

typedef struct
{
  const char          *key;         /* "s3" */
  guint                number;      /* 3 */
  const char          *title;       /* 三、收到和处理政府信息公开申请情况 */
  const char          *title_en;
  const char * const  *match;       /* folded heading fragments, variants included */
  const char          *table;       /* "t3", or NULL */
} GkFormSection;

/* One cell of one version of the form, with its place in the flat layout. */
typedef struct
{
  guint               index;        /* position in GkFormLayout.cells */
  char               *key;          /* "t3.granted.natural" */
  const GkFormTable  *table;
  const GkFormRow    *row;
  const GkFormColumn *column;
  guint               table_index;  /* 0 = t2, 1 = t3, 2 = t4 */
} GkFormCell;

/* An identity, declared over cell-key templates. "%s" in a term stands for
 * each key of expand_keys in turn; a term whose cell a version lacks is left
 * out, so one declaration serves both versions. */
typedef struct
{
  const char  *cell;                /* "t3.new.%s" */
  gint8        sign;                /* +1 or -1 */
  gint8        year_offset;         /* 0: this report; -1: the previous year's */
} GkFormTerm;

#define GK_FORM_MAX_TERMS 24

typedef struct
{
  const char          *id;          /* "t3.balance" */
  GkSeverity           severity;    /* when it fails */
  const char * const  *expand_keys; /* what %s runs over */
  GkFormTerm           lhs[4];      /* terminated by a NULL cell */
  GkFormTerm           rhs[GK_FORM_MAX_TERMS];
  guint                versions;    /* versions of this report it applies to */
  guint                prev_versions; /* cross-year: versions of the previous report */
  const char          *text;        /* the identity in Chinese */
  const char          *text_en;
} GkFormIdentity;

/* A check of numbers stated in prose (一、总体情况) against a cell. The
 * pattern is a GRegex over folded prose; its first capture group is the
 * number. */
typedef struct
{
  const char  *id;                  /* "prose.received" */
  const char  *pattern;
  const char  *cell;                /* "t3.new.total"; several joined by '+' are
                                     * summed; NULL for a fact no cell holds */
  const char  *label;               /* 收到申请 */
  const char  *label_en;
  const char  *table;               /* for a fact no cell holds: the table it
                                     * speaks of ("t3"); NULL otherwise */
} GkFormProseCheck;

/* A figure the chart can draw: numerator / denominator × scale, each a sum
 * of cells. A report whose version lacks a cell, or whose cells are missing,
 * has no value (a gap, never 0). */
typedef struct
{
  const char  *key;                 /* "applications_received" */
  const char  *label;               /* 收到申请数 */
  const char  *label_en;
  const char  *unit;                /* 件, 万元, % */
  const char  *unit_en;
  const char * const *numerator;    /* cell keys, summed */
  const char * const *denominator;  /* cell keys, summed; NULL for none */
  double       scale;               /* 100 for a percentage */
  guint        versions;
} GkFormMetric;

/* The cells of one version, flattened, with identities compiled to cell
 * indices so a check is a few array reads. */
typedef struct _GkFormLayout GkFormLayout;

typedef struct
{
  const GkFormIdentity *def;
  char                 *scope;      /* the key %s took: "natural", "granted", … */
  guint                 n_lhs;
  guint                 n_rhs;
  guint                 lhs[4];     /* cell indices in the layout */
  gint8                 lhs_sign[4];
  guint                 rhs[GK_FORM_MAX_TERMS];
  gint8                 rhs_sign[GK_FORM_MAX_TERMS];
} GkFormIdentityInstance;

struct _GkFormLayout
{
  GkFormVersion            version;
  guint                    n_cells;
  GkFormCell              *cells;
  GHashTable              *by_key;      /* key → GkFormCell * */
  GHashTable              *by_row;      /* GkFormRow * → index of its first cell */
  guint                    n_identities;
  GkFormIdentityInstance  *identities;  /* within-report ones; cross-year identities
                                         * are matched by key, since the two reports
                                         * may use different versions */
};

const GkFormSection    *gk_form_get_sections       (guint         *n_sections);
const GkFormTable      *gk_form_get_tables         (guint         *n_tables);
const GkFormTable      *gk_form_get_table          (const char    *key);
const char             *gk_form_table_key          (guint          table_index);
int                     gk_form_table_index        (const char    *key);
const GkFormIdentity   *gk_form_get_identities     (guint         *n_identities);
const GkFormIdentity   *gk_form_get_cross_identities (guint       *n_identities);
const GkFormProseCheck *gk_form_get_prose_checks   (guint         *n_checks);
const GkFormMetric     *gk_form_get_metrics        (guint         *n_metrics);
const GkFormMetric     *gk_form_get_metric         (const char    *key);

/* NULL for GK_FORM_UNKNOWN and GK_FORM_LEGACY, which have no tables. */
const GkFormLayout     *gk_form_get_layout         (GkFormVersion  version);
const GkFormCell       *gk_form_layout_lookup      (const GkFormLayout *layout,
                                                    const char    *key);
const GkFormCell       *gk_form_layout_find        (const GkFormLayout *layout,
                                                    const GkFormRow    *row,
                                                    const GkFormColumn *column);
gboolean                gk_form_row_in_version     (const GkFormRow *row,
                                                    GkFormVersion  version);
/* The group of @table labelled @label, or NULL. */
const GkFormGroup      *gk_form_table_get_group    (const GkFormTable *table,
                                                    const char    *label);
/* The table a prose fact speaks of: its cell's, else its check's; or NULL. */
const char             *gk_form_prose_fact_table   (const char    *check_id,
                                                    const char    *cell);

/* @match with, for each fragment, the form a traditional copy of the page
 * folds to when it differs; cached for the life of the process. */
const char * const     *gk_form_match_variants     (const char * const *match);

const char             *gk_form_version_to_string  (GkFormVersion  version);  /* "2019", … */
gboolean                gk_form_version_from_string (const char   *string,
                                                    GkFormVersion *version);
const char             *gk_severity_to_string      (GkSeverity     severity);

G_END_DECLS
