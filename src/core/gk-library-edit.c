/* gk-library-edit.c — corrections (edits, dismissals, identity overrides),
 * agencies (renames, merges), and their undo journal
 *
 * Every correction, rename and merge is written at once, in its own
 * transaction, with an entry in the actions table: undo applies the entry's
 * "before" state and redo its "after" state, so the journal survives a
 * restart. Edits are append-only: undoing one appends the earlier value
 * again. Undoing a merge gives the merged agency back its id, names and
 * reports; what a step added to the agencies goes again on undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-identity.h"
#include "gk-json.h"
#include "gk-library-private.h"

/* ─── Agencies and regions ─────────────────────────────────────────────── */

/* The leading province, autonomous region or city of an agency's name:
 * 黑龙江省人民防空办公室 → 黑龙江省, 上海市人民政府办公厅 → 上海市. A name that
 * starts with an office (国家税务总局上海市税务局) has none. */
char *
gk_library_region_of (const char *name)
{
  static const char * const markers[] = { "自治区", "省", "市" };
  static const char office_chars[] = "局厅部委办院署会司处所站队中";
  const char *p = name;
  guint n_chars = 0;

  if (name == NULL)
    return NULL;
  while (*p != '\0' && n_chars <= 6)
    {
      gunichar c = g_utf8_get_char (p);
      char utf8[8] = { 0 };

      for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
        if (g_str_has_prefix (p, markers[m]))
          {
            if (n_chars < 2)
              return NULL;
            return g_strndup (name, (p - name) + strlen (markers[m]));
          }
      g_unichar_to_utf8 (c, utf8);
      if (c < 0x80 || strstr (office_chars, utf8) != NULL)
        return NULL;
      p = g_utf8_next_char (p);
      n_chars++;
    }
  return NULL;
}

static gboolean
add_name (GkLibrary   *self,
          const char  *name,
          const char  *key,
          gint64       agency_id,
          GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "INSERT INTO agency_names (name, key, agency_id) VALUES (?, ?, ?)"
                                             " ON CONFLICT (name) DO UPDATE SET key = excluded.key,"
                                             " agency_id = excluded.agency_id",
                                             error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, name);
  gk_library_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, agency_id);
  return gk_library_step_done (self, stmt, error);
}

/* An agency's id is never given twice, not even once a merge deleted the
 * highest: undoing the merge gives the agency back its own id.
 * meta.last_agency_id is the highest id ever given. */
static gint64
insert_agency (GkLibrary   *self,
               const char  *name,
               const char  *key,
               const char  *region,
               GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "INSERT INTO agencies (id, name, key, region) VALUES"
                                             " (max (COALESCE ((SELECT max (id) FROM agencies), 0),"
                                             " COALESCE ((SELECT CAST (value AS INTEGER) FROM meta"
                                             " WHERE key = 'last_agency_id'), 0)) + 1, ?, ?, ?)",
                                             error);
  gint64 agency_id;

  if (stmt == NULL)
    return -1;
  gk_library_bind_text (stmt, 1, name);
  gk_library_bind_text (stmt, 2, key);
  gk_library_bind_text (stmt, 3, region);
  if (!gk_library_step_done (self, stmt, error))
    return -1;
  agency_id = sqlite3_last_insert_rowid (self->db);

  stmt = gk_library_statement (self,
                               "INSERT INTO meta (key, value) VALUES ('last_agency_id', ?)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  if (!gk_library_step_done (self, stmt, error))
    return -1;
  return agency_id;
}

gint64
gk_library_resolve_agency (GkLibrary   *self,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *region = NULL;
  sqlite3_stmt *stmt;
  gint64 agency_id = 0;
  gboolean name_known = FALSE;
  int rc;

  if (name == NULL || *name == '\0')
    return 0;
  key = gk_agency_key (name);
  if (*key == '\0')
    return 0;

  stmt = gk_library_statement (self,
                               "SELECT agency_id, EXISTS (SELECT 1 FROM agency_names WHERE name = ?2)"
                               " FROM agency_names WHERE key = ?1 LIMIT 1",
                               error);
  if (stmt == NULL)
    return -1;
  gk_library_bind_text (stmt, 1, key);
  gk_library_bind_text (stmt, 2, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      agency_id = sqlite3_column_int64 (stmt, 0);
      name_known = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read agencies");
      return -1;
    }
  if (agency_id != 0)
    {
      /* another script or spelling of a known agency: kept as an alias */
      if (!name_known && !add_name (self, name, key, agency_id, error))
        return -1;
      return agency_id;
    }

  /* a new agency is named in simplified characters; the name as printed
   * stays an alias */
  canonical = gk_text_to_simplified (name, -1);
  if (canonical == NULL || *canonical == '\0')
    {
      g_free (canonical);
      canonical = g_strdup (name);
    }
  region = gk_library_region_of (canonical);
  agency_id = insert_agency (self, canonical, key, region, error);
  if (agency_id < 0)
    return -1;
  if (!add_name (self, canonical, key, agency_id, error))
    return -1;
  if (!g_str_equal (canonical, name) && !add_name (self, name, key, agency_id, error))
    return -1;
  return agency_id;
}

gboolean
gk_library_apply_identity (GkLibrary   *self,
                           gint64       report_id,
                           GError     **error)
{
  g_autofree char *agency = NULL;
  g_autofree char *version = NULL;
  sqlite3_stmt *stmt;
  gint64 year = 0, agency_id;

  stmt = gk_library_statement (self,
                               "SELECT COALESCE (o.agency, r.extracted_agency),"
                               " COALESCE (o.year, r.extracted_year),"
                               " COALESCE (o.version, r.extracted_version)"
                               " FROM reports AS r LEFT JOIN identity_overrides AS o ON o.report_id = r.id"
                               " WHERE r.id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a report"))
    return FALSE;
  agency = gk_library_column_dup (stmt, 0);
  year = sqlite3_column_int64 (stmt, 1);
  version = gk_library_column_dup (stmt, 2);
  sqlite3_reset (stmt);

  agency_id = gk_library_resolve_agency (self, agency, error);
  if (agency_id < 0)
    return FALSE;
  stmt = gk_library_statement (self, "UPDATE reports SET agency_id = ?, year = ?, version = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_id (stmt, 1, agency_id);
  gk_library_bind_id (stmt, 2, year);
  gk_library_bind_text (stmt, 3, version != NULL ? version : "unknown");
  sqlite3_bind_int64 (stmt, 4, report_id);
  return gk_library_step_done (self, stmt, error);
}

/* ─── Refreshing after a change ────────────────────────────────────────── */

/* The reports whose cached counts read @report_id: itself, and the same
 * agency's next year where it was before the change and where it is now.
 * They are appended to @touched, for the signals. */
static gboolean
refresh_after_change (GkLibrary             *self,
                      gint64                 report_id,
                      const GkLibraryPlace  *before,
                      GArray                *touched,
                      GError               **error)
{
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();

  return gk_library_add_dependents (self, report_id, before, touched, error)
         && gk_library_refresh_reports (self, touched, cache, error);
}

static void
emit_changes (GkLibrary *self,
              GArray    *touched,
              gboolean   list_changed)
{
  for (guint i = 0; i < touched->len; i++)
    gk_library_emit_report_changed (self, g_array_index (touched, gint64, i));
  if (list_changed)
    gk_library_emit_reports_changed (self);
  gk_library_emit_history_changed (self);
}

/* ─── The journal ──────────────────────────────────────────────────────── */

/* One step of the journal. Steps on a report (edit, dismiss, identity) name
 * it; steps on agencies (rename, merge) name the agencies instead. */
typedef struct
{
  const char *kind;
  gint64      report_id;          /* 0 for a rename or merge */
  gint64      agency_id;          /* rename: the agency; merge: the one kept */
  gint64      merged_agency_id;   /* merge: the one merged into it */
  const char *target;
  const char *before_value;
  const char *before_note;
  const char *after_value;
  const char *after_note;
  const char *created;            /* JSON: the agencies and names the step added */
} JournalEntry;

static gboolean
record_action (GkLibrary           *self,
               const JournalEntry  *entry,
               GError             **error)
{
  g_autofree char *now = gk_library_format_time (g_get_real_time ());
  sqlite3_stmt *stmt;

  /* a new action clears the redo side */
  if (!gk_library_exec (self, "DELETE FROM actions WHERE undone = 1", error))
    return FALSE;
  stmt = gk_library_statement (self,
                               "INSERT INTO actions (time, kind, report_id, agency_id, merged_agency_id,"
                               " target, before_value, before_note, after_value, after_note, created)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, now);
  gk_library_bind_text (stmt, 2, entry->kind);
  gk_library_bind_id (stmt, 3, entry->report_id);
  gk_library_bind_id (stmt, 4, entry->agency_id);
  gk_library_bind_id (stmt, 5, entry->merged_agency_id);
  gk_library_bind_text (stmt, 6, entry->target);
  gk_library_bind_text (stmt, 7, entry->before_value);
  gk_library_bind_text (stmt, 8, entry->before_note);
  gk_library_bind_text (stmt, 9, entry->after_value);
  gk_library_bind_text (stmt, 10, entry->after_note);
  gk_library_bind_text (stmt, 11, entry->created);
  return gk_library_step_done (self, stmt, error);
}

/* What a step adds to agencies and agency_names: an identity override may
 * name a new agency or a new spelling of one, a rename adds the new name.
 * Agency ids only grow, and so do agency_names' rowids within the step's
 * transaction, so what is above the mark taken before the step is new. */
typedef struct
{
  gint64 last_agency;
  gint64 last_name;
} AgencyMark;

static gboolean
mark_agencies (GkLibrary   *self,
               AgencyMark  *mark,
               GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT (SELECT COALESCE (max (id), 0) FROM agencies),"
                                             " (SELECT COALESCE (max (rowid), 0) FROM agency_names)",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mark->last_agency = sqlite3_column_int64 (stmt, 0);
      mark->last_name = sqlite3_column_int64 (stmt, 1);
    }
  else
    gk_library_set_error (self, error, "cannot read agencies");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* *@created: {"agencies": [{id, name, key, region}…], "names": [{name, key,
 * agency_id}…]}, or NULL when the step added nothing. */
static gboolean
created_since (GkLibrary         *self,
               const AgencyMark  *mark,
               char             **created,
               GError           **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT CASE WHEN EXISTS (SELECT 1 FROM agencies WHERE id > ?1)"
                                             " OR EXISTS (SELECT 1 FROM agency_names WHERE rowid > ?2)"
                                             " THEN json_object ("
                                             "'agencies', json ((SELECT json_group_array (json_object ('id', id,"
                                             " 'name', name, 'key', key, 'region', region)) FROM (SELECT * FROM"
                                             " agencies WHERE id > ?1 ORDER BY id))),"
                                             " 'names', json ((SELECT json_group_array (json_object ('name', name,"
                                             " 'key', key, 'agency_id', agency_id)) FROM (SELECT rowid, * FROM"
                                             " agency_names WHERE rowid > ?2 ORDER BY rowid)))) END",
                                             error);
  int rc;

  *created = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mark->last_agency);
  sqlite3_bind_int64 (stmt, 2, mark->last_name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *created = gk_library_column_dup (stmt, 0);
  else
    gk_library_set_error (self, error, "cannot read agencies");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
run_with_json (GkLibrary   *self,
               const char  *sql,
               const char  *json,
               GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, json);
  return gk_library_step_done (self, stmt, error);
}

/* Undo: the agencies a step added go again unless a report now belongs to
 * one, and so do the names no report goes by (nor an agency is called):
 * what another program imported meanwhile stays. */
static gboolean
drop_created (GkLibrary   *self,
              const char  *created,
              GError     **error)
{
  if (created == NULL)
    return TRUE;
  return run_with_json (self,
                        "DELETE FROM agencies WHERE id IN (SELECT json_extract (value, '$.id')"
                        " FROM json_each (?1, '$.agencies'))"
                        " AND NOT EXISTS (SELECT 1 FROM reports WHERE agency_id = agencies.id)",
                        created, error)
         && run_with_json (self,
                           "DELETE FROM agency_names WHERE name IN (SELECT json_extract (value, '$.name')"
                           " FROM json_each (?1, '$.names'))"
                           " AND NOT EXISTS (SELECT 1 FROM agencies AS a"
                           " WHERE a.id = agency_names.agency_id AND a.name = agency_names.name)"
                           " AND NOT EXISTS (SELECT 1 FROM reports AS r"
                           " LEFT JOIN identity_overrides AS o ON o.report_id = r.id"
                           " WHERE COALESCE (o.agency, r.extracted_agency) = agency_names.name)",
                           created, error);
}

/* Redo: they come back under their ids, unless another agency has taken
 * the name meanwhile; then the step joins that one, as it would anew. */
static gboolean
restore_created (GkLibrary   *self,
                 const char  *created,
                 GError     **error)
{
  if (created == NULL)
    return TRUE;
  return run_with_json (self,
                        "INSERT OR IGNORE INTO agencies (id, name, key, region)"
                        " SELECT json_extract (value, '$.id'), json_extract (value, '$.name'),"
                        " json_extract (value, '$.key'), json_extract (value, '$.region')"
                        " FROM json_each (?1, '$.agencies')",
                        created, error)
         && run_with_json (self,
                           "INSERT OR IGNORE INTO agency_names (name, key, agency_id)"
                           " SELECT json_extract (value, '$.name'), json_extract (value, '$.key'),"
                           " json_extract (value, '$.agency_id') FROM json_each (?1, '$.names')"
                           " WHERE json_extract (value, '$.agency_id') IN (SELECT id FROM agencies)",
                           created, error);
}

static gboolean
report_exists (GkLibrary   *self,
               gint64       report_id,
               char       **version,
               GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT version FROM reports WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (!gk_library_step_report (self, stmt, report_id, error, "cannot read a report"))
    return FALSE;
  if (version != NULL)
    *version = gk_library_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* ─── Edits ────────────────────────────────────────────────────────────── */

/* The cell's active edit: *@raw is NULL when there is none. */
static gboolean
current_edit (GkLibrary   *self,
              gint64       report_id,
              const char  *cell_key,
              char       **raw,
              char       **note,
              GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT raw, note FROM edits WHERE report_id = ? AND cell_key = ?"
                                             " ORDER BY id DESC LIMIT 1",
                                             error);
  int rc;

  *raw = NULL;
  *note = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  gk_library_bind_text (stmt, 2, cell_key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *raw = gk_library_column_dup (stmt, 0);
      *note = gk_library_column_dup (stmt, 1);
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    gk_library_set_error (self, error, "cannot read edits");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
append_edit (GkLibrary   *self,
             gint64       report_id,
             const char  *cell_key,
             const char  *raw,
             const char  *note,
             GError     **error)
{
  g_autofree char *now = gk_library_format_time (g_get_real_time ());
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "INSERT INTO edits (report_id, cell_key, raw, kind, value,"
                                             " is_integer, unit, note, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  gk_library_bind_text (stmt, 2, cell_key);
  gk_library_bind_text (stmt, 3, raw);
  if (raw != NULL)
    {
      GkNumber number = gk_number_parse (raw);

      gk_library_bind_text (stmt, 4, gk_value_kind_to_string (number.kind));
      if (gk_number_is_present (&number))
        sqlite3_bind_double (stmt, 5, number.value);
      sqlite3_bind_int (stmt, 6, number.is_integer ? 1 : 0);
      gk_library_bind_text (stmt, 7, number.unit);
      gk_library_bind_text (stmt, 8, note);
    }
  gk_library_bind_text (stmt, 9, now);
  return gk_library_step_done (self, stmt, error);
}

/* What is checked and what the journal records as "before" is read after
 * BEGIN IMMEDIATE: another program may write the file in between. */
static gboolean
write_edit (GkLibrary   *self,
            gint64       report_id,
            const char  *cell_key,
            const char  *raw,
            const char  *note,
            GArray      *touched,
            GError     **error)
{
  g_autofree char *version_key = NULL;
  g_autofree char *old_raw = NULL;
  g_autofree char *old_note = NULL;
  GkFormVersion version = GK_FORM_UNKNOWN;
  const GkFormLayout *layout;
  GkLibraryPlace before;

  if (!report_exists (self, report_id, &version_key, error))
    return FALSE;
  gk_form_version_from_string (version_key, &version);
  layout = gk_form_get_layout (version);
  if (layout == NULL || gk_form_layout_lookup (layout, cell_key) == NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
                   "Report %" G_GINT64_FORMAT " has no cell “%s” (form %s)", report_id, cell_key,
                   version_key);
      return FALSE;
    }

  if (!current_edit (self, report_id, cell_key, &old_raw, &old_note, error))
    return FALSE;
  if (raw == NULL && old_raw == NULL)
    return TRUE;
  if (raw != NULL && old_raw != NULL && g_str_equal (raw, old_raw) && g_strcmp0 (note, old_note) == 0)
    return TRUE;

  return gk_library_report_place (self, report_id, &before, error)
         && append_edit (self, report_id, cell_key, raw, note, error)
         && record_action (self,
                           &(JournalEntry) { .kind = "edit", .report_id = report_id, .target = cell_key,
                                             .before_value = old_raw, .before_note = old_note,
                                             .after_value = raw, .after_note = note },
                           error)
         && refresh_after_change (self, report_id, &before, touched, error);
}

gboolean
gk_library_set_edit (GkLibrary   *self,
                     gint64       report_id,
                     const char  *cell_key,
                     const char  *raw,
                     const char  *note,
                     GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (cell_key != NULL, FALSE);

  if (note != NULL && *note == '\0')
    note = NULL;
  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return FALSE;
  if (!write_edit (self, report_id, cell_key, raw, note, touched, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return FALSE;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  /* nothing touched: the cell already was so */
  if (touched->len > 0)
    emit_changes (self, touched, FALSE);
  return TRUE;
}

/* ─── Dismissed findings ───────────────────────────────────────────────── */

/* The finding's dismissal: *@reason is NULL when it is not dismissed. */
static gboolean
current_dismissal (GkLibrary   *self,
                   gint64       report_id,
                   const char  *finding_id,
                   char       **reason,
                   GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT reason FROM dismissals WHERE report_id = ? AND finding_id = ?",
                                             error);
  int rc;

  *reason = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  gk_library_bind_text (stmt, 2, finding_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *reason = gk_library_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    gk_library_set_error (self, error, "cannot read dismissals");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
write_dismissal (GkLibrary   *self,
                 gint64       report_id,
                 const char  *finding_id,
                 const char  *reason,
                 GError     **error)
{
  g_autofree char *now = gk_library_format_time (g_get_real_time ());
  sqlite3_stmt *stmt;

  if (reason == NULL)
    stmt = gk_library_statement (self, "DELETE FROM dismissals WHERE report_id = ? AND finding_id = ?", error);
  else
    stmt = gk_library_statement (self,
                                 "INSERT INTO dismissals (report_id, finding_id, reason, time)"
                                 " VALUES (?, ?, ?, ?) ON CONFLICT (report_id, finding_id)"
                                 " DO UPDATE SET reason = excluded.reason, time = excluded.time",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  gk_library_bind_text (stmt, 2, finding_id);
  if (reason != NULL)
    {
      gk_library_bind_text (stmt, 3, reason);
      gk_library_bind_text (stmt, 4, now);
    }
  return gk_library_step_done (self, stmt, error);
}

/* *@changed is FALSE when the finding already was so. */
static gboolean
write_dismissal_change (GkLibrary   *self,
                        gint64       report_id,
                        const char  *finding_id,
                        const char  *reason,
                        gboolean    *changed,
                        GError     **error)
{
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();
  g_autofree char *old_reason = NULL;

  *changed = FALSE;
  if (!report_exists (self, report_id, NULL, error)
      || !current_dismissal (self, report_id, finding_id, &old_reason, error))
    return FALSE;
  if (reason == NULL && old_reason == NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
                   "Finding “%s” of report %" G_GINT64_FORMAT " is not dismissed", finding_id, report_id);
      return FALSE;
    }
  if (g_strcmp0 (reason, old_reason) == 0)
    return TRUE;

  *changed = TRUE;
  return write_dismissal (self, report_id, finding_id, reason, error)
         && record_action (self,
                           &(JournalEntry) { .kind = "dismiss", .report_id = report_id, .target = finding_id,
                                             .before_value = old_reason, .after_value = reason },
                           error)
         && gk_library_refresh_counts (self, report_id, cache, error);
}

static gboolean
change_dismissal (GkLibrary   *self,
                  gint64       report_id,
                  const char  *finding_id,
                  const char  *reason,
                  GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean changed = FALSE;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (finding_id != NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return FALSE;
  if (!write_dismissal_change (self, report_id, finding_id, reason, &changed, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return FALSE;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (!changed)
    return TRUE;
  g_array_append_val (touched, report_id);
  emit_changes (self, touched, FALSE);
  return TRUE;
}

gboolean
gk_library_dismiss_finding (GkLibrary   *self,
                            gint64       report_id,
                            const char  *finding_id,
                            const char  *reason,
                            GError     **error)
{
  return change_dismissal (self, report_id, finding_id, reason != NULL ? reason : "", error);
}

gboolean
gk_library_restore_finding (GkLibrary   *self,
                            gint64       report_id,
                            const char  *finding_id,
                            GError     **error)
{
  return change_dismissal (self, report_id, finding_id, NULL, error);
}

GHashTable *
gk_library_list_dismissed (GkLibrary   *self,
                           gint64       report_id,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GHashTable) dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!report_exists (self, report_id, NULL, error))
    return NULL;
  stmt = gk_library_statement (self, "SELECT finding_id, reason FROM dismissals WHERE report_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (dismissed, gk_library_column_dup (stmt, 0), gk_library_column_dup (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read dismissals");
      return NULL;
    }
  return g_steal_pointer (&dismissed);
}

/* ─── Identity overrides ───────────────────────────────────────────────── */

typedef struct
{
  char          *agency;   /* NULL: as extracted */
  gint           year;     /* 0: as extracted */
  char          *version;  /* NULL: as extracted */
} Override;

static void
override_clear (Override *override)
{
  g_clear_pointer (&override->agency, g_free);
  g_clear_pointer (&override->version, g_free);
  override->year = 0;
}

static gboolean
override_is_empty (const Override *override)
{
  return override->agency == NULL && override->year == 0 && override->version == NULL;
}

static gboolean
override_equal (const Override *a,
                const Override *b)
{
  return g_strcmp0 (a->agency, b->agency) == 0 && a->year == b->year
         && g_strcmp0 (a->version, b->version) == 0;
}

/* In the journal an override is a JSON object; NULL when there is none. */
static char *
override_to_json (const Override *override)
{
  g_autoptr(GkJson) json = NULL;

  if (override_is_empty (override))
    return NULL;
  json = gk_json_new (FALSE);
  gk_json_begin_object (json);
  gk_json_member_string (json, "agency", override->agency);
  gk_json_key (json, "year");
  if (override->year != 0)
    gk_json_int (json, override->year);
  else
    gk_json_null (json);
  gk_json_member_string (json, "version", override->version);
  gk_json_end_object (json);
  return gk_json_free_to_string (g_steal_pointer (&json));
}

static gboolean
override_from_json (GkLibrary   *self,
                    const char  *text,
                    Override    *override,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  override_clear (override);
  if (text == NULL)
    return TRUE;
  stmt = gk_library_statement (self,
                               "SELECT json_extract (?1, '$.agency'), json_extract (?1, '$.year'),"
                               " json_extract (?1, '$.version')",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, text);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      override->agency = gk_library_column_dup (stmt, 0);
      override->year = sqlite3_column_int (stmt, 1);
      override->version = gk_library_column_dup (stmt, 2);
    }
  else
    gk_library_set_error (self, error, "cannot read the journal");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
current_override (GkLibrary  *self,
                  gint64      report_id,
                  Override   *override,
                  GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT agency, year, version FROM identity_overrides"
                                             " WHERE report_id = ?",
                                             error);
  int rc;

  override_clear (override);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      override->agency = gk_library_column_dup (stmt, 0);
      override->year = sqlite3_column_int (stmt, 1);
      override->version = gk_library_column_dup (stmt, 2);
    }
  else if (rc != SQLITE_DONE)
    gk_library_set_error (self, error, "cannot read identity overrides");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
write_override (GkLibrary       *self,
                gint64           report_id,
                const Override  *override,
                GError         **error)
{
  g_autofree char *now = gk_library_format_time (g_get_real_time ());
  sqlite3_stmt *stmt;

  if (override_is_empty (override))
    stmt = gk_library_statement (self, "DELETE FROM identity_overrides WHERE report_id = ?", error);
  else
    stmt = gk_library_statement (self,
                                 "INSERT INTO identity_overrides (report_id, agency, year, version, time)"
                                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id) DO UPDATE SET"
                                 " agency = excluded.agency, year = excluded.year,"
                                 " version = excluded.version, time = excluded.time",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  if (!override_is_empty (override))
    {
      gk_library_bind_text (stmt, 2, override->agency);
      gk_library_bind_id (stmt, 3, override->year);
      gk_library_bind_text (stmt, 4, override->version);
      gk_library_bind_text (stmt, 5, now);
    }
  return gk_library_step_done (self, stmt, error) && gk_library_apply_identity (self, report_id, error);
}

/* The new override keeps what the researcher does not change, as it is
 * once the transaction has begun. *@changed is FALSE when nothing changes. */
static gboolean
write_identity (GkLibrary      *self,
                gint64          report_id,
                const char     *agency,
                gint            year,
                GkFormVersion   version,
                gboolean       *changed,
                GArray         *touched,
                GError        **error)
{
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *created = NULL;
  Override before = { NULL, 0, NULL }, after = { NULL, 0, NULL };
  GkLibraryPlace place;
  AgencyMark mark;
  gboolean ok;

  *changed = FALSE;
  if (!report_exists (self, report_id, NULL, error)
      || !current_override (self, report_id, &before, error))
    return FALSE;
  after.agency = g_strdup (agency != NULL && *agency != '\0' ? agency : before.agency);
  after.year = year > 0 ? year : before.year;
  after.version = g_strdup (version != GK_FORM_UNKNOWN ? gk_form_version_to_string (version) : before.version);
  *changed = !override_equal (&before, &after);
  before_json = override_to_json (&before);
  after_json = override_to_json (&after);

  ok = !*changed
       || (gk_library_report_place (self, report_id, &place, error)
           && mark_agencies (self, &mark, error)
           && write_override (self, report_id, &after, error)
           && created_since (self, &mark, &created, error)
           && record_action (self,
                             &(JournalEntry) { .kind = "identity", .report_id = report_id,
                                               .before_value = before_json, .after_value = after_json,
                                               .created = created },
                             error)
           && refresh_after_change (self, report_id, &place, touched, error));
  override_clear (&before);
  override_clear (&after);
  return ok;
}

gboolean
gk_library_set_identity (GkLibrary      *self,
                         gint64          report_id,
                         const char     *agency,
                         gint            year,
                         GkFormVersion   version,
                         GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean changed = FALSE;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return FALSE;
  if (!write_identity (self, report_id, agency, year, version, &changed, touched, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return FALSE;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (changed)
    emit_changes (self, touched, TRUE);
  return TRUE;
}

/* ─── Agencies ─────────────────────────────────────────────────────────── */

GPtrArray *
gk_library_list_agencies (GkLibrary  *self,
                          GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_agency_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = gk_library_statement (self,
                               "SELECT a.id, a.name, a.key,"
                               " (SELECT count (*) FROM reports AS r WHERE r.agency_id = a.id)"
                               " FROM agencies AS a ORDER BY a.name, a.id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkAgency *agency = g_new0 (GkAgency, 1);

      agency->id = sqlite3_column_int64 (stmt, 0);
      agency->name = gk_library_column_dup (stmt, 1);
      agency->key = gk_library_column_dup (stmt, 2);
      agency->n_reports = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (agencies, agency);
      g_hash_table_insert (by_id, &agency->id, agency);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot list agencies");
      return NULL;
    }

  stmt = gk_library_statement (self,
                               "SELECT n.agency_id, n.name FROM agency_names AS n"
                               " JOIN agencies AS a ON a.id = n.agency_id"
                               " WHERE n.name <> a.name ORDER BY n.agency_id, n.name",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GkAgency *agency = g_hash_table_lookup (by_id, &id);
      GPtrArray *names;

      if (agency == NULL)
        continue;
      names = g_hash_table_lookup (aliases, &agency->id);
      if (names == NULL)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (aliases, &agency->id, names);
        }
      g_ptr_array_add (names, gk_library_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot list agency names");
      return NULL;
    }
  for (guint i = 0; i < agencies->len; i++)
    {
      GkAgency *agency = g_ptr_array_index (agencies, i);
      GPtrArray *names = g_hash_table_lookup (aliases, &agency->id);

      if (names == NULL)
        {
          agency->aliases = g_new0 (char *, 1);
          continue;
        }
      g_ptr_array_add (names, NULL);
      agency->aliases = (GStrv) g_ptr_array_steal (names, NULL);
    }
  return g_steal_pointer (&agencies);
}

/* The agency's name; NULL, with @error set, when there is no such agency. */
static char *
agency_name (GkLibrary  *self,
             gint64      agency_id,
             GError    **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT name FROM agencies WHERE id = ?", error);
  char *name = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = gk_library_column_dup (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
                 "“%s” has no agency %" G_GINT64_FORMAT, self->path, agency_id);
  else
    gk_library_set_error (self, error, "cannot read agencies");
  sqlite3_reset (stmt);
  return name;
}


/* The first report of an agency: the one undo and redo give back to show.
 * 0 when it has none. */
static gint64
first_report_of (GkLibrary *self,
                 gint64     agency_id)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT min (id) FROM reports WHERE agency_id = ?", NULL);
  gint64 report_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    report_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return report_id;
}

static gboolean
add_reports_of (GkLibrary   *self,
                gint64       agency_id,
                GArray      *ids,
                GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT id FROM reports WHERE agency_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return gk_library_rows_done (self, rc, error, "cannot read reports");
}

/* A name whose key another agency goes by would make the two one agency:
 * that is a merge, not a rename. */
static gboolean
check_name_free (GkLibrary   *self,
                 gint64       agency_id,
                 const char  *name,
                 const char  *key,
                 GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             "SELECT agency_id FROM agency_names WHERE key = ? AND agency_id <> ?"
                                             " UNION ALL SELECT id FROM agencies WHERE key = ? AND id <> ?",
                                             error);
  gint64 other = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, agency_id);
  gk_library_bind_text (stmt, 3, key);
  sqlite3_bind_int64 (stmt, 4, agency_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    other = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read agencies");
      return FALSE;
    }
  if (other != 0)
    {
      g_autofree char *other_name = agency_name (self, other, NULL);
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
                   "“%s” is already a name of the agency “%s”: merge the two instead",
                   name, other_name != NULL ? other_name : "?");
      return FALSE;
    }
  return TRUE;
}

/* One agency's row of @sql (bound to @agency_id), a JSON object, into *@json. */
static gboolean
agency_json (GkLibrary   *self,
             const char  *sql,
             gint64       agency_id,
             char       **json,
             GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, sql, error);
  int rc;

  *json = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, agency_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *json = gk_library_column_dup (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
                 "“%s” has no agency %" G_GINT64_FORMAT, self->path, agency_id);
  else
    gk_library_set_error (self, error, "cannot read agencies");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* In the journal a rename's states are JSON objects: {"name", "key", "region"}. */
static gboolean
agency_state (GkLibrary   *self,
              gint64       agency_id,
              char       **json,
              GError     **error)
{
  return agency_json (self,
                      "SELECT json_object ('name', name, 'key', key, 'region', region)"
                      " FROM agencies WHERE id = ?",
                      agency_id, json, error);
}

static gboolean
set_agency_state (GkLibrary   *self,
                  gint64       agency_id,
                  const char  *json,
                  GError     **error)
{
  g_autofree char *current = agency_name (self, agency_id, error);
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (current == NULL)
    return FALSE;
  stmt = gk_library_statement (self, "SELECT json_extract (?1, '$.name'), json_extract (?1, '$.key')", error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, json);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = gk_library_column_dup (stmt, 0);
      key = gk_library_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (name == NULL || key == NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
                   "“%s”: the journal holds a rename without a name", self->path);
      return FALSE;
    }
  if (!check_name_free (self, agency_id, name, key, error))
    return FALSE;

  stmt = gk_library_statement (self,
                               "UPDATE agencies SET name = json_extract (?1, '$.name'),"
                               " key = json_extract (?1, '$.key'), region = json_extract (?1, '$.region')"
                               " WHERE id = ?2",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, json);
  sqlite3_bind_int64 (stmt, 2, agency_id);
  return gk_library_step_done (self, stmt, error);
}

/* What is checked and what the journal records as "before" is read after
 * BEGIN IMMEDIATE. *@changed is FALSE when the agency already had the name. */
static gboolean
write_rename (GkLibrary   *self,
              gint64       agency_id,
              const char  *name,
              const char  *key,
              gboolean    *changed,
              GError     **error)
{
  g_autofree char *old_name = agency_name (self, agency_id, error);
  g_autofree char *region = gk_library_region_of (name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *created = NULL;
  AgencyMark mark;
  sqlite3_stmt *stmt;

  *changed = FALSE;
  if (old_name == NULL)
    return FALSE;
  if (g_str_equal (old_name, name))
    return TRUE;
  if (!check_name_free (self, agency_id, name, key, error)
      || !agency_state (self, agency_id, &before, error)
      || !mark_agencies (self, &mark, error))
    return FALSE;

  stmt = gk_library_statement (self, "UPDATE agencies SET name = ?, key = ?, region = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, name);
  gk_library_bind_text (stmt, 2, key);
  gk_library_bind_text (stmt, 3, region);
  sqlite3_bind_int64 (stmt, 4, agency_id);
  *changed = TRUE;
  /* the old name stays, as an alias */
  return gk_library_step_done (self, stmt, error)
         && add_name (self, name, key, agency_id, error)
         && agency_state (self, agency_id, &after, error)
         && created_since (self, &mark, &created, error)
         && record_action (self,
                           &(JournalEntry) { .kind = "rename", .agency_id = agency_id,
                                             .before_value = before, .after_value = after,
                                             .created = created },
                           error);
}

gboolean
gk_library_rename_agency (GkLibrary   *self,
                          gint64       agency_id,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  key = gk_agency_key (trimmed);
  if (*key == '\0')
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED, "An agency needs a name");
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return FALSE;
  if (!write_rename (self, agency_id, trimmed, key, &changed, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return FALSE;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (changed)
    emit_changes (self, touched, TRUE);
  return TRUE;
}

/* In the journal a merge keeps the merged agency as it was, for undo:
 * {"id", "name", "key", "region", "names": [{"name", "key"}…], "reports": [id…]}. */
static gboolean
merged_state (GkLibrary   *self,
              gint64       agency_id,
              char       **json,
              GError     **error)
{
  return agency_json (self,
                      "SELECT json_object ('id', a.id, 'name', a.name, 'key', a.key,"
                      " 'region', a.region,"
                      " 'names', json ((SELECT json_group_array (json_object ('name', n.name,"
                      " 'key', n.key)) FROM (SELECT name, key FROM agency_names"
                      " WHERE agency_id = a.id ORDER BY name) AS n)),"
                      " 'reports', json ((SELECT json_group_array (r.id) FROM (SELECT id"
                      " FROM reports WHERE agency_id = a.id ORDER BY id) AS r)))"
                      " FROM agencies AS a WHERE a.id = ?",
                      agency_id, json, error);
}

/* @merged's names and reports move to @kept, and @merged goes; *@before is
 * @merged as it was. The reports of @kept are appended to @touched. */
static gboolean
write_merge (GkLibrary   *self,
             gint64       kept,
             gint64       merged,
             char       **before,
             GArray      *touched,
             GError     **error)
{
  static const char * const moves[] = {
    "UPDATE agency_names SET agency_id = ?1 WHERE agency_id = ?2",
    "UPDATE reports SET agency_id = ?1 WHERE agency_id = ?2",
    "DELETE FROM agencies WHERE id = ?2",
  };
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();
  g_autofree char *kept_name = agency_name (self, kept, error);

  *before = NULL;
  if (kept_name == NULL || !merged_state (self, merged, before, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      sqlite3_stmt *stmt = gk_library_statement (self, moves[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, kept);
      sqlite3_bind_int64 (stmt, 2, merged);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
    }

  /* years now meet that were apart: every cross-year check is run again */
  return add_reports_of (self, kept, touched, error)
         && gk_library_refresh_reports (self, touched, cache, error);
}

/* Undoing a merge: @merged comes back under its own id, with its names and
 * the reports it had (those that are still with @kept). The reports of both
 * are appended to @touched and checked again. */
static gboolean
write_unmerge (GkLibrary   *self,
               gint64       kept,
               gint64       merged,
               const char  *before,
               GArray      *touched,
               GError     **error)
{
  static const char * const moves[] = {
    "INSERT INTO agencies (id, name, key, region) SELECT ?2, json_extract (?1, '$.name'),"
    " json_extract (?1, '$.key'), json_extract (?1, '$.region')",
    "UPDATE agency_names SET agency_id = ?2 WHERE agency_id = ?3 AND name IN"
    " (SELECT json_extract (value, '$.name') FROM json_each (?1, '$.names'))",
    "UPDATE reports SET agency_id = ?2 WHERE agency_id = ?3 AND id IN"
    " (SELECT value FROM json_each (?1, '$.reports'))",
  };
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();
  g_autofree char *taken_by = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (before == NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
                   "“%s”: the journal holds a merge without the merged agency", self->path);
      return FALSE;
    }
  stmt = gk_library_statement (self, "SELECT name FROM agencies WHERE id = ?2 OR key = json_extract (?1, '$.key')",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, before);
  sqlite3_bind_int64 (stmt, 2, merged);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    taken_by = gk_library_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot read agencies");
      return FALSE;
    }
  if (taken_by != NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
                   "The merge cannot be undone: the agency “%s” has taken the merged agency’s place",
                   taken_by);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      stmt = gk_library_statement (self, moves[i], error);
      if (stmt == NULL)
        return FALSE;
      gk_library_bind_text (stmt, 1, before);
      sqlite3_bind_int64 (stmt, 2, merged);
      if (i > 0)
        sqlite3_bind_int64 (stmt, 3, kept);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
    }
  /* the years that met are apart again */
  return add_reports_of (self, kept, touched, error)
         && add_reports_of (self, merged, touched, error)
         && gk_library_refresh_reports (self, touched, cache, error);
}

gboolean
gk_library_merge_agencies (GkLibrary   *self,
                           gint64       kept,
                           gint64       merged,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *before = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *merged_name = NULL;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return FALSE;
  kept_name = agency_name (self, kept, error);
  merged_name = kept_name != NULL ? agency_name (self, merged, error) : NULL;
  if (merged_name == NULL)
    goto failed;
  if (kept == merged)
    {
      gk_library_rollback (self);
      return TRUE;
    }
  if (!write_merge (self, kept, merged, &before, touched, error)
      || !record_action (self,
                         &(JournalEntry) { .kind = "merge", .agency_id = kept, .merged_agency_id = merged,
                                           .before_value = before },
                         error)
      || !gk_library_commit (self, error))
    goto failed;

  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  emit_changes (self, touched, TRUE);
  return TRUE;

failed:
  gk_library_rollback (self);
  return FALSE;
}

/* ─── Undo and redo ────────────────────────────────────────────────────── */

static gboolean
has_action (GkLibrary *self,
            gboolean   undone)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&self->lock);

  return gk_library_query_int (self, undone ? "SELECT EXISTS (SELECT 1 FROM actions WHERE undone = 1)"
                                            : "SELECT EXISTS (SELECT 1 FROM actions WHERE undone = 0)",
                               0) != 0;
}

gboolean
gk_library_can_undo (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  return has_action (self, FALSE);
}

gboolean
gk_library_can_redo (GkLibrary *self)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);
  return has_action (self, TRUE);
}

/* A step of the journal as undo or redo reads it: @value and @note are the
 * state to apply, "before" for undo and "after" for redo. */
typedef struct
{
  gint64  id;
  char   *kind;
  gint64  report_id;
  gint64  agency_id;
  gint64  merged_agency_id;
  char   *target;
  char   *value;
  char   *note;
  char   *created;
} JournalStep;

static void
journal_step_clear (JournalStep *step)
{
  g_clear_pointer (&step->kind, g_free);
  g_clear_pointer (&step->target, g_free);
  g_clear_pointer (&step->value, g_free);
  g_clear_pointer (&step->note, g_free);
  g_clear_pointer (&step->created, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JournalStep, journal_step_clear)

/* Undo reads the latest done step, redo the earliest undone one. It is read
 * once the transaction has begun, so it is the latest whoever wrote it.
 * *@found is FALSE when there is none. */
static gboolean
read_step (GkLibrary    *self,
           gboolean      undo,
           JournalStep  *step,
           gboolean     *found,
           GError      **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self,
                                             undo ? "SELECT id, kind, report_id, agency_id, merged_agency_id,"
                                                    " target, before_value, before_note, created FROM actions"
                                                    " WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                                                  : "SELECT id, kind, report_id, agency_id, merged_agency_id,"
                                                    " target, after_value, after_note, created FROM actions"
                                                    " WHERE undone = 1 ORDER BY id LIMIT 1",
                                             error);
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      step->id = sqlite3_column_int64 (stmt, 0);
      step->kind = gk_library_column_dup (stmt, 1);
      step->report_id = sqlite3_column_int64 (stmt, 2);
      step->agency_id = sqlite3_column_int64 (stmt, 3);
      step->merged_agency_id = sqlite3_column_int64 (stmt, 4);
      step->target = gk_library_column_dup (stmt, 5);
      step->value = gk_library_column_dup (stmt, 6);
      step->note = gk_library_column_dup (stmt, 7);
      step->created = gk_library_column_dup (stmt, 8);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || gk_library_rows_done (self, rc, error, "cannot read the journal");
}

static gboolean
mark_step (GkLibrary    *self,
           gint64        action_id,
           gboolean      undone,
           GError      **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "UPDATE actions SET undone = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, undone ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, action_id);
  return gk_library_step_done (self, stmt, error);
}

static gboolean
apply_state (GkLibrary          *self,
             const JournalStep  *step,
             GError            **error)
{
  if (g_str_equal (step->kind, "edit"))
    return append_edit (self, step->report_id, step->target, step->value, step->note, error);
  if (g_str_equal (step->kind, "dismiss"))
    return write_dismissal (self, step->report_id, step->target, step->value, error);
  if (g_str_equal (step->kind, "identity"))
    {
      Override override = { NULL, 0, NULL };
      gboolean ok = override_from_json (self, step->value, &override, error)
                    && write_override (self, step->report_id, &override, error);
      override_clear (&override);
      return ok;
    }
  g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
               "“%s”: the journal holds an action of unknown kind “%s”", self->path, step->kind);
  return FALSE;
}

/* An edit, dismissal or identity override. Undo takes away the agencies
 * and names the step added once the report has left them; redo gives them
 * back before the report joins them again. */
static gboolean
apply_report_step (GkLibrary          *self,
                   gboolean            undo,
                   const JournalStep  *step,
                   GArray             *touched,
                   GError            **error)
{
  GkLibraryPlace before;

  if (!gk_library_report_place (self, step->report_id, &before, error))
    return FALSE;
  if (undo)
    return apply_state (self, step, error)
           && drop_created (self, step->created, error)
           && refresh_after_change (self, step->report_id, &before, touched, error);
  return restore_created (self, step->created, error)
         && apply_state (self, step, error)
         && refresh_after_change (self, step->report_id, &before, touched, error);
}

static gboolean
apply_rename_step (GkLibrary          *self,
                   gboolean            undo,
                   const JournalStep  *step,
                   GError            **error)
{
  if (undo)
    return set_agency_state (self, step->agency_id, step->value, error)
           && drop_created (self, step->created, error);
  return restore_created (self, step->created, error)
         && set_agency_state (self, step->agency_id, step->value, error);
}

/* Redo merges again and keeps the merged agency as it is now, for the next
 * undo. *@report_id is a report of the merged agency, or of the kept one. */
static gboolean
apply_merge_step (GkLibrary          *self,
                  gboolean            undo,
                  const JournalStep  *step,
                  gint64             *report_id,
                  GArray             *touched,
                  GError            **error)
{
  g_autofree char *before = NULL;
  sqlite3_stmt *stmt;

  if (undo)
    {
      if (!write_unmerge (self, step->agency_id, step->merged_agency_id, step->value, touched, error))
        return FALSE;
      *report_id = first_report_of (self, step->merged_agency_id);
    }
  else
    {
      *report_id = first_report_of (self, step->merged_agency_id);
      if (!write_merge (self, step->agency_id, step->merged_agency_id, &before, touched, error))
        return FALSE;
      stmt = gk_library_statement (self, "UPDATE actions SET before_value = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      gk_library_bind_text (stmt, 1, before);
      sqlite3_bind_int64 (stmt, 2, step->id);
      if (!gk_library_step_done (self, stmt, error))
        return FALSE;
    }
  if (*report_id == 0)
    *report_id = first_report_of (self, step->agency_id);
  return TRUE;
}

/* Undo applies the latest done step's "before"; redo the earliest undone
 * step's "after". *@report_id is the report the step touched (for a rename
 * or merge, one of the agency's), 0 when it touched none. */
static gboolean
apply_journal (GkLibrary  *self,
               gboolean    undo,
               gboolean   *found,
               gint64     *report_id,
               gboolean   *list_changed,
               GArray     *touched,
               GError    **error)
{
  g_auto(JournalStep) step = { 0 };

  *report_id = 0;
  if (!read_step (self, undo, &step, found, error))
    return FALSE;
  if (!*found)
    return TRUE;
  if (!mark_step (self, step.id, undo, error))
    return FALSE;

  *list_changed = !g_str_equal (step.kind, "edit") && !g_str_equal (step.kind, "dismiss");
  if (g_str_equal (step.kind, "rename"))
    {
      *report_id = first_report_of (self, step.agency_id);
      return apply_rename_step (self, undo, &step, error);
    }
  if (g_str_equal (step.kind, "merge"))
    return apply_merge_step (self, undo, &step, report_id, touched, error);
  *report_id = step.report_id;
  return apply_report_step (self, undo, &step, touched, error);
}

static gint64
step_journal (GkLibrary  *self,
              gboolean    undo,
              GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean found = FALSE;
  gboolean list_changed = FALSE;
  gint64 report_id = 0;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return 0;
  if (!apply_journal (self, undo, &found, &report_id, &list_changed, touched, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return 0;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (found)
    emit_changes (self, touched, list_changed);
  return report_id;
}

gint64
gk_library_undo (GkLibrary  *self,
                 GError    **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), 0);
  return step_journal (self, TRUE, error);
}

gint64
gk_library_redo (GkLibrary  *self,
                 GError    **error)
{
  g_return_val_if_fail (GK_IS_LIBRARY (self), 0);
  return step_journal (self, FALSE, error);
}
