/* test-findings-panel.c — the GkFindingsPanel widget under Xvfb: rows,
 * grouping, activation, dismissal, restore, cross-year links, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gk-check.h"
#include "gk-extract.h"
#include "gk-findings-panel.h"
#include "gk-test-gui.h"

typedef struct
{
  GkApplication   *app;
  GtkWindow       *window;
  GkFindingsPanel *panel;
  GPtrArray       *events;   /* char *: "activated t4.group_total:review", … */
} Fixture;

/* ---- Helpers ----------------------------------------------------------- */

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (g_ptr_array_index (labels, i)), text))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);
  return NULL;
}

static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_type (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);
      if (g_strcmp0 (gtk_button_get_label (button), label) == 0)
        return GTK_WIDGET (button);
    }
  return NULL;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *png = NULL;

  gk_test_gui_settle (250);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), name);
  g_test_message ("screenshot: %s", png);
}

static void
assert_event (Fixture    *fixture,
              const char *expected)
{
  g_assert_cmpuint (fixture->events->len, >, 0);
  g_assert_cmpstr (g_ptr_array_index (fixture->events, fixture->events->len - 1), ==, expected);
}

/* ---- Fixture ----------------------------------------------------------- */

static void
on_finding_activated (GkFindingsPanel *panel,
                      const char      *id,
                      Fixture         *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("activated %s", id));
}

static void
on_dismiss_requested (GkFindingsPanel *panel,
                      const char      *id,
                      const char      *reason,
                      Fixture         *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("dismiss %s %s", id, reason));
}

static void
on_restore_requested (GkFindingsPanel *panel,
                      const char      *id,
                      Fixture         *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("restore %s", id));
}

static void
on_open_report_requested (GkFindingsPanel *panel,
                          int              year,
                          Fixture         *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("open %d", year));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = gk_test_gui_application ();
  fixture->events = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Findings");
  /* The side pane's width in the workbench window. */
  gtk_window_set_default_size (fixture->window, 380, 720);
  fixture->panel = GK_FINDINGS_PANEL (gk_findings_panel_new ());
  /* Tests assert English text whatever the machine's language. */
  gk_findings_panel_set_chinese (fixture->panel, FALSE);
  g_signal_connect (fixture->panel, "finding-activated", G_CALLBACK (on_finding_activated), fixture);
  g_signal_connect (fixture->panel, "dismiss-requested", G_CALLBACK (on_dismiss_requested), fixture);
  g_signal_connect (fixture->panel, "restore-requested", G_CALLBACK (on_restore_requested), fixture);
  g_signal_connect (fixture->panel, "open-report-requested", G_CALLBACK (on_open_report_requested), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
  g_assert_true (gk_test_gui_wait_until (is_drawn, fixture->panel, 5000));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  g_clear_object (&fixture->app);
}

/* ---- Tests ------------------------------------------------------------- */

static void
test_seed_003 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("seeds/003_");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GHashTable) dismissed = NULL;
  g_autofree char *id = NULL;
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  GtkWidget *formula, *row, *dismiss, *popover, *entry, *button, *restore;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();

  if (report == NULL)
    return;
  findings = gk_check_report (report);
  g_assert_cmpuint (findings->len, ==, 1);
  id = gk_finding_dup_id (g_ptr_array_index (findings, 0));
  g_assert_cmpstr (id, ==, "t4.group_total:review");

  gk_findings_panel_set_findings (fixture->panel, report, findings, NULL, NULL);

  /* One error, grouped under its header, with its identity written out. */
  g_assert_nonnull (find_label (panel, "1 Error"));
  formula = find_label (panel, "0+0+0+1 = 1 ≠ 0");
  g_assert_nonnull (formula);
  g_assert_true (gtk_widget_has_css_class (formula, "monospace"));
  g_assert_nonnull (find_label (panel, "Cells: Administrative reconsideration · "
                                       "Total; Upheld; Corrected; Other result; Pending"));
  /* The message, without the formula it would repeat. */
  g_assert_nonnull (find_label_containing (panel, "Administrative reconsideration: "));
  g_assert_null (find_label_containing (panel, "fails: 0+0"));
  g_assert_null (find_label (panel, "All Identities Hold"));
  screenshot (fixture, "findings-seed-003");

  /* Clicking or Enter activates the row: both come as the row's activate. */
  row = gtk_widget_get_ancestor (formula, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_activate (row));
  assert_event (fixture, "activated t4.group_total:review");

  /* Dismissing needs a reason. */
  g_assert_true (gtk_widget_activate_action (panel, "findings.dismiss", "(ss)", id, ""));
  g_assert_true (gtk_widget_activate_action (panel, "findings.dismiss", "(ss)", id, "   "));
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (panel, "findings.dismiss", "(ss)", "no.such:rule", "x"));
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (panel, "findings.dismiss", "(ss)", id, " The page prints 0 "));
  assert_event (fixture, "dismiss t4.group_total:review The page prints 0");

  /* The same through the popover: Delete on the focused row opens it, and
   * its Dismiss button stays off until there is a reason. */
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (panel, "findings.dismiss-focused", NULL));
  collect_type (panel, GTK_TYPE_POPOVER, popovers);
  g_assert_cmpuint (popovers->len, ==, 1);
  popover = g_ptr_array_index (popovers, 0);
  g_assert_true (gk_test_gui_wait_until (is_mapped, popover, 5000));
  collect_type (popover, GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  button = find_button (popover, "_Dismiss");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Typo on the page");
  g_assert_true (gtk_widget_get_sensitive (button));
  gk_test_gui_settle (200);
  {
    g_autofree char *png = gk_test_gui_screenshot (popover, "findings-dismiss-popover");
    g_test_message ("screenshot: %s", png);
  }
  g_signal_emit_by_name (entry, "activate");
  assert_event (fixture, "dismiss t4.group_total:review Typo on the page");
  g_assert_false (gtk_widget_get_visible (popover));

  /* The Dismiss… button of the row opens the same popover, emptied. */
  dismiss = find_button (row, "Dismiss…");
  g_assert_nonnull (dismiss);
  g_signal_emit_by_name (dismiss, "clicked");
  g_assert_true (gk_test_gui_wait_until (is_mapped, popover, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Checked with the agency");
  g_signal_emit_by_name (button, "clicked");
  assert_event (fixture, "dismiss t4.group_total:review Checked with the agency");

  /* Dismissed: the window answers with no open findings and one dismissed. */
  none = g_ptr_array_new ();
  dismissed = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (dismissed, id, "Typo on the page");
  gk_findings_panel_set_findings (fixture->panel, report, none, dismissed, findings);
  g_assert_nonnull (find_label (panel, "All Identities Hold"));
  g_assert_null (find_label (panel, "1 Error"));
  g_assert_nonnull (find_label (panel, "Dismissed (1)"));
  g_assert_nonnull (find_label (panel, "Reason: Typo on the page"));
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_cmpuint (expanders->len, ==, 1);
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
  restore = find_button (panel, "_Restore");
  g_assert_nonnull (restore);
  g_assert_true (gk_test_gui_wait_until (is_drawn, restore, 5000));
  screenshot (fixture, "findings-seed-003-dismissed");

  g_signal_emit_by_name (restore, "clicked");
  assert_event (fixture, "restore t4.group_total:review");
  /* Only dismissed findings can be restored. */
  g_assert_true (gtk_widget_activate_action (panel, "findings.restore", "s", "t3.balance:total"));
  assert_event (fixture, "restore t4.group_total:review");
  g_assert_cmpuint (fixture->events->len, ==, 5);
}

static gboolean
label_has_key (GPtrArray *labels)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));
      if (strstr (text, "t3.") != NULL || strstr (text, "t4.") != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_shanghai_2019 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("corpus/shanghai-2019/page.html");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  GtkWidget *businesses, *row;
  GkFindingCounts counts;
  gint64 start;

  if (report == NULL)
    return;
  findings = gk_check_report (report);
  counts = gk_findings_count (findings, NULL);
  g_assert_cmpuint (counts.errors, ==, 0);
  g_assert_cmpuint (counts.uncertain, ==, 38);

  start = g_get_monotonic_time ();
  gk_findings_panel_set_findings (fixture->panel, report, findings, NULL, NULL);
  g_test_message ("38 findings listed in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_nonnull (find_label (panel, "38 Uncertain Checks"));
  g_assert_null (find_label_containing (panel, "Error"));

  /* Folded per identity: four rules, each with its count. */
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_cmpuint (expanders->len, ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (expanders, 0)), ==,
                   "new + carried in = results total + carried out");
  g_assert_cmpstr (adw_expander_row_get_subtitle (g_ptr_array_index (expanders, 0)), ==,
                   "5 checks · 5 hold if blanks are read as 0");
  g_assert_cmpstr (adw_expander_row_get_subtitle (g_ptr_array_index (expanders, 2)), ==,
                   "23 checks · 12 hold if blanks are read as 0");

  adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
  businesses = find_label (panel, "Businesses");
  g_assert_nonnull (businesses);
  /* The fold slides open. */
  g_assert_true (gk_test_gui_wait_until (is_drawn, businesses, 5000));
  /* The fold's row already says which column. */
  g_assert_nonnull (find_label (panel, "Missing: Carried over from last year; Carried over to next year"));
  g_assert_nonnull (find_label (panel, "Holds if blanks are read as 0"));
  screenshot (fixture, "findings-shanghai-2019");

  row = gtk_widget_get_ancestor (businesses, GTK_TYPE_LIST_BOX_ROW);
  g_assert_true (gtk_widget_activate (row));
  assert_event (fixture, "activated t3.balance:commercial");

  /* The folds stay open when the window updates the findings. */
  gk_findings_panel_set_findings (fixture->panel, report, findings, NULL, NULL);
  g_ptr_array_set_size (expanders, 0);
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_true (adw_expander_row_get_expanded (g_ptr_array_index (expanders, 0)));
  g_assert_false (adw_expander_row_get_expanded (g_ptr_array_index (expanders, 1)));

  /* Readable: labels, never cell keys, in every fold. Folds get their rows
   * when opened. */
  for (guint i = 0; i < expanders->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (expanders, i), TRUE);
  collect_labels (panel, labels);
  g_assert_nonnull (find_label (panel, "Natural persons"));
  g_assert_false (label_has_key (labels));
}

static void
test_cross_year (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GkReport) previous = gk_test_gui_load_report ("corpus/pingtan/2022/page.html");
  g_autoptr(GkReport) current = previous != NULL ? gk_test_gui_load_report ("corpus/pingtan/2023/page.html") : NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  GtkWidget *open;
  const GkFinding *finding = NULL;
  int minimum;

  if (current == NULL)
    return;
  findings = gk_check_pair (previous, current);
  for (guint i = 0; i < findings->len; i++)
    if (((GkFinding *) g_ptr_array_index (findings, i))->other_year == 2022)
      finding = g_ptr_array_index (findings, i);
  g_assert_nonnull (finding);

  gk_findings_panel_set_findings (fixture->panel, current, findings, NULL, NULL);
  g_assert_nonnull (find_label_containing (panel, "Warning"));
  g_assert_nonnull (find_label (panel, finding->formula));
  /* Cells of both years, each with its year. */
  g_assert_nonnull (find_label (panel, "Cells: Normative documents · In force (2023); In force (2022); "
                                       "Made this year (2023); Repealed this year (2023)"));
  open = gtk_widget_get_ancestor (find_label (panel, "Open the 2022 Report"), GTK_TYPE_BUTTON);
  g_assert_nonnull (open);
  /* It fits the narrowest side pane. */
  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 340);
  screenshot (fixture, "findings-cross-year");

  g_signal_emit_by_name (open, "clicked");
  assert_event (fixture, "open 2022");
  g_assert_true (gtk_widget_activate_action (panel, "findings.open-report", "i", 2021));
  assert_event (fixture, "open 2021");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("corpus/pingtan/2021/page.html");
  g_autoptr(GPtrArray) findings = NULL;
  GtkWidget *panel = GTK_WIDGET (fixture->panel);

  /* Before any report. */
  g_assert_nonnull (find_label (panel, "No Report"));

  if (report == NULL)
    return;
  findings = gk_check_report (report);
  g_assert_cmpuint (findings->len, ==, 0);
  gk_findings_panel_set_findings (fixture->panel, report, findings, NULL, NULL);
  g_assert_nonnull (find_label (panel, "All Identities Hold"));
  g_assert_null (find_label_containing (panel, "Dismissed"));
  screenshot (fixture, "findings-empty");

  gk_findings_panel_set_findings (fixture->panel, NULL, NULL, NULL, NULL);
  g_assert_nonnull (find_label (panel, "No Report"));
}

static void
test_chinese_messages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("seeds/003_");
  g_autoptr(GkReport) shanghai = report != NULL ? gk_test_gui_load_report ("corpus/shanghai-2019/page.html") : NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  GtkWidget *label;

  if (shanghai == NULL)
    return;
  gk_findings_panel_set_chinese (fixture->panel, TRUE);
  findings = gk_check_report (report);
  gk_findings_panel_set_findings (fixture->panel, report, findings, NULL, NULL);
  /* The message without the formula, which has a line of its own. */
  g_assert_nonnull (find_label (panel, "行政复议：「总计等于结果维持、结果纠正、其他结果与尚未审结之和」不成立"));
  g_assert_nonnull (find_label (panel, "0+0+0+1 = 1 ≠ 0"));
  /* Labels as the form prints them (the separator is the C locale's). */
  g_assert_nonnull (find_label (panel, "Cells: 行政复议 · 总计; 结果维持; 结果纠正; 其他结果; 尚未审结"));

  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = gk_check_report (shanghai);
  gk_findings_panel_set_findings (fixture->panel, shanghai, findings, NULL, NULL);
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (expanders, 0)), ==,
                   "第一项加第二项之和，等于第三项加第四项之和");
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
  label = find_label (panel, "商业企业");
  g_assert_nonnull (label);
  g_assert_true (gk_test_gui_wait_until (is_drawn, label, 5000));
  screenshot (fixture, "findings-shanghai-2019-chinese");
}

/* Iterate until the panel's frame clock has painted once more. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 frame;

  g_assert_nonnull (clock);
  frame = gdk_frame_clock_get_frame_counter (clock);
  gtk_widget_queue_draw (widget);
  while (gdk_frame_clock_get_frame_counter (clock) == frame)
    g_main_context_iteration (NULL, TRUE);
}

/* A report with many wrong cells gives ~150 findings; each edit re-checks it
 * and hands the panel the new ones, so an update and its frame must stay
 * within a frame's budget in the workbench window. */
static void
test_many_findings (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("corpus/pingtan/2021/page.html");
  g_autoptr(GkReport) next_year = report != NULL ? gk_test_gui_load_report ("corpus/pingtan/2022/page.html") : NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *across;
  g_autoptr(GPtrArray) fewer = NULL;
  g_autoptr(GPtrArray) still_open = NULL;
  g_autoptr(GPtrArray) dismissed = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  GtkWidget *panel = GTK_WIDGET (fixture->panel);
  GkFindingCounts counts;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  GtkAdjustment *adjustment;
  GtkWidget *restore;
  double first_ms, update_ms = 0, worst_ms = 0;
  gint64 start;

  if (next_year == NULL)
    return;
  g_assert_nonnull (report->layout);
  /* Every cell a different wrong value. */
  for (guint i = 0; i < report->layout->n_cells; i++)
    {
      g_autofree char *wrong = g_strdup_printf ("%u", 1 + i * 37 % 1000);
      gk_report_set_edit (report, i, wrong, NULL, 0);
    }
  findings = gk_check_report (report);
  across = gk_check_pair (report, next_year);
  /* The cross-year ones too, as the window lists them. */
  g_ptr_array_extend_and_steal (findings, g_steal_pointer (&across));
  counts = gk_findings_count (findings, NULL);
  g_test_message ("%u findings: %u errors, %u warnings, %u uncertain",
                  findings->len, counts.errors, counts.warnings, counts.uncertain);
  g_assert_cmpuint (findings->len, >=, 75);
  g_assert_cmpuint (counts.errors, >, 0);

  start = g_get_monotonic_time ();
  gk_findings_panel_set_findings (fixture->panel, report, findings, NULL, NULL);
  wait_for_frame (panel);
  first_ms = (g_get_monotonic_time () - start) / 1000.0;

  title = g_strdup_printf (counts.errors == 1 ? "%u Error" : "%u Errors", counts.errors);
  g_assert_nonnull (find_label (panel, title));
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_cmpuint (expanders->len, >, 0);
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
  screenshot (fixture, "findings-many");

  /* As after edits: the same findings again, then one fewer, then back. */
  fewer = g_ptr_array_new ();
  for (guint i = 1; i < findings->len; i++)
    g_ptr_array_add (fewer, g_ptr_array_index (findings, i));
  for (guint round = 0; round < 6; round++)
    {
      GPtrArray *next = round % 2 == 0 ? fewer : findings;
      double ms;

      start = g_get_monotonic_time ();
      gk_findings_panel_set_findings (fixture->panel, report, next, NULL, NULL);
      wait_for_frame (panel);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      update_ms += ms;
      worst_ms = MAX (worst_ms, ms);
    }
  start = g_get_monotonic_time ();
  for (guint round = 0; round < 6; round++)
    wait_for_frame (panel);
  g_test_message ("%u findings: set_findings + one frame: first %.1f ms; "
                  "after an edit mean %.1f ms, worst %.1f ms (a frame alone: %.1f ms)",
                  findings->len, first_ms, update_ms / 6, worst_ms,
                  (g_get_monotonic_time () - start) / 1000.0 / 6);

  /* Still the same panel: the counts and the open fold. */
  g_assert_nonnull (find_label (panel, title));
  g_ptr_array_set_size (expanders, 0);
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_true (adw_expander_row_get_expanded (g_ptr_array_index (expanders, 0)));
  screenshot (fixture, "findings-many-updated");

  /* Every other one dismissed, as after a researcher's review. */
  still_open = g_ptr_array_new ();
  dismissed = g_ptr_array_new ();
  reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (findings, i);

      if (i % 2 == 0)
        {
          g_ptr_array_add (still_open, finding);
          continue;
        }
      g_ptr_array_add (dismissed, finding);
      g_hash_table_insert (reasons, gk_finding_dup_id (finding), "Checked against the agency's own page");
    }
  start = g_get_monotonic_time ();
  gk_findings_panel_set_findings (fixture->panel, report, still_open, reasons, dismissed);
  wait_for_frame (panel);
  g_test_message ("%u open and %u dismissed: set_findings + one frame %.1f ms",
                  still_open->len, dismissed->len, (g_get_monotonic_time () - start) / 1000.0);
  label = g_strdup_printf ("Dismissed (%u)", dismissed->len);
  g_assert_nonnull (find_label (panel, label));
  g_ptr_array_set_size (expanders, 0);
  collect_type (panel, ADW_TYPE_EXPANDER_ROW, expanders);
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, expanders->len - 1), TRUE);
  restore = find_button (panel, "_Restore");
  g_assert_nonnull (restore);
  g_assert_true (gk_test_gui_wait_until (is_drawn, restore, 5000));
  /* Down to the dismissed ones. */
  collect_type (panel, GTK_TYPE_SCROLLED_WINDOW, scrollers);
  g_assert_cmpuint (scrollers->len, >, 0);
  gk_test_gui_settle (300);
  adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrollers, 0));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  screenshot (fixture, "findings-many-dismissed");
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add ("/findings-panel/seed-003", Fixture, NULL, fixture_setup, test_seed_003, fixture_teardown);
  g_test_add ("/findings-panel/shanghai-2019", Fixture, NULL, fixture_setup, test_shanghai_2019,
              fixture_teardown);
  g_test_add ("/findings-panel/cross-year", Fixture, NULL, fixture_setup, test_cross_year, fixture_teardown);
  g_test_add ("/findings-panel/chinese-messages", Fixture, NULL, fixture_setup, test_chinese_messages,
              fixture_teardown);
  g_test_add ("/findings-panel/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/findings-panel/many-findings", Fixture, NULL, fixture_setup, test_many_findings,
              fixture_teardown);
  return g_test_run ();
}
