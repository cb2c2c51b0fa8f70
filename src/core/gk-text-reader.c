/* gk-text-reader.c — plain text to blocks: one block per line, table runs as grids
 *
 * Text copies lose the grid. What can be seen again: runs of '|' lines, runs
 * of lines split by tabs or 2+ spaces, and runs of short lines, many of them
 * numbers, that were one cell per line (seeds 002, 004). A table whose cells
 * ran together in one line (「640020470」) cannot: it stays a paragraph.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-document-private.h"

/* A line no longer than this may be one cell of a table copied one cell per line. */
#define STREAM_LINE_CHARS      60
/* A one-cell-per-line run is a table when it has this many number lines… */
#define STREAM_MIN_NUMBERS     6
/* …and they are at least this percentage of its lines. */
#define STREAM_MIN_PERCENT     30
/* A cell of a tab- or space-separated row is no longer than this. */
#define COLUMN_CELL_CHARS      100
/* A heading line is no longer than this. */
#define HEADING_CHARS          40
/* The crawler header is looked for in this many first lines. */
#define HEADER_LINES           40

typedef enum
{
  LINE_BLANK,
  LINE_PIPE,      /* cells separated by '|' */
  LINE_COLUMNS,   /* cells separated by tabs or runs of 2+ spaces */
  LINE_SHORT,
  LINE_LONG,
} LineClass;

typedef struct
{
  gsize     start;      /* trimmed */
  gsize     end;
  guint     n_chars;
  LineClass klass;
  gboolean  is_number;
} Line;

typedef struct
{
  gsize start;
  gsize end;
} Range;

typedef struct
{
  GkDocument *document;
  const char *text;
  GArray     *lines;     /* Line */
  guint       next_cell_id;
} TextReader;

/* The length of the whitespace character at p (see gk-document.c), or 0. */
static gsize
space_at (const char *text,
          gsize       pos,
          gsize       end)
{
  const guchar *p = (const guchar *) text + pos;
  gsize left = end - pos;

  if (left == 0)
    return 0;
  if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v' || *p == '\n')
    return 1;
  if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
    return 2;
  if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
    return 3;
  if (left >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return 3;
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF))
    return 3;
  return 0;
}

static void
trim_range (const char *text,
            gsize      *start,
            gsize      *end)
{
  gsize space;

  while (*start < *end && (space = space_at (text, *start, *end)) > 0)
    *start += space;
  while (*end > *start)
    {
      gsize back = 0;

      /* Step back one character and see whether it is a space. */
      for (gsize k = 1; k <= 3 && k <= *end - *start; k++)
        if ((((const guchar *) text)[*end - k] & 0xC0) != 0x80)
          {
            back = k;
            break;
          }
      if (back == 0 || space_at (text, *end - back, *end) != back)
        break;
      *end -= back;
    }
}

static guint
count_chars (const char *text,
             gsize       start,
             gsize       end)
{
  guint n = 0;

  for (gsize i = start; i < end; i++)
    n += (((const guchar *) text)[i] & 0xC0) != 0x80;
  return n;
}

/* Digits (ASCII or full-width), with a sign, separators and a final %. */
static gboolean
is_number_text (const char *text,
                gsize       start,
                gsize       end)
{
  const guchar *p = (const guchar *) text + start;
  const guchar *e = (const guchar *) text + end;
  gboolean digit = FALSE;

  if (p < e && (*p == '-' || *p == '+'))
    p++;
  while (p < e)
    {
      if (g_ascii_isdigit (*p))
        {
          digit = TRUE;
          p++;
        }
      else if (*p == '.' || *p == ',')
        p++;
      else if (*p == '%' && p + 1 == e)
        p++;
      else if (e - p >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
        {
          digit = TRUE;    /* ０–９ */
          p += 3;
        }
      else if (e - p >= 3 && p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8C || p[2] == 0x8E))
        p += 3;           /* ， ． */
      else
        return FALSE;
    }
  return digit;
}

/* Cells separated by a tab or by two or more spaces. */
static void
split_columns (const char *text,
               gsize       start,
               gsize       end,
               GArray     *cells)
{
  gsize cell_start = start;
  gsize pos = start;

  g_array_set_size (cells, 0);
  while (pos < end)
    {
      gsize space = space_at (text, pos, end);
      gsize run_end, n_spaces = 0;
      gboolean tab = FALSE;

      if (space == 0)
        {
          pos++;
          continue;
        }
      run_end = pos;
      while (run_end < end && (space = space_at (text, run_end, end)) > 0)
        {
          tab = tab || text[run_end] == '\t';
          run_end += space;
          n_spaces++;
        }
      if (tab || n_spaces >= 2)
        {
          Range cell = { cell_start, pos };

          trim_range (text, &cell.start, &cell.end);
          if (cell.end > cell.start)
            g_array_append_val (cells, cell);
          cell_start = run_end;
        }
      pos = run_end;
    }
  if (cell_start < end)
    {
      Range cell = { cell_start, end };

      trim_range (text, &cell.start, &cell.end);
      if (cell.end > cell.start)
        g_array_append_val (cells, cell);
    }
}

/* Cells each ended by '|' (seed 003: 「0 | ||」 is 「0」 and two empty cells
 * left by a column span); a leading '|' opens a Markdown row. */
static void
split_pipes (const char *text,
             gsize       start,
             gsize       end,
             GArray     *cells)
{
  gsize cell_start = start;

  g_array_set_size (cells, 0);
  if (start < end && text[start] == '|')
    cell_start = start + 1;
  for (gsize pos = cell_start; pos < end; pos++)
    {
      if (text[pos] == '|')
        {
          Range cell = { cell_start, pos };

          trim_range (text, &cell.start, &cell.end);
          if (cell.end == cell.start)
            cell.start = cell.end = pos;
          g_array_append_val (cells, cell);
          cell_start = pos + 1;
        }
    }
  if (cell_start < end)
    {
      Range cell = { cell_start, end };

      trim_range (text, &cell.start, &cell.end);
      if (cell.end > cell.start)
        g_array_append_val (cells, cell);
    }
}

static gboolean
is_pipe_line (const char *text,
              gsize       start,
              gsize       end)
{
  guint pipes = 0;

  for (gsize i = start; i < end; i++)
    pipes += text[i] == '|';
  if (pipes == 0)
    return FALSE;
  return pipes >= 2 || text[start] == '|' || text[end - 1] == '|';
}

/* 「|---|:--|」 between a Markdown header and its rows. */
static gboolean
is_rule_line (const char *text,
              gsize       start,
              gsize       end)
{
  gboolean dash = FALSE;

  for (gsize i = start; i < end; i++)
    {
      if (text[i] == '-')
        dash = TRUE;
      else if (text[i] != '|' && text[i] != ':' && text[i] != ' ')
        return FALSE;
    }
  return dash;
}

static void
add_paragraph (TextReader *reader,
               const Line *line)
{
  GkBlock *block;
  char *text = gk_fold_text (reader->text + line->start, line->end - line->start);
  GkBlockKind kind = GK_BLOCK_PARAGRAPH;

  if (text[0] == '\0')
    {
      g_free (text);
      return;
    }
  if (line->n_chars <= HEADING_CHARS && gk_text_starts_with_section_number (text)
      && !g_str_has_suffix (text, "。"))
    kind = GK_BLOCK_HEADING;

  block = gk_block_new (kind, text, line->start, line->end);
  block->chrome = gk_chrome_from_text (block->text, g_utf8_strlen (block->text, -1), 0);
  g_ptr_array_add (reader->document->blocks, block);
}

static void
add_cell (TextReader *reader,
          GkRawTable *raw,
          Range       range)
{
  gk_raw_table_add_cell (raw, gk_fold_text (reader->text + range.start, range.end - range.start),
                         1, 1, range.start, range.end);
}

static void
add_table (TextReader    *reader,
           GkRawTable    *raw,
           GkTableOrigin  origin,
           gsize          start,
           gsize          end)
{
  GkGrid *grid = gk_grid_build (raw, origin, &reader->next_cell_id);

  if (grid != NULL)
    g_ptr_array_add (reader->document->blocks, gk_block_new_table (grid, start, end));
  gk_raw_table_clear (raw);
}

/* A run of lines with one cell per line: a single column, one row per line. */
static void
add_stream_table (TextReader  *reader,
                  const guint *indices,
                  guint        n)
{
  GkRawTable raw;
  const Line *first = &g_array_index (reader->lines, Line, indices[0]);
  const Line *last = &g_array_index (reader->lines, Line, indices[n - 1]);

  gk_raw_table_init (&raw);
  for (guint k = 0; k < n; k++)
    {
      const Line *line = &g_array_index (reader->lines, Line, indices[k]);
      Range range = { line->start, line->end };

      gk_raw_table_add_row (&raw, 0);
      add_cell (reader, &raw, range);
    }
  add_table (reader, &raw, GK_TABLE_TEXT_STREAM, first->start, last->end);
}

static void
add_split_table (TextReader  *reader,
                 const guint *indices,
                 guint        n,
                 gboolean     pipes)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Range));
  const Line *first = &g_array_index (reader->lines, Line, indices[0]);
  const Line *last = &g_array_index (reader->lines, Line, indices[n - 1]);
  GkTableOrigin origin = GK_TABLE_TEXT_COLUMNS;
  GkRawTable raw;

  /* Pipes around one cell per line (seed 003) are a stream with the empty
   * cells of column spans kept in their places. */
  if (pipes)
    {
      guint multi = 0;

      for (guint k = 0; k < n; k++)
        {
          const Line *line = &g_array_index (reader->lines, Line, indices[k]);
          guint filled = 0;

          split_pipes (reader->text, line->start, line->end, cells);
          for (guint c = 0; c < cells->len; c++)
            filled += g_array_index (cells, Range, c).end > g_array_index (cells, Range, c).start;
          multi += filled >= 2;
        }
      if (multi * 2 <= n)
        origin = GK_TABLE_TEXT_STREAM;
    }

  gk_raw_table_init (&raw);
  for (guint k = 0; k < n; k++)
    {
      const Line *line = &g_array_index (reader->lines, Line, indices[k]);

      if (pipes && is_rule_line (reader->text, line->start, line->end))
        continue;
      if (pipes)
        split_pipes (reader->text, line->start, line->end, cells);
      else
        split_columns (reader->text, line->start, line->end, cells);

      if (origin == GK_TABLE_TEXT_COLUMNS)
        gk_raw_table_add_row (&raw, 0);
      for (guint c = 0; c < cells->len; c++)
        {
          if (origin == GK_TABLE_TEXT_STREAM)
            gk_raw_table_add_row (&raw, 0);
          add_cell (reader, &raw, g_array_index (cells, Range, c));
        }
    }
  add_table (reader, &raw, origin, first->start, last->end);
}

/* 「一、」 opens a section; inside a table it labels a row (「一、本年新收…」),
 * and then numbers follow it at once. next_number is the run's index of the
 * next number line after k, or n. */
static gboolean
splits_stream (TextReader  *reader,
               const guint *indices,
               guint        n,
               guint        k,
               guint        next_number)
{
  const Line *line = &g_array_index (reader->lines, Line, indices[k]);
  g_autofree char *text = NULL;

  if (line->is_number || line->n_chars > HEADING_CHARS)
    return FALSE;
  text = g_strndup (reader->text + line->start, line->end - line->start);
  if (!gk_text_starts_with_section_number (text) || g_str_has_prefix (text, "（")
      || text[0] == '(')
    return FALSE;

  return next_number == n || next_number - k - 1 >= 2;
}

static void
emit_stream_piece (TextReader  *reader,
                   const guint *indices,
                   guint        n)
{
  guint numbers = 0;
  guint table_end = 0;

  for (guint k = 0; k < n; k++)
    if (g_array_index (reader->lines, Line, indices[k]).is_number)
      {
        numbers++;
        table_end = k + 1;
      }

  /* Labels after the last number are not the table's. */
  if (numbers >= STREAM_MIN_NUMBERS && numbers * 100 >= STREAM_MIN_PERCENT * table_end)
    {
      add_stream_table (reader, indices, table_end);
      for (guint k = table_end; k < n; k++)
        add_paragraph (reader, &g_array_index (reader->lines, Line, indices[k]));
    }
  else
    {
      for (guint k = 0; k < n; k++)
        add_paragraph (reader, &g_array_index (reader->lines, Line, indices[k]));
    }
}

static void
emit_short_run (TextReader  *reader,
                const guint *indices,
                guint        n)
{
  g_autofree guint *next_number = g_new (guint, n + 1);
  guint piece_start = 0;

  next_number[n] = n;
  for (guint k = n; k-- > 0;)
    next_number[k] = g_array_index (reader->lines, Line, indices[k]).is_number ? k : next_number[k + 1];

  for (guint k = 0; k < n; k++)
    {
      if (!splits_stream (reader, indices, n, k, next_number[k + 1]))
        continue;
      if (k > piece_start)
        emit_stream_piece (reader, indices + piece_start, k - piece_start);
      add_paragraph (reader, &g_array_index (reader->lines, Line, indices[k]));
      piece_start = k + 1;
    }
  if (n > piece_start)
    emit_stream_piece (reader, indices + piece_start, n - piece_start);
}

/* 「标题: …」 … 「==================== 正文 ====================」 */
static gsize
read_crawler_header (TextReader *reader)
{
  static const struct
  {
    const char *label;
    const char *key;
  } keys[] = {
    { "标题", "title" }, { "发布时间", "pubdate" }, { "发布日期", "pubdate" },
    { "发布机构", "publisher" }, { "原文链接", "url" }, { "栏目", "column" },
    { "文号", "docno" },
  };
  guint separator = G_MAXUINT;

  for (guint i = 0; i < MIN (reader->lines->len, HEADER_LINES); i++)
    {
      const Line *line = &g_array_index (reader->lines, Line, i);
      g_autofree char *text = g_strndup (reader->text + line->start, line->end - line->start);

      if (g_str_has_prefix (text, "===") && strstr (text, "正文") != NULL)
        {
          separator = i;
          break;
        }
    }
  if (separator == G_MAXUINT)
    return 0;

  for (guint i = 0; i < separator; i++)
    {
      const Line *line = &g_array_index (reader->lines, Line, i);
      g_autofree char *text = g_strndup (reader->text + line->start, line->end - line->start);
      char *colon = strstr (text, ":");
      char *wide_colon = strstr (text, "：");
      char *value;

      if (wide_colon != NULL && (colon == NULL || wide_colon < colon))
        {
          *wide_colon = '\0';
          value = wide_colon + strlen ("：");
        }
      else if (colon != NULL)
        {
          *colon = '\0';
          value = colon + 1;
        }
      else
        continue;

      g_strstrip (text);
      g_strstrip (value);
      if (value[0] == '\0')
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (strcmp (text, keys[k].label) == 0)
          {
            if (!g_hash_table_contains (reader->document->meta, keys[k].key))
              g_hash_table_insert (reader->document->meta, g_strdup (keys[k].key),
                                   gk_fold_text (value, strlen (value)));
            break;
          }
    }

  if (reader->document->title == NULL)
    reader->document->title = g_strdup (g_hash_table_lookup (reader->document->meta, "title"));
  return separator + 1;
}

static void
split_lines (TextReader *reader)
{
  const char *text = reader->text;
  gsize len = reader->document->source->text_len;
  gsize pos = 0;

  while (pos < len)
    {
      const char *newline = memchr (text + pos, '\n', len - pos);
      gsize end = newline != NULL ? (gsize) (newline - text) : len;
      Line line = { 0, };

      line.start = pos;
      line.end = end;
      trim_range (text, &line.start, &line.end);
      g_array_append_val (reader->lines, line);
      pos = end + 1;
    }
}

static void
classify_lines (TextReader *reader,
                guint       first)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Range));

  for (guint i = first; i < reader->lines->len; i++)
    {
      Line *line = &g_array_index (reader->lines, Line, i);

      line->n_chars = count_chars (reader->text, line->start, line->end);
      line->is_number = line->n_chars > 0 && is_number_text (reader->text, line->start, line->end);
      if (line->end == line->start)
        line->klass = LINE_BLANK;
      else if (is_pipe_line (reader->text, line->start, line->end))
        line->klass = LINE_PIPE;
      else
        {
          gboolean columns = FALSE;

          split_columns (reader->text, line->start, line->end, cells);
          if (cells->len >= 2)
            {
              columns = TRUE;
              for (guint c = 0; c < cells->len && columns; c++)
                {
                  Range range = g_array_index (cells, Range, c);

                  columns = count_chars (reader->text, range.start, range.end) <= COLUMN_CELL_CHARS;
                }
            }
          if (columns)
            line->klass = LINE_COLUMNS;
          else
            line->klass = line->n_chars <= STREAM_LINE_CHARS ? LINE_SHORT : LINE_LONG;
        }
    }
}

/* The non-blank lines from i on that are of klass (blank lines between them
 * do not end the run). Returns the index after the run. */
static guint
gather_run (TextReader *reader,
            guint       i,
            LineClass   klass,
            GArray     *indices)
{
  guint end = i;

  g_array_set_size (indices, 0);
  for (guint j = i; j < reader->lines->len; j++)
    {
      const Line *line = &g_array_index (reader->lines, Line, j);

      if (line->klass == LINE_BLANK)
        continue;
      if (line->klass != klass)
        break;
      g_array_append_val (indices, j);
      end = j + 1;
    }
  return end;
}

static gboolean
columns_run_has_number (TextReader *reader,
                        GArray     *indices)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Range));

  for (guint k = 0; k < indices->len; k++)
    {
      const Line *line = &g_array_index (reader->lines, Line, g_array_index (indices, guint, k));

      split_columns (reader->text, line->start, line->end, cells);
      for (guint c = 0; c < cells->len; c++)
        {
          Range range = g_array_index (cells, Range, c);

          if (is_number_text (reader->text, range.start, range.end))
            return TRUE;
        }
    }
  return FALSE;
}

/* Split and column lines that form no table are ordinary lines. */
static void
demote_lonely_rows (TextReader *reader,
                    guint       first)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i = first;

  while (i < reader->lines->len)
    {
      LineClass klass = g_array_index (reader->lines, Line, i).klass;
      gboolean table;
      guint next;

      if (klass != LINE_PIPE && klass != LINE_COLUMNS)
        {
          i++;
          continue;
        }

      next = gather_run (reader, i, klass, indices);
      if (klass == LINE_PIPE)
        table = indices->len >= 3;
      else
        table = indices->len >= 3 || (indices->len >= 2 && columns_run_has_number (reader, indices));

      for (guint k = 0; k < indices->len && !table; k++)
        {
          Line *member = &g_array_index (reader->lines, Line, g_array_index (indices, guint, k));

          member->klass = member->n_chars <= STREAM_LINE_CHARS ? LINE_SHORT : LINE_LONG;
        }
      i = next;
    }
}

void
gk_text_reader_read (GkDocument *self)
{
  TextReader reader = { 0, };
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first, i;

  reader.document = self;
  reader.text = self->source->text;
  reader.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  reader.next_cell_id = 1;

  split_lines (&reader);
  first = read_crawler_header (&reader);
  classify_lines (&reader, first);
  demote_lonely_rows (&reader, first);

  i = first;
  while (i < reader.lines->len)
    {
      const Line *line = &g_array_index (reader.lines, Line, i);
      guint next;

      switch (line->klass)
        {
        case LINE_BLANK:
          i++;
          break;

        case LINE_PIPE:
        case LINE_COLUMNS:
          next = gather_run (&reader, i, line->klass, indices);
          add_split_table (&reader, (const guint *) indices->data, indices->len,
                           line->klass == LINE_PIPE);
          i = next;
          break;

        case LINE_SHORT:
          next = gather_run (&reader, i, LINE_SHORT, indices);
          emit_short_run (&reader, (const guint *) indices->data, indices->len);
          i = next;
          break;

        case LINE_LONG:
        default:
          add_paragraph (&reader, line);
          i++;
          break;
        }
    }

  g_array_unref (reader.lines);
}
