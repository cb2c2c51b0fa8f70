/* gk-report.c — one report: identity, outline, cells with overlays, prose facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-outline.h"
#include "gk-report.h"


static void
cell_clear (GkCell *cell)
{
  g_clear_pointer (&cell->raw, g_free);
  g_clear_pointer (&cell->edit_raw, g_free);
  g_clear_pointer (&cell->edit_note, g_free);
}

static void
cells_reset (GkReport *self)
{
  for (guint i = 0; self->layout != NULL && i < self->layout->n_cells; i++)
    {
      self->cells[i].parsed.kind = GK_VALUE_EMPTY;
      self->cells[i].provenance.kind = GK_PROVENANCE_NONE;
      self->cells[i].provenance.block = -1;
      self->cells[i].provenance.row = -1;
      self->cells[i].provenance.col = -1;
    }
}

GkReport *
gk_report_new (GkReportKind  kind,
               GkFormVersion version)
{
  GkReport *self = g_new0 (GkReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->version = version;
  self->layout = gk_form_get_layout (version);
  if (self->layout != NULL)
    self->cells = g_new0 (GkCell, self->layout->n_cells);
  cells_reset (self);
  for (guint t = 0; t < G_N_ELEMENTS (self->tables); t++)
    self->tables[t].status = GK_TABLE_STATUS_NOT_PRESENT;
  self->prose_facts = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_prose_fact_free);
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_suggestion_free);
  return self;
}

GkReport *
gk_report_ref (GkReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gk_report_unref (GkReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; self->layout != NULL && i < self->layout->n_cells; i++)
    cell_clear (&self->cells[i]);
  g_free (self->cells);
  for (guint t = 0; t < G_N_ELEMENTS (self->tables); t++)
    {
      g_free (self->tables[t].detail);
      g_free (self->tables[t].detail_en);
    }
  g_clear_pointer (&self->document, gk_document_unref);
  g_clear_pointer (&self->outline, gk_outline_free);
  g_ptr_array_unref (self->prose_facts);
  g_ptr_array_unref (self->suggestions);
  g_free (self->title);
  g_free (self->agency);
  g_free (self->agency_key);
  g_free (self->date);
  g_free (self);
}

/* A researcher may say a report uses the other form. Cells move by key;
 * the ones the new version lacks are dropped here (the library keeps every
 * edit by key, whatever the version). */
void
gk_report_set_version (GkReport      *self,
                       GkFormVersion  version)
{
  const GkFormLayout *old_layout = self->layout;
  GkCell *old_cells = self->cells;

  if (version == self->version)
    return;

  self->version = version;
  self->layout = gk_form_get_layout (version);
  self->cells = self->layout != NULL ? g_new0 (GkCell, self->layout->n_cells) : NULL;
  cells_reset (self);

  for (guint i = 0; old_layout != NULL && i < old_layout->n_cells; i++)
    {
      const GkFormCell *target = self->layout != NULL
                                 ? gk_form_layout_lookup (self->layout, old_layout->cells[i].key)
                                 : NULL;
      if (target != NULL)
        self->cells[target->index] = old_cells[i];
      else
        cell_clear (&old_cells[i]);
    }
  g_free (old_cells);
  g_ptr_array_set_size (self->suggestions, 0);
}

void
gk_report_set_document (GkReport   *self,
                        GkDocument *document)
{
  if (document != NULL)
    gk_document_ref (document);
  g_clear_pointer (&self->document, gk_document_unref);
  self->document = document;
}

void
gk_report_set_outline (GkReport  *self,
                       GkOutline *outline)
{
  g_clear_pointer (&self->outline, gk_outline_free);
  self->outline = outline;
}

GkCell *
gk_report_get_cell (GkReport   *self,
                    const char *key)
{
  const GkFormCell *def;

  if (self->layout == NULL)
    return NULL;
  def = gk_form_layout_lookup (self->layout, key);
  return def != NULL ? &self->cells[def->index] : NULL;
}

/* The value checks and charts use: the edit when there is one. */
const GkNumber *
gk_report_get_value (GkReport *self,
                     guint     index)
{
  GkCell *cell = &self->cells[index];

  return cell->edit_raw != NULL ? &cell->edit : &cell->parsed;
}

gboolean
gk_report_cell_is_edited (GkReport *self,
                          guint     index)
{
  return self->cells[index].edit_raw != NULL;
}

void
gk_report_set_parsed (GkReport           *self,
                      guint               index,
                      const char         *raw,
                      const GkProvenance *provenance)
{
  GkCell *cell;

  g_return_if_fail (self->layout != NULL && index < self->layout->n_cells);

  cell = &self->cells[index];
  g_free (cell->raw);
  cell->raw = g_strdup (raw);
  cell->parsed = gk_number_parse (raw);
  if (provenance != NULL)
    cell->provenance = *provenance;
}

void
gk_report_set_edit (GkReport   *self,
                    guint       index,
                    const char *raw,
                    const char *note,
                    gint64      time)
{
  GkCell *cell;

  g_return_if_fail (self->layout != NULL && index < self->layout->n_cells);
  g_return_if_fail (raw != NULL);

  cell = &self->cells[index];
  g_free (cell->edit_raw);
  g_free (cell->edit_note);
  cell->edit_raw = g_strdup (raw);
  cell->edit_note = g_strdup (note);
  cell->edit = gk_number_parse (raw);
  cell->edit_time = time;
}

void
gk_report_clear_edit (GkReport *self,
                      guint     index)
{
  GkCell *cell;

  g_return_if_fail (self->layout != NULL && index < self->layout->n_cells);

  cell = &self->cells[index];
  g_clear_pointer (&cell->edit_raw, g_free);
  g_clear_pointer (&cell->edit_note, g_free);
  cell->edit_time = 0;
}

GkReportTable *
gk_report_get_table (GkReport   *self,
                     const char *table_key)
{
  int t = gk_form_table_index (table_key);

  return t >= 0 ? &self->tables[t] : NULL;
}

void
gk_report_add_prose_fact (GkReport    *self,
                          GkProseFact *fact)
{
  g_ptr_array_add (self->prose_facts, fact);
}

void
gk_report_add_suggestion (GkReport     *self,
                          GkSuggestion *suggestion)
{
  g_ptr_array_add (self->suggestions, suggestion);
}

static gboolean
sum_cells (GkReport           *self,
           const char * const *keys,
           double             *sum)
{
  *sum = 0;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const GkFormCell *cell = gk_form_layout_lookup (self->layout, keys[i]);
      const GkNumber *value;

      if (cell == NULL || self->tables[cell->table_index].status == GK_TABLE_STATUS_NOT_PRESENT)
        return FALSE;
      value = gk_report_get_value (self, cell->index);
      if (!gk_number_is_present (value))
        return FALSE;
      *sum += value->value;
    }
  return TRUE;
}

double
gk_report_metric_value (GkReport           *self,
                        const GkFormMetric *metric)
{
  double numerator, denominator = 1;

  g_return_val_if_fail (self != NULL && metric != NULL, NAN);

  if (self->layout == NULL || (metric->versions & GK_FORM_BIT (self->version)) == 0)
    return NAN;
  if (!sum_cells (self, metric->numerator, &numerator))
    return NAN;
  if (metric->denominator != NULL
      && (!sum_cells (self, metric->denominator, &denominator) || denominator == 0))
    return NAN;
  return numerator / denominator * metric->scale;
}

void
gk_prose_fact_free (GkProseFact *fact)
{
  if (fact == NULL)
    return;
  g_free (fact->id);
  g_free (fact->cell);
  g_free (fact->label);
  g_free (fact->label_en);
  g_free (fact->text);
  g_free (fact);
}

void
gk_suggestion_free (GkSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->table);
  g_free (suggestion->run);
  g_clear_pointer (&suggestion->cells, g_array_unref);
  g_clear_pointer (&suggestion->values, g_array_unref);
  g_free (suggestion->proof);
  g_free (suggestion->proof_en);
  g_free (suggestion);
}

static const char * const kind_names[] = {
  [GK_REPORT_KIND_REPORT] = "report",
  [GK_REPORT_KIND_LEGACY] = "legacy",
  [GK_REPORT_KIND_NOT_REPORT] = "not-report",
};

const char *
gk_report_kind_to_string (GkReportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), "not-report");
  return kind_names[kind];
}

gboolean
gk_report_kind_from_string (const char   *string,
                            GkReportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (string, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

static const char * const status_names[] = {
  [GK_TABLE_STATUS_FOUND] = "found",
  [GK_TABLE_STATUS_NOT_PRESENT] = "not-present",
  [GK_TABLE_STATUS_NEEDS_REVIEW] = "needs-review",
};

const char *
gk_table_status_to_string (GkTableStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), "not-present");
  return status_names[status];
}

gboolean
gk_table_status_from_string (const char    *string,
                             GkTableStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (string, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gk_provenance_kind_to_string (GkProvenanceKind kind)
{
  switch (kind)
    {
    case GK_PROVENANCE_GRID: return "grid";
    case GK_PROVENANCE_TEXT: return "text";
    case GK_PROVENANCE_DIGIT_RUN: return "digit-run";
    case GK_PROVENANCE_NONE:
    default: return "none";
    }
}
