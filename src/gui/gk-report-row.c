/* gk-report-row.c — a row of the report list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-report-row.h"

struct _GkReportRow
{
  GtkWidget     parent_instance;

  GkReportItem *item;
  gulong        changed_handler;

  GtkWidget    *box;
  GtkLabel     *title_label;
  GtkLabel     *year_label;
  GtkLabel     *detail_label;
  GtkWidget    *edited_image;
  GtkLabel     *errors_label;
  GtkLabel     *warnings_label;
  GtkLabel     *uncertain_label;
};

G_DEFINE_FINAL_TYPE (GkReportRow, gk_report_row, GTK_TYPE_WIDGET)

static void
set_badge (GtkLabel *label,
           guint     count)
{
  char text[16];

  gtk_widget_set_visible (GTK_WIDGET (label), count > 0);
  if (count == 0)
    return;
  g_snprintf (text, sizeof text, "%u", count);
  gtk_label_set_label (label, text);
}

static void
show_item (GkReportRow *self)
{
  const GkReportSummary *s = gk_report_item_get_summary (self->item);

  gtk_label_set_label (self->title_label, gk_report_item_get_title (self->item));
  gtk_label_set_label (self->year_label, gk_report_item_get_year_label (self->item));
  gtk_label_set_label (self->detail_label, gk_report_item_get_detail (self->item));
  gtk_widget_set_visible (self->edited_image, s->edited);
  set_badge (self->errors_label, s->errors);
  set_badge (self->warnings_label, s->warnings);
  set_badge (self->uncertain_label, s->uncertain);
}

void
gk_report_row_set_item (GkReportRow  *self,
                        GkReportItem *item)
{
  g_return_if_fail (GK_IS_REPORT_ROW (self));

  if (self->item == item)
    return;
  g_clear_signal_handler (&self->changed_handler, self->item);
  g_set_object (&self->item, item);
  if (item == NULL)
    return;
  self->changed_handler = g_signal_connect_swapped (item, "changed", G_CALLBACK (show_item), self);
  show_item (self);
}

GtkWidget *
gk_report_row_new (void)
{
  return g_object_new (GK_TYPE_REPORT_ROW, NULL);
}

static void
gk_report_row_dispose (GObject *object)
{
  GkReportRow *self = GK_REPORT_ROW (object);

  gk_report_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_REPORT_ROW);

  G_OBJECT_CLASS (gk_report_row_parent_class)->dispose (object);
}

static void
gk_report_row_class_init (GkReportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_report_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-report-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, box);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, year_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, edited_image);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, errors_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportRow, uncertain_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Asked for when the pointer rests on the row, not set on every bind. */
static gboolean
on_query_tooltip (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tip,
                  GkReportRow *self)
{
  const char *text = self->item != NULL ? gk_report_item_get_tooltip (self->item) : NULL;

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tip, text);
  return TRUE;
}

static void
gk_report_row_init (GkReportRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->box, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}
