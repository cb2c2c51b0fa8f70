/* gk-library-series.c — chart series straight from the library's cells
 *
 * One query over the effective cell values (edits applied) of the chosen
 * agencies' reports: no report is loaded, so a chart of many agencies and
 * years is drawn at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-form.h"
#include "gk-library-private.h"

static char *
json_keys (const char * const *keys,
           guint              *n_keys)
{
  g_autoptr(GString) json = g_string_new ("[");

  *n_keys = 0;
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", keys[i]);
      (*n_keys)++;
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* The sum of the effective values of @keys in one report, NULL when any is
 * missing (not stored, not a number, its table not on the page, or a cell
 * the report's version lacks): the semantics of gk_report_metric_value(). */
#define SERIES_SUM(keys, n) \
  "(SELECT CASE WHEN count (v.value) = " n " THEN total (v.value) END" \
  "   FROM cell_values AS v" \
  "  WHERE v.report_id = r.id AND v.table_status <> 'not-present'" \
  "    AND v.key IN (SELECT value FROM json_each (" keys ")))"

GkSeriesSet *
gk_library_build_series (GkLibrary     *self,
                         const char    *metric_key,
                         const gint64  *agency_ids,
                         guint          n_agencies,
                         GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GkSeriesSet) set = NULL;
  g_autoptr(GString) agencies_json = g_string_new ("[");
  g_autofree char *numerator_json = NULL;
  g_autofree char *denominator_json = NULL;
  const GkFormMetric *metric;
  guint n_numerator, n_denominator;
  GkSeries *series = NULL;
  gint64 series_agency = 0;
  gint last_year = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_LIBRARY (self), NULL);

  metric = gk_form_get_metric (metric_key);
  if (metric == NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
                   "No metric “%s”", metric_key != NULL ? metric_key : "");
      return NULL;
    }
  set = gk_series_set_new (metric->key, metric->label, metric->label, metric->unit);
  numerator_json = json_keys (metric->numerator, &n_numerator);
  denominator_json = json_keys (metric->denominator, &n_denominator);
  for (guint i = 0; i < n_agencies; i++)
    g_string_append_printf (agencies_json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", agency_ids[i]);
  g_string_append_c (agencies_json, ']');

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = gk_library_statement (self,
                               "SELECT r.id, r.agency_id, r.year, r.version, r.errors, r.error_rules,"
                               " a.name, a.key, s.file_name,"
                               " " SERIES_SUM ("?1", "?2") ","
                               " " SERIES_SUM ("?3", "?4")
                               " FROM json_each (?5) AS chosen"
                               " JOIN agencies AS a ON a.id = chosen.value"
                               " JOIN reports AS r ON r.agency_id = a.id"
                               " JOIN sources AS s ON s.id = r.source_id"
                               " WHERE r.kind = 'report' AND r.year IS NOT NULL"
                               " ORDER BY chosen.key, r.year, r.id",
                               error);
  if (stmt == NULL)
    return NULL;
  gk_library_bind_text (stmt, 1, numerator_json);
  sqlite3_bind_int (stmt, 2, (int) n_numerator);
  gk_library_bind_text (stmt, 3, denominator_json);
  sqlite3_bind_int (stmt, 4, (int) n_denominator);
  gk_library_bind_text (stmt, 5, agencies_json->str);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 report_id = sqlite3_column_int64 (stmt, 0);
      gint64 agency_id = sqlite3_column_int64 (stmt, 1);
      gint year = sqlite3_column_int (stmt, 2);
      GkFormVersion version = GK_FORM_UNKNOWN;
      guint errors = sqlite3_column_int (stmt, 4);
      const char *agency = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *label = NULL;
      g_autofree char *problem = NULL;
      double value = NAN;

      gk_form_version_from_string ((const char *) sqlite3_column_text (stmt, 3), &version);
      if (series == NULL || agency_id != series_agency)
        {
          series = gk_series_set_add_series (set, (const char *) sqlite3_column_text (stmt, 7), agency);
          series_agency = agency_id;
          last_year = 0;
        }
      /* of several sources for one year, the first imported */
      if (year == last_year)
        continue;
      last_year = year;

      if ((metric->versions & GK_FORM_BIT (version)) != 0 && sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        {
          double numerator = sqlite3_column_double (stmt, 9);

          if (metric->denominator == NULL)
            value = numerator * metric->scale;
          else if (sqlite3_column_type (stmt, 10) != SQLITE_NULL && sqlite3_column_double (stmt, 10) != 0)
            value = numerator / sqlite3_column_double (stmt, 10) * metric->scale;
        }
      label = g_strdup_printf ("%s %d · %s", agency, year, (const char *) sqlite3_column_text (stmt, 8));
      if (errors > 0)
        problem = g_strdup_printf ("%u error%s: %s", errors, errors == 1 ? "" : "s",
                                   (const char *) sqlite3_column_text (stmt, 5));
      gk_series_add_point (series, year, value, report_id, label, problem);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_library_set_error (self, error, "cannot build a chart series");
      return NULL;
    }
  /* an agency with no report still gets its (empty) line */
  for (guint i = 0; i < n_agencies; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;

      stmt = gk_library_statement (self, "SELECT key, name FROM agencies WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, agency_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          key = gk_library_column_dup (stmt, 0);
          name = gk_library_column_dup (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && !gk_library_rows_done (self, rc, error, "cannot read agencies"))
        return NULL;
      if (key != NULL && gk_series_set_find_series (set, key) == NULL)
        gk_series_set_add_series (set, key, name);
    }
  return g_steal_pointer (&set);
}
