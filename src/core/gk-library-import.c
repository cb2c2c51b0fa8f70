/* gk-library-import.c — import and re-extraction: a worker pool reads and
 * parses, one writer stores
 *
 * Workers (a GThreadPool, one per core) read a file, decode and extract it,
 * and compress its bytes; they never touch the database. The writer (the
 * calling thread, or the GTask thread of the async variant) takes their
 * results in input order and writes them, a chunk of reports per
 * transaction, so a crash loses at most the chunk being written and never
 * leaves half a report. A file that fails is recorded and the rest go on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-extract.h"
#include "gk-library-private.h"

/* Reports per transaction. */
#define CHUNK_SIZE 64
/* Files read ahead of the writer: bounds the memory parsed reports hold. */
#define WINDOW_SIZE (4 * CHUNK_SIZE)
/* Progress callbacks and list signals, at most this often (µs). */
#define PROGRESS_INTERVAL (100 * 1000)
#define SIGNAL_INTERVAL (G_USEC_PER_SEC)

/* ─── Compression ──────────────────────────────────────────────────────── */

static GBytes *
convert_all (GConverter    *converter,
             const guint8  *data,
             gsize          size,
             GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (size / 3 + 64);
  guint8 buffer[64 * 1024];
  gsize in_pos = 0;

  for (;;)
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result = g_converter_convert (converter, data + in_pos, size - in_pos,
                                                     buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                                     &bytes_read, &bytes_written, error);

      if (result == G_CONVERTER_ERROR)
        return NULL;
      in_pos += bytes_read;
      g_byte_array_append (out, buffer, (guint) bytes_written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
gk_library_compress (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, -1);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return convert_all (G_CONVERTER (compressor), data, size, error);
}

GBytes *
gk_library_decompress (gconstpointer   data,
                       gsize           size,
                       GError        **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);

  return convert_all (G_CONVERTER (decompressor), data, size, error);
}

/* ─── Jobs ─────────────────────────────────────────────────────────────── */

typedef struct
{
  /* input */
  char            *path;          /* a file to import */
  gint64           report_id;     /* a report to derive again; for an import, the one written */
  char            *file_name;
  GBytes          *stored;        /* its compressed bytes, loaded just before it is queued */
  gboolean         in_folder;     /* found in a folder, not named by the user */

  /* output, written by the worker */
  GkImportOutcome  outcome;
  char            *reason;
  gboolean         cancelled;
  GkReport        *report;
  char            *sha256;
  char            *source_kind;
  char            *charset;
  char            *charset_origin;
  char            *warnings;
  gsize            size;
  GBytes          *compressed;

  /* the writer's own */
  gboolean         popped;
  gboolean         possible_duplicate;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->file_name);
  g_clear_pointer (&job->stored, g_bytes_unref);
  g_free (job->reason);
  g_clear_pointer (&job->report, gk_report_unref);
  g_free (job->sha256);
  g_free (job->source_kind);
  g_free (job->charset);
  g_free (job->charset_origin);
  g_free (job->warnings);
  g_clear_pointer (&job->compressed, g_bytes_unref);
  g_free (job);
}

static Job *
job_new_skipped (const char *path,
                 char       *reason)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  job->outcome = GK_IMPORT_SKIPPED;
  job->reason = reason;
  return job;
}

typedef struct _Run Run;

/* A report written in the open transaction, and where it was before (for
 * re-extraction), whose next year's counts read it too. */
typedef struct
{
  gint64          report_id;
  gboolean        existed;
  GkLibraryPlace  before;
} ChunkReport;

typedef gboolean (*WriteJob)   (Run      *run,
                                Job      *job,
                                GError  **error);
typedef void     (*PrepareJob) (Run      *run,
                                Job      *job);

struct _Run
{
  GkLibrary        *self;
  GPtrArray        *jobs;            /* Job *, in input order */
  GCancellable     *cancellable;
  GkImportProgress  progress;
  gpointer          progress_data;
  GMainContext     *context;         /* the caller's, for the async variant; NULL: call directly */
  PrepareJob        prepare;
  WriteJob          write;
  GHashTable       *known_sha256;    /* read-only while workers run */
  GAsyncQueue      *finished;        /* Job *, as workers finish them */

  GArray           *chunk_reports;   /* ChunkReport: written in the open transaction */
  GHashTable       *cache;           /* report id → GkReport, for this chunk's checks */
  gboolean          in_transaction;
  guint             done;
  gint64            last_progress;
  gint64            last_signal;
  gboolean          signal_pending;

  GkImportSummary  *summary;         /* import */
  GPtrArray        *orphans;         /* re-extraction: "report_id:cell_key" */
};

/* ─── Workers ──────────────────────────────────────────────────────────── */

static char *
join_warnings (GPtrArray *warnings)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (warnings, i));
  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

static void
work (gpointer data,
      gpointer user_data)
{
  Job *job = data;
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = NULL;
  g_autoptr(GkDocument) document = NULL;

  /* decided when the folders were walked */
  if (job->outcome == GK_IMPORT_SKIPPED || job->outcome == GK_IMPORT_REFUSED)
    goto finished;
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      job->cancelled = TRUE;
      goto finished;
    }

  if (job->stored != NULL)
    {
      g_autoptr(GBytes) bytes = gk_library_decompress (g_bytes_get_data (job->stored, NULL),
                                                       g_bytes_get_size (job->stored), &error);
      if (bytes != NULL)
        source = gk_source_new_from_bytes (job->file_name, bytes, &error);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (job->path);
      source = gk_source_new_from_file (file, run->cancellable, &error);
    }
  if (source == NULL)
    {
      job->outcome = GK_IMPORT_REFUSED;
      job->reason = g_strdup (error->message);
      goto finished;
    }

  job->sha256 = g_strdup (source->sha256);
  if (job->stored == NULL && run->known_sha256 != NULL
      && g_hash_table_contains (run->known_sha256, source->sha256))
    {
      job->outcome = GK_IMPORT_DUPLICATE;
      goto finished;
    }

  document = gk_document_new_from_source (source);
  job->report = gk_extract_report (document);
  /* a folder of saved pages often holds other things: notes, letters, lists */
  if (job->in_folder && job->report->kind == GK_REPORT_KIND_NOT_REPORT)
    {
      job->outcome = GK_IMPORT_SKIPPED;
      job->reason = g_strdup_printf ("“%s” is not an annual report: it has no report title or form sections",
                                     source->name);
      g_clear_pointer (&job->report, gk_report_unref);
      goto finished;
    }
  /* what the library keeps of the page is its bytes: the document and the
   * outline are rebuilt from them when asked for */
  gk_report_set_document (job->report, NULL);
  gk_report_set_outline (job->report, NULL);
  job->source_kind = g_strdup (gk_source_kind_to_string (source->kind));
  job->charset = g_strdup (source->charset);
  job->charset_origin = g_strdup (gk_charset_origin_to_string (source->charset_origin));
  job->warnings = join_warnings (source->warnings);
  job->size = g_bytes_get_size (source->bytes);
  job->file_name = job->file_name != NULL ? job->file_name : g_strdup (source->name);
  if (job->stored == NULL)
    {
      job->compressed = gk_library_compress (source->bytes, &error);
      if (job->compressed == NULL)
        {
          job->outcome = GK_IMPORT_REFUSED;
          job->reason = g_strdup_printf ("“%s” could not be compressed: %s", source->name, error->message);
          g_clear_pointer (&job->report, gk_report_unref);
          goto finished;
        }
    }
  job->outcome = GK_IMPORT_IMPORTED;

finished:
  g_async_queue_push (run->finished, job);
}

/* ─── The writer ───────────────────────────────────────────────────────── */

typedef struct
{
  GkImportProgress progress;
  gpointer         data;
  guint            done;
  guint            total;
} ProgressCall;

/* Not g_main_context_invoke(): from a thread whose default context is the
 * caller's, that may run the function right there, on the wrong thread. */
static void
run_on_context (GMainContext   *context,
                GSourceFunc     function,
                gpointer        data,
                GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, function, data, destroy);
  g_source_attach (source, context);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->done, call->total, call->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Run      *run,
                 gboolean  force)
{
  gint64 now = g_get_monotonic_time ();
  ProgressCall *call;

  if (run->progress == NULL || (!force && now - run->last_progress < PROGRESS_INTERVAL))
    return;
  run->last_progress = now;
  if (run->context == NULL)
    {
      run->progress (run->done, run->jobs->len, run->progress_data);
      return;
    }
  call = g_new (ProgressCall, 1);
  *call = (ProgressCall) { run->progress, run->progress_data, run->done, run->jobs->len };
  run_on_context (run->context, deliver_progress, call, g_free);
}

static gboolean
deliver_reports_changed (gpointer data)
{
  gk_library_emit_reports_changed (GK_LIBRARY (data));
  return G_SOURCE_REMOVE;
}

/* "reports-changed" after a chunk, at most once a second, and once at the
 * end; on the caller's thread. */
static void
signal_reports_changed (Run      *run,
                        gboolean  force)
{
  gint64 now = g_get_monotonic_time ();

  if (!run->signal_pending || (!force && now - run->last_signal < SIGNAL_INTERVAL))
    return;
  run->signal_pending = FALSE;
  run->last_signal = now;
  if (run->context == NULL)
    gk_library_emit_reports_changed (run->self);
  else
    run_on_context (run->context, deliver_reports_changed, g_object_ref (run->self), g_object_unref);
}

/* The chunk's reports and those whose cross-year checks read them get their
 * counts, then the chunk is committed. */
static gboolean
finish_chunk (Run     *run,
              GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < run->chunk_reports->len; i++)
    {
      const ChunkReport *written = &g_array_index (run->chunk_reports, ChunkReport, i);

      if (!gk_library_add_dependents (run->self, written->report_id,
                                      written->existed ? &written->before : NULL, ids, error))
        return FALSE;
    }
  if (!gk_library_refresh_reports (run->self, ids, run->cache, error)
      || !gk_library_commit (run->self, error))
    return FALSE;
  run->signal_pending |= run->chunk_reports->len > 0;
  g_array_set_size (run->chunk_reports, 0);
  g_hash_table_remove_all (run->cache);
  return TRUE;
}

static guint
push_more (Run         *run,
           GThreadPool *pool,
           guint        next_push,
           guint        next_write)
{
  while (next_push < run->jobs->len && next_push - next_write < WINDOW_SIZE)
    {
      Job *job = g_ptr_array_index (run->jobs, next_push++);

      if (run->prepare != NULL)
        run->prepare (run, job);
      g_thread_pool_push (pool, job, NULL);
    }
  return next_push;
}

/* Results are written in input order, a chunk per transaction. The lock is
 * held only while a chunk is written, never while waiting for workers. */
static gboolean
run_jobs (Run     *run,
          GError **error)
{
  GkLibrary *self = run->self;
  guint n = run->jobs->len, next_push = 0, next_write = 0;
  GThreadPool *pool;
  gboolean ok = TRUE;

  run->finished = g_async_queue_new ();
  run->chunk_reports = g_array_new (FALSE, FALSE, sizeof (ChunkReport));
  run->cache = gk_library_report_cache_new ();
  pool = g_thread_pool_new (work, run, (gint) MAX (1, g_get_num_processors ()), FALSE, NULL);
  report_progress (run, TRUE);

  while (ok && next_write < n && !g_cancellable_is_cancelled (run->cancellable))
    {
      guint chunk_end = MIN (n, next_write + CHUNK_SIZE);
      guint ready = next_write;

      next_push = push_more (run, pool, next_push, next_write);
      while (ready < chunk_end && !g_cancellable_is_cancelled (run->cancellable))
        {
          Job *job = g_ptr_array_index (run->jobs, ready);

          if (job->popped)
            {
              ready++;
              continue;
            }
          ((Job *) g_async_queue_pop (run->finished))->popped = TRUE;
        }

      g_rec_mutex_lock (&self->lock);
      ok = gk_library_begin (self, error);
      for (guint i = next_write; ok && i < ready; i++)
        {
          Job *job = g_ptr_array_index (run->jobs, i);

          if (job->cancelled)
            continue;
          ok = run->write (run, job, error);
          /* the chunk's checks keep the report in the cache */
          g_clear_pointer (&job->report, gk_report_unref);
          g_clear_pointer (&job->compressed, g_bytes_unref);
          g_clear_pointer (&job->stored, g_bytes_unref);
          run->done++;
        }
      ok = ok && finish_chunk (run, error);
      if (!ok)
        gk_library_rollback (self);
      g_rec_mutex_unlock (&self->lock);

      next_write = ready;
      report_progress (run, FALSE);
      signal_reports_changed (run, FALSE);
    }

  /* waits for the jobs still queued; cancelled ones return at once */
  if (!ok)
    g_cancellable_cancel (run->cancellable);
  g_thread_pool_free (pool, FALSE, TRUE);
  while (g_async_queue_try_pop (run->finished) != NULL)
    ;
  report_progress (run, TRUE);
  signal_reports_changed (run, TRUE);

  g_clear_pointer (&run->finished, g_async_queue_unref);
  g_clear_pointer (&run->chunk_reports, g_array_unref);
  g_clear_pointer (&run->cache, g_hash_table_unref);
  return ok;
}

/* ─── Import ───────────────────────────────────────────────────────────── */

/* The report of a source already stored, or 0. */
static gboolean
report_of_sha256 (GkLibrary   *self,
                  const char  *sha256,
                  gint64      *report_id,
                  GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT r.id FROM sources AS s JOIN reports AS r"
                                             " ON r.source_id = s.id WHERE s.sha256 = ?",
                                             error);
  int rc;

  *report_id = 0;
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *report_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    gk_library_set_error (self, error, "cannot read sources");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Sets job->report_id and job->possible_duplicate. */
static gboolean
insert_report (Run     *run,
               Job     *job,
               GError **error)
{
  GkLibrary *self = run->self;
  GkReport *report = job->report;
  g_autofree char *now = gk_library_format_time (g_get_real_time ());
  g_autofree char *original_path = g_canonicalize_filename (job->path, NULL);
  const char *version = gk_form_version_to_string (report->version);
  sqlite3_stmt *stmt;
  gint64 source_id, agency_id;

  stmt = gk_library_statement (self,
                               "INSERT INTO sources (sha256, file_name, original_path, kind, charset,"
                               " charset_origin, size, compression, content, notes, imported_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, 'zlib', ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, job->sha256);
  gk_library_bind_text (stmt, 2, job->file_name);
  gk_library_bind_text (stmt, 3, original_path);
  gk_library_bind_text (stmt, 4, job->source_kind);
  gk_library_bind_text (stmt, 5, job->charset);
  gk_library_bind_text (stmt, 6, job->charset_origin);
  sqlite3_bind_int64 (stmt, 7, (gint64) job->size);
  sqlite3_bind_blob64 (stmt, 8, g_bytes_get_data (job->compressed, NULL),
                       g_bytes_get_size (job->compressed), SQLITE_STATIC);
  gk_library_bind_text (stmt, 9, job->warnings);
  gk_library_bind_text (stmt, 10, now);
  if (!gk_library_step_done (self, stmt, error))
    return FALSE;
  source_id = sqlite3_last_insert_rowid (self->db);

  agency_id = gk_library_resolve_agency (self, report->agency, error);
  if (agency_id < 0)
    return FALSE;
  stmt = gk_library_statement (self,
                               "INSERT INTO reports (source_id, kind, title, date, extracted_agency,"
                               " extracted_year, extracted_version, agency_id, year, version,"
                               " extractor_version, n_cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  gk_library_bind_text (stmt, 2, gk_report_kind_to_string (report->kind));
  gk_library_bind_text (stmt, 3, report->title);
  gk_library_bind_text (stmt, 4, report->date);
  gk_library_bind_text (stmt, 5, report->agency);
  gk_library_bind_id (stmt, 6, report->year);
  gk_library_bind_text (stmt, 7, version);
  gk_library_bind_id (stmt, 8, agency_id);
  gk_library_bind_id (stmt, 9, report->year);
  gk_library_bind_text (stmt, 10, version);
  sqlite3_bind_int (stmt, 11, GK_EXTRACTOR_VERSION);
  if (!gk_library_step_done (self, stmt, error))
    return FALSE;
  job->report_id = sqlite3_last_insert_rowid (self->db);
  return gk_library_write_derived (self, job->report_id, report, error)
         && gk_library_is_possible_duplicate (self, job->report_id, &job->possible_duplicate, error);
}

/* @write in a savepoint: a report that cannot be stored is undone alone, its
 * reason in @write_error, and the chunk goes on. FALSE, with @error, only
 * when the savepoint itself fails. */
static gboolean
write_in_savepoint (Run       *run,
                    Job       *job,
                    WriteJob   write,
                    gboolean  *written,
                    GError   **write_error,
                    GError   **error)
{
  if (!gk_library_exec (run->self, "SAVEPOINT one_report", error))
    return FALSE;
  *written = write (run, job, write_error);
  if (!*written && !gk_library_exec (run->self, "ROLLBACK TO one_report", error))
    return FALSE;
  return gk_library_exec (run->self, "RELEASE one_report", error);
}

static gboolean
write_import (Run     *run,
              Job     *job,
              GError **error)
{
  GkImportSummary *summary = run->summary;
  GkImportResult *result = g_new0 (GkImportResult, 1);
  g_autoptr(GError) local_error = NULL;

  result->path = g_strdup (job->path);
  result->outcome = job->outcome;
  g_ptr_array_add (summary->results, result);

  if (job->outcome == GK_IMPORT_IMPORTED || job->outcome == GK_IMPORT_DUPLICATE)
    {
      if (!report_of_sha256 (run->self, job->sha256, &result->report_id, error))
        return FALSE;
      if (result->report_id != 0)
        result->outcome = GK_IMPORT_DUPLICATE;
    }

  if (result->outcome == GK_IMPORT_IMPORTED)
    {
      gboolean written = FALSE;

      if (!write_in_savepoint (run, job, insert_report, &written, &local_error, error))
        return FALSE;
      if (!written)
        {
          result->outcome = GK_IMPORT_REFUSED;
          result->reason = g_strdup_printf ("“%s” could not be stored: %s", job->path, local_error->message);
        }
      else
        {
          ChunkReport chunk_report = { .report_id = job->report_id, .existed = FALSE };

          result->report_id = job->report_id;
          if (job->possible_duplicate)
            result->outcome = GK_IMPORT_POSSIBLE_DUPLICATE;
          g_array_append_val (run->chunk_reports, chunk_report);
          g_hash_table_insert (run->cache, g_memdup2 (&result->report_id, sizeof result->report_id),
                               gk_report_ref (job->report));
        }
    }
  else if (result->outcome == GK_IMPORT_SKIPPED || result->outcome == GK_IMPORT_REFUSED)
    result->reason = g_steal_pointer (&job->reason);

  switch (result->outcome)
    {
    case GK_IMPORT_POSSIBLE_DUPLICATE:
      summary->possible_duplicates++;
      summary->imported++;
      break;
    case GK_IMPORT_IMPORTED: summary->imported++; break;
    case GK_IMPORT_DUPLICATE: summary->duplicates++; break;
    case GK_IMPORT_SKIPPED: summary->skipped++; break;
    case GK_IMPORT_REFUSED: summary->refused++; break;
    default: break;
    }
  return TRUE;
}

static const char * const image_extensions[] = {
  "png", "jpg", "jpeg", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff", NULL
};
static const char * const asset_extensions[] = { "css", "js", NULL };

static char *
extension_of (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? g_ascii_strdown (dot + 1, -1) : g_strdup ("");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* A folder's files, recursively and in a stable order; what is not a report
 * page is listed as skipped, with the reason. */
static gboolean
is_library_file (const char *path,
                 const char *library_path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (library_path, suffixes[i], NULL);
      if (g_str_equal (canonical, own))
        return TRUE;
    }
  return FALSE;
}

static void
walk_folder (const char *folder,
             const char *library_path,
             GPtrArray  *jobs,
             guint       depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = depth <= 32 ? g_dir_open (folder, 0, &error) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      Job *job = job_new_skipped (folder, error != NULL
                                          ? g_strdup_printf ("“%s” cannot be read: %s", folder, error->message)
                                          : g_strdup_printf ("“%s” is nested too deeply", folder));
      job->outcome = GK_IMPORT_REFUSED;
      g_ptr_array_add (jobs, job);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, child, NULL);
      g_autofree char *extension = extension_of (child);
      gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);

      if (child[0] == '.')
        g_ptr_array_add (jobs, job_new_skipped (path, g_strdup_printf ("“%s” is hidden", child)));
      else if (is_dir && (g_str_has_suffix (child, "_files") || g_str_has_suffix (child, ".files")))
        g_ptr_array_add (jobs, job_new_skipped (path, g_strdup_printf (
                                 "“%s” holds the images and styles of a saved page, not a report", child)));
      else if (is_dir && g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_ptr_array_add (jobs, job_new_skipped (path, g_strdup_printf (
                                 "“%s” is a link to a folder; import the folder itself", child)));
      else if (is_dir)
        walk_folder (path, library_path, jobs, depth + 1);
      else if (is_library_file (path, library_path))
        g_ptr_array_add (jobs, job_new_skipped (path, g_strdup_printf (
                                 "“%s” is the library itself", child)));
      else if (g_strv_contains (image_extensions, extension))
        g_ptr_array_add (jobs, job_new_skipped (path, g_strdup_printf (
                                 "“%s” is an image, not a report page", child)));
      else if (g_strv_contains (asset_extensions, extension))
        g_ptr_array_add (jobs, job_new_skipped (path, g_strdup_printf (
                                 "“%s” is a style sheet or script, not a report page", child)));
      else
        {
          Job *job = g_new0 (Job, 1);
          job->path = g_steal_pointer (&path);
          job->in_folder = TRUE;
          g_ptr_array_add (jobs, job);
        }
    }
}

/* Files named explicitly are always read: the source says why one is refused. */
static GPtrArray *
collect_jobs (GkLibrary          *self,
              const char * const *paths)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_autofree char *library_path = g_canonicalize_filename (self->path, NULL);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        walk_folder (paths[i], library_path, jobs, 0);
      else
        {
          Job *job = g_new0 (Job, 1);
          job->path = g_strdup (paths[i]);
          g_ptr_array_add (jobs, job);
        }
    }
  return jobs;
}

static void
forward_cancel (GCancellable *cancellable,
                gpointer      stop)
{
  g_cancellable_cancel (G_CANCELLABLE (stop));
}

static GHashTable *
known_sources (GkLibrary  *self,
               GError    **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT sha256 FROM sources", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (known, gk_library_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (!gk_library_rows_done (self, rc, error, "cannot read sources"))
    return NULL;
  return g_steal_pointer (&known);
}

static GkImportSummary *
import_paths (GkLibrary           *self,
              const char * const  *paths,
              GCancellable        *cancellable,
              GkImportProgress     progress,
              gpointer             progress_data,
              GMainContext        *context,
              GError             **error)
{
  g_autoptr(GHashTable) known = known_sources (self, error);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GCancellable) stop = NULL;
  GkImportSummary *summary;
  gulong handler = 0;
  gboolean ok;
  Run run = { 0 };

  if (known == NULL)
    return NULL;
  jobs = collect_jobs (self, paths);
  stop = g_cancellable_new ();
  summary = gk_import_summary_new ();
  run = (Run) {
    .self = self,
    .jobs = jobs,
    .cancellable = stop,
    .progress = progress,
    .progress_data = progress_data,
    .context = context,
    .write = write_import,
    .known_sha256 = known,
    .summary = summary,
  };

  /* our own cancellable, so a fatal error can stop the workers too */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                     g_object_ref (stop), g_object_unref);
  ok = run_jobs (&run, error);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  if (!ok)
    {
      gk_import_summary_free (summary);
      return NULL;
    }
  summary->cancelled = cancellable != NULL && g_cancellable_is_cancelled (cancellable);
  return summary;
}

GkImportSummary *
gk_library_import (GkLibrary           *self,
                   const char * const  *paths,
                   GCancellable        *cancellable,
                   GkImportProgress     progress,
                   gpointer             user_data,
                   GError             **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  return import_paths (self, paths, cancellable, progress, user_data, NULL, error);
}

typedef struct
{
  GStrv             paths;
  GkImportProgress  progress;
  gpointer          progress_data;
  GMainContext     *context;
} ImportTask;

/* What an import or a re-extraction run in a thread needs: its progress is
 * reported on the caller's context. @paths is NULL for a re-extraction. */
static ImportTask *
import_task_new (const char * const *paths,
                 GkImportProgress     progress,
                 gpointer             progress_data)
{
  ImportTask *data = g_new0 (ImportTask, 1);

  data->paths = g_strdupv ((char **) paths);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  return data;
}

static void
import_task_free (ImportTask *data)
{
  g_strfreev (data->paths);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  GError *error = NULL;
  GkImportSummary *summary = import_paths (GK_LIBRARY (source_object), (const char * const *) data->paths,
                                           cancellable, data->progress, data->progress_data,
                                           data->context, &error);
  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) gk_import_summary_free);
}

void
gk_library_import_async (GkLibrary           *self,
                         const char * const  *paths,
                         GCancellable        *cancellable,
                         GkImportProgress     progress,
                         gpointer             user_data,
                         GAsyncReadyCallback  callback,
                         gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GK_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, gk_library_import_async);
  /* a cancelled import still returns what it imported */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, import_task_new (paths, progress, user_data), (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_thread);
}

GkImportSummary *
gk_library_import_finish (GkLibrary     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ─── Re-extraction ────────────────────────────────────────────────────── */

gboolean
gk_library_needs_reextraction (GkLibrary *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  sql = g_strdup_printf ("SELECT COALESCE ((SELECT CAST (value AS INTEGER) FROM meta"
                         "                  WHERE key = 'extractor_version'), 0) < %d"
                         " OR EXISTS (SELECT 1 FROM reports WHERE extractor_version < %d)",
                         GK_EXTRACTOR_VERSION, GK_EXTRACTOR_VERSION);
  return gk_library_query_int (self, sql, 0) != 0;
}

/* A report whose page cannot be read back is kept as it was. */
static void
load_stored (Run *run,
             Job *job)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&run->self->lock);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = gk_library_statement (run->self,
                                             "SELECT s.content FROM reports AS r JOIN sources AS s"
                                             " ON s.id = r.source_id WHERE r.id = ?",
                                             &error);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, job->report_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        job->stored = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      else if (rc == SQLITE_DONE)
        gk_library_set_not_found (run->self, &error, job->report_id);
      else
        gk_library_set_error (run->self, &error, "cannot read a source");
      sqlite3_reset (stmt);
    }
  if (job->stored == NULL)
    {
      job->outcome = GK_IMPORT_REFUSED;
      job->reason = g_strdup (error->message);
    }
}

/* Active edits on keys the report's form no longer has: kept, and named. */
static gboolean
find_orphans (Run     *run,
              gint64   report_id,
              GError **error)
{
  sqlite3_stmt *stmt = gk_library_statement (run->self,
                                             "SELECT e.cell_key, r.version FROM active_edits AS e"
                                             " JOIN reports AS r ON r.id = e.report_id"
                                             " WHERE e.report_id = ? ORDER BY e.cell_key",
                                             error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      GkFormVersion version = GK_FORM_UNKNOWN;
      const GkFormLayout *layout;

      gk_form_version_from_string ((const char *) sqlite3_column_text (stmt, 1), &version);
      layout = gk_form_get_layout (version);
      if (layout == NULL || gk_form_layout_lookup (layout, key) == NULL)
        g_ptr_array_add (found, g_strdup_printf ("%" G_GINT64_FORMAT ":%s", report_id, key));
    }
  sqlite3_reset (stmt);
  if (!gk_library_rows_done (run->self, rc, error, "cannot read edits"))
    return FALSE;
  g_ptr_array_extend_and_steal (run->orphans, g_steal_pointer (&found));
  return TRUE;
}

static gboolean
rewrite_report (Run     *run,
                Job     *job,
                GError **error)
{
  GkLibrary *self = run->self;
  GkReport *report = job->report;
  sqlite3_stmt *stmt;

  stmt = gk_library_statement (self,
                               "UPDATE reports SET kind = ?, title = ?, date = ?, extracted_agency = ?,"
                               " extracted_year = ?, extracted_version = ?, extractor_version = ?"
                               " WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, gk_report_kind_to_string (report->kind));
  gk_library_bind_text (stmt, 2, report->title);
  gk_library_bind_text (stmt, 3, report->date);
  gk_library_bind_text (stmt, 4, report->agency);
  gk_library_bind_id (stmt, 5, report->year);
  gk_library_bind_text (stmt, 6, gk_form_version_to_string (report->version));
  sqlite3_bind_int (stmt, 7, GK_EXTRACTOR_VERSION);
  sqlite3_bind_int64 (stmt, 8, job->report_id);
  return gk_library_step_done (self, stmt, error)
         && gk_library_apply_identity (self, job->report_id, error)
         && gk_library_write_derived (self, job->report_id, report, error)
         && find_orphans (run, job->report_id, error);
}

static gboolean
write_reextract (Run     *run,
                 Job     *job,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;
  ChunkReport chunk_report = { .report_id = job->report_id, .existed = TRUE };
  gboolean written = FALSE;

  /* a source this extractor cannot read keeps its cells, and is tried
   * again next time */
  if (job->outcome != GK_IMPORT_IMPORTED)
    {
      g_debug ("%s: report %" G_GINT64_FORMAT " kept as it was: %s", run->self->path, job->report_id,
               job->reason != NULL ? job->reason : "not read");
      return TRUE;
    }
  /* where it was: the reports of its old next year read it no more */
  if (!gk_library_report_place (run->self, job->report_id, &chunk_report.before, error)
      || !write_in_savepoint (run, job, rewrite_report, &written, &local_error, error))
    return FALSE;
  if (!written)
    {
      g_debug ("%s: report %" G_GINT64_FORMAT " kept as it was: %s", run->self->path, job->report_id,
               local_error->message);
      return TRUE;
    }
  g_array_append_val (run->chunk_reports, chunk_report);
  return TRUE;
}

static GPtrArray *
reextract_reports (GkLibrary         *self,
                   GCancellable      *cancellable,
                   GkImportProgress   progress,
                   gpointer           user_data,
                   GMainContext      *context,
                   GError           **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  sqlite3_stmt *stmt;
  gulong handler = 0;
  gboolean ok, listed;
  int rc;
  Run run = {
    .self = self,
    .jobs = jobs,
    .cancellable = stop,
    .progress = progress,
    .progress_data = user_data,
    .prepare = load_stored,
    .write = write_reextract,
    .orphans = orphans,
    .context = context,
  };

  g_rec_mutex_lock (&self->lock);
  stmt = gk_library_statement (self,
                               "SELECT r.id, s.file_name FROM reports AS r JOIN sources AS s"
                               " ON s.id = r.source_id WHERE r.extractor_version < ? ORDER BY r.id",
                               error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, GK_EXTRACTOR_VERSION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Job *job = g_new0 (Job, 1);

      job->report_id = sqlite3_column_int64 (stmt, 0);
      job->file_name = gk_library_column_dup (stmt, 1);
      g_ptr_array_add (jobs, job);
    }
  sqlite3_reset (stmt);
  listed = gk_library_rows_done (self, rc, error, "cannot list reports");
  g_rec_mutex_unlock (&self->lock);
  if (!listed)
    return NULL;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                     g_object_ref (stop), g_object_unref);
  ok = run_jobs (&run, error);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  if (!ok)
    return NULL;

  if (!g_cancellable_is_cancelled (stop))
    {
      g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&self->lock);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('extractor_version', '%d')"
                                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                              GK_EXTRACTOR_VERSION);
      if (!gk_library_exec (self, sql, error))
        return NULL;
    }
  return g_steal_pointer (&orphans);
}

GPtrArray *
gk_library_reextract (GkLibrary         *self,
                      GCancellable      *cancellable,
                      GkImportProgress   progress,
                      gpointer           user_data,
                      GError           **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  return reextract_reports (self, cancellable, progress, user_data, NULL, error);
}

static void
reextract_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportTask *data = task_data;
  GError *error = NULL;
  GPtrArray *orphans = reextract_reports (GK_LIBRARY (source_object), cancellable, data->progress,
                                          data->progress_data, data->context, &error);

  if (orphans == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orphans, (GDestroyNotify) g_ptr_array_unref);
}

void
gk_library_reextract_async (GkLibrary           *self,
                            GCancellable        *cancellable,
                            GkImportProgress     progress,
                            gpointer             user_data,
                            GAsyncReadyCallback  callback,
                            gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GK_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, gk_library_reextract_async);
  g_task_set_task_data (task, import_task_new (NULL, progress, user_data), (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, reextract_thread);
}

GPtrArray *
gk_library_reextract_finish (GkLibrary     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
