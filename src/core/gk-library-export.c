/* gk-library-export.c — the library's reports out, with edits applied
 *
 * One function for the command line and the window alike. The window runs it
 * in a thread on a connection of its own: SQLite in WAL mode lets a reader
 * work beside the writer, and the window's connection stays on its thread.
 * The reports are read in one read transaction, so an import or an edit by
 * another connection meanwhile is either wholly in the export or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-library-private.h"

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

/* Each report with its findings; a report is loaded once, though it is
 * also read as the year before of the next. */
static gboolean
collect_items (GkLibrary            *self,
               const GkReportQuery  *query,
               GCancellable         *cancellable,
               GPtrArray            *owned,
               GPtrArray            *items,
               GError              **error)
{
  g_autoptr(GPtrArray) reports = gk_library_list_reports (self, query, error);
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();
  g_autoptr(GHashTable) exported = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (reports == NULL)
    return FALSE;
  for (guint i = 0; i < reports->len; i++)
    g_hash_table_add (exported, &((GkReportSummary *) g_ptr_array_index (reports, i))->id);

  for (guint i = 0; i < reports->len; i++)
    {
      const GkReportSummary *summary = g_ptr_array_index (reports, i);
      g_autoptr(GPtrArray) findings = NULL;
      GkReport *report;
      OwnedItem *entry;
      gint64 previous_id = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report = gk_library_load_cached (self, cache, summary->id, error);
      if (report == NULL)
        return FALSE;
      findings = gk_library_collect_findings (self, summary->id, cache, FALSE, error);
      if (findings == NULL)
        return FALSE;
      /* a year before that is not exported was read for this report only:
       * an export of one year holds no more than that year */
      if (summary->year != 0
          && !gk_library_find_locked (self, summary->agency_id, summary->year - 1, &previous_id, error))
        return FALSE;
      if (previous_id != 0 && !g_hash_table_contains (exported, &previous_id))
        g_hash_table_remove (cache, &previous_id);

      entry = g_new0 (OwnedItem, 1);
      entry->file_name = g_strdup (summary->file_name);
      entry->item.report_id = summary->id;
      entry->item.file_name = entry->file_name;
      entry->item.report = gk_report_ref (report);
      entry->item.findings = g_steal_pointer (&findings);
      g_ptr_array_add (owned, entry);
      g_ptr_array_add (items, &entry->item);
    }
  return TRUE;
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
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail ((path == NULL) != (stream == NULL), FALSE);

  owned = g_ptr_array_new_with_free_func ((GDestroyNotify) owned_item_free);
  items = g_ptr_array_new ();

  /* the connection is ours until everything is read: its transaction is
   * one snapshot of the file (deferred: a reader takes no write lock) */
  locker = g_rec_mutex_locker_new (&self->lock);
  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !gk_library_exec (self, "BEGIN", error))
    return FALSE;
  ok = collect_items (self, query != NULL ? query : &all, cancellable, owned, items, error);
  if (own_transaction)
    {
      if (ok)
        ok = gk_library_commit (self, error);
      if (!ok)
        gk_library_rollback (self);
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (!ok)
    return FALSE;

  if (n_reports != NULL)
    *n_reports = items->len;
  if (path != NULL)
    return gk_export_to_file (items, format, options, path, cancellable, error);
  return gk_export_to_stream (items, format, options, stream, cancellable, error);
}
