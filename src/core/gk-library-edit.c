/* gk-library-edit.c — corrections (edits, dismissals, identity overrides),
 * their undo journal, and agencies
 *
 * Every correction is written at once, in its own transaction, with an
 * entry in the actions table: undo applies the entry's "before" state and
 * redo its "after" state, so the journal survives a restart. Edits are
 * append-only: undoing one appends the earlier value again.
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
  stmt = gk_library_statement (self, "INSERT INTO agencies (name, key, region) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return -1;
  gk_library_bind_text (stmt, 1, canonical);
  gk_library_bind_text (stmt, 2, key);
  gk_library_bind_text (stmt, 3, region);
  if (!gk_library_step_done (self, stmt, error))
    return -1;
  agency_id = sqlite3_last_insert_rowid (self->db);
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
  int rc;

  stmt = gk_library_statement (self,
                               "SELECT COALESCE (o.agency, r.extracted_agency),"
                               " COALESCE (o.year, r.extracted_year),"
                               " COALESCE (o.version, r.extracted_version)"
                               " FROM reports AS r LEFT JOIN identity_overrides AS o ON o.report_id = r.id"
                               " WHERE r.id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      agency = gk_library_column_dup (stmt, 0);
      year = sqlite3_column_int64 (stmt, 1);
      version = gk_library_column_dup (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        gk_library_set_not_found (self, error, report_id);
      else
        gk_library_set_error (self, error, "cannot read a report");
      return FALSE;
    }

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

static gboolean
record_action (GkLibrary   *self,
               const char  *kind,
               gint64       report_id,
               const char  *target,
               const char  *before_value,
               const char  *before_note,
               const char  *after_value,
               const char  *after_note,
               GError     **error)
{
  g_autofree char *now = gk_library_format_time (g_get_real_time ());
  sqlite3_stmt *stmt;

  /* a new action clears the redo side */
  if (!gk_library_exec (self, "DELETE FROM actions WHERE undone = 1", error))
    return FALSE;
  stmt = gk_library_statement (self,
                               "INSERT INTO actions (time, kind, report_id, target, before_value,"
                               " before_note, after_value, after_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  gk_library_bind_text (stmt, 1, now);
  gk_library_bind_text (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, report_id);
  gk_library_bind_text (stmt, 4, target);
  gk_library_bind_text (stmt, 5, before_value);
  gk_library_bind_text (stmt, 6, before_note);
  gk_library_bind_text (stmt, 7, after_value);
  gk_library_bind_text (stmt, 8, after_note);
  return gk_library_step_done (self, stmt, error);
}

static gboolean
report_exists (GkLibrary   *self,
               gint64       report_id,
               char       **version,
               GError     **error)
{
  sqlite3_stmt *stmt = gk_library_statement (self, "SELECT version FROM reports WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && version != NULL)
    *version = gk_library_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    gk_library_set_not_found (self, error, report_id);
  else if (rc != SQLITE_ROW)
    gk_library_set_error (self, error, "cannot read a report");
  return rc == SQLITE_ROW;
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
         && record_action (self, "edit", report_id, cell_key, old_raw, old_note, raw, note, error)
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
         && record_action (self, "dismiss", report_id, finding_id, old_reason, NULL, reason, NULL, error)
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
  Override before = { NULL, 0, NULL }, after = { NULL, 0, NULL };
  GkLibraryPlace place;
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
           && write_override (self, report_id, &after, error)
           && record_action (self, "identity", report_id, NULL, before_json, NULL, after_json, NULL, error)
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

/* ─── Undo and redo ────────────────────────────────────────────────────── */

static gboolean
has_action (GkLibrary *self,
            gboolean   undone)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

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

static gboolean
apply_state (GkLibrary   *self,
             const char  *kind,
             gint64       report_id,
             const char  *target,
             const char  *value,
             const char  *note,
             GError     **error)
{
  if (g_str_equal (kind, "edit"))
    return append_edit (self, report_id, target, value, note, error);
  if (g_str_equal (kind, "dismiss"))
    return write_dismissal (self, report_id, target, value, error);
  if (g_str_equal (kind, "identity"))
    {
      Override override = { NULL, 0, NULL };
      gboolean ok = override_from_json (self, value, &override, error)
                    && write_override (self, report_id, &override, error);
      override_clear (&override);
      return ok;
    }
  g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED,
               "“%s”: the journal holds an action of unknown kind “%s”", self->path, kind);
  return FALSE;
}

/* Undo applies the latest done action's "before"; redo the earliest undone
 * action's "after". The action is read once the transaction has begun, so
 * it is the latest whoever wrote it. *@report_id is 0 when there is none. */
static gboolean
apply_journal (GkLibrary  *self,
               gboolean    undo,
               gint64     *report_id,
               char      **kind,
               GArray     *touched,
               GError    **error)
{
  g_autofree char *target = NULL;
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  GkLibraryPlace before;
  gint64 action_id;
  sqlite3_stmt *stmt;
  int rc;

  *report_id = 0;
  stmt = gk_library_statement (self,
                               undo ? "SELECT id, kind, report_id, target, before_value, before_note"
                                      " FROM actions WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                                    : "SELECT id, kind, report_id, target, after_value, after_note"
                                      " FROM actions WHERE undone = 1 ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return gk_library_rows_done (self, rc, error, "cannot read the journal");
    }
  action_id = sqlite3_column_int64 (stmt, 0);
  *kind = gk_library_column_dup (stmt, 1);
  *report_id = sqlite3_column_int64 (stmt, 2);
  target = gk_library_column_dup (stmt, 3);
  value = gk_library_column_dup (stmt, 4);
  note = gk_library_column_dup (stmt, 5);
  sqlite3_reset (stmt);

  if (!gk_library_report_place (self, *report_id, &before, error))
    return FALSE;
  stmt = gk_library_statement (self, "UPDATE actions SET undone = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, undo ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, action_id);
  return gk_library_step_done (self, stmt, error)
         && apply_state (self, *kind, *report_id, target, value, note, error)
         && refresh_after_change (self, *report_id, &before, touched, error);
}

static gint64
step_journal (GkLibrary  *self,
              gboolean    undo,
              GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *kind = NULL;
  gint64 report_id = 0;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!gk_library_begin (self, error))
    return 0;
  if (!apply_journal (self, undo, &report_id, &kind, touched, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return 0;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (report_id != 0)
    emit_changes (self, touched, g_str_equal (kind, "identity"));
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

gboolean
gk_library_rename_agency (GkLibrary   *self,
                          gint64       agency_id,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  g_autofree char *region = NULL;
  sqlite3_stmt *stmt;
  gint64 other = 0;
  int rc;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  key = gk_agency_key (trimmed);
  if (*key == '\0')
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_FAILED, "An agency needs a name");
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  old_name = agency_name (self, agency_id, error);
  if (old_name == NULL)
    return FALSE;
  if (g_str_equal (old_name, trimmed))
    return TRUE;
  stmt = gk_library_statement (self,
                               "SELECT agency_id FROM agency_names WHERE key = ? AND agency_id <> ?"
                               " UNION ALL SELECT id FROM agencies WHERE key = ? AND id <> ?",
                               error);
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
                   trimmed, other_name != NULL ? other_name : "?");
      return FALSE;
    }

  region = gk_library_region_of (trimmed);
  if (!gk_library_begin (self, error))
    return FALSE;
  stmt = gk_library_statement (self, "UPDATE agencies SET name = ?, key = ?, region = ? WHERE id = ?", error);
  if (stmt == NULL)
    {
      gk_library_rollback (self);
      return FALSE;
    }
  gk_library_bind_text (stmt, 1, trimmed);
  gk_library_bind_text (stmt, 2, key);
  gk_library_bind_text (stmt, 3, region);
  sqlite3_bind_int64 (stmt, 4, agency_id);
  /* the old name stays, as an alias */
  if (!gk_library_step_done (self, stmt, error)
      || !add_name (self, trimmed, key, agency_id, error)
      || !gk_library_commit (self, error))
    {
      gk_library_rollback (self);
      return FALSE;
    }
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  gk_library_emit_reports_changed (self);
  return TRUE;
}

gboolean
gk_library_merge_agencies (GkLibrary   *self,
                           gint64       kept,
                           gint64       merged,
                           GError     **error)
{
  static const char * const moves[] = {
    "UPDATE agency_names SET agency_id = ?1 WHERE agency_id = ?2",
    "UPDATE reports SET agency_id = ?1 WHERE agency_id = ?2",
    "DELETE FROM agencies WHERE id = ?2",
  };
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GHashTable) cache = gk_library_report_cache_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *kept_name = NULL;
  g_autofree char *merged_name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_LIBRARY (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  kept_name = agency_name (self, kept, error);
  if (kept_name == NULL)
    return FALSE;
  merged_name = agency_name (self, merged, error);
  if (merged_name == NULL)
    return FALSE;
  if (kept == merged)
    return TRUE;

  if (!gk_library_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      stmt = gk_library_statement (self, moves[i], error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, kept);
      sqlite3_bind_int64 (stmt, 2, merged);
      if (!gk_library_step_done (self, stmt, error))
        goto failed;
    }

  /* years now meet that were apart: every cross-year check is run again */
  stmt = gk_library_statement (self, "SELECT id FROM reports WHERE agency_id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, kept);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (!gk_library_rows_done (self, rc, error, "cannot read reports")
      || !gk_library_refresh_reports (self, ids, cache, error)
      || !gk_library_commit (self, error))
    goto failed;

  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  gk_library_emit_reports_changed (self);
  return TRUE;

failed:
  gk_library_rollback (self);
  return FALSE;
}
