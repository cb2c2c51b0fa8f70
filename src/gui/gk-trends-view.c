/* gk-trends-view.c — chart any figure year over year, per agency
 *
 * Agencies on the left (aliases merged by the library), a metric from the
 * form's catalogue, line or bar, and the data under the chart. The series
 * come from one query over the chosen agencies, so switching the metric is
 * quick even with thousands of agencies in the library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gk-agency-item.h"
#include "gk-chart.h"
#include "gk-csv.h"
#include "gk-scale.h"
#include "gk-tooltip.h"
#include "gk-trends-view.h"
#include "gk-text.h"

struct _GkTrendsView
{
  GtkWidget           parent_instance;

  GkLibrary          *library;
  GListStore         *agencies;      /* GkAgencyItem * */
  GtkCustomFilter    *filter;
  char               *search;
  GkSeriesSet        *set;
  char               *metric;
  char               *kind;
  GPtrArray          *metric_keys;   /* parallel to the drop-down's labels */
  guint               rebuild_idle;

  GtkWidget          *paned;
  GtkSearchEntry     *agency_search;
  GtkListView        *agency_list;
  GtkLabel           *chosen_label;
  GtkDropDown        *metric_dropdown;
  GtkStack           *chart_stack;
  GkChart            *chart;
  GtkGrid            *data_grid;
};

G_DEFINE_FINAL_TYPE (GkTrendsView, gk_trends_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_METRIC,
  PROP_KIND,
  N_PROPS
};

enum
{
  OPEN_REPORT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
gk_trends_view_new (void)
{
  return g_object_new (GK_TYPE_TRENDS_VIEW, NULL);
}

GkSeriesSet *
gk_trends_view_get_series_set (GkTrendsView *self)
{
  return self->set;
}

GtkWidget *
gk_trends_view_get_chart (GkTrendsView *self)
{
  return GTK_WIDGET (self->chart);
}

static gboolean
prefers_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

/* ─── The data under the chart ─────────────────────────────────────────── */

static char *
format_point (const GkSeriesPoint *point)
{
  if (isnan (point->value))
    return NULL;
  return gk_scale_format_value (point->value, GK_SCALE_DECIMALS_AUTO, GK_SCALE_FORMAT_THOUSANDS);
}

/* The label at @column, @row of the data table, created the first time: a
 * metric switch only changes texts, it does not rebuild the grid. */
static GtkLabel *
table_label (GkTrendsView *self,
             int           column,
             int           row)
{
  GtkWidget *label = gtk_grid_get_child_at (self->data_grid, column, row);

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
      if (column == 0)
        {
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
        }
      else
        gtk_widget_add_css_class (label, "numeric");
      if (row == 0)
        gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->data_grid, label, column, row, 1, 1);
    }
  gtk_widget_set_visible (label, TRUE);
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "error");
  return GTK_LABEL (label);
}

static void
rebuild_table (GkTrendsView *self)
{
  int first = 0, last = -1;
  guint n_series = self->set != NULL ? gk_series_set_get_n_series (self->set) : 0;

  if (self->set == NULL || !gk_series_set_get_year_range (self->set, TRUE, &first, &last))
    n_series = 0;

  /* labels beyond this table's size are kept for later, hidden */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->data_grid)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int column, row;
      gtk_grid_query_child (self->data_grid, child, &column, &row, NULL, NULL);
      gtk_widget_set_visible (child, n_series > 0 && row <= (int) n_series && column <= last - first + 1);
    }
  if (n_series == 0)
    return;

  gtk_label_set_label (table_label (self, 0, 0), _("Agency"));
  for (int year = first; year <= last; year++)
    {
      char text[16];
      g_snprintf (text, sizeof text, "%d", year);
      gtk_label_set_label (table_label (self, 1 + year - first, 0), text);
    }

  for (guint s = 0; s < n_series; s++)
    {
      GkSeries *series = gk_series_set_get_series (self->set, s);
      GtkLabel *name = table_label (self, 0, 1 + s);

      gtk_label_set_label (name, series->label);
      gk_widget_set_tooltip (GTK_WIDGET (name), series->label);
      for (int year = first; year <= last; year++)
        {
          int index = gk_series_find_year (series, year);
          const GkSeriesPoint *point = index >= 0 ? gk_series_get_point (series, index) : NULL;
          g_autofree char *text = point != NULL ? format_point (point) : NULL;
          GtkLabel *label = table_label (self, 1 + year - first, 1 + s);

          gtk_label_set_label (label, text != NULL ? text : "—");
          if (text == NULL)
            {
              gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
              gk_widget_set_tooltip (GTK_WIDGET (label), point != NULL ? _("The report lacks this figure")
                                                                      : _("No report for this year"));
            }
          else if (point->problem != NULL)
            {
              g_autofree char *tip = g_strdup_printf ("%s\n%s", point->report_label, point->problem);
              gtk_widget_add_css_class (GTK_WIDGET (label), "error");
              gk_widget_set_tooltip (GTK_WIDGET (label), tip);
            }
          else
            gk_widget_set_tooltip (GTK_WIDGET (label), point->report_label);
        }
    }
}

static void
append_table (GkTrendsView *self,
              GString      *out,
              gboolean      csv)
{
  int first, last;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  if (self->set == NULL || !gk_series_set_get_year_range (self->set, TRUE, &first, &last))
    return;

  g_ptr_array_add (fields, g_strdup (csv ? "agency" : _("Agency")));
  for (int year = first; year <= last; year++)
    g_ptr_array_add (fields, g_strdup_printf ("%d", year));
  for (guint s = 0; s <= gk_series_set_get_n_series (self->set); s++)
    {
      GkSeries *series = s > 0 ? gk_series_set_get_series (self->set, s - 1) : NULL;

      if (series != NULL)
        {
          g_ptr_array_set_size (fields, 0);
          g_ptr_array_add (fields, g_strdup (series->label));
          for (int year = first; year <= last; year++)
            {
              int index = gk_series_find_year (series, year);
              const GkSeriesPoint *point = index >= 0 ? gk_series_get_point (series, index) : NULL;
              g_ptr_array_add (fields, point != NULL && !isnan (point->value)
                                       ? gk_number_format (point->value, point->value == floor (point->value))
                                       : g_strdup (""));
            }
        }
      if (csv)
        gk_csv_append_row (out, (const char * const *) fields->pdata, fields->len);
      else
        {
          for (guint f = 0; f < fields->len; f++)
            g_string_append_printf (out, "%s%s", f > 0 ? "\t" : "", (char *) g_ptr_array_index (fields, f));
          g_string_append_c (out, '\n');
        }
    }
}

char *
gk_trends_view_get_table_text (GkTrendsView *self)
{
  GString *out = g_string_new (NULL);

  append_table (self, out, FALSE);
  return g_string_free (out, FALSE);
}

gboolean
gk_trends_view_save_table (GkTrendsView  *self,
                           const char    *path,
                           GError       **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");   /* a BOM, so spreadsheets read UTF-8 */

  append_table (self, out, TRUE);
  return g_file_set_contents (path, out->str, out->len, error);
}

/* ─── The chart ────────────────────────────────────────────────────────── */

static void
update_chosen_label (GkTrendsView *self,
                     guint         n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agency chosen",
                                                        "%u agencies chosen", n), n);
  gtk_label_set_label (self->chosen_label, text);
}

static void
rebuild_chart (GkTrendsView *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agencies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkAgencyItem) item = g_list_model_get_item (G_LIST_MODEL (self->agencies), i);
      if (gk_agency_item_get_selected (item))
        {
          gint64 id = gk_agency_item_get_id (item);
          g_array_append_val (ids, id);
        }
    }
  update_chosen_label (self, ids->len);

  g_clear_pointer (&self->set, gk_series_set_unref);
  if (ids->len > 0 && self->library != NULL && self->metric != NULL)
    {
      self->set = gk_library_build_series (self->library, self->metric, (const gint64 *) ids->data,
                                           ids->len, &error);
      if (self->set == NULL)
        g_warning ("Could not build the series for %s: %s", self->metric, error->message);
    }
  if (self->set != NULL)
    {
      /* the catalogue speaks both languages: the chart speaks the UI's */
      const GkFormMetric *metric = gk_form_get_metric (self->metric);
      gboolean chinese = prefers_chinese ();

      g_free (self->set->title);
      self->set->title = g_strdup (chinese ? metric->label : metric->label_en);
      g_clear_pointer (&self->set->y_label, g_free);
      g_free (self->set->unit);
      self->set->unit = g_strdup (chinese ? metric->unit : metric->unit_en);
    }
  gk_chart_set_series_set (self->chart, self->set);
  gtk_stack_set_visible_child_name (self->chart_stack, self->set != NULL ? "chart" : "empty");
  rebuild_table (self);
}

void
gk_trends_view_choose_agency (GkTrendsView *self,
                              gint64        agency_id,
                              gboolean      chosen)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agencies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkAgencyItem) item = g_list_model_get_item (G_LIST_MODEL (self->agencies), i);
      if (gk_agency_item_get_id (item) == agency_id)
        gk_agency_item_set_selected (item, chosen);
    }
  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  rebuild_chart (self);
}

static void on_item_selected (GkAgencyItem *item,
                              GParamSpec   *pspec,
                              GkTrendsView *self);

void
gk_trends_view_set_library (GkTrendsView *self,
                            GkLibrary    *library)
{
  g_set_object (&self->library, library);
  gk_trends_view_reload (self);
}

void
gk_trends_view_reload (GkTrendsView *self)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agencies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkAgencyItem) item = g_list_model_get_item (G_LIST_MODEL (self->agencies), i);
      if (gk_agency_item_get_selected (item))
        g_hash_table_add (chosen, g_memdup2 (&(gint64) { gk_agency_item_get_id (item) }, sizeof (gint64)));
    }

  if (self->library != NULL)
    agencies = gk_library_list_agencies (self->library, NULL);
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      GkAgency *agency = g_ptr_array_index (agencies, i);
      GkAgencyItem *item = gk_agency_item_new (agency);

      if (g_hash_table_contains (chosen, &agency->id))
        gk_agency_item_set_selected (item, TRUE);
      g_signal_connect_object (item, "notify::selected", G_CALLBACK (on_item_selected), self, 0);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->agencies, 0, n, items->pdata, items->len);
  rebuild_chart (self);
}

static void
on_point_activated (GkChart      *chart,
                    gint64        report_id,
                    int           year,
                    GkTrendsView *self)
{
  g_signal_emit (self, signals[OPEN_REPORT], 0, report_id);
}

/* ─── The agency picker ────────────────────────────────────────────────── */

static gboolean
rebuild_in_idle (gpointer data)
{
  GkTrendsView *self = data;

  self->rebuild_idle = 0;
  rebuild_chart (self);
  return G_SOURCE_REMOVE;
}

/* Choosing or clearing agencies flips many items at once: draw once after. */
static void
on_item_selected (GkAgencyItem *item,
                  GParamSpec   *pspec,
                  GkTrendsView *self)
{
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add (rebuild_in_idle, self);
}

static void
setup_agency_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GkTrendsView             *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_list_item_set_child (list_item, check);
  /* the check button itself takes clicks, Space and Enter */
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_agency_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GkTrendsView             *self)
{
  GkAgencyItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  g_autofree char *detail = NULL;
  GBinding *binding;

  /* rows are recycled: the row follows its item, both ways */
  binding = g_object_bind_property (item, "selected", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "binding", binding);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), gk_agency_item_get_name (item));
  g_object_get (item, "detail", &detail, NULL);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), detail);
}

static void
unbind_agency_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GkTrendsView             *self)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

static gboolean
filter_agency (gpointer item,
               gpointer user_data)
{
  GkTrendsView *self = user_data;

  return gk_agency_item_matches (GK_AGENCY_ITEM (item), self->search);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   GkTrendsView   *self)
{
  g_free (self->search);
  self->search = gk_text_fold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ─── Actions ──────────────────────────────────────────────────────────── */

static void
clear_agencies_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GkTrendsView *self = GK_TRENDS_VIEW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agencies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkAgencyItem) item = g_list_model_get_item (G_LIST_MODEL (self->agencies), i);
      gk_agency_item_set_selected (item, FALSE);
    }
  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  rebuild_chart (self);
}

static void
choose_agency_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gk_trends_view_choose_agency (GK_TRENDS_VIEW (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
copy_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree char *text = gk_trends_view_get_table_text (GK_TRENDS_VIEW (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

typedef struct
{
  GkTrendsView  *self;
  GkChartFormat  format;
  int            width;
  int            height;
  gboolean       table;
} SaveRequest;

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SaveRequest     *request)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      gboolean ok = request->table
                    ? gk_trends_view_save_table (request->self, path, &error)
                    : gk_chart_export_to_file (request->self->chart, request->format, request->width,
                                               request->height, path, &error);
      if (!ok)
        {
          GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (request->self))),
                                                     _("The File Was Not Saved"), error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (request->self);
  g_free (request);
}

static void
ask_for_file (GkTrendsView *self,
              SaveRequest  *request,
              const char   *name)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (request->table ? _("Save Table") : _("Export Chart"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  request->self = g_object_ref (self);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GkTrendsView *self = GK_TRENDS_VIEW (widget);
  SaveRequest *request = g_new0 (SaveRequest, 1);
  g_autofree char *name = g_strdup_printf ("%s.csv", self->metric != NULL ? self->metric : "trends");

  request->table = TRUE;
  ask_for_file (self, request, name);
}

static void
on_export_response (AdwMessageDialog *dialog,
                    const char       *response,
                    GkTrendsView     *self)
{
  static const char * const extensions[] = { "png", "svg", "pdf" };
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (dialog), "format");
  GtkSpinButton *width = g_object_get_data (G_OBJECT (dialog), "width");
  GtkSpinButton *height = g_object_get_data (G_OBJECT (dialog), "height");
  SaveRequest *request;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;
  request = g_new0 (SaveRequest, 1);
  request->format = (GkChartFormat) adw_combo_row_get_selected (format_row);
  request->width = gtk_spin_button_get_value_as_int (width);
  request->height = gtk_spin_button_get_value_as_int (height);
  name = g_strdup_printf ("%s.%s", self->metric != NULL ? self->metric : "chart",
                          extensions[MIN (request->format, 2)]);
  ask_for_file (self, request, name);
}

static GtkWidget *
size_row (const char *title,
          int         value,
          GtkWidget **spin)
{
  GtkWidget *row = adw_action_row_new ();

  *spin = gtk_spin_button_new_with_range (200, 8000, 50);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (*spin), value);
  gtk_widget_set_valign (*spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *spin);
  return row;
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GkTrendsView *self = GK_TRENDS_VIEW (widget);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *format = adw_combo_row_new ();
  GtkWidget *width, *height;
  const char *formats[] = { "PNG", "SVG", "PDF", NULL };

  if (self->set == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export Chart"),
                                   _("The file shows exactly what the chart shows, at the size you choose."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format), G_LIST_MODEL (gtk_string_list_new (formats)));
  gtk_list_box_append (GTK_LIST_BOX (list), format);
  gtk_list_box_append (GTK_LIST_BOX (list), size_row (_("Width in pixels"), 1200, &width));
  gtk_list_box_append (GTK_LIST_BOX (list), size_row (_("Height in pixels"), 700, &height));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_object_set_data (G_OBJECT (dialog), "width", width);
  g_object_set_data (G_OBJECT (dialog), "height", height);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ─── Metric and kind ──────────────────────────────────────────────────── */

static void
on_metric_selected (GtkDropDown  *dropdown,
                    GParamSpec   *pspec,
                    GkTrendsView *self)
{
  guint index = gtk_drop_down_get_selected (dropdown);

  if (index < self->metric_keys->len)
    g_object_set (self, "metric", g_ptr_array_index (self->metric_keys, index), NULL);
}

static void
gk_trends_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkTrendsView *self = GK_TRENDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_METRIC:
      g_value_set_string (value, self->metric);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_trends_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkTrendsView *self = GK_TRENDS_VIEW (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_METRIC:
      if (text == NULL || gk_form_get_metric (text) == NULL || g_strcmp0 (self->metric, text) == 0)
        return;
      g_free (self->metric);
      self->metric = g_strdup (text);
      for (guint i = 0; i < self->metric_keys->len; i++)
        if (g_str_equal (g_ptr_array_index (self->metric_keys, i), text))
          gtk_drop_down_set_selected (self->metric_dropdown, i);
      rebuild_chart (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_KIND:
      if (g_strcmp0 (self->kind, text) == 0 || (g_strcmp0 (text, "line") != 0 && g_strcmp0 (text, "bar") != 0))
        return;
      g_free (self->kind);
      self->kind = g_strdup (text);
      gk_chart_set_kind (self->chart, g_str_equal (text, "bar") ? GK_CHART_KIND_BAR : GK_CHART_KIND_LINE);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_trends_view_dispose (GObject *object)
{
  GkTrendsView *self = GK_TRENDS_VIEW (object);

  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_TRENDS_VIEW);
  g_clear_object (&self->library);
  g_clear_pointer (&self->set, gk_series_set_unref);

  G_OBJECT_CLASS (gk_trends_view_parent_class)->dispose (object);
}

static void
gk_trends_view_finalize (GObject *object)
{
  GkTrendsView *self = GK_TRENDS_VIEW (object);

  g_free (self->search);
  g_free (self->metric);
  g_free (self->kind);
  g_ptr_array_unref (self->metric_keys);

  G_OBJECT_CLASS (gk_trends_view_parent_class)->finalize (object);
}

static void
gk_trends_view_class_init (GkTrendsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gk_trends_view_get_property;
  object_class->set_property = gk_trends_view_set_property;
  object_class->dispose = gk_trends_view_dispose;
  object_class->finalize = gk_trends_view_finalize;

  properties[PROP_METRIC] = g_param_spec_string ("metric", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "line",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a point was activated: open its report */
  signals[OPEN_REPORT] = g_signal_new ("open-report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (GK_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-trends-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, paned);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, agency_search);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, agency_list);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, chart);
  gtk_widget_class_bind_template_child (widget_class, GkTrendsView, data_grid);

  gtk_widget_class_install_property_action (widget_class, "trends.metric", "metric");
  gtk_widget_class_install_property_action (widget_class, "trends.kind", "kind");
  gtk_widget_class_install_action (widget_class, "trends.clear-agencies", NULL, clear_agencies_action);
  gtk_widget_class_install_action (widget_class, "trends.choose-agency", "x", choose_agency_action);
  gtk_widget_class_install_action (widget_class, "trends.copy-table", NULL, copy_table_action);
  gtk_widget_class_install_action (widget_class, "trends.save-table", NULL, save_table_action);
  gtk_widget_class_install_action (widget_class, "trends.export-chart", NULL, export_chart_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gk_trends_view_init (GkTrendsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkFilterListModel *filtered;
  guint n_metrics;
  const GkFormMetric *metrics = gk_form_get_metrics (&n_metrics);
  gboolean chinese = prefers_chinese ();

  /* property actions read their state while the template is built */
  self->kind = g_strdup ("line");
  self->metric = g_strdup (metrics[0].key);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->agencies = g_list_store_new (GK_TYPE_AGENCY_ITEM);
  self->filter = gtk_custom_filter_new (filter_agency, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->agencies)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_view_set_model (self->agency_list, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_agency_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_agency_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_agency_row), self);
  gtk_list_view_set_factory (self->agency_list, factory);
  g_signal_connect (self->agency_search, "search-changed", G_CALLBACK (on_search_changed), self);

  /* the form's metric catalogue, in the UI's language */
  self->metric_keys = g_ptr_array_new ();
  for (guint i = 0; i < n_metrics; i++)
    {
      /* counts say their unit in Chinese only: 「收到申请数（件）」, "Applications received" */
      gboolean counts = g_str_equal (metrics[i].unit, "件");
      g_autofree char *label = chinese ? g_strdup_printf ("%s（%s）", metrics[i].label, metrics[i].unit)
                               : counts ? g_strdup (metrics[i].label_en)
                               : g_strdup_printf ("%s (%s)", metrics[i].label_en, metrics[i].unit_en);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->metric_keys, (gpointer) metrics[i].key);
    }
  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (labels));
  g_signal_connect (self->metric_dropdown, "notify::selected", G_CALLBACK (on_metric_selected), self);
  g_signal_connect (self->chart, "point-activated", G_CALLBACK (on_point_activated), self);
  update_chosen_label (self, 0);
}
