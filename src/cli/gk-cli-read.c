/* gk-cli-read.c — outline, check and extract: reading files without a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gk-check.h"
#include "gk-cli.h"
#include "gk-csv.h"
#include "gk-extract.h"
#include "gk-json.h"
#include "gk-outline.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
walk (const char *path,
      GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) children = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));   /* reading it reports why */
      return;
    }
  children = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* hidden entries, and the _files folders of "complete" saved pages */
      if (name[0] == '.' || g_str_has_suffix (name, "_files"))
        continue;
      g_ptr_array_add (children, g_build_filename (path, name, NULL));
    }
  g_ptr_array_sort (children, compare_paths);
  for (guint i = 0; i < children->len; i++)
    walk (g_ptr_array_index (children, i), files);
}

GPtrArray *
gk_cli_collect_files (char **paths)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    walk (paths[i], files);
  return files;
}

typedef struct
{
  char     *path;
  GkReport *report;
  GError   *error;         /* English, as --json reports it */
  gboolean  empty_folder;
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_free (result->path);
  g_clear_pointer (&result->report, gk_report_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static GPtrArray *
read_all (char **paths)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) read_result_free);

  for (guint p = 0; paths != NULL && paths[p] != NULL; p++)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      walk (paths[p], files);
      if (files->len == 0)
        {
          /* a folder with nothing in it is said so, not passed over in silence */
          ReadResult *result = g_new0 (ReadResult, 1);
          g_autofree char *name = g_filename_display_name (paths[p]);

          result->path = g_strdup (paths[p]);
          result->empty_folder = TRUE;
          result->error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                       "“%s” is a folder with no files to read", name);
          g_ptr_array_add (results, result);
        }
      for (guint i = 0; i < files->len; i++)
        {
          ReadResult *result = g_new0 (ReadResult, 1);
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_ptr_array_index (files, i));

          result->path = g_strdup (g_ptr_array_index (files, i));
          result->report = gk_read_report_file (file, NULL, &result->error);
          g_ptr_array_add (results, result);
        }
    }
  return results;
}

static const char *
source_name (GkReport *report)
{
  return report->document->source->name;
}

/* ─── outline ──────────────────────────────────────────────────────────── */

static void
print_node (const GkOutlineNode *node,
            guint                depth)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const GkOutlineNode *child = g_ptr_array_index (node->children, i);
      printf ("%*s%-8s %s\n", depth * 2 + 2, "", child->key, child->title);
      print_node (child, depth + 1);
    }
}

static void
json_node (GkJson              *json,
           const GkOutlineNode *node)
{
  gk_json_begin_array (json);
  for (guint i = 0; i < node->children->len; i++)
    {
      const GkOutlineNode *child = g_ptr_array_index (node->children, i);

      gk_json_begin_object (json);
      gk_json_member_string (json, "key", child->key);
      gk_json_member_string (json, "section", child->section);
      gk_json_member_int (json, "level", child->level);
      gk_json_member_int (json, "number", child->number);
      gk_json_member_string (json, "title", child->title);
      gk_json_key (json, "range");
      gk_json_begin_object (json);
      gk_json_member_int (json, "start_block", child->start.block);
      gk_json_member_int (json, "start_offset", child->start.offset);
      gk_json_member_int (json, "end_block", child->end.block);
      gk_json_member_int (json, "end_offset", child->end.offset);
      gk_json_end_object (json);
      gk_json_key (json, "children");
      json_node (json, child);
      gk_json_end_object (json);
    }
  gk_json_end_array (json);
}

static GPtrArray *
missing_sections (GkReport *report)
{
  GPtrArray *missing = g_ptr_array_new ();
  guint n;
  const GkFormSection *sections = gk_form_get_sections (&n);

  if (report->kind != GK_REPORT_KIND_REPORT || report->outline == NULL)
    return missing;
  for (guint i = 0; i < n; i++)
    if (!gk_outline_has_section (report->outline, sections[i].key))
      g_ptr_array_add (missing, (gpointer) sections[i].key);
  return missing;
}

static void
json_identity (GkJson   *json,
               GkReport *report)
{
  GkSource *source = report->document->source;

  gk_json_member_string (json, "file", source->path != NULL ? source->path : source->name);
  gk_json_member_string (json, "kind", gk_report_kind_to_string (report->kind));
  gk_json_member_string (json, "title", report->title);
  gk_json_member_string (json, "agency", report->agency);
  gk_json_member_string (json, "agency_key", report->agency_key);
  if (report->year > 0)
    gk_json_member_int (json, "year", report->year);
  else
    {
      gk_json_key (json, "year");
      gk_json_null (json);
    }
  gk_json_member_string (json, "date", report->date);
  gk_json_member_string (json, "version", gk_form_version_to_string (report->version));
  gk_json_member_string (json, "source_kind", gk_source_kind_to_string (source->kind));
  gk_json_member_string (json, "charset", source->charset);
  gk_json_member_string (json, "charset_origin", gk_charset_origin_to_string (source->charset_origin));
  gk_json_member_string (json, "sha256", source->sha256);
  gk_json_key (json, "warnings");
  gk_json_begin_array (json);
  for (guint i = 0; i < source->warnings->len; i++)
    gk_json_string (json, g_ptr_array_index (source->warnings, i));
  gk_json_end_array (json);
}

/* The reports' own texts come in Chinese and in English: the CLI's language
 * picks one, so that a line never mixes the two. */
static const char *
in_language (const char *chinese,
             const char *english)
{
  if (gk_cli_is_chinese ())
    return chinese != NULL ? chinese : english;
  return english != NULL ? english : chinese;
}

static const char *
kind_label (GkReportKind kind)
{
  switch (kind)
    {
    case GK_REPORT_KIND_REPORT: return C_("report kind", "annual report");
    case GK_REPORT_KIND_LEGACY: return C_("report kind", "annual report from before 2019");
    case GK_REPORT_KIND_NOT_REPORT:
    default: return C_("report kind", "not an annual report");
    }
}

static const char *
form_label (GkFormVersion version)
{
  switch (version)
    {
    case GK_FORM_2019: return C_("form version", "2019");
    case GK_FORM_2021: return C_("form version", "2021");
    case GK_FORM_LEGACY: return C_("form version", "none (before 2019)");
    case GK_FORM_UNKNOWN:
    default: return C_("form version", "unknown");
    }
}

static const char *
source_kind_label (GkSourceKind kind)
{
  switch (kind)
    {
    case GK_SOURCE_KIND_HTML: return C_("read as", "an HTML page");
    case GK_SOURCE_KIND_MHTML: return C_("read as", "an MHTML archive");
    case GK_SOURCE_KIND_TEXT: return C_("read as", "plain text");
    default: return C_("read as", "an unknown kind of file");
    }
}

static const char *
charset_origin_label (GkCharsetOrigin origin)
{
  switch (origin)
    {
    case GK_CHARSET_FROM_BOM: return C_("charset origin", "from its byte order mark");
    case GK_CHARSET_FROM_DECLARATION: return C_("charset origin", "as the page declares");
    case GK_CHARSET_FROM_UTF8_VALID: return C_("charset origin", "the bytes are valid UTF-8");
    case GK_CHARSET_FROM_SNIFFING: return C_("charset origin", "guessed from the bytes");
    case GK_CHARSET_FROM_LOSSY: return C_("charset origin", "invalid bytes replaced");
    default: return C_("charset origin", "origin unknown");
    }
}

/* printf with a translated format, then a newline, indented as a report's
 * lines are. */
G_GNUC_PRINTF (1, 2)
static void
print_line (const char *format,
            ...)
{
  va_list args;

  fputs ("   ", stdout);
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  fputc ('\n', stdout);
}

static void
print_identity (GkReport *report)
{
  GkSource *source = report->document->source;
  g_autofree char *year = report->year > 0 ? g_strdup_printf ("%d", report->year) : g_strdup ("?");

  printf ("== %s\n", source->path != NULL ? source->path : source->name);
  print_line (_("kind: %s   form: %s   agency: %s   year: %s   published: %s"),
              kind_label (report->kind), form_label (report->version),
              report->agency != NULL ? report->agency : "?", year, report->date != NULL ? report->date : "?");
  print_line (_("title: %s"), report->title != NULL ? report->title : "?");
  /* Translators: the first %s is one of the "read as" kinds, the second a charset, the third a
   * "charset origin"; a translation may carry "read as" in the kinds instead */
  print_line (_("read as %s, %s (%s)"), source_kind_label (source->kind), source->charset,
              charset_origin_label (source->charset_origin));
  for (guint i = 0; i < source->warnings->len; i++)
    {
      g_autofree char *note = gk_cli_translate_note (g_ptr_array_index (source->warnings, i));
      print_line (_("note: %s"), note);
    }
}

/* Core's reasons are English; the CLI's own is said in its language. */
static void
print_refused (ReadResult *result)
{
  g_autofree char *name = g_filename_display_name (result->path);

  fputs ("gongkai-cli: ", stderr);
  if (result->empty_folder)
    fprintf (stderr, _("“%s” is a folder with no files to read"), name);
  else
    fputs (result->error->message, stderr);
  fputc ('\n', stderr);
}

static const char *
section_title (const char *key)
{
  guint n;
  const GkFormSection *sections = gk_form_get_sections (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (sections[i].key, key))
      return in_language (sections[i].title, sections[i].title_en);
  return key;
}

int
gk_cli_outline (int    argc,
                char **argv)
{
  gboolean json_output = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, _("Print JSON for machines"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, _("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— print each report's identity and section tree"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GkJson) json = NULL;
  int status = GK_CLI_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || paths == NULL)
    {
      fprintf (stderr, "gongkai-cli outline: %s\n", error != NULL ? error->message : _("no FILE given"));
      return GK_CLI_USAGE;
    }

  results = read_all (paths);
  if (json_output)
    {
      json = gk_json_new (TRUE);
      gk_json_begin_array (json);
    }
  for (guint i = 0; i < results->len; i++)
    {
      ReadResult *result = g_ptr_array_index (results, i);
      g_autoptr(GPtrArray) missing = NULL;

      if (result->report == NULL)
        {
          status = GK_CLI_UNREADABLE;
          if (json != NULL)
            {
              gk_json_begin_object (json);
              gk_json_member_string (json, "file", result->path);
              gk_json_member_string (json, "error", result->error->message);
              gk_json_end_object (json);
            }
          else
            print_refused (result);
          continue;
        }
      missing = missing_sections (result->report);
      if (json != NULL)
        {
          gk_json_begin_object (json);
          json_identity (json, result->report);
          gk_json_key (json, "sections");
          json_node (json, result->report->outline->root);
          gk_json_key (json, "missing_sections");
          gk_json_begin_array (json);
          for (guint m = 0; m < missing->len; m++)
            gk_json_string (json, g_ptr_array_index (missing, m));
          gk_json_end_array (json);
          gk_json_end_object (json);
          continue;
        }
      print_identity (result->report);
      print_node (result->report->outline->root, 0);
      if (missing->len > 0)
        {
          g_autoptr(GString) titles = g_string_new (NULL);

          for (guint m = 0; m < missing->len; m++)
            g_string_append_printf (titles, "%s%s", m > 0 ? gk_cli_list_separator () : "",
                                    section_title (g_ptr_array_index (missing, m)));
          print_line (_("missing sections: %s"), titles->str);
        }
      printf ("\n");
    }
  if (json != NULL)
    {
      gk_json_end_array (json);
      printf ("%s\n", gk_json_get_string (json)->str);
    }
  return status;
}

/* ─── check ────────────────────────────────────────────────────────────── */

static const char *
severity_mark (GkSeverity severity)
{
  switch (severity)
    {
    case GK_SEVERITY_ERROR: return _("✗ error");
    case GK_SEVERITY_WARNING: return _("! warning");
    case GK_SEVERITY_UNCERTAIN: return _("? uncertain");
    default: return "";
    }
}

/* severity, rule, then the text; the first two padded to line up */
static void
print_finding_line (GkSeverity  severity,
                    const char *rule,
                    const char *text)
{
  guint width = 0;
  g_autofree char *mark = NULL;
  g_autofree char *rule_column = gk_cli_pad (rule, 18);

  for (GkSeverity s = GK_SEVERITY_ERROR; s <= GK_SEVERITY_UNCERTAIN; s++)
    width = MAX (width, gk_cli_width (severity_mark (s)));
  mark = gk_cli_pad (severity_mark (severity), width);
  printf ("     %s %s %s\n", mark, rule_column, text);
}

static void
print_finding (const GkFinding *finding)
{
  print_finding_line (finding->severity, finding->rule, in_language (finding->message, finding->message_en));
}

/* The label of a row, as a reader finds it in the form: a numbered row under
 * a numbered group (1.属于国家秘密 under （三）不予公开) is named with its
 * group, since 1. alone recurs; the English labels say so already. */
static char *
row_label (const GkFormCell *cell)
{
  const GkFormGroup *group = NULL;

  if (!gk_cli_is_chinese ())
    return g_strdup (cell->row->label_en);
  if (cell->row->group != NULL)
    group = gk_form_table_get_group (cell->table, cell->row->group);
  if (group != NULL && group->parent != NULL)
    return g_strdup_printf ("%s·%s", group->label, cell->row->label);
  return g_strdup (cell->row->label);
}

/* What a finding's identity ran over (its scope, a column or a row key),
 * named by the form's label. */
static char *
scope_label (GkReport        *report,
             const GkFinding *finding)
{
  const GkFormCell *cell = NULL;

  if (report->layout != NULL && finding->cells != NULL && finding->cells[0] != NULL)
    {
      /* cross-year cells are keyed with their year: t3.carried_in.natural@2022 */
      g_autofree char *key = g_strdup (finding->cells[0]);
      char *year = strchr (key, '@');

      if (year != NULL)
        *year = '\0';
      cell = gk_form_layout_lookup (report->layout, key);
    }
  if (cell != NULL && g_strcmp0 (cell->column->key, finding->scope) == 0)
    return g_strdup (in_language (cell->column->label, cell->column->label_en));
  if (cell != NULL && g_strcmp0 (cell->row->key, finding->scope) == 0)
    return row_label (cell);
  return g_strdup (finding->scope);
}

static const GkFormIdentity *
identity_named (const char *id)
{
  guint n;
  const GkFormIdentity *identities = gk_form_get_identities (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (identities[i].id, id))
      return &identities[i];
  identities = gk_form_get_cross_identities (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (identities[i].id, id))
      return &identities[i];
  return NULL;
}

/* Blank cells make many checks uncertain at once (Shanghai 2019): unless
 * asked for all, say so once per rule, naming what each ran over. */
static void
print_findings (GkReport  *report,
                GPtrArray *findings,
                gboolean   all)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint f = 0; f < findings->len; f++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, f);
      const GkFormIdentity *identity;
      g_autoptr(GString) scopes = NULL;
      g_autofree char *text = NULL;
      guint count = 0, hold = 0;

      if (all || finding->severity != GK_SEVERITY_UNCERTAIN || g_str_has_suffix (finding->rule, ".review"))
        {
          print_finding (finding);
          continue;
        }
      if (g_hash_table_contains (shown, finding->rule))
        continue;
      g_hash_table_add (shown, finding->rule);
      scopes = g_string_new (NULL);
      for (guint g = f; g < findings->len; g++)
        {
          const GkFinding *other = g_ptr_array_index (findings, g);
          g_autofree char *label = NULL;

          if (other->severity != GK_SEVERITY_UNCERTAIN || !g_str_equal (other->rule, finding->rule))
            continue;
          count++;
          hold += other->blanks_as_zero_hold;
          label = scope_label (report, other);
          g_string_append_printf (scopes, "%s%s", scopes->len > 0 ? gk_cli_list_separator () : "", label);
        }
      if (count == 1)
        {
          print_finding (finding);
          continue;
        }
      identity = identity_named (finding->rule);
      if (identity != NULL)
        text = g_strdup_printf (ngettext ("%u check of “%s” lacks values (%u would hold if blanks were read "
                                          "as 0): %s",
                                          "%u checks of “%s” lack values (%u would hold if blanks were read "
                                          "as 0): %s", count),
                                count, in_language (identity->text, identity->text_en), hold, scopes->str);
      else
        text = g_strdup_printf (ngettext ("%u check lacks values (%u would hold if blanks were read as 0): %s",
                                          "%u checks lack values (%u would hold if blanks were read as 0): %s",
                                          count),
                                count, hold, scopes->str);
      print_finding_line (finding->severity, finding->rule, text);
    }
}

static void
json_finding (GkJson          *json,
              const GkFinding *finding)
{
  gk_json_begin_object (json);
  gk_json_member_string (json, "rule", finding->rule);
  gk_json_member_string (json, "scope", finding->scope);
  gk_json_member_string (json, "severity", gk_severity_to_string (finding->severity));
  gk_json_key (json, "cells");
  gk_json_begin_array (json);
  for (guint c = 0; finding->cells != NULL && finding->cells[c] != NULL; c++)
    gk_json_string (json, finding->cells[c]);
  gk_json_end_array (json);
  gk_json_key (json, "missing");
  gk_json_begin_array (json);
  for (guint c = 0; finding->missing != NULL && finding->missing[c] != NULL; c++)
    gk_json_string (json, finding->missing[c]);
  gk_json_end_array (json);
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

/* The report of the same agency for the year before, among those read. */
static GkReport *
previous_year (GPtrArray *results,
               GkReport  *report)
{
  for (guint i = 0; i < results->len; i++)
    {
      ReadResult *other = g_ptr_array_index (results, i);
      if (other->report != NULL && other->report->year == report->year - 1
          && report->year > 0 && g_strcmp0 (other->report->agency_key, report->agency_key) == 0
          && *report->agency_key != '\0' && other->report->kind == GK_REPORT_KIND_REPORT)
        return other->report;
    }
  return NULL;
}

static const char *
status_label (GkTableStatus status)
{
  switch (status)
    {
    case GK_TABLE_STATUS_FOUND: return C_("table status", "found");
    case GK_TABLE_STATUS_NEEDS_REVIEW: return C_("table status", "needs review");
    case GK_TABLE_STATUS_NOT_PRESENT:
    default: return C_("table status", "not present");
    }
}

/* The place of @cell's column among its row's, so that a suggestion over
 * several rows lines its values up by column. */
static guint
column_position (const GkFormCell *cell)
{
  guint position = 0;

  while (cell->row->columns[position].key != NULL && &cell->row->columns[position] != cell->column)
    position++;
  return position;
}

/* Row labels wider than this are not padded to: the form's longest would push
 * every row's values off the screen. */
#define MAX_ROW_LABEL_WIDTH 40

/* A proposed split, a line per row of the form: the row's label, then its
 * values, lined up by column. */
static void
print_suggestion (GkReport           *report,
                  const GkSuggestion *suggestion)
{
  guint n = suggestion->cells->len;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();    /* the first cell of each row, in order */
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint label_width = 0;

  print_line (_("suggested split of the digits run together in %s (offered, not applied):"), suggestion->table);
  for (guint v = 0; v < n; v++)
    {
      const GkFormCell *cell = &report->layout->cells[g_array_index (suggestion->cells, guint, v)];
      char *value = gk_number_format (g_array_index (suggestion->values, double, v), TRUE);
      guint position = column_position (cell);
      gboolean seen = FALSE;

      g_ptr_array_add (values, value);
      if (position >= widths->len)
        g_array_set_size (widths, position + 1);
      g_array_index (widths, guint, position) = MAX (g_array_index (widths, guint, position),
                                                     gk_cli_width (value));
      for (guint r = 0; r < rows->len && !seen; r++)
        seen = ((const GkFormCell *) g_ptr_array_index (rows, r))->row == cell->row;
      if (!seen)
        {
          char *label = row_label (cell);

          g_ptr_array_add (rows, (gpointer) cell);
          g_ptr_array_add (labels, label);
          label_width = MAX (label_width, MIN (gk_cli_width (label), MAX_ROW_LABEL_WIDTH));
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      const GkFormRow *row = ((const GkFormCell *) g_ptr_array_index (rows, r))->row;
      g_autofree char *label = gk_cli_pad (g_ptr_array_index (labels, r), label_width);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree const char **by_position = g_new0 (const char *, widths->len);

      for (guint v = 0; v < n; v++)
        {
          const GkFormCell *cell = &report->layout->cells[g_array_index (suggestion->cells, guint, v)];
          if (cell->row == row)
            by_position[column_position (cell)] = g_ptr_array_index (values, v);
        }
      for (guint p = 0; p < widths->len; p++)
        {
          g_autofree char *value = gk_cli_pad_start (by_position[p] != NULL ? by_position[p] : "",
                                                     g_array_index (widths, guint, p));
          g_string_append_printf (line, "%s%s", p > 0 ? " " : "", value);
        }
      /* a column this row does not have leaves no trailing blanks */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      printf ("     %s  %s\n", label, line->str);
    }
  printf ("     %s\n", in_language (suggestion->proof, suggestion->proof_en));
}

static void
print_tables (GkReport *report)
{
  guint status_width = 0;

  for (GkTableStatus s = GK_TABLE_STATUS_FOUND; s <= GK_TABLE_STATUS_NEEDS_REVIEW; s++)
    status_width = MAX (status_width, gk_cli_width (status_label (s)));
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      GkReportTable *table = &report->tables[t];
      g_autofree char *status = gk_cli_pad (status_label (table->status), status_width);
      const char *detail = in_language (table->detail, table->detail_en);

      printf ("   %s %s  %s\n", gk_form_table_key (t), status, detail != NULL ? detail : "");
    }
  for (guint s = 0; s < report->suggestions->len; s++)
    print_suggestion (report, g_ptr_array_index (report->suggestions, s));
  for (guint f = 0; f < report->prose_facts->len; f++)
    {
      GkProseFact *fact = g_ptr_array_index (report->prose_facts, f);
      g_autofree char *value = gk_number_format (fact->value, TRUE);

      /* the fragment in 「」 is the page's own text, in whatever script it used */
      print_line (_("in the text: %s %s (「%s」)"), in_language (fact->label, fact->label_en), value, fact->text);
    }
}

static void
print_counts (GkFindingCounts counts)
{
  g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", counts.errors), counts.errors);
  g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", counts.warnings),
                                               counts.warnings);
  g_autofree char *uncertain = g_strdup_printf (ngettext ("%u uncertain", "%u uncertain", counts.uncertain),
                                                counts.uncertain);

  /* Translators: errors, warnings and uncertain checks of one report */
  print_line (C_("finding counts", "%s, %s, %s"), errors, warnings, uncertain);
}

int
gk_cli_check (int    argc,
              char **argv)
{
  gboolean json_output = FALSE, strict = FALSE, all = FALSE;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, _("Print JSON for machines"), NULL },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, _("List every uncertain check, not one line per rule"), NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      _("Exit 1 on warnings, uncertain checks and tables to review too, not only on errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, _("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— check every identity of each report"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GkJson) json = NULL;
  gboolean findings_fail = FALSE, unreadable = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    _("Exit status: 0 no identity fails; 1 an identity fails (with --strict, "
                                      "also warnings,\nuncertain checks, and tables missing or needing review); "
                                      "2 bad arguments; 3 a file could not be read."));
  if (!g_option_context_parse (context, &argc, &argv, &error) || paths == NULL)
    {
      fprintf (stderr, "gongkai-cli check: %s\n", error != NULL ? error->message : _("no FILE given"));
      return GK_CLI_USAGE;
    }

  results = read_all (paths);
  if (json_output)
    {
      json = gk_json_new (TRUE);
      gk_json_begin_array (json);
    }
  for (guint i = 0; i < results->len; i++)
    {
      ReadResult *result = g_ptr_array_index (results, i);
      GkReport *report = result->report;
      GkReport *previous;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GPtrArray) cross = NULL;
      GkFindingCounts counts;

      if (report == NULL)
        {
          unreadable = TRUE;
          if (json != NULL)
            {
              gk_json_begin_object (json);
              gk_json_member_string (json, "file", result->path);
              gk_json_member_string (json, "error", result->error->message);
              gk_json_end_object (json);
            }
          else
            print_refused (result);
          continue;
        }

      findings = gk_check_report (report);
      previous = previous_year (results, report);
      if (previous != NULL)
        {
          cross = gk_check_pair (previous, report);
          for (guint c = 0; c < cross->len; c++)
            g_ptr_array_add (findings, g_steal_pointer (&cross->pdata[c]));
          g_ptr_array_set_size (cross, 0);
        }
      counts = gk_findings_count (findings, NULL);
      if (counts.errors > 0)
        findings_fail = TRUE;
      if (strict && report->kind == GK_REPORT_KIND_REPORT)
        {
          findings_fail |= counts.warnings > 0 || counts.uncertain > 0;
          for (guint t = 0; t < GK_FORM_N_TABLES; t++)
            findings_fail |= report->tables[t].status != GK_TABLE_STATUS_FOUND;
        }

      if (json != NULL)
        {
          gk_json_begin_object (json);
          json_identity (json, report);
          gk_json_key (json, "tables");
          gk_json_begin_object (json);
          for (guint t = 0; t < GK_FORM_N_TABLES; t++)
            {
              GkFindingCounts table_counts = gk_findings_count (findings, gk_form_table_key (t));
              gk_json_key (json, gk_form_table_key (t));
              gk_json_begin_object (json);
              gk_json_member_string (json, "status", gk_table_status_to_string (report->tables[t].status));
              gk_json_member_string (json, "detail", report->tables[t].detail_en);
              gk_json_member_int (json, "cells_found", report->tables[t].n_found);
              gk_json_member_int (json, "errors", table_counts.errors);
              gk_json_member_int (json, "uncertain", table_counts.uncertain);
              gk_json_end_object (json);
            }
          gk_json_end_object (json);
          gk_json_key (json, "findings");
          gk_json_begin_array (json);
          for (guint f = 0; f < findings->len; f++)
            json_finding (json, g_ptr_array_index (findings, f));
          gk_json_end_array (json);
          gk_json_key (json, "suggestions");
          gk_json_begin_array (json);
          for (guint s = 0; s < report->suggestions->len; s++)
            {
              GkSuggestion *suggestion = g_ptr_array_index (report->suggestions, s);
              gk_json_begin_object (json);
              gk_json_member_string (json, "table", suggestion->table);
              gk_json_member_string (json, "run", suggestion->run);
              gk_json_key (json, "cells");
              gk_json_begin_object (json);
              for (guint v = 0; v < suggestion->cells->len; v++)
                gk_json_member_double (json,
                                       report->layout->cells[g_array_index (suggestion->cells, guint, v)].key,
                                       g_array_index (suggestion->values, double, v));
              gk_json_end_object (json);
              gk_json_member_string (json, "proof", suggestion->proof_en);
              gk_json_end_object (json);
            }
          gk_json_end_array (json);
          gk_json_end_object (json);
          continue;
        }

      print_identity (report);
      if (report->kind == GK_REPORT_KIND_REPORT)
        print_tables (report);
      print_findings (report, findings, all);
      if (report->kind == GK_REPORT_KIND_REPORT)
        print_counts (counts);
      else if (report->kind == GK_REPORT_KIND_LEGACY)
        print_line ("%s", _("not checked: a report from before 2019 follows no form"));
      else
        print_line ("%s", _("not checked: not an annual report"));
      printf ("\n");
    }
  if (json != NULL)
    {
      gk_json_end_array (json);
      printf ("%s\n", gk_json_get_string (json)->str);
    }
  if (unreadable)
    return GK_CLI_UNREADABLE;
  return findings_fail ? GK_CLI_FINDINGS : GK_CLI_OK;
}

/* ─── extract ──────────────────────────────────────────────────────────── */

int
gk_cli_extract (int    argc,
                char **argv)
{
  char *format = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, _("csv (default) or json"), _("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, _("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— print every cell of each report, one per line"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GkJson) json = NULL;
  g_autofree char *format_owned = NULL;
  gboolean as_json;
  int status = GK_CLI_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || paths == NULL)
    {
      fprintf (stderr, "gongkai-cli extract: %s\n", error != NULL ? error->message : _("no FILE given"));
      return GK_CLI_USAGE;
    }
  format_owned = format;
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      fprintf (stderr, "gongkai-cli extract: ");
      fprintf (stderr, _("unknown format “%s” (csv or json)"), format);
      fputc ('\n', stderr);
      return GK_CLI_USAGE;
    }
  as_json = format != NULL && g_str_equal (format, "json");

  results = read_all (paths);
  if (as_json)
    {
      json = gk_json_new (TRUE);
      gk_json_begin_array (json);
    }
  else
    {
      static const char * const header[] = {
        "file", "agency", "year", "version", "table", "row", "column", "raw", "kind", "value"
      };
      gk_csv_append_row (csv, header, G_N_ELEMENTS (header));
    }

  for (guint i = 0; i < results->len; i++)
    {
      ReadResult *result = g_ptr_array_index (results, i);
      GkReport *report = result->report;
      g_autofree char *year = NULL;

      if (report == NULL)
        {
          print_refused (result);
          status = GK_CLI_UNREADABLE;
          continue;
        }
      if (report->layout == NULL)
        continue;
      year = report->year > 0 ? g_strdup_printf ("%d", report->year) : g_strdup ("");
      for (guint c = 0; c < report->layout->n_cells; c++)
        {
          const GkFormCell *def = &report->layout->cells[c];
          const GkCell *cell = &report->cells[c];
          const GkNumber *value = gk_report_get_value (report, c);
          g_autofree char *number = gk_number_is_present (value)
                                    ? gk_number_format (value->value, value->is_integer) : NULL;

          if (cell->provenance.kind == GK_PROVENANCE_NONE)
            continue;
          if (json != NULL)
            {
              gk_json_begin_object (json);
              gk_json_member_string (json, "file", source_name (report));
              gk_json_member_string (json, "agency", report->agency);
              if (report->year > 0)
                gk_json_member_int (json, "year", report->year);
              gk_json_member_string (json, "version", gk_form_version_to_string (report->version));
              gk_json_member_string (json, "table", def->table->key);
              gk_json_member_string (json, "row", def->row->key);
              gk_json_member_string (json, "column", def->column->key);
              gk_json_member_string (json, "raw", cell->raw);
              gk_json_member_string (json, "kind", cell->provenance.kind == GK_PROVENANCE_DIGIT_RUN
                                                   ? "text" : gk_value_kind_to_string (value->kind));
              gk_json_key (json, "value");
              if (number != NULL)
                gk_json_double (json, value->value);
              else
                gk_json_null (json);
              gk_json_end_object (json);
            }
          else
            {
              const char *fields[] = {
                source_name (report), report->agency, year, gk_form_version_to_string (report->version),
                def->table->key, def->row->key, def->column->key, cell->raw,
                cell->provenance.kind == GK_PROVENANCE_DIGIT_RUN ? "text" : gk_value_kind_to_string (value->kind),
                number
              };
              gk_csv_append_row (csv, fields, G_N_ELEMENTS (fields));
            }
        }
    }
  if (json != NULL)
    {
      gk_json_end_array (json);
      printf ("%s\n", gk_json_get_string (json)->str);
    }
  else
    fwrite (csv->str, 1, csv->len, stdout);
  return status;
}
