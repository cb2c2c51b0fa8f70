/* gk-cli-library.c — import, list and export: the library from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gk-cli.h"
#include "gk-export.h"
#include "gk-extract.h"
#include "gk-json.h"
#include "gk-library.h"

/* ─── import ───────────────────────────────────────────────────────────── */

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  const char *what = user_data;

  fprintf (stderr, "\r%s %u/%u…", what, done, total);
  if (done == total)
    fprintf (stderr, "\n");
  fflush (stderr);
}

/* Cells derived by an older extractor are derived again before the library
 * is used, so every report reads the same way and nothing is listed or
 * exported from cells this version would not give. */
static gboolean
reextract_if_needed (const char *command,
                     GkLibrary  *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orphans = NULL;

  if (!gk_library_needs_reextraction (library))
    return TRUE;
  fprintf (stderr, "gongkai-cli %s: %s\n", command,
           _("the extractor changed; deriving the library's cells again"));
  orphans = gk_library_reextract (library, NULL, isatty (STDERR_FILENO) ? print_progress : NULL,
                                  (gpointer) _("Deriving"), &error);
  if (orphans == NULL)
    {
      fprintf (stderr, "gongkai-cli %s: %s\n", command, error->message);
      return FALSE;
    }
  for (guint i = 0; i < orphans->len; i++)
    {
      fprintf (stderr, "gongkai-cli %s: ", command);
      fprintf (stderr, _("an edit was kept, but its cell no longer exists: %s"),
               (const char *) g_ptr_array_index (orphans, i));
      fputc ('\n', stderr);
    }
  return TRUE;
}

static GkLibrary *
open_library (const char *command,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = gk_library_open (path, &error);

  if (library == NULL)
    {
      fprintf (stderr, "gongkai-cli %s: %s\n", command, error->message);
      return NULL;
    }
  if (!reextract_if_needed (command, library))
    return NULL;
  return g_steal_pointer (&library);
}

int
gk_cli_import (int    argc,
               char **argv)
{
  g_autofree char *library_path = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path,
      _("The library file (default: $GONGKAI_LIBRARY, else the user's data folder)"), _("PATH") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, _("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— add saved report pages and folders to the library"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GkImportSummary) summary = NULL;
  gboolean show_progress = isatty (STDERR_FILENO);

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    _("Folders are read recursively; hidden files, images and the _files folders\n"
                                      "of saved pages are skipped. The same file twice is stored once.\n"
                                      "Exit status: 0 all read; 2 bad arguments; 3 a file was refused (the others\n"
                                      "were imported); 4 the library could not be used."));
  if (!g_option_context_parse (context, &argc, &argv, &error) || paths == NULL)
    {
      fprintf (stderr, "gongkai-cli import: %s\n", error != NULL ? error->message : _("no PATH given"));
      return GK_CLI_USAGE;
    }

  library = open_library ("import", library_path);
  if (library == NULL)
    return GK_CLI_FAILURE;

  summary = gk_library_import (library, (const char * const *) paths, NULL,
                               show_progress ? print_progress : NULL, (gpointer) _("Importing"), &error);
  if (summary == NULL)
    {
      fprintf (stderr, "gongkai-cli import: %s\n", error->message);
      return GK_CLI_FAILURE;
    }

  printf (ngettext ("Imported %u report into %s.", "Imported %u reports into %s.", summary->imported),
          summary->imported, gk_library_get_path (library));
  if (summary->possible_duplicates > 0)
    {
      fputc (' ', stdout);
      printf (ngettext ("%u of them may be a duplicate: another file for the same agency and year.",
                        "%u of them may be duplicates: another file for the same agency and year.",
                        summary->possible_duplicates),
              summary->possible_duplicates);
    }
  fputc ('\n', stdout);
  printf (_("%u already in the library (same bytes), %u skipped, %u refused."),
          summary->duplicates, summary->skipped, summary->refused);
  fputc ('\n', stdout);
  for (guint i = 0; i < summary->results->len; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);

      switch (result->outcome)
        {
        case GK_IMPORT_POSSIBLE_DUPLICATE:
          {
            g_autofree char *outcome = gk_cli_pad (_("possible duplicate"), 18);
            g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, result->report_id);

            printf ("  %s  ", outcome);
            printf (_("%s (report %s)"), result->path, id);
            fputc ('\n', stdout);
          }
          break;
        case GK_IMPORT_SKIPPED:
        case GK_IMPORT_REFUSED:
          {
            g_autofree char *outcome = gk_cli_pad (result->outcome == GK_IMPORT_SKIPPED ? _("skipped")
                                                                                       : _("refused"), 18);
            printf ("  %s  %s: %s\n", outcome, result->path, result->reason);
          }
          break;
        case GK_IMPORT_IMPORTED:
        case GK_IMPORT_DUPLICATE:
        default:
          break;
        }
    }
  return summary->refused > 0 ? GK_CLI_UNREADABLE : GK_CLI_OK;
}

/* ─── list ─────────────────────────────────────────────────────────────── */

static GPtrArray *
query_reports (GkLibrary  *library,
               const char *command,
               const char *agency,
               int         year)
{
  g_autoptr(GError) error = NULL;
  GkReportQuery query = { agency, 0, year, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
  GPtrArray *reports = gk_library_list_reports (library, &query, &error);

  if (reports == NULL)
    fprintf (stderr, "gongkai-cli %s: %s\n", command, error->message);
  return reports;
}

static void
json_summary (GkJson                *json,
              const GkReportSummary *summary)
{
  gk_json_begin_object (json);
  gk_json_member_int (json, "id", summary->id);
  gk_json_member_string (json, "agency", summary->agency);
  gk_json_member_string (json, "region", summary->region);
  gk_json_key (json, "year");
  if (summary->year > 0)
    gk_json_int (json, summary->year);
  else
    gk_json_null (json);
  gk_json_member_string (json, "date", summary->date);
  gk_json_member_string (json, "version", gk_form_version_to_string (summary->version));
  gk_json_member_string (json, "kind", gk_report_kind_to_string (summary->kind));
  gk_json_member_string (json, "file", summary->file_name);
  gk_json_member_int (json, "errors", summary->errors);
  gk_json_member_int (json, "warnings", summary->warnings);
  gk_json_member_int (json, "uncertain", summary->uncertain);
  gk_json_member_boolean (json, "edited", summary->edited);
  gk_json_member_boolean (json, "missing_tables", summary->missing_tables);
  gk_json_member_boolean (json, "needs_review", summary->needs_review);
  gk_json_member_boolean (json, "possible_duplicate", summary->possible_duplicate);
  gk_json_end_object (json);
}

static char *
flags_of (const GkReportSummary *summary)
{
  g_autoptr(GString) flags = g_string_new (NULL);

  if (summary->kind != GK_REPORT_KIND_REPORT)
    g_string_append_printf (flags, "%s ", summary->kind == GK_REPORT_KIND_LEGACY ? C_("list flag", "before-2019")
                                                                                  : C_("list flag", "not-a-report"));
  if (summary->edited)
    g_string_append_printf (flags, "%s ", C_("list flag", "edited"));
  if (summary->missing_tables)
    g_string_append_printf (flags, "%s ", C_("list flag", "tables-missing"));
  if (summary->needs_review)
    g_string_append_printf (flags, "%s ", C_("list flag", "review"));
  if (summary->possible_duplicate)
    g_string_append_printf (flags, "%s ", C_("list flag", "duplicate?"));
  if (flags->len > 0)
    g_string_truncate (flags, flags->len - 1);
  return g_string_free (g_steal_pointer (&flags), FALSE);
}

static const char *
version_label (GkFormVersion version)
{
  switch (version)
    {
    case GK_FORM_UNKNOWN: return C_("form version", "unknown");
    case GK_FORM_LEGACY: return C_("list form", "legacy");
    default: return gk_form_version_to_string (version);
    }
}

#define LIST_COLUMNS 8

/* list's table, one GStrv of LIST_COLUMNS fields per line, the headings first:
 * each column as wide as its widest field (the English widths at least, so
 * that the table does not jump between libraries); the last is left as it is. */
static void
print_list_table (GPtrArray *lines)
{
  static const guint min_widths[LIST_COLUMNS - 1] = { 6, 4, 7, 3, 3, 3, 20 };
  static const gboolean right[LIST_COLUMNS - 1] = { TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, FALSE };
  static const char * const gaps[LIST_COLUMNS] = { "", "  ", "  ", "  ", " ", " ", "  ", "  " };
  guint widths[LIST_COLUMNS - 1];

  for (guint c = 0; c < LIST_COLUMNS - 1; c++)
    {
      widths[c] = min_widths[c];
      for (guint l = 0; l < lines->len; l++)
        widths[c] = MAX (widths[c], gk_cli_width (((char **) g_ptr_array_index (lines, l))[c]));
    }
  for (guint l = 0; l < lines->len; l++)
    {
      char **fields = g_ptr_array_index (lines, l);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < LIST_COLUMNS - 1; c++)
        {
          g_autofree char *field = right[c] ? gk_cli_pad_start (fields[c], widths[c])
                                            : gk_cli_pad (fields[c], widths[c]);
          g_string_append_printf (line, "%s%s", gaps[c], field);
        }
      printf ("%s%s%s\n", line->str, gaps[LIST_COLUMNS - 1], fields[LIST_COLUMNS - 1]);
    }
}

int
gk_cli_list (int    argc,
             char **argv)
{
  g_autofree char *library_path = NULL;
  g_autofree char *agency = NULL;
  gboolean json_output = FALSE;
  int year = 0;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path, _("The library file"), _("PATH") },
    { "agency", 'a', 0, G_OPTION_ARG_STRING, &agency, _("Only agencies whose name, alias or region contains TEXT"),
      _("TEXT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, _("Only reports on year N"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, _("Print JSON for machines"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the reports in the library"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest != NULL)
    {
      fprintf (stderr, "gongkai-cli list: %s\n",
               error != NULL ? error->message : _("unexpected arguments; see --help"));
      return GK_CLI_USAGE;
    }

  library = open_library ("list", library_path);
  if (library == NULL)
    return GK_CLI_FAILURE;
  reports = query_reports (library, "list", agency, year);
  if (reports == NULL)
    return GK_CLI_FAILURE;

  if (json_output)
    {
      g_autoptr(GkJson) json = gk_json_new (TRUE);

      gk_json_begin_array (json);
      for (guint i = 0; i < reports->len; i++)
        json_summary (json, g_ptr_array_index (reports, i));
      gk_json_end_array (json);
      printf ("%s\n", gk_json_get_string (json)->str);
      return GK_CLI_OK;
    }

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (lines, g_strdupv ((char **) (const char *[]) {
    C_("list column", "id"), C_("list column", "year"), C_("list column", "form"), C_("list column", "err"),
    C_("list column", "wrn"), C_("list column", "unc"), C_("list column", "flags"),
    C_("list column", "agency · file"), NULL }));
  for (guint i = 0; i < reports->len; i++)
    {
      const GkReportSummary *summary = g_ptr_array_index (reports, i);
      char **fields = g_new0 (char *, LIST_COLUMNS + 1);

      fields[0] = g_strdup_printf ("%" G_GINT64_FORMAT, summary->id);
      fields[1] = g_strdup_printf ("%d", summary->year);
      fields[2] = g_strdup (version_label (summary->version));
      fields[3] = g_strdup_printf ("%u", summary->errors);
      fields[4] = g_strdup_printf ("%u", summary->warnings);
      fields[5] = g_strdup_printf ("%u", summary->uncertain);
      fields[6] = flags_of (summary);
      fields[7] = g_strdup_printf ("%s · %s", *summary->agency != '\0' ? summary->agency : "?",
                                   summary->file_name);
      g_ptr_array_add (lines, fields);
    }
  print_list_table (lines);
  printf (ngettext ("%u report", "%u reports", reports->len), reports->len);
  fputc ('\n', stdout);
  return GK_CLI_OK;
}

/* ─── export ───────────────────────────────────────────────────────────── */

int
gk_cli_export (int    argc,
               char **argv)
{
  g_autofree char *library_path = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  gboolean bom = FALSE;
  int year = 0;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      _("csv (one row per cell), csv-wide (one row per report), json, xlsx, or findings"), _("FORMAT") },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path, _("The library file"), _("PATH") },
    { "agency", 'a', 0, G_OPTION_ARG_STRING, &agency, _("Only agencies whose name, alias or region contains TEXT"),
      _("TEXT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, _("Only reports on year N"), "N" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, _("Start CSV with a UTF-8 byte order mark, for Excel"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, _("Write to FILE (required for xlsx) instead of stdout"),
      _("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— export the library's reports, with edits applied"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  GkReportQuery query = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
  GkExportOptions options = { FALSE };
  GkExportFormat format;
  guint n_reports = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest != NULL)
    {
      fprintf (stderr, "gongkai-cli export: %s\n",
               error != NULL ? error->message : _("unexpected arguments; see --help"));
      return GK_CLI_USAGE;
    }
  if (format_name == NULL || !gk_export_format_from_string (format_name, &format))
    {
      fprintf (stderr, "gongkai-cli export: %s\n",
               format_name == NULL ? _("no --format given (csv, csv-wide, json, xlsx or findings)")
                                   : _("unknown format (csv, csv-wide, json, xlsx or findings)"));
      return GK_CLI_USAGE;
    }
  if (format == GK_EXPORT_XLSX && output == NULL)
    {
      fprintf (stderr, "gongkai-cli export: %s\n", _("xlsx needs --output FILE"));
      return GK_CLI_USAGE;
    }
  options.bom = bom;

  library = open_library ("export", library_path);
  if (library == NULL)
    return GK_CLI_FAILURE;
  query.text = agency;
  query.year = year;

  if (output != NULL)
    {
      if (!gk_library_export (library, &query, format, &options, output, NULL, NULL, &n_reports, &error))
        {
          fprintf (stderr, "gongkai-cli export: %s\n", error->message);
          return GK_CLI_FAILURE;
        }
      fprintf (stderr, ngettext ("Exported %u report to %s", "Exported %u reports to %s", n_reports), n_reports,
               output);
      fputc ('\n', stderr);
    }
  else
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      gsize size;
      const char *data;

      if (!gk_library_export (library, &query, format, &options, NULL, memory, NULL, &n_reports, &error)
          || !g_output_stream_close (memory, NULL, &error))
        {
          fprintf (stderr, "gongkai-cli export: %s\n", error->message);
          return GK_CLI_FAILURE;
        }
      data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory));
      size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          fprintf (stderr, "gongkai-cli export: %s\n", _("cannot write to standard output"));
          return GK_CLI_FAILURE;
        }
    }
  return GK_CLI_OK;
}
