/* gk-report-view.c — one report: its sections, tables, findings and source
 *
 * The view keeps the report as the library gives it (cells with their edits)
 * and re-checks it after every edit: checks are pure and take microseconds, so
 * cell styles, badges and findings are simply redrawn from the new findings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gk-findings-panel.h"
#include "gk-outline.h"
#include "gk-report-view.h"
#include "gk-section-item.h"
#include "gk-source-pane.h"
#include "gk-table-grid.h"
#include "gk-text.h"
#include "gk-tooltip.h"


struct _GkReportView
{
  GtkWidget           parent_instance;

  GkLibrary          *library;
  gint64              report_id;
  GkReport           *report;
  GPtrArray          *findings;      /* GkFinding *: current, dismissed ones left out */
  GPtrArray          *dismissed_findings;
  GkDocument         *document;
  GkOutline          *outline;
  GListStore         *sections;      /* GkSectionItem * */
  GtkSingleSelection *section_selection;
  GtkWidget          *grids[GK_FORM_N_TABLES];
  guint               prepare_source;   /* builds the grids at idle */
  guint               n_prepared;
  GtkWidget          *findings_panel;
  GtkWidget          *source_pane;
  GtkTextTag         *heading_tag;
  GtkTextTag         *fact_tag;
  char               *section_key;
  gboolean            side_pane_visible;

  /* template children */
  GtkStack           *view_stack;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkPaned           *outer_paned;
  GtkPaned           *inner_paned;
  GtkListView        *section_list;
  GtkStack           *content_stack;
  GtkTextView        *text_view;
  GtkBox             *table_box;
  GtkLabel           *table_prose_label;
  GtkWidget          *side_pane;
  GtkStack           *side_stack;
};

G_DEFINE_FINAL_TYPE (GkReportView, gk_report_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SIDE_PANE_VISIBLE,
  N_PROPS
};

enum
{
  REPORT_CHANGED,
  OPEN_REPORT,
  PROPERTIES_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
gk_report_view_new (void)
{
  return g_object_new (GK_TYPE_REPORT_VIEW, NULL);
}

void
gk_report_view_set_library (GkReportView *self,
                            GkLibrary    *library)
{
  g_set_object (&self->library, library);
}

gint64
gk_report_view_get_report_id (GkReportView *self)
{
  return self->report_id;
}

GkReport *
gk_report_view_get_report (GkReportView *self)
{
  return self->report;
}

GPtrArray *
gk_report_view_get_findings (GkReportView *self)
{
  return self->findings;
}

GtkWidget *
gk_report_view_get_table_grid (GkReportView *self,
                               const char   *table_key)
{
  int t = gk_form_table_index (table_key);

  return t >= 0 ? self->grids[t] : NULL;
}

GtkWidget *
gk_report_view_get_findings_panel (GkReportView *self)
{
  return self->findings_panel;
}

GtkWidget *
gk_report_view_get_source_pane (GkReportView *self)
{
  return self->source_pane;
}

GtkWidget *
gk_report_view_get_side_pane (GkReportView *self)
{
  return self->side_pane;
}

GtkWidget *
gk_report_view_get_text_view (GkReportView *self)
{
  return GTK_WIDGET (self->text_view);
}

const char *
gk_report_view_get_section (GkReportView *self)
{
  return self->section_key;
}

/* ─── Findings and badges ──────────────────────────────────────────────── */

/* The section a finding belongs to, for its badge. */
static const char *
section_of_finding (const GkFinding *finding)
{
  const char *table = gk_finding_get_table (finding);

  return table != NULL ? gk_form_get_table (table)->section : NULL;
}

static void
update_badges (GkReportView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sections));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkSectionItem) item = g_list_model_get_item (G_LIST_MODEL (self->sections), i);
      const char *key = gk_section_item_get_key (item);
      guint counts[3] = { 0, 0, 0 };

      for (guint f = 0; self->findings != NULL && f < self->findings->len; f++)
        {
          GkFinding *finding = g_ptr_array_index (self->findings, f);
          if (g_strcmp0 (section_of_finding (finding), key) == 0)
            counts[finding->severity]++;
        }
      gk_section_item_set_counts (item, counts[GK_SEVERITY_ERROR], counts[GK_SEVERITY_WARNING],
                                  counts[GK_SEVERITY_UNCERTAIN]);
    }
}

static void
update_findings (GkReportView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) dismissed = NULL;
  g_autoptr(GPtrArray) all = NULL;

  all = gk_library_check_report (self->library, self->report_id, TRUE, &error);
  if (all == NULL)
    {
      g_warning ("Could not check report %" G_GINT64_FORMAT ": %s", self->report_id, error->message);
      all = gk_check_report (self->report);
    }
  dismissed = gk_library_list_dismissed (self->library, self->report_id, NULL);

  /* each finding moves to the shown or the dismissed ones */
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->dismissed_findings, g_ptr_array_unref);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_finding_free);
  self->dismissed_findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_finding_free);
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (all, i);
      g_autofree char *id = gk_finding_dup_id (finding);

      g_ptr_array_add (dismissed != NULL && g_hash_table_contains (dismissed, id)
                       ? self->dismissed_findings : self->findings, finding);
    }

  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    gk_table_grid_update (GK_TABLE_GRID (self->grids[t]), self->findings);
  gk_findings_panel_set_findings (GK_FINDINGS_PANEL (self->findings_panel), self->report, self->findings,
                                  dismissed, self->dismissed_findings);
  update_badges (self);
}

/* ─── Section content ──────────────────────────────────────────────────── */

/* A section's text, without the text of its table grids (shown as grids). */
static char *
section_text (GkReportView        *self,
              const GkOutlineNode *node,
              gboolean             skip_tables)
{
  GString *text = g_string_new (NULL);
  guint n_blocks = gk_document_get_n_blocks (self->document);

  for (guint b = node->body.block; b < n_blocks && b <= node->end.block; b++)
    {
      const GkBlock *block = gk_document_get_block (self->document, b);
      gsize len = block->text != NULL ? strlen (block->text) : 0;
      gsize from = b == node->body.block ? node->body.offset : 0;
      gsize to = b == node->end.block ? MIN (node->end.offset, len) : len;

      if (block->chrome != GK_CHROME_NONE || from >= to
          || (skip_tables && block->kind == GK_BLOCK_TABLE))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_len (text, block->text + from, to - from);
    }
  return g_string_free (text, FALSE);
}

static void
highlight_facts (GkReportView  *self,
                 GtkTextBuffer *buffer)
{
  for (guint i = 0; i < self->report->prose_facts->len; i++)
    {
      GkProseFact *fact = g_ptr_array_index (self->report->prose_facts, i);
      GtkTextIter start, match_start, match_end;

      gtk_text_buffer_get_start_iter (buffer, &start);
      while (fact->text != NULL
             && gtk_text_iter_forward_search (&start, fact->text, GTK_TEXT_SEARCH_TEXT_ONLY,
                                              &match_start, &match_end, NULL))
        {
          gtk_text_buffer_apply_tag (buffer, self->fact_tag, &match_start, &match_end);
          start = match_end;
        }
    }
}

static void
show_text (GkReportView        *self,
           const GkOutlineNode *node)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = section_text (self, node, FALSE);
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (node->title != NULL)
    {
      gtk_text_buffer_insert_with_tags (buffer, &end, node->title, -1, self->heading_tag, NULL);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
    }
  gtk_text_buffer_insert (buffer, &end, text, -1);
  highlight_facts (self, buffer);
  gtk_stack_set_visible_child_name (self->content_stack, "text");
}

static void
show_table (GkReportView        *self,
            const GkOutlineNode *node,
            const char          *table_key)
{
  g_autofree char *prose = node != NULL ? section_text (self, node, TRUE) : g_strdup ("");

  g_strstrip (prose);
  /* A text copy may run the whole table into the section's prose: show its
   * start only; the source pane shows any cell's text in full. */
  if (g_utf8_strlen (prose, -1) > 240)
    {
      g_autofree char *head = g_utf8_substring (prose, 0, 240);
      g_free (prose);
      prose = g_strconcat (head, "…", NULL);
    }
  gtk_label_set_label (self->table_prose_label, prose);
  gtk_widget_set_visible (GTK_WIDGET (self->table_prose_label), *prose != '\0');
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    gtk_widget_set_visible (self->grids[t], g_str_equal (gk_form_table_key (t), table_key));
  gtk_stack_set_visible_child_name (self->content_stack, "table");
}

static void
show_section (GkReportView  *self,
              GkSectionItem *item)
{
  const GkOutlineNode *node = gk_section_item_get_node (item);
  const char *table = gk_section_item_get_table (item);

  g_free (self->section_key);
  self->section_key = g_strdup (gk_section_item_get_key (item));
  if (table != NULL && self->report->layout != NULL)
    show_table (self, node, table);
  else if (table != NULL && self->report->kind == GK_REPORT_KIND_REPORT)
    show_table (self, node, table);   /* tells that the table is not present, shows prose facts */
  else
    show_text (self, node);
}

static void
on_section_selected (GkReportView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->section_selection);
  g_autoptr(GkSectionItem) item = NULL;

  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  show_section (self, item);
}

gboolean
gk_report_view_select_section (GkReportView *self,
                               const char   *key)
{
  GListModel *model = G_LIST_MODEL (self->section_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GkSectionItem) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (gk_section_item_get_key (item), key) == 0)
        {
          gtk_single_selection_set_selected (self->section_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  GListModel *children = gk_section_item_get_children (GK_SECTION_ITEM (item));

  return children != NULL ? g_object_ref (children) : NULL;
}

/* The form's three tables have a section each; a report that lacks the
 * section heading still gets one, so its table can be seen and corrected. */
static void
build_sections (GkReportView *self)
{
  guint n_sections;
  const GkFormSection *form_sections = gk_form_get_sections (&n_sections);
  GkOutlineNode *root = self->outline->root;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < root->children->len; i++)
    {
      GkOutlineNode *node = g_ptr_array_index (root->children, i);
      const char *table = NULL;

      for (guint s = 0; s < n_sections && self->report->kind == GK_REPORT_KIND_REPORT; s++)
        if (g_strcmp0 (form_sections[s].key, node->key) == 0)
          table = form_sections[s].table;
      g_ptr_array_add (items, gk_section_item_new (node, table));
    }
  /* one change, so the tree rebinds the rows it has rather than making new ones */
  g_list_store_splice (self->sections, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sections)),
                       items->pdata, items->len);
}

static void
set_header (GkReportView *self)
{
  GkReport *report = self->report;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *file_name = NULL;
  const char *form;
  g_autofree char *year = report->year > 0 ? g_strdup_printf (_("%d report"), report->year)
                                           : g_strdup (_("Year unknown"));

  switch (report->kind)
    {
    case GK_REPORT_KIND_LEGACY: form = _("before 2019, no form"); break;
    case GK_REPORT_KIND_NOT_REPORT: form = _("not an annual report"); break;
    default:
      form = report->version == GK_FORM_2019 ? _("2019 form")
             : report->version == GK_FORM_2021 ? _("2021 form") : _("tables not in the page");
    }
  if (self->document != NULL)
    file_name = g_strdup (self->document->source->name);
  title = g_strdup (report->agency != NULL && *report->agency != '\0' ? report->agency : _("Unknown agency"));
  subtitle = g_strdup_printf ("%s · %s%s%s%s%s", year, form,
                              report->date != NULL ? " · " : "",
                              report->date != NULL ? report->date : "",
                              file_name != NULL ? " · " : "", file_name != NULL ? file_name : "");
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gk_widget_set_tooltip (GTK_WIDGET (self->title_label), report->title);
}

gboolean
gk_report_view_show_report (GkReportView  *self,
                            gint64         report_id,
                            GError       **error)
{
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GkDocument) document = NULL;
  g_autofree char *previous_section = g_strdup (self->section_key);

  g_return_val_if_fail (GK_IS_REPORT_VIEW (self), FALSE);
  g_return_val_if_fail (self->library != NULL, FALSE);

  report = gk_library_load_report (self->library, report_id, error);
  if (report == NULL)
    return FALSE;
  document = gk_library_load_document (self->library, report_id, error);
  if (document == NULL)
    return FALSE;

  self->report_id = report_id;
  g_clear_pointer (&self->report, gk_report_unref);
  self->report = g_steal_pointer (&report);
  g_clear_pointer (&self->outline, gk_outline_free);
  g_clear_pointer (&self->document, gk_document_unref);
  self->document = g_steal_pointer (&document);
  self->outline = gk_outline_new (self->document);

  set_header (self);
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    gk_table_grid_set_report (GK_TABLE_GRID (self->grids[t]), self->report, NULL);
  gk_source_pane_set_document (GK_SOURCE_PANE (self->source_pane), self->document);
  build_sections (self);
  update_findings (self);

  gtk_stack_set_visible_child_name (self->view_stack, "report");
  /* stay in the same section from one report to the next */
  if (previous_section == NULL || !gk_report_view_select_section (self, previous_section))
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->section_selection)) > 0)
        {
          gtk_single_selection_set_selected (self->section_selection, GTK_INVALID_LIST_POSITION);
          gtk_single_selection_set_selected (self->section_selection, 0);
        }
      else
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
    }
  else
    on_section_selected (self);
  return TRUE;
}

void
gk_report_view_reload (GkReportView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->report_id == 0)
    return;
  if (!gk_report_view_show_report (self, self->report_id, &error))
    {
      g_warning ("Could not reload report %" G_GINT64_FORMAT ": %s", self->report_id, error->message);
      gk_report_view_clear (self);
    }
}

void
gk_report_view_clear (GkReportView *self)
{
  self->report_id = 0;
  g_clear_pointer (&self->report, gk_report_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->outline, gk_outline_free);
  g_clear_pointer (&self->document, gk_document_unref);
  g_list_store_remove_all (self->sections);
  gk_source_pane_clear (GK_SOURCE_PANE (self->source_pane));
  gtk_stack_set_visible_child_name (self->view_stack, "empty");
}

/* ─── Edits and dismissals ─────────────────────────────────────────────── */

gboolean
gk_report_view_edit_cell (GkReportView  *self,
                          const char    *cell_key,
                          const char    *raw,
                          GError       **error)
{
  const GkFormCell *def;

  g_return_val_if_fail (self->report != NULL, FALSE);

  def = self->report->layout != NULL ? gk_form_layout_lookup (self->report->layout, cell_key) : NULL;
  if (def == NULL)
    {
      g_set_error (error, GK_LIBRARY_ERROR, GK_LIBRARY_ERROR_NOT_FOUND,
                   _("This report has no cell “%s”"), cell_key);
      return FALSE;
    }
  if (!gk_library_set_edit (self->library, self->report_id, cell_key, raw, NULL, error))
    return FALSE;

  /* the overlay in memory mirrors the one just written */
  if (raw == NULL)
    gk_report_clear_edit (self->report, def->index);
  else
    gk_report_set_edit (self->report, def->index, raw, NULL, g_get_real_time ());

  update_findings (self);
  g_signal_emit (self, signals[REPORT_CHANGED], 0, self->report_id);
  return TRUE;
}

static void
report_error (GkReportView *self,
              GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("The Change Was Not Saved"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cell_edited (GkTableGrid  *grid,
                const char   *key,
                const char   *raw,
                GkReportView *self)
{
  g_autoptr(GError) error = NULL;

  if (!gk_report_view_edit_cell (self, key, raw, &error))
    report_error (self, error);
}

static void
on_cell_focused (GkTableGrid  *grid,
                 const char   *key,
                 GkReportView *self)
{
  gk_source_pane_show_cell (GK_SOURCE_PANE (self->source_pane), self->report, key);
}

static void
on_apply_suggestion (GkTableGrid  *grid,
                     guint         index,
                     GkReportView *self)
{
  GkSuggestion *suggestion;
  g_autoptr(GError) error = NULL;

  if (self->report == NULL || index >= self->report->suggestions->len)
    return;
  suggestion = g_ptr_array_index (self->report->suggestions, index);
  for (guint i = 0; i < suggestion->cells->len; i++)
    {
      const GkFormCell *def = &self->report->layout->cells[g_array_index (suggestion->cells, guint, i)];
      g_autofree char *raw = gk_number_format (g_array_index (suggestion->values, double, i), TRUE);

      if (!gk_library_set_edit (self->library, self->report_id, def->key, raw, suggestion->proof, &error))
        {
          report_error (self, error);
          break;
        }
      gk_report_set_edit (self->report, def->index, raw, suggestion->proof, g_get_real_time ());
    }
  update_findings (self);
  g_signal_emit (self, signals[REPORT_CHANGED], 0, self->report_id);
}

static const GkFinding *
find_finding (GkReportView *self,
              const char   *finding_id)
{
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      const GkFinding *finding = g_ptr_array_index (self->findings, i);
      g_autofree char *id = gk_finding_dup_id (finding);

      if (g_str_equal (id, finding_id))
        return finding;
    }
  return NULL;
}

static void
on_finding_activated (GkFindingsPanel *panel,
                      const char      *finding_id,
                      GkReportView    *self)
{
  const GkFinding *finding = find_finding (self, finding_id);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *table = NULL;

  if (finding == NULL || finding->cells == NULL || finding->cells[0] == NULL)
    return;
  /* cross-year cells are written key@year: this report's are selected */
  for (guint i = 0; finding->cells[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (finding->cells[i], "@", 2);
      if (parts[1] != NULL && atoi (parts[1]) != self->report->year)
        continue;
      g_ptr_array_add (keys, g_strdup (parts[0]));
      if (table == NULL)
        table = g_str_has_prefix (parts[0], "t2.") ? "t2" : g_str_has_prefix (parts[0], "t3.") ? "t3" : "t4";
    }
  g_ptr_array_add (keys, NULL);
  if (table == NULL)
    return;
  gk_report_view_select_section (self, g_str_equal (table, "t2") ? "s2" : g_str_equal (table, "t3") ? "s3" : "s4");
  /* a report without the section heading still shows the grid */
  show_table (self, NULL, table);
  gk_table_grid_select_cells (GK_TABLE_GRID (gk_report_view_get_table_grid (self, table)),
                              (const char * const *) keys->pdata);
  gk_source_pane_show_cell (GK_SOURCE_PANE (self->source_pane), self->report, g_ptr_array_index (keys, 0));
}

static void
on_dismiss_requested (GkFindingsPanel *panel,
                      const char      *finding_id,
                      const char      *reason,
                      GkReportView    *self)
{
  g_autoptr(GError) error = NULL;

  if (!gk_library_dismiss_finding (self->library, self->report_id, finding_id, reason, &error))
    {
      report_error (self, error);
      return;
    }
  update_findings (self);
  g_signal_emit (self, signals[REPORT_CHANGED], 0, self->report_id);
}

static void
on_restore_requested (GkFindingsPanel *panel,
                      const char      *finding_id,
                      GkReportView    *self)
{
  g_autoptr(GError) error = NULL;

  if (!gk_library_restore_finding (self->library, self->report_id, finding_id, &error))
    {
      report_error (self, error);
      return;
    }
  update_findings (self);
  g_signal_emit (self, signals[REPORT_CHANGED], 0, self->report_id);
}

static void
on_open_report_requested (GkFindingsPanel *panel,
                          int              year,
                          GkReportView    *self)
{
  g_autoptr(GkReportSummary) summary = gk_library_get_summary (self->library, self->report_id, NULL);

  if (summary != NULL)
    g_signal_emit (self, signals[OPEN_REPORT], 0, summary->agency_id, year);
}

static void
on_open_original (GkSourcePane *pane,
                  GkReportView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GBytes) bytes = gk_library_load_source (self->library, self->report_id, &file_name, &original,
                                                    &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (bytes == NULL)
    {
      report_error (self, error);
      return;
    }
  /* The stored bytes, not the original path: in a sandbox, or after the
   * file moved, the path may no longer open. */
  dir = g_build_filename (g_get_user_cache_dir (), "gongkai", "originals", NULL);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, file_name != NULL ? file_name : "report.html", NULL);
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      report_error (self, error);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

/* ─── Actions ──────────────────────────────────────────────────────────── */

static void
edit_cell_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GkReportView *self = GK_REPORT_VIEW (widget);
  const char *key, *raw;
  g_autoptr(GError) error = NULL;

  g_variant_get (parameter, "(&s&s)", &key, &raw);
  if (self->report != NULL && !gk_report_view_edit_cell (self, key, raw, &error))
    report_error (self, error);
}

static void
restore_cell_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GkReportView *self = GK_REPORT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->report != NULL
      && !gk_report_view_edit_cell (self, g_variant_get_string (parameter, NULL), NULL, &error))
    report_error (self, error);
}

static void
select_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gk_report_view_select_section (GK_REPORT_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
properties_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GkReportView *self = GK_REPORT_VIEW (widget);

  if (self->report_id != 0)
    g_signal_emit (self, signals[PROPERTIES_REQUESTED], 0, self->report_id);
}

static char **
badge_classes (GtkWidget  *unused,
               const char *style)
{
  char **classes = g_new0 (char *, 3);

  classes[0] = g_strdup ("gk-badge");
  classes[1] = g_strdup (style != NULL ? style : "uncertain");
  return classes;
}

/* The title's tooltip, the whole of a title the tree may cut short, is
 * looked up when asked for: setting it on every row as the tree is filled
 * costs a round trip to the display server per row (see gk-tooltip.c). */
static gboolean
section_title_query_tooltip (GtkWidget  *label,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip,
                             gpointer    unused)
{
  GtkWidget *expander = gtk_widget_get_ancestor (label, GTK_TYPE_TREE_EXPANDER);
  gpointer item = expander != NULL ? gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander)) : NULL;
  g_autofree char *title = NULL;

  if (!GK_IS_SECTION_ITEM (item))
    return FALSE;
  g_object_get (item, "title", &title, NULL);
  if (title == NULL || *title == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, title);
  return TRUE;
}

static void
gk_report_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkReportView *self = GK_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SIDE_PANE_VISIBLE:
      g_value_set_boolean (value, self->side_pane_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkReportView *self = GK_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SIDE_PANE_VISIBLE:
      if (self->side_pane_visible != g_value_get_boolean (value))
        {
          self->side_pane_visible = g_value_get_boolean (value);
          gtk_widget_set_visible (self->side_pane, self->side_pane_visible);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* At idle, one step per turn, each a few tens of ms: the script tables
 * first, then one table grid of one form, so that the first report the
 * researcher selects opens as fast as the next one. */
static gboolean
prepare_next_grid (gpointer data)
{
  GkReportView *self = GK_REPORT_VIEW (data);
  static const GkFormVersion versions[] = { GK_FORM_2021, GK_FORM_2019 };
  guint n = 1 + G_N_ELEMENTS (versions) * GK_FORM_N_TABLES;
  guint step = self->n_prepared++;

  if (step == 0)
    {
      /* OpenCC loads its dictionaries on a thread's first conversion */
      g_free (gk_text_to_simplified ("體", -1));
    }
  else if (step < n)
    {
      guint i = step - 1;
      gk_table_grid_prepare (GK_TABLE_GRID (self->grids[i % GK_FORM_N_TABLES]),
                             versions[i / GK_FORM_N_TABLES]);
    }
  if (self->n_prepared < n)
    return G_SOURCE_CONTINUE;
  self->prepare_source = 0;
  return G_SOURCE_REMOVE;
}

static void
gk_report_view_map (GtkWidget *widget)
{
  GkReportView *self = GK_REPORT_VIEW (widget);

  GTK_WIDGET_CLASS (gk_report_view_parent_class)->map (widget);
  if (self->prepare_source == 0 && self->n_prepared == 0)
    self->prepare_source = g_idle_add_full (G_PRIORITY_LOW, prepare_next_grid, self, NULL);
}

static void
gk_report_view_dispose (GObject *object)
{
  GkReportView *self = GK_REPORT_VIEW (object);

  g_clear_handle_id (&self->prepare_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_REPORT_VIEW);
  g_clear_object (&self->section_selection);
  g_clear_object (&self->library);
  g_clear_pointer (&self->report, gk_report_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->dismissed_findings, g_ptr_array_unref);
  g_clear_pointer (&self->outline, gk_outline_free);
  g_clear_pointer (&self->document, gk_document_unref);

  G_OBJECT_CLASS (gk_report_view_parent_class)->dispose (object);
}

static void
gk_report_view_finalize (GObject *object)
{
  GkReportView *self = GK_REPORT_VIEW (object);

  g_free (self->section_key);

  G_OBJECT_CLASS (gk_report_view_parent_class)->finalize (object);
}

static void
gk_report_view_class_init (GkReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gk_report_view_get_property;
  object_class->set_property = gk_report_view_set_property;
  object_class->dispose = gk_report_view_dispose;
  object_class->finalize = gk_report_view_finalize;
  widget_class->map = gk_report_view_map;

  properties[PROP_SIDE_PANE_VISIBLE] =
    g_param_spec_boolean ("side-pane-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* cells, dismissals or identity of the report changed: the list follows */
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[OPEN_REPORT] =
    g_signal_new ("open-report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);
  signals[PROPERTIES_REQUESTED] =
    g_signal_new ("properties-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GkReportView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, section_list);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, text_view);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, table_box);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, table_prose_label);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, side_pane);
  gtk_widget_class_bind_template_child (widget_class, GkReportView, side_stack);

  gtk_widget_class_install_property_action (widget_class, "report.show-side-pane", "side-pane-visible");
  gtk_widget_class_install_action (widget_class, "report.edit-cell", "(ss)", edit_cell_action);
  gtk_widget_class_install_action (widget_class, "report.restore-cell", "s", restore_cell_action);
  gtk_widget_class_install_action (widget_class, "report.select-section", "s", select_section_action);
  gtk_widget_class_install_action (widget_class, "report.properties", NULL, properties_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "report.show-side-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "report.properties", NULL);
  for (guint s = 1; s <= 6; s++)
    {
      g_autofree char *key = g_strdup_printf ("s%u", s);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + s, GDK_ALT_MASK,
                                           "report.select-section", "s", key);
    }

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (GK_TYPE_SECTION_ITEM);
}

static void
gk_report_view_init (GkReportView *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkTreeListModel *tree;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->side_pane_visible = TRUE;
  self->sections = g_list_store_new (GK_TYPE_SECTION_ITEM);
  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->sections)), FALSE, TRUE,
                                  create_child_model, NULL, NULL);
  self->section_selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_autoselect (self->section_selection, FALSE);
  gtk_list_view_set_model (self->section_list, GTK_SELECTION_MODEL (self->section_selection));
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "gk_section_badge_classes",
                                          G_CALLBACK (badge_classes));
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "gk_section_title_query_tooltip",
                                          G_CALLBACK (section_title_query_tooltip));
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/io/github/gongkai/Gongkai/gk-section-row.ui");
  gtk_list_view_set_factory (self->section_list, factory);
  g_signal_connect_swapped (self->section_selection, "notify::selected-item",
                            G_CALLBACK (on_section_selected), self);

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->heading_tag = gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD,
                                                  "scale", 1.2, "pixels-below-lines", 12, NULL);
  self->fact_tag = gtk_text_buffer_create_tag (buffer, "fact", "background", "rgba(246,211,45,0.45)",
                                               NULL);

  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      self->grids[t] = gk_table_grid_new (gk_form_table_key (t));
      gtk_box_append (self->table_box, self->grids[t]);
      g_signal_connect (self->grids[t], "cell-edited", G_CALLBACK (on_cell_edited), self);
      g_signal_connect (self->grids[t], "cell-focused", G_CALLBACK (on_cell_focused), self);
      g_signal_connect (self->grids[t], "apply-suggestion", G_CALLBACK (on_apply_suggestion), self);
    }

  self->findings_panel = gk_findings_panel_new ();
  gtk_stack_add_titled (self->side_stack, self->findings_panel, "findings", _("Findings"));
  g_signal_connect (self->findings_panel, "finding-activated", G_CALLBACK (on_finding_activated), self);
  g_signal_connect (self->findings_panel, "dismiss-requested", G_CALLBACK (on_dismiss_requested), self);
  g_signal_connect (self->findings_panel, "restore-requested", G_CALLBACK (on_restore_requested), self);
  g_signal_connect (self->findings_panel, "open-report-requested",
                    G_CALLBACK (on_open_report_requested), self);

  self->source_pane = gk_source_pane_new ();
  gtk_stack_add_titled (self->side_stack, self->source_pane, "source", _("Source"));
  g_signal_connect (self->source_pane, "open-original-requested", G_CALLBACK (on_open_original), self);
}
