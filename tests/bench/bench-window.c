/* bench-window.c — the workbench window with a large library
 *
 * Usage: bench-window [--library PATH] [-n REPORTS]
 * Without --library, generates REPORTS (default 10,000) reports as
 * bench-library does and imports them first. Then, under a display (run it
 * with xvfb-run), it measures: the window opening with every report listed;
 * selecting reports; scrolling the list and typing in cells, as the longest
 * time the main loop was held; and, in the Trends view, switching the metric
 * for 20 agencies. Targets: open < 2 s, select < 100 ms, main loop never held
 * > 50 ms, metric switch < 50 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "gk-application.h"
#include "gk-report-item.h"
#include "gk-report-list.h"
#include "gk-report-view.h"
#include "gk-table-grid.h"
#include "gk-trends-view.h"
#include "gk-window.h"
#include "../core/gk-test-reports.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The longest gap between two turns of the main loop: a high-priority
 * timeout that should run every millisecond notes how late it is. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  source;
} Watch;

static gboolean
watch_tick (gpointer data)
{
  Watch *watch = data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last != 0 && now - watch->last > watch->longest)
    watch->longest = now - watch->last;
  watch->last = now;
  return G_SOURCE_CONTINUE;
}

static void
watch_start (Watch *watch)
{
  watch->last = 0;
  watch->longest = 0;
  watch->source = g_timeout_add_full (G_PRIORITY_HIGH, 1, watch_tick, watch, NULL);
}

static double
watch_stop (Watch *watch)
{
  g_source_remove (watch->source);
  return watch->longest / 1000.0;
}

/* Where a frame's time goes: layout (measure and allocate), then paint. */
typedef struct
{
  gint64 frame_start;
  gint64 layout_end;
  double layout_sum, layout_max;
  double paint_sum, paint_max;
  guint  n_frames;
} Phases;

static void
phases_before_paint (GdkFrameClock *clock,
                     Phases        *phases)
{
  phases->frame_start = g_get_monotonic_time ();
}

/* connected after the window's own handler, so it runs when layout is done */
static void
phases_layout (GdkFrameClock *clock,
               Phases        *phases)
{
  phases->layout_end = g_get_monotonic_time ();
}

static void
phases_after_paint (GdkFrameClock *clock,
                    Phases        *phases)
{
  double layout = (phases->layout_end - phases->frame_start) / 1000.0;
  double paint = (g_get_monotonic_time () - phases->layout_end) / 1000.0;

  phases->layout_sum += layout;
  phases->layout_max = MAX (phases->layout_max, layout);
  phases->paint_sum += paint;
  phases->paint_max = MAX (phases->paint_max, paint);
  phases->n_frames++;
}

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
drawn (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Iterate until the frame clock has painted once more. Only what the app
 * itself invalidated is redrawn, as after a real key press or click: a
 * frame is asked for, the window is not marked dirty. */
static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 frame;

  if (clock == NULL)
    return;
  frame = gdk_frame_clock_get_frame_counter (clock);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (gdk_frame_clock_get_frame_counter (clock) == frame)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_scrolled_window (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scrolled_window (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
make_library (guint n_reports)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("gk-bench-window-XXXXXX", &error);
  g_autofree char *pages = g_build_filename (folder, "pages", NULL);
  char *path = g_build_filename (folder, "library.sqlite", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GkLibrary) library = NULL;
  g_autoptr(GkImportSummary) summary = NULL;
  GkTestCorpusOptions options = { 0, 2019, 2024, 4, 25, 10, 20240601, TRUE };
  const char *inputs[] = { pages, NULL };

  options.n_agencies = MIN (GK_TEST_N_AGENCIES, (guint) (n_reports / 6.6 + 0.5));
  printf ("Generating and importing %u reports into %s…\n", n_reports, path);
  reports = gk_test_corpus_write (pages, &options, paths, &error);
  if (reports == NULL)
    g_error ("%s", error->message);
  library = gk_library_open (path, &error);
  if (library == NULL)
    g_error ("%s", error->message);
  summary = gk_library_import (library, inputs, NULL, NULL, NULL, &error);
  if (summary == NULL)
    g_error ("%s", error->message);
  printf ("  %u reports in the library\n", summary->imported);
  g_free (folder);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *library_path = NULL;
  int n_reports = 10000;
  const GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path, "An existing library", "PATH" },
    { "reports", 'n', 0, G_OPTION_ARG_INT, &n_reports, "Reports to generate (default 10,000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the window with a large library");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkApplication) app = NULL;
  GkWindow *window;
  GkReportList *list;
  GListModel *model;
  GtkAdjustment *adjustment;
  GtkWidget *scrolled;
  Watch watch;
  gint64 start;
  double open_ms, scroll_held, typing_held, typing_max = 0, typing_sum = 0;
  double switch_max = 0, switch_sum = 0;
  guint n_switches = 0;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display; run it under xvfb-run\n");
      return 77;
    }
  if (library_path == NULL)
    library_path = make_library (n_reports);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Run from the build tree, like the tests: the schema is not installed. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", GK_BUILD_SCHEMA_DIR, FALSE);
  /* Xvfb has no GPU: GL would be emulated on the CPU by llvmpipe, which a
   * real desktop does not do. Draw as the tests do, unless told otherwise. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  printf ("Renderer: %s\n", g_getenv ("GSK_RENDERER"));

  app = gk_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* opening: the library, the window, every report listed and drawn */
  start = g_get_monotonic_time ();
  if (!gk_application_open_library (app, library_path, &error))
    g_error ("%s", error->message);
  window = gk_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!drawn (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (GTK_WIDGET (window));
  open_ms = ms_since (start);
  list = GK_REPORT_LIST (gk_window_get_report_list (window));
  model = gk_report_list_get_model (list);
  printf ("Window open with %u reports listed: %.0f ms (target < 2000)\n",
          gk_report_list_get_n_reports (list), open_ms);

  /* for scale: one frame, layout and paint, paced by the frame clock */
  start = g_get_monotonic_time ();
  for (guint k = 0; k < 10; k++)
    {
      gtk_widget_queue_resize (GTK_WIDGET (window));
      gtk_widget_queue_draw (GTK_WIDGET (window));
      wait_for_paint (GTK_WIDGET (window));
    }
  printf ("One frame of the whole window, laid out and painted: %.1f ms (frames come at most 60 a second)\n",
          ms_since (start) / 10);

  /* selecting reports, drawn: the next few rows, as a researcher goes down
   * the list, and far jumps, as opening a report from a chart does */
  for (guint kind = 0; kind < 2; kind++)
    {
      double sum = 0, worst = 0;
      guint n = 0;
      guint position = 0;

      for (guint i = 0; i < 30; i++)
        {
          g_autoptr(GkReportItem) item = NULL;
          double ms;

          position = kind == 0 ? MIN (position + 1 + g_rand_int_range (rand, 0, 4),
                                      g_list_model_get_n_items (model) - 1)
                               : (guint) g_rand_int_range (rand, 0, g_list_model_get_n_items (model));
          item = g_list_model_get_item (model, position);
          start = g_get_monotonic_time ();
          gk_report_list_select_report (list, gk_report_item_get_id (item));
          wait_for_paint (GTK_WIDGET (window));
          ms = ms_since (start);
          sum += ms;
          worst = MAX (worst, ms);
          n++;
        }
      printf ("%s (shown and drawn): mean %.1f ms, worst %.1f ms over %u (target < 100)\n",
              kind == 0 ? "Selecting the next report down the list" : "Jumping to a report far down the list",
              sum / n, worst, n);
    }
  /* scrolling the list: the main loop must keep turning */
  scrolled = find_scrolled_window (GTK_WIDGET (list));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  watch_start (&watch);
  for (guint step = 0; step <= 200; step++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      gtk_adjustment_set_value (adjustment, upper * step / 200.0);
      wait_for_paint (GTK_WIDGET (window));
    }
  scroll_held = watch_stop (&watch);
  printf ("Scrolling the list top to bottom in 200 steps: main loop held at most %.1f ms (target < 50)\n",
          scroll_held);

  /* typing in cells: each entry writes an edit, re-checks and redraws */
  {
    GkReportView *view = GK_REPORT_VIEW (gk_window_get_report_view (window));
    GkReport *report = gk_report_view_get_report (view);
    GkTableGrid *t3;
    GdkFrameClock *clock;
    Phases phases = { 0 };
    static const char * const keys[] = {
      "t3.granted.natural", "t3.partial.natural", "t3.denied_secret.natural", "t3.unable_no_info.natural",
      "t3.unprocessed_repeat.natural", "t3.granted.commercial", "t3.carried_out.natural", "t3.new.other",
    };

    /* a report with the form, so the grid has cells */
    for (guint i = 0; report == NULL || report->layout == NULL; i++)
      {
        g_autoptr(GkReportItem) item = g_list_model_get_item (model, i);
        gk_report_list_select_report (list, gk_report_item_get_id (item));
        iterate (5);
        report = gk_report_view_get_report (view);
      }
    gtk_widget_activate_action (GTK_WIDGET (view), "report.select-section", "s", "s3");
    wait_for_paint (GTK_WIDGET (window));
    t3 = GK_TABLE_GRID (gk_report_view_get_table_grid (view, "t3"));
    /* three rounds over eight cells: 24 edits, each to a new value */
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    g_signal_connect (clock, "before-paint", G_CALLBACK (phases_before_paint), &phases);
    g_signal_connect (clock, "layout", G_CALLBACK (phases_layout), &phases);
    g_signal_connect (clock, "after-paint", G_CALLBACK (phases_after_paint), &phases);
    watch_start (&watch);
    for (guint i = 0; i < 3 * G_N_ELEMENTS (keys); i++)
      {
        GtkWidget *entry = gk_table_grid_get_cell_widget (t3, keys[i % G_N_ELEMENTS (keys)]);
        g_autofree char *value = g_strdup_printf ("%u", 10 + i);
        double ms;

        start = g_get_monotonic_time ();
        gtk_widget_grab_focus (entry);
        gtk_editable_set_text (GTK_EDITABLE (entry), value);
        g_signal_emit_by_name (entry, "activate");
        wait_for_paint (GTK_WIDGET (window));
        ms = ms_since (start);
        typing_sum += ms;
        typing_max = MAX (typing_max, ms);
      }
    typing_held = watch_stop (&watch);
    g_signal_handlers_disconnect_by_data (clock, &phases);
    printf ("Typing a value in a cell (edit saved, re-checked, redrawn): mean %.1f ms, worst %.1f ms over %u; "
            "main loop held at most %.1f ms (target < 50)\n",
            typing_sum / (3 * G_N_ELEMENTS (keys)), typing_max, (guint) (3 * G_N_ELEMENTS (keys)), typing_held);
    printf ("  its %u frames: layout mean %.1f ms, worst %.1f; paint mean %.1f ms, worst %.1f\n",
            phases.n_frames, phases.layout_sum / MAX (phases.n_frames, 1), phases.layout_max,
            phases.paint_sum / MAX (phases.n_frames, 1), phases.paint_max);
    for (guint i = 0; i < 3 * G_N_ELEMENTS (keys); i++)
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  }

  /* Trends: 20 agencies, every metric in turn */
  {
    GkTrendsView *trends = GK_TRENDS_VIEW (gk_window_get_trends_view (window));
    g_autoptr(GPtrArray) agencies = gk_library_list_agencies (gk_application_get_library (app), NULL);
    guint n_metrics;
    const GkFormMetric *metrics = gk_form_get_metrics (&n_metrics);

    gk_window_show_view (window, "trends");
    for (guint i = 0; i < 20 && i < agencies->len; i++)
      gk_trends_view_choose_agency (trends, ((GkAgency *) g_ptr_array_index (agencies, i * (agencies->len / 20)))->id,
                                    TRUE);
    wait_for_paint (GTK_WIDGET (window));
    for (guint round = 0; round < 3; round++)
      for (guint m = 0; m < n_metrics; m++)
        {
          double ms;

          start = g_get_monotonic_time ();
          gtk_widget_activate_action (GTK_WIDGET (trends), "trends.metric", "s", metrics[m].key);
          wait_for_paint (GTK_WIDGET (window));
          ms = ms_since (start);
          switch_sum += ms;
          switch_max = MAX (switch_max, ms);
          n_switches++;
        }
    printf ("Trends, %u agencies in the library, 20 chosen: switching the metric (series built, chart and "
            "table redrawn) mean %.1f ms, worst %.1f ms over %u (target < 50)\n",
            agencies->len, switch_sum / n_switches, switch_max, n_switches);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
