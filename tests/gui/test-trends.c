/* test-trends.c — the Trends view: pick an agency and a metric, check the
 * chart's series, gaps never 0, line and bar, the data table, opening a report
 * from a point, and export through the widget's own render function; Copy
 * Table, Save Table and Export Chart through their actions and dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gk-chart.h"
#include "gk-report-view.h"
#include "gk-test-gui.h"
#include "gk-trends-view.h"
#include "gk-window.h"

static char *
corpus_page (const char *year)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");
  g_autofree char *path = shared != NULL
                          ? g_build_filename (shared, "corpus", "pingtan", year, "page.html", NULL) : NULL;

  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

static double
value_at (GkSeries *series,
          int       year)
{
  int index = gk_series_find_year (series, year);

  return index < 0 ? NAN : gk_series_get_point (series, index)->value;
}

static void
test_trends_corpus_agency (void)
{
  static const char * const years[] = { "2019", "2021", "2022", "2023" };
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  GkLibrary *library;
  GkWindow *window;
  GtkWidget *trends;
  GkSeriesSet *set;
  GkSeries *series;
  gint64 agency_id = 0;
  g_autofree char *table = NULL;
  g_autofree char *png = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("GK_SCREENSHOT_DIR"), NULL);
  g_autofree char *png_path = g_build_filename (dir, "trends-export.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "trends-export.svg", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "trends-export.pdf", NULL);
  g_autofree char *svg = NULL;
  gsize svg_len;
  guint series_index, point_index;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      char *path = corpus_page (years[i]);
      if (path == NULL)
        {
          g_test_skip ("../shared/corpus is not present");
          return;
        }
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  library = gk_application_get_library (app);
  summary = gk_library_import (library, (const char * const *) paths->pdata, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 4);

  window = gk_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_gui_wait_drawn (GTK_WIDGET (window));
  gk_window_show_view (window, "trends");
  trends = gk_window_get_trends_view (window);

  agencies = gk_library_list_agencies (library, NULL);
  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (((GkAgency *) g_ptr_array_index (agencies, i))->name, "平潭综合实验区"))
      agency_id = ((GkAgency *) g_ptr_array_index (agencies, i))->id;
  g_assert_cmpint (agency_id, >, 0);

  /* pick the agency and a metric */
  g_assert_true (gtk_widget_activate_action (trends, "trends.choose-agency", "x", agency_id));
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "applications_received"));
  set = gk_trends_view_get_series_set (GK_TRENDS_VIEW (trends));
  g_assert_nonnull (set);
  g_assert_true (gk_chart_get_series_set (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends)))) == set);
  g_assert_cmpuint (gk_series_set_get_n_series (set), ==, 1);
  series = gk_series_set_get_series (set, 0);
  g_assert_cmpstr (series->label, ==, "平潭综合实验区");
  g_assert_cmpfloat (value_at (series, 2019), ==, 23);
  g_assert_cmpfloat (value_at (series, 2021), ==, 70);
  g_assert_cmpfloat (value_at (series, 2022), ==, 74);
  g_assert_cmpfloat (value_at (series, 2023), ==, 81);
  /* no report for 2020: a gap, never 0 */
  g_assert_true (isnan (value_at (series, 2020)));

  table = gk_trends_view_get_table_text (GK_TRENDS_VIEW (trends));
  g_test_message ("%s", table);
  g_assert_nonnull (strstr (table, "平潭综合实验区\t23\t\t70\t74\t81"));

  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "trends");
  g_test_message ("screenshot: %s", png);

  /* a metric the 2019 form lacks: a gap for 2019 */
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "fee_amount"));
  series = gk_series_set_get_series (gk_trends_view_get_series_set (GK_TRENDS_VIEW (trends)), 0);
  g_assert_true (isnan (value_at (series, 2019)));
  g_assert_cmpfloat_with_epsilon (value_at (series, 2021), 24252.311082, 1e-6);

  /* bars */
  g_assert_true (gtk_widget_activate_action (trends, "trends.kind", "s", "bar"));
  g_assert_cmpint (gk_chart_get_kind (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends)))), ==,
                   GK_CHART_KIND_BAR);
  g_assert_true (gtk_widget_activate_action (trends, "trends.kind", "s", "line"));
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "applications_received"));
  /* the set was built again: look the series up again */
  series = gk_series_set_get_series (gk_trends_view_get_series_set (GK_TRENDS_VIEW (trends)), 0);

  /* export through the chart's own render function */
  g_assert_true (gk_chart_export_to_file (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                          GK_CHART_FORMAT_PNG, 1200, 700, png_path, &error));
  g_assert_no_error (error);
  g_assert_true (gk_chart_export_to_file (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                          GK_CHART_FORMAT_SVG, 1200, 700, svg_path, &error));
  g_assert_true (gk_chart_export_to_file (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                          GK_CHART_FORMAT_PDF, 1200, 700, pdf_path, &error));
  g_assert_true (g_file_get_contents (svg_path, &svg, &svg_len, NULL));
  g_assert_cmpuint (svg_len, >, 2000);
  g_assert_nonnull (strstr (svg, "平潭综合实验区"));
  g_assert_nonnull (strstr (svg, "width=\"1200"));

  /* clicking a point opens its report in the Reports view */
  gk_chart_set_highlight (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))), 0,
                          gk_series_find_year (series, 2022));
  g_assert_true (gk_chart_get_highlight (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends))),
                                         &series_index, &point_index));
  g_assert_true (gk_chart_activate_highlight (GK_CHART (gk_trends_view_get_chart (GK_TRENDS_VIEW (trends)))));
  {
    GkReportView *view = GK_REPORT_VIEW (gk_window_get_report_view (window));
    g_assert_cmpint (gk_report_view_get_report_id (view), ==,
                     gk_series_get_point (series, gk_series_find_year (series, 2022))->report_id);
    g_assert_cmpint (gk_report_view_get_report (view)->year, ==, 2022);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Copy, save and export, on pages the test writes ----------------- */

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static gboolean
chooser_shown (gpointer data)
{
  return gk_test_gui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Answers the Save dialog as a user would: @path, then Save. */
static void
save_as (const char *path)
{
  GtkWindow *dialog;
  g_autofree char *folder_path = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) chosen = NULL;

  g_assert_true (gk_test_gui_wait_until (chooser_shown, NULL, 5000));
  dialog = gk_test_gui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* The chooser first loads the folder it opens on, and may go back to it
   * when that ends: type the place again until it holds. */
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
      gk_test_gui_settle (150);
      g_clear_object (&chosen);
      chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (chosen != NULL && g_str_equal (g_file_peek_path (chosen), path))
        break;
    }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, path);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (gk_test_gui_wait_until (file_written, (gpointer) path, 10000));
}

static gboolean
export_dialog_shown (gpointer data)
{
  GtkWindow *dialog = gk_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                      "Export Chart") == 0;
}

static void
test_trends_copy_save_export (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  g_autofree char *dir = g_dir_make_tmp ("gongkai-trends-XXXXXX", NULL);
  g_autofree char *text_2022 = gk_test_gui_seed_003_as (2022, GK_TEST_SEED_CARRY_OUT_TWO);
  g_autofree char *text_2023 = gk_test_gui_read_seed ("003_");
  g_autofree char *page_2022 = gk_test_gui_write_page (dir, "dongli-2022.txt", text_2022);
  g_autofree char *page_2023 = gk_test_gui_write_page (dir, "dongli-2023.txt", text_2023);
  const char *pages[] = { page_2022, page_2023, NULL };
  g_autofree char *csv_path = g_build_filename (dir, "received.csv", NULL);
  /* kept, to look at */
  g_autofree char *png_path = g_build_filename (g_getenv ("GK_SCREENSHOT_DIR"), "trends-export-640x360.png", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  ClipboardRead read = { NULL, FALSE };
  GkLibrary *library;
  GkWindow *window;
  GtkWidget *trends;
  GtkWidget *dialog;
  g_autoptr(GPtrArray) spins = NULL;
  gint64 agency_id = 0;
  int width, height;

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  library = gk_application_get_library (app);
  summary = gk_library_import (library, pages, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 2);

  window = gk_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_gui_wait_drawn (GTK_WIDGET (window));
  gk_window_show_view (window, "trends");
  trends = gk_window_get_trends_view (window);

  agencies = gk_library_list_agencies (library, NULL);
  for (guint i = 0; i < agencies->len; i++)
    if (g_str_equal (((GkAgency *) g_ptr_array_index (agencies, i))->name, "东丽区应急管理局"))
      agency_id = ((GkAgency *) g_ptr_array_index (agencies, i))->id;
  g_assert_cmpint (agency_id, >, 0);
  g_assert_true (gtk_widget_activate_action (trends, "trends.clear-agencies", NULL));
  g_assert_true (gtk_widget_activate_action (trends, "trends.choose-agency", "x", agency_id));
  g_assert_true (gtk_widget_activate_action (trends, "trends.metric", "s", "applications_received"));

  /* Copy Table: tab-separated, a row per agency, a column per year */
  g_assert_true (gtk_widget_activate_action (trends, "trends.copy-table", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (trends), NULL, on_clipboard_text, &read);
  g_assert_true (gk_test_gui_wait_until (clipboard_read, &read, 5000));
  g_assert_cmpstr (read.text, ==, "Agency\t2022\t2023\n东丽区应急管理局\t11\t9\n");
  g_free (read.text);

  /* Save Table: CSV marked as UTF-8, with machine-readable headers */
  g_assert_true (gtk_widget_activate_action (trends, "trends.save-table", NULL));
  save_as (csv_path);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_cmpstr (csv, ==, "\xEF\xBB\xBF" "agency,2022,2023\r\n东丽区应急管理局,11,9\r\n");

  /* Export Chart at a size of the user's choice */
  g_remove (png_path);
  g_assert_true (gtk_widget_activate_action (trends, "trends.export-chart", NULL));
  g_assert_true (gk_test_gui_wait_until (export_dialog_shown, NULL, 5000));
  dialog = GTK_WIDGET (gk_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  spins = gk_test_gui_collect (dialog, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 2);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 640);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 360);
  g_signal_emit_by_name (gk_test_gui_find_button (dialog, "_Export…"), "clicked");
  save_as (png_path);

  texture = gdk_texture_new_from_filename (png_path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 360);
  /* not blank: a background, axes, text and a line draw many colours */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int i = 0; i < width * height; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (((guint32 *) pixels)[i]));
  g_test_message ("%u colours in the exported chart", g_hash_table_size (colours));
  g_assert_cmpuint (g_hash_table_size (colours), >, 16);

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (csv_path);
  g_remove (page_2022);
  g_remove (page_2023);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add_func ("/trends/corpus-agency", test_trends_corpus_agency);
  g_test_add_func ("/trends/copy-save-export", test_trends_copy_save_export);
  return g_test_run ();
}
