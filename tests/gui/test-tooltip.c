/* test-tooltip.c — gk_widget_set_tooltip(): the text is kept and given
 * when GTK asks, replaced or removed, with one handler however often set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "gk-test-gui.h"
#include "gk-tooltip.h"

/* What the widget answers when GTK asks for its tooltip, or NULL for none. */
static char *
query (GtkWidget *widget)
{
  g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;
  const char *text;

  if (!gtk_widget_get_has_tooltip (widget))
    return NULL;
  g_signal_emit_by_name (widget, "query-tooltip", 0, 0, FALSE, tooltip, &shown);
  if (!shown)
    return NULL;
  text = g_object_get_data (G_OBJECT (widget), "gk-tooltip-text");
  return g_strdup (text);
}

static void
test_tooltip_set_replace_clear (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("平潭综合实验区管委会办公室");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *cleared = NULL;
  guint handlers;

  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_gui_settle (50);

  g_assert_false (gtk_widget_get_has_tooltip (label));
  gk_widget_set_tooltip (label, "平潭综合实验区 2021 · page.html");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  /* GTK's own text is left alone: it is what costs the round trip */
  g_assert_null (gtk_widget_get_tooltip_text (label));
  first = query (label);
  g_assert_cmpstr (first, ==, "平潭综合实验区 2021 · page.html");

  for (guint i = 0; i < 50; i++)
    gk_widget_set_tooltip (label, i % 2 == 0 ? "The report lacks this figure" : "No report for this year");
  second = query (label);
  g_assert_cmpstr (second, ==, "No report for this year");

  gk_widget_set_tooltip (label, "");
  g_assert_false (gtk_widget_get_has_tooltip (label));
  cleared = query (label);
  g_assert_null (cleared);
  gk_widget_set_tooltip (label, NULL);
  g_assert_false (gtk_widget_get_has_tooltip (label));

  gk_widget_set_tooltip (label, "again");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  /* however often it was set, one handler answers (GLib matches on the
   * signal only together with a closure, function or data: ours has none) */
  handlers = g_signal_handlers_disconnect_matched (label, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                                   g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET),
                                                   0, NULL, NULL, NULL);
  g_assert_cmpuint (handlers, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gk_test_gui_init (&argc, &argv);

  g_test_add_func ("/tooltip/set-replace-clear", test_tooltip_set_replace_clear);
  return g_test_run ();
}
