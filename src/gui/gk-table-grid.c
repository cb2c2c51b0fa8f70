/* gk-table-grid.c — one of the form's statistical tables (t2, t3, t4), drawn
 * the way the form draws it, editable cell by cell
 *
 * Everything about the table's shape comes from the form declaration
 * (gk-form.c): its rows, columns, the groups that span them, the corner note
 * and whether it is drawn in rows (t3), in blocks (t2) or across (t4). A
 * grid of entries is built once per form version and kept, so switching
 * between reports of one version only refreshes texts and states.
 *
 * A cell shows its state with CSS classes and explains it in a tooltip:
 * edited, blank, not applicable, digits run together, part of a failing
 * identity (.error) or of one that cannot be checked (.warning). Editing
 * never writes the report: the grid emits "cell-edited" and the owner applies
 * the edit, re-runs the checks and calls gk_table_grid_update().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gk-table-grid.h"
#include "gk-tooltip.h"

/* How many missing cells a tooltip names before it says "and N more". */
#define MAX_MISSING_NAMED 6

typedef enum
{
  CELL_STYLE_FAILING  = 1 << 0,  /* an operand of a failing identity */
  CELL_STYLE_DOUBTFUL = 1 << 1,  /* the figure a warning, or an uncertain check, is about */
} CellStyle;

typedef struct
{
  GkTableGrid      *grid;          /* unowned */
  GtkWidget        *entry;         /* owned by the GtkGrid */
  const GkFormCell *form_cell;
  char             *shown;         /* the text shown when not editing */
  gboolean          failing;       /* part of a failing identity */
  gboolean          draft_invalid; /* the typed text is not a valid value */
} GridCell;

typedef struct
{
  const GkFormColumn *column;
  GPtrArray          *widgets;     /* its header and entries, to show or hide */
  GPtrArray          *cells;       /* GridCell *, unowned */
} OptionalColumn;

/* The grid built for one form version, kept for the life of the widget. */
typedef struct
{
  GkFormVersion  version;
  GtkWidget     *grid;             /* owned by the stack */
  GPtrArray     *cells;            /* GridCell *, in reading order */
  GHashTable    *by_key;           /* cell key → GridCell * */
  GPtrArray     *optional_columns; /* OptionalColumn * */
} GridPage;

/* A header of the form: the groups above it, outermost first, and its own
 * label, which extends over the depth its groups leave free. */
typedef struct
{
  GPtrArray  *chain;               /* const char *, group labels */
  const char *leaf;
  guint       span;                /* positions it covers along */
  GPtrArray  *leaf_widgets;        /* where to record the leaf's widget, or NULL */
} HeaderSpec;

struct _GkTableGrid
{
  GtkWidget          parent_instance;

  /* template children */
  GtkWidget         *main_box;
  GtkWidget         *title_label;
  GtkWidget         *badge_box;
  GtkWidget         *review_box;
  GtkWidget         *review_detail;
  GtkWidget         *suggestion_box;
  GtkWidget         *content_stack;
  GtkWidget         *missing_title;
  GtkWidget         *missing_description;
  GtkWidget         *facts_heading;
  GtkWidget         *facts_list;
  GtkWidget         *facts_empty;

  char              *table_key;
  const GkFormTable *table;
  guint              table_index;  /* into GkReport.tables */
  GridPage          *pages[GK_N_FORM_VERSIONS];
  GridPage          *page;         /* the one shown, or NULL */

  GkReport          *report;
  GPtrArray         *findings;
  GHashTable        *findings_by_key;   /* cell key → GPtrArray of GkFinding * (unowned) */
  GHashTable        *styles;            /* cell key → CellStyle flags */
  GHashTable        *suggested;         /* cell index + 1 → const double * */
  GkFindingCounts    counts;

  GridCell          *focused;
  GPtrArray         *highlighted;       /* GridCell * */
  GMenuModel        *cell_menu;
  int                cjk_width;         /* pixels of one Chinese character */
  gboolean           refreshing;
  gboolean           disposing;
};

G_DEFINE_FINAL_TYPE (GkTableGrid, gk_table_grid, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TABLE_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CELL_EDITED,
  CELL_FOCUSED,
  APPLY_SUGGESTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers ---------------------------------------------------------------- */

/* Reports carry their messages in Chinese and English; show the one that
 * matches the interface. */
static const char *
pick (const char *zh,
      const char *en)
{
  const char * const *languages = g_get_language_names ();
  gboolean chinese = languages[0] != NULL && g_str_has_prefix (languages[0], "zh");

  if (chinese)
    return zh != NULL ? zh : en;
  return en != NULL ? en : zh;
}

/* Chinese text in Chinese glyphs, whatever the locale. */
static void
set_chinese (GtkLabel *label)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_language_new (pango_language_from_string ("zh-cn")));
  gtk_label_set_attributes (label, attributes);
  pango_attr_list_unref (attributes);
}

static GtkWidget *
form_label_new (const char *text,
                float       xalign,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* The grid, not the text, decides the column widths: a wrapping label asks
   * for little and takes the height it needs at the width it gets. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), xalign == 0.5f ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_widget_set_hexpand (label, FALSE);
  set_chinese (GTK_LABEL (label));
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
collapse (const char *raw)
{
  char *text = gk_text_collapse_spaces (raw, -1);

  return g_strstrip (text);
}

static char *
format_value (double value)
{
  return gk_number_format (value, value == floor (value));
}

/* A row's label as printed under its group: 行政诉讼·复议后起诉 → 复议后起诉. */
static const char *
label_under_group (const GkFormRow *row)
{
  static const char separator[] = "·";
  gsize group_len;

  if (row->group == NULL || !g_str_has_prefix (row->label, row->group))
    return row->label;
  group_len = strlen (row->group);
  if (g_str_has_prefix (row->label + group_len, separator))
    return row->label + group_len + strlen (separator);
  return row->label;
}

/* The group labels above @label, outermost first, and @label. */
static void
append_chain (const GkFormTable *table,
              const char        *label,
              GPtrArray         *chain,
              guint              depth)
{
  const GkFormGroup *group;

  if (label == NULL || depth > 8)
    return;
  group = gk_form_table_get_group (table, label);
  if (group != NULL && group->parent != NULL)
    append_chain (table, group->parent, chain, depth + 1);
  g_ptr_array_add (chain, (gpointer) label);
}

static gboolean
chain_contains (const GkFormTable *table,
                const char        *group,
                const char        *label)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  append_chain (table, group, chain, 0);
  for (guint i = 0; i < chain->len; i++)
    if (g_str_equal (g_ptr_array_index (chain, i), label))
      return TRUE;
  return FALSE;
}

/* （三）不予公开 → （三）\n不予公开: in a narrow column the ordinal reads
 * best on a line of its own. */
static char *
break_after_ordinal (const char *label)
{
  static const char open[] = "（", close[] = "）";
  const char *end;

  if (!g_str_has_prefix (label, open) || (end = strstr (label, close)) == NULL
      || g_utf8_pointer_to_offset (label, end) > 4 || end[strlen (close)] == '\0')
    return g_strdup (label);
  end += strlen (close);
  return g_strdup_printf ("%.*s\n%s", (int) (end - label), label, end);
}

static gboolean
same_chain_prefix (const HeaderSpec *a,
                   const HeaderSpec *b,
                   guint             depth)
{
  for (guint d = 0; d <= depth; d++)
    if (!g_str_equal (g_ptr_array_index (a->chain, d), g_ptr_array_index (b->chain, d)))
      return FALSE;
  return TRUE;
}

static void
header_spec_clear (HeaderSpec *spec)
{
  g_clear_pointer (&spec->chain, g_ptr_array_unref);
}

static void
grid_cell_free (GridCell *cell)
{
  g_free (cell->shown);
  g_free (cell);
}

static void
optional_column_free (OptionalColumn *optional)
{
  g_ptr_array_unref (optional->widgets);
  g_ptr_array_unref (optional->cells);
  g_free (optional);
}

static void
grid_page_free (GridPage *page)
{
  g_ptr_array_unref (page->cells);
  g_hash_table_unref (page->by_key);
  g_ptr_array_unref (page->optional_columns);
  g_free (page);
}

static gboolean
grid_cell_is_dirty (GridCell *cell)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell->entry)), cell->shown) != 0;
}

/* Why @text cannot be a value of @column, or NULL when it can. It follows the
 * *.value rules of gk-check.c. */
static const char *
draft_problem (const GkFormColumn *column,
               const char         *text)
{
  GkNumber number = gk_number_parse (text);

  if (number.kind == GK_VALUE_TEXT)
    return _("Not a number");
  if (number.kind != GK_VALUE_NUMBER)
    return NULL;
  switch (column->value_class)
    {
    case GK_VALUE_CLASS_COUNT:
      if (number.value < 0 || number.value != floor (number.value))
        return _("Should be a whole number ≥ 0");
      break;
    case GK_VALUE_CLASS_AMOUNT:
      if (number.value < 0)
        return _("An amount cannot be negative");
      break;
    case GK_VALUE_CLASS_CHANGE:
    default:
      if (number.value != floor (number.value))
        return _("Should be a whole number");
      break;
    }
  return NULL;
}

/* Cell states ------------------------------------------------------------ */

static void
update_restore_action (GkTableGrid *self)
{
  GridCell *cell = self->focused;
  gboolean enabled = FALSE;

  if (cell != NULL && self->report != NULL)
    enabled = grid_cell_is_dirty (cell)
              || gk_report_cell_is_edited (self->report, cell->form_cell->index);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table-grid.restore-page-value", enabled);
}

static void
grid_cell_update_error (GridCell *cell)
{
  if (cell->failing || cell->draft_invalid)
    gtk_widget_add_css_class (cell->entry, "error");
  else
    gtk_widget_remove_css_class (cell->entry, "error");
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
grid_cell_set_text (GkTableGrid *self,
                    GridCell    *cell,
                    const char  *text)
{
  self->refreshing = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (cell->entry), text);
  self->refreshing = FALSE;
  cell->draft_invalid = FALSE;
}

static void
grid_cell_refresh (GkTableGrid *self,
                   GridCell    *cell)
{
  GkReport *report = self->report;
  guint index = cell->form_cell->index;
  const GkCell *data = &report->cells[index];
  const GkNumber *value = gk_report_get_value (report, index);
  gboolean edited = gk_report_cell_is_edited (report, index);
  gboolean run = !edited && data->provenance.kind == GK_PROVENANCE_DIGIT_RUN;
  const char *raw = edited ? data->edit_raw : data->raw;
  guint style = GPOINTER_TO_UINT (g_hash_table_lookup (self->styles, cell->form_cell->key));
  gboolean failing = (style & CELL_STYLE_FAILING) != 0;
  gboolean doubtful = (style & CELL_STYLE_DOUBTFUL) != 0;
  g_autofree char *shown = NULL;
  g_autofree char *placeholder = NULL;

  if (run)
    {
      const double *suggested = g_hash_table_lookup (self->suggested, GUINT_TO_POINTER (index + 1));

      shown = g_strdup ("");
      placeholder = suggested != NULL ? format_value (*suggested) : g_strdup ("?");
    }
  else
    {
      shown = raw != NULL ? collapse (raw) : g_strdup ("");
      placeholder = g_strdup ("—");
    }

  set_class (cell->entry, "gk-edited", edited);
  set_class (cell->entry, "gk-digit-run", run);
  set_class (cell->entry, "gk-blank", !run && value->kind == GK_VALUE_EMPTY);
  set_class (cell->entry, "gk-na", !run && value->kind == GK_VALUE_NA);
  set_class (cell->entry, "warning", doubtful && !failing);
  cell->failing = failing;

  /* Never overwrite what the researcher is typing; Esc then restores the
   * new value. */
  if (!(cell == self->focused && grid_cell_is_dirty (cell)))
    grid_cell_set_text (self, cell, shown);
  g_free (cell->shown);
  cell->shown = g_steal_pointer (&shown);
  grid_cell_update_error (cell);

  if (g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (cell->entry)), placeholder) != 0)
    gtk_entry_set_placeholder_text (GTK_ENTRY (cell->entry), placeholder);
}

static const GkFormIdentity *
find_identity (const char *id)
{
  const GkFormIdentity *identities;
  guint n;

  identities = gk_form_get_identities (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (identities[i].id, id))
      return &identities[i];
  identities = gk_form_get_cross_identities (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (identities[i].id, id))
      return &identities[i];
  return NULL;
}

/* A short name for @key as seen from @from: its column in the same row, its
 * row in the same column, else both. */
static char *
cell_name (const GkFormLayout *layout,
           const GkFormCell   *from,
           const char         *key)
{
  const GkFormCell *cell = gk_form_layout_lookup (layout, key);

  if (cell == NULL)
    return g_strdup (key);
  if (cell->row == from->row)
    return g_strdup (cell->column->label);
  if (cell->column == from->column)
    return g_strdup (cell->row->label);
  return g_strdup_printf ("%s · %s", cell->row->label, cell->column->label);
}

static void
describe_finding (GkTableGrid     *self,
                  GridCell        *cell,
                  const GkFinding *finding,
                  GString         *text)
{
  const GkFormIdentity *identity;
  g_autoptr(GString) names = NULL;
  guint n_missing;

  g_string_append_c (text, '\n');
  if (finding->severity == GK_SEVERITY_ERROR)
    {
      g_string_append_printf (text, "✗ %s", pick (finding->message, finding->message_en));
      return;
    }
  if (finding->severity == GK_SEVERITY_WARNING || finding->missing == NULL)
    {
      g_string_append_printf (text, "⚠ %s", pick (finding->message, finding->message_en));
      return;
    }

  identity = find_identity (finding->rule);
  if (identity != NULL)
    g_string_append_printf (text, _("? Cannot check “%s”"), pick (identity->text, identity->text_en));
  else
    g_string_append_printf (text, "? %s", pick (finding->message, finding->message_en));

  names = g_string_new (NULL);
  n_missing = g_strv_length (finding->missing);
  for (guint i = 0; i < n_missing && i < MAX_MISSING_NAMED; i++)
    {
      g_autofree char *name = cell_name (self->report->layout, cell->form_cell, finding->missing[i]);

      if (i > 0)
        g_string_append (names, "、");
      g_string_append (names, name);
    }
  if (n_missing > MAX_MISSING_NAMED)
    {
      g_string_append_c (names, ' ');
      g_string_append_printf (names, ngettext ("and %u more", "and %u more",
                                               n_missing - MAX_MISSING_NAMED),
                              n_missing - MAX_MISSING_NAMED);
    }
  g_string_append (text, "\n    ");
  g_string_append_printf (text, _("Missing: %s"), names->str);
  if (finding->blanks_as_zero_hold)
    {
      g_string_append (text, "\n    ");
      g_string_append (text, _("It holds if blanks are read as 0."));
    }
}

static char *
describe_cell (GkTableGrid *self,
               GridCell    *cell)
{
  const GkFormCell *form_cell = cell->form_cell;
  GString *text = g_string_new (NULL);
  const GkCell *data;
  const GkNumber *value;
  GPtrArray *findings;
  guint index = form_cell->index;

  g_string_append_printf (text, "%s · %s", form_cell->row->label, form_cell->column->label);
  if (self->report == NULL)
    return g_string_free (text, FALSE);

  data = &self->report->cells[index];
  value = gk_report_get_value (self->report, index);
  g_string_append_c (text, '\n');

  if (cell->draft_invalid)
    {
      g_string_append_printf (text, "%s: “%s”\n", draft_problem (form_cell->column,
                                                               gtk_editable_get_text (GTK_EDITABLE (cell->entry))),
                              gtk_editable_get_text (GTK_EDITABLE (cell->entry)));
    }

  if (gk_report_cell_is_edited (self->report, index))
    {
      g_autofree char *parsed = data->raw != NULL ? collapse (data->raw) : NULL;

      if (parsed == NULL)
        g_string_append (text, _("Edited; not found in the page"));
      else if (*parsed == '\0')
        g_string_append (text, _("Edited; blank in the page"));
      else
        g_string_append_printf (text, _("Edited from “%s”"), parsed);
      if (data->edit_note != NULL && *data->edit_note != '\0')
        g_string_append_printf (text, " — %s", data->edit_note);
    }
  else if (data->provenance.kind == GK_PROVENANCE_DIGIT_RUN)
    {
      const double *suggested = g_hash_table_lookup (self->suggested, GUINT_TO_POINTER (index + 1));

      g_string_append_printf (text, _("Values run together: “%s”"), data->raw != NULL ? data->raw : "");
      g_string_append_c (text, '\n');
      g_string_append (text, _("No value until reviewed."));
      if (suggested != NULL)
        {
          g_autofree char *proposed = format_value (*suggested);

          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("The suggested split gives %s (not applied)."), proposed);
        }
    }
  else if (data->raw == NULL)
    g_string_append (text, _("Not found in the page"));
  else
    {
      g_autofree char *raw = collapse (data->raw);

      switch (value->kind)
        {
        case GK_VALUE_EMPTY:
          g_string_append (text, _("Blank in the page"));
          break;
        case GK_VALUE_NA:
          g_string_append_printf (text, _("Marked not applicable: “%s”"), raw);
          break;
        case GK_VALUE_TEXT:
          g_string_append_printf (text, _("Not a number: “%s”"), raw);
          break;
        case GK_VALUE_ZERO:
        case GK_VALUE_NUMBER:
        default:
          {
            g_autofree char *number = format_value (value->value);

            if (g_str_equal (number, raw))
              g_string_append (text, _("As printed in the page"));
            else
              g_string_append_printf (text, _("Printed “%s”, read as %s"), raw, number);
          }
          break;
        }
    }

  findings = g_hash_table_lookup (self->findings_by_key, form_cell->key);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    describe_finding (self, cell, g_ptr_array_index (findings, i), text);

  return g_string_free (text, FALSE);
}

static gboolean
on_cell_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       GridCell   *cell)
{
  g_autofree char *text = describe_cell (cell->grid, cell);

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Editing ---------------------------------------------------------------- */

static void
grid_cell_cancel (GkTableGrid *self,
                  GridCell    *cell)
{
  grid_cell_set_text (self, cell, cell->shown);
  grid_cell_update_error (cell);
  update_restore_action (self);
}

/* Emits "cell-edited" when the text changed. Returns FALSE, and leaves the
 * draft alone, when it is not a valid value. */
static gboolean
grid_cell_commit (GkTableGrid *self,
                  GridCell    *cell)
{
  g_autofree char *raw = NULL;

  if (self->report == NULL || !grid_cell_is_dirty (cell))
    return TRUE;
  /* A draft left in a grid no longer shown belongs to no report. */
  if (self->page == NULL || g_hash_table_lookup (self->page->by_key, cell->form_cell->key) != cell)
    {
      grid_cell_cancel (self, cell);
      return TRUE;
    }
  if (cell->draft_invalid)
    return FALSE;

  raw = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell->entry))));
  /* What the grid shows now; the owner's gk_table_grid_update() confirms it.
   * Without this, leaving the cell would commit it a second time. */
  g_free (cell->shown);
  cell->shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell->entry)));
  g_signal_emit (self, signals[CELL_EDITED], 0, cell->form_cell->key, raw);
  return TRUE;
}

static GridCell *
next_cell (GkTableGrid *self,
           GridCell    *cell)
{
  GPtrArray *cells = self->page->cells;
  guint position;

  if (!g_ptr_array_find (cells, cell, &position))
    return NULL;
  for (guint i = position + 1; i < cells->len; i++)
    {
      GridCell *next = g_ptr_array_index (cells, i);

      if (gtk_widget_get_visible (next->entry))
        return next;
    }
  return NULL;
}

static void
on_cell_activate (GtkEntry *entry,
                  GridCell *cell)
{
  GkTableGrid *self = cell->grid;
  GridCell *next;

  if (!grid_cell_commit (self, cell))
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  next = self->page != NULL ? next_cell (self, cell) : NULL;
  if (next != NULL)
    gtk_widget_grab_focus (next->entry);
}

static void
on_cell_changed (GtkEditable *editable,
                 GridCell    *cell)
{
  GkTableGrid *self = cell->grid;

  if (self->refreshing)
    return;
  cell->draft_invalid = grid_cell_is_dirty (cell)
                        && draft_problem (cell->form_cell->column, gtk_editable_get_text (editable)) != NULL;
  grid_cell_update_error (cell);
  update_restore_action (self);
}

static void
on_cell_focus_enter (GtkEventControllerFocus *controller,
                     GridCell                *cell)
{
  GkTableGrid *self = cell->grid;

  if (self->disposing)
    return;
  self->focused = cell;
  update_restore_action (self);
  g_signal_emit (self, signals[CELL_FOCUSED], 0, cell->form_cell->key);
}

static void
on_cell_focus_leave (GtkEventControllerFocus *controller,
                     GridCell                *cell)
{
  GkTableGrid *self = cell->grid;

  if (self->disposing)
    return;
  /* Leaving commits; a draft that is no value cannot be kept, so it goes. */
  if (!grid_cell_commit (self, cell))
    grid_cell_cancel (self, cell);
  if (self->focused == cell)
    self->focused = NULL;
  update_restore_action (self);
}

static GtkWidget *
cell_entry_new (GkTableGrid *self,
                GridCell    *cell,
                int          width)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *name = g_strdup_printf ("%s · %s", cell->form_cell->row->label,
                                           cell->form_cell->column->label);

  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  /* Without a maximum an entry asks for 150 pixels; the column decides. */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 3);
  gtk_widget_set_size_request (entry, width, -1);
  gtk_widget_set_hexpand (entry, FALSE);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_widget_add_css_class (entry, "gk-cell");
  gtk_entry_set_extra_menu (GTK_ENTRY (entry), self->cell_menu);
  gtk_widget_set_has_tooltip (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  g_signal_connect (entry, "activate", G_CALLBACK (on_cell_activate), cell);
  g_signal_connect (entry, "changed", G_CALLBACK (on_cell_changed), cell);
  g_signal_connect (entry, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), cell);
  g_signal_connect (focus, "enter", G_CALLBACK (on_cell_focus_enter), cell);
  g_signal_connect (focus, "leave", G_CALLBACK (on_cell_focus_leave), cell);
  gtk_widget_add_controller (entry, focus);
  cell->entry = entry;
  return entry;
}

/* Building a grid from the form ------------------------------------------ */

static int
chars (GkTableGrid *self,
       double       n)
{
  return (int) ceil (n * self->cjk_width);
}

/* Places headers in @grid: along the top when @orientation is horizontal
 * (column headers), down the left when vertical (row headers). Groups with
 * the same labels above consecutive headers merge into one spanning cell,
 * and a leaf extends over the depth its groups leave free, as the form does
 * (自然人 spans two header rows; 一、本年新收… spans three label columns). */
static void
attach_headers (GtkGrid        *grid,
                GArray         *specs,
                int             origin,
                int             depth_total,
                GtkOrientation  orientation,
                GPtrArray      *group_widgets)
{
  gboolean across = orientation == GTK_ORIENTATION_HORIZONTAL;
  g_autofree int *position = g_new0 (int, specs->len + 1);
  int max_depth = 0;

  for (guint i = 0; i < specs->len; i++)
    {
      const HeaderSpec *spec = &g_array_index (specs, HeaderSpec, i);

      position[i + 1] = position[i] + spec->span;
      max_depth = MAX (max_depth, (int) spec->chain->len);
    }

  for (int depth = 0; depth < max_depth; depth++)
    for (guint i = 0; i < specs->len;)
      {
        const HeaderSpec *spec = &g_array_index (specs, HeaderSpec, i);
        GtkWidget *label;
        guint j;

        if ((int) spec->chain->len <= depth)
          {
            i++;
            continue;
          }
        for (j = i + 1; j < specs->len; j++)
          {
            const HeaderSpec *other = &g_array_index (specs, HeaderSpec, j);

            if ((int) other->chain->len <= depth || !same_chain_prefix (spec, other, depth))
              break;
          }
        if (across || depth == 0)
          label = form_label_new (g_ptr_array_index (spec->chain, depth), 0.5f, "gk-header");
        else
          {
            g_autofree char *text = break_after_ordinal (g_ptr_array_index (spec->chain, depth));

            label = form_label_new (text, 0.5f, "gk-header");
          }
        gtk_widget_add_css_class (label, "gk-group");
        if (across)
          gtk_grid_attach (grid, label, origin + position[i], depth, position[j] - position[i], 1);
        else
          gtk_grid_attach (grid, label, depth, origin + position[i], 1, position[j] - position[i]);
        if (group_widgets != NULL)
          g_ptr_array_add (group_widgets, label);
        i = j;
      }

  for (guint i = 0; i < specs->len; i++)
    {
      const HeaderSpec *spec = &g_array_index (specs, HeaderSpec, i);
      int depth = spec->chain->len;
      GtkWidget *label = form_label_new (spec->leaf, across ? 0.5f : 0.0f,
                                         across ? "gk-header" : "gk-row-header");

      if (across)
        gtk_grid_attach (grid, label, origin + position[i], depth, spec->span, depth_total - depth);
      else
        gtk_grid_attach (grid, label, depth, origin + position[i], depth_total - depth, spec->span);
      if (spec->leaf_widgets != NULL)
        g_ptr_array_add (spec->leaf_widgets, label);
    }
}

static GridCell *
page_add_cell (GkTableGrid      *self,
               GridPage         *page,
               const GkFormCell *form_cell,
               int               width)
{
  GridCell *cell = g_new0 (GridCell, 1);

  cell->grid = self;
  cell->form_cell = form_cell;
  cell->shown = g_strdup ("");
  cell_entry_new (self, cell, width);
  g_ptr_array_add (page->cells, cell);
  g_hash_table_insert (page->by_key, form_cell->key, cell);
  return cell;
}

static const GkFormCell *
lookup_cell (const GkFormLayout *layout,
             const GkFormTable  *table,
             const GkFormRow    *row,
             const GkFormColumn *column)
{
  g_autofree char *key = g_strdup_printf ("%s.%s.%s", table->key, row->key, column->key);

  return gk_form_layout_lookup (layout, key);
}

/* The columns of @row in the order the form prints them: declaration order,
 * except that a column joins the others of its group (法人或其他组织小计 goes
 * after 其他, before 总计). */
static GPtrArray *
ordered_columns (const GkFormTable *table,
                 const GkFormRow   *row)
{
  GPtrArray *order = g_ptr_array_new ();

  for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
    {
      guint insert_at = order->len;

      if (column->group != NULL)
        for (guint i = order->len; i > 0; i--)
          {
            const GkFormColumn *placed = g_ptr_array_index (order, i - 1);

            if (chain_contains (table, placed->group, column->group))
              {
                insert_at = i;
                break;
              }
          }
      g_ptr_array_insert (order, insert_at, (gpointer) column);
    }
  return order;
}

static OptionalColumn *
optional_column_new (GridPage           *page,
                     const GkFormColumn *column)
{
  OptionalColumn *optional = g_new0 (OptionalColumn, 1);

  optional->column = column;
  optional->widgets = g_ptr_array_new ();
  optional->cells = g_ptr_array_new ();
  g_ptr_array_add (page->optional_columns, optional);
  return optional;
}

/* t3: one line per row, row headers nested at the left, column headers
 * nested at the top, the corner note over both. */
static void
build_rows (GkTableGrid        *self,
            GridPage           *page,
            const GkFormLayout *layout)
{
  GtkGrid *grid = GTK_GRID (page->grid);
  const GkFormTable *table = self->table;
  g_autoptr(GArray) column_specs = g_array_new (FALSE, TRUE, sizeof (HeaderSpec));
  g_autoptr(GArray) row_specs = g_array_new (FALSE, TRUE, sizeof (HeaderSpec));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) row_leaves = g_ptr_array_new ();
  g_autoptr(GPtrArray) row_groups = g_ptr_array_new ();
  g_autofree OptionalColumn **optional_of = NULL;
  int header_rows = 1, label_columns = 1;
  int value_width = CLAMP (chars (self, 4) + 18, 64, 80);

  g_array_set_clear_func (column_specs, (GDestroyNotify) header_spec_clear);
  g_array_set_clear_func (row_specs, (GDestroyNotify) header_spec_clear);

  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    if (gk_form_row_in_version (row, page->version))
      g_ptr_array_add (rows, (gpointer) row);
  if (rows->len == 0)
    return;

  columns = ordered_columns (table, g_ptr_array_index (rows, 0));
  optional_of = g_new0 (OptionalColumn *, columns->len);
  for (guint c = 0; c < columns->len; c++)
    {
      const GkFormColumn *column = g_ptr_array_index (columns, c);
      HeaderSpec spec = { g_ptr_array_new (), column->label, 1, NULL };

      append_chain (table, column->group, spec.chain, 0);
      if (column->optional)
        {
          optional_of[c] = optional_column_new (page, column);
          spec.leaf_widgets = optional_of[c]->widgets;
        }
      header_rows = MAX (header_rows, (int) spec.chain->len + 1);
      g_array_append_val (column_specs, spec);
    }
  for (guint r = 0; r < rows->len; r++)
    {
      const GkFormRow *row = g_ptr_array_index (rows, r);
      HeaderSpec spec = { g_ptr_array_new (), row->label, 1, row_leaves };

      append_chain (table, row->group, spec.chain, 0);
      label_columns = MAX (label_columns, (int) spec.chain->len + 1);
      g_array_append_val (row_specs, spec);
    }

  if (table->corner != NULL)
    {
      GtkWidget *corner = form_label_new (table->corner, 0.5f, "gk-corner");

      gtk_grid_attach (grid, corner, 0, 0, label_columns, header_rows);
    }
  attach_headers (grid, column_specs, label_columns, header_rows, GTK_ORIENTATION_HORIZONTAL, NULL);
  attach_headers (grid, row_specs, header_rows, label_columns, GTK_ORIENTATION_VERTICAL, row_groups);

  /* Label columns: the innermost wide enough for most labels on one or two
   * lines; group columns narrow, as on the form. */
  for (guint i = 0; i < row_leaves->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (row_leaves, i);
      int column, width;

      gtk_grid_query_child (grid, label, &column, NULL, &width, NULL);
      if (column == label_columns - 1 && width == 1)
        gtk_widget_set_size_request (label, chars (self, label_columns > 1 ? 15 : 20) + 18, -1);
    }
  for (guint i = 0; i < row_groups->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (row_groups, i);
      int column;

      gtk_grid_query_child (grid, label, &column, NULL, NULL, NULL);
      /* 三、本年度办理结果 reads top to bottom; （三）不予公开 in two lines. */
      gtk_widget_set_size_request (label, column == 0 ? chars (self, 1) + 18 : chars (self, 4) + 18, -1);
    }

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < columns->len; c++)
      {
        const GkFormCell *form_cell = lookup_cell (layout, table, g_ptr_array_index (rows, r),
                                                   g_ptr_array_index (columns, c));
        GridCell *cell;

        if (form_cell == NULL)
          continue;
        cell = page_add_cell (self, page, form_cell, value_width);
        gtk_grid_attach (grid, cell->entry, label_columns + c, header_rows + r, 1, 1);
        if (optional_of[c] != NULL)
          {
            g_ptr_array_add (optional_of[c]->widgets, cell->entry);
            g_ptr_array_add (optional_of[c]->cells, cell);
          }
      }
}

/* t2: each block (第二十条第（一）项 …) has a title line across the table and
 * its own header line (信息内容 | its columns); a block with fewer columns
 * lets its last one span the rest, as the form does. */
static void
build_blocks (GkTableGrid        *self,
              GridPage           *page,
              const GkFormLayout *layout)
{
  GtkGrid *grid = GTK_GRID (page->grid);
  const GkFormTable *table = self->table;
  int value_columns = 1, y = 0;
  int label_width = chars (self, 10) + 18;
  int value_width = CLAMP (chars (self, 6) + 18, 80, 112);
  const char *block = NULL;
  const GkFormColumn *header_columns = NULL;

  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    if (gk_form_row_in_version (row, page->version))
      {
        int n = 0;

        for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
          n++;
        value_columns = MAX (value_columns, n);
      }

  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      int x = 1;

      if (!gk_form_row_in_version (row, page->version))
        continue;
      if (row->block != NULL && g_strcmp0 (row->block, block) != 0)
        {
          GtkWidget *title = form_label_new (row->block, 0.0f, "gk-block-title");

          gtk_grid_attach (grid, title, 0, y++, 1 + value_columns, 1);
          block = row->block;
          header_columns = NULL;
        }
      if (row->columns != header_columns)
        {
          GtkWidget *corner = form_label_new (table->corner != NULL ? table->corner : "", 0.0f, "gk-header");

          gtk_grid_attach (grid, corner, 0, y, 1, 1);
          for (const GkFormColumn *column = row->columns; column->key != NULL; column++, x++)
            {
              int span = column[1].key == NULL ? 1 + value_columns - x : 1;

              gtk_grid_attach (grid, form_label_new (column->label, 0.5f, "gk-header"), x, y, span, 1);
            }
          header_columns = row->columns;
          y++;
          x = 1;
        }

      {
        GtkWidget *label = form_label_new (row->label, 0.0f, "gk-row-header");

        gtk_widget_set_size_request (label, label_width, -1);
        gtk_grid_attach (grid, label, 0, y, 1, 1);
      }
      for (const GkFormColumn *column = row->columns; column->key != NULL; column++, x++)
        {
          const GkFormCell *form_cell = lookup_cell (layout, table, row, column);
          int span = column[1].key == NULL ? 1 + value_columns - x : 1;
          GridCell *cell;

          if (form_cell == NULL)
            continue;
          cell = page_add_cell (self, page, form_cell, span == 1 ? value_width : -1);
          gtk_grid_attach (grid, cell->entry, x, y, span, 1);
        }
      y++;
    }
}

/* t4: one line of cells; each row of the declaration heads its columns,
 * under its own group (行政诉讼) when it has one. */
static void
build_across (GkTableGrid        *self,
              GridPage           *page,
              const GkFormLayout *layout)
{
  GtkGrid *grid = GTK_GRID (page->grid);
  const GkFormTable *table = self->table;
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (HeaderSpec));
  g_autoptr(GPtrArray) form_cells = g_ptr_array_new ();
  int header_rows = 1;
  int value_width = CLAMP (chars (self, 4) + 18, 64, 80);

  g_array_set_clear_func (specs, (GDestroyNotify) header_spec_clear);
  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      if (!gk_form_row_in_version (row, page->version))
        continue;
      for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
        {
          const GkFormCell *form_cell = lookup_cell (layout, table, row, column);
          HeaderSpec spec = { g_ptr_array_new (), column->label, 1, NULL };

          if (form_cell == NULL)
            {
              g_ptr_array_unref (spec.chain);
              continue;
            }
          append_chain (table, row->group, spec.chain, 0);
          g_ptr_array_add (spec.chain, (gpointer) label_under_group (row));
          header_rows = MAX (header_rows, (int) spec.chain->len + 1);
          g_array_append_val (specs, spec);
          g_ptr_array_add (form_cells, (gpointer) form_cell);
        }
    }

  attach_headers (grid, specs, 0, header_rows, GTK_ORIENTATION_HORIZONTAL, NULL);
  for (guint i = 0; i < form_cells->len; i++)
    {
      GridCell *cell = page_add_cell (self, page, g_ptr_array_index (form_cells, i), value_width);

      gtk_grid_attach (grid, cell->entry, i, header_rows, 1, 1);
    }
}

static GridPage *
build_page (GkTableGrid   *self,
            GkFormVersion  version)
{
  const GkFormLayout *layout = gk_form_get_layout (version);
  GridPage *page = g_new0 (GridPage, 1);
  g_autofree char *name = g_strdup_printf ("v%s", gk_form_version_to_string (version));
  g_autoptr(PangoLayout) measure = NULL;
  int width;

  /* Column widths follow the font: measure it now that the widget has its
   * style, rather than at init. */
  measure = gtk_widget_create_pango_layout (GTK_WIDGET (self), "国");
  pango_layout_get_pixel_size (measure, &width, NULL);
  self->cjk_width = MAX (width, 12);

  page->version = version;
  page->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) grid_cell_free);
  page->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  page->optional_columns = g_ptr_array_new_with_free_func ((GDestroyNotify) optional_column_free);
  page->grid = gtk_grid_new ();
  gtk_widget_set_halign (page->grid, GTK_ALIGN_START);
  gtk_widget_set_valign (page->grid, GTK_ALIGN_START);
  gtk_widget_add_css_class (page->grid, "gk-form-grid");
  gtk_widget_add_css_class (page->grid, self->table_key);

  switch (self->table->shape)
    {
    case GK_FORM_SHAPE_BLOCKS:
      build_blocks (self, page, layout);
      break;
    case GK_FORM_SHAPE_ACROSS:
      build_across (self, page, layout);
      break;
    case GK_FORM_SHAPE_ROWS:
    default:
      build_rows (self, page, layout);
      break;
    }

  gtk_stack_add_named (GTK_STACK (self->content_stack), page->grid, name);
  return page;
}

/* Title, badge, banners -------------------------------------------------- */

static guint
section_number (const char *table_key)
{
  const GkFormSection *sections;
  guint n;

  sections = gk_form_get_sections (&n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (sections[i].table, table_key) == 0)
      return sections[i].number;
  return 0;
}

static gboolean
table_has_identities (GkTableGrid *self)
{
  const GkFormLayout *layout = self->report != NULL ? self->report->layout : NULL;
  g_autofree char *prefix = g_strconcat (self->table_key, ".", NULL);

  for (guint i = 0; layout != NULL && i < layout->n_identities; i++)
    if (g_str_has_prefix (layout->identities[i].def->id, prefix))
      return TRUE;
  return FALSE;
}

static GtkWidget *
pill_new (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "gk-pill");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
update_badge (GkTableGrid *self,
              gboolean     shown)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->badge_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->badge_box), child);

  self->counts = gk_findings_count_table (self->findings, self->table_key);
  gtk_widget_set_visible (self->badge_box, shown);
  if (!shown)
    return;

  if (self->counts.errors > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u error", "%u errors", self->counts.errors),
                                               self->counts.errors);
      gtk_box_append (GTK_BOX (self->badge_box), pill_new (text, "error"));
    }
  if (self->counts.warnings > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u warning", "%u warnings", self->counts.warnings),
                                               self->counts.warnings);
      gtk_box_append (GTK_BOX (self->badge_box), pill_new (text, "warning"));
    }
  if (self->counts.uncertain > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u uncertain", "%u uncertain",
                                                         self->counts.uncertain),
                                               self->counts.uncertain);
      gtk_box_append (GTK_BOX (self->badge_box), pill_new (text, "gk-uncertain"));
    }
  if (self->counts.errors + self->counts.warnings + self->counts.uncertain == 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_add_css_class (box, "gk-pill");
      gtk_widget_add_css_class (box, "success");
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), gtk_label_new (table_has_identities (self)
                                                    ? _("All identities hold")
                                                    : _("All values valid")));
      gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption-heading");
      gtk_box_append (GTK_BOX (self->badge_box), box);
    }
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    if (GTK_IS_LIST_BOX (box))
      gtk_list_box_remove (GTK_LIST_BOX (box), child);
    else
      gtk_box_remove (GTK_BOX (box), child);
}

static gboolean
suggestion_is_applied (GkReport           *report,
                       const GkSuggestion *suggestion)
{
  for (guint i = 0; i < suggestion->cells->len; i++)
    {
      guint index = g_array_index (suggestion->cells, guint, i);
      const GkNumber *value = gk_report_get_value (report, index);

      if (!gk_report_cell_is_edited (report, index)
          || !gk_number_is_present (value)
          || value->value != g_array_index (suggestion->values, double, i))
        return FALSE;
    }
  return TRUE;
}

/* The proposed split, one line per run of digits: where it was printed, the
 * digits, and the values they would become (rows apart by a bar). */
static GtkWidget *
split_grid_new (GkTableGrid        *self,
                const GkSuggestion *suggestion)
{
  const GkFormLayout *layout = self->report->layout;
  GtkWidget *grid = gtk_grid_new ();
  int line = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < suggestion->cells->len;)
    {
      guint first = g_array_index (suggestion->cells, guint, i);
      const char *run = self->report->cells[first].raw;
      g_autoptr(GString) where = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      const GkFormRow *row = NULL, *last_row = NULL;
      GtkWidget *label;
      guint j;

      for (j = i; j < suggestion->cells->len; j++)
        {
          guint index = g_array_index (suggestion->cells, guint, j);
          g_autofree char *value = format_value (g_array_index (suggestion->values, double, j));

          if (g_strcmp0 (self->report->cells[index].raw, run) != 0)
            break;
          if (layout->cells[index].row != row)
            {
              if (row != NULL)
                g_string_append (values, "  |  ");
              /* A run over several rows is named by its first and last. */
              if (row == NULL)
                g_string_append (where, layout->cells[index].row->label);
              else
                last_row = layout->cells[index].row;
              row = layout->cells[index].row;
            }
          else
            g_string_append (values, "  ");
          g_string_append (values, value);
        }

      if (last_row != NULL)
        g_string_append_printf (where, " – %s", last_row->label);
      label = form_label_new (where->str, 0.0f, "gk-split-row");
      gtk_widget_set_size_request (label, chars (self, 16), -1);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, 0, line, 1, 1);
      label = gtk_label_new (run != NULL ? run : "");
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "monospace");
      gtk_grid_attach (GTK_GRID (grid), label, 1, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), gtk_label_new ("→"), 2, line, 1, 1);
      label = gtk_label_new (values->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "monospace");
      gtk_grid_attach (GTK_GRID (grid), label, 3, line, 1, 1);
      line++;
      i = MAX (j, i + 1);
    }
  return grid;
}

static void
update_review (GkTableGrid *self,
               gboolean     needs_review)
{
  const GkReportTable *table = &self->report->tables[self->table_index];

  gtk_widget_set_visible (self->review_box, needs_review);
  clear_box (self->suggestion_box);
  if (!needs_review)
    return;

  gtk_label_set_text (GTK_LABEL (self->review_detail),
                      pick (table->detail, table->detail_en) != NULL ? pick (table->detail, table->detail_en) : "");

  for (guint i = 0; self->report->suggestions != NULL && i < self->report->suggestions->len; i++)
    {
      const GkSuggestion *suggestion = g_ptr_array_index (self->report->suggestions, i);
      GtkWidget *box, *header, *label, *split;
      gboolean applied;

      if (g_strcmp0 (suggestion->table, self->table_key) != 0)
        continue;
      applied = suggestion_is_applied (self->report, suggestion);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      gtk_widget_add_css_class (box, "gk-suggestion");
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      label = gtk_label_new (_("Suggested Split"));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (header), label);
      if (applied)
        {
          label = gtk_label_new (_("Applied"));
          gtk_widget_add_css_class (label, "success");
          gtk_box_append (GTK_BOX (header), label);
        }
      else
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Apply Suggested Split"));

          gtk_widget_add_css_class (button, "suggested-action");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "table-grid.apply-suggestion");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
          gk_widget_set_tooltip (button, _("Edit every cell of the run to the suggested value"));
          gtk_box_append (GTK_BOX (header), button);
        }
      gtk_box_append (GTK_BOX (box), header);

      label = gtk_label_new (pick (suggestion->proof, suggestion->proof_en));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      if (!applied)
        {
          label = gtk_label_new (_("Until it is applied, the table shows the suggested values in grey italics."));
          gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }

      split = split_grid_new (self, suggestion);
      /* A long split (t3: a line per row) folds away; a short one shows. */
      if (suggestion->cells->len > 20)
        {
          GtkWidget *expander = gtk_expander_new_with_mnemonic (_("Show the _Proposed Values"));

          gtk_expander_set_child (GTK_EXPANDER (expander), split);
          gtk_widget_set_margin_top (split, 6);
          gtk_box_append (GTK_BOX (box), expander);
        }
      else
        gtk_box_append (GTK_BOX (box), split);
      gtk_box_append (GTK_BOX (self->suggestion_box), box);
    }
}

static GtkWidget *
fact_row_new (const GkProseFact *fact)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *value = format_value (fact->value);
  g_autofree char *sentence = g_strdup_printf ("“%s”", fact->text != NULL ? fact->text : "");
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fact->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sentence);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "title-4");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
show_missing (GkTableGrid *self)
{
  GkReport *report = self->report;
  guint n_facts = 0;

  if (report->kind == GK_REPORT_KIND_LEGACY)
    {
      gtk_label_set_text (GTK_LABEL (self->missing_title), _("No form tables in this report"));
      gtk_label_set_text (GTK_LABEL (self->missing_description),
                          _("It predates the 2019 form, so it has no table to read."));
    }
  else if (report->kind == GK_REPORT_KIND_NOT_REPORT)
    {
      gtk_label_set_text (GTK_LABEL (self->missing_title), _("Not an annual report"));
      gtk_label_set_text (GTK_LABEL (self->missing_description),
                          _("This page is something else, so it has no form tables."));
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->missing_title), _("Table not present in this page"));
      gtk_label_set_text (GTK_LABEL (self->missing_description),
                          _("Perhaps it was published as an image. Nothing here is read as zero."));
    }

  clear_box (self->facts_list);
  for (guint i = 0; report->prose_facts != NULL && i < report->prose_facts->len; i++)
    {
      const GkProseFact *fact = g_ptr_array_index (report->prose_facts, i);

      if (g_strcmp0 (gk_form_prose_fact_table (fact->id, fact->cell), self->table_key) != 0)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (self->facts_list), fact_row_new (fact));
      n_facts++;
    }
  gtk_widget_set_visible (self->facts_list, n_facts > 0);
  gtk_widget_set_visible (self->facts_empty, n_facts == 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "missing");
}

/* Refreshing ------------------------------------------------------------- */

/* The number of cells on a finding's left side: the figure it is about. */
static guint
left_side_length (const GkFinding *finding)
{
  const GkFormIdentity *identity = find_identity (finding->rule);
  guint n = 0;

  if (identity == NULL)
    return 1;
  while (n < G_N_ELEMENTS (identity->lhs) && identity->lhs[n].cell != NULL)
    n++;
  return MAX (n, 1);
}

static void
add_style (GkTableGrid *self,
           const char  *key,
           CellStyle    style)
{
  guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (self->styles, key));

  g_hash_table_insert (self->styles, (gpointer) key, GUINT_TO_POINTER (flags | style));
}

/* Every finding shows in the tooltips of the cells it names. The styles are
 * sparing, so that they point somewhere: a failing identity marks all its
 * operands; a warning, or a check that blanks leave uncertain and that
 * would fail even with blanks read as 0, marks only the figure it is about
 * (a total left blank while its parts are not). */
static void
index_findings (GkTableGrid *self)
{
  g_hash_table_remove_all (self->findings_by_key);
  g_hash_table_remove_all (self->styles);
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (self->findings, i);

      /* Digits run together show as such; their finding would only repeat it. */
      if (g_str_has_suffix (finding->rule, ".review"))
        continue;
      for (guint k = 0; finding->cells != NULL && finding->cells[k] != NULL; k++)
        {
          GPtrArray *list = g_hash_table_lookup (self->findings_by_key, finding->cells[k]);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (self->findings_by_key, finding->cells[k], list);
            }
          if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != finding)
            g_ptr_array_add (list, finding);
        }

      if (finding->severity == GK_SEVERITY_ERROR)
        for (guint k = 0; finding->cells != NULL && finding->cells[k] != NULL; k++)
          add_style (self, finding->cells[k], CELL_STYLE_FAILING);
      else if (finding->severity == GK_SEVERITY_WARNING || !finding->blanks_as_zero_hold)
        {
          guint n = left_side_length (finding);

          for (guint k = 0; finding->cells != NULL && finding->cells[k] != NULL && k < n; k++)
            add_style (self, finding->cells[k], CELL_STYLE_DOUBTFUL);
        }
    }
}

static void
index_suggestions (GkTableGrid *self)
{
  g_hash_table_remove_all (self->suggested);
  for (guint i = 0; self->report->suggestions != NULL && i < self->report->suggestions->len; i++)
    {
      const GkSuggestion *suggestion = g_ptr_array_index (self->report->suggestions, i);

      if (g_strcmp0 (suggestion->table, self->table_key) != 0)
        continue;
      for (guint k = 0; k < suggestion->cells->len; k++)
        g_hash_table_insert (self->suggested,
                             GUINT_TO_POINTER (g_array_index (suggestion->cells, guint, k) + 1),
                             &g_array_index (suggestion->values, double, k));
    }
}

static void
update_optional_columns (GkTableGrid *self)
{
  for (guint i = 0; i < self->page->optional_columns->len; i++)
    {
      OptionalColumn *optional = g_ptr_array_index (self->page->optional_columns, i);
      gboolean present = FALSE;

      for (guint k = 0; k < optional->cells->len && !present; k++)
        {
          GridCell *cell = g_ptr_array_index (optional->cells, k);
          guint index = cell->form_cell->index;

          present = self->report->cells[index].raw != NULL || gk_report_cell_is_edited (self->report, index);
        }
      for (guint k = 0; k < optional->widgets->len; k++)
        gtk_widget_set_visible (g_ptr_array_index (optional->widgets, k), present);
    }
}

static void
refresh (GkTableGrid *self)
{
  GkTableStatus status;
  gboolean missing;

  g_hash_table_remove_all (self->findings_by_key);
  g_hash_table_remove_all (self->styles);
  g_hash_table_remove_all (self->suggested);
  if (self->report == NULL)
    {
      self->page = NULL;
      self->focused = NULL;
      update_badge (self, FALSE);
      gtk_widget_set_visible (self->review_box, FALSE);
      gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "none");
      return;
    }

  status = self->report->tables[self->table_index].status;
  missing = self->report->layout == NULL || status == GK_TABLE_STATUS_NOT_PRESENT;
  update_badge (self, !missing);
  if (missing)
    {
      self->page = NULL;
      self->focused = NULL;
      gtk_widget_set_visible (self->review_box, FALSE);
      show_missing (self);
      return;
    }

  if (self->pages[self->report->version] == NULL)
    self->pages[self->report->version] = build_page (self, self->report->version);
  self->page = self->pages[self->report->version];
  /* A cell of the other version's grid indexes another layout. */
  if (self->focused != NULL
      && g_hash_table_lookup (self->page->by_key, self->focused->form_cell->key) != self->focused)
    self->focused = NULL;

  index_findings (self);
  index_suggestions (self);
  for (guint i = 0; i < self->page->cells->len; i++)
    grid_cell_refresh (self, g_ptr_array_index (self->page->cells, i));
  update_optional_columns (self);
  update_review (self, status == GK_TABLE_STATUS_NEEDS_REVIEW);
  gtk_stack_set_visible_child (GTK_STACK (self->content_stack), self->page->grid);
  update_restore_action (self);
}

static void
clear_highlight (GkTableGrid *self)
{
  for (guint i = 0; i < self->highlighted->len; i++)
    gtk_widget_remove_css_class (((GridCell *) g_ptr_array_index (self->highlighted, i))->entry,
                                 "gk-highlight");
  g_ptr_array_set_size (self->highlighted, 0);
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
gk_table_grid_new (const char *table_key)
{
  return g_object_new (GK_TYPE_TABLE_GRID, "table-key", table_key, NULL);
}

const char *
gk_table_grid_get_table_key (GkTableGrid *self)
{
  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  return self->table_key;
}

/**
 * gk_table_grid_set_report:
 * @self: a table grid
 * @report: (nullable): the report to show
 * @findings: (nullable): gk_check_report()'s findings for it
 *
 * Shows @report's table. The grid for a form version is built the first time
 * and kept: another report of the same version only refreshes the texts and
 * states. A draft being typed is dropped, since it belongs to the report
 * shown before.
 */
void
gk_table_grid_set_report (GkTableGrid *self,
                          GkReport    *report,
                          GPtrArray   *findings)
{
  g_return_if_fail (GK_IS_TABLE_GRID (self));

  if (self->focused != NULL)
    grid_cell_cancel (self, self->focused);
  clear_highlight (self);
  g_hash_table_remove_all (self->suggested);
  if (report != NULL)
    gk_report_ref (report);
  g_clear_pointer (&self->report, gk_report_unref);
  self->report = report;
  /* The indices point into the findings: empty them first. */
  g_hash_table_remove_all (self->findings_by_key);
  g_hash_table_remove_all (self->styles);
  if (findings != NULL)
    g_ptr_array_ref (findings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
  refresh (self);
}

/**
 * gk_table_grid_prepare:
 * @self: a table grid
 * @version: a form version with tables
 *
 * Builds the grid of @version ahead of need, so that the first report of
 * that form opens as fast as the next one.
 */
void
gk_table_grid_prepare (GkTableGrid   *self,
                       GkFormVersion  version)
{
  g_return_if_fail (GK_IS_TABLE_GRID (self));

  if (gk_form_get_layout (version) == NULL || self->pages[version] != NULL)
    return;
  self->pages[version] = build_page (self, version);
}

GkReport *
gk_table_grid_get_report (GkTableGrid *self)
{
  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  return self->report;
}

/**
 * gk_table_grid_update:
 * @self: a table grid
 * @findings: (nullable): the findings after the report changed
 *
 * Refreshes values, states, the badge and the review banner after an edit
 * of the report shown.
 */
void
gk_table_grid_update (GkTableGrid *self,
                      GPtrArray   *findings)
{
  g_return_if_fail (GK_IS_TABLE_GRID (self));

  g_hash_table_remove_all (self->findings_by_key);
  g_hash_table_remove_all (self->styles);
  if (findings != NULL)
    g_ptr_array_ref (findings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
  refresh (self);
}

/* Margin kept around a cell scrolled into view, so its neighbours show. */
#define SCROLL_MARGIN 24

static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport, *content;
  GtkAdjustment *hadjustment, *vadjustment;
  double left, top;

  if (scrolled == NULL || gtk_widget_get_width (widget) == 0)
    return;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (!GTK_IS_VIEWPORT (viewport) || (content = gtk_viewport_get_child (GTK_VIEWPORT (viewport))) == NULL)
    return;
  /* In the content's own coordinates, whatever the scroll offset is now. */
  if (!gtk_widget_translate_coordinates (widget, content, 0, 0, &left, &top))
    return;
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_clamp_page (hadjustment, left - SCROLL_MARGIN,
                             left + gtk_widget_get_width (widget) + SCROLL_MARGIN);
  gtk_adjustment_clamp_page (vadjustment, top - SCROLL_MARGIN,
                             top + gtk_widget_get_height (widget) + SCROLL_MARGIN);
}

/* Once more on the next frame: a grid just built, or the viewport's own
 * scroll to the focus, may move things after this call. */
static gboolean
scroll_on_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  scroll_into_view (widget);
  return G_SOURCE_REMOVE;
}

/**
 * gk_table_grid_select_cells:
 * @self: a table grid
 * @keys: (nullable): cell keys, such as a finding's cells
 *
 * Highlights the cells named, focuses the first this table shows and scrolls
 * it into view. Keys of other tables are ignored; %NULL clears.
 */
void
gk_table_grid_select_cells (GkTableGrid        *self,
                            const char * const *keys)
{
  GridCell *first = NULL;

  g_return_if_fail (GK_IS_TABLE_GRID (self));

  clear_highlight (self);
  if (self->page == NULL || keys == NULL)
    return;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      GridCell *cell = g_hash_table_lookup (self->page->by_key, keys[i]);

      if (cell == NULL || !gtk_widget_get_visible (cell->entry))
        continue;
      gtk_widget_add_css_class (cell->entry, "gk-highlight");
      g_ptr_array_add (self->highlighted, cell);
      if (first == NULL)
        first = cell;
    }
  if (first != NULL)
    {
      gtk_widget_grab_focus (first->entry);
      scroll_into_view (first->entry);
      gtk_widget_add_tick_callback (first->entry, scroll_on_tick, NULL, NULL);
    }
}

const char *
gk_table_grid_get_focused_cell (GkTableGrid *self)
{
  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  return self->focused != NULL ? self->focused->form_cell->key : NULL;
}

/**
 * gk_table_grid_get_cell_widget:
 * @self: a table grid
 * @key: a cell key
 *
 * Returns: (transfer none) (nullable): the entry of @key in the grid shown
 */
GtkWidget *
gk_table_grid_get_cell_widget (GkTableGrid *self,
                               const char  *key)
{
  GridCell *cell;

  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  if (self->page == NULL)
    return NULL;
  cell = g_hash_table_lookup (self->page->by_key, key);
  return cell != NULL ? cell->entry : NULL;
}

/**
 * gk_table_grid_describe_cell:
 * @self: a table grid
 * @key: a cell key
 *
 * Returns: (transfer full) (nullable): what the cell's tooltip says: where
 *   it is, its state, and the findings that name it
 */
char *
gk_table_grid_describe_cell (GkTableGrid *self,
                             const char  *key)
{
  GridCell *cell;

  g_return_val_if_fail (GK_IS_TABLE_GRID (self), NULL);
  if (self->page == NULL)
    return NULL;
  cell = g_hash_table_lookup (self->page->by_key, key);
  return cell != NULL ? describe_cell (self, cell) : NULL;
}

/* The badge's counts: findings whose rule starts with the table key. */
GkFindingCounts
gk_table_grid_get_counts (GkTableGrid *self)
{
  GkFindingCounts none = { 0, 0, 0 };

  g_return_val_if_fail (GK_IS_TABLE_GRID (self), none);
  return self->counts;
}

/* Actions ---------------------------------------------------------------- */

static void
restore_page_value_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GkTableGrid *self = GK_TABLE_GRID (widget);
  GridCell *cell = self->focused;

  if (cell == NULL || self->report == NULL)
    return;
  grid_cell_cancel (self, cell);
  if (gk_report_cell_is_edited (self->report, cell->form_cell->index))
    g_signal_emit (self, signals[CELL_EDITED], 0, cell->form_cell->key, NULL);
}

static gboolean
cancel_edit (GkTableGrid *self)
{
  if (self->focused == NULL || !grid_cell_is_dirty (self->focused))
    return FALSE;
  grid_cell_cancel (self, self->focused);
  return TRUE;
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cancel_edit (GK_TABLE_GRID (widget));
}

/* Esc cancels typing; with nothing typed it goes on to the window. */
static gboolean
cancel_edit_binding (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  return cancel_edit (GK_TABLE_GRID (widget));
}

static void
apply_suggestion_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_signal_emit (widget, signals[APPLY_SUGGESTION], 0, g_variant_get_uint32 (parameter));
}

/* GObject ---------------------------------------------------------------- */

static void
gk_table_grid_constructed (GObject *object)
{
  GkTableGrid *self = GK_TABLE_GRID (object);
  const GkFormTable *tables;
  guint n_tables;
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;

  G_OBJECT_CLASS (gk_table_grid_parent_class)->constructed (object);

  tables = gk_form_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    if (g_strcmp0 (tables[i].key, self->table_key) == 0)
      {
        self->table = &tables[i];
        self->table_index = i;
      }
  if (self->table == NULL)
    {
      g_critical ("No table “%s” in the form", self->table_key);
      self->table = &tables[0];
      self->table_index = 0;
      g_free (self->table_key);
      self->table_key = g_strdup (tables[0].key);
    }

  number = g_strdup_printf (_("Table %u"), section_number (self->table_key));
  title = g_strdup_printf ("%s · %s", number, self->table->title);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  set_chinese (GTK_LABEL (self->title_label));
  gtk_widget_add_css_class (GTK_WIDGET (self), self->table_key);
}

static void
gk_table_grid_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GkTableGrid *self = GK_TABLE_GRID (object);

  switch (prop_id)
    {
    case PROP_TABLE_KEY:
      g_value_set_string (value, self->table_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_table_grid_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GkTableGrid *self = GK_TABLE_GRID (object);

  switch (prop_id)
    {
    case PROP_TABLE_KEY:
      g_free (self->table_key);
      self->table_key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_table_grid_dispose (GObject *object)
{
  GkTableGrid *self = GK_TABLE_GRID (object);

  self->disposing = TRUE;
  self->focused = NULL;
  self->page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_TABLE_GRID);
  for (guint i = 0; i < G_N_ELEMENTS (self->pages); i++)
    g_clear_pointer (&self->pages[i], grid_page_free);
  if (self->highlighted != NULL)
    g_ptr_array_set_size (self->highlighted, 0);
  g_clear_pointer (&self->report, gk_report_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->cell_menu);

  G_OBJECT_CLASS (gk_table_grid_parent_class)->dispose (object);
}

static void
gk_table_grid_finalize (GObject *object)
{
  GkTableGrid *self = GK_TABLE_GRID (object);

  g_free (self->table_key);
  g_clear_pointer (&self->findings_by_key, g_hash_table_unref);
  g_clear_pointer (&self->styles, g_hash_table_unref);
  g_clear_pointer (&self->suggested, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_table_grid_parent_class)->finalize (object);
}

static void
gk_table_grid_class_init (GkTableGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gk_table_grid_constructed;
  object_class->get_property = gk_table_grid_get_property;
  object_class->set_property = gk_table_grid_set_property;
  object_class->dispose = gk_table_grid_dispose;
  object_class->finalize = gk_table_grid_finalize;

  properties[PROP_TABLE_KEY] =
    g_param_spec_string ("table-key", NULL, NULL, "t3",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GkTableGrid::cell-edited:
   * @key: the cell key, "t3.new.natural"
   * @raw: (nullable): the text typed, trimmed; %NULL to restore the page's value
   */
  signals[CELL_EDITED] =
    g_signal_new ("cell-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[CELL_FOCUSED] =
    g_signal_new ("cell-focused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * GkTableGrid::apply-suggestion:
   * @index: into the report's suggestions
   */
  signals[APPLY_SUGGESTION] =
    g_signal_new ("apply-suggestion", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-table-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, main_box);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, title_label);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, badge_box);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, review_box);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, review_detail);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, missing_title);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, missing_description);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, facts_heading);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, facts_list);
  gtk_widget_class_bind_template_child (widget_class, GkTableGrid, facts_empty);

  gtk_widget_class_install_action (widget_class, "table-grid.restore-page-value", NULL,
                                   restore_page_value_action);
  gtk_widget_class_install_action (widget_class, "table-grid.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "table-grid.apply-suggestion", "u",
                                   apply_suggestion_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, cancel_edit_binding, NULL);

  gtk_widget_class_set_css_name (widget_class, "gk-table-grid");
}

static void
gk_table_grid_init (GkTableGrid *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->findings_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) g_ptr_array_unref);
  self->styles = g_hash_table_new (g_str_hash, g_str_equal);
  self->suggested = g_hash_table_new (NULL, NULL);
  self->highlighted = g_ptr_array_new ();

  g_menu_append (menu, _("_Restore Page Value"), "table-grid.restore-page-value");
  self->cell_menu = G_MENU_MODEL (g_steal_pointer (&menu));

  /* Ctrl+Backspace deletes a word in a text field: catch it on the way down. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_BackSpace,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("table-grid.restore-page-value")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table-grid.restore-page-value", FALSE);
}
