/* gk-findings-panel.c — the findings of one report, grouped by severity,
 * with dismissal and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gk-findings-panel.h"
#include "gk-tooltip.h"

/* A rule with at least this many findings of one severity folds into one
 * expander row: 23 uncertain row totals read as one line, not 23. */
#define FOLD_THRESHOLD 3

#define FINDING_ID_KEY "gk-finding-id"

/* The narrowest a wrapping label of a row gets, in characters. */
#define MIN_WRAP_CHARS 10

#define GK_N_SEVERITIES (GK_SEVERITY_UNCERTAIN + 1)

/* The findings of one severity: a header and a boxed list. */
typedef struct
{
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *list;
} GkSection;

struct _GkFindingsPanel
{
  GtkWidget   parent_instance;

  GkReport   *report;
  GPtrArray  *findings;
  GHashTable *dismissed;
  GPtrArray  *dismissed_findings;
  gboolean    chinese;
  GHashTable *expanded;    /* keys of expander rows the user opened, kept across updates */

  /* What the last update showed, for the next one to keep: an edit changes
   * a finding or two, and a row built and laid out again costs more than
   * the whole rest of an update. */
  GHashTable *rows;        /* what a row shows (gk_row_content_dup_key()) → GtkListBoxRow */
  GHashTable *folds;       /* "error:t3.balance" → AdwExpanderRow */
  GkSection   severity_sections[GK_N_SEVERITIES];
  GtkWidget  *dismissed_expander;

  /* template children */
  GtkWidget     *scroller;
  AdwStatusPage *status_page;
  GtkBox        *sections;
  GtkBox        *dismissed_box;
  GtkPopover    *dismiss_popover;
  GtkEntry      *reason_entry;
  GtkWidget     *confirm_button;

  char          *dismiss_id;  /* the finding the popover dismisses */
};

G_DEFINE_FINAL_TYPE (GkFindingsPanel, gk_findings_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHINESE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINDING_ACTIVATED,
  DISMISS_REQUESTED,
  RESTORE_REQUESTED,
  OPEN_REPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
gk_findings_panel_new (void)
{
  return g_object_new (GK_TYPE_FINDINGS_PANEL, NULL);
}

/* ---- Words ------------------------------------------------------------- */

static gboolean
gk_findings_panel_language_is_chinese (void)
{
  const char * const *names = g_get_language_names_with_category ("LC_MESSAGES");

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

/* The form cell of @key. Cross-year findings name cells with their year,
 * "t3.carried_out.total@2022", and the other year may be on the other form. */
static const GkFormCell *
gk_findings_panel_lookup_cell (GkFindingsPanel *self,
                               const char      *key,
                               int             *year)
{
  static const GkFormVersion versions[] = { GK_FORM_2021, GK_FORM_2019 };
  const char *at = strchr (key, '@');
  g_autofree char *bare = NULL;
  const GkFormCell *cell = NULL;

  *year = 0;
  if (at != NULL)
    {
      bare = g_strndup (key, at - key);
      *year = atoi (at + 1);
      key = bare;
    }
  if (self->report != NULL && self->report->layout != NULL)
    cell = gk_form_layout_lookup (self->report->layout, key);
  for (guint i = 0; cell == NULL && i < G_N_ELEMENTS (versions); i++)
    cell = gk_form_layout_lookup (gk_form_get_layout (versions[i]), key);
  return cell;
}

static const char *
gk_findings_panel_row_label (GkFindingsPanel  *self,
                             const GkFormCell *cell)
{
  return self->chinese ? cell->row->label : cell->row->label_en;
}

static const char *
gk_findings_panel_column_label (GkFindingsPanel  *self,
                                const GkFormCell *cell)
{
  return self->chinese ? cell->column->label : cell->column->label_en;
}

static void
append_year (GString *text,
             int      year)
{
  if (year != 0)
    /* TRANSLATORS: the year a cell of a cross-year finding belongs to */
    g_string_append_printf (text, C_("cell year", " (%d)"), year);
}

/* The cells as row · column labels, folded when they share a row
 * ("行政复议 · 总计; 结果维持; …") or a column. A label the row already
 * says (@known, the scope of a folded row) is left out. */
static char *
gk_findings_panel_describe_cells (GkFindingsPanel    *self,
                                  const char * const *keys,
                                  const char         *known)
{
  /* TRANSLATORS: separates items of a list of table cells */
  const char *separator = C_("list separator", "; ");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree const GkFormCell **cells = NULL;
  g_autofree int *years = NULL;
  guint n = keys != NULL ? g_strv_length ((char **) keys) : 0;
  gboolean resolved = TRUE, same_row = n > 1, same_column = n > 1, same_year = TRUE;

  if (n == 0)
    return NULL;

  cells = g_new0 (const GkFormCell *, n);
  years = g_new0 (int, n);
  for (guint i = 0; i < n; i++)
    {
      cells[i] = gk_findings_panel_lookup_cell (self, keys[i], &years[i]);
      resolved &= cells[i] != NULL;
    }
  for (guint i = 1; resolved && i < n; i++)
    {
      same_row &= cells[i]->row == cells[0]->row;
      same_column &= g_str_equal (cells[i]->column->key, cells[0]->column->key);
      same_year &= years[i] == years[0];
    }

  if (resolved && (same_row || same_column))
    {
      const char *shared = same_row ? gk_findings_panel_row_label (self, cells[0])
                                    : gk_findings_panel_column_label (self, cells[0]);
      gboolean say_shared = g_strcmp0 (shared, known) != 0;

      if (same_row && say_shared)
        g_string_append_printf (text, "%s · ", shared);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (text, separator);
          g_string_append (text, same_row ? gk_findings_panel_column_label (self, cells[i])
                                          : gk_findings_panel_row_label (self, cells[i]));
          if (!same_year)
            append_year (text, years[i]);
        }
      if (!same_row && say_shared)
        g_string_append_printf (text, " · %s", shared);
      if (same_year)
        append_year (text, years[0]);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (text, separator);
          if (cells[i] == NULL)
            {
              g_string_append (text, keys[i]);
              continue;
            }
          g_string_append_printf (text, "%s · %s", gk_findings_panel_row_label (self, cells[i]),
                                  gk_findings_panel_column_label (self, cells[i]));
          append_year (text, years[i]);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
strip_suffix (GString    *text,
              const char *suffix)
{
  gsize length = strlen (suffix);

  if (length == 0 || text->len < length || strcmp (text->str + text->len - length, suffix) != 0)
    return FALSE;
  g_string_truncate (text, text->len - length);
  return TRUE;
}

static void
strip_separator (GString *text)
{
  if (!strip_suffix (text, "："))
    strip_suffix (text, ": ");
}

/* The message without what the row shows on lines of its own: the formula,
 * the keys of the missing cells, and "holds if blanks are read as 0". */
static char *
gk_findings_panel_dup_summary (GkFindingsPanel *self,
                               const GkFinding *finding)
{
  const char *message = self->chinese ? finding->message : finding->message_en;
  g_autoptr(GString) text = g_string_new (message != NULL ? message : finding->rule);

  if (finding->blanks_as_zero_hold)
    {
      if (!strip_suffix (text, "（空白若按 0 计则成立）"))
        strip_suffix (text, " (it holds if blanks are read as 0)");
    }
  if (finding->missing != NULL && finding->missing[0] != NULL)
    {
      g_autofree char *keys = g_strjoinv (", ", finding->missing);

      if (strip_suffix (text, keys))
        strip_separator (text);
    }
  if (finding->formula != NULL && !g_str_equal (finding->formula, "?")
      && strip_suffix (text, finding->formula))
    strip_separator (text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What the finding's rule ran over, as a label: 商业企业, 行政复议. */
static const char *
gk_findings_panel_scope_label (GkFindingsPanel *self,
                               const GkFinding *finding)
{
  const GkFormCell *cell;
  int year;

  if (finding->cells == NULL || finding->cells[0] == NULL)
    return NULL;
  cell = gk_findings_panel_lookup_cell (self, finding->cells[0], &year);
  if (cell == NULL)
    return NULL;
  if (g_strcmp0 (cell->column->key, finding->scope) == 0)
    return gk_findings_panel_column_label (self, cell);
  if (g_strcmp0 (cell->row->key, finding->scope) == 0)
    return gk_findings_panel_row_label (self, cell);
  return NULL;
}

static const GkFormIdentity *
find_identity (const char *rule)
{
  const GkFormIdentity *identities;
  guint n;

  identities = gk_form_get_identities (&n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (identities[i].id, rule) == 0)
      return &identities[i];
  identities = gk_form_get_cross_identities (&n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (identities[i].id, rule) == 0)
      return &identities[i];
  return NULL;
}

static const char *
severity_icon_name (GkSeverity severity)
{
  switch (severity)
    {
    case GK_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case GK_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case GK_SEVERITY_UNCERTAIN:
    default:
      return "dialog-question-symbolic";
    }
}

static const char *
severity_name (GkSeverity severity)
{
  switch (severity)
    {
    case GK_SEVERITY_ERROR:
      return _("Error");
    case GK_SEVERITY_WARNING:
      return _("Warning");
    case GK_SEVERITY_UNCERTAIN:
    default:
      return _("Uncertain");
    }
}

static GtkWidget *
severity_icon_new (GkSeverity severity)
{
  GtkWidget *image = gtk_image_new_from_icon_name (severity_icon_name (severity));

  gtk_widget_add_css_class (image, "gk-severity");
  gtk_widget_add_css_class (image, severity == GK_SEVERITY_ERROR ? "error"
                                   : severity == GK_SEVERITY_WARNING ? "warning" : "dim-label");
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gk_widget_set_tooltip (image, severity_name (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, severity_name (severity),
                                  -1);
  return image;
}

/* A label wrapping words, and within a word only when it must (cell keys,
 * formulas). Without a width in characters its minimum width is one
 * character, which GTK finds by laying the text out a character to a line:
 * milliseconds for a long cell list, on every measure. */
static void
wrap_label (GtkWidget *label)
{
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN_WRAP_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
}

static GtkWidget *
caption_label_new (const char *text,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  wrap_label (label);
  gtk_widget_add_css_class (label, "caption");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* ---- Dismissing -------------------------------------------------------- */

/* One popover serves every row. It belongs to the panel, not to a row, so
 * it outlives the rows an update rebuilds: GTK 4.8 keeps using a pending
 * tooltip's popover surface after the popover is destroyed. */
static void
gk_findings_panel_popup_dismiss (GkFindingsPanel *self,
                                 GtkWidget       *button,
                                 const char      *id)
{
  graphene_rect_t bounds;

  g_free (self->dismiss_id);
  self->dismiss_id = g_strdup (id);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  if (gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (self->dismiss_popover,
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_popup (self->dismiss_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
}

static void
on_row_dismiss_clicked (GtkButton       *button,
                        GkFindingsPanel *self)
{
  gk_findings_panel_popup_dismiss (self, GTK_WIDGET (button),
                                   g_object_get_data (G_OBJECT (button), FINDING_ID_KEY));
}

static char *
gk_findings_panel_dup_reason (GkFindingsPanel *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));
}

static void
on_reason_changed (GkFindingsPanel *self)
{
  g_autofree char *reason = gk_findings_panel_dup_reason (self);

  gtk_widget_set_sensitive (self->confirm_button, reason[0] != '\0');
}

static GtkWidget *find_row (GtkWidget  *widget,
                            const char *id);

static void
on_confirm_dismiss (GkFindingsPanel *self)
{
  g_autofree char *reason = gk_findings_panel_dup_reason (self);
  g_autofree char *id = NULL;
  GtkWidget *row;

  if (reason[0] == '\0' || self->dismiss_id == NULL)
    return;
  id = g_steal_pointer (&self->dismiss_id);
  gtk_popover_popdown (self->dismiss_popover);
  /* The keyboard goes back to the row; when the window answers with the
   * findings updated, it moves on to the next one. */
  row = find_row (GTK_WIDGET (self), id);
  if (row != NULL)
    gtk_widget_grab_focus (row);
  gtk_widget_activate_action (GTK_WIDGET (self), "findings.dismiss", "(ss)", id, reason);
}

/* Cancelled: the keyboard goes back to the finding. */
static void
on_dismiss_popover_closed (GkFindingsPanel *self)
{
  g_autofree char *id = g_steal_pointer (&self->dismiss_id);
  GtkWidget *row = id != NULL ? find_row (GTK_WIDGET (self), id) : NULL;

  if (row != NULL)
    gtk_widget_grab_focus (row);
}

/* ---- Rows -------------------------------------------------------------- */

/* key → widget, holding a reference */
static GHashTable *
widget_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* What the row of a finding shows, worked out before any widget: when it
 * equals what a row of the last update shows, that row stays. */
typedef struct
{
  char       *id;
  GkSeverity  severity;
  gboolean    folded;
  char       *title;
  char       *formula;      /* NULL: none to show */
  char       *cells;        /* "Missing: …" or "Cells: …", or NULL */
  gboolean    missing;      /* @cells names the missing cells */
  gboolean    blanks_hold;
  int         other_year;
  char       *tooltip;      /* folded rows: the whole message */
} GkRowContent;

static void
gk_findings_panel_row_content_init (GkFindingsPanel *self,
                                    GkRowContent    *content,
                                    const GkFinding *finding,
                                    gboolean         folded)
{
  const char *scope = folded ? gk_findings_panel_scope_label (self, finding) : NULL;
  const char *message = self->chinese ? finding->message : finding->message_en;

  content->id = gk_finding_dup_id (finding);
  content->severity = finding->severity;
  content->folded = folded;
  content->title = scope != NULL ? g_strdup (scope) : gk_findings_panel_dup_summary (self, finding);
  content->formula = finding->formula != NULL && !g_str_equal (finding->formula, "?")
                     ? g_strdup (finding->formula) : NULL;
  content->missing = finding->missing != NULL && finding->missing[0] != NULL;
  if (content->missing)
    {
      g_autofree char *missing = gk_findings_panel_describe_cells (self,
                                                                   (const char * const *) finding->missing,
                                                                   scope);
      content->cells = g_strdup_printf (_("Missing: %s"), missing);
    }
  else if (finding->cells != NULL && finding->cells[0] != NULL)
    {
      g_autofree char *cells = gk_findings_panel_describe_cells (self,
                                                                 (const char * const *) finding->cells,
                                                                 scope);
      content->cells = g_strdup_printf (_("Cells: %s"), cells);
    }
  content->blanks_hold = finding->blanks_as_zero_hold;
  content->other_year = finding->other_year;
  content->tooltip = folded ? g_strdup (message) : NULL;
}

static void
gk_row_content_clear (GkRowContent *content)
{
  g_clear_pointer (&content->id, g_free);
  g_clear_pointer (&content->title, g_free);
  g_clear_pointer (&content->formula, g_free);
  g_clear_pointer (&content->cells, g_free);
  g_clear_pointer (&content->tooltip, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GkRowContent, gk_row_content_clear)

static char *
gk_row_content_dup_key (const GkRowContent *content)
{
  return g_strdup_printf ("%s\x1f%d\x1f%d\x1f%s\x1f%s\x1f%d\x1f%s\x1f%d\x1f%d\x1f%s",
                          content->id, content->severity, content->folded, content->title,
                          content->formula != NULL ? content->formula : "",
                          content->missing, content->cells != NULL ? content->cells : "",
                          content->blanks_hold, content->other_year,
                          content->tooltip != NULL ? content->tooltip : "");
}

/* A row is a grid, not nested boxes: a horizontal GtkBox in GTK 4.8
 * measures a wrapping child's width for a height by binary search, and a
 * label answers that with a binary search of its own, so boxes around
 * wrapping labels made every frame lay out each text hundreds of times. A
 * grid measures each child once for its column's width.
 *
 *   [icon] title ······························
 *          formula ····························
 *          details ·················  [Dismiss…] */
static GtkWidget *
gk_findings_panel_build_row (GkFindingsPanel    *self,
                             const GkRowContent *content)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title = gtk_label_new (content->title);
  GtkWidget *details = NULL;
  GtkWidget *dismiss = gtk_button_new_with_label (_("Dismiss…"));
  int column = content->folded ? 0 : 1;  /* where the text starts */
  int line = 0;

  gtk_widget_add_css_class (row, "gk-finding");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 6);

  if (!content->folded)
    {
      GtkWidget *icon = severity_icon_new (content->severity);

      gtk_widget_set_margin_top (icon, 2);
      /* 12 px from the text, with the column spacing */
      gtk_widget_set_margin_end (icon, 6);
      gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);
    }
  else if (content->tooltip != NULL)
    /* The folded row says only what its expander does not. */
    gk_widget_set_tooltip (row, content->tooltip);

  wrap_label (title);
  gtk_widget_set_margin_end (title, 6);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_grid_attach (GTK_GRID (grid), title, column, line++, 2, 1);

  if (content->formula != NULL)
    {
      GtkWidget *formula = caption_label_new (content->formula, "monospace");

      gtk_widget_add_css_class (formula, "gk-formula");
      gtk_grid_attach (GTK_GRID (grid), formula, column, line++, 2, 1);
    }

  if (content->cells != NULL)
    details = caption_label_new (content->cells, content->missing ? NULL : "dim-label");

  /* The last line of text shares its line with the buttons. */
  if (content->blanks_hold)
    {
      if (details != NULL)
        gtk_grid_attach (GTK_GRID (grid), g_steal_pointer (&details), column, line++, 2, 1);
      details = caption_label_new (_("Holds if blanks are read as 0"), "success");
    }
  if (content->other_year != 0)
    {
      g_autofree char *text = g_strdup_printf (_("Open the %d Report"), content->other_year);
      GtkWidget *open = gtk_button_new ();
      GtkWidget *label = gtk_label_new (text);

      /* Wrapping, so a long translation still fits a narrow pane. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_button_set_child (GTK_BUTTON (open), label);

      if (details != NULL)
        gtk_grid_attach (GTK_GRID (grid), g_steal_pointer (&details), column, line++, 2, 1);
      details = open;
      gtk_widget_set_halign (open, GTK_ALIGN_START);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_add_css_class (open, "gk-row-button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "findings.open-report");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (open),
                                              g_variant_new_int32 (content->other_year));
    }
  if (details == NULL)
    details = gtk_label_new (NULL);
  gtk_widget_set_hexpand (details, TRUE);
  gtk_widget_set_valign (details, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (grid), details, column, line, 1, 1);

  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_add_css_class (dismiss, "gk-row-button");
  gtk_widget_set_valign (dismiss, GTK_ALIGN_END);
  gk_widget_set_tooltip (dismiss, _("Dismiss this finding, with a reason (Delete)"));
  g_object_set_data_full (G_OBJECT (dismiss), FINDING_ID_KEY, g_strdup (content->id), g_free);
  g_signal_connect (dismiss, "clicked", G_CALLBACK (on_row_dismiss_clicked), self);
  gtk_grid_attach (GTK_GRID (grid), dismiss, column + 1, line, 1, 1);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  g_object_set_data (G_OBJECT (row), "gk-dismiss-button", dismiss);
  g_object_set_data_full (G_OBJECT (row), FINDING_ID_KEY, g_strdup (content->id), g_free);
  return row;
}

/* The row for @key: the last update's when it showed the same, else a new
 * one from @build. @fresh collects the rows of this update. */
static GtkWidget *
gk_findings_panel_take_row (GkFindingsPanel *self,
                            GHashTable      *fresh,
                            char            *key,
                            GtkWidget     *(*build) (GkFindingsPanel *panel,
                                                     gconstpointer    data),
                            gconstpointer    content)
{
  gpointer old_key = NULL, row = NULL;

  /* Two findings alike (never expected) get a row each. */
  if (g_hash_table_contains (fresh, key))
    {
      g_free (key);
      return build (self, content);
    }
  if (g_hash_table_steal_extended (self->rows, key, &old_key, &row))
    g_free (old_key);
  else
    row = g_object_ref_sink (build (self, content));
  g_hash_table_insert (fresh, key, row);
  return row;
}

static GtkWidget *
build_finding_row (GkFindingsPanel *self,
                   gconstpointer    content)
{
  return gk_findings_panel_build_row (self, content);
}

static GtkWidget *
gk_findings_panel_take_finding_row (GkFindingsPanel *self,
                                    GHashTable      *fresh,
                                    const GkFinding *finding,
                                    gboolean         folded)
{
  g_auto(GkRowContent) content = { 0 };

  gk_findings_panel_row_content_init (self, &content, finding, folded);
  return gk_findings_panel_take_row (self, fresh, gk_row_content_dup_key (&content),
                                     build_finding_row, &content);
}

/* Takes @row out of the list it is in, if any. */
static void
detach_row (GtkWidget *row)
{
  GtkWidget *parent = gtk_widget_get_parent (row);

  if (GTK_IS_LIST_BOX (parent))
    gtk_list_box_remove (GTK_LIST_BOX (parent), row);
}

/* Makes @list hold @wanted, in order, moving as few rows as it can: rows
 * that stay keep their place, their style and their measured sizes. */
static void
sync_list (GtkListBox *list,
           GPtrArray  *wanted)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (NULL, NULL);
  GtkListBoxRow *row;
  guint i = 0;

  for (guint j = 0; j < wanted->len; j++)
    g_hash_table_add (keep, g_ptr_array_index (wanted, j));
  while ((row = gtk_list_box_get_row_at_index (list, i)) != NULL)
    {
      if (g_hash_table_contains (keep, row))
        i++;
      else
        gtk_list_box_remove (list, GTK_WIDGET (row));
    }
  for (i = 0; i < wanted->len; i++)
    {
      GtkWidget *want = g_ptr_array_index (wanted, i);

      if (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i)) == want)
        continue;
      g_object_ref (want);
      detach_row (want);
      gtk_list_box_insert (list, want, i);
      g_object_unref (want);
    }
}

/* The list of rows inside @expander, which adds it with its first row. */
static GtkListBox *
expander_list (AdwExpanderRow *expander,
               GtkWidget      *first_row)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (expander), "gk-rows");

  if (list == NULL)
    {
      g_object_ref (first_row);
      detach_row (first_row);
      adw_expander_row_add_row (expander, first_row);
      g_object_unref (first_row);
      list = GTK_LIST_BOX (gtk_widget_get_parent (first_row));
      g_object_set_data (G_OBJECT (expander), "gk-rows", list);
    }
  return list;
}

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  GkFindingsPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), FINDING_ID_KEY);

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "findings.activate", "s", id);
}

static void gk_findings_panel_fill_fold (GkFindingsPanel *self,
                                         AdwExpanderRow  *expander,
                                         GHashTable      *fresh_rows);

static void
on_expanded_changed (AdwExpanderRow  *expander,
                     GParamSpec      *pspec,
                     GkFindingsPanel *self)
{
  const char *key = g_object_get_data (G_OBJECT (expander), "gk-group-key");

  if (!adw_expander_row_get_expanded (expander))
    {
      g_hash_table_remove (self->expanded, key);
      return;
    }
  g_hash_table_add (self->expanded, g_strdup (key));
  /* A fold gets its rows when first opened. */
  if (g_object_get_data (G_OBJECT (expander), "gk-group") != NULL
      && g_object_get_data (G_OBJECT (expander), "gk-rows") == NULL)
    {
      g_autoptr(GHashTable) fresh_rows = widget_table_new ();
      GHashTableIter iter;
      gpointer row_key, row;

      gk_findings_panel_fill_fold (self, expander, fresh_rows);
      g_hash_table_iter_init (&iter, fresh_rows);
      while (g_hash_table_iter_next (&iter, &row_key, &row))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_replace (self->rows, row_key, row);
        }
    }
}

static void
set_title (AdwPreferencesRow *row,
           const char        *title)
{
  if (g_strcmp0 (adw_preferences_row_get_title (row), title) != 0)
    adw_preferences_row_set_title (row, title);
}

static void
set_subtitle (AdwExpanderRow *row,
              const char     *subtitle)
{
  if (g_strcmp0 (adw_expander_row_get_subtitle (row), subtitle) != 0)
    adw_expander_row_set_subtitle (row, subtitle);
}

/* An expander row that keeps its key, opened as the user last left it. */
static GtkWidget *
expander_new (GkFindingsPanel *self,
              const char      *key)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  g_object_set_data_full (G_OBJECT (expander), "gk-group-key", g_strdup (key), g_free);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_expanded_changed), self);
  return expander;
}

static void
gk_findings_panel_restore_expanded (GkFindingsPanel *self,
                                    AdwExpanderRow  *expander)
{
  const char *key = g_object_get_data (G_OBJECT (expander), "gk-group-key");
  gboolean expanded = g_hash_table_contains (self->expanded, key);

  if (adw_expander_row_get_expanded (expander) != expanded)
    adw_expander_row_set_expanded (expander, expanded);
}

static GtkWidget *
gk_findings_panel_take_fold (GkFindingsPanel      *self,
                             GHashTable           *fresh_rows,
                             GHashTable           *fresh_folds,
                             GkSeverity            severity,
                             const GkFormIdentity *identity,
                             GPtrArray            *group)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", gk_severity_to_string (severity), identity->id);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gpointer old_key = NULL, expander = NULL;
  guint holding = 0;

  for (guint i = 0; i < group->len; i++)
    holding += ((GkFinding *) g_ptr_array_index (group, i))->blanks_as_zero_hold ? 1 : 0;
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u check", "%u checks", group->len),
                          group->len);
  if (holding > 0)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u holds if blanks are read as 0",
                                           "%u hold if blanks are read as 0", holding),
                              holding);
    }

  if (g_hash_table_steal_extended (self->folds, key, &old_key, &expander))
    g_free (old_key);
  else
    {
      expander = g_object_ref_sink (expander_new (self, key));
      adw_expander_row_add_prefix (expander, severity_icon_new (severity));
      gtk_widget_add_css_class (expander, "gk-finding-fold");
    }
  g_hash_table_insert (fresh_folds, g_steal_pointer (&key), expander);
  set_title (expander, self->chinese ? identity->text : identity->text_en);
  set_subtitle (expander, subtitle->str);
  /* Its findings, for its rows; they live as long as self->findings. */
  g_object_set_data_full (expander, "gk-group", g_ptr_array_ref (group),
                          (GDestroyNotify) g_ptr_array_unref);

  g_signal_handlers_block_by_func (expander, on_expanded_changed, self);
  gk_findings_panel_restore_expanded (self, expander);
  g_signal_handlers_unblock_by_func (expander, on_expanded_changed, self);
  /* A closed fold that was never opened has no rows yet: most of a long
   * report's findings sit in folds nobody opens. */
  if (adw_expander_row_get_expanded (expander) || g_object_get_data (expander, "gk-rows") != NULL)
    gk_findings_panel_fill_fold (self, expander, fresh_rows);
  return expander;
}

static void
gk_findings_panel_fill_fold (GkFindingsPanel *self,
                             AdwExpanderRow  *expander,
                             GHashTable      *fresh_rows)
{
  GPtrArray *group = g_object_get_data (G_OBJECT (expander), "gk-group");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean is_new = g_object_get_data (G_OBJECT (expander), "gk-rows") == NULL;
  GtkListBox *list;

  for (guint i = 0; i < group->len; i++)
    g_ptr_array_add (rows, gk_findings_panel_take_finding_row (self, fresh_rows,
                                                               g_ptr_array_index (group, i), TRUE));
  list = expander_list (expander, g_ptr_array_index (rows, 0));
  /* The expander's own list activates its rows, on click and on Enter. */
  if (is_new)
    g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);
  sync_list (list, rows);
}

/* ---- Sections ---------------------------------------------------------- */

static const char *
section_description (GkSeverity severity)
{
  switch (severity)
    {
    case GK_SEVERITY_ERROR:
      return _("Identities of this report that fail.");
    case GK_SEVERITY_WARNING:
      return _("Differences across years, or between the text and the tables. Their scopes may differ.");
    case GK_SEVERITY_UNCERTAIN:
    default:
      return _("Values are missing, so these identities cannot be checked.");
    }
}

static char *
section_title (GkSeverity severity,
               guint      n)
{
  switch (severity)
    {
    case GK_SEVERITY_ERROR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Error", "%u Errors", n), n);
    case GK_SEVERITY_WARNING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Warning", "%u Warnings", n), n);
    case GK_SEVERITY_UNCERTAIN:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Uncertain Check",
                                           "%u Uncertain Checks", n), n);
    }
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* The three sections, made once and hidden while empty. */
static void
gk_findings_panel_add_sections (GkFindingsPanel *self)
{
  for (GkSeverity severity = GK_SEVERITY_ERROR; severity < GK_N_SEVERITIES; severity++)
    {
      GkSection *section = &self->severity_sections[severity];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      section->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      section->title = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (section->title), 0);
      gtk_label_set_wrap (GTK_LABEL (section->title), TRUE);
      gtk_widget_add_css_class (section->title, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->title),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_box_append (GTK_BOX (header), section->title);
      gtk_box_append (GTK_BOX (header), caption_label_new (section_description (severity), "dim-label"));
      gtk_box_append (GTK_BOX (section->box), header);

      section->list = boxed_list_new ();
      g_signal_connect (section->list, "row-activated", G_CALLBACK (on_row_activated), self);
      gtk_box_append (GTK_BOX (section->box), section->list);
      gtk_widget_set_visible (section->box, FALSE);
      gtk_box_append (self->sections, section->box);
    }
}

static void
gk_findings_panel_update_section (GkFindingsPanel *self,
                                  GkSeverity       severity,
                                  GHashTable      *fresh_rows,
                                  GHashTable      *fresh_folds)
{
  GkSection *section = &self->severity_sections[severity];
  g_autoptr(GPtrArray) of_severity = g_ptr_array_new ();
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *title = NULL;

  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      GkFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->severity != severity)
        continue;
      g_ptr_array_add (of_severity, finding);
      if (!g_ptr_array_find_with_equal_func (rules, finding->rule, g_str_equal, NULL))
        g_ptr_array_add (rules, finding->rule);
    }

  /* Rules in the order their first finding comes, each folded when it has
   * many findings and an identity to name the fold. */
  for (guint r = 0; r < rules->len; r++)
    {
      const char *rule = g_ptr_array_index (rules, r);
      const GkFormIdentity *identity = find_identity (rule);
      g_autoptr(GPtrArray) group = g_ptr_array_new ();

      for (guint i = 0; i < of_severity->len; i++)
        {
          GkFinding *finding = g_ptr_array_index (of_severity, i);
          if (g_str_equal (finding->rule, rule))
            g_ptr_array_add (group, finding);
        }

      if (identity != NULL && group->len >= FOLD_THRESHOLD)
        g_ptr_array_add (items, gk_findings_panel_take_fold (self, fresh_rows, fresh_folds,
                                                            severity, identity, group));
      else
        for (guint i = 0; i < group->len; i++)
          g_ptr_array_add (items, gk_findings_panel_take_finding_row (self, fresh_rows,
                                                                     g_ptr_array_index (group, i),
                                                                     FALSE));
    }

  sync_list (GTK_LIST_BOX (section->list), items);
  gtk_widget_set_visible (section->box, of_severity->len > 0);
  if (of_severity->len == 0)
    return;
  title = section_title (severity, of_severity->len);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (section->title)), title) != 0)
    {
      gtk_label_set_text (GTK_LABEL (section->title), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
}

/* ---- Dismissed --------------------------------------------------------- */

typedef struct
{
  const GkFinding *finding;
  char            *id;
  char            *summary;
  char            *subtitle;
} GkDismissedContent;

/* Laid out as an AdwActionRow is (style.css gives it the same height), but
 * on a grid: an action row holds its wrapping title in a horizontal box,
 * which GTK 4.8 measures by a search (see gk_findings_panel_build_row()),
 * some 3 ms a row.
 *
 *   [icon]  summary ····················  [Restore]
 *           Reason: … */
static GtkWidget *
build_dismissed_row (GkFindingsPanel *self,
                     gconstpointer    data)
{
  const GkDismissedContent *content = data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = severity_icon_new (content->finding->severity);
  GtkWidget *title = gtk_label_new (content->summary);
  GtkWidget *subtitle = gtk_label_new (content->subtitle);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_widget_set_valign (grid, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (icon, 6);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 2);

  wrap_label (title);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_margin_top (title, 6);
  gtk_grid_attach (GTK_GRID (grid), title, 1, 0, 1, 1);
  wrap_label (subtitle);
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_widget_set_margin_bottom (subtitle, 6);
  gtk_grid_attach (GTK_GRID (grid), subtitle, 1, 1, 1, 1);

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gk_widget_set_tooltip (restore, _("List this finding again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "findings.restore");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (restore), g_variant_new_string (content->id));
  gtk_grid_attach (GTK_GRID (grid), restore, 2, 0, 1, 2);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_widget_add_css_class (row, "gk-finding-dismissed");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle, NULL,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), FINDING_ID_KEY, g_strdup (content->id), g_free);
  return row;
}

static GtkWidget *
gk_findings_panel_take_dismissed_row (GkFindingsPanel *self,
                                      GHashTable      *fresh,
                                      const GkFinding *finding)
{
  g_autofree char *id = gk_finding_dup_id (finding);
  g_autofree char *summary = gk_findings_panel_dup_summary (self, finding);
  const char *reason = self->dismissed != NULL ? g_hash_table_lookup (self->dismissed, id) : NULL;
  g_autofree char *subtitle = NULL;
  GkDismissedContent content = { finding, id, summary, NULL };

  if (reason != NULL && reason[0] != '\0')
    subtitle = g_strdup_printf (_("Reason: %s"), reason);
  else
    subtitle = g_strdup (_("No reason given"));
  content.subtitle = subtitle;
  return gk_findings_panel_take_row (self, fresh,
                                     g_strdup_printf ("dismissed\x1f%s\x1f%d\x1f%s\x1f%s", id,
                                                      finding->severity, summary, subtitle),
                                     build_dismissed_row, &content);
}

static void
gk_findings_panel_update_dismissed (GkFindingsPanel *self,
                                    GHashTable      *fresh_rows)
{
  guint n = self->dismissed_findings != NULL ? self->dismissed_findings->len : 0;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;
  GtkListBox *list;

  gtk_widget_set_visible (GTK_WIDGET (self->dismissed_box), n > 0);
  if (n == 0)
    {
      if (self->dismissed_expander != NULL)
        gtk_box_remove (self->dismissed_box, gtk_widget_get_parent (self->dismissed_expander));
      self->dismissed_expander = NULL;
      return;
    }

  if (self->dismissed_expander == NULL)
    {
      GtkWidget *outer = boxed_list_new ();

      self->dismissed_expander = expander_new (self, "dismissed");
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->dismissed_expander),
                                     _("Findings a researcher judged not to be problems"));
      gtk_list_box_append (GTK_LIST_BOX (outer), self->dismissed_expander);
      gtk_box_append (self->dismissed_box, outer);
    }
  title = g_strdup_printf (_("Dismissed (%u)"), n);
  set_title (ADW_PREFERENCES_ROW (self->dismissed_expander), title);

  rows = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const GkFinding *finding = g_ptr_array_index (self->dismissed_findings, i);

      g_ptr_array_add (rows, gk_findings_panel_take_dismissed_row (self, fresh_rows, finding));
    }
  list = expander_list (ADW_EXPANDER_ROW (self->dismissed_expander), g_ptr_array_index (rows, 0));
  sync_list (list, rows);
  gk_findings_panel_restore_expanded (self, ADW_EXPANDER_ROW (self->dismissed_expander));
}

/* ---- Updating ---------------------------------------------------------- */

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *id)
{
  const char *row_id = g_object_get_data (G_OBJECT (widget), FINDING_ID_KEY);

  if (GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (row_id, id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The id of the finding row that has the keyboard focus, if any. */
static char *
gk_findings_panel_dup_focused_id (GkFindingsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    {
      const char *id = g_object_get_data (G_OBJECT (focus), FINDING_ID_KEY);

      if (GTK_IS_LIST_BOX_ROW (focus) && id != NULL)
        return g_strdup (id);
    }
  return NULL;
}

/* Shows the findings, keeping every row whose finding reads as before. */
static void
gk_findings_panel_update (GkFindingsPanel *self)
{
  g_autofree char *focused = gk_findings_panel_dup_focused_id (self);
  g_autoptr(GHashTable) fresh_rows = widget_table_new ();
  g_autoptr(GHashTable) fresh_folds = widget_table_new ();
  guint n = self->findings != NULL ? self->findings->len : 0;

  /* The row the popover points at may be about to go. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->dismiss_popover)))
    gtk_popover_popdown (self->dismiss_popover);

  if (self->findings == NULL && self->report == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "x-office-document-symbolic");
      adw_status_page_set_title (self->status_page, _("No Report"));
      adw_status_page_set_description (self->status_page, _("Open a report to check its identities."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->status_page, _("All Identities Hold"));
      adw_status_page_set_description (self->status_page,
                                       _("Every identity of this report that could be checked holds."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_page), n == 0);

  for (GkSeverity severity = GK_SEVERITY_ERROR; severity < GK_N_SEVERITIES; severity++)
    gk_findings_panel_update_section (self, severity, fresh_rows, fresh_folds);
  gtk_widget_set_visible (GTK_WIDGET (self->sections), n > 0);
  gk_findings_panel_update_dismissed (self, fresh_rows);

  /* What this update did not show goes. */
  g_hash_table_unref (self->rows);
  self->rows = g_steal_pointer (&fresh_rows);
  g_hash_table_unref (self->folds);
  self->folds = g_steal_pointer (&fresh_folds);

  /* Keep the keyboard where it was: on the same finding, or after a
   * dismissal on the first one left. */
  if (focused != NULL)
    {
      GtkWidget *row = find_row (GTK_WIDGET (self), focused);

      if (row == NULL || !gtk_widget_grab_focus (row))
        gtk_widget_child_focus (GTK_WIDGET (self->sections), GTK_DIR_TAB_FORWARD);
    }
}

void
gk_findings_panel_set_findings (GkFindingsPanel *self,
                                GkReport        *report,
                                GPtrArray       *findings,
                                GHashTable      *dismissed,
                                GPtrArray       *dismissed_findings)
{
  g_return_if_fail (GK_IS_FINDINGS_PANEL (self));

  if (report != self->report)
    {
      g_clear_pointer (&self->report, gk_report_unref);
      self->report = report != NULL ? gk_report_ref (report) : NULL;
      /* Another report's folds start closed. */
      g_hash_table_remove_all (self->expanded);
    }
  if (findings != NULL)
    g_ptr_array_ref (findings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
  if (dismissed != NULL)
    g_hash_table_ref (dismissed);
  g_clear_pointer (&self->dismissed, g_hash_table_unref);
  self->dismissed = dismissed;
  if (dismissed_findings != NULL)
    g_ptr_array_ref (dismissed_findings);
  g_clear_pointer (&self->dismissed_findings, g_ptr_array_unref);
  self->dismissed_findings = dismissed_findings;

  gk_findings_panel_update (self);
}

void
gk_findings_panel_set_chinese (GkFindingsPanel *self,
                               gboolean         chinese)
{
  g_return_if_fail (GK_IS_FINDINGS_PANEL (self));

  chinese = !!chinese;
  if (self->chinese == chinese)
    return;
  self->chinese = chinese;
  gk_findings_panel_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHINESE]);
}

gboolean
gk_findings_panel_get_chinese (GkFindingsPanel *self)
{
  g_return_val_if_fail (GK_IS_FINDINGS_PANEL (self), FALSE);

  return self->chinese;
}

/* ---- Actions ----------------------------------------------------------- */

static gboolean
is_listed (GPtrArray  *findings,
           const char *id)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      g_autofree char *other = gk_finding_dup_id (g_ptr_array_index (findings, i));
      if (g_str_equal (other, id))
        return TRUE;
    }
  return FALSE;
}

static void
action_activate (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (is_listed (self->findings, id) || is_listed (self->dismissed_findings, id))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, id);
}

static void
action_dismiss (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (widget);
  const char *id, *reason;
  g_autofree char *stripped = NULL;

  g_variant_get (parameter, "(&s&s)", &id, &reason);
  stripped = g_strstrip (g_strdup (reason));
  /* A dismissal without a reason would leave the next researcher guessing. */
  if (stripped[0] == '\0' || !is_listed (self->findings, id))
    return;
  g_signal_emit (self, signals[DISMISS_REQUESTED], 0, id, stripped);
}

static void
action_restore (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (is_listed (self->dismissed_findings, id))
    g_signal_emit (self, signals[RESTORE_REQUESTED], 0, id);
}

static void
action_open_report (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_REPORT_REQUESTED], 0, g_variant_get_int32 (parameter));
}

/* Delete on a finding row opens its Dismiss popover. */
static void
action_dismiss_focused (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (widget);
  g_autofree char *id = gk_findings_panel_dup_focused_id (self);
  GtkWidget *row = id != NULL ? find_row (widget, id) : NULL;
  GtkWidget *button = row != NULL ? g_object_get_data (G_OBJECT (row), "gk-dismiss-button") : NULL;

  if (button != NULL)
    gk_findings_panel_popup_dismiss (self, button, id);
}

/* ---- GObject ----------------------------------------------------------- */

static void
gk_findings_panel_dispose (GObject *object)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->folds, g_hash_table_unref);
  self->dismissed_expander = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_FINDINGS_PANEL);
  g_clear_pointer (&self->report, gk_report_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->dismissed, g_hash_table_unref);
  g_clear_pointer (&self->dismissed_findings, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_findings_panel_parent_class)->dispose (object);
}

static void
gk_findings_panel_finalize (GObject *object)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (object);

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_free (self->dismiss_id);

  G_OBJECT_CLASS (gk_findings_panel_parent_class)->finalize (object);
}

static void
gk_findings_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHINESE:
      g_value_set_boolean (value, self->chinese);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_findings_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHINESE:
      gk_findings_panel_set_chinese (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_findings_panel_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (widget);

  gtk_widget_measure (self->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
gk_findings_panel_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GkFindingsPanel *self = GK_FINDINGS_PANEL (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
  gtk_popover_present (self->dismiss_popover);
}

static void
gk_findings_panel_class_init (GkFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_findings_panel_dispose;
  object_class->finalize = gk_findings_panel_finalize;
  object_class->get_property = gk_findings_panel_get_property;
  object_class->set_property = gk_findings_panel_set_property;
  widget_class->measure = gk_findings_panel_measure;
  widget_class->size_allocate = gk_findings_panel_size_allocate;

  properties[PROP_CHINESE] =
    g_param_spec_boolean ("chinese", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DISMISS_REQUESTED] =
    g_signal_new ("dismiss-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[RESTORE_REQUESTED] =
    g_signal_new ("restore-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_REPORT_REQUESTED] =
    g_signal_new ("open-report-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "findings.activate", "s", action_activate);
  gtk_widget_class_install_action (widget_class, "findings.dismiss", "(ss)", action_dismiss);
  gtk_widget_class_install_action (widget_class, "findings.restore", "s", action_restore);
  gtk_widget_class_install_action (widget_class, "findings.open-report", "i", action_open_report);
  gtk_widget_class_install_action (widget_class, "findings.dismiss-focused", NULL, action_dismiss_focused);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "findings.dismiss-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "findings.dismiss-focused", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, status_page);
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, sections);
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, dismissed_box);
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, dismiss_popover);
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, GkFindingsPanel, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_dismiss);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_popover_closed);

  gtk_widget_class_set_css_name (widget_class, "gk-findings-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gk_findings_panel_init (GkFindingsPanel *self)
{
  self->chinese = gk_findings_panel_language_is_chinese ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = widget_table_new ();
  self->folds = widget_table_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gk_findings_panel_add_sections (self);
  gk_findings_panel_update (self);
}
