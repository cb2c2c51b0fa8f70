/* bench-library.c — the library at scale: import, open, list, query, chart
 *
 * Usage: bench-library [-n REPORTS] [--folder DIR] [--keep]
 * Generates about REPORTS (default 10,000) varied reports of ~1,500 agencies
 * over 2019–2024 (Word-style HTML and seed-style text, some with errors, some
 * saved twice) into a temporary folder, imports them into a new library, and
 * prints import throughput, open time, list and query times, chart series
 * time, file size and peak memory. Targets on a 2-core machine: import
 * ≥ 200 reports/s, open < 1 s, an agency or year query < 50 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gk-library.h"
#include "../core/gk-test-reports.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median of @rounds runs of a list query, in milliseconds. */
static double
time_query (GkLibrary           *library,
            const GkReportQuery *query,
            guint                rounds,
            guint               *n_found)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) reports = gk_library_list_reports (library, query, &error);
      double ms = seconds_since (start) * 1000;

      if (reports == NULL)
        g_error ("query: %s", error->message);
      *n_found = reports->len;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, rounds / 2);
}

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  fprintf (stderr, "\r  imported %u/%u", done, total);
  if (done == total)
    fprintf (stderr, "\n");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

int
main (int   argc,
      char *argv[])
{
  int n_reports = 10000;
  char *folder_option = NULL;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "reports", 'n', 0, G_OPTION_ARG_INT, &n_reports, "About how many reports to generate", "N" },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder_option, "Work in DIR instead of a temporary folder", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated pages and the library", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— benchmark the report library");
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *library_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  GkTestCorpusOptions options = { 0, 2019, 2024, 4, 25, 10, 20240601, TRUE };
  const char *paths_in[2] = { NULL, NULL };
  struct rusage usage;
  gint64 start;
  double import_seconds, open_ms, ms;
  guint n_found, n_years;
  gint64 agency_ids[20];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-library: %s\n", error->message);
      return 2;
    }
  folder = folder_option != NULL ? folder_option : g_dir_make_tmp ("gk-bench-library-XXXXXX", &error);
  if (folder == NULL)
    g_error ("%s", error->message);
  pages = g_build_filename (folder, "pages", NULL);
  library_path = g_build_filename (folder, "library.sqlite", NULL);
  wal_path = g_strconcat (library_path, "-wal", NULL);

  /* 6 years, 10% saved twice: 6.6 files per agency */
  n_years = options.last_year - options.first_year + 1;
  options.n_agencies = MIN (GK_TEST_N_AGENCIES, (guint) (n_reports / (n_years * 1.1) + 0.5));
  printf ("Generating %u agencies × %u years (%u%% as text, %u%% saved twice, %u%% with an error)…\n",
          options.n_agencies, n_years, options.text_percent, options.copy_percent, options.error_percent);
  start = g_get_monotonic_time ();
  reports = gk_test_corpus_write (pages, &options, paths, &error);
  if (reports == NULL)
    g_error ("%s", error->message);
  printf ("  %u files in %.1f s\n", paths->len, seconds_since (start));

  g_unlink (library_path);
  library = gk_library_open (library_path, &error);
  if (library == NULL)
    g_error ("%s", error->message);
  paths_in[0] = pages;
  start = g_get_monotonic_time ();
  summary = gk_library_import (library, paths_in, NULL, isatty (2) ? print_progress : NULL, NULL, &error);
  import_seconds = seconds_since (start);
  if (summary == NULL)
    g_error ("%s", error->message);
  printf ("Import: %u imported (%u possible duplicates), %u refused, %u skipped in %.1f s: "
          "%.0f reports/s (target ≥ 200)\n",
          summary->imported, summary->possible_duplicates, summary->refused, summary->skipped,
          import_seconds, summary->imported / import_seconds);
  for (guint i = 0; i < summary->results->len && summary->refused > 0; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);
      if (result->outcome == GK_IMPORT_REFUSED)
        printf ("  refused: %s\n", result->reason);
    }
  g_clear_object (&library);
  printf ("File size: %.1f MiB (+ %.1f MiB write-ahead log)\n", file_size (library_path) / 1048576.0,
          file_size (wal_path) / 1048576.0);

  start = g_get_monotonic_time ();
  library = gk_library_open (library_path, &error);
  open_ms = seconds_since (start) * 1000;
  if (library == NULL)
    g_error ("%s", error->message);
  printf ("Open: %.1f ms (target < 1000), %u reports\n", open_ms, gk_library_count_reports (library));

  {
    GkReportQuery all = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
    GkReportQuery by_year = { NULL, 0, 2022, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
    GkReportQuery by_text = { "浙江省", 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_YEAR_AGENCY };
    GkReportQuery errors = { NULL, 0, 0, GK_REPORT_FILTER_ERRORS, GK_REPORT_ORDER_YEAR_AGENCY };
    GkReportQuery by_agency = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };

    agencies = gk_library_list_agencies (library, &error);
    if (agencies == NULL || agencies->len < 20)
      g_error ("agencies: %s", error != NULL ? error->message : "too few");
    by_agency.agency_id = ((GkAgency *) g_ptr_array_index (agencies, agencies->len / 2))->id;

    ms = time_query (library, &all, 5, &n_found);
    printf ("List all: %.1f ms (%u reports)\n", ms, n_found);
    ms = time_query (library, &by_agency, 11, &n_found);
    printf ("List by agency: %.2f ms (%u reports; target < 50)\n", ms, n_found);
    ms = time_query (library, &by_year, 11, &n_found);
    printf ("List by year: %.1f ms (%u reports; target < 50)\n", ms, n_found);
    ms = time_query (library, &by_text, 11, &n_found);
    printf ("List by text “浙江省”: %.1f ms (%u reports)\n", ms, n_found);
    ms = time_query (library, &errors, 11, &n_found);
    printf ("List with errors: %.1f ms (%u reports)\n", ms, n_found);
  }

  for (guint i = 0; i < G_N_ELEMENTS (agency_ids); i++)
    agency_ids[i] = ((GkAgency *) g_ptr_array_index (agencies, i * (agencies->len / 20)))->id;
  {
    const char *metrics[] = { "applications_received", "granted_share", "review_correction_rate" };

    for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
        guint n_points = 0;

        for (guint r = 0; r < 11; r++)
          {
            g_autoptr(GkSeriesSet) set = NULL;

            start = g_get_monotonic_time ();
            set = gk_library_build_series (library, metrics[m], agency_ids, G_N_ELEMENTS (agency_ids), &error);
            ms = seconds_since (start) * 1000;
            if (set == NULL)
              g_error ("series: %s", error->message);
            g_array_append_val (times, ms);
            n_points = 0;
            for (guint s = 0; s < gk_series_set_get_n_series (set); s++)
              n_points += gk_series_get_n_points (gk_series_set_get_series (set, s));
          }
        g_array_sort (times, compare_doubles);
        printf ("build_series %s, 20 agencies: %.2f ms (%u points; target < 50)\n", metrics[m],
                g_array_index (times, double, 5), n_points);
      }
  }
  {
    g_autoptr(GkReport) loaded = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    gint64 some_report = gk_library_find_report (library, agency_ids[3], 2022);

    start = g_get_monotonic_time ();
    for (guint r = 0; r < 100; r++)
      {
        g_clear_pointer (&loaded, gk_report_unref);
        loaded = gk_library_load_report (library, some_report, &error);
      }
    printf ("load_report: %.2f ms\n", seconds_since (start) * 10);
    start = g_get_monotonic_time ();
    for (guint r = 0; r < 100; r++)
      {
        g_clear_pointer (&findings, g_ptr_array_unref);
        findings = gk_library_check_report (library, some_report, FALSE, &error);
      }
    printf ("check_report (with the year before): %.2f ms\n", seconds_since (start) * 10);
    start = g_get_monotonic_time ();
    if (!gk_library_set_edit (library, some_report, "t3.new.natural", "7", "bench", &error))
      g_error ("edit: %s", error->message);
    printf ("set_edit (with counts refreshed): %.2f ms\n", seconds_since (start) * 1000);
  }

  getrusage (RUSAGE_SELF, &usage);
  printf ("Peak memory: %.1f MiB\n", usage.ru_maxrss / 1024.0);

  g_clear_object (&library);
  if (!keep)
    remove_tree (folder);
  else
    printf ("Kept %s\n", folder);
  return 0;
}
