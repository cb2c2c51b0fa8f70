/* gk-source-pane.c — where a cell came from: the page text or table around
 * it, with the cell highlighted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gk-source-pane.h"
#include "gk-tooltip.h"

/* How much of the page is shown around the highlight. Blocks are whole
 * paragraphs, headings or tables; a text page may be one block of 9,000
 * bytes, so long ones are cut to a window around the highlight. */
#define CONTEXT_BLOCKS        2
#define TARGET_WINDOW_CHARS   240
#define CONTEXT_WINDOW_CHARS  140
#define TABLE_MAX_ROWS        40     /* longer tables show rows around the cell */
#define TABLE_ROWS_AROUND     10
#define TABLE_DATA_COLUMNS    3      /* a side pane fits a label column and three more */
#define TABLE_LABEL_MAX_CHARS 10     /* labels and headers are long; numbers are never cut */
#define TABLE_HEADER_MAX_CHARS 4
#define TABLE_LINE_MAX_CHARS  24     /* a table of one column: one cell per line */
#define TABLE_COLUMN_GAP      16     /* pixels between aligned columns */

struct _GkSourcePane
{
  GtkWidget   parent_instance;

  GkDocument *document;
  gboolean    chinese;
  GPtrArray  *table_tags;    /* GtkTextTag *: per-table tab stops, dropped on each render */
  guint       follow_id;     /* tick callback: the view follows the highlight as lines are measured */
  guint       follow_frames;
  guint       follow_stable;
  int         follow_last_y;
  double      follow_last_upper;

  /* template children */
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkLabel      *context_label;
  GtkLabel      *title_label;
  GtkLabel      *value_label;
  GtkLabel      *detail_label;
  GtkWidget     *notice_box;
  GtkLabel      *notice_label;
  GtkStack      *text_stack;
  AdwStatusPage *unavailable_page;
  GtkTextView   *text_view;
  GtkTextBuffer *buffer;
  GtkWidget     *footer;
  GtkLabel      *file_label;
  GtkLabel      *file_detail_label;
};

G_DEFINE_FINAL_TYPE (GkSourcePane, gk_source_pane, GTK_TYPE_WIDGET)

enum
{
  OPEN_ORIGINAL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What to highlight in a block: a grid cell (optionally a byte range of its
 * text), or a byte range of a paragraph's text. */
typedef struct
{
  guint             block;
  const GkGridCell *cell;
  gboolean          has_range;
  gsize             start;
  gsize             end;
} Target;

GtkWidget *
gk_source_pane_new (void)
{
  return g_object_new (GK_TYPE_SOURCE_PANE, NULL);
}

/* ---- Text helpers ------------------------------------------------------ */

/* @position moved back to the start of the character it falls in. */
static gsize
char_boundary (const char *text,
               gsize       length,
               gsize       position)
{
  position = MIN (position, length);
  while (position > 0 && (text[position] & 0xc0) == 0x80)
    position--;
  return position;
}

static gsize
back_chars (const char *text,
            gsize       position,
            guint       n)
{
  const char *p = text + position;

  for (guint i = 0; i < n && p > text; i++)
    p = g_utf8_prev_char (p);
  return p - text;
}

static gsize
forward_chars (const char *text,
               gsize       length,
               gsize       position,
               guint       n)
{
  const char *p = text + position;
  const char *end = text + length;

  for (guint i = 0; i < n && p < end; i++)
    p = g_utf8_next_char (p);
  return MIN ((gsize) (p - text), length);
}

/* A cell's text cut to @max characters, for the table shown around it. */
static char *
shorten (const char *text,
         guint       max)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max - 1);
  return g_strconcat (head, "…", NULL);
}

static void
insert_with_tags (GtkTextBuffer *buffer,
                  GtkTextIter   *iter,
                  const char    *text,
                  gssize         length,
                  GtkTextTag    *tag)
{
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags (buffer, iter, text, length, tag, NULL);
  else
    gtk_text_buffer_insert (buffer, iter, text, length);
}

/* ---- Rendering --------------------------------------------------------- */

static GtkTextTag *
lookup_tag (GkSourcePane *self,
            const char   *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer), name);
}

static void
apply_highlight (GkSourcePane *self,
                 int           start_offset,
                 int           end_offset)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, end_offset);
  gtk_text_buffer_apply_tag_by_name (self->buffer, "highlight", &start, &end);
  /* Left gravity: the text inserted after them must not push them along. */
  gtk_text_buffer_create_mark (self->buffer, "highlight-start", &start, TRUE);
  gtk_text_buffer_create_mark (self->buffer, "highlight-end", &end, TRUE);
}

/* A paragraph or heading, cut to a window: around the highlight for the
 * target, the end nearest the target for the blocks around it. */
static void
insert_text_block (GkSourcePane  *self,
                   GtkTextIter   *iter,
                   const GkBlock *block,
                   const Target  *target,
                   int            side)    /* <0 before the target, 0 the target, >0 after */
{
  const char *text = block->text != NULL ? block->text : "";
  gsize length = strlen (text);
  GtkTextTag *tag = block->kind == GK_BLOCK_HEADING ? lookup_tag (self, "heading") : NULL;
  gsize from = 0, to = length;

  if (side == 0 && target->has_range)
    {
      gsize start = char_boundary (text, length, target->start);
      gsize end = char_boundary (text, length, MAX (target->end, target->start));
      int highlight_start;

      from = back_chars (text, start, TARGET_WINDOW_CHARS);
      to = forward_chars (text, length, end, TARGET_WINDOW_CHARS);
      if (from > 0)
        insert_with_tags (self->buffer, iter, "…", -1, lookup_tag (self, "elided"));
      insert_with_tags (self->buffer, iter, text + from, start - from, tag);
      highlight_start = gtk_text_iter_get_offset (iter);
      insert_with_tags (self->buffer, iter, text + start, end - start, tag);
      apply_highlight (self, highlight_start, gtk_text_iter_get_offset (iter));
      insert_with_tags (self->buffer, iter, text + end, to - end, tag);
      if (to < length)
        insert_with_tags (self->buffer, iter, "…", -1, lookup_tag (self, "elided"));
      return;
    }

  if (side < 0)
    from = back_chars (text, length, CONTEXT_WINDOW_CHARS);
  else if (side > 0)
    to = forward_chars (text, length, 0, CONTEXT_WINDOW_CHARS);
  else
    to = forward_chars (text, length, 0, 2 * TARGET_WINDOW_CHARS);
  if (from > 0)
    insert_with_tags (self->buffer, iter, "…", -1, lookup_tag (self, "elided"));
  insert_with_tags (self->buffer, iter, text + from, to - from, tag);
  if (to < length)
    insert_with_tags (self->buffer, iter, "…", -1, lookup_tag (self, "elided"));
}

static int
measure (GtkWidget  *widget,
         const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Numbers decide which columns hold data: the columns left of the first
 * one with a number hold the rows' labels. */
static gboolean
looks_numeric (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!(c < 0x80 && strchr (".,-+%/ ", (int) c) != NULL)
               && c != 0xFF0E && c != 0xFF0C && c != 0xFF05)   /* ．，％ */
        return FALSE;
    }
  return digit;
}

/* How a table is cut to fit a side pane: one column of row labels (the
 * most specific label of each row), then up to TABLE_DATA_COLUMNS data
 * columns around the highlighted one. */
typedef struct
{
  guint    first_data;    /* columns before it hold labels */
  guint    start;         /* data columns shown: start..end */
  guint    end;
  guint    first_row;     /* rows shown: first_row..last_row - 1 */
  guint    last_row;
  gboolean elided_left;
  gboolean elided_right;
} TableWindow;

static void
table_window_init (TableWindow      *window,
                   const GkGrid     *grid,
                   const GkGridCell *highlighted,
                   int               side)
{
  window->first_data = grid->n_cols;
  for (guint i = 0; i < grid->cells->len; i++)
    {
      const GkGridCell *cell = g_ptr_array_index (grid->cells, i);
      if (looks_numeric (cell->text))
        window->first_data = MIN (window->first_data, cell->col);
    }
  if (window->first_data >= grid->n_cols)
    window->first_data = 0;
  if (highlighted != NULL && highlighted->col < window->first_data)
    window->first_data = highlighted->col;

  if (highlighted != NULL)
    {
      window->start = MAX ((int) window->first_data, (int) highlighted->col - (TABLE_DATA_COLUMNS - 1) / 2);
      window->end = MIN (grid->n_cols - 1, window->start + TABLE_DATA_COLUMNS - 1);
      window->start = MAX ((int) window->first_data, (int) window->end - (TABLE_DATA_COLUMNS - 1));
    }
  else
    {
      window->start = window->first_data;
      window->end = MIN (grid->n_cols - 1, window->start + TABLE_DATA_COLUMNS - 1);
    }
  window->elided_left = window->start > window->first_data;
  window->elided_right = window->end + 1 < grid->n_cols;

  window->first_row = 0;
  window->last_row = grid->n_rows;
  if (grid->n_rows > TABLE_MAX_ROWS)
    {
      guint centre = highlighted != NULL ? highlighted->row : side < 0 ? grid->n_rows - 1 : 0;

      window->first_row = centre > TABLE_ROWS_AROUND ? centre - TABLE_ROWS_AROUND : 0;
      window->last_row = MIN (grid->n_rows, centre + TABLE_ROWS_AROUND + 1);
    }
}

/* The most specific label of row @row: the rightmost label cell, shown on
 * the row it starts in. */
static char *
row_label_text (const GkGrid      *grid,
                const TableWindow *window,
                guint              row)
{
  for (guint c = window->first_data; c > 0; c--)
    {
      const GkGridCell *cell = gk_grid_get (grid, row, c - 1);

      if (cell == NULL || cell->text[0] == '\0')
        continue;
      return cell->row == row ? shorten (cell->text, TABLE_LABEL_MAX_CHARS) : g_strdup ("");
    }
  return g_strdup ("");
}

/* The text shown at @row, @col: a cell on the row it starts in, at its
 * first column in the window; long words shortened, numbers never. */
static char *
data_slot_text (const GkGrid      *grid,
                const TableWindow *window,
                guint              row,
                guint              col,
                const GkGridCell  *highlighted)
{
  const GkGridCell *cell = gk_grid_get (grid, row, col);

  if (cell == NULL || cell->row != row || (cell->col != col && col != window->start))
    return NULL;
  if (cell == highlighted)
    /* A blank cell still needs something to highlight. */
    return g_strdup (cell->text[0] != '\0' ? cell->text : "  ");
  if (looks_numeric (cell->text))
    return g_strdup (cell->text);
  return shorten (cell->text, window->first_data == 0 && grid->n_cols == 1
                              ? TABLE_LINE_MAX_CHARS : TABLE_HEADER_MAX_CHARS);
}

/* The table the cell is in, as aligned lines at tab stops measured from
 * the cells' own widths, so Chinese and digits line up. */
static void
insert_table_block (GkSourcePane  *self,
                    GtkTextIter   *iter,
                    const GkBlock *block,
                    const Target  *target)
{
  const GkGrid *grid = block->grid;
  const GkGridCell *highlighted = target->cell;
  GtkWidget *view = GTK_WIDGET (self->text_view);
  TableWindow window;
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(PangoTabArray) tabs = NULL;
  GtkTextTag *table_tag;
  GtkTextIter table_start;
  int start_offset = gtk_text_iter_get_offset (iter);
  gboolean has_labels;
  guint n_columns, label_column, marker_column, first_data_column;
  int position = 0;

  if (grid->n_rows == 0 || grid->n_cols == 0)
    return;
  table_window_init (&window, grid, highlighted, 0);
  has_labels = window.first_data > 0;

  /* Shown columns: [labels] [⋯] data… [⋯] */
  label_column = 0;
  marker_column = has_labels ? 1 : 0;
  first_data_column = marker_column + (window.elided_left ? 1 : 0);
  n_columns = first_data_column + (window.end - window.start + 1) + (window.elided_right ? 1 : 0);
  g_array_set_size (widths, n_columns);

  for (guint r = window.first_row; r < window.last_row; r++)
    {
      if (has_labels)
        {
          g_autofree char *label = row_label_text (grid, &window, r);
          g_array_index (widths, int, label_column) = MAX (g_array_index (widths, int, label_column),
                                                          measure (view, label));
        }
      for (guint c = window.start; c <= window.end; c++)
        {
          g_autofree char *text = data_slot_text (grid, &window, r, c, highlighted);
          const GkGridCell *cell = gk_grid_get (grid, r, c);
          guint column = first_data_column + (c - window.start);

          /* Spanning cells may run into the columns they span. */
          if (text != NULL && (cell->colspan == 1 || c + 1 > window.end))
            g_array_index (widths, int, column) = MAX (g_array_index (widths, int, column),
                                                      measure (view, text));
        }
    }
  if (window.elided_left)
    g_array_index (widths, int, marker_column) = measure (view, "⋯");

  if (n_columns > 1)
    {
      tabs = pango_tab_array_new (n_columns - 1, TRUE);
      for (guint c = 0; c + 1 < n_columns; c++)
        {
          position += g_array_index (widths, int, c) + TABLE_COLUMN_GAP;
          pango_tab_array_set_tab (tabs, c, PANGO_TAB_LEFT, position);
        }
    }

  if (window.first_row > 0)
    insert_with_tags (self->buffer, iter, "⋯\n", -1, lookup_tag (self, "elided"));
  for (guint r = window.first_row; r < window.last_row; r++)
    {
      int row_start = gtk_text_iter_get_offset (iter);

      if (has_labels)
        {
          g_autofree char *label = row_label_text (grid, &window, r);

          gtk_text_buffer_insert (self->buffer, iter, label, -1);
          gtk_text_buffer_insert (self->buffer, iter, "\t", 1);
        }
      if (window.elided_left)
        insert_with_tags (self->buffer, iter, "⋯\t", -1, lookup_tag (self, "elided"));
      for (guint c = window.start; c <= window.end; c++)
        {
          g_autofree char *text = data_slot_text (grid, &window, r, c, highlighted);
          const GkGridCell *cell = gk_grid_get (grid, r, c);

          if (c > window.start)
            gtk_text_buffer_insert (self->buffer, iter, "\t", 1);
          if (text == NULL)
            continue;
          if (cell == highlighted)
            {
              int cell_start = gtk_text_iter_get_offset (iter);
              glong from = 0, to = g_utf8_strlen (text, -1);

              /* A range inside the cell: digits run together in one cell. */
              if (target->has_range && target->end > target->start
                  && target->end <= strlen (cell->text))
                {
                  from = g_utf8_pointer_to_offset (cell->text, cell->text + target->start);
                  to = g_utf8_pointer_to_offset (cell->text, cell->text + target->end);
                }
              gtk_text_buffer_insert (self->buffer, iter, text, -1);
              apply_highlight (self, cell_start + from, cell_start + to);
            }
          else
            gtk_text_buffer_insert (self->buffer, iter, text, -1);
        }
      if (window.elided_right)
        insert_with_tags (self->buffer, iter, "\t⋯", -1, lookup_tag (self, "elided"));
      if (highlighted != NULL && r == highlighted->row)
        {
          GtkTextIter row_begin;

          gtk_text_buffer_get_iter_at_offset (self->buffer, &row_begin, row_start);
          gtk_text_buffer_apply_tag_by_name (self->buffer, "current-row", &row_begin, iter);
        }
      if (r + 1 < window.last_row)
        gtk_text_buffer_insert (self->buffer, iter, "\n", 1);
    }
  if (window.last_row < grid->n_rows)
    insert_with_tags (self->buffer, iter, "\n⋯", -1, lookup_tag (self, "elided"));

  table_tag = gtk_text_buffer_create_tag (self->buffer, NULL, "wrap-mode", GTK_WRAP_NONE, NULL);
  if (tabs != NULL)
    g_object_set (table_tag, "tabs", tabs, NULL);
  g_ptr_array_add (self->table_tags, table_tag);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &table_start, start_offset);
  gtk_text_buffer_apply_tag (self->buffer, table_tag, &table_start, iter);
}

/* A table near the cell, but not the cell's: one line saying so. */
static void
insert_table_placeholder (GkSourcePane  *self,
                          GtkTextIter   *iter,
                          const GkBlock *block)
{
  g_autofree char *text = g_strdup_printf (_("[Table, %u × %u]"),
                                           block->grid->n_rows, block->grid->n_cols);

  insert_with_tags (self->buffer, iter, text, -1, lookup_tag (self, "elided"));
}

static void
gk_source_pane_reset_buffer (GkSourcePane *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  GtkTextMark *mark;

  gtk_text_buffer_set_text (self->buffer, "", 0);
  for (guint i = 0; i < self->table_tags->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (self->table_tags, i));
  g_ptr_array_set_size (self->table_tags, 0);
  if ((mark = gtk_text_buffer_get_mark (self->buffer, "highlight-start")) != NULL)
    gtk_text_buffer_delete_mark (self->buffer, mark);
  if ((mark = gtk_text_buffer_get_mark (self->buffer, "highlight-end")) != NULL)
    gtk_text_buffer_delete_mark (self->buffer, mark);
}

/* The text view measures its lines lazily, and scrolls by estimates until
 * then. So the pane follows the highlight frame by frame until the layout
 * stops changing: the highlight 40% down, its end inside the right edge
 * (the row's label stays in view when the table is narrow enough). */
#define FOLLOW_STABLE_FRAMES 3
#define FOLLOW_MAX_FRAMES    120

static gboolean
gk_source_pane_follow_tick (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       data)
{
  GkSourcePane *self = data;
  GtkTextMark *start_mark = gtk_text_buffer_get_mark (self->buffer, "highlight-start");
  GtkTextMark *end_mark = gtk_text_buffer_get_mark (self->buffer, "highlight-end");
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view));
  GdkRectangle visible, start_location, end_location;
  GtkTextIter start, end;
  double vvalue, hvalue;

  if (start_mark == NULL || end_mark == NULL || ++self->follow_frames > FOLLOW_MAX_FRAMES)
    {
      self->follow_id = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, start_mark);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, end_mark);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, &start, &start_location);
  gtk_text_view_get_iter_location (self->text_view, &end, &end_location);
  if (visible.height <= 0)
    return G_SOURCE_CONTINUE;

  /* Adjustment values and buffer coordinates differ by a constant. */
  vvalue = gtk_adjustment_get_value (vadjustment) - visible.y
           + start_location.y - 0.4 * visible.height;
  hvalue = gtk_adjustment_get_value (hadjustment) - visible.x
           + end_location.x + 12 - visible.width;
  gtk_adjustment_set_value (vadjustment, vvalue);
  gtk_adjustment_set_value (hadjustment, MAX (gtk_adjustment_get_lower (hadjustment), hvalue));

  if (start_location.y == self->follow_last_y && gtk_adjustment_get_upper (vadjustment) == self->follow_last_upper)
    self->follow_stable++;
  else
    self->follow_stable = 0;
  self->follow_last_y = start_location.y;
  self->follow_last_upper = gtk_adjustment_get_upper (vadjustment);
  if (self->follow_stable >= FOLLOW_STABLE_FRAMES)
    {
      self->follow_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
gk_source_pane_stop_following (GkSourcePane *self)
{
  if (self->follow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->follow_id);
  self->follow_id = 0;
}

static void
gk_source_pane_follow_highlight (GkSourcePane *self)
{
  gk_source_pane_stop_following (self);
  self->follow_frames = 0;
  self->follow_stable = 0;
  self->follow_last_y = G_MININT;
  self->follow_last_upper = -1;
  self->follow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view),
                                                  gk_source_pane_follow_tick, self, NULL);
}

/* Shown in a page of the side pane that was not visible: measure anew. */
static void
on_text_view_map (GkSourcePane *self)
{
  if (gtk_text_buffer_get_mark (self->buffer, "highlight-end") != NULL)
    gk_source_pane_follow_highlight (self);
}

/* The researcher scrolls: the pane stops following. */
static gboolean
on_text_view_scroll (GtkEventControllerScroll *controller,
                     double                    dx,
                     double                    dy,
                     GkSourcePane             *self)
{
  gk_source_pane_stop_following (self);
  return FALSE;
}

/* The target block and up to CONTEXT_BLOCKS content blocks on either side;
 * page chrome (menus, footers) is left out unless it is the target. */
static void
gk_source_pane_render (GkSourcePane *self,
                       GkDocument   *document,
                       const Target *target)
{
  guint n_blocks = gk_document_get_n_blocks (document);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkTextIter iter;
  GtkTextMark *mark;
  guint found = 0;

  gk_source_pane_reset_buffer (self);

  for (guint i = target->block; i > 0 && found < CONTEXT_BLOCKS; i--)
    if (gk_document_get_block (document, i - 1)->chrome == GK_CHROME_NONE)
      {
        guint before = i - 1;

        g_array_prepend_val (shown, before);
        found++;
      }
  g_array_append_val (shown, target->block);
  found = 0;
  for (guint i = target->block + 1; i < n_blocks && found < CONTEXT_BLOCKS; i++)
    if (gk_document_get_block (document, i)->chrome == GK_CHROME_NONE)
      {
        g_array_append_val (shown, i);
        found++;
      }

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  for (guint i = 0; i < shown->len; i++)
    {
      guint index = g_array_index (shown, guint, i);
      const GkBlock *block = gk_document_get_block (document, index);
      int side = index < target->block ? -1 : index > target->block ? 1 : 0;

      if (i > 0)
        insert_with_tags (self->buffer, &iter, "\n\n", -1, lookup_tag (self, "gap"));
      if (block->kind == GK_BLOCK_TABLE && block->grid != NULL && side == 0)
        insert_table_block (self, &iter, block, target);
      else if (block->kind == GK_BLOCK_TABLE && block->grid != NULL)
        insert_table_placeholder (self, &iter, block);
      else
        insert_text_block (self, &iter, block, target, side);
    }

  mark = gtk_text_buffer_get_mark (self->buffer, "highlight-start");
  if (mark != NULL)
    {
      GtkTextIter start;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &start, mark);
      gtk_text_buffer_place_cursor (self->buffer, &start);
      gk_source_pane_follow_highlight (self);
    }
  gtk_stack_set_visible_child_name (self->text_stack, "text");
}

/* A byte offset in the text of a table block (cells joined by ' ', rows by
 * '\n', as gk_grid_dup_text() builds it) as the cell it falls in. */
static const GkGridCell *
grid_cell_at_text_offset (const GkGrid *grid,
                          gsize         offset,
                          gsize        *cell_offset)
{
  gsize position = 0;
  guint row = 0;
  gboolean row_has_text = FALSE;

  for (guint i = 0; i < grid->cells->len; i++)
    {
      const GkGridCell *cell = g_ptr_array_index (grid->cells, i);
      gsize length = strlen (cell->text);

      if (length == 0)
        continue;
      if (cell->row != row)
        {
          if (position > 0)
            position++;
          row = cell->row;
          row_has_text = FALSE;
        }
      if (row_has_text)
        position++;
      if (offset >= position && offset < position + length)
        {
          *cell_offset = position;
          return cell;
        }
      position += length;
      row_has_text = TRUE;
    }
  return NULL;
}

/* ---- Header and footer ------------------------------------------------- */

static const char *
source_kind_name (GkSourceKind kind)
{
  switch (kind)
    {
    case GK_SOURCE_KIND_HTML:
      return _("HTML page");
    case GK_SOURCE_KIND_MHTML:
      return _("MHTML archive");
    case GK_SOURCE_KIND_TEXT:
    default:
      return _("Plain text");
    }
}

static void
gk_source_pane_update_footer (GkSourcePane *self)
{
  GkSource *source = self->document != NULL ? self->document->source : NULL;

  gtk_widget_set_visible (self->footer, source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.open-original", source != NULL);
  if (source == NULL)
    return;

  {
    g_autofree char *detail = g_strdup_printf ("%s · %s", source_kind_name (source->kind),
                                               source->charset != NULL ? source->charset : "?");

    gtk_label_set_text (self->file_label, source->name != NULL ? source->name : "");
    gk_widget_set_tooltip (GTK_WIDGET (self->file_label), source->path);
    gtk_label_set_text (self->file_detail_label, detail);
  }
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
gk_source_pane_show_unavailable (GkSourcePane *self,
                                 const char   *title,
                                 const char   *description)
{
  gk_source_pane_reset_buffer (self);
  adw_status_page_set_title (self->unavailable_page, title);
  adw_status_page_set_description (self->unavailable_page, description);
  gtk_stack_set_visible_child_name (self->text_stack, "unavailable");
}

static void
gk_source_pane_adopt_document (GkSourcePane *self,
                               GkDocument   *document)
{
  if (document == self->document)
    return;
  g_clear_pointer (&self->document, gk_document_unref);
  self->document = document != NULL ? gk_document_ref (document) : NULL;
  gk_source_pane_update_footer (self);
}

/* ---- Public ------------------------------------------------------------ */

void
gk_source_pane_set_document (GkSourcePane *self,
                             GkDocument   *document)
{
  g_return_if_fail (GK_IS_SOURCE_PANE (self));

  gk_source_pane_adopt_document (self, document);
  gk_source_pane_clear (self);
}

GkDocument *
gk_source_pane_get_document (GkSourcePane *self)
{
  g_return_val_if_fail (GK_IS_SOURCE_PANE (self), NULL);

  return self->document;
}

void
gk_source_pane_clear (GkSourcePane *self)
{
  g_return_if_fail (GK_IS_SOURCE_PANE (self));

  gk_source_pane_stop_following (self);
  gk_source_pane_reset_buffer (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static guint
count_run_cells (GkReport           *report,
                 const GkProvenance *run)
{
  guint n = 0;

  for (guint i = 0; report->layout != NULL && i < report->layout->n_cells; i++)
    {
      const GkProvenance *p = &report->cells[i].provenance;

      if (p->kind == GK_PROVENANCE_DIGIT_RUN && p->block == run->block
          && p->src_start == run->src_start && p->text_start == run->text_start
          && p->text_end == run->text_end)
        n++;
    }
  return n;
}

static char *
describe_provenance (const GkProvenance *provenance,
                     const GkBlock      *block)
{
  gboolean in_table = block != NULL && block->kind == GK_BLOCK_TABLE && block->grid != NULL;

  switch (provenance->kind)
    {
    case GK_PROVENANCE_GRID:
      return g_strdup_printf (_("Table on the page, row %d, column %d"),
                              provenance->row + 1, provenance->col + 1);
    case GK_PROVENANCE_TEXT:
      if (in_table && block->grid->origin == GK_TABLE_TEXT_STREAM)
        return g_strdup_printf (_("Page text with one cell per line, line %d of the table"),
                                provenance->row + 1);
      if (in_table)
        return g_strdup_printf (_("Page text in columns, row %d, column %d"),
                                provenance->row + 1, provenance->col + 1);
      return g_strdup (_("A number in the page text"));
    case GK_PROVENANCE_DIGIT_RUN:
      return g_strdup (_("Values run together in the page text"));
    case GK_PROVENANCE_NONE:
    default:
      return NULL;
    }
}

void
gk_source_pane_show_cell (GkSourcePane *self,
                          GkReport     *report,
                          const char   *cell_key)
{
  const GkFormCell *form_cell = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  const GkProvenance *provenance;
  const GkBlock *block = NULL;
  GkDocument *document;
  const GkCell *cell;
  Target target = { 0 };

  g_return_if_fail (GK_IS_SOURCE_PANE (self));
  g_return_if_fail (report != NULL);
  g_return_if_fail (cell_key != NULL);

  /* A cross-year finding names cells as "key@year". */
  key = g_strdup (cell_key);
  if (strchr (key, '@') != NULL)
    *strchr (key, '@') = '\0';
  if (report->layout != NULL)
    form_cell = gk_form_layout_lookup (report->layout, key);
  if (form_cell == NULL)
    {
      gk_source_pane_clear (self);
      return;
    }

  if (report->document != NULL)
    gk_source_pane_adopt_document (self, report->document);
  document = self->document;
  cell = &report->cells[form_cell->index];
  provenance = &cell->provenance;
  if (document != NULL && provenance->block >= 0
      && (guint) provenance->block < gk_document_get_n_blocks (document))
    block = gk_document_get_block (document, provenance->block);

  title = g_strdup_printf ("%s · %s",
                           self->chinese ? form_cell->row->label : form_cell->row->label_en,
                           self->chinese ? form_cell->column->label : form_cell->column->label_en);
  set_label (self->context_label, self->chinese ? form_cell->table->title : form_cell->table->title_en);
  set_label (self->title_label, title);
  gtk_label_set_text (self->value_label, cell->raw != NULL && cell->raw[0] != '\0' ? cell->raw : "—");
  gtk_widget_set_visible (GTK_WIDGET (self->value_label), TRUE);

  detail = describe_provenance (provenance, block);
  if (cell->edit_raw != NULL)
    {
      g_autofree char *edited = g_strdup_printf (_("Corrected to %s"), cell->edit_raw);
      char *both = detail != NULL ? g_strconcat (detail, "\n", edited, NULL) : g_strdup (edited);

      g_free (detail);
      detail = both;
    }
  set_label (self->detail_label, detail);

  if (provenance->kind == GK_PROVENANCE_DIGIT_RUN)
    {
      guint n = count_run_cells (report, provenance);
      g_autofree char *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "The digits “%s” are run together: %u cell "
                                                              "shares them and has no value until reviewed.",
                                                              "The digits “%s” are run together: %u cells "
                                                              "share them, and none has a value until reviewed.",
                                                              n),
                                                 cell->raw != NULL ? cell->raw : "", n);
      gtk_label_set_text (self->notice_label, notice);
      gtk_widget_set_visible (self->notice_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->notice_box, FALSE);

  gtk_stack_set_visible_child_name (self->stack, "source");

  if (document == NULL)
    {
      gk_source_pane_show_unavailable (self, _("Original Not Loaded"),
                                       _("The page this report was read from is not loaded yet."));
      return;
    }
  if (provenance->kind == GK_PROVENANCE_NONE || block == NULL)
    {
      gk_source_pane_show_unavailable (self, _("Not Found on the Page"),
                                       _("This cell was not read from the page. It may be missing, "
                                         "or published as an image."));
      return;
    }

  target.block = provenance->block;
  if (block->kind == GK_BLOCK_TABLE && block->grid != NULL)
    {
      if (provenance->row >= 0 && provenance->col >= 0)
        target.cell = gk_grid_get (block->grid, provenance->row, provenance->col);
      else if (provenance->text_end > provenance->text_start)
        {
          gsize cell_offset = 0;

          target.cell = grid_cell_at_text_offset (block->grid, provenance->text_start, &cell_offset);
          if (target.cell != NULL)
            {
              target.has_range = TRUE;
              target.start = provenance->text_start - cell_offset;
              target.end = provenance->text_end - cell_offset;
            }
        }
    }
  else if (provenance->text_end > provenance->text_start)
    {
      target.has_range = TRUE;
      target.start = provenance->text_start;
      target.end = provenance->text_end;
    }
  gk_source_pane_render (self, document, &target);
}

void
gk_source_pane_show_range (GkSourcePane *self,
                           guint         block_index,
                           gsize         text_start,
                           gsize         text_end)
{
  const GkBlock *block;
  Target target = { 0 };
  g_autofree char *excerpt = NULL;

  g_return_if_fail (GK_IS_SOURCE_PANE (self));

  if (self->document == NULL || block_index >= gk_document_get_n_blocks (self->document))
    {
      gk_source_pane_clear (self);
      return;
    }
  block = gk_document_get_block (self->document, block_index);
  text_end = MIN (text_end, strlen (block->text));
  text_start = MIN (text_start, text_end);

  target.block = block_index;
  target.has_range = TRUE;
  target.start = text_start;
  target.end = text_end;
  if (block->kind == GK_BLOCK_TABLE && block->grid != NULL)
    {
      gsize cell_offset = 0;

      target.cell = grid_cell_at_text_offset (block->grid, text_start, &cell_offset);
      target.start = text_start - cell_offset;
      target.end = text_end - cell_offset;
    }

  {
    g_autofree char *passage = g_strndup (block->text + text_start, text_end - text_start);
    g_autofree char *shortened = shorten (passage, 60);

    /* TRANSLATORS: a passage of the page, quoted */
    excerpt = g_strdup_printf (_("“%s”"), shortened);
  }
  set_label (self->context_label, NULL);
  set_label (self->title_label, excerpt);
  gtk_widget_set_visible (GTK_WIDGET (self->value_label), FALSE);
  set_label (self->detail_label, NULL);
  gtk_widget_set_visible (self->notice_box, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "source");
  gk_source_pane_render (self, self->document, &target);
}

char *
gk_source_pane_dup_highlight (GkSourcePane *self)
{
  GtkTextMark *start_mark, *end_mark;
  GtkTextIter start, end;

  g_return_val_if_fail (GK_IS_SOURCE_PANE (self), NULL);

  start_mark = gtk_text_buffer_get_mark (self->buffer, "highlight-start");
  end_mark = gtk_text_buffer_get_mark (self->buffer, "highlight-end");
  if (start_mark == NULL || end_mark == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, start_mark);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, end_mark);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

void
gk_source_pane_set_chinese (GkSourcePane *self,
                            gboolean      chinese)
{
  g_return_if_fail (GK_IS_SOURCE_PANE (self));

  self->chinese = !!chinese;
}

/* ---- GObject ----------------------------------------------------------- */

static void
action_open_original (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_ORIGINAL_REQUESTED], 0);
}

static void
gk_source_pane_dispose (GObject *object)
{
  GkSourcePane *self = GK_SOURCE_PANE (object);

  gk_source_pane_stop_following (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_SOURCE_PANE);
  g_clear_pointer (&self->document, gk_document_unref);

  G_OBJECT_CLASS (gk_source_pane_parent_class)->dispose (object);
}

static void
gk_source_pane_finalize (GObject *object)
{
  GkSourcePane *self = GK_SOURCE_PANE (object);

  g_clear_pointer (&self->table_tags, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_source_pane_parent_class)->finalize (object);
}

static void
gk_source_pane_class_init (GkSourcePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_source_pane_dispose;
  object_class->finalize = gk_source_pane_finalize;

  signals[OPEN_ORIGINAL_REQUESTED] =
    g_signal_new ("open-original-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "source.open-original", NULL, action_open_original);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-source-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, stack);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, context_label);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, title_label);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, value_label);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, notice_box);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, notice_label);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, text_stack);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, text_view);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, footer);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, file_label);
  gtk_widget_class_bind_template_child (widget_class, GkSourcePane, file_detail_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gk-source-pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gk_source_pane_init (GkSourcePane *self)
{
  const char * const *languages = g_get_language_names_with_category ("LC_MESSAGES");
  GdkRGBA highlight = { 0.965, 0.827, 0.176, 0.85 };   /* GNOME yellow 2 */
  GdkRGBA row = { 0.965, 0.827, 0.176, 0.16 };
  GdkRGBA ink = { 0.0, 0.0, 0.0, 0.87 };                /* legible on yellow in dark mode too */
  GtkEventController *scroll;

  self->chinese = languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
  self->table_tags = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (self->buffer, "highlight",
                              "background-rgba", &highlight,
                              "foreground-rgba", &ink,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "current-row",
                              "paragraph-background-rgba", &row,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "elided",
                              "foreground", "#9a9996",
                              NULL);
  gtk_text_buffer_create_tag (self->buffer, "gap",
                              "scale", 0.5,
                              NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_text_view_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), scroll);
  g_signal_connect_object (self->text_view, "map", G_CALLBACK (on_text_view_map), self, G_CONNECT_SWAPPED);
  gk_source_pane_update_footer (self);
}
