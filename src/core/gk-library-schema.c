/* gk-library-schema.c — the library's tables, their migrations, and opening checks
 *
 * The schema is documented for researchers in docs/library-schema.md: keep
 * the two in step. Each migration takes the file from user_version N to N+1;
 * a file from a newer Gongkai is refused before anything is written to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-extract.h"
#include "gk-library-private.h"
#include "gk-version.h"

/* Version 1: the first schema. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"

  /* The form's cells, from gk-form.c, so SQL users can label and order cells. */
  "CREATE TABLE form_cells ("
  "  version         TEXT NOT NULL,"
  "  key             TEXT NOT NULL,"
  "  position        INTEGER NOT NULL,"
  "  table_key       TEXT NOT NULL,"
  "  row_key         TEXT NOT NULL,"
  "  column_key      TEXT NOT NULL,"
  "  row_label       TEXT NOT NULL,"
  "  column_label    TEXT NOT NULL,"
  "  row_label_en    TEXT NOT NULL,"
  "  column_label_en TEXT NOT NULL,"
  "  PRIMARY KEY (version, key)"
  ") WITHOUT ROWID;"

  "CREATE TABLE agencies ("
  "  id     INTEGER PRIMARY KEY,"
  "  name   TEXT NOT NULL,"
  "  key    TEXT NOT NULL UNIQUE,"
  "  region TEXT"
  ");"
  "CREATE TABLE agency_names ("
  "  name      TEXT PRIMARY KEY,"
  "  key       TEXT NOT NULL,"
  "  agency_id INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX agency_names_by_key ON agency_names (key);"
  "CREATE INDEX agency_names_by_agency ON agency_names (agency_id);"

  "CREATE TABLE sources ("
  "  id             INTEGER PRIMARY KEY,"
  "  sha256         TEXT NOT NULL UNIQUE,"
  "  file_name      TEXT NOT NULL,"
  "  original_path  TEXT,"
  "  kind           TEXT NOT NULL,"
  "  charset        TEXT NOT NULL,"
  "  charset_origin TEXT NOT NULL,"
  "  size           INTEGER NOT NULL,"
  "  compression    TEXT NOT NULL DEFAULT 'zlib',"
  "  content        BLOB NOT NULL,"
  "  notes          TEXT,"
  "  imported_at    TEXT NOT NULL"
  ");"

  "CREATE TABLE reports ("
  "  id                INTEGER PRIMARY KEY,"
  "  source_id         INTEGER NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE,"
  "  kind              TEXT NOT NULL,"
  "  title             TEXT,"
  "  date              TEXT,"
  "  extracted_agency  TEXT,"
  "  extracted_year    INTEGER,"
  "  extracted_version TEXT NOT NULL,"
  "  agency_id         INTEGER REFERENCES agencies (id),"
  "  year              INTEGER,"
  "  version           TEXT NOT NULL,"
  "  extractor_version INTEGER NOT NULL,"
  "  n_cells           INTEGER NOT NULL,"
  "  errors            INTEGER NOT NULL DEFAULT 0,"
  "  warnings          INTEGER NOT NULL DEFAULT 0,"
  "  uncertain         INTEGER NOT NULL DEFAULT 0,"
  "  error_rules       TEXT"
  ");"
  "CREATE INDEX reports_by_agency_year ON reports (agency_id, year);"
  "CREATE INDEX reports_by_year ON reports (year);"

  "CREATE TABLE identity_overrides ("
  "  report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,"
  "  agency    TEXT,"
  "  year      INTEGER,"
  "  version   TEXT,"
  "  time      TEXT NOT NULL"
  ");"

  "CREATE TABLE report_tables ("
  "  report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  table_key   TEXT NOT NULL,"
  "  status      TEXT NOT NULL,"
  "  detail      TEXT,"
  "  detail_en   TEXT,"
  "  cells_found INTEGER NOT NULL,"
  "  PRIMARY KEY (report_id, table_key)"
  ") WITHOUT ROWID;"

  "CREATE TABLE cells ("
  "  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  key        TEXT NOT NULL,"
  "  raw        TEXT,"
  "  kind       TEXT NOT NULL,"
  "  value      REAL,"
  "  is_integer INTEGER NOT NULL,"
  "  unit       TEXT,"
  "  provenance TEXT NOT NULL,"
  "  block      INTEGER,"
  "  grid_row   INTEGER,"
  "  grid_col   INTEGER,"
  "  src_start  INTEGER,"
  "  src_end    INTEGER,"
  "  text_start INTEGER,"
  "  text_end   INTEGER,"
  "  PRIMARY KEY (report_id, key)"
  ") WITHOUT ROWID;"

  "CREATE TABLE prose_facts ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  position  INTEGER NOT NULL,"
  "  check_id  TEXT NOT NULL,"
  "  cell_key  TEXT,"
  "  label     TEXT,"
  "  label_en  TEXT,"
  "  value     REAL NOT NULL,"
  "  text      TEXT,"
  "  src_start INTEGER,"
  "  src_end   INTEGER,"
  "  PRIMARY KEY (report_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE suggestions ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  position  INTEGER NOT NULL,"
  "  table_key TEXT NOT NULL,"
  "  run       TEXT NOT NULL,"
  "  proof     TEXT,"
  "  proof_en  TEXT,"
  "  PRIMARY KEY (report_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE suggestion_cells ("
  "  report_id           INTEGER NOT NULL,"
  "  suggestion_position INTEGER NOT NULL,"
  "  position            INTEGER NOT NULL,"
  "  cell_key            TEXT NOT NULL,"
  "  value               REAL NOT NULL,"
  "  PRIMARY KEY (report_id, suggestion_position, position),"
  "  FOREIGN KEY (report_id, suggestion_position)"
  "    REFERENCES suggestions (report_id, position) ON DELETE CASCADE"
  ") WITHOUT ROWID;"

  /* Append-only: the latest row of a cell is its edit; a NULL raw clears it. */
  "CREATE TABLE edits ("
  "  id         INTEGER PRIMARY KEY,"
  "  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  cell_key   TEXT NOT NULL,"
  "  raw        TEXT,"
  "  kind       TEXT,"
  "  value      REAL,"
  "  is_integer INTEGER,"
  "  unit       TEXT,"
  "  note       TEXT,"
  "  time       TEXT NOT NULL"
  ");"
  "CREATE INDEX edits_by_cell ON edits (report_id, cell_key, id);"

  "CREATE TABLE dismissals ("
  "  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  finding_id TEXT NOT NULL,"
  "  reason     TEXT NOT NULL,"
  "  time       TEXT NOT NULL,"
  "  PRIMARY KEY (report_id, finding_id)"
  ") WITHOUT ROWID;"

  /* The undo journal. */
  "CREATE TABLE actions ("
  "  id           INTEGER PRIMARY KEY,"
  "  time         TEXT NOT NULL,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('edit', 'dismiss', 'identity')),"
  "  report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  target       TEXT,"
  "  before_value TEXT,"
  "  before_note  TEXT,"
  "  after_value  TEXT,"
  "  after_note   TEXT,"
  "  undone       INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX actions_by_state ON actions (undone, id);"

  "CREATE VIEW active_edits AS"
  "  SELECT e.id, e.report_id, e.cell_key, e.raw, e.kind, e.value, e.is_integer, e.unit,"
  "         e.note, e.time"
  "  FROM edits AS e"
  "  WHERE e.raw IS NOT NULL"
  "    AND NOT EXISTS (SELECT 1 FROM edits AS later"
  "                    WHERE later.report_id = e.report_id AND later.cell_key = e.cell_key"
  "                      AND later.id > e.id);"

  /* What the app shows: each cell of the report's form with its edit applied. */
  "CREATE VIEW cell_values AS"
  "  SELECT r.id AS report_id, f.key AS key, f.position AS position,"
  "         f.table_key AS table_key, f.row_key AS row_key, f.column_key AS column_key,"
  "         f.row_label AS row_label, f.column_label AS column_label,"
  "         CASE WHEN e.id IS NOT NULL THEN e.raw ELSE c.raw END AS raw,"
  "         CASE WHEN e.id IS NOT NULL THEN e.kind ELSE c.kind END AS kind,"
  "         CASE WHEN e.id IS NOT NULL THEN e.value ELSE c.value END AS value,"
  "         CASE WHEN e.id IS NOT NULL THEN e.is_integer ELSE c.is_integer END AS is_integer,"
  "         CASE WHEN e.id IS NOT NULL THEN e.unit ELSE c.unit END AS unit,"
  "         e.id IS NOT NULL AS edited,"
  "         c.raw AS parsed_raw, c.kind AS parsed_kind, c.value AS parsed_value,"
  "         e.note AS edit_note, e.time AS edit_time,"
  "         COALESCE (c.provenance, 'none') AS provenance,"
  "         COALESCE (t.status, 'not-present') AS table_status"
  "  FROM reports AS r"
  "  JOIN form_cells AS f ON f.version = r.version"
  "  LEFT JOIN cells AS c ON c.report_id = r.id AND c.key = f.key"
  "  LEFT JOIN active_edits AS e ON e.report_id = r.id AND e.cell_key = f.key"
  "  LEFT JOIN report_tables AS t ON t.report_id = r.id AND t.table_key = f.table_key"
  "  WHERE c.report_id IS NOT NULL OR e.id IS NOT NULL;"

  /* The report list, as the app's sidebar shows it. */
  "CREATE VIEW report_overview AS"
  "  SELECT r.id AS report_id, COALESCE (a.name, r.extracted_agency) AS agency,"
  "         a.region AS region, r.year, r.version, r.kind, r.date, r.title,"
  "         s.file_name, s.original_path, s.imported_at,"
  "         r.errors, r.warnings, r.uncertain,"
  "         EXISTS (SELECT 1 FROM active_edits AS e WHERE e.report_id = r.id) AS edited"
  "  FROM reports AS r"
  "  JOIN sources AS s ON s.id = r.source_id"
  "  LEFT JOIN agencies AS a ON a.id = r.agency_id;";

/* Version 2: the journal takes agencies' renames and merges. SQLite cannot
 * change a column's constraints in place, so the table is built again and
 * every earlier step is copied over, ids and states included. Agency ids are
 * never given twice from now on (meta last_agency_id), so undoing a merge
 * can give the merged agency back its own id. */
static const char migration_v2[] =
  "CREATE TABLE actions_v2 ("
  "  id               INTEGER PRIMARY KEY,"
  "  time             TEXT NOT NULL,"
  "  kind             TEXT NOT NULL"
  "                   CHECK (kind IN ('edit', 'dismiss', 'identity', 'rename', 'merge')),"
  "  report_id        INTEGER REFERENCES reports (id) ON DELETE CASCADE,"
  "  agency_id        INTEGER,"
  "  merged_agency_id INTEGER,"
  "  target           TEXT,"
  "  before_value     TEXT,"
  "  before_note      TEXT,"
  "  after_value      TEXT,"
  "  after_note       TEXT,"
  "  created          TEXT,"
  "  undone           INTEGER NOT NULL DEFAULT 0,"
  "  CHECK (CASE WHEN kind IN ('rename', 'merge') THEN agency_id IS NOT NULL"
  "              ELSE report_id IS NOT NULL END),"
  "  CHECK (kind <> 'merge' OR merged_agency_id IS NOT NULL)"
  ");"
  "INSERT INTO actions_v2 (id, time, kind, report_id, target, before_value, before_note,"
  "                        after_value, after_note, undone)"
  "  SELECT id, time, kind, report_id, target, before_value, before_note,"
  "         after_value, after_note, undone FROM actions;"
  "DROP TABLE actions;"
  "ALTER TABLE actions_v2 RENAME TO actions;"
  "CREATE INDEX actions_by_state ON actions (undone, id);"
  "INSERT OR REPLACE INTO meta (key, value)"
  "  SELECT 'last_agency_id', CAST (COALESCE (max (id), 0) AS TEXT) FROM agencies;";

/* migrations[n] takes a library from user_version n to n + 1. Once released,
 * an entry never changes: files written by that version depend on it. */
static const char * const migrations[] = {
  schema_v1,
  migration_v2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GK_LIBRARY_SCHEMA_VERSION);

/* A checksum of the form's cells and labels: when gk-form.c changes, the
 * form_cells table is written again. */
static char *
form_signature (void)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (GkFormVersion v = 0; v < GK_N_FORM_VERSIONS; v++)
    {
      const GkFormLayout *layout = gk_form_get_layout (v);

      for (guint i = 0; layout != NULL && i < layout->n_cells; i++)
        {
          const GkFormCell *cell = &layout->cells[i];
          g_autofree char *line = g_strdup_printf ("%d|%s|%s|%s|%s|%s\n", v, cell->key,
                                                   cell->row->label, cell->column->label,
                                                   cell->row->label_en, cell->column->label_en);
          g_checksum_update (checksum, (const guchar *) line, -1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
set_meta (GkLibrary   *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "INSERT INTO meta (key, value) VALUES (?, ?)"
                                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                             error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, key);
  gk_library_bind_text (stmt, 2, value);
  return gk_library_step_done (self, stmt, error);
}

static gboolean
refresh_form_cells (GkLibrary  *self,
                    GError    **error)
{
  g_autofree char *signature = form_signature ();
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = gk_library_statement (self, "SELECT value FROM meta WHERE key = 'form_signature'", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stored = gk_library_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && !gk_library_rows_done (self, rc, error, "cannot read the form"))
    return FALSE;
  if (g_strcmp0 (stored, signature) == 0)
    return TRUE;

  if (!gk_library_exec (self, "DELETE FROM form_cells", error))
    return FALSE;
  stmt = gk_library_statement (self,
                               "INSERT INTO form_cells (version, key, position, table_key, row_key,"
                               " column_key, row_label, column_label, row_label_en, column_label_en)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (GkFormVersion v = 0; v < GK_N_FORM_VERSIONS; v++)
    {
      const GkFormLayout *layout = gk_form_get_layout (v);

      for (guint i = 0; layout != NULL && i < layout->n_cells; i++)
        {
          const GkFormCell *cell = &layout->cells[i];

          sqlite3_reset (stmt);
          gk_library_bind_text (stmt, 1, gk_form_version_to_string (v));
          gk_library_bind_text (stmt, 2, cell->key);
          sqlite3_bind_int (stmt, 3, (int) cell->index);
          gk_library_bind_text (stmt, 4, cell->table->key);
          gk_library_bind_text (stmt, 5, cell->row->key);
          gk_library_bind_text (stmt, 6, cell->column->key);
          gk_library_bind_text (stmt, 7, cell->row->label);
          gk_library_bind_text (stmt, 8, cell->column->label);
          gk_library_bind_text (stmt, 9, cell->row->label_en);
          gk_library_bind_text (stmt, 10, cell->column->label_en);
          if (!gk_library_step_done (self, stmt, error))
            return FALSE;
        }
    }
  return set_meta (self, "form_signature", signature, error);
}

static gboolean
create_or_migrate (GkLibrary  *self,
                   gint        from,
                   GError    **error)
{
  for (gint v = from; v < GK_LIBRARY_SCHEMA_VERSION; v++)
    if (!gk_library_exec (self, migrations[v], error))
      return FALSE;
  if (from < GK_LIBRARY_SCHEMA_VERSION)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", GK_LIBRARY_SCHEMA_VERSION);
      if (!gk_library_exec (self, pragma, error))
        return FALSE;
    }
  if (from == 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", GK_LIBRARY_APPLICATION_ID);
      g_autofree char *extractor = g_strdup_printf ("%d", GK_EXTRACTOR_VERSION);
      g_autofree char *now = gk_library_format_time (g_get_real_time ());

      if (!gk_library_exec (self, pragma, error)
          || !set_meta (self, "application", "gongkai", error)
          || !set_meta (self, "created_by", gk_version_string (), error)
          || !set_meta (self, "created_at", now, error)
          || !set_meta (self, "extractor_version", extractor, error))
        return FALSE;
    }
  return TRUE;
}

/* The first statement on a file that is not a database fails here, with
 * SQLITE_NOTADB: that is where a damaged file is told apart. */
static gboolean
read_header (GkLibrary  *self,
             gint       *application_id,
             gint       *user_version,
             gint       *n_objects,
             GError    **error)
{
  struct { const char *sql; gint *out; } reads[] = {
    { "PRAGMA application_id", application_id },
    { "PRAGMA user_version", user_version },
    { "SELECT count(*) FROM sqlite_master", n_objects },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, reads[i].sql, -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          gk_library_set_error (self, error, "cannot be read");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      *reads[i].out = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

gboolean
gk_library_schema_prepare (GkLibrary  *self,
                           GError    **error)
{
  gint application_id = 0, user_version = 0, n_objects = 0;
  gboolean is_new;

  if (!read_header (self, &application_id, &user_version, &n_objects, error))
    return FALSE;

  if (user_version > GK_LIBRARY_SCHEMA_VERSION && application_id == GK_LIBRARY_APPLICATION_ID)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NEWER_SCHEMA,
                   "“%s” was written by a newer version of Gongkai (library schema %d; this "
                   "version reads up to %d). It was left untouched: update Gongkai to open it.",
                   self->path, user_version, GK_LIBRARY_SCHEMA_VERSION);
      return FALSE;
    }
  is_new = application_id == 0 && user_version == 0 && n_objects == 0;
  if (!is_new && application_id != GK_LIBRARY_APPLICATION_ID)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_CORRUPT,
                   "“%s” is an SQLite database, but not a Gongkai library; it was left untouched",
                   self->path);
      return FALSE;
    }

  /* Only now is anything written to the file. */
  if (!gk_library_exec (self, "PRAGMA journal_mode = WAL", error)
      || !gk_library_exec (self, "PRAGMA synchronous = NORMAL", error)
      || !gk_library_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  /* Taking the write lock here tells a library another program holds
   * from one that merely has readers. */
  if (!gk_library_begin (self, error))
    return FALSE;
  if (!create_or_migrate (self, is_new ? 0 : user_version, error)
      || !refresh_form_cells (self, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return FALSE;
    }
  self->schema_version = GK_LIBRARY_SCHEMA_VERSION;
  return TRUE;
}
