/* test-table-grid.c — GkTableGrid under Xvfb with real reports: the form's
 * layout, cell states, editing by keyboard, the badge, missing tables,
 * digits run together, no rebuild between reports, n/a marks and the
 * checks they leave uncertain, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gk-check.h"
#include "gk-extract.h"
#include "gk-table-grid.h"
#include "gk-test-gui.h"

typedef struct
{
  char *key;
  char *raw;
} Edit;

typedef struct
{
  GkApplication  *app;
  GtkWindow      *window;
  GtkWidget      *scrolled;
  GtkWidget      *box;
  GkTableGrid    *grids[3];    /* t2, t3, t4 */
  GArray         *edits;       /* Edit */
  GArray         *applied;     /* guint */
  GPtrArray      *focused;     /* char * */
} Fixture;

static const char * const table_keys[] = { "t2", "t3", "t4" };

static void
edit_clear (Edit *edit)
{
  g_free (edit->key);
  g_free (edit->raw);
}

#define LOAD_OR_SKIP(var, relative)                                              \
  G_STMT_START {                                                                  \
    var = gk_test_gui_load_report (relative);   /* skips, with a message */       \
    if (var == NULL)                                                              \
      return;                                                                     \
  } G_STMT_END

static void
on_cell_edited (GkTableGrid *grid,
                const char  *key,
                const char  *raw,
                Fixture     *fixture)
{
  Edit edit = { g_strdup (key), g_strdup (raw) };

  g_array_append_val (fixture->edits, edit);
}

static void
on_cell_focused (GkTableGrid *grid,
                 const char  *key,
                 Fixture     *fixture)
{
  g_ptr_array_add (fixture->focused, g_strdup (key));
}

static void
on_apply_suggestion (GkTableGrid *grid,
                     guint        index,
                     Fixture     *fixture)
{
  g_array_append_val (fixture->applied, index);
}

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = gk_test_gui_application ();
  fixture->edits = g_array_new (FALSE, TRUE, sizeof (Edit));
  g_array_set_clear_func (fixture->edits, (GDestroyNotify) edit_clear);
  fixture->applied = g_array_new (FALSE, TRUE, sizeof (guint));
  fixture->focused = g_ptr_array_new_with_free_func (g_free);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1180, 780);
  fixture->scrolled = gtk_scrolled_window_new ();
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 36);
  gtk_widget_set_margin_start (fixture->box, 18);
  gtk_widget_set_margin_end (fixture->box, 18);
  gtk_widget_set_margin_top (fixture->box, 18);
  gtk_widget_set_margin_bottom (fixture->box, 18);
  for (guint i = 0; i < G_N_ELEMENTS (table_keys); i++)
    {
      fixture->grids[i] = GK_TABLE_GRID (gk_table_grid_new (table_keys[i]));
      g_signal_connect (fixture->grids[i], "cell-edited", G_CALLBACK (on_cell_edited), fixture);
      g_signal_connect (fixture->grids[i], "cell-focused", G_CALLBACK (on_cell_focused), fixture);
      g_signal_connect (fixture->grids[i], "apply-suggestion", G_CALLBACK (on_apply_suggestion), fixture);
      gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (fixture->grids[i]));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scrolled), fixture->box);
  gtk_window_set_child (fixture->window, fixture->scrolled);
  gtk_window_present (fixture->window);
  g_assert_true (gk_test_gui_wait_until (window_is_mapped, fixture->window, 5000));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->edits, g_array_unref);
  g_clear_pointer (&fixture->applied, g_array_unref);
  g_clear_pointer (&fixture->focused, g_ptr_array_unref);
  g_clear_object (&fixture->app);
}

static void
show_report (Fixture  *fixture,
             GkReport *report)
{
  g_autoptr(GPtrArray) findings = gk_check_report (report);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->grids); i++)
    gk_table_grid_set_report (fixture->grids[i], report, findings);
}

/* Re-checks @report after an edit and updates every grid, as the window does. */
static void
recheck (Fixture  *fixture,
         GkReport *report)
{
  g_autoptr(GPtrArray) findings = gk_check_report (report);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->grids); i++)
    gk_table_grid_update (fixture->grids[i], findings);
}

static GtkWidget *
cell (GkTableGrid *grid,
      const char  *key)
{
  GtkWidget *entry = gk_table_grid_get_cell_widget (grid, key);

  g_assert_nonnull (entry);
  g_assert_true (GTK_IS_ENTRY (entry));
  return entry;
}

static const char *
text_of (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static guint
cell_index (GkReport   *report,
            const char *key)
{
  const GkFormCell *form_cell = gk_form_layout_lookup (report->layout, key);

  g_assert_nonnull (form_cell);
  return form_cell->index;
}

/* A label somewhere under @widget showing exactly @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL && gtk_widget_get_visible (child))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_with_action (GtkWidget  *widget,
                         const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The distinct grid lines holding cells: the table's data rows. */
static guint
count_data_rows (GkTableGrid *grid,
                 const char  *any_key)
{
  GtkWidget *form_grid = gtk_widget_get_parent (cell (grid, any_key));
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (form_grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      {
        int row;

        gtk_grid_query_child (GTK_GRID (form_grid), child, NULL, &row, NULL, NULL);
        g_hash_table_add (rows, GINT_TO_POINTER (row + 1));
      }
  return g_hash_table_size (rows);
}

/* The span of the header labelled @text in the grid that holds @any_key. */
static void
header_span (GkTableGrid *grid,
             const char  *any_key,
             const char  *text,
             int         *width,
             int         *height)
{
  GtkWidget *form_grid = gtk_widget_get_parent (cell (grid, any_key));
  GtkWidget *label = find_label (form_grid, text);

  g_assert_nonnull (label);
  gtk_grid_query_child (GTK_GRID (form_grid), label, NULL, NULL, width, height);
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *path = NULL;

  g_assert_true (gk_test_gui_wait_until (is_allocated, widget, 10000));
  gtk_test_widget_wait_for_draw (widget);
  gk_test_gui_settle (150);
  path = gk_test_gui_screenshot (widget, name);
  g_test_message ("screenshot: %s", path);
}

static gboolean
focused_is (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (gk_table_grid_get_focused_cell (pair[0]), pair[1]) == 0;
}

static void
assert_focus (GkTableGrid *grid,
              const char  *key)
{
  gpointer pair[2] = { grid, (gpointer) key };

  gk_test_gui_wait_until (focused_is, pair, 1000);
  g_assert_cmpstr (gk_table_grid_get_focused_cell (grid), ==, key);
}

/* Seed 003: t4 review pending 1 but total 0, a real error. An edit through
 * the widget is emitted; once the owner applies it, the error clears. */
static void
test_error_and_edit (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t4;
  GtkWidget *total;
  Edit *edit;
  g_autofree char *tooltip = NULL;

  LOAD_OR_SKIP (report, "seeds/003_cb66867b0d9d4dcd.txt");
  show_report (fixture, report);
  t4 = fixture->grids[2];
  total = cell (t4, "t4.review.total");

  g_assert_true (gtk_widget_has_css_class (total, "error"));
  g_assert_true (gtk_widget_has_css_class (cell (t4, "t4.review.upheld"), "error"));
  g_assert_true (gtk_widget_has_css_class (cell (t4, "t4.review.pending"), "error"));
  g_assert_false (gtk_widget_has_css_class (cell (t4, "t4.suit_direct.total"), "error"));
  g_assert_cmpuint (gk_table_grid_get_counts (t4).errors, ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (t4), "1 error"));
  g_assert_cmpuint (gk_table_grid_get_counts (fixture->grids[1]).errors, ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->grids[1]), "All identities hold"));
  tooltip = gk_table_grid_describe_cell (t4, "t4.review.total");
  g_assert_nonnull (strstr (tooltip, "0+0+0+1 = 1 ≠ 0"));
  g_assert_cmpstr (text_of (total), ==, "0");
  screenshot (GTK_WIDGET (t4), "table-grid-t4-error");

  /* Type "1" and press Enter. */
  gtk_widget_grab_focus (total);
  assert_focus (t4, "t4.review.total");
  gtk_editable_set_text (GTK_EDITABLE (total), "1");
  g_assert_false (gtk_widget_has_css_class (total, "gk-edited"));
  g_signal_emit_by_name (total, "activate");
  g_assert_cmpuint (fixture->edits->len, ==, 1);
  edit = &g_array_index (fixture->edits, Edit, 0);
  g_assert_cmpstr (edit->key, ==, "t4.review.total");
  g_assert_cmpstr (edit->raw, ==, "1");
  /* Enter moved on, and leaving did not commit a second time. */
  assert_focus (t4, "t4.suit_direct.upheld");
  g_assert_cmpuint (fixture->edits->len, ==, 1);

  /* The owner applies it and re-checks. */
  gk_report_set_edit (report, cell_index (report, "t4.review.total"), "1", "补录", g_get_real_time ());
  recheck (fixture, report);
  g_assert_false (gtk_widget_has_css_class (total, "error"));
  g_assert_true (gtk_widget_has_css_class (total, "gk-edited"));
  g_assert_cmpstr (text_of (total), ==, "1");
  g_assert_cmpuint (gk_table_grid_get_counts (t4).errors, ==, 0);
  g_assert_null (find_label (GTK_WIDGET (t4), "1 error"));
  g_assert_nonnull (find_label (GTK_WIDGET (t4), "All identities hold"));
  g_clear_pointer (&tooltip, g_free);
  tooltip = gk_table_grid_describe_cell (t4, "t4.review.total");
  g_assert_nonnull (strstr (tooltip, "Edited from “0” — 补录"));
  screenshot (GTK_WIDGET (t4), "table-grid-t4-edited");
}

/* Esc restores the shown value without committing; a draft that is no value
 * shows .error and Enter refuses it. */
static void
test_escape_and_validation (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t3;
  GtkWidget *entry;

  LOAD_OR_SKIP (report, "seeds/002_bd7e8c4ffa0bbdbd.txt");
  show_report (fixture, report);
  t3 = fixture->grids[1];
  entry = cell (t3, "t3.new.natural");
  g_assert_cmpstr (text_of (entry), ==, "18");

  gtk_widget_grab_focus (entry);
  assert_focus (t3, "t3.new.natural");
  gtk_editable_set_text (GTK_EDITABLE (entry), "42");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t3), "table-grid.cancel-edit", NULL));
  g_assert_cmpstr (text_of (entry), ==, "18");
  g_assert_cmpuint (fixture->edits->len, ==, 0);

  /* Live validation: text is an error while typing, and is not committed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "十八");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->edits->len, ==, 0);
  g_assert_cmpstr (gk_table_grid_get_focused_cell (t3), ==, "t3.new.natural");
  /* A count cannot be negative either. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "-3");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "19");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t3), "table-grid.cancel-edit", NULL));
  g_assert_cmpstr (text_of (entry), ==, "18");
  g_assert_cmpuint (fixture->edits->len, ==, 0);
}

/* Enter moves to the next cell in reading order, across a row's end and
 * over unchanged cells without emitting anything. */
static void
test_enter_moves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t3;

  LOAD_OR_SKIP (report, "seeds/002_bd7e8c4ffa0bbdbd.txt");
  show_report (fixture, report);
  t3 = fixture->grids[1];

  gtk_widget_grab_focus (cell (t3, "t3.new.natural"));
  assert_focus (t3, "t3.new.natural");
  g_signal_emit_by_name (cell (t3, "t3.new.natural"), "activate");
  assert_focus (t3, "t3.new.commercial");
  gtk_widget_grab_focus (cell (t3, "t3.new.total"));
  g_signal_emit_by_name (cell (t3, "t3.new.total"), "activate");
  /* The optional subtotal column is hidden in this report: skipped. */
  assert_focus (t3, "t3.carried_in.natural");
  g_assert_false (gtk_widget_get_visible (cell (t3, "t3.new.legal_subtotal")));
  g_assert_cmpuint (fixture->edits->len, ==, 0);
  g_assert_cmpuint (fixture->focused->len, >=, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->focused, fixture->focused->len - 1), ==,
                   "t3.carried_in.natural");
}

/* Tab follows the grid's natural focus chain (reading order), Shift+Tab goes
 * back, and leaving a changed cell commits it. */
static void
test_tab_moves (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t3;
  Edit *edit;

  LOAD_OR_SKIP (report, "seeds/002_bd7e8c4ffa0bbdbd.txt");
  show_report (fixture, report);
  t3 = fixture->grids[1];

  gtk_widget_grab_focus (cell (t3, "t3.new.other"));
  assert_focus (t3, "t3.new.other");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  assert_focus (t3, "t3.new.total");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  assert_focus (t3, "t3.carried_in.natural");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  assert_focus (t3, "t3.new.total");
  g_assert_cmpuint (fixture->edits->len, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (cell (t3, "t3.new.total")), "19");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  assert_focus (t3, "t3.carried_in.natural");
  g_assert_cmpuint (fixture->edits->len, ==, 1);
  edit = &g_array_index (fixture->edits, Edit, 0);
  g_assert_cmpstr (edit->key, ==, "t3.new.total");
  g_assert_cmpstr (edit->raw, ==, "19");

  /* Leaving with a draft that is no value drops it. */
  gtk_editable_set_text (GTK_EDITABLE (cell (t3, "t3.carried_in.natural")), "abc");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_cmpuint (fixture->edits->len, ==, 1);
  g_assert_cmpstr (text_of (cell (t3, "t3.carried_in.natural")), ==, "0");
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.carried_in.natural"), "error"));
}

static gboolean
has_restore_shortcut (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (trigger, "<Control>BackSpace") && GTK_IS_NAMED_ACTION (action)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                              "table-grid.restore-page-value"))
            return TRUE;
        }
    }
  return FALSE;
}

/* Ctrl+Backspace or the context menu's Restore Page Value emits NULL. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t2;
  GtkWidget *entry;
  Edit *edit;

  LOAD_OR_SKIP (report, "seeds/003_cb66867b0d9d4dcd.txt");
  gk_report_set_edit (report, cell_index (report, "t2.penalty.decisions"), "61", NULL, 0);
  show_report (fixture, report);
  t2 = fixture->grids[0];
  entry = cell (t2, "t2.penalty.decisions");
  g_assert_cmpstr (text_of (entry), ==, "61");
  g_assert_true (gtk_widget_has_css_class (entry, "gk-edited"));
  g_assert_true (has_restore_shortcut (GTK_WIDGET (t2)));

  /* Nothing to restore in an unedited cell. */
  gtk_widget_grab_focus (cell (t2, "t2.licensing.decisions"));
  assert_focus (t2, "t2.licensing.decisions");
  gtk_widget_activate_action (GTK_WIDGET (t2), "table-grid.restore-page-value", NULL);
  g_assert_cmpuint (fixture->edits->len, ==, 0);

  gtk_widget_grab_focus (entry);
  assert_focus (t2, "t2.penalty.decisions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t2), "table-grid.restore-page-value", NULL));
  g_assert_cmpuint (fixture->edits->len, ==, 1);
  edit = &g_array_index (fixture->edits, Edit, 0);
  g_assert_cmpstr (edit->key, ==, "t2.penalty.decisions");
  g_assert_null (edit->raw);

  gk_report_clear_edit (report, cell_index (report, "t2.penalty.decisions"));
  recheck (fixture, report);
  g_assert_cmpstr (text_of (entry), ==, "60");
  g_assert_false (gtk_widget_has_css_class (entry, "gk-edited"));
}

/* Seed 000: the tables were images; the prose states some figures. */
static void
test_not_present (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t3;

  LOAD_OR_SKIP (report, "seeds/000_e1e5c7917a3a04a3.txt");
  show_report (fixture, report);
  t3 = fixture->grids[1];
  g_assert_null (gk_table_grid_get_cell_widget (t3, "t3.new.natural"));
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "Table not present in this page"));
  /* 13 办结 = 1 予以公开 + 5 部分公开 + 1 不予公开 + 6 不掌握 */
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "予以公开"));
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "不予公开"));
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "13"));
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "6"));
  /* t2 states nothing in prose. */
  g_assert_null (find_label (GTK_WIDGET (fixture->grids[0]), "予以公开"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->grids[0]),
                                "The text states no figures for this table either."));
  screenshot (GTK_WIDGET (t3), "table-grid-missing");
}

static gboolean
applied_once (gpointer data)
{
  return ((Fixture *) data)->applied->len > 0;
}

/* Pingtan 2021 as text: digits run together; a unique split is offered and
 * only applied through the signal. */
static void
test_needs_review (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t3, *t4;
  GtkWidget *button, *entry;
  g_autofree char *tooltip = NULL;
  guint t3_suggestion = G_MAXUINT;

  LOAD_OR_SKIP (report, "corpus/pingtan/2021/page.txt");
  g_assert_cmpint (report->tables[1].status, ==, GK_TABLE_STATUS_NEEDS_REVIEW);
  show_report (fixture, report);
  t3 = fixture->grids[1];
  t4 = fixture->grids[2];
  for (guint i = 0; i < report->suggestions->len; i++)
    if (g_str_equal (((GkSuggestion *) g_ptr_array_index (report->suggestions, i))->table, "t3"))
      t3_suggestion = i;
  g_assert_cmpuint (t3_suggestion, !=, G_MAXUINT);

  entry = cell (t3, "t3.new.natural");
  g_assert_true (gtk_widget_has_css_class (entry, "gk-digit-run"));
  g_assert_cmpstr (text_of (entry), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "64");
  tooltip = gk_table_grid_describe_cell (t3, "t3.new.natural");
  g_assert_nonnull (strstr (tooltip, "640020470"));
  g_assert_nonnull (strstr (tooltip, "not applied"));
  g_assert_cmpuint (gk_table_grid_get_counts (t3).uncertain, ==, 1);

  button = find_button_with_action (GTK_WIDGET (t3), "table-grid.apply-suggestion");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_is_drawable (button));
  g_assert_cmpuint (fixture->applied->len, ==, 0);   /* never by itself */
  screenshot (GTK_WIDGET (t3), "table-grid-review-t3");
  screenshot (GTK_WIDGET (t4), "table-grid-review-t4");
  screenshot (GTK_WIDGET (fixture->grids[0]), "table-grid-review-t2");
  /* A button shows itself pressed for a moment before it clicks. */
  gtk_widget_activate (button);
  gk_test_gui_wait_until (applied_once, fixture, 2000);
  g_assert_cmpuint (fixture->applied->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->applied, guint, 0), ==, t3_suggestion);
  g_assert_cmpuint (fixture->edits->len, ==, 0);

  /* The owner applies it: the cells hold values and the banner says so. */
  {
    const GkSuggestion *suggestion = g_ptr_array_index (report->suggestions, t3_suggestion);

    for (guint i = 0; i < suggestion->cells->len; i++)
      {
        g_autofree char *raw = g_strdup_printf ("%g", g_array_index (suggestion->values, double, i));

        gk_report_set_edit (report, g_array_index (suggestion->cells, guint, i), raw, NULL, 0);
      }
  }
  recheck (fixture, report);
  g_assert_cmpstr (text_of (entry), ==, "64");
  g_assert_false (gtk_widget_has_css_class (entry, "gk-digit-run"));
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "Applied"));
  g_assert_cmpuint (gk_table_grid_get_counts (t3).errors, ==, 0);
  g_assert_cmpuint (gk_table_grid_get_counts (t3).uncertain, ==, 0);
}

/* Both versions laid out as the form: rows, spans and the optional column. */
static void
test_layouts (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GkReport) v2019 = NULL;
  g_autoptr(GkReport) v2021 = NULL;
  GkTableGrid *t2 = fixture->grids[0], *t3 = fixture->grids[1], *t4 = fixture->grids[2];
  int width, height;

  LOAD_OR_SKIP (v2019, "corpus/pingtan/2019/page.html");
  LOAD_OR_SKIP (v2021, "corpus/pingtan/2021/page.html");

  show_report (fixture, v2021);
  g_assert_cmpuint (count_data_rows (t3, "t3.new.natural"), ==, 25);
  g_assert_cmpuint (count_data_rows (t2, "t2.rules.made"), ==, 6);
  g_assert_cmpuint (count_data_rows (t4, "t4.review.total"), ==, 1);
  g_assert_cmpstr (text_of (cell (t3, "t3.new.total")), ==, "70");
  g_assert_cmpstr (text_of (cell (t2, "t2.fees.amount")), ==, "24252.311082");
  g_assert_null (gk_table_grid_get_cell_widget (t3, "t3.other_handling.natural"));
  header_span (t3, "t3.new.natural", "三、本年度办理结果", &width, &height);
  g_assert_cmpint (width, ==, 1);
  g_assert_cmpint (height, ==, 22);
  /* In their narrow column, groups put the ordinal on a line of its own. */
  header_span (t3, "t3.new.natural", "（六）\n其他处理", &width, &height);
  g_assert_cmpint (height, ==, 3);
  header_span (t3, "t3.new.natural", "（三）\n不予公开", &width, &height);
  g_assert_cmpint (height, ==, 8);
  header_span (t3, "t3.new.natural", "一、本年新收政府信息公开申请数量", &width, &height);
  g_assert_cmpint (width, ==, 3);
  header_span (t3, "t3.new.natural", "（一）予以公开", &width, &height);
  g_assert_cmpint (width, ==, 2);
  header_span (t3, "t3.new.natural", "自然人", &width, &height);
  g_assert_cmpint (height, ==, 2);
  header_span (t3, "t3.new.natural", "法人或其他组织", &width, &height);
  g_assert_cmpint (height, ==, 1);
  g_assert_cmpint (width, ==, 6);   /* five, and the subtotal column, hidden here */
  g_assert_false (gtk_widget_get_visible (cell (t3, "t3.new.legal_subtotal")));
  header_span (t3, "t3.new.natural", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
               &width, &height);
  g_assert_cmpint (width, ==, 3);
  g_assert_cmpint (height, ==, 3);
  header_span (t4, "t4.review.total", "行政复议", &width, &height);
  g_assert_cmpint (width, ==, 5);
  header_span (t4, "t4.review.total", "行政诉讼", &width, &height);
  g_assert_cmpint (width, ==, 10);
  header_span (t4, "t4.review.total", "复议后起诉", &width, &height);
  g_assert_cmpint (width, ==, 5);
  header_span (t2, "t2.rules.made", "本年收费金额（单位：万元）", &width, &height);
  g_assert_cmpint (width, ==, 3);
  g_assert_true (gtk_widget_has_css_class (cell (t3, "t3.new.natural"), "numeric"));
  {
    GtkWidget *entry = cell (t3, "t3.new.natural");
    graphene_rect_t bounds;

    g_assert_true (gk_test_gui_wait_until (is_allocated, entry, 10000));

    /* The border box: what the column takes on screen. */
    g_assert_true (gtk_widget_compute_bounds (entry, gtk_widget_get_parent (entry), &bounds));
    g_test_message ("t3 numeric column: %.0f px", bounds.size.width);
    g_assert_cmpfloat (bounds.size.width, >=, 64);
    g_assert_cmpfloat (bounds.size.width, <=, 84);
  }
  screenshot (GTK_WIDGET (t3), "table-grid-t3-2021");
  screenshot (GTK_WIDGET (t2), "table-grid-t2-2021");
  screenshot (GTK_WIDGET (t4), "table-grid-t4-2021");

  show_report (fixture, v2019);
  g_assert_cmpuint (count_data_rows (t3, "t3.new.natural"), ==, 23);
  g_assert_cmpuint (count_data_rows (t2, "t2.rules.new_made"), ==, 8);
  g_assert_nonnull (gk_table_grid_get_cell_widget (t3, "t3.other_handling.natural"));
  g_assert_null (gk_table_grid_get_cell_widget (t3, "t3.other_no_fee.natural"));
  header_span (t3, "t3.new.natural", "三、本年度办理结果", &width, &height);
  g_assert_cmpint (height, ==, 20);
  header_span (t3, "t3.new.natural", "（六）其他处理", &width, &height);
  g_assert_cmpint (width, ==, 2);
  g_assert_cmpint (height, ==, 1);
  header_span (t2, "t2.rules.new_made", "第二十条第（九）项", &width, &height);
  g_assert_cmpint (width, ==, 4);
  g_assert_cmpstr (text_of (cell (t2, "t2.procurement.amount")), ==, "75394432.52元");
  screenshot (GTK_WIDGET (t3), "table-grid-t3-2019");
  screenshot (GTK_WIDGET (t2), "table-grid-t2-2019");
}

/* Blank cells and the identities they leave uncertain (Shanghai 2019). */
static void
test_blank_cells (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GkTableGrid *t3;
  const char *blank_key = NULL;
  g_autofree char *tooltip = NULL;

  LOAD_OR_SKIP (report, "corpus/shanghai-2019/page.html");
  show_report (fixture, report);
  t3 = fixture->grids[1];
  for (guint i = 0; i < report->layout->n_cells && blank_key == NULL; i++)
    if (g_str_has_prefix (report->layout->cells[i].key, "t3.")
        && report->cells[i].raw != NULL
        && gk_report_get_value (report, i)->kind == GK_VALUE_EMPTY)
      blank_key = report->layout->cells[i].key;
  g_assert_nonnull (blank_key);
  g_assert_true (gtk_widget_has_css_class (cell (t3, blank_key), "gk-blank"));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (cell (t3, blank_key))), ==, "—");
  tooltip = gk_table_grid_describe_cell (t3, blank_key);
  g_assert_nonnull (strstr (tooltip, "Blank in the page"));
  g_assert_cmpuint (gk_table_grid_get_counts (t3).uncertain, >, 0);
  screenshot (GTK_WIDGET (t3), "table-grid-t3-blanks");
}

/* Another report of the same version reuses the grid: same widgets. */
static void
test_no_rebuild (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GkReport) first = NULL;
  g_autoptr(GkReport) second = NULL;
  g_autoptr(GkReport) other_version = NULL;
  GtkWidget *entries[3], *grids[3];
  const char *keys[3] = { "t2.rules.made", "t3.granted.total", "t4.review.total" };
  gint64 start, elapsed;

  LOAD_OR_SKIP (first, "seeds/003_cb66867b0d9d4dcd.txt");
  LOAD_OR_SKIP (second, "corpus/pingtan/2021/page.html");
  LOAD_OR_SKIP (other_version, "corpus/pingtan/2019/page.html");

  start = g_get_monotonic_time ();
  show_report (fixture, first);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("first build of t2+t3+t4 (2021): %.1f ms", elapsed / 1000.0);
  for (guint i = 0; i < 3; i++)
    {
      entries[i] = cell (fixture->grids[i], keys[i]);
      grids[i] = gtk_widget_get_parent (entries[i]);
    }
  g_assert_cmpstr (text_of (entries[1]), ==, "0");

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  start = g_get_monotonic_time ();
  show_report (fixture, second);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("switch to a report of the same version: %.1f ms", elapsed / 1000.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_test_message ("… until the next frame is drawn (includes waiting for it): %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (elapsed, <, 100000);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (cell (fixture->grids[i], keys[i]) == entries[i]);
      g_assert_true (gtk_widget_get_parent (entries[i]) == grids[i]);
    }
  g_assert_cmpstr (text_of (entries[1]), ==, "30");

  /* The other version builds its own grid once, then both are kept. */
  show_report (fixture, other_version);
  g_assert_true (cell (fixture->grids[1], "t3.granted.total") != entries[1]);
  start = g_get_monotonic_time ();
  show_report (fixture, first);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("switch back across versions (cached): %.1f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, 100000);
  g_assert_true (cell (fixture->grids[1], "t3.granted.total") == entries[1]);
}

static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (data)) > 0;
}

/* Selecting a finding's cells highlights them and brings the first into view. */
static void
test_select_cells (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  const char * const keys[] = { "t3.carried_out.total", "t3.carried_out.natural", "t4.review.total", NULL };
  GkTableGrid *t3;

  LOAD_OR_SKIP (report, "corpus/pingtan/2021/page.html");
  show_report (fixture, report);
  t3 = fixture->grids[1];
  gk_test_gui_settle (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (fixture->scrolled))),
                     ==, 0);

  gk_table_grid_select_cells (t3, keys);
  assert_focus (t3, "t3.carried_out.total");
  g_assert_true (gtk_widget_has_css_class (cell (t3, "t3.carried_out.total"), "gk-highlight"));
  g_assert_true (gtk_widget_has_css_class (cell (t3, "t3.carried_out.natural"), "gk-highlight"));
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.new.total"), "gk-highlight"));
  g_assert_true (gk_test_gui_wait_until (scrolled_down, fixture->scrolled, 5000));
  /* Scrolling is animated: let it end, then the cell is in view. */
  gk_test_gui_settle (400);
  {
    GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (fixture->scrolled));
    double x, y;

    g_assert_true (gtk_widget_translate_coordinates (cell (t3, "t3.carried_out.total"), fixture->box,
                                                     0, 0, &x, &y));
    g_assert_cmpfloat (y, >=, gtk_adjustment_get_value (vadjustment));
    g_assert_cmpfloat (y + gtk_widget_get_height (cell (t3, "t3.carried_out.total")), <=,
                       gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment));
  }
  screenshot (GTK_WIDGET (fixture->window), "table-grid-window-selected");

  gk_table_grid_select_cells (t3, NULL);
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.carried_out.total"), "gk-highlight"));
}

static gboolean
has_any_state (GtkWidget *entry)
{
  return gtk_widget_has_css_class (entry, "gk-na") || gtk_widget_has_css_class (entry, "gk-blank")
         || gtk_widget_has_css_class (entry, "warning") || gtk_widget_has_css_class (entry, "error");
}

/* Seed 003 with 「/」 for the natural persons' new applications: the mark is
 * shown as printed and styled .gk-na; the two checks it leaves uncertain
 * (the row's total, the column's balance) mark only the figures they are
 * about with .warning, never .error; a value typed in clears all that. */
static void
test_na_and_uncertain (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *text = gk_test_gui_seed_003_as (2023, GK_TEST_SEED_NA_NEW_NATURAL);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkReport) report = gk_read_report_bytes ("dongli-na.txt", bytes, &error);
  g_autofree char *tooltip = NULL;
  GkTableGrid *t3;
  GtkWidget *na;
  const char * const plain[] = { "t3.new.commercial", "t3.new.other", "t3.granted.natural",
                                 "t3.results_total.natural", "t3.results_total.total",
                                 "t3.carried_out.natural", "t3.carried_in.commercial", NULL };

  g_assert_no_error (error);
  show_report (fixture, report);
  t3 = fixture->grids[1];

  na = cell (t3, "t3.new.natural");
  g_assert_cmpint (gk_report_get_value (report, cell_index (report, "t3.new.natural"))->kind, ==, GK_VALUE_NA);
  g_assert_true (gtk_widget_has_css_class (na, "gk-na"));
  g_assert_false (gtk_widget_has_css_class (na, "gk-blank"));
  g_assert_false (gtk_widget_has_css_class (na, "error"));
  g_assert_cmpstr (text_of (na), ==, "/");
  tooltip = gk_table_grid_describe_cell (t3, "t3.new.natural");
  g_assert_nonnull (strstr (tooltip, "Marked not applicable: “/”"));

  /* uncertain, not failed */
  g_assert_cmpuint (gk_table_grid_get_counts (t3).uncertain, ==, 2);
  g_assert_cmpuint (gk_table_grid_get_counts (t3).errors, ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (t3), "2 uncertain"));
  /* the row's total is what its check is about; read as 0, the mark would
   * not add up to it */
  g_assert_true (gtk_widget_has_css_class (cell (t3, "t3.new.total"), "warning"));
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.new.total"), "error"));
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.new.total"), "gk-na"));
  /* the column's balance: its left side, new and carried in */
  g_assert_true (gtk_widget_has_css_class (na, "warning"));
  g_assert_true (gtk_widget_has_css_class (cell (t3, "t3.carried_in.natural"), "warning"));
  for (guint i = 0; plain[i] != NULL; i++)
    {
      if (has_any_state (cell (t3, plain[i])))
        g_test_message ("%s has a state", plain[i]);
      g_assert_false (has_any_state (cell (t3, plain[i])));
    }
  /* t4 still has its error, styled as one */
  g_assert_true (gtk_widget_has_css_class (cell (fixture->grids[2], "t4.review.total"), "error"));
  g_assert_false (gtk_widget_has_css_class (cell (fixture->grids[2], "t4.review.total"), "warning"));
  screenshot (GTK_WIDGET (t3), "table-grid-t3-na");

  /* the researcher reads the page again and types the value */
  gk_report_set_edit (report, cell_index (report, "t3.new.natural"), "9", NULL, 0);
  recheck (fixture, report);
  g_assert_false (gtk_widget_has_css_class (na, "gk-na"));
  g_assert_false (gtk_widget_has_css_class (na, "warning"));
  g_assert_true (gtk_widget_has_css_class (na, "gk-edited"));
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.new.total"), "warning"));
  g_assert_false (gtk_widget_has_css_class (cell (t3, "t3.carried_in.natural"), "warning"));
  g_assert_cmpuint (gk_table_grid_get_counts (t3).uncertain, ==, 0);
}

static GtkWidget *
find_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "missing") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stack (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A grid built ahead of need, at idle, is the one a report of that form
 * then fills in: nothing is built twice. */
static void
test_prepared (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GkReport) report = NULL;
  GtkWidget *stack = find_stack (GTK_WIDGET (fixture->grids[1]));
  GtkWidget *prepared;

  LOAD_OR_SKIP (report, "seeds/003_cb66867b0d9d4dcd.txt");
  g_assert_nonnull (stack);
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (stack), "v2021"));
  gk_table_grid_prepare (fixture->grids[1], GK_FORM_2021);
  prepared = gtk_stack_get_child_by_name (GTK_STACK (stack), "v2021");
  g_assert_nonnull (prepared);
  /* twice is once; a form without tables has nothing to build */
  gk_table_grid_prepare (fixture->grids[1], GK_FORM_2021);
  gk_table_grid_prepare (fixture->grids[1], GK_FORM_UNKNOWN);
  gk_table_grid_prepare (fixture->grids[1], GK_FORM_LEGACY);
  {
    g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (GTK_STACK (stack));
    guint n_named_v = 0;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
      {
        g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
        const char *name = gtk_stack_page_get_name (GTK_STACK_PAGE (page));
        n_named_v += name != NULL && name[0] == 'v';
      }
    g_assert_cmpuint (n_named_v, ==, 1);
  }

  show_report (fixture, report);
  g_assert_true (gtk_widget_is_ancestor (cell (fixture->grids[1], "t3.granted.total"), prepared));
  g_assert_cmpstr (text_of (cell (fixture->grids[1], "t3.granted.total")), ==, "0");
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/table-grid/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("error-and-edit", test_error_and_edit);
  ADD ("escape-and-validation", test_escape_and_validation);
  ADD ("enter-moves", test_enter_moves);
  ADD ("tab-moves", test_tab_moves);
  ADD ("restore", test_restore);
  ADD ("not-present", test_not_present);
  ADD ("needs-review", test_needs_review);
  ADD ("layouts", test_layouts);
  ADD ("blank-cells", test_blank_cells);
  ADD ("no-rebuild", test_no_rebuild);
  ADD ("select-cells", test_select_cells);
  ADD ("na-and-uncertain", test_na_and_uncertain);
  ADD ("prepared", test_prepared);
#undef ADD

  return g_test_run ();
}
