/* gk-library-export.c — the library's reports out, with edits applied
 *
 * One function for the command line and the window alike. The window runs it
 * in a thread on a connection of its own: SQLite in WAL mode lets a reader
 * work beside the writer, and the window's connection stays on its thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-library.h"

typedef struct
{
  GkExportItem  item;
  char         *file_name;
} OwnedItem;

static void
owned_item_free (OwnedItem *owned)
{
  g_clear_pointer (&owned->item.report, gk_report_unref);
  g_clear_pointer (&owned->item.findings, g_ptr_array_unref);
  g_free (owned->file_name);
  g_free (owned);
}

gboolean
gk_library_export (GkLibrary              *self,
                   const GkReportQuery    *query,
                   GkExportFormat          format,
                   const GkExportOptions  *options,
                   const char             *path,
                   GOutputStream          *stream,
                   GCancellable           *cancellable,
                   guint                  *n_reports,
                   GError                **error)
{
  GkReportQuery all = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail ((path == NULL) != (stream == NULL), FALSE);

  reports = gk_library_list_reports (self, query != NULL ? query : &all, error);
  if (reports == NULL)
    return FALSE;

  owned = g_ptr_array_new_with_free_func ((GDestroyNotify) owned_item_free);
  items = g_ptr_array_new ();
  for (guint i = 0; i < reports->len; i++)
    {
      const GkReportSummary *summary = g_ptr_array_index (reports, i);
      OwnedItem *entry = g_new0 (OwnedItem, 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_ptr_array_add (owned, entry);
      entry->file_name = g_strdup (summary->file_name);
      entry->item.report_id = summary->id;
      entry->item.file_name = entry->file_name;
      entry->item.report = gk_library_load_report (self, summary->id, error);
      if (entry->item.report == NULL)
        return FALSE;
      entry->item.findings = gk_library_check_report (self, summary->id, FALSE, error);
      if (entry->item.findings == NULL)
        return FALSE;
      g_ptr_array_add (items, &entry->item);
    }

  if (n_reports != NULL)
    *n_reports = items->len;
  if (path != NULL)
    return gk_export_to_file (items, format, options, path, cancellable, error);
  return gk_export_to_stream (items, format, options, stream, cancellable, error);
}
