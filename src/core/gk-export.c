/* gk-export.c — reports out of Gongkai: CSV (long and wide), JSON, XLSX, findings
 *
 * Every format reads the same in-memory reports. A cell's value is the
 * effective one (the researcher's edit when there is one); what the page
 * says travels beside it, so an export never hides a correction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "gk-check.h"
#include "gk-csv.h"
#include "gk-export.h"
#include "gk-json.h"
#include "gk-text.h"

#define UTF8_BOM "\xef\xbb\xbf"

/* In characters of the default font, a Chinese character counting two. */
#define WIDEST_COLUMN 60

/* Excel refuses longer cell strings. */
#define XLSX_MAX_CHARS 32767


static const struct
{
  GkExportFormat  format;
  const char     *name;
  const char     *extension;
} format_names[] = {
  { GK_EXPORT_CSV_LONG, "csv", "csv" },
  { GK_EXPORT_CSV_WIDE, "csv-wide", "csv" },
  { GK_EXPORT_JSON, "json", "json" },
  { GK_EXPORT_XLSX, "xlsx", "xlsx" },
  { GK_EXPORT_FINDINGS_CSV, "findings", "csv" },
};

gboolean
gk_export_format_from_string (const char     *string,
                              GkExportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (string, format_names[i].name) == 0)
      {
        *format = format_names[i].format;
        return TRUE;
      }
  if (g_strcmp0 (string, "csv-long") == 0)
    {
      *format = GK_EXPORT_CSV_LONG;
      return TRUE;
    }
  return FALSE;
}

const char *
gk_export_format_to_string (GkExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  g_return_val_if_reached ("csv");
}

const char *
gk_export_format_extension (GkExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].extension;
  g_return_val_if_reached ("csv");
}

/* ─── What every format shares ─────────────────────────────────────────── */

static inline GkExportItem *
item_at (GPtrArray *items,
         guint      i)
{
  return g_ptr_array_index (items, i);
}

/* A cell worth a line: read from the page, given a value, or edited. Cells
 * never found and never edited are the form's blanks, not the report's. */
static gboolean
cell_is_exported (const GkCell *cell)
{
  return cell->provenance.kind != GK_PROVENANCE_NONE || cell->raw != NULL || cell->edit_raw != NULL;
}

/* Digits run together have no value until a researcher splits them; they
 * are text, not blanks (as `gongkai-cli extract` says). */
static const char *
effective_kind (GkReport *report,
                guint     index)
{
  const GkCell *cell = &report->cells[index];

  if (cell->edit_raw == NULL && cell->provenance.kind == GK_PROVENANCE_DIGIT_RUN)
    return gk_value_kind_to_string (GK_VALUE_TEXT);
  return gk_value_kind_to_string (gk_report_get_value (report, index)->kind);
}

static char *
format_number (const GkNumber *number)
{
  if (!gk_number_is_present (number))
    return NULL;
  return gk_number_format (number->value, number->is_integer);
}

static char *
format_double (double value)
{
  if (!isfinite (value))
    return NULL;
  return gk_number_format (value, value == floor (value));
}

static char *
format_id (gint64 report_id)
{
  return report_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, report_id) : NULL;
}

static char *
format_year (gint year)
{
  return year > 0 ? g_strdup_printf ("%d", year) : NULL;
}

static guint
count_edits (GkReport *report)
{
  guint n = 0;

  for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
    n += gk_report_cell_is_edited (report, i);
  return n;
}

/* The cell of @report under @key, or NULL when its version lacks it. */
static const GkCell *
report_cell (GkReport          *report,
             const GkFormCell  *column,
             guint             *index)
{
  const GkFormCell *def;

  if (report->layout == NULL)
    return NULL;
  def = gk_form_layout_lookup (report->layout, column->key);
  if (def == NULL)
    return NULL;
  *index = def->index;
  return &report->cells[def->index];
}

/* An optional column (legal_subtotal) earns its place only when some
 * exported report has something there. */
static gboolean
column_is_used (GPtrArray        *items,
                const GkFormCell *column)
{
  if (!column->column->optional)
    return TRUE;
  for (guint i = 0; i < items->len; i++)
    {
      guint index;
      const GkCell *cell = report_cell (item_at (items, i)->report, column, &index);

      if (cell != NULL && cell_is_exported (cell))
        return TRUE;
    }
  return FALSE;
}

/* The union of both versions' cells: the 2021 layout, then what only 2019 has. */
static GPtrArray *
union_columns (GPtrArray *items)
{
  const GkFormLayout *layout_2021 = gk_form_get_layout (GK_FORM_2021);
  const GkFormLayout *layout_2019 = gk_form_get_layout (GK_FORM_2019);
  GPtrArray *columns = g_ptr_array_new ();

  for (guint i = 0; i < layout_2021->n_cells; i++)
    if (column_is_used (items, &layout_2021->cells[i]))
      g_ptr_array_add (columns, &layout_2021->cells[i]);
  for (guint i = 0; i < layout_2019->n_cells; i++)
    if (gk_form_layout_lookup (layout_2021, layout_2019->cells[i].key) == NULL
        && column_is_used (items, &layout_2019->cells[i]))
      g_ptr_array_add (columns, &layout_2019->cells[i]);
  return columns;
}

/* One table's cells in the order the form declares its rows; @version
 * GK_FORM_UNKNOWN takes both versions' rows (t3's （六） rows differ). */
static GPtrArray *
table_columns (GPtrArray     *items,
               const char    *table_key,
               GkFormVersion  version)
{
  const GkFormTable *table = gk_form_get_table (table_key);
  const GkFormLayout *layouts[] = {
    gk_form_get_layout (GK_FORM_2021), gk_form_get_layout (GK_FORM_2019)
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *columns = g_ptr_array_new ();

  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      if (version != GK_FORM_UNKNOWN && !gk_form_row_in_version (row, version))
        continue;
      for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
        {
          g_autofree char *key = g_strdup_printf ("%s.%s.%s", table->key, row->key, column->key);
          const GkFormCell *def = NULL;

          for (guint l = 0; l < G_N_ELEMENTS (layouts) && def == NULL; l++)
            if (version == GK_FORM_UNKNOWN || layouts[l]->version == version)
              def = gk_form_layout_lookup (layouts[l], key);
          if (def == NULL || g_hash_table_contains (seen, def->key) || !column_is_used (items, def))
            continue;
          g_hash_table_add (seen, def->key);
          g_ptr_array_add (columns, (gpointer) def);
        }
    }
  return columns;
}

/* 「（三）不予公开 1.属于国家秘密·自然人」: the row under its spanning header. */
static char *
cell_label (const GkFormCell *def)
{
  const GkFormRow *row = def->row;

  if (row->group != NULL && !g_str_has_prefix (row->label, row->group))
    return g_strdup_printf ("%s %s·%s", row->group, row->label, def->column->label);
  return g_strdup_printf ("%s·%s", row->label, def->column->label);
}

static gboolean
write_chunk (GOutputStream  *stream,
             GString        *chunk,
             GCancellable   *cancellable,
             GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, chunk->str, chunk->len, NULL, cancellable, error);

  g_string_truncate (chunk, 0);
  return ok;
}

/* ─── CSV, one row per cell ────────────────────────────────────────────── */

static void
csv_long_report (GString            *out,
                 const GkExportItem *item)
{
  GkReport *report = item->report;
  g_autofree char *id = format_id (item->report_id);
  g_autofree char *year = format_year (report->year);

  for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
    {
      const GkFormCell *def = &report->layout->cells[i];
      const GkCell *cell = &report->cells[i];
      g_autofree char *value = NULL;
      g_autofree char *parsed = NULL;

      if (!cell_is_exported (cell))
        continue;
      value = format_number (gk_report_get_value (report, i));
      parsed = format_number (&cell->parsed);
      {
        const char *fields[] = {
          id, item->file_name, report->agency, year, gk_form_version_to_string (report->version),
          def->table->key, def->row->key, def->column->key,
          value, effective_kind (report, i),
          gk_report_cell_is_edited (report, i) ? "true" : "false",
          parsed, cell->raw, cell->edit_note,
        };
        gk_csv_append_row (out, fields, G_N_ELEMENTS (fields));
      }
    }
}

/* ─── CSV, one row per report ──────────────────────────────────────────── */

static void
csv_wide_report (GString            *out,
                 const GkExportItem *item,
                 GPtrArray          *columns)
{
  GkReport *report = item->report;
  g_autofree char *id = format_id (item->report_id);
  g_autofree char *year = format_year (report->year);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (fields, g_strdup (id));
  g_ptr_array_add (fields, g_strdup (item->file_name));
  g_ptr_array_add (fields, g_strdup (report->agency));
  g_ptr_array_add (fields, g_strdup (year));
  g_ptr_array_add (fields, g_strdup (gk_form_version_to_string (report->version)));
  g_ptr_array_add (fields, g_strdup (gk_report_kind_to_string (report->kind)));
  for (guint c = 0; c < columns->len; c++)
    {
      guint index;
      const GkCell *cell = report_cell (report, g_ptr_array_index (columns, c), &index);

      g_ptr_array_add (fields, cell != NULL ? format_number (gk_report_get_value (report, index)) : NULL);
    }
  gk_csv_append_row (out, (const char * const *) fields->pdata, fields->len);
}

/* ─── CSV, one row per finding ─────────────────────────────────────────── */

static void
csv_findings_report (GString            *out,
                     const GkExportItem *item)
{
  GkReport *report = item->report;
  g_autofree char *id = format_id (item->report_id);
  g_autofree char *year = format_year (report->year);

  for (guint f = 0; item->findings != NULL && f < item->findings->len; f++)
    {
      const GkFinding *finding = g_ptr_array_index (item->findings, f);
      g_autofree char *cells = finding->cells != NULL ? g_strjoinv (" ", finding->cells) : NULL;
      g_autofree char *expected = format_double (finding->expected);
      g_autofree char *actual = format_double (finding->actual);
      const char *fields[] = {
        id, item->file_name, report->agency, year, finding->rule, finding->scope,
        gk_severity_to_string (finding->severity), cells, expected, actual, finding->formula,
        finding->message, finding->message_en,
      };

      gk_csv_append_row (out, fields, G_N_ELEMENTS (fields));
    }
}

static gboolean
export_csv (GPtrArray             *items,
            GkExportFormat         format,
            const GkExportOptions *options,
            GOutputStream         *stream,
            GCancellable          *cancellable,
            GError               **error)
{
  static const char * const long_header[] = {
    "report_id", "file", "agency", "year", "version", "table", "row", "column", "value", "kind",
    "edited", "parsed_value", "raw", "note",
  };
  static const char * const findings_header[] = {
    "report_id", "file", "agency", "year", "rule", "scope", "severity", "cells", "expected",
    "actual", "formula", "message", "message_en",
  };
  g_autoptr(GString) chunk = g_string_new (NULL);
  g_autoptr(GPtrArray) columns = NULL;

  if (options != NULL && options->bom)
    g_string_append (chunk, UTF8_BOM);

  switch (format)
    {
    case GK_EXPORT_CSV_LONG:
      gk_csv_append_row (chunk, long_header, G_N_ELEMENTS (long_header));
      break;
    case GK_EXPORT_FINDINGS_CSV:
      gk_csv_append_row (chunk, findings_header, G_N_ELEMENTS (findings_header));
      break;
    case GK_EXPORT_CSV_WIDE:
      {
        g_autoptr(GPtrArray) header = g_ptr_array_new ();
        static const char * const identity[] = {
          "report_id", "file", "agency", "year", "version", "kind"
        };

        columns = union_columns (items);
        for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
          g_ptr_array_add (header, (gpointer) identity[i]);
        for (guint c = 0; c < columns->len; c++)
          g_ptr_array_add (header, ((GkFormCell *) g_ptr_array_index (columns, c))->key);
        gk_csv_append_row (chunk, (const char * const *) header->pdata, header->len);
      }
      break;
    case GK_EXPORT_JSON:
    case GK_EXPORT_XLSX:
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < items->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (format == GK_EXPORT_CSV_LONG)
        csv_long_report (chunk, item_at (items, i));
      else if (format == GK_EXPORT_CSV_WIDE)
        csv_wide_report (chunk, item_at (items, i), columns);
      else
        csv_findings_report (chunk, item_at (items, i));
      if (!write_chunk (stream, chunk, cancellable, error))
        return FALSE;
    }
  return chunk->len == 0 || write_chunk (stream, chunk, cancellable, error);
}

/* ─── JSON ─────────────────────────────────────────────────────────────── */

static void
json_number_or_null (GkJson         *json,
                     const char     *key,
                     const GkNumber *number)
{
  gk_json_key (json, key);
  if (gk_number_is_present (number))
    gk_json_double (json, number->value);
  else
    gk_json_null (json);
}

static void
json_strv (GkJson             *json,
           const char         *key,
           const char * const *strv)
{
  gk_json_key (json, key);
  gk_json_begin_array (json);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    gk_json_string (json, strv[i]);
  gk_json_end_array (json);
}

static void
json_cells (GkJson   *json,
            GkReport *report)
{
  gk_json_key (json, "cells");
  gk_json_begin_object (json);
  for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
    {
      const GkCell *cell = &report->cells[i];
      gboolean edited = gk_report_cell_is_edited (report, i);

      if (!cell_is_exported (cell))
        continue;
      gk_json_key (json, report->layout->cells[i].key);
      gk_json_begin_object (json);
      json_number_or_null (json, "value", gk_report_get_value (report, i));
      gk_json_member_string (json, "kind", effective_kind (report, i));
      gk_json_member_string (json, "raw", cell->raw);
      gk_json_member_boolean (json, "edited", edited);
      json_number_or_null (json, "parsed_value", &cell->parsed);
      gk_json_member_string (json, "note", cell->edit_note);
      if (edited)
        {
          gk_json_member_string (json, "edit_raw", cell->edit_raw);
          if (cell->edit_time > 0)
            {
              g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (cell->edit_time / G_USEC_PER_SEC);
              g_autofree char *iso = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

              gk_json_member_string (json, "edit_time", iso);
            }
        }
      gk_json_end_object (json);
    }
  gk_json_end_object (json);
}

static void
json_finding (GkJson          *json,
              const GkFinding *finding)
{
  gk_json_begin_object (json);
  gk_json_member_string (json, "rule", finding->rule);
  gk_json_member_string (json, "scope", finding->scope);
  gk_json_member_string (json, "severity", gk_severity_to_string (finding->severity));
  json_strv (json, "cells", (const char * const *) finding->cells);
  json_strv (json, "missing", (const char * const *) finding->missing);
  gk_json_member_double (json, "expected", finding->expected);
  gk_json_member_double (json, "actual", finding->actual);
  gk_json_member_string (json, "formula", finding->formula);
  gk_json_member_string (json, "message", finding->message);
  gk_json_member_string (json, "message_en", finding->message_en);
  if (finding->severity == GK_SEVERITY_UNCERTAIN)
    gk_json_member_boolean (json, "holds_if_blanks_are_zero", finding->blanks_as_zero_hold);
  if (finding->other_year != 0)
    gk_json_member_int (json, "other_year", finding->other_year);
  gk_json_end_object (json);
}

static void
json_report (GkJson             *json,
             const GkExportItem *item)
{
  GkReport *report = item->report;

  gk_json_begin_object (json);
  gk_json_key (json, "report_id");
  if (item->report_id != 0)
    gk_json_int (json, item->report_id);
  else
    gk_json_null (json);
  gk_json_member_string (json, "file", item->file_name);
  gk_json_member_string (json, "agency", report->agency);
  gk_json_member_string (json, "agency_key", report->agency_key);
  gk_json_key (json, "year");
  if (report->year > 0)
    gk_json_int (json, report->year);
  else
    gk_json_null (json);
  gk_json_member_string (json, "date", report->date);
  gk_json_member_string (json, "version", gk_form_version_to_string (report->version));
  gk_json_member_string (json, "kind", gk_report_kind_to_string (report->kind));
  gk_json_member_string (json, "title", report->title);

  gk_json_key (json, "tables");
  gk_json_begin_object (json);
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      gk_json_key (json, gk_form_table_key (t));
      gk_json_begin_object (json);
      gk_json_member_string (json, "status", gk_table_status_to_string (report->tables[t].status));
      gk_json_member_string (json, "detail", report->tables[t].detail);
      gk_json_member_string (json, "detail_en", report->tables[t].detail_en);
      gk_json_member_int (json, "cells_found", report->tables[t].n_found);
      gk_json_end_object (json);
    }
  gk_json_end_object (json);

  json_cells (json, report);

  gk_json_key (json, "prose_facts");
  gk_json_begin_array (json);
  for (guint f = 0; f < report->prose_facts->len; f++)
    {
      const GkProseFact *fact = g_ptr_array_index (report->prose_facts, f);

      gk_json_begin_object (json);
      gk_json_member_string (json, "id", fact->id);
      gk_json_member_string (json, "cell", fact->cell);
      gk_json_member_string (json, "label", fact->label);
      gk_json_member_string (json, "label_en", fact->label_en);
      gk_json_member_double (json, "value", fact->value);
      gk_json_member_string (json, "text", fact->text);
      gk_json_end_object (json);
    }
  gk_json_end_array (json);

  gk_json_key (json, "findings");
  gk_json_begin_array (json);
  for (guint f = 0; item->findings != NULL && f < item->findings->len; f++)
    json_finding (json, g_ptr_array_index (item->findings, f));
  gk_json_end_array (json);

  gk_json_end_object (json);
}

/* The writer's text is flushed after each report, so a large export never
 * sits in memory whole. */
static gboolean
export_json (GPtrArray      *items,
             GOutputStream  *stream,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GkJson) json = gk_json_new (TRUE);
  GString *out = gk_json_get_string (json);

  gk_json_begin_array (json);
  for (guint i = 0; i < items->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      json_report (json, item_at (items, i));
      if (!write_chunk (stream, out, cancellable, error))
        return FALSE;
    }
  gk_json_end_array (json);
  g_string_append_c (out, '\n');
  return write_chunk (stream, out, cancellable, error);
}

/* ─── XLSX ─────────────────────────────────────────────────────────────── */

typedef struct
{
  lxw_workbook *workbook;
  lxw_format   *header;       /* the key row */
  lxw_format   *label;        /* the Chinese label row, wrapped */
  lxw_format   *edited;       /* a researcher's correction */
  lxw_format   *not_number;   /* 「/」, text: stated, but no number */
  lxw_format   *edited_not_number;
  lxw_format   *wrap;
  lxw_format   *centered;
  lxw_format   *severity[3];
  lxw_error     error;        /* the first thing libxlsxwriter refused */
} Xlsx;

typedef struct
{
  Xlsx           *xlsx;
  lxw_worksheet  *sheet;
  GArray         *widths;     /* guint per column: widest text, in half-width units */
  GArray         *key_widths; /* guint per column: the header rows' text, which wraps */
  GArray         *label_widths;
  lxw_row_t       row;        /* the next row to write */
} Sheet;

static void
xlsx_check (Xlsx      *xlsx,
            lxw_error  error)
{
  if (error != LXW_NO_ERROR && xlsx->error == LXW_NO_ERROR)
    xlsx->error = error;
}

/* Columns measured in half-width characters: a Chinese character takes two. */
static guint
display_width (const char *text)
{
  guint width = 0, line = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          width = MAX (width, line);
          line = 0;
          continue;
        }
      line += g_unichar_iswide (c) ? 2 : 1;
    }
  return MAX (width, line);
}

static void
sheet_measure (Sheet      *sheet,
               lxw_col_t   col,
               const char *text)
{
  guint width = display_width (text);

  if (col >= sheet->widths->len)
    g_array_set_size (sheet->widths, col + 1);
  if (width > g_array_index (sheet->widths, guint, col))
    g_array_index (sheet->widths, guint, col) = width;
}

/* Valid UTF-8 within Excel's limit: libxlsxwriter writes bytes as given. */
static void
sheet_string (Sheet      *sheet,
              lxw_col_t   col,
              const char *text,
              lxw_format *format)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      if (format != NULL)
        xlsx_check (sheet->xlsx, worksheet_write_blank (sheet->sheet, sheet->row, col, format));
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (text, -1) > XLSX_MAX_CHARS)
    {
      char *cut = g_utf8_substring (text, 0, XLSX_MAX_CHARS);
      g_free (valid);
      text = valid = cut;
    }
  sheet_measure (sheet, col, text);
  xlsx_check (sheet->xlsx, worksheet_write_string (sheet->sheet, sheet->row, col, text, format));
}

static void
sheet_number (Sheet      *sheet,
              lxw_col_t   col,
              double      value,
              lxw_format *format)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    {
      sheet_string (sheet, col, NULL, format);
      return;
    }
  text = format_double (value);
  sheet_measure (sheet, col, text);
  xlsx_check (sheet->xlsx, worksheet_write_number (sheet->sheet, sheet->row, col, value, format));
}

/* 0 is no id, no year: left blank. */
static void
sheet_int (Sheet      *sheet,
           lxw_col_t   col,
           gint64      value,
           lxw_format *format)
{
  if (value != 0)
    sheet_number (sheet, col, (double) value, format);
}

static Sheet *
sheet_new (Xlsx       *xlsx,
           const char *name)
{
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->xlsx = xlsx;
  sheet->sheet = workbook_add_worksheet (xlsx->workbook, name);
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  sheet->key_widths = g_array_new (FALSE, TRUE, sizeof (guint));
  sheet->label_widths = g_array_new (FALSE, TRUE, sizeof (guint));
  if (sheet->sheet == NULL)
    xlsx_check (xlsx, LXW_ERROR_PARAMETER_VALIDATION);
  else
    worksheet_set_comments_author (sheet->sheet, "Gongkai");
  return sheet;
}

/* Neither Excel nor LibreOffice grows a row for wrapped text on opening a
 * file: give it the lines a @width-wide text needs in the widest column. */
static void
sheet_wrap_row (Sheet *sheet,
                guint  width)
{
  guint lines = CLAMP ((width + WIDEST_COLUMN - 3) / (WIDEST_COLUMN - 2), 1, 8);

  if (lines > 1)
    xlsx_check (sheet->xlsx, worksheet_set_row (sheet->sheet, sheet->row, lines * 15 + 2, NULL));
}

/* Two header rows: the key a program reads, and the label a researcher
 * reads. Both wrap, so they do not set the columns' widths. */
static void
sheet_headers (Sheet              *sheet,
               const char * const *keys,
               const char * const *labels,
               guint               n)
{
  g_array_set_size (sheet->key_widths, n);
  g_array_set_size (sheet->label_widths, n);
  for (guint c = 0; c < n; c++)
    {
      xlsx_check (sheet->xlsx, worksheet_write_string (sheet->sheet, 0, c, keys[c], sheet->xlsx->header));
      xlsx_check (sheet->xlsx, worksheet_write_string (sheet->sheet, 1, c, labels[c], sheet->xlsx->label));
      g_array_index (sheet->key_widths, guint, c) = display_width (keys[c]);
      g_array_index (sheet->label_widths, guint, c) = display_width (labels[c]);
    }
  sheet->row = 2;
}

/* Points for a header row whose texts wrap in columns of @widths; @scale is
 * the font's size against the default 11 points. */
static double
header_height (GArray *texts,
               GArray *widths,
               double  scale)
{
  guint lines = 1;

  for (guint c = 0; c < texts->len; c++)
    {
      double room = MAX (g_array_index (widths, double, c) - 1, 1);
      guint needed = (guint) ceil (g_array_index (texts, guint, c) * scale / room);

      lines = MAX (lines, needed);
    }
  return lines * 15 * scale + 4;
}

/* Text columns as wide as their widest entry, within reason; a Chinese
 * character counts twice. Headers get the height their wrapped text needs. */
static void
sheet_finish (Sheet     *sheet,
              lxw_col_t  n_columns,
              lxw_col_t  n_frozen,
              gboolean   fit_width)
{
  g_autoptr(GArray) widths = g_array_sized_new (FALSE, TRUE, sizeof (double), n_columns);

  for (lxw_col_t c = 0; c < n_columns; c++)
    {
      guint measured = c < sheet->widths->len ? g_array_index (sheet->widths, guint, c) : 0;
      double width = CLAMP (measured + 2, 10, WIDEST_COLUMN);

      g_array_append_val (widths, width);
      worksheet_set_column (sheet->sheet, c, c, width, NULL);
    }
  worksheet_set_row (sheet->sheet, 0, header_height (sheet->key_widths, widths, 9.0 / 11), NULL);
  worksheet_set_row (sheet->sheet, 1, header_height (sheet->label_widths, widths, 1), NULL);
  worksheet_freeze_panes (sheet->sheet, 2, n_frozen);
  if (n_columns > 0)
    xlsx_check (sheet->xlsx, worksheet_autofilter (sheet->sheet, 1, 0,
                                                   MAX (sheet->row, 2) - 1, n_columns - 1));

  /* on paper: landscape, the headers on every page */
  worksheet_set_landscape (sheet->sheet);
  worksheet_set_paper (sheet->sheet, 9);  /* A4 */
  xlsx_check (sheet->xlsx, worksheet_repeat_rows (sheet->sheet, 0, 1));
  if (fit_width)
    worksheet_fit_to_pages (sheet->sheet, 1, 0);
}

static void
sheet_free (Sheet *sheet)
{
  g_array_unref (sheet->widths);
  g_array_unref (sheet->key_widths);
  g_array_unref (sheet->label_widths);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static void
xlsx_init_formats (Xlsx *xlsx)
{
  static const lxw_color_t severity_colors[] = { 0xC00000, 0xB45F06, 0x7F7F7F };
  lxw_workbook *workbook = xlsx->workbook;

  xlsx->header = workbook_add_format (workbook);
  format_set_bold (xlsx->header);
  format_set_text_wrap (xlsx->header);
  format_set_align (xlsx->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (xlsx->header, 0xE7E6E6);
  format_set_font_size (xlsx->header, 9);

  xlsx->label = workbook_add_format (workbook);
  format_set_text_wrap (xlsx->label);
  format_set_align (xlsx->label, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (xlsx->label, 0xF2F2F2);
  format_set_bottom (xlsx->label, LXW_BORDER_THIN);

  xlsx->edited = workbook_add_format (workbook);
  format_set_bg_color (xlsx->edited, 0xFFE699);
  format_set_bold (xlsx->edited);

  xlsx->not_number = workbook_add_format (workbook);
  format_set_font_color (xlsx->not_number, 0x7F7F7F);
  format_set_align (xlsx->not_number, LXW_ALIGN_RIGHT);

  xlsx->edited_not_number = workbook_add_format (workbook);
  format_set_bg_color (xlsx->edited_not_number, 0xFFE699);
  format_set_font_color (xlsx->edited_not_number, 0x7F7F7F);
  format_set_align (xlsx->edited_not_number, LXW_ALIGN_RIGHT);

  xlsx->wrap = workbook_add_format (workbook);
  format_set_text_wrap (xlsx->wrap);
  format_set_align (xlsx->wrap, LXW_ALIGN_VERTICAL_TOP);

  xlsx->centered = workbook_add_format (workbook);
  format_set_align (xlsx->centered, LXW_ALIGN_CENTER);

  for (guint s = 0; s < G_N_ELEMENTS (xlsx->severity); s++)
    {
      xlsx->severity[s] = workbook_add_format (workbook);
      format_set_font_color (xlsx->severity[s], severity_colors[s]);
      format_set_bold (xlsx->severity[s]);
    }
}

static void
xlsx_reports_sheet (Xlsx      *xlsx,
                    GPtrArray *items)
{
  static const char * const keys[] = {
    "report_id", "file", "agency", "agency_key", "year", "date", "version", "kind", "title",
    "t2", "t3", "t4", "errors", "warnings", "uncertain", "edited_cells",
  };
  static const char * const labels[] = {
    "编号", "文件", "机关", "机关（归并）", "年度", "发布日期", "表格版本", "类型", "标题",
    "表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "错误", "警告", "存疑", "已修改单元格",
  };
  g_autoptr(Sheet) sheet = sheet_new (xlsx, "reports");

  if (sheet->sheet == NULL)
    return;
  sheet_headers (sheet, keys, labels, G_N_ELEMENTS (keys));
  for (guint i = 0; i < items->len; i++, sheet->row++)
    {
      const GkExportItem *item = item_at (items, i);
      GkReport *report = item->report;
      lxw_col_t c = 0;

      sheet_int (sheet, c++, item->report_id, NULL);
      sheet_string (sheet, c++, item->file_name, NULL);
      sheet_string (sheet, c++, report->agency, NULL);
      sheet_string (sheet, c++, report->agency_key, NULL);
      sheet_int (sheet, c++, report->year, xlsx->centered);
      sheet_string (sheet, c++, report->date, NULL);
      sheet_string (sheet, c++, gk_form_version_to_string (report->version), xlsx->centered);
      sheet_string (sheet, c++, gk_report_kind_to_string (report->kind), NULL);
      sheet_string (sheet, c++, report->title, NULL);
      for (guint t = 0; t < GK_FORM_N_TABLES; t++, c++)
        if (report->kind == GK_REPORT_KIND_REPORT)
          sheet_string (sheet, c, gk_table_status_to_string (report->tables[t].status), NULL);
      if (item->findings != NULL && report->kind == GK_REPORT_KIND_REPORT)
        {
          GkFindingCounts counts = gk_findings_count (item->findings, NULL);

          sheet_number (sheet, c++, counts.errors, counts.errors > 0 ? xlsx->severity[GK_SEVERITY_ERROR] : NULL);
          sheet_number (sheet, c++, counts.warnings, NULL);
          sheet_number (sheet, c++, counts.uncertain, NULL);
        }
      else
        c += 3;
      sheet_number (sheet, c++, count_edits (report), NULL);
    }
  sheet_finish (sheet, G_N_ELEMENTS (keys), 3, TRUE);
}

/* What the page said, under a corrected value. */
static char *
edit_comment (const GkCell *cell)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *parsed = format_number (&cell->parsed);

  if (cell->raw == NULL)
    g_string_append (text, "页面：未读到");
  else if (parsed != NULL)
    g_string_append_printf (text, "页面：%s（原文「%s」）", parsed, cell->raw);
  else
    g_string_append_printf (text, "页面：「%s」（%s）", cell->raw, gk_value_kind_to_string (cell->parsed.kind));
  g_string_append_printf (text, "\n修改为：「%s」", cell->edit_raw);
  if (cell->edit_note != NULL && *cell->edit_note != '\0')
    g_string_append_printf (text, "\n备注：%s", cell->edit_note);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
sheet_cell (Sheet        *sheet,
            lxw_col_t     col,
            GkReport     *report,
            guint         index)
{
  Xlsx *xlsx = sheet->xlsx;
  const GkCell *cell = &report->cells[index];
  const GkNumber *value = gk_report_get_value (report, index);
  gboolean edited = gk_report_cell_is_edited (report, index);

  if (!cell_is_exported (cell))
    return;
  if (gk_number_is_present (value))
    sheet_number (sheet, col, value->value, edited ? xlsx->edited : NULL);
  else if (edited)
    sheet_string (sheet, col, *cell->edit_raw != '\0' ? cell->edit_raw : NULL, xlsx->edited_not_number);
  else if (cell->provenance.kind != GK_PROVENANCE_DIGIT_RUN && cell->raw != NULL && *cell->raw != '\0')
    sheet_string (sheet, col, cell->raw, xlsx->not_number);

  if (edited)
    {
      g_autofree char *comment = edit_comment (cell);
      lxw_comment_options options = { .width = 260, .height = 90 };

      if (g_utf8_validate (comment, -1, NULL) && g_utf8_strlen (comment, -1) < XLSX_MAX_CHARS)
        xlsx_check (xlsx, worksheet_write_comment_opt (sheet->sheet, sheet->row, col, comment, &options));
    }
}

static gboolean
xlsx_table_sheet (Xlsx           *xlsx,
                  GPtrArray      *items,
                  const char     *name,
                  const char     *table_key,
                  GkFormVersion   version,
                  GCancellable   *cancellable,
                  GError        **error)
{
  static const char * const identity_keys[] = { "report_id", "file", "agency", "year", "version", "status" };
  static const char * const identity_labels[] = { "编号", "文件", "机关", "年度", "表格版本", "表格状态" };
  const guint n_identity = G_N_ELEMENTS (identity_keys);
  g_autoptr(Sheet) sheet = sheet_new (xlsx, name);
  g_autoptr(GPtrArray) columns = table_columns (items, table_key, version);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  if (sheet->sheet == NULL)
    return TRUE;
  for (guint c = 0; c < n_identity; c++)
    {
      g_ptr_array_add (keys, (gpointer) identity_keys[c]);
      g_ptr_array_add (labels, g_strdup (identity_labels[c]));
    }
  for (guint c = 0; c < columns->len; c++)
    {
      const GkFormCell *def = g_ptr_array_index (columns, c);
      g_ptr_array_add (keys, def->key);
      g_ptr_array_add (labels, cell_label (def));
    }
  sheet_headers (sheet, (const char * const *) keys->pdata, (const char * const *) labels->pdata, keys->len);

  for (guint i = 0; i < items->len; i++)
    {
      const GkExportItem *item = item_at (items, i);
      GkReport *report = item->report;
      GkReportTable *table;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (report->layout == NULL || (version != GK_FORM_UNKNOWN && report->version != version))
        continue;
      table = gk_report_get_table (report, table_key);
      sheet_int (sheet, 0, item->report_id, NULL);
      sheet_string (sheet, 1, item->file_name, NULL);
      sheet_string (sheet, 2, report->agency, NULL);
      sheet_int (sheet, 3, report->year, xlsx->centered);
      sheet_string (sheet, 4, gk_form_version_to_string (report->version), xlsx->centered);
      sheet_string (sheet, 5, gk_table_status_to_string (table->status), NULL);
      for (guint c = 0; c < columns->len; c++)
        {
          guint index;

          if (report_cell (report, g_ptr_array_index (columns, c), &index) != NULL)
            sheet_cell (sheet, n_identity + c, report, index);
        }
      sheet->row++;
    }
  /* Number columns: wide enough that their wrapped headers take a few
   * lines, however short the numbers. */
  if (sheet->widths->len < keys->len)
    g_array_set_size (sheet->widths, keys->len);
  for (guint c = n_identity; c < sheet->widths->len; c++)
    {
      guint for_label = g_array_index (sheet->label_widths, guint, c) / 4;
      guint for_key = g_array_index (sheet->key_widths, guint, c) / 4;
      guint *width = &g_array_index (sheet->widths, guint, c);

      *width = MAX (*width, MAX (12, MIN (MAX (for_label, for_key), 22)));
    }
  sheet_finish (sheet, keys->len, 4, FALSE);
  return TRUE;
}

static void
xlsx_findings_sheet (Xlsx      *xlsx,
                     GPtrArray *items)
{
  static const char * const keys[] = {
    "report_id", "file", "agency", "year", "rule", "scope", "severity", "cells", "missing",
    "expected", "actual", "formula", "message", "message_en",
  };
  static const char * const labels[] = {
    "编号", "文件", "机关", "年度", "规则", "范围", "类别", "单元格", "缺少的单元格",
    "应为", "实为", "算式", "说明", "说明（英文）",
  };
  g_autoptr(Sheet) sheet = sheet_new (xlsx, "findings");

  if (sheet->sheet == NULL)
    return;
  sheet_headers (sheet, keys, labels, G_N_ELEMENTS (keys));
  for (guint i = 0; i < items->len; i++)
    {
      const GkExportItem *item = item_at (items, i);

      for (guint f = 0; item->findings != NULL && f < item->findings->len; f++, sheet->row++)
        {
          const GkFinding *finding = g_ptr_array_index (item->findings, f);
          g_autofree char *cells = finding->cells != NULL ? g_strjoinv (" ", finding->cells) : NULL;
          g_autofree char *missing = finding->missing != NULL ? g_strjoinv (" ", finding->missing) : NULL;
          lxw_col_t c = 0;

          sheet_int (sheet, c++, item->report_id, NULL);
          sheet_string (sheet, c++, item->file_name, NULL);
          sheet_string (sheet, c++, item->report->agency, NULL);
          sheet_int (sheet, c++, item->report->year, xlsx->centered);
          sheet_string (sheet, c++, finding->rule, NULL);
          sheet_string (sheet, c++, finding->scope, NULL);
          sheet_string (sheet, c++, gk_severity_to_string (finding->severity),
                        finding->severity < G_N_ELEMENTS (xlsx->severity) ? xlsx->severity[finding->severity] : NULL);
          sheet_string (sheet, c++, cells, NULL);
          sheet_string (sheet, c++, missing, NULL);
          sheet_number (sheet, c++, finding->expected, NULL);
          sheet_number (sheet, c++, finding->actual, NULL);
          sheet_string (sheet, c++, finding->formula, NULL);
          sheet_string (sheet, c++, finding->message, xlsx->wrap);
          sheet_string (sheet, c++, finding->message_en, xlsx->wrap);
          sheet_wrap_row (sheet, MAX (display_width (finding->message), display_width (finding->message_en)));
        }
    }
  sheet_finish (sheet, G_N_ELEMENTS (keys), 4, FALSE);
}

/* Writes the workbook at @path, which libxlsxwriter creates itself. */
static gboolean
export_xlsx (GPtrArray     *items,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  static const struct
  {
    const char    *name;
    const char    *table;
    GkFormVersion  version;
  } table_sheets[] = {
    { "t2 (2021)", "t2", GK_FORM_2021 },
    { "t2 (2019)", "t2", GK_FORM_2019 },
    { "t3", "t3", GK_FORM_UNKNOWN },
    { "t4", "t4", GK_FORM_UNKNOWN },
  };
  Xlsx xlsx = { NULL };
  lxw_error closed;

  xlsx.workbook = workbook_new (path);
  if (xlsx.workbook == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not start the workbook");
      return FALSE;
    }
  xlsx_init_formats (&xlsx);

  xlsx_reports_sheet (&xlsx, items);
  for (guint s = 0; s < G_N_ELEMENTS (table_sheets); s++)
    if (!xlsx_table_sheet (&xlsx, items, table_sheets[s].name, table_sheets[s].table,
                           table_sheets[s].version, cancellable, error))
      {
        lxw_workbook_free (xlsx.workbook);
        return FALSE;
      }
  xlsx_findings_sheet (&xlsx, items);

  if (xlsx.error != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not fill the workbook: %s",
                   lxw_strerror (xlsx.error));
      lxw_workbook_free (xlsx.workbook);
      return FALSE;
    }
  closed = workbook_close (xlsx.workbook);
  if (closed != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write the workbook: %s",
                   lxw_strerror (closed));
      return FALSE;
    }
  return TRUE;
}

/* To a stream by way of a private temporary file, since libxlsxwriter
 * writes only to a named file. */
static gboolean
export_xlsx_to_stream (GPtrArray      *items,
                       GOutputStream  *stream,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("gongkai-export-XXXXXX.xlsx", &path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);

  file = g_file_new_for_path (path);
  ok = export_xlsx (items, path, cancellable, error);
  if (ok)
    input = g_file_read (file, cancellable, error);
  ok = ok && input != NULL
       && g_output_stream_splice (stream, G_INPUT_STREAM (input), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                  cancellable, error) >= 0;
  g_unlink (path);
  return ok;
}

gboolean
gk_export_to_stream (GPtrArray             *items,
                     GkExportFormat         format,
                     const GkExportOptions *options,
                     GOutputStream         *stream,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < items->len; i++)
    g_return_val_if_fail (item_at (items, i) != NULL && item_at (items, i)->report != NULL, FALSE);

  switch (format)
    {
    case GK_EXPORT_CSV_LONG:
    case GK_EXPORT_CSV_WIDE:
    case GK_EXPORT_FINDINGS_CSV:
      return export_csv (items, format, options, stream, cancellable, error);
    case GK_EXPORT_JSON:
      return export_json (items, stream, cancellable, error);
    case GK_EXPORT_XLSX:
      return export_xlsx_to_stream (items, stream, cancellable, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* A new, unique file beside @path. g_file_replace() would write a file that
 * does not exist yet in place, where a failed export would leave half of it. */
static GFileOutputStream *
create_beside (const char    *path,
               char         **temp_path,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s.part-%06x", path, g_random_int_range (0, 0xffffff));
      g_autoptr(GFile) file = g_file_new_for_path (candidate);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable, &local_error);

      if (stream != NULL)
        {
          *temp_path = g_steal_pointer (&candidate);
          return stream;
        }
      if (attempt >= 16 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

gboolean
gk_export_to_file (GPtrArray             *items,
                   GkExportFormat         format,
                   const GkExportOptions *options,
                   const char            *path,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autofree char *temp_path = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  gboolean ok;

  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = create_beside (path, &temp_path, cancellable, error);
  if (stream == NULL)
    {
      g_prefix_error (error, "Could not export to “%s”: ", path);
      return FALSE;
    }

  if (format == GK_EXPORT_XLSX)
    ok = g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error)
         && export_xlsx (items, temp_path, cancellable, error);
  else
    ok = gk_export_to_stream (items, format, options, G_OUTPUT_STREAM (stream), cancellable, error)
         && g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);

  if (ok && g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_unlink (temp_path);
      g_prefix_error (error, "Could not export to “%s”: ", path);
    }
  return ok;
}
