/* test-layout.c — the workbench at the widths researchers use, from a wide
 * monitor to half a laptop screen: nothing is cut off, and below the width
 * where list, tree, content and side pane fit, the report list folds away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "gk-library.h"
#include "gk-report-view.h"
#include "gk-test-gui.h"
#include "gk-window.h"

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget lies inside the window, horizontally, where it is drawn. */
static void
assert_inside_window (GtkWidget *widget,
                      GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window) + 0.5);
}

static void
test_layout_widths (void)
{
  g_autoptr(GkApplication) app = gk_test_gui_application ();
  const int widths[] = { 1440, 1100, 900, 800 };
  gboolean folded_at_some_width = FALSE;
  gint64 seed002;

  g_assert_true (gk_application_open_library (app, g_getenv ("GONGKAI_LIBRARY"), NULL));
  seed002 = gk_test_gui_import_seeds (gk_application_get_library (app), "002_");

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GkWindow *window = gk_window_new (app);
      g_autofree char *name = g_strdup_printf ("layout-%d", widths[i]);
      g_autofree char *png = NULL;
      GtkWidget *view;
      GtkWidget *flap;
      GtkWidget *content;
      GtkWidget *side;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 800);
      gtk_window_present (GTK_WINDOW (window));
      gk_test_gui_wait_drawn (GTK_WIDGET (window));
      g_assert_true (gk_window_select_report (window, seed002));
      view = gk_window_get_report_view (window);
      g_assert_true (gtk_widget_activate_action (view, "report.select-section", "s", "s3"));
      gk_test_gui_settle (300);
      png = gk_test_gui_screenshot (GTK_WIDGET (window), name);
      g_test_message ("%d px: %s", widths[i], png);

      /* the window takes the width it was given (less its frame): nothing asks for more */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, widths[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, widths[i] - 16);
      flap = find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP);
      g_assert_nonnull (flap);
      folded_at_some_width |= adw_flap_get_folded (ADW_FLAP (flap));
      if (widths[i] >= 1400)
        g_assert_false (adw_flap_get_folded (ADW_FLAP (flap)));

      /* the section's content and the side pane keep a usable width, inside the window */
      content = GTK_WIDGET (gk_report_view_get_table_grid (GK_REPORT_VIEW (view), "t3"));
      content = gtk_widget_get_ancestor (content, GTK_TYPE_STACK);
      g_assert_nonnull (content);
      g_assert_cmpint (gtk_widget_get_width (content), >=, 280);
      assert_inside_window (content, GTK_WIDGET (window));
      side = gk_report_view_get_side_pane (GK_REPORT_VIEW (view));
      g_assert_cmpint (gtk_widget_get_width (side), >=, 320);
      assert_inside_window (side, GTK_WIDGET (window));

      gtk_window_destroy (GTK_WINDOW (window));
    }
  /* narrow windows fold the report list rather than squeeze the report */
  g_assert_true (folded_at_some_width);
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);
  g_test_add_func ("/layout/widths", test_layout_widths);
  return g_test_run ();
}
