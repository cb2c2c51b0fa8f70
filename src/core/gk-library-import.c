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
  gint64           report_id;     /* a report to derive again */
  char            *file_name;
  GBytes          *stored;        /* its compressed bytes, loaded just before it is queued */

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

  GArray           *chunk_reports;   /* gint64: written in the open transaction */
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

  if (job->outcome == GK_IMPORT_SKIPPED)
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
