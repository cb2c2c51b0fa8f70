/* gk-library.h — every report, its source and each correction, kept in one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gk-check.h"
#include "gk-export.h"
#include "gk-report.h"
#include "gk-series.h"

G_BEGIN_DECLS

#define GK_LIBRARY_ERROR (gk_library_error_quark ())

typedef enum
{
  GK_LIBRARY_ERROR_OPEN,          /* cannot create or open the file */
  GK_LIBRARY_ERROR_CORRUPT,       /* not a Gongkai library, or damaged */
  GK_LIBRARY_ERROR_LOCKED,        /* another process holds it */
  GK_LIBRARY_ERROR_NEWER_SCHEMA,  /* written by a newer Gongkai: never touched */
  GK_LIBRARY_ERROR_NOT_FOUND,     /* no such report, agency or edit */
  GK_LIBRARY_ERROR_FAILED,        /* any other SQLite failure; the message says which */
} GkLibraryError;

/* A row of the report list: what the sidebar shows, without loading cells. */
typedef struct
{
  gint64         id;
  gint64         agency_id;
  char          *agency;         /* the agency's canonical name */
  char          *region;         /* the leading province or city of the name, for search */
  gint           year;           /* 0 when unknown */
  char          *date;
  GkFormVersion  version;
  GkReportKind   kind;
  char          *file_name;
  guint          errors;         /* counts from the last check, cross-year ones included,
                                  * dismissed findings excluded */
  guint          warnings;
  guint          uncertain;
  gboolean       edited;         /* has at least one active edit */
  gboolean       missing_tables; /* a table is not present in the page */
  gboolean       needs_review;   /* a table needs review (digits run together) */
  gboolean       possible_duplicate; /* another source for the same agency and year */
} GkReportSummary;

typedef enum
{
  GK_REPORT_FILTER_NONE           = 0,
  GK_REPORT_FILTER_ERRORS         = 1 << 0,
  GK_REPORT_FILTER_UNCERTAIN      = 1 << 1,
  GK_REPORT_FILTER_EDITED         = 1 << 2,
  GK_REPORT_FILTER_MISSING_TABLES = 1 << 3,
} GkReportFilter;

typedef enum
{
  GK_REPORT_ORDER_AGENCY_YEAR,   /* agency, then year */
  GK_REPORT_ORDER_YEAR_AGENCY,   /* year (newest first), then agency */
} GkReportOrder;

typedef struct
{
  const char     *text;       /* matches agency name, alias or region; NULL for all */
  gint64          agency_id;  /* 0 for all */
  gint            year;       /* 0 for all */
  GkReportFilter  filters;    /* all given flags must hold */
  GkReportOrder   order;
} GkReportQuery;

typedef struct
{
  gint64  id;
  char   *name;       /* canonical */
  char   *key;
  GStrv   aliases;    /* other names it was found under */
  guint   n_reports;
} GkAgency;

typedef enum
{
  GK_IMPORT_IMPORTED,
  GK_IMPORT_DUPLICATE,            /* the same bytes are already in the library */
  GK_IMPORT_POSSIBLE_DUPLICATE,   /* imported; another source has its agency and year */
  GK_IMPORT_SKIPPED,              /* hidden, or not a report page (e.g. an image folder) */
  GK_IMPORT_REFUSED,              /* could not be read: the reason says why */
} GkImportOutcome;

typedef struct
{
  char            *path;
  GkImportOutcome  outcome;
  char            *reason;        /* for skipped and refused files; names the file */
  gint64           report_id;     /* for imported ones and duplicates, else 0 */
} GkImportResult;

typedef struct
{
  guint      imported;            /* new reports, possible duplicates included */
  guint      duplicates;
  guint      possible_duplicates;
  guint      skipped;
  guint      refused;
  gboolean   cancelled;
  GPtrArray *results;             /* GkImportResult *, in input order */
} GkImportSummary;

/* Called on the thread that started the import, through its main context. */
typedef void (*GkImportProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

/* Signals, emitted on the thread that made the change:
 *   "report-changed" (gint64 report_id): cells, edits, dismissals or identity changed;
 *   "reports-changed" (): reports were added, merged or re-extracted;
 *   "history-changed" (): what undo and redo can do changed.
 * During gk_library_import_async(), "reports-changed" comes on the caller's
 * main context after committed chunks (at most once a second) and at the end.
 * Read-only properties: "path", "can-undo", "can-redo" (notified with
 * "history-changed"). */
#define GK_TYPE_LIBRARY (gk_library_get_type ())

G_DECLARE_FINAL_TYPE (GkLibrary, gk_library, GK, LIBRARY, GObject)

GQuark            gk_library_error_quark        (void);

/* $GONGKAI_LIBRARY, else $XDG_DATA_HOME/gongkai/library.sqlite (inside a
 * Flatpak, XDG_DATA_HOME is the app's own data folder). */
char             *gk_library_default_path       (void);

GkLibrary        *gk_library_open               (const char       *path,
                                                 GError          **error);
const char       *gk_library_get_path           (GkLibrary        *self);
gint              gk_library_get_schema_version (GkLibrary        *self);

/* ─── Reports ─── */
GPtrArray        *gk_library_list_reports       (GkLibrary        *self,
                                                 const GkReportQuery *query,
                                                 GError          **error);   /* GkReportSummary * */
GkReportSummary  *gk_library_get_summary        (GkLibrary        *self,
                                                 gint64            report_id,
                                                 GError          **error);
guint             gk_library_count_reports      (GkLibrary        *self);
/* Cells with their edits, prose facts and suggestions; no document. */
GkReport         *gk_library_load_report        (GkLibrary        *self,
                                                 gint64            report_id,
                                                 GError          **error);
/* The page again, from the stored bytes: for the source pane. */
GkDocument       *gk_library_load_document      (GkLibrary        *self,
                                                 gint64            report_id,
                                                 GError          **error);
GBytes           *gk_library_load_source        (GkLibrary        *self,
                                                 gint64            report_id,
                                                 char            **file_name,
                                                 char            **original_path,
                                                 GError          **error);
/* Every finding of a report: its own, and the cross-year ones against the
 * same agency's neighbouring years. Dismissed findings are left out unless
 * @with_dismissed. */
GPtrArray        *gk_library_check_report       (GkLibrary        *self,
                                                 gint64            report_id,
                                                 gboolean          with_dismissed,
                                                 GError          **error);   /* GkFinding * */
/* The report of the same agency for @year, or 0. */
gint64            gk_library_find_report        (GkLibrary        *self,
                                                 gint64            agency_id,
                                                 gint              year);

/* ─── Import ─── */
/* Folders are walked recursively; hidden files, images, style sheets, the
 * _files folders of saved pages and pages that are not annual reports are
 * skipped, with the reason. Files named in @paths are always read. */
GkImportSummary  *gk_library_import             (GkLibrary        *self,
                                                 const char * const *paths,
                                                 GCancellable     *cancellable,
                                                 GkImportProgress  progress,
                                                 gpointer          user_data,
                                                 GError          **error);
void              gk_library_import_async       (GkLibrary        *self,
                                                 const char * const *paths,
                                                 GCancellable     *cancellable,
                                                 GkImportProgress  progress,
                                                 gpointer          user_data,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          callback_data);
GkImportSummary  *gk_library_import_finish      (GkLibrary        *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

/* ─── Corrections: each written at once, in its own transaction ─── */
gboolean          gk_library_set_edit           (GkLibrary        *self,
                                                 gint64            report_id,
                                                 const char       *cell_key,
                                                 const char       *raw,     /* NULL clears */
                                                 const char       *note,
                                                 GError          **error);
gboolean          gk_library_dismiss_finding    (GkLibrary        *self,
                                                 gint64            report_id,
                                                 const char       *finding_id,
                                                 const char       *reason,
                                                 GError          **error);
gboolean          gk_library_restore_finding    (GkLibrary        *self,
                                                 gint64            report_id,
                                                 const char       *finding_id,
                                                 GError          **error);
GHashTable       *gk_library_list_dismissed     (GkLibrary        *self,
                                                 gint64            report_id,
                                                 GError          **error);   /* finding id → reason */
gboolean          gk_library_set_identity       (GkLibrary        *self,
                                                 gint64            report_id,
                                                 const char       *agency,  /* NULL: keep */
                                                 gint              year,    /* 0: keep */
                                                 GkFormVersion     version, /* UNKNOWN: keep */
                                                 GError          **error);
/* Every correction, agency rename and merge is one step of one journal,
 * kept in the file: undo takes back the latest step whatever its kind, redo
 * does the earliest undone one again, and both emit "history-changed". They
 * return the report the step touched (for a rename or merge, the agency's
 * first report), or 0 when there was no step or the agency has no report. */
gboolean          gk_library_can_undo           (GkLibrary        *self);
gboolean          gk_library_can_redo           (GkLibrary        *self);
gint64            gk_library_undo               (GkLibrary        *self,
                                                 GError          **error);
gint64            gk_library_redo               (GkLibrary        *self,
                                                 GError          **error);

/* ─── Agencies ─── */
GPtrArray        *gk_library_list_agencies      (GkLibrary        *self,
                                                 GError          **error);   /* GkAgency * */
/* The old name stays, as an alias. One step of the journal. */
gboolean          gk_library_rename_agency      (GkLibrary        *self,
                                                 gint64            agency_id,
                                                 const char       *name,
                                                 GError          **error);
/* @merged's reports and names move to @kept; @merged's name becomes an alias,
 * and @kept's reports are checked again across years. One step of the
 * journal: undo gives @merged back its id, names and reports. */
gboolean          gk_library_merge_agencies     (GkLibrary        *self,
                                                 gint64            kept,
                                                 gint64            merged,
                                                 GError          **error);

/* ─── Re-extraction: cells derived again from stored sources ─── */
gboolean          gk_library_needs_reextraction (GkLibrary        *self);
/* Edits are applied again by cell key; returns the keys of edits whose cell
 * no longer exists, as "report_id:cell_key" (kept, never dropped). */
GPtrArray        *gk_library_reextract          (GkLibrary        *self,
                                                 GCancellable     *cancellable,
                                                 GkImportProgress  progress,
                                                 gpointer          user_data,
                                                 GError          **error);
/* In a thread; progress and "reports-changed" come on the caller's context. */
void              gk_library_reextract_async    (GkLibrary        *self,
                                                 GCancellable     *cancellable,
                                                 GkImportProgress  progress,
                                                 gpointer          user_data,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          callback_data);
GPtrArray        *gk_library_reextract_finish   (GkLibrary        *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

/* ─── Export: the reports @query selects (NULL: all), edits applied, to
 * @path or to @stream (exactly one of them). They are read in one read
 * transaction, a snapshot of the file, during which the connection serves
 * nothing else: from a thread, give it a connection of its own. ─── */
gboolean          gk_library_export             (GkLibrary        *self,
                                                 const GkReportQuery *query,
                                                 GkExportFormat    format,
                                                 const GkExportOptions *options,
                                                 const char       *path,
                                                 GOutputStream    *stream,
                                                 GCancellable     *cancellable,
                                                 guint            *n_reports,
                                                 GError          **error);

/* ─── Charts ─── */
GkSeriesSet      *gk_library_build_series       (GkLibrary        *self,
                                                 const char       *metric_key,
                                                 const gint64     *agency_ids,
                                                 guint             n_agencies,
                                                 GError          **error);

void              gk_report_summary_free        (GkReportSummary  *summary);
void              gk_agency_free                (GkAgency         *agency);
void              gk_import_summary_free        (GkImportSummary  *summary);
const char       *gk_import_outcome_to_string   (GkImportOutcome   outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkReportSummary, gk_report_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkAgency, gk_agency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkImportSummary, gk_import_summary_free)

G_END_DECLS
