/* gk-library-private.h — what the files of GkLibrary share: the connection,
 * cached statements, and the helpers that read and write reports
 *
 * GkLibrary is split across files:
 *   gk-library.c         the object, opening, the report list, loading, checks
 *   gk-library-schema.c  the schema, its migrations and the form's cells
 *   gk-library-edit.c    edits, dismissals, identity overrides, undo and redo, agencies
 *   gk-library-import.c  import and re-extraction: a worker pool and one writer
 *   gk-library-series.c  chart series, by SQL over the effective cell values
 *   gk-library-export.c  export, read in one snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "gk-library.h"

G_BEGIN_DECLS

/* The version of the schema this build writes; PRAGMA user_version. */
#define GK_LIBRARY_SCHEMA_VERSION 2

/* PRAGMA application_id: "GkLb", so a stray SQLite file is told apart. */
#define GK_LIBRARY_APPLICATION_ID 0x476B4C62

struct _GkLibrary
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  gint        schema_version;

  /* One connection, one writer: every use of db and of the cached
   * statements holds this lock. Import workers never touch db. */
  GRecMutex   lock;
  GHashTable *statements;   /* SQL text → sqlite3_stmt * */
};

/* ─── Signals, for the other files ─── */
void          gk_library_emit_report_changed  (GkLibrary    *self,
                                               gint64        report_id);
void          gk_library_emit_reports_changed (GkLibrary    *self);
void          gk_library_emit_history_changed (GkLibrary    *self);

/* ─── SQLite helpers: call with the lock held ─── */
sqlite3_stmt *gk_library_statement     (GkLibrary     *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      gk_library_exec          (GkLibrary     *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      gk_library_step_done     (GkLibrary     *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
void          gk_library_set_error     (GkLibrary     *self,
                                        GError       **error,
                                        const char    *what);
/* For a statement whose rows were read in a loop: TRUE when it ran to the
 * end; otherwise @error says why, and what was read is incomplete. */
gboolean      gk_library_rows_done     (GkLibrary     *self,
                                        int            rc,
                                        GError       **error,
                                        const char    *what);
void          gk_library_set_not_found (GkLibrary     *self,
                                        GError       **error,
                                        gint64         report_id);
/* Binds @report_id to @stmt's one parameter and steps to its row: TRUE, the
 * caller reads it and resets. FALSE, with the statement reset, when there is
 * no such report (GK_LIBRARY_ERROR_NOT_FOUND) or the read fails (@what). */
gboolean      gk_library_step_report   (GkLibrary     *self,
                                        sqlite3_stmt  *stmt,
                                        gint64         report_id,
                                        GError       **error,
                                        const char    *what);
gboolean      gk_library_begin         (GkLibrary     *self,
                                        GError       **error);
gboolean      gk_library_commit        (GkLibrary     *self,
                                        GError       **error);
void          gk_library_rollback      (GkLibrary     *self);
gint64        gk_library_query_int     (GkLibrary     *self,
                                        const char    *sql,
                                        gint64         fallback);

void          gk_library_bind_text     (sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *text);
void          gk_library_bind_id       (sqlite3_stmt  *stmt,
                                        int            index,
                                        gint64         id);
char         *gk_library_column_dup    (sqlite3_stmt  *stmt,
                                        int            column);

/* A source's bytes as stored: zlib format (RFC 1950), so any zlib reader,
 * e.g. Python's zlib.decompress, gets the page back. */
GBytes       *gk_library_compress      (GBytes        *bytes,
                                        GError       **error);
GBytes       *gk_library_decompress    (gconstpointer  data,
                                        gsize          size,
                                        GError       **error);

/* ISO 8601 in UTC with microseconds, and back. */
char         *gk_library_format_time   (gint64         microseconds);
gint64        gk_library_parse_time    (const char    *text);

/* ─── Schema (gk-library-schema.c) ─── */
/* Checks the file is a Gongkai library this build can use, creates or
 * migrates it, and refreshes the form's cells. */
gboolean      gk_library_schema_prepare (GkLibrary    *self,
                                         GError      **error);

/* ─── Agencies and identity (gk-library-edit.c) ─── */
/* The agency a name belongs to, by gk_agency_key(), created when new; 0 for
 * an empty name. */
gint64        gk_library_resolve_agency (GkLibrary    *self,
                                         const char   *name,
                                         GError      **error);
/* Sets reports.agency_id, year and version from what was extracted and the
 * researcher's override. */
gboolean      gk_library_apply_identity (GkLibrary    *self,
                                         gint64        report_id,
                                         GError      **error);
char         *gk_library_region_of      (const char   *name);

/* ─── Reports (gk-library.c) ─── */
/* Writes what was derived from a report's source: its tables, cells, prose
 * facts and suggestions (replacing earlier ones). */
gboolean      gk_library_write_derived  (GkLibrary    *self,
                                         gint64        report_id,
                                         GkReport     *report,
                                         GError      **error);
GkReport     *gk_library_load_locked    (GkLibrary    *self,
                                         gint64        report_id,
                                         GError      **error);
/* The report of (@agency_id, @year) others are compared with, or 0. */
gboolean      gk_library_find_locked    (GkLibrary    *self,
                                         gint64        agency_id,
                                         gint          year,
                                         gint64       *report_id,
                                         GError      **error);

/* Where a report sits among the others: what its cross-year checks read. */
typedef struct
{
  gint64       agency_id;   /* 0 when unknown */
  gint         year;        /* 0 when unknown */
  GkReportKind kind;
} GkLibraryPlace;

gboolean      gk_library_report_place   (GkLibrary      *self,
                                         gint64          report_id,
                                         GkLibraryPlace *place,
                                         GError        **error);
/* Whether another source has the report's agency and year. */
gboolean      gk_library_is_possible_duplicate (GkLibrary *self,
                                                gint64     report_id,
                                                gboolean  *possible_duplicate,
                                                GError   **error);

/* @cache maps report ids to loaded reports (GkReport *) for the length of
 * one operation, so a report is loaded once however often it is read. */
GHashTable   *gk_library_report_cache_new (void);
/* The report, from @cache or loaded into it; @cache keeps the reference. */
GkReport     *gk_library_load_cached      (GkLibrary  *self,
                                           GHashTable *cache,
                                           gint64      report_id,
                                           GError    **error);
/* A report's own findings and those against the same agency's previous
 * year, errors first; dismissed ones left out unless @with_dismissed. */
GPtrArray    *gk_library_collect_findings (GkLibrary  *self,
                                           gint64      report_id,
                                           GHashTable *cache,
                                           gboolean    with_dismissed,
                                           GError    **error);

/* Cached finding counts. The reports whose counts read @report_id are
 * itself and the same agency's reports of the next year: where it is now,
 * and where it was before a change (@before; NULL for a new report). They
 * are appended to @ids (gint64), each once. */
gboolean      gk_library_add_dependents   (GkLibrary            *self,
                                           gint64                report_id,
                                           const GkLibraryPlace *before,
                                           GArray               *ids,
                                           GError              **error);
gboolean      gk_library_refresh_counts   (GkLibrary  *self,
                                           gint64      report_id,
                                           GHashTable *cache,
                                           GError    **error);
/* The counts of every report in @ids, each once. */
gboolean      gk_library_refresh_reports  (GkLibrary  *self,
                                           GArray     *ids,
                                           GHashTable *cache,
                                           GError    **error);

GkImportSummary *gk_import_summary_new   (void);

G_END_DECLS
