/* gk-tooltip.c — tooltips whose text is given when GTK asks for it
 *
 * On X11, gtk_widget_set_tooltip_text() asks the server where the pointer
 * is, a round trip of some 0.2 ms, every time it is called. Views that set a
 * tooltip on each of hundreds of labels whenever their content changes
 * spent most of a frame waiting on the server. Here the text is only kept,
 * and handed over in ::query-tooltip when the pointer rests on the widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-tooltip.h"

#define TEXT_KEY    "gk-tooltip-text"
#define HANDLER_KEY "gk-tooltip-handler"

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    unused)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TEXT_KEY);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * gk_widget_set_tooltip:
 * @widget: a widget
 * @text: (nullable): the tooltip, or %NULL for none
 *
 * Like gtk_widget_set_tooltip_text(), the text also becomes the widget's
 * accessible description; unlike it, setting the same text again costs
 * nothing, and no setting asks the display server anything.
 */
void
gk_widget_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  const char *current;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  current = g_object_get_data (G_OBJECT (widget), TEXT_KEY);
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (current, text) == 0)
    return;
  if (g_object_get_data (G_OBJECT (widget), HANDLER_KEY) == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), HANDLER_KEY, GINT_TO_POINTER (TRUE));
    }
  g_object_set_data_full (G_OBJECT (widget), TEXT_KEY, g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
