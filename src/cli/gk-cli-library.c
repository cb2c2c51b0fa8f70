/* gk-cli-library.c — import, list and export: the library from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
  fprintf (stderr, "gongkai-cli %s: the extractor changed; deriving the library's cells again\n", command);
  orphans = gk_library_reextract (library, NULL, isatty (STDERR_FILENO) ? print_progress : NULL,
                                  (gpointer) "Deriving", &error);
  if (orphans == NULL)
    {
      fprintf (stderr, "gongkai-cli %s: %s\n", command, error->message);
      return FALSE;
    }
  for (guint i = 0; i < orphans->len; i++)
    fprintf (stderr, "gongkai-cli %s: an edit was kept, but its cell no longer exists: %s\n",
             command, (const char *) g_ptr_array_index (orphans, i));
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
      "The library file (default: $GONGKAI_LIBRARY, else the user's data folder)", "PATH" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PATH… — add saved report pages and folders to the library");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GkImportSummary) summary = NULL;
  gboolean show_progress = isatty (STDERR_FILENO);

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
                                    "Folders are read recursively; hidden files, images and the _files folders\n"
                                    "of saved pages are skipped. The same file twice is stored once.\n"
                                    "Exit status: 0 all read; 2 bad arguments; 3 a file was refused (the others\n"
                                    "were imported); 4 the library could not be used.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || paths == NULL)
    {
      fprintf (stderr, "gongkai-cli import: %s\n", error != NULL ? error->message : "no PATH given");
      return GK_CLI_USAGE;
    }

  library = open_library ("import", library_path);
  if (library == NULL)
    return GK_CLI_FAILURE;

  summary = gk_library_import (library, (const char * const *) paths, NULL,
                               show_progress ? print_progress : NULL, (gpointer) "Importing", &error);
  if (summary == NULL)
    {
      fprintf (stderr, "gongkai-cli import: %s\n", error->message);
      return GK_CLI_FAILURE;
    }

  printf ("Imported %u report%s into %s", summary->imported, summary->imported == 1 ? "" : "s",
          gk_library_get_path (library));
  if (summary->possible_duplicates > 0)
    printf (" (%u possible duplicate%s: another file for the same agency and year)",
            summary->possible_duplicates, summary->possible_duplicates == 1 ? "" : "s");
  printf (".\n%u already in the library (same bytes), %u skipped, %u refused.\n",
          summary->duplicates, summary->skipped, summary->refused);
  for (guint i = 0; i < summary->results->len; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);

      switch (result->outcome)
        {
        case GK_IMPORT_POSSIBLE_DUPLICATE:
          printf ("  possible duplicate  %s (report %" G_GINT64_FORMAT ")\n", result->path, result->report_id);
          break;
        case GK_IMPORT_SKIPPED:
        case GK_IMPORT_REFUSED:
          printf ("  %-18s  %s: %s\n", gk_import_outcome_to_string (result->outcome), result->path,
                  result->reason);
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
    g_string_append_printf (flags, "%s ", gk_report_kind_to_string (summary->kind));
  if (summary->edited)
    g_string_append (flags, "edited ");
  if (summary->missing_tables)
    g_string_append (flags, "tables-missing ");
  if (summary->needs_review)
    g_string_append (flags, "review ");
  if (summary->possible_duplicate)
    g_string_append (flags, "duplicate? ");
  if (flags->len > 0)
    g_string_truncate (flags, flags->len - 1);
  return g_string_free (g_steal_pointer (&flags), FALSE);
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
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path, "The library file", "PATH" },
    { "agency", 'a', 0, G_OPTION_ARG_STRING, &agency, "Only agencies whose name, alias or region contains TEXT",
      "TEXT" },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, "Only reports on year N", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_output, "Print JSON for machines", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— list the reports in the library");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GPtrArray) reports = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest != NULL)
    {
      fprintf (stderr, "gongkai-cli list: %s\n",
               error != NULL ? error->message : "unexpected arguments; see --help");
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

  printf ("%6s  %4s  %-7s  %3s %3s %3s  %-20s  %s · %s\n", "id", "year", "form", "err", "wrn", "unc",
          "flags", "agency", "file");
  for (guint i = 0; i < reports->len; i++)
    {
      const GkReportSummary *summary = g_ptr_array_index (reports, i);
      g_autofree char *flags = flags_of (summary);

      printf ("%6" G_GINT64_FORMAT "  %4d  %-7s  %3u %3u %3u  %-20s  %s · %s\n", summary->id, summary->year,
              gk_form_version_to_string (summary->version), summary->errors, summary->warnings,
              summary->uncertain, flags, *summary->agency != '\0' ? summary->agency : "?",
              summary->file_name);
    }
  printf ("%u report%s\n", reports->len, reports->len == 1 ? "" : "s");
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
      "csv (one row per cell), csv-wide (one row per report), json, xlsx, or findings", "FORMAT" },
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path, "The library file", "PATH" },
    { "agency", 'a', 0, G_OPTION_ARG_STRING, &agency, "Only agencies whose name, alias or region contains TEXT",
      "TEXT" },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, "Only reports on year N", "N" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, "Start CSV with a UTF-8 byte order mark, for Excel", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (required for xlsx) instead of stdout",
      "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— export the library's reports, with edits applied");
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
               error != NULL ? error->message : "unexpected arguments; see --help");
      return GK_CLI_USAGE;
    }
  if (format_name == NULL || !gk_export_format_from_string (format_name, &format))
    {
      fprintf (stderr, "gongkai-cli export: %s (csv, csv-wide, json, xlsx or findings)\n",
               format_name == NULL ? "no --format given" : "unknown format");
      return GK_CLI_USAGE;
    }
  if (format == GK_EXPORT_XLSX && output == NULL)
    {
      fprintf (stderr, "gongkai-cli export: xlsx needs --output FILE\n");
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
      fprintf (stderr, "Exported %u report%s to %s\n", n_reports, n_reports == 1 ? "" : "s", output);
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
          fprintf (stderr, "gongkai-cli export: cannot write to standard output\n");
          return GK_CLI_FAILURE;
        }
    }
  return GK_CLI_OK;
}
