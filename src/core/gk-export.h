/* gk-export.h — reports out of Gongkai: CSV (long and wide), JSON, XLSX, findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gk-report.h"

G_BEGIN_DECLS

typedef enum
{
  GK_EXPORT_CSV_LONG,      /* one row per cell */
  GK_EXPORT_CSV_WIDE,      /* one row per report, one column per cell key */
  GK_EXPORT_JSON,          /* reports with identity, tables, cells, findings */
  GK_EXPORT_XLSX,          /* one sheet per table (t2 2019, t2 2021, t3, t4), plus reports
                            * and findings sheets */
  GK_EXPORT_FINDINGS_CSV,  /* one row per finding */
} GkExportFormat;

typedef struct
{
  gboolean bom;            /* CSV: start with a UTF-8 BOM, so Excel reads it as UTF-8 */
} GkExportOptions;

/* One report to export. */
typedef struct
{
  gint64      report_id;   /* the library's id, or 0 */
  const char *file_name;   /* the source file's name */
  GkReport   *report;      /* cells with their edits */
  GPtrArray  *findings;    /* GkFinding *, may be NULL; dismissed ones already removed */
} GkExportItem;

gboolean     gk_export_to_stream          (GPtrArray             *items,   /* GkExportItem * */
                                           GkExportFormat         format,
                                           const GkExportOptions *options,
                                           GOutputStream         *stream,
                                           GCancellable          *cancellable,
                                           GError               **error);
/* XLSX needs a file; the other formats may go to a file too. Written to a
 * temporary file beside @path and renamed, so a failed export leaves no
 * half-written file. */
gboolean     gk_export_to_file            (GPtrArray             *items,
                                           GkExportFormat         format,
                                           const GkExportOptions *options,
                                           const char            *path,
                                           GCancellable          *cancellable,
                                           GError               **error);

gboolean     gk_export_format_from_string (const char            *string,   /* csv, csv-wide, json,
                                                                             * xlsx, findings */
                                           GkExportFormat        *format);
const char  *gk_export_format_to_string   (GkExportFormat         format);
const char  *gk_export_format_extension   (GkExportFormat         format);  /* "csv", "json", "xlsx" */

G_END_DECLS
