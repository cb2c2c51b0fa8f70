/* gk-report-list.c — the sidebar: every report of the library, searchable
 *
 * A store of items, filtered by the search text and the filter flags, sorted
 * by agency or year, in a list view that recycles its rows. With 10,000
 * reports the filter and the sort run incrementally so typing never holds the
 * main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gk-report-item.h"
#include "gk-report-list.h"
#include "gk-report-row.h"
#include "gk-text.h"

struct _GkReportList
{
  GtkWidget            parent_instance;

  GkLibrary           *library;
  GListStore          *store;
  GHashTable          *items;        /* report id → GkReportItem (borrowed from store) */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkCustomSorter     *sorter;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  char                *search_folded;
  GkReportFilter       filters;
  char                *sort;          /* "agency" or "year" */

  /* template children */
  GtkWidget           *box;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkListView         *list_view;
  GtkLabel            *count_label;
};

G_DEFINE_FINAL_TYPE (GkReportList, gk_report_list, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FILTER_ERRORS,
  PROP_FILTER_UNCERTAIN,
  PROP_FILTER_EDITED,
  PROP_FILTER_MISSING,
  PROP_SORT,
  N_PROPS
};

enum
{
  REPORT_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
gk_report_list_new (void)
{
  return g_object_new (GK_TYPE_REPORT_LIST, NULL);
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  GkReportList *self = user_data;

  return gk_report_item_matches (GK_REPORT_ITEM (item), self->search_folded, self->filters);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GkReportList *self = user_data;
  GkReportItem *x = (GkReportItem *) a;
  GkReportItem *y = (GkReportItem *) b;
  int by_agency = strcmp (gk_report_item_get_sort_key (x), gk_report_item_get_sort_key (y));
  int by_year = gk_report_item_get_year (x) - gk_report_item_get_year (y);

  if (g_strcmp0 (self->sort, "year") == 0)
    {
      /* newest first, then agency */
      if (by_year != 0)
        return -by_year;
      return by_agency;
    }
  if (by_agency != 0)
    return by_agency;
  return by_year;
}

static void
update_count (GkReportList *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports", total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u report", "%u of %u reports", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, shown == 0 && total > 0 ? "no-match" : "list");
}

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GkReportList *self)
{
  update_count (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   GkReportList   *self)
{
  g_free (self->search_folded);
  self->search_folded = gk_text_fold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, gk_report_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  gk_report_row_set_item (GK_REPORT_ROW (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  gk_report_row_set_item (GK_REPORT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_selection_changed (GkReportList *self)
{
  g_signal_emit (self, signals[REPORT_SELECTED], 0, gk_report_list_get_selected_id (self));
}

void
gk_report_list_set_library (GkReportList *self,
                            GkLibrary    *library)
{
  g_return_if_fail (GK_IS_REPORT_LIST (self));

  g_set_object (&self->library, library);
}

gboolean
gk_report_list_reload (GkReportList  *self,
                       GError       **error)
{
  GkReportQuery query = { NULL, 0, 0, GK_REPORT_FILTER_NONE, GK_REPORT_ORDER_AGENCY_YEAR };
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 selected = gk_report_list_get_selected_id (self);

  g_return_val_if_fail (GK_IS_REPORT_LIST (self), FALSE);

  if (self->library == NULL)
    return TRUE;
  summaries = gk_library_list_reports (self->library, &query, error);
  if (summaries == NULL)
    return FALSE;

  items = g_ptr_array_new_full (summaries->len, g_object_unref);
  g_hash_table_remove_all (self->items);
  for (guint i = 0; i < summaries->len; i++)
    {
      GkReportItem *item = gk_report_item_new (g_steal_pointer (&summaries->pdata[i]));
      g_hash_table_insert (self->items, g_memdup2 (&(gint64) { gk_report_item_get_id (item) },
                                                   sizeof (gint64)), item);
      g_ptr_array_add (items, item);
    }
  g_ptr_array_set_free_func (summaries, NULL);

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  if (selected > 0)
    gk_report_list_select_report (self, selected);
  update_count (self);
  return TRUE;
}

void
gk_report_list_update_report (GkReportList *self,
                              gint64        report_id)
{
  GkReportItem *item = g_hash_table_lookup (self->items, &report_id);
  GkReportSummary *summary;

  if (item == NULL || self->library == NULL)
    return;
  summary = gk_library_get_summary (self->library, report_id, NULL);
  if (summary == NULL)
    return;
  gk_report_item_update (item, summary);
  /* the counts may decide whether the item still passes the filters */
  if (self->filters != GK_REPORT_FILTER_NONE)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
gk_report_list_update_agency_of (GkReportList *self,
                                 gint64        report_id)
{
  GkReportItem *item = g_hash_table_lookup (self->items, &report_id);
  gint64 agency_id;
  GHashTableIter iter;
  gpointer value;

  if (item == NULL)
    return;
  agency_id = gk_report_item_get_summary (item)->agency_id;
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (gk_report_item_get_summary (value)->agency_id == agency_id)
      gk_report_list_update_report (self, gk_report_item_get_id (value));
}

gboolean
gk_report_list_select_report (GkReportList *self,
                              gint64        report_id)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkReportItem) item = g_list_model_get_item (model, i);

      if (gk_report_item_get_id (item) == report_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

gint64
gk_report_list_get_selected_id (GkReportList *self)
{
  GkReportItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? gk_report_item_get_id (item) : 0;
}

guint
gk_report_list_get_n_reports (GkReportList *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

GListModel *
gk_report_list_get_model (GkReportList *self)
{
  return G_LIST_MODEL (self->sort_model);
}

GtkWidget *
gk_report_list_get_search_entry (GkReportList *self)
{
  return GTK_WIDGET (self->search_entry);
}

static void
set_filter_flag (GkReportList   *self,
                 GkReportFilter  flag,
                 gboolean        on,
                 guint           prop)
{
  GkReportFilter filters = on ? (self->filters | flag) : (self->filters & ~flag);

  if (filters == self->filters)
    return;
  self->filters = filters;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      on ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
gk_report_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkReportList *self = GK_REPORT_LIST (object);

  switch (prop_id)
    {
    case PROP_FILTER_ERRORS:
      g_value_set_boolean (value, (self->filters & GK_REPORT_FILTER_ERRORS) != 0);
      break;
    case PROP_FILTER_UNCERTAIN:
      g_value_set_boolean (value, (self->filters & GK_REPORT_FILTER_UNCERTAIN) != 0);
      break;
    case PROP_FILTER_EDITED:
      g_value_set_boolean (value, (self->filters & GK_REPORT_FILTER_EDITED) != 0);
      break;
    case PROP_FILTER_MISSING:
      g_value_set_boolean (value, (self->filters & GK_REPORT_FILTER_MISSING_TABLES) != 0);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkReportList *self = GK_REPORT_LIST (object);

  switch (prop_id)
    {
    case PROP_FILTER_ERRORS:
      set_filter_flag (self, GK_REPORT_FILTER_ERRORS, g_value_get_boolean (value), prop_id);
      break;
    case PROP_FILTER_UNCERTAIN:
      set_filter_flag (self, GK_REPORT_FILTER_UNCERTAIN, g_value_get_boolean (value), prop_id);
      break;
    case PROP_FILTER_EDITED:
      set_filter_flag (self, GK_REPORT_FILTER_EDITED, g_value_get_boolean (value), prop_id);
      break;
    case PROP_FILTER_MISSING:
      set_filter_flag (self, GK_REPORT_FILTER_MISSING_TABLES, g_value_get_boolean (value), prop_id);
      break;
    case PROP_SORT:
      if (g_strcmp0 (self->sort, g_value_get_string (value)) != 0)
        {
          g_free (self->sort);
          self->sort = g_value_dup_string (value);
          gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_list_dispose (GObject *object)
{
  GkReportList *self = GK_REPORT_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_REPORT_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->library);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (gk_report_list_parent_class)->dispose (object);
}

static void
gk_report_list_finalize (GObject *object)
{
  GkReportList *self = GK_REPORT_LIST (object);

  g_free (self->search_folded);
  g_free (self->sort);

  G_OBJECT_CLASS (gk_report_list_parent_class)->finalize (object);
}

static void
gk_report_list_class_init (GkReportListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gk_report_list_get_property;
  object_class->set_property = gk_report_list_set_property;
  object_class->dispose = gk_report_list_dispose;
  object_class->finalize = gk_report_list_finalize;

  properties[PROP_FILTER_ERRORS] =
    g_param_spec_boolean ("filter-errors", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER_UNCERTAIN] =
    g_param_spec_boolean ("filter-uncertain", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER_EDITED] =
    g_param_spec_boolean ("filter-edited", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER_MISSING] =
    g_param_spec_boolean ("filter-missing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "agency",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REPORT_SELECTED] =
    g_signal_new ("report-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-report-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GkReportList, box);
  gtk_widget_class_bind_template_child (widget_class, GkReportList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GkReportList, stack);
  gtk_widget_class_bind_template_child (widget_class, GkReportList, list_view);
  gtk_widget_class_bind_template_child (widget_class, GkReportList, count_label);

  gtk_widget_class_install_property_action (widget_class, "list.filter-errors", "filter-errors");
  gtk_widget_class_install_property_action (widget_class, "list.filter-uncertain", "filter-uncertain");
  gtk_widget_class_install_property_action (widget_class, "list.filter-edited", "filter-edited");
  gtk_widget_class_install_property_action (widget_class, "list.filter-missing", "filter-missing");
  gtk_widget_class_install_property_action (widget_class, "list.sort", "sort");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (GK_TYPE_REPORT_ITEM);
}

static void
gk_report_list_init (GkReportList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  /* property actions read their state while the template is built */
  self->sort = g_strdup ("agency");
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->store = g_list_store_new (GK_TYPE_REPORT_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (compare_items, self, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  update_count (self);
}
