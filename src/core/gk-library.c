/* gk-library.c — every report, its source and each correction, kept in one SQLite file
 *
 * The object, opening, SQLite helpers, the report list, loading reports
 * back, and their checks and cached counts. Corrections and agencies are in
 * gk-library-edit.c, import in gk-library-import.c, chart series in
 * gk-library-series.c, the schema in gk-library-schema.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "gk-form.h"
#include "gk-identity.h"
#include "gk-library-private.h"

G_DEFINE_QUARK (gk-library-error-quark, gk_library_error)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  SIGNAL_REPORT_CHANGED,
  SIGNAL_REPORTS_CHANGED,
  SIGNAL_HISTORY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GkLibrary, gk_library, G_TYPE_OBJECT)

static void
gk_library_finalize (GObject *object)
{
  GkLibrary *self = GK_LIBRARY (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gk_library_parent_class)->finalize (object);
}

static void
gk_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GkLibrary *self = GK_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gk_library_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, gk_library_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_library_class_init (GkLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_library_finalize;
  object_class->get_property = gk_library_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_REPORTS_CHANGED] =
    g_signal_new ("reports-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_HISTORY_CHANGED] =
    g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
gk_library_init (GkLibrary *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
gk_library_emit_report_changed (GkLibrary *self,
                                gint64     report_id)
{
  g_signal_emit (self, signals[SIGNAL_REPORT_CHANGED], 0, report_id);
}

void
gk_library_emit_reports_changed (GkLibrary *self)
{
  g_signal_emit (self, signals[SIGNAL_REPORTS_CHANGED], 0);
}

void
gk_library_emit_history_changed (GkLibrary *self)
{
  g_signal_emit (self, signals[SIGNAL_HISTORY_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* ─── SQLite helpers ───────────────────────────────────────────────────── */

void
gk_library_set_error (GkLibrary   *self,
                      GError     **error,
                      const char  *what)
{
  int code = sqlite3_errcode (self->db) & 0xff;
  const char *message = sqlite3_errmsg (self->db);

  switch (code)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_LOCKED,
                   "“%s” is in use by another program; close it there and try again (%s)",
                   self->path, message);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_CORRUPT,
                   "“%s” is not a Gongkai library, or it is damaged (%s)", self->path, message);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_OPEN,
                   "“%s” cannot be opened for writing (%s)", self->path, message);
      break;
    default:
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
                   "“%s”: %s: %s", self->path, what, message);
      break;
    }
}

gboolean
gk_library_rows_done (GkLibrary   *self,
                      int          rc,
                      GError     **error,
                      const char  *what)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  gk_library_set_error (self, error, what);
  return FALSE;
}

void
gk_library_set_not_found (GkLibrary  *self,
                          GError    **error,
                          gint64      report_id)
{
  g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
               "“%s” has no report %" G_GINT64_FORMAT, self->path, report_id);
}

gboolean
gk_library_step_report (GkLibrary     *self,
                        sqlite3_stmt  *stmt,
                        gint64         report_id,
                        GError       **error,
                        const char    *what)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, report_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    gk_library_set_not_found (self, error, report_id);
  else
    gk_library_set_error (self, error, what);
  sqlite3_reset (stmt);
  return FALSE;
}

/* A cached statement, reset and with its bindings cleared. */
sqlite3_stmt *
gk_library_statement (GkLibrary   *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      gk_library_set_error (self, error, "cannot prepare a query");
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
gk_library_exec (GkLibrary   *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      gk_library_set_error (self, error, "cannot write");
      return FALSE;
    }
  return TRUE;
}

gboolean
gk_library_step_done (GkLibrary     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gk_library_set_error (self, error, "cannot write");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
gk_library_begin (GkLibrary  *self,
                  GError    **error)
{
  return gk_library_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
gk_library_commit (GkLibrary  *self,
                   GError    **error)
{
  return gk_library_exec (self, "COMMIT", error);
}

void
gk_library_rollback (GkLibrary *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
gk_library_query_int (GkLibrary  *self,
                      const char *sql,
                      gint64      fallback)
{
  sqlite3_stmt *stmt = gk_library_statement (self, sql, NULL);
  gint64 value = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

void
gk_library_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* 0 stands for none: NULL in the file. */
void
gk_library_bind_id (sqlite3_stmt *stmt,
                    int           index,
                    gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

char *
gk_library_column_dup (sqlite3_stmt *stmt,
                       int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

char *
gk_library_format_time (gint64 microseconds)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (seconds, microseconds % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gint64
gk_library_parse_time (const char *text)
{
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* ─── Opening ──────────────────────────────────────────────────────────── */

char *
gk_library_default_path (void)
{
  const char *env = g_getenv ("GONGKAI_LIBRARY");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "gongkai", "library.sqlite", NULL);
}

GkLibrary *
gk_library_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GkLibrary) self = g_object_new (GK_TYPE_LIBRARY, NULL);
  g_autofree char *folder = NULL;
  int rc;

  self->path = path != NULL ? g_strdup (path) : gk_library_default_path ();
  folder = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_OPEN,
                   "“%s” cannot be created: its folder cannot be made (%s)", self->path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_OPEN,
                   "“%s” is a folder, not a library file", self->path);
      return NULL;
    }

  /* Our own lock serialises every use of the connection. */
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_OPEN, "“%s” cannot be opened (%s)",
                   self->path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  /* Another program's chunk of an import takes well under a second; a
   * longer wait means it holds the file. */
  sqlite3_busy_timeout (self->db, 2000);

  if (!gk_library_schema_prepare (self, error))
    return NULL;
  sqlite3_busy_timeout (self->db, 10000);
  return g_steal_pointer (&self);
}

const char *
gk_library_get_path (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);
  return self->path;
}

gint
gk_library_get_schema_version (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), 0);
  return self->schema_version;
}

/* ─── The report list ──────────────────────────────────────────────────── */

/* Another source for the same agency and year, of the report row "r". */
#define POSSIBLE_DUPLICATE \
  "(r.kind <> 'not-report' AND r.agency_id IS NOT NULL AND r.year IS NOT NULL" \
  " AND EXISTS (SELECT 1 FROM reports AS o WHERE o.agency_id = r.agency_id AND o.year = r.year" \
  "             AND o.id <> r.id AND o.kind <> 'not-report'))"

#define SUMMARY_SELECT \
  "SELECT r.id, COALESCE (r.agency_id, 0), COALESCE (a.name, r.extracted_agency, ''), a.region," \
  " COALESCE (r.year, 0), r.date, r.version, r.kind, s.file_name, r.errors, r.warnings, r.uncertain," \
  " EXISTS (SELECT 1 FROM active_edits AS e WHERE e.report_id = r.id)," \
  " r.kind = 'report' AND EXISTS (SELECT 1 FROM report_tables AS t" \
  "                               WHERE t.report_id = r.id AND t.status = 'not-present')," \
  " EXISTS (SELECT 1 FROM report_tables AS t WHERE t.report_id = r.id AND t.status = 'needs-review')," \
  " " POSSIBLE_DUPLICATE \
  " FROM reports AS r JOIN sources AS s ON s.id = r.source_id" \
  " LEFT JOIN agencies AS a ON a.id = r.agency_id"

static GkReportSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  GkReportSummary *summary = g_new0 (GkReportSummary, 1);

  summary->id = sqlite3_column_int64 (stmt, 0);
  summary->agency_id = sqlite3_column_int64 (stmt, 1);
  summary->agency = gk_library_column_dup (stmt, 2);
  summary->region = gk_library_column_dup (stmt, 3);
  summary->year = sqlite3_column_int (stmt, 4);
  summary->date = gk_library_column_dup (stmt, 5);
  summary->version = GK_FORM_UNKNOWN;
  gk_form_version_from_string ((const char *) sqlite3_column_text (stmt, 6), &summary->version);
  if (!gk_report_kind_from_string ((const char *) sqlite3_column_text (stmt, 7), &summary->kind))
    summary->kind = GK_REPORT_KIND_NOT_REPORT;
  summary->file_name = gk_library_column_dup (stmt, 8);
  summary->errors = sqlite3_column_int (stmt, 9);
  summary->warnings = sqlite3_column_int (stmt, 10);
  summary->uncertain = sqlite3_column_int (stmt, 11);
  summary->edited = sqlite3_column_int (stmt, 12);
  summary->missing_tables = sqlite3_column_int (stmt, 13);
  summary->needs_review = sqlite3_column_int (stmt, 14);
  summary->possible_duplicate = sqlite3_column_int (stmt, 15);
  return summary;
}

GPtrArray *
gk_library_list_reports (GkLibrary            *self,
                         const GkReportQuery  *query,
                         GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) sql = g_string_new (SUMMARY_SELECT " WHERE 1");
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *key = NULL;
  GkReportQuery all = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
  gboolean has_text;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  if (query == NULL)
    query = &all;
  has_text = query->text != NULL && *query->text != '\0';
  if (has_text)
    {
      key = gk_agency_key (query->text);
      g_string_append (sql,
                       " AND (r.agency_id IN (SELECT n.agency_id FROM agency_names AS n"
                       "                      WHERE instr (n.name, :text) > 0"
                       "                         OR (:key <> '' AND instr (n.key, :key) > 0))"
                       "      OR instr (a.name, :text) > 0 OR instr (a.region, :text) > 0"
                       "      OR (r.agency_id IS NULL AND instr (r.extracted_agency, :text) > 0))");
    }
  if (query->agency_id != 0)
    g_string_append (sql, " AND r.agency_id = :agency");
  if (query->year != 0)
    g_string_append (sql, " AND r.year = :year");
  if (query->filters & GK_REPORT_FILTER_ERRORS)
    g_string_append (sql, " AND r.errors > 0");
  if (query->filters & GK_REPORT_FILTER_UNCERTAIN)
    g_string_append (sql, " AND r.uncertain > 0");
  if (query->filters & GK_REPORT_FILTER_EDITED)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM active_edits AS e WHERE e.report_id = r.id)");
  if (query->filters & GK_REPORT_FILTER_MISSING_TABLES)
    g_string_append (sql, " AND r.kind = 'report' AND EXISTS (SELECT 1 FROM report_tables AS t"
                          " WHERE t.report_id = r.id AND t.status = 'not-present')");
  if (query->order == GK_REPORT_ORDER_YEAR_AGENCY)
    g_string_append (sql, " ORDER BY r.year IS NULL, r.year DESC, 3, r.id");
  else
    g_string_append (sql, " ORDER BY 3, r.year IS NULL, r.year, r.id");

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = gk_library_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (has_text)
    {
      gk_library_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":text"), query->text);
      gk_library_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key"), key);
    }
  if (query->agency_id != 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":agency"), query->agency_id);
  if (query->year != 0)
    sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":year"), query->year);

  summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_report_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (summaries, summary_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot list reports");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&summaries);
}

GkReportSummary *
gk_library_get_summary (GkLibrary  *self,
                        gint64      report_id,
                        GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  GkReportSummary *summary = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = gk_library_statement (self, SUMMARY_SELECT " WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a report"))
    return NULL;
  summary = summary_from_row (stmt);
  sqlite3_reset (stmt);
  return summary;
}

gboolean
gk_library_is_possible_duplicate (GkLibrary  *self,
                                  gint64      report_id,
                                  gboolean   *possible_duplicate,
                                  GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT " POSSIBLE_DUPLICATE " FROM reports AS r"
                                                   " WHERE r.id = ?",
                                             error);

  if (stmt == NULL)
    return FALSE;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a report"))
    return FALSE;
  *possible_duplicate = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

guint
gk_library_count_reports (GkLibrary *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return (guint) gk_library_query_int (self, "SELECT count(*) FROM reports", 0);
}

gboolean
gk_library_find_locked (GkLibrary  *self,
                        gint64      agency_id,
                        gint        year,
                        gint64     *report_id,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *report_id = 0;
  if (agency_id == 0 || year == 0)
    return TRUE;
  /* Of several sources for one year, the first report imported is the one
   * the others are compared with. */
  stmt = gk_library_statement (self,
                               "SELECT id FROM reports WHERE agency_id = ? AND year = ?"
                               " ORDER BY kind <> 'report', id LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *report_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    gk_library_set_error (self, error, "cannot read reports");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gint64
gk_library_find_report (GkLibrary *self,
                        gint64     agency_id,
                        gint       year)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 report_id = 0;

  g_return_val_if_fail (GK_IS_LIBRARY (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  gk_library_find_locked (self, agency_id, year, &report_id, NULL);
  return report_id;
}

/* ─── Writing what was derived from a source ───────────────────────────── */


static gboolean
delete_derived (GkLibrary  *self,
                gint64      report_id,
                GError    **error)
{
  static const char * const deletes[] = {
    "DELETE FROM cells WHERE report_id = ?",
    "DELETE FROM report_tables WHERE report_id = ?",
    "DELETE FROM prose_facts WHERE report_id = ?",
    "DELETE FROM suggestion_cells WHERE report_id = ?",
    "DELETE FROM suggestions WHERE report_id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      sqlite3_stmt *stmt = gk_library_statement (self, deletes[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, report_id);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_tables (GkLibrary  *self,
              gint64      report_id,
              GkReport   *report,
              GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "INSERT INTO report_tables (report_id, table_key, status,"
                                             " detail, detail_en, cells_found) VALUES (?, ?, ?, ?, ?, ?)",
                                             error);
  if (stmt == NULL)
    return FALSE;
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      const GkReportTable *table = &report->tables[t];

      sqlite3_bind_int64 (stmt, 1, report_id);
      gk_library_bind_text (stmt, 2, gk_form_table_key (t));
      gk_library_bind_text (stmt, 3, gk_table_status_to_string (table->status));
      gk_library_bind_text (stmt, 4, table->detail);
      gk_library_bind_text (stmt, 5, table->detail_en);
      sqlite3_bind_int (stmt, 6, (int) table->n_found);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_position (sqlite3_stmt *stmt,
               int           index,
               gint64        value,
               gboolean      present)
{
  if (present)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_cells (GkLibrary  *self,
             gint64      report_id,
             GkReport   *report,
             guint      *n_written,
             GError    **error)
{
  sqlite3_stmt *stmt;

  *n_written = 0;
  if (report->layout == NULL)
    return TRUE;
  stmt = gk_library_statement (self,
                               "INSERT INTO cells (report_id, key, raw, kind, value, is_integer, unit,"
                               " provenance, block, grid_row, grid_col, src_start, src_end,"
                               " text_start, text_end)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < report->layout->n_cells; i++)
    {
      const GkCell *cell = &report->cells[i];
      const GkProvenance *where = &cell->provenance;
      gboolean has_value = cell->parsed.kind == GK_VALUE_ZERO || cell->parsed.kind == GK_VALUE_NUMBER;
      gboolean located = where->kind != GK_PROVENANCE_NONE;

      /* Only what the page had: a cell that is not stored was not found. */
      if (cell->raw == NULL && !located)
        continue;
      sqlite3_bind_int64 (stmt, 1, report_id);
      gk_library_bind_text (stmt, 2, report->layout->cells[i].key);
      gk_library_bind_text (stmt, 3, cell->raw);
      gk_library_bind_text (stmt, 4, gk_value_kind_to_string (cell->parsed.kind));
      if (has_value)
        sqlite3_bind_double (stmt, 5, cell->parsed.value);
      else
        sqlite3_bind_null (stmt, 5);
      sqlite3_bind_int (stmt, 6, cell->parsed.is_integer ? 1 : 0);
      gk_library_bind_text (stmt, 7, cell->parsed.unit);
      gk_library_bind_text (stmt, 8, gk_provenance_kind_to_string (where->kind));
      bind_position (stmt, 9, where->block, located && where->block >= 0);
      bind_position (stmt, 10, where->row, located && where->row >= 0);
      bind_position (stmt, 11, where->col, located && where->col >= 0);
      bind_position (stmt, 12, (gint64) where->src_start, located);
      bind_position (stmt, 13, (gint64) where->src_end, located);
      bind_position (stmt, 14, (gint64) where->text_start, located);
      bind_position (stmt, 15, (gint64) where->text_end, located);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
      (*n_written)++;
    }
  return TRUE;
}

static gboolean
write_prose (GkLibrary  *self,
             gint64      report_id,
             GkReport   *report,
             GError    **error)
{
  sqlite3_stmt *stmt;

  if (report->prose_facts->len == 0)
    return TRUE;
  stmt = gk_library_statement (self,
                               "INSERT INTO prose_facts (report_id, position, check_id, cell_key, label,"
                               " label_en, value, text, src_start, src_end)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < report->prose_facts->len; i++)
    {
      const GkProseFact *fact = g_ptr_array_index (report->prose_facts, i);
      gboolean located = fact->src_end > fact->src_start;

      sqlite3_bind_int64 (stmt, 1, report_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      gk_library_bind_text (stmt, 3, fact->id);
      gk_library_bind_text (stmt, 4, fact->cell);
      gk_library_bind_text (stmt, 5, fact->label);
      gk_library_bind_text (stmt, 6, fact->label_en);
      sqlite3_bind_double (stmt, 7, fact->value);
      gk_library_bind_text (stmt, 8, fact->text);
      bind_position (stmt, 9, (gint64) fact->src_start, located);
      bind_position (stmt, 10, (gint64) fact->src_end, located);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_suggestions (GkLibrary  *self,
                   gint64      report_id,
                   GkReport   *report,
                   GError    **error)
{
  sqlite3_stmt *stmt, *cell_stmt;

  if (report->suggestions->len == 0 || report->layout == NULL)
    return TRUE;
  stmt = gk_library_statement (self,
                               "INSERT INTO suggestions (report_id, position, table_key, run, proof,"
                               " proof_en) VALUES (?, ?, ?, ?, ?, ?)",
                               error);
  cell_stmt = stmt != NULL ? gk_library_statement (self,
                                                   "INSERT INTO suggestion_cells (report_id,"
                                                   " suggestion_position, position, cell_key, value)"
                                                   " VALUES (?, ?, ?, ?, ?)",
                                                   error)
                           : NULL;
  if (cell_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < report->suggestions->len; i++)
    {
      const GkSuggestion *suggestion = g_ptr_array_index (report->suggestions, i);

      sqlite3_bind_int64 (stmt, 1, report_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      gk_library_bind_text (stmt, 3, suggestion->table);
      gk_library_bind_text (stmt, 4, suggestion->run);
      gk_library_bind_text (stmt, 5, suggestion->proof);
      gk_library_bind_text (stmt, 6, suggestion->proof_en);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
      for (guint c = 0; c < suggestion->cells->len; c++)
        {
          guint index = g_array_index (suggestion->cells, guint, c);

          if (index >= report->layout->n_cells)
            continue;
          sqlite3_bind_int64 (cell_stmt, 1, report_id);
          sqlite3_bind_int (cell_stmt, 2, (int) i);
          sqlite3_bind_int (cell_stmt, 3, (int) c);
          gk_library_bind_text (cell_stmt, 4, report->layout->cells[index].key);
          sqlite3_bind_double (cell_stmt, 5, g_array_index (suggestion->values, double, c));
          if (!gk_library_step_done (self, cell_stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
gk_library_write_derived (GkLibrary  *self,
                          gint64      report_id,
                          GkReport   *report,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  guint n_cells = 0;

  if (!delete_derived (self, report_id, error)
      || !write_tables (self, report_id, report, error)
      || !write_cells (self, report_id, report, &n_cells, error)
      || !write_prose (self, report_id, report, error)
      || !write_suggestions (self, report_id, report, error))
    return FALSE;
  stmt = gk_library_statement (self, "UPDATE reports SET n_cells = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) n_cells);
  sqlite3_bind_int64 (stmt, 2, report_id);
  return gk_library_step_done (self, stmt, error);
}

/* ─── Loading a report back ────────────────────────────────────────────── */

static GkProvenanceKind
provenance_kind_parse (const char *text)
{
  for (GkProvenanceKind kind = GK_PROVENANCE_NONE; kind <= GK_PROVENANCE_DIGIT_RUN; kind++)
    if (g_strcmp0 (text, gk_provenance_kind_to_string (kind)) == 0)
      return kind;
  return GK_PROVENANCE_NONE;
}

static gint64
column_or (sqlite3_stmt *stmt,
           int           column,
           gint64        fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_int64 (stmt, column);
}

static gboolean
load_cells (GkLibrary  *self,
            gint64      report_id,
            GkReport   *report,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = gk_library_statement (self,
                               "SELECT key, raw, kind, value, is_integer, unit, provenance, block,"
                               " grid_row, grid_col, src_start, src_end, text_start, text_end"
                               " FROM cells WHERE report_id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const GkFormCell *def = gk_form_layout_lookup (report->layout,
                                                     (const char *) sqlite3_column_text (stmt, 0));
      GkCell *cell;
      GkValueKind kind;

      /* a cell of another version of the form, after a version override */
      if (def == NULL)
        continue;
      cell = &report->cells[def->index];
      g_free (cell->raw);
      cell->raw = gk_library_column_dup (stmt, 1);
      if (!gk_value_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind))
        kind = GK_VALUE_TEXT;
      cell->parsed.kind = kind;
      cell->parsed.value = sqlite3_column_double (stmt, 3);
      cell->parsed.is_integer = sqlite3_column_int (stmt, 4) != 0;
      cell->parsed.unit = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                          ? NULL : g_intern_string ((const char *) sqlite3_column_text (stmt, 5));
      cell->provenance.kind = provenance_kind_parse ((const char *) sqlite3_column_text (stmt, 6));
      cell->provenance.block = (gint) column_or (stmt, 7, -1);
      cell->provenance.row = (gint) column_or (stmt, 8, -1);
      cell->provenance.col = (gint) column_or (stmt, 9, -1);
      cell->provenance.src_start = (gsize) column_or (stmt, 10, 0);
      cell->provenance.src_end = (gsize) column_or (stmt, 11, 0);
      cell->provenance.text_start = (gsize) column_or (stmt, 12, 0);
      cell->provenance.text_end = (gsize) column_or (stmt, 13, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read cells");
      return FALSE;
    }

  stmt = gk_library_statement (self,
                               "SELECT cell_key, raw, note, time FROM active_edits WHERE report_id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const GkFormCell *def = gk_form_layout_lookup (report->layout,
                                                     (const char *) sqlite3_column_text (stmt, 0));
      /* an edit whose cell this version lacks stays in the file, unapplied */
      if (def == NULL)
        continue;
      gk_report_set_edit (report, def->index, (const char *) sqlite3_column_text (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2),
                          gk_library_parse_time ((const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read edits");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_tables (GkLibrary  *self,
             gint64      report_id,
             GkReport   *report,
             GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT table_key, status, detail, detail_en, cells_found"
                                             " FROM report_tables WHERE report_id = ?",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkReportTable *table = gk_report_get_table (report, (const char *) sqlite3_column_text (stmt, 0));

      if (table == NULL)
        continue;
      if (!gk_table_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &table->status))
        table->status = GK_TABLE_STATUS_NOT_PRESENT;
      g_free (table->detail);
      g_free (table->detail_en);
      table->detail = gk_library_column_dup (stmt, 2);
      table->detail_en = gk_library_column_dup (stmt, 3);
      table->n_found = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read tables");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_prose (GkLibrary  *self,
            gint64      report_id,
            GkReport   *report,
            GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT check_id, cell_key, label, label_en, value, text,"
                                             " src_start, src_end FROM prose_facts WHERE report_id = ?"
                                             " ORDER BY position",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkProseFact *fact = g_new0 (GkProseFact, 1);

      fact->id = gk_library_column_dup (stmt, 0);
      fact->cell = gk_library_column_dup (stmt, 1);
      fact->label = gk_library_column_dup (stmt, 2);
      fact->label_en = gk_library_column_dup (stmt, 3);
      fact->value = sqlite3_column_double (stmt, 4);
      fact->text = gk_library_column_dup (stmt, 5);
      fact->src_start = (gsize) column_or (stmt, 6, 0);
      fact->src_end = (gsize) column_or (stmt, 7, 0);
      gk_report_add_prose_fact (report, fact);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read prose facts");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_suggestions (GkLibrary  *self,
                  gint64      report_id,
                  GkReport   *report,
                  GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT s.position, s.table_key, s.run, s.proof, s.proof_en,"
                                             " c.cell_key, c.value"
                                             " FROM suggestions AS s JOIN suggestion_cells AS c"
                                             "   ON c.report_id = s.report_id"
                                             "  AND c.suggestion_position = s.position"
                                             " WHERE s.report_id = ? ORDER BY s.position, c.position",
                                             error);
  GkSuggestion *current = NULL;
  gint current_position = -1;
  gboolean complete = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint position = sqlite3_column_int (stmt, 0);
      const GkFormCell *def;
      double value;

      if (position != current_position)
        {
          if (current != NULL && complete)
            gk_report_add_suggestion (report, current);
          else
            gk_suggestion_free (current);
          current = g_new0 (GkSuggestion, 1);
          current->table = gk_library_column_dup (stmt, 1);
          current->run = gk_library_column_dup (stmt, 2);
          current->proof = gk_library_column_dup (stmt, 3);
          current->proof_en = gk_library_column_dup (stmt, 4);
          current->cells = g_array_new (FALSE, FALSE, sizeof (guint));
          current->values = g_array_new (FALSE, FALSE, sizeof (double));
          current_position = position;
          complete = TRUE;
        }
      def = gk_form_layout_lookup (report->layout, (const char *) sqlite3_column_text (stmt, 5));
      if (def == NULL)
        {
          complete = FALSE;
          continue;
        }
      value = sqlite3_column_double (stmt, 6);
      g_array_append_val (current->cells, def->index);
      g_array_append_val (current->values, value);
    }
  if (current != NULL && complete)
    gk_report_add_suggestion (report, current);
  else
    gk_suggestion_free (current);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read suggestions");
      return FALSE;
    }
  return TRUE;
}

GkReport *
gk_library_load_locked (GkLibrary  *self,
                        gint64      report_id,
                        GError    **error)
{
  g_autoptr(GkReport) report = NULL;
  sqlite3_stmt *stmt;
  GkReportKind kind;
  GkFormVersion version = GK_FORM_UNKNOWN;
  gboolean same_version;

  stmt = gk_library_statement (self,
                               "SELECT r.kind, r.title, COALESCE (a.name, r.extracted_agency), a.key,"
                               " r.year, r.date, r.version, r.extracted_version"
                               " FROM reports AS r LEFT JOIN agencies AS a ON a.id = r.agency_id"
                               " WHERE r.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a report"))
    return NULL;
  if (!gk_report_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
    kind = GK_REPORT_KIND_NOT_REPORT;
  gk_form_version_from_string ((const char *) sqlite3_column_text (stmt, 6), &version);
  same_version = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6),
                            (const char *) sqlite3_column_text (stmt, 7)) == 0;
  report = gk_report_new (kind, version);
  report->title = gk_library_column_dup (stmt, 1);
  report->agency = gk_library_column_dup (stmt, 2);
  report->agency_key = sqlite3_column_type (stmt, 3) != SQLITE_NULL
                       ? gk_library_column_dup (stmt, 3) : gk_agency_key (report->agency);
  report->year = sqlite3_column_int (stmt, 4);
  report->date = gk_library_column_dup (stmt, 5);
  sqlite3_reset (stmt);

  if (!load_tables (self, report_id, report, error)
      || (report->layout != NULL && !load_cells (self, report_id, report, error))
      || !load_prose (self, report_id, report, error))
    return NULL;
  /* a split offered for one version's cells means nothing in another */
  if (same_version && report->layout != NULL && !load_suggestions (self, report_id, report, error))
    return NULL;
  return g_steal_pointer (&report);
}

GkReport *
gk_library_load_report (GkLibrary  *self,
                        gint64      report_id,
                        GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return gk_library_load_locked (self, report_id, error);
}

GBytes *
gk_library_load_source (GkLibrary  *self,
                        gint64      report_id,
                        char      **file_name,
                        char      **original_path,
                        GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GBytes *bytes;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = gk_library_statement (self,
                               "SELECT s.content, s.file_name, s.original_path FROM reports AS r"
                               " JOIN sources AS s ON s.id = r.source_id WHERE r.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a source"))
    return NULL;
  stored = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  name = gk_library_column_dup (stmt, 1);
  path = gk_library_column_dup (stmt, 2);
  sqlite3_reset (stmt);
  g_clear_pointer (&locker, g_rec_mutex_locker_free);

  bytes = gk_library_decompress (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), error);
  if (bytes == NULL)
    {
      g_prefix_error (error, "“%s”, report %" G_GINT64_FORMAT ": ", self->path, report_id);
      return NULL;
    }
  if (file_name != NULL)
    *file_name = g_steal_pointer (&name);
  if (original_path != NULL)
    *original_path = g_steal_pointer (&path);
  return bytes;
}

GkDocument *
gk_library_load_document (GkLibrary  *self,
                          gint64      report_id,
                          GError    **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = gk_library_load_source (self, report_id, &name, NULL, error);
  g_autoptr(GkSource) source = NULL;

  if (bytes == NULL)
    return NULL;
  source = gk_source_new_from_bytes (name, bytes, error);
  if (source == NULL)
    return NULL;
  return gk_document_new_from_source (source);
}

/* ─── Checks and cached counts ─────────────────────────────────────────── */

GHashTable *
gk_library_report_cache_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) gk_report_unref);
}

GkReport *
gk_library_load_cached (GkLibrary   *self,
                        GHashTable  *cache,
                        gint64       report_id,
                        GError     **error)
{
  GkReport *report = g_hash_table_lookup (cache, &report_id);

  if (report != NULL)
    return report;
  report = gk_library_load_locked (self, report_id, error);
  if (report != NULL)
    g_hash_table_insert (cache, g_memdup2 (&report_id, sizeof report_id), report);
  return report;
}

gboolean
gk_library_report_place (GkLibrary       *self,
                         gint64           report_id,
                         GkLibraryPlace  *place,
                         GError         **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT COALESCE (agency_id, 0), COALESCE (year, 0), kind"
                                             " FROM reports WHERE id = ?",
                                             error);

  if (stmt == NULL)
    return FALSE;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a report"))
    return FALSE;
  place->agency_id = sqlite3_column_int64 (stmt, 0);
  place->year = sqlite3_column_int (stmt, 1);
  if (!gk_report_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &place->kind))
    place->kind = GK_REPORT_KIND_NOT_REPORT;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The order gk_check_report() gives: errors, warnings, then uncertain. */
GPtrArray *
gk_library_collect_findings (GkLibrary   *self,
                             gint64       report_id,
                             GHashTable  *cache,
                             gboolean     with_dismissed,
                             GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GHashTable) dismissed = NULL;
  GkLibraryPlace place;
  GkReport *report;

  if (!gk_library_report_place (self, report_id, &place, error))
    return NULL;
  report = gk_library_load_cached (self, cache, report_id, error);
  if (report == NULL)
    return NULL;
  findings = gk_check_report (report);

  if (place.kind == GK_REPORT_KIND_REPORT && place.agency_id != 0 && place.year != 0)
    {
      gint64 previous_id;
      GkReport *previous = NULL;

      if (!gk_library_find_locked (self, place.agency_id, place.year - 1, &previous_id, error))
        return NULL;
      if (previous_id != 0)
        {
          previous = gk_library_load_cached (self, cache, previous_id, error);
          if (previous == NULL)
            return NULL;
        }
      if (previous != NULL)
        {
          g_autoptr(GPtrArray) cross = gk_check_pair (previous, report);

          for (guint i = 0; i < cross->len; i++)
            g_ptr_array_add (findings, g_steal_pointer (&cross->pdata[i]));
          /* a stable sort: the report's own findings stay ahead of the
           * cross-year ones of the same severity */
          if (cross->len > 0)
            gk_findings_sort (findings);
        }
    }

  if (with_dismissed)
    return g_steal_pointer (&findings);
  dismissed = gk_library_list_dismissed (self, report_id, error);
  if (dismissed == NULL)
    return NULL;
  for (guint i = 0; i < findings->len && g_hash_table_size (dismissed) > 0;)
    {
      g_autofree char *id = gk_finding_dup_id (g_ptr_array_index (findings, i));
      if (g_hash_table_contains (dismissed, id))
        g_ptr_array_remove_index (findings, i);
      else
        i++;
    }
  return g_steal_pointer (&findings);
}

GPtrArray *
gk_library_check_report (GkLibrary  *self,
                         gint64      report_id,
                         gboolean    with_dismissed,
                         GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return gk_library_collect_findings (self, report_id, cache, with_dismissed, error);
}

gboolean
gk_library_refresh_counts (GkLibrary   *self,
                           gint64       report_id,
                           GHashTable  *cache,
                           GError     **error)
{
  g_autoptr(GPtrArray) findings = gk_library_collect_findings (self, report_id, cache, FALSE, error);
  g_autoptr(GString) rules = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GkFindingCounts counts;
  sqlite3_stmt *stmt;

  if (findings == NULL)
    return FALSE;
  counts = gk_findings_count (findings, NULL);
  rules = g_string_new (NULL);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity != GK_SEVERITY_ERROR || !g_hash_table_add (seen, finding->rule))
        continue;
      g_string_append_printf (rules, "%s%s", rules->len > 0 ? ", " : "", finding->rule);
    }

  stmt = gk_library_statement (self,
                               "UPDATE reports SET errors = ?, warnings = ?, uncertain = ?, error_rules = ?"
                               " WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) counts.errors);
  sqlite3_bind_int (stmt, 2, (int) counts.warnings);
  sqlite3_bind_int (stmt, 3, (int) counts.uncertain);
  gk_library_bind_text (stmt, 4, rules->len > 0 ? rules->str : NULL);
  sqlite3_bind_int64 (stmt, 5, report_id);
  return gk_library_step_done (self, stmt, error);
}

static void
add_id_once (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

/* The reports whose cross-year checks read a report of @place. */
static gboolean
add_next_year (GkLibrary             *self,
               const GkLibraryPlace  *place,
               GArray                *ids,
               GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (place->agency_id == 0 || place->year == 0)
    return TRUE;
  stmt = gk_library_statement (self, "SELECT id FROM reports WHERE agency_id = ? AND year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, place->agency_id);
  sqlite3_bind_int (stmt, 2, place->year + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_id_once (ids, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  return gk_library_rows_done (self, rc, error, "cannot read reports");
}

gboolean
gk_library_add_dependents (GkLibrary             *self,
                           gint64                 report_id,
                           const GkLibraryPlace  *before,
                           GArray                *ids,
                           GError               **error)
{
  GkLibraryPlace after;

  if (!gk_library_report_place (self, report_id, &after, error))
    return FALSE;
  add_id_once (ids, report_id);
  if (!add_next_year (self, &after, ids, error))
    return FALSE;
  if (before != NULL && (before->agency_id != after.agency_id || before->year != after.year))
    return add_next_year (self, before, ids, error);
  return TRUE;
}

gboolean
gk_library_refresh_reports (GkLibrary   *self,
                            GArray      *ids,
                            GHashTable  *cache,
                            GError     **error)
{
  g_autoptr(GHashTable) refreshed = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (!g_hash_table_add (refreshed, id))
        continue;
      if (!gk_library_refresh_counts (self, *id, cache, error))
        return FALSE;
    }
  return TRUE;
}

/* ─── Plain data ───────────────────────────────────────────────────────── */

void
gk_report_summary_free (GkReportSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->agency);
  g_free (summary->region);
  g_free (summary->date);
  g_free (summary->file_name);
  g_free (summary);
}

void
gk_agency_free (GkAgency *agency)
{
  if (agency == NULL)
    return;
  g_free (agency->name);
  g_free (agency->key);
  g_strfreev (agency->aliases);
  g_free (agency);
}

static void
import_result_free (GkImportResult *result)
{
  g_free (result->path);
  g_free (result->reason);
  g_free (result);
}

GkImportSummary *
gk_import_summary_new (void)
{
  GkImportSummary *summary = g_new0 (GkImportSummary, 1);

  summary->results = g_ptr_array_new_with_free_func ((GDestroyNotify) import_result_free);
  return summary;
}

void
gk_import_summary_free (GkImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->results, g_ptr_array_unref);
  g_free (summary);
}

const char *
gk_import_outcome_to_string (GkImportOutcome outcome)
{
  switch (outcome)
    {
    case GK_IMPORT_IMPORTED: return "imported";
    case GK_IMPORT_DUPLICATE: return "duplicate";
    case GK_IMPORT_POSSIBLE_DUPLICATE: return "possible-duplicate";
    case GK_IMPORT_SKIPPED: return "skipped";
    case GK_IMPORT_REFUSED: return "refused";
    default: return "refused";
    }
}
