/* test-workbench.c — the workbench as a researcher uses it, through the real
 * widgets and actions: import the seeds by dropping them, find seed 003's
 * error, correct it, see every badge follow, quit and find the correction
 * still there, dismiss a finding and undo that; focusing a cell shows its
 * source; activating a finding selects its cells; a cross-year finding
 * opens the other year's report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gk-findings-panel.h"
#include "gk-report-item.h"
#include "gk-report-list.h"
#include "gk-report-view.h"
#include "gk-source-pane.h"
#include "gk-table-grid.h"
#include "gk-test-gui.h"
#include "gk-window.h"

static gboolean
export_done (gpointer data)
{
  return !gk_window_is_exporting (GK_WINDOW (data));
}

static GkWindow *
open_window (GkApplication *app)
{
  GkWindow *window = gk_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_gui_wait_drawn (GTK_WIDGET (window));
  return window;
}

static void
drop_seeds (GkWindow *window)
{
  g_autofree char *dir = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  GSList *files = g_slist_append (NULL, folder);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  /* the folder itself, as a researcher drops it */
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  g_signal_emit_by_name (gk_window_get_drop_target (window), "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (window), 60000));
}

/* The list's item for the report of @agency. */
static GkReportItem *
find_item (GkWindow   *window,
           const char *agency)
{
  GListModel *model = gk_report_list_get_model (GK_REPORT_LIST (gk_window_get_report_list (window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GkReportItem) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (gk_report_item_get_agency (item), agency) == 0)
        return item;   /* the model keeps it alive */
    }
  g_assert_not_reached ();
}

static GkReportView *
view_of (GkWindow *window)
{
  return GK_REPORT_VIEW (gk_window_get_report_view (window));
}

static GkTableGrid *
grid_of (GkWindow   *window,
         const char *table)
{
  return GK_TABLE_GRID (gk_report_view_get_table_grid (view_of (window), table));
}

static guint
count_rule (GPtrArray  *findings,
            const char *rule)
{
  guint n = 0;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (g_str_equal (((GkFinding *) g_ptr_array_index (findings, i))->rule, rule))
      n++;
  return n;
}

/* Section rows whose title answers a tooltip query, as the pointer resting
 * on a title cut short by the tree would ask. */
static guint
count_section_titles_with_tooltip (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_TREE_EXPANDER (widget))
    {
      GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (widget));
      GtkWidget *title = box != NULL ? gtk_widget_get_first_child (box) : NULL;
      g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
      gboolean shown = FALSE;

      if (GTK_IS_LABEL (title) && gtk_widget_get_has_tooltip (title))
        g_signal_emit_by_name (title, "query-tooltip", 0, 0, FALSE, tooltip, &shown);
      return shown ? 1 : 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_section_titles_with_tooltip (child);
  return n;
}

static void
test_workbench (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  GkWindow *window;
  GkReportItem *item;
  GkTableGrid *t4;
  GtkWidget *entry;
  gint64 seed003;
  const GkFormCell *cell;
  GkReport *report;
  g_autofree char *png = NULL;
  GObject *list_item;

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  window = open_window (app);

  /* import the seeds through the drop handler */
  drop_seeds (window);
  g_assert_cmpuint (gk_window_get_last_import (window)->imported, ==, 5);
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "library");

  /* select seed 003 and see the t4 error badge, in the table and the list */
  item = find_item (window, "东丽区应急管理局");
  list_item = G_OBJECT (item);
  seed003 = gk_report_item_get_id (item);
  g_assert_cmpuint (gk_report_item_get_summary (item)->errors, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-report", "x", seed003));
  gk_test_gui_settle (200);
  g_assert_cmpint (gk_report_view_get_report_id (view_of (window)), ==, seed003);
  t4 = grid_of (window, "t4");
  g_assert_cmpuint (gk_table_grid_get_counts (t4).errors, ==, 1);
  g_assert_cmpuint (count_rule (gk_report_view_get_findings (view_of (window)), "t4.group_total"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_of (window)), "report.select-section", "s", "s4"));
  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "workbench-t4-error");
  g_test_message ("screenshot: %s", png);
  g_assert_cmpuint (count_section_titles_with_tooltip (GTK_WIDGET (view_of (window))), >=, 6);

  /* edit t4.review.total to 1 in the grid: the badge clears, the list follows */
  entry = gk_table_grid_get_cell_widget (t4, "t4.review.total");
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "1");
  g_signal_emit_by_name (entry, "activate");
  gk_test_gui_settle (200);
  g_assert_cmpuint (gk_table_grid_get_counts (t4).errors, ==, 0);
  g_assert_cmpuint (count_rule (gk_report_view_get_findings (view_of (window)), "t4.group_total"), ==, 0);
  g_assert_cmpuint (gk_report_item_get_summary (GK_REPORT_ITEM (list_item))->errors, ==, 0);
  {
    g_autoptr(GkReportSummary) summary = gk_library_get_summary (gk_application_get_library (app), seed003, NULL);
    g_assert_cmpuint (summary->errors, ==, 0);
    g_assert_true (summary->edited);
  }

  /* the source pane shows where a cell came from */
  gk_source_pane_show_cell (GK_SOURCE_PANE (gk_report_view_get_source_pane (view_of (window))),
                            gk_report_view_get_report (view_of (window)), "t4.review.pending");
  {
    g_autofree char *highlight = gk_source_pane_dup_highlight (GK_SOURCE_PANE (gk_report_view_get_source_pane (view_of (window))));
    g_assert_cmpstr (highlight, ==, "1");
  }

  /* export in the background, beside the window's own connection */
  {
    g_autofree char *dir = g_dir_make_tmp ("gongkai-export-XXXXXX", NULL);
    g_autofree char *csv = g_build_filename (dir, "cells.csv", NULL);
    g_autofree char *contents = NULL;

    gk_window_export (window, GK_EXPORT_CSV_LONG, FALSE, csv);
    g_assert_true (gk_test_gui_wait_until (export_done, window, 30000));
    g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
    /* the correction, with the page's value beside it */
    g_assert_nonnull (strstr (contents, "东丽区应急管理局,2023,2021,t4,review,total,1,number,true,0,0"));
    g_remove (csv);
    g_rmdir (dir);
  }

  /* quit, start again on the same library, and find the edit still there */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  window = open_window (app);
  g_assert_true (gk_window_select_report (window, seed003));
  report = gk_report_view_get_report (view_of (window));
  cell = gk_form_layout_lookup (report->layout, "t4.review.total");
  g_assert_cmpstr (report->cells[cell->index].edit_raw, ==, "1");
  g_assert_cmpstr (report->cells[cell->index].raw, ==, "0");
  g_assert_cmpuint (gk_table_grid_get_counts (grid_of (window, "t4")).errors, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_workbench_dismiss_and_undo (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  GkWindow *window;
  GkReportView *view;
  GtkWidget *panel;
  gint64 seed004;
  GPtrArray *findings;
  g_autofree char *id = NULL;
  g_autofree char *png = NULL;

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  window = open_window (app);
  if (gk_report_list_get_n_reports (GK_REPORT_LIST (gk_window_get_report_list (window))) == 0)
    drop_seeds (window);
  view = view_of (window);

  /* seed 004 states 68 in its text against 144 in its table: a warning */
  seed004 = gk_report_item_get_id (find_item (window, "黑龙江省人民防空办公室"));
  g_assert_true (gk_window_select_report (window, seed004));
  findings = gk_report_view_get_findings (view);
  g_assert_cmpuint (count_rule (findings, "prose.received"), ==, 1);
  id = gk_finding_dup_id (g_ptr_array_index (findings, 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.select-section", "s", "s3"));
  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "workbench-findings");
  g_test_message ("screenshot: %s", png);

  /* dismiss it with a reason, through the panel's own action */
  panel = gk_report_view_get_findings_panel (view);
  g_assert_true (gtk_widget_activate_action (panel, "findings.dismiss", "(ss)", id,
                                             "68 counts replies, 144 counts applications"));
  gk_test_gui_settle (100);
  g_assert_cmpuint (count_rule (gk_report_view_get_findings (view), "prose.received"), ==, 0);
  {
    g_autoptr(GHashTable) dismissed = gk_library_list_dismissed (gk_application_get_library (app), seed004, NULL);
    g_assert_cmpstr (g_hash_table_lookup (dismissed, id), ==, "68 counts replies, 144 counts applications");
  }

  /* and undo it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  gk_test_gui_settle (100);
  g_assert_cmpuint (count_rule (gk_report_view_get_findings (view), "prose.received"), ==, 1);
  /* redo brings the dismissal back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  gk_test_gui_settle (100);
  g_assert_cmpuint (count_rule (gk_report_view_get_findings (view), "prose.received"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));

  /* the source of a cell, for the screenshot */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.select-section", "s", "s3"));
  gk_table_grid_select_cells (grid_of (window, "t3"), (const char *[]) { "t3.new.total", NULL });
  gk_source_pane_show_cell (GK_SOURCE_PANE (gk_report_view_get_source_pane (view)),
                            gk_report_view_get_report (view), "t3.new.total");
  {
    GtkWidget *stack = gtk_widget_get_parent (gk_report_view_get_source_pane (view));
    gtk_stack_set_visible_child (GTK_STACK (stack), gk_report_view_get_source_pane (view));
  }
  gk_test_gui_settle (400);
  g_clear_pointer (&png, g_free);
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "workbench-source");
  g_test_message ("screenshot: %s", png);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Findings, cross-year links, and the source of a focused cell ----- */

static GkReportItem *
find_report (GkWindow   *window,
             const char *agency,
             int         year)
{
  GListModel *model = gk_report_list_get_model (GK_REPORT_LIST (gk_window_get_report_list (window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GkReportItem) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (gk_report_item_get_agency (item), agency) == 0 && gk_report_item_get_year (item) == year)
        return item;   /* the model keeps it alive */
    }
  return NULL;
}

/* Seed 003's agency on 2022, with 2 applications carried over that the
 * 2023 page (seed 003) does not take in: two x.carry warnings on 2023. */
static gint64
import_dongli_2022 (GkWindow *window)
{
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files;
  gboolean handled = FALSE;

  if (find_report (window, "东丽区应急管理局", 2022) != NULL)
    return gk_report_item_get_id (find_report (window, "东丽区应急管理局", 2022));

  dir = g_dir_make_tmp ("gongkai-workbench-XXXXXX", NULL);
  text = gk_test_gui_seed_003_as (2022, GK_TEST_SEED_CARRY_OUT_TWO);
  path = gk_test_gui_write_page (dir, "dongli-2022.txt", text);
  file = g_file_new_for_path (path);
  files = g_slist_append (NULL, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  g_signal_emit_by_name (gk_window_get_drop_target (window), "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  g_assert_true (gk_test_gui_wait_import (GK_WINDOW (window), 30000));
  g_assert_cmpuint (gk_window_get_last_import (window)->imported, ==, 1);
  g_remove (path);
  g_rmdir (dir);
  g_assert_nonnull (find_report (window, "东丽区应急管理局", 2022));
  return gk_report_item_get_id (find_report (window, "东丽区应急管理局", 2022));
}

/* The findings panel's row for @id, opening the folds as a user would when
 * it sits in one. */
static GtkWidget *
finding_row (GkReportView *view,
             const char   *id)
{
  GtkWidget *panel = gk_report_view_get_findings_panel (view);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GPtrArray) rows = gk_test_gui_collect (panel, GTK_TYPE_LIST_BOX_ROW);
      g_autoptr(GPtrArray) folds = NULL;

      for (guint i = 0; i < rows->len; i++)
        if (g_strcmp0 (g_object_get_data (g_ptr_array_index (rows, i), "gk-finding-id"), id) == 0)
          return g_ptr_array_index (rows, i);
      folds = gk_test_gui_collect (panel, ADW_TYPE_EXPANDER_ROW);
      for (guint i = 0; i < folds->len; i++)
        adw_expander_row_set_expanded (g_ptr_array_index (folds, i), TRUE);
      gk_test_gui_settle (100);
    }
  return NULL;
}

static const GkFinding *
finding_with_cell (GPtrArray  *findings,
                   const char *rule,
                   const char *cell)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule, rule) && finding->cells != NULL
          && g_strv_contains ((const char * const *) finding->cells, cell))
        return finding;
    }
  return NULL;
}

static gboolean
highlighted (GkTableGrid *grid,
             const char  *key)
{
  return gtk_widget_has_css_class (gk_table_grid_get_cell_widget (grid, key), "gk-highlight");
}

static char *
source_highlight (GkWindow *window)
{
  return gk_source_pane_dup_highlight (GK_SOURCE_PANE (gk_report_view_get_source_pane (view_of (window))));
}

/* Activating a finding, as a click or Enter on its row does, selects its
 * cells in the table and shows the first one's source. */
static void
test_workbench_finding_selects_cells (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  GkWindow *window;
  GkReportView *view;
  GkTableGrid *t4;
  GtkWidget *row;
  const GkFinding *finding;
  g_autofree char *id = NULL;
  g_autofree char *source = NULL;
  gint64 dongli_2022;
  const char * const operands[] = { "t4.review.total", "t4.review.upheld", "t4.review.corrected",
                                    "t4.review.other", "t4.review.pending" };

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  window = open_window (app);
  if (gk_report_list_get_n_reports (GK_REPORT_LIST (gk_window_get_report_list (window))) == 0)
    drop_seeds (window);
  dongli_2022 = import_dongli_2022 (window);
  view = view_of (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-report", "x", dongli_2022));
  gk_test_gui_settle (200);
  g_assert_cmpint (gk_report_view_get_report_id (view), ==, dongli_2022);
  /* start elsewhere: the report opens on its first section */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.select-section", "s", "s2"));
  finding = finding_with_cell (gk_report_view_get_findings (view), "t4.group_total", "t4.review.total");
  g_assert_nonnull (finding);
  id = gk_finding_dup_id (finding);
  t4 = grid_of (window, "t4");
  for (guint i = 0; i < G_N_ELEMENTS (operands); i++)
    g_assert_false (highlighted (t4, operands[i]));

  row = finding_row (view, id);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_activate (row));
  gk_test_gui_settle (200);

  g_assert_cmpstr (gk_report_view_get_section (view), ==, "s4");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (t4)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (grid_of (window, "t3"))));
  for (guint i = 0; i < G_N_ELEMENTS (operands); i++)
    g_assert_true (highlighted (t4, operands[i]));
  g_assert_false (highlighted (t4, "t4.suit_direct.total"));
  g_assert_cmpstr (gk_table_grid_get_focused_cell (t4), ==, "t4.review.total");
  source = source_highlight (window);
  g_assert_cmpstr (source, ==, "0");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
report_shown_is (gpointer data)
{
  gpointer *pair = data;

  return gk_report_view_get_report_id (view_of (pair[0])) == *(gint64 *) pair[1];
}

/* A cross-year finding selects this year's cells, and its button opens the
 * other year's report in the window. */
static void
test_workbench_cross_year_finding (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  GkWindow *window;
  GkReportView *view;
  GkTableGrid *t3;
  GtkWidget *row, *open;
  const GkFinding *finding;
  g_autofree char *id = NULL;
  g_autofree char *png = NULL;
  gint64 dongli_2022, dongli_2023;

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  window = open_window (app);
  if (gk_report_list_get_n_reports (GK_REPORT_LIST (gk_window_get_report_list (window))) == 0)
    drop_seeds (window);
  dongli_2022 = import_dongli_2022 (window);
  dongli_2023 = gk_report_item_get_id (find_report (window, "东丽区应急管理局", 2023));
  view = view_of (window);

  g_assert_true (gk_window_select_report (window, dongli_2023));
  /* 2023 takes in 0 where 2022 carried 2 over: natural persons and total */
  finding = finding_with_cell (gk_report_view_get_findings (view), "x.carry", "t3.carried_in.natural@2023");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->other_year, ==, 2022);
  g_assert_nonnull (finding_with_cell (gk_report_view_get_findings (view), "x.carry", "t3.carried_in.total@2023"));
  id = gk_finding_dup_id (finding);

  row = finding_row (view, id);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  gk_test_gui_settle (200);
  t3 = grid_of (window, "t3");
  g_assert_cmpstr (gk_report_view_get_section (view), ==, "s3");
  /* this year's cell; the other year's is in the other report */
  g_assert_true (highlighted (t3, "t3.carried_in.natural"));
  g_assert_false (highlighted (t3, "t3.carried_out.natural"));
  g_assert_false (highlighted (t3, "t3.carried_in.total"));
  g_assert_cmpstr (gk_table_grid_get_focused_cell (t3), ==, "t3.carried_in.natural");
  png = gk_test_gui_screenshot (GTK_WIDGET (window), "workbench-cross-year");
  g_test_message ("screenshot: %s", png);

  /* Open the 2022 Report */
  open = gk_test_gui_find_button_with_action (row, "findings.open-report");
  g_assert_nonnull (open);
  g_assert_nonnull (gk_test_gui_find_label (open, "Open the 2022 Report"));
  g_signal_emit_by_name (open, "clicked");
  {
    gpointer pair[2] = { window, &dongli_2022 };
    g_assert_true (gk_test_gui_wait_until (report_shown_is, pair, 2000));
  }
  g_assert_cmpint (gk_report_view_get_report (view)->year, ==, 2022);
  g_assert_cmpint (gk_report_list_get_selected_id (GK_REPORT_LIST (gk_window_get_report_list (window))), ==,
                   dongli_2022);

  /* a year the library lacks: the window says so and stays */
  g_assert_true (gtk_widget_activate_action (gk_report_view_get_findings_panel (view), "findings.open-report",
                                             "i", 2019));
  gk_test_gui_settle (100);
  g_assert_nonnull (gk_test_gui_find_label (GTK_WIDGET (window), "That year's report is not in the library"));
  g_assert_cmpint (gk_report_view_get_report_id (view), ==, dongli_2022);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GkWindow   *window;
  const char *expected;
} SourceWait;

static gboolean
source_is (gpointer data)
{
  SourceWait *wait = data;
  g_autofree char *shown = source_highlight (wait->window);

  return g_strcmp0 (shown, wait->expected) == 0;
}

static void
assert_source (GkWindow   *window,
               const char *expected)
{
  SourceWait wait = { window, expected };
  g_autofree char *shown = NULL;

  gk_test_gui_wait_until (source_is, &wait, 2000);
  shown = source_highlight (window);
  g_assert_cmpstr (shown, ==, expected);
}

/* Focusing a cell, by a click or by Tab, shows where it came from. */
static void
test_workbench_focus_shows_source (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  GkWindow *window;
  GkReportView *view;
  GtkWidget *entry;
  g_autofree char *before = NULL;

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  window = open_window (app);
  if (gk_report_list_get_n_reports (GK_REPORT_LIST (gk_window_get_report_list (window))) == 0)
    drop_seeds (window);
  view = view_of (window);

  /* seed 002: t3 new natural 18, t2 licensing 274126 */
  g_assert_true (gk_window_select_report (window, gk_report_item_get_id (find_item (window, "浙江省应急管理厅"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.select-section", "s", "s3"));
  gk_test_gui_settle (200);
  before = source_highlight (window);
  g_assert_cmpstr (before, !=, "18");

  entry = gk_table_grid_get_cell_widget (grid_of (window, "t3"), "t3.new.natural");
  g_assert_true (gtk_widget_grab_focus (entry));
  assert_source (window, "18");

  /* Tab moves to the next cell: its source follows */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (gk_table_grid_get_focused_cell (grid_of (window, "t3")), ==, "t3.new.commercial");
  assert_source (window, "0");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "report.select-section", "s", "s2"));
  gk_test_gui_settle (200);
  entry = gk_table_grid_get_cell_widget (grid_of (window, "t2"), "t2.licensing.decisions");
  g_assert_true (gtk_widget_grab_focus (entry));
  assert_source (window, "274126");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add_func ("/workbench/import-edit-reopen", test_workbench);
  g_test_add_func ("/workbench/dismiss-and-undo", test_workbench_dismiss_and_undo);
  g_test_add_func ("/workbench/focus-shows-source", test_workbench_focus_shows_source);
  g_test_add_func ("/workbench/finding-selects-cells", test_workbench_finding_selects_cells);
  g_test_add_func ("/workbench/cross-year-finding", test_workbench_cross_year_finding);
  return g_test_run ();
}
