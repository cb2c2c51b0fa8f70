/* test-source-pane.c — the GkSourcePane widget under Xvfb: a grid cell, a
 * text-stream cell, a digit run, a passage, no document, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gk-extract.h"
#include "gk-source-pane.h"
#include "gk-test-gui.h"

typedef struct
{
  GkApplication *app;
  GtkWindow     *window;
  GkSourcePane  *pane;
  guint          open_requests;
} Fixture;

/* ---- Helpers ----------------------------------------------------------- */

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

/* The visible label with exactly @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_type (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      if (gtk_widget_is_drawable (label) && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), text))
        return label;
    }
  return NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_type (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      if (gtk_widget_is_drawable (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
        return label;
    }
  return NULL;
}

static GtkTextView *
find_text_view (Fixture *fixture)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_type (GTK_WIDGET (fixture->pane), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return g_ptr_array_index (views, 0);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The highlight is scrolled into the visible part of the text view. */
static gboolean
highlight_is_visible (gpointer data)
{
  GtkTextView *view = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "highlight-start");
  GdkRectangle visible, location;
  GtkTextIter iter;

  if (mark == NULL || !gtk_widget_get_mapped (GTK_WIDGET (view)))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &location);
  if (g_test_verbose ())
    g_test_message ("visible %d,%d %dx%d; highlight at %d,%d", visible.x, visible.y, visible.width,
                    visible.height, location.x, location.y);
  return visible.height > 0
         && location.y >= visible.y && location.y + location.height <= visible.y + visible.height
         && location.x >= visible.x && location.x < visible.x + visible.width;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *png = NULL;

  gk_test_gui_settle (300);
  png = gk_test_gui_screenshot (GTK_WIDGET (fixture->window), name);
  g_test_message ("screenshot: %s", png);
}

/* ---- Fixture ----------------------------------------------------------- */

static void
on_open_original_requested (GkSourcePane *pane,
                            Fixture      *fixture)
{
  fixture->open_requests++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->app = gk_test_gui_application ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Source");
  gtk_window_set_default_size (fixture->window, 380, 640);
  fixture->pane = GK_SOURCE_PANE (gk_source_pane_new ());
  gk_source_pane_set_chinese (fixture->pane, FALSE);
  g_signal_connect (fixture->pane, "open-original-requested",
                    G_CALLBACK (on_open_original_requested), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
  g_assert_true (gk_test_gui_wait_until (is_drawn, fixture->pane, 5000));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->app);
}

/* ---- Tests ------------------------------------------------------------- */

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (fixture->pane);

  g_assert_nonnull (find_label (pane, "No Cell Selected"));
  g_assert_nonnull (find_label (pane, "Select a cell to see where it came from."));
  g_assert_null (gk_source_pane_dup_highlight (fixture->pane));
  /* Nothing to open: the action is off. */
  gtk_widget_activate_action (pane, "source.open-original", NULL);
  g_assert_cmpuint (fixture->open_requests, ==, 0);
  screenshot (fixture, "source-empty");
}

static void
test_grid_cell (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("corpus/pingtan/2021/page.html");
  GtkWidget *pane = GTK_WIDGET (fixture->pane);
  g_autofree char *highlight = NULL;
  g_autofree char *text = NULL;
  GtkTextView *view;
  int minimum;

  if (report == NULL)
    return;
  g_assert_cmpint (gk_report_get_cell (report, "t3.new.total")->provenance.kind, ==, GK_PROVENANCE_GRID);

  gk_source_pane_show_cell (fixture->pane, report, "t3.new.total");
  highlight = gk_source_pane_dup_highlight (fixture->pane);
  g_assert_cmpstr (highlight, ==, "70");
  g_assert_nonnull (find_label (pane, "New applications this year · Total"));
  g_assert_nonnull (find_label (pane, "70"));
  g_assert_nonnull (find_label (pane, "Table on the page, row 4, column 11"));
  g_assert_nonnull (find_label (pane, "page.html"));
  g_assert_nonnull (find_label (pane, "HTML page · UTF-8"));

  /* The table as rows of tab-separated cells, the header around it. */
  view = find_text_view (fixture);
  text = buffer_text (view);
  g_assert_nonnull (strstr (text, "\t0\t4\t70"));
  g_assert_nonnull (strstr (text, "总计"));
  g_assert_true (gk_test_gui_wait_until (highlight_is_visible, view, 5000));
  /* It fits the narrowest side pane. */
  gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 340);
  screenshot (fixture, "source-grid-pingtan-2021");
  /* Still in view once the text view has measured every line. */
  g_assert_true (highlight_is_visible (view));

  g_assert_true (gtk_widget_activate_action (pane, "source.open-original", NULL));
  g_assert_cmpuint (fixture->open_requests, ==, 1);

  gk_source_pane_clear (fixture->pane);
  g_assert_null (gk_source_pane_dup_highlight (fixture->pane));
  g_assert_nonnull (find_label (pane, "No Cell Selected"));
}

static void
test_text_stream_cell (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("seeds/002_");
  GtkWidget *pane = GTK_WIDGET (fixture->pane);
  g_autofree char *highlight = NULL;
  g_autofree char *text = NULL;
  const GkCell *cell;
  GtkTextView *view;

  if (report == NULL)
    return;
  cell = gk_report_get_cell (report, "t3.new.natural");
  g_assert_cmpint (cell->provenance.kind, ==, GK_PROVENANCE_TEXT);
  g_assert_cmpstr (cell->raw, ==, "18");

  gk_source_pane_show_cell (fixture->pane, report, "t3.new.natural");
  highlight = gk_source_pane_dup_highlight (fixture->pane);
  g_assert_cmpstr (highlight, ==, "18");
  g_assert_nonnull (find_label (pane, "New applications this year · Natural persons"));
  g_assert_nonnull (find_label_containing (pane, "one cell per line"));
  g_assert_nonnull (find_label (pane, "Plain text · UTF-8"));

  /* The lines around it, with the row's label just above. */
  view = find_text_view (fixture);
  text = buffer_text (view);
  g_assert_nonnull (strstr (text, "一、本年新收政府信息公开申请数量\n18\n0\n"));
  g_assert_true (gk_test_gui_wait_until (highlight_is_visible, view, 5000));
  screenshot (fixture, "source-text-seed-002");
  /* Still in view once the text view has measured every line. */
  g_assert_true (highlight_is_visible (view));
}

static void
test_digit_run (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("corpus/pingtan/2021/page.txt");
  GtkWidget *pane = GTK_WIDGET (fixture->pane);
  g_autofree char *highlight = NULL;
  g_autofree char *text = NULL;
  GtkTextView *view;

  if (report == NULL)
    return;
  g_assert_cmpint (gk_report_get_cell (report, "t3.new.total")->provenance.kind, ==,
                   GK_PROVENANCE_DIGIT_RUN);

  gk_source_pane_show_cell (fixture->pane, report, "t3.new.total");
  highlight = gk_source_pane_dup_highlight (fixture->pane);
  g_assert_cmpstr (highlight, ==, "640020470");
  g_assert_nonnull (find_label (pane, "Values run together in the page text"));
  g_assert_nonnull (find_label (pane, "The digits “640020470” are run together: 7 cells share them, "
                                      "and none has a value until reviewed."));

  /* The page is one block of 9,000 bytes: only a window around the run. */
  view = find_text_view (fixture);
  text = buffer_text (view);
  g_assert_cmpint (g_utf8_strlen (text, -1), <, 800);
  g_assert_true (g_str_has_prefix (text, "…"));
  g_assert_true (gk_test_gui_wait_until (highlight_is_visible, view, 5000));
  screenshot (fixture, "source-digit-run-pingtan-2021-txt");
  /* Still in view once the text view has measured every line. */
  g_assert_true (highlight_is_visible (view));
}

static void
test_range (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("seeds/002_");
  g_autofree char *highlight = NULL;
  const char *needle = "办理依申请公开事项18件";
  GkDocument *document;

  if (report == NULL)
    return;
  document = report->document;
  gk_source_pane_set_document (fixture->pane, document);
  for (guint i = 0; i < gk_document_get_n_blocks (document); i++)
    {
      const GkBlock *block = gk_document_get_block (document, i);
      const char *found = block->kind == GK_BLOCK_PARAGRAPH ? strstr (block->text, needle) : NULL;

      if (found != NULL)
        {
          gk_source_pane_show_range (fixture->pane, i, found - block->text,
                                     found - block->text + strlen (needle));
          break;
        }
    }
  highlight = gk_source_pane_dup_highlight (fixture->pane);
  g_assert_cmpstr (highlight, ==, needle);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->pane), "“办理依申请公开事项18件”"));
  screenshot (fixture, "source-range-seed-002");
}

static void
test_no_document (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GkReport) report = gk_test_gui_load_report ("corpus/pingtan/2021/page.html");
  g_autoptr(GkDocument) document = NULL;
  GtkWidget *pane = GTK_WIDGET (fixture->pane);
  g_autofree char *highlight = NULL;

  if (report == NULL)
    return;
  /* As a report rebuilt from the library, before its source is read. */
  document = gk_document_ref (report->document);
  gk_report_set_document (report, NULL);

  gk_source_pane_show_cell (fixture->pane, report, "t3.new.total");
  g_assert_nonnull (find_label (pane, "New applications this year · Total"));
  g_assert_nonnull (find_label (pane, "Original Not Loaded"));
  g_assert_null (gk_source_pane_dup_highlight (fixture->pane));
  gtk_widget_activate_action (pane, "source.open-original", NULL);
  g_assert_cmpuint (fixture->open_requests, ==, 0);
  screenshot (fixture, "source-no-document");

  /* Once the window has the document, the pane uses it. */
  gk_source_pane_set_document (fixture->pane, document);
  g_assert_nonnull (find_label (pane, "No Cell Selected"));
  gk_source_pane_show_cell (fixture->pane, report, "t3.new.total");
  highlight = gk_source_pane_dup_highlight (fixture->pane);
  g_assert_cmpstr (highlight, ==, "70");

  /* A cell that is not on the page. */
  gk_source_pane_show_cell (fixture->pane, report, "t3.new.legal_subtotal");
  g_assert_nonnull (find_label (pane, "Not Found on the Page"));
  g_assert_null (gk_source_pane_dup_highlight (fixture->pane));
}

/* Every cell of every real report: the pane shows it, and highlights what
 * the page printed. */
static void
test_every_cell (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *names[] = {
    "seeds/000_", "seeds/001_", "seeds/002_", "seeds/003_", "seeds/004_",
    "corpus/shanghai-2019/page.html",
    "corpus/pingtan/2019/page.html", "corpus/pingtan/2019/page.txt",
    "corpus/pingtan/2021/page.html", "corpus/pingtan/2021/page.txt",
    "corpus/pingtan/2022/page.html", "corpus/pingtan/2022/page.txt",
    "corpus/pingtan/2023/page.html", "corpus/pingtan/2023/page.txt",
  };
  guint shown = 0;

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autoptr(GkReport) report = gk_test_gui_load_report (names[f]);

      if (report == NULL)
        return;
      for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
        {
          const GkCell *cell = &report->cells[i];
          g_autofree char *highlight = NULL;

          gk_source_pane_show_cell (fixture->pane, report, report->layout->cells[i].key);
          highlight = gk_source_pane_dup_highlight (fixture->pane);
          if (cell->provenance.kind == GK_PROVENANCE_NONE)
            {
              g_assert_null (highlight);
              continue;
            }
          if (highlight == NULL || (cell->raw != NULL && strstr (highlight, cell->raw) == NULL))
            g_error ("%s %s: raw “%s”, highlighted “%s”", names[f], report->layout->cells[i].key,
                     cell->raw, highlight);
          shown++;
        }
    }
  g_test_message ("%u cells shown", shown);
  g_assert_cmpuint (shown, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add ("/source-pane/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/source-pane/grid-cell", Fixture, NULL, fixture_setup, test_grid_cell, fixture_teardown);
  g_test_add ("/source-pane/text-stream-cell", Fixture, NULL, fixture_setup, test_text_stream_cell,
              fixture_teardown);
  g_test_add ("/source-pane/digit-run", Fixture, NULL, fixture_setup, test_digit_run, fixture_teardown);
  g_test_add ("/source-pane/range", Fixture, NULL, fixture_setup, test_range, fixture_teardown);
  g_test_add ("/source-pane/every-cell", Fixture, NULL, fixture_setup, test_every_cell, fixture_teardown);
  g_test_add ("/source-pane/no-document", Fixture, NULL, fixture_setup, test_no_document, fixture_teardown);
  return g_test_run ();
}
