/* gk-html-reader.c — HTML to blocks: a libxml2 SAX push parser and an explicit element stack
 *
 * The parser's events drive a stack of frames, one per open element (never
 * recursion: 10^5 nested <div>s are fine). Text gathers into one paragraph,
 * which block-level tags flush into the current sink: the document, or the
 * open cell of the innermost table. When a table ends it becomes a grid, or,
 * if it is a layout table, its cells' blocks move up in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "gk-document-private.h"

/* No network, no external entities, no re-decoding: source->text is UTF-8
 * already, whatever <meta charset> says. */
#define GK_HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR \
                         | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

/* How far back from the parser's position a start tag's '<' is looked for. */
#define TAG_SEARCH_LIMIT 8192

typedef enum
{
  TAG_INLINE,
  TAG_BLOCK,
  TAG_HEADING,
  TAG_BR,
  TAG_A,
  TAG_TABLE,
  TAG_ROW_GROUP,
  TAG_TR,
  TAG_CELL,
  TAG_TITLE,
  TAG_META,
  TAG_HEAD,
  TAG_ROOT,            /* html, body: never chrome by their class */
} TagKind;

enum
{
  TAG_FLAG_BLOCK = 1 << 0,   /* ends the paragraph before and after it */
  TAG_FLAG_SKIP  = 1 << 1,   /* its content is never text: script, style, svg, form controls */
};

typedef struct
{
  guint8 kind;
  guint8 flags;
  guint8 chrome;
} TagInfo;

typedef struct
{
  const char *name;
  TagInfo     info;
} TagEntry;

static const TagEntry tag_entries[] = {
  { "a", { TAG_A, 0, GK_CHROME_NONE } },
  { "br", { TAG_BR, 0, GK_CHROME_NONE } },
  { "h1", { TAG_HEADING, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "h2", { TAG_HEADING, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "h3", { TAG_HEADING, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "h4", { TAG_HEADING, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "h5", { TAG_HEADING, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "h6", { TAG_HEADING, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "table", { TAG_TABLE, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "thead", { TAG_ROW_GROUP, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "tbody", { TAG_ROW_GROUP, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "tfoot", { TAG_ROW_GROUP, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "tr", { TAG_TR, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "td", { TAG_CELL, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "th", { TAG_CELL, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "title", { TAG_TITLE, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "meta", { TAG_META, 0, GK_CHROME_NONE } },
  { "head", { TAG_HEAD, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "html", { TAG_ROOT, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "body", { TAG_ROOT, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "nav", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NAVIGATION } },
  { "aside", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NAVIGATION } },
  { "footer", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_FOOTER } },
  /* Content that is never text. */
  { "script", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "style", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "noscript", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "template", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "iframe", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "frame", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "frameset", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "noframes", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "noembed", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "object", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "applet", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "embed", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "svg", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "math", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "canvas", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "audio", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "video", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "select", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "option", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "optgroup", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "datalist", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "button", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "textarea", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },
  { "xml", { TAG_INLINE, TAG_FLAG_SKIP, GK_CHROME_NONE } },   /* Word's <xml> islands */
  /* Elements that end a block. */
  { "address", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "article", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "blockquote", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "caption", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "center", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "dd", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "details", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "dialog", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "dir", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "div", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "dl", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "dt", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "fieldset", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "figcaption", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "figure", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "form", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "header", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "hgroup", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "hr", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "legend", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "li", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "main", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "menu", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "ol", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "p", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "pre", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "section", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "summary", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "ul", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
  { "marquee", { TAG_BLOCK, TAG_FLAG_BLOCK, GK_CHROME_NONE } },
};

static GHashTable *tag_table;

static gpointer
init_once (gpointer data)
{
  /* libxml2 wants this once, before any thread parses. */
  xmlInitParser ();

  tag_table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (tag_entries); i++)
    g_hash_table_insert (tag_table, (gpointer) tag_entries[i].name, (gpointer) &tag_entries[i].info);
  return NULL;
}

static const TagInfo inline_info = { TAG_INLINE, 0, GK_CHROME_NONE };

static const TagInfo *
lookup_tag (const char *name)
{
  const TagInfo *info = g_hash_table_lookup (tag_table, name);

  return info != NULL ? info : &inline_info;
}

typedef struct
{
  const char *name;       /* interned by the parser; valid while it runs */
  const TagInfo *info;
  GkChrome    chrome;     /* inherited from the parent unless this element is chrome itself */
  gboolean    is_link;
  guint       cell_serial;
  gsize       start;
} Frame;

typedef struct
{
  GkRawTable  raw;
  GPtrArray  *loose;          /* GkBlock *: text in the table but in no cell (caption…) */
  GPtrArray  *cell_blocks;    /* GPtrArray * of GkBlock *, one per raw cell */
  GPtrArray  *cell;           /* the open cell's blocks, or NULL */
  guint       cell_serial;
  gsize       cell_start;
  guint       cell_rowspan;
  guint       cell_colspan;
  guint       row_group;
  gboolean    row_open;
  gboolean    nested;         /* holds another table: a layout table */
  GkChrome    chrome;
  gsize       start;
} TableBuilder;

typedef struct
{
  GkDocument       *document;
  htmlParserCtxtPtr ctxt;
  const char       *text;
  gsize             text_len;

  GArray           *frames;      /* Frame */
  GPtrArray        *tables;      /* TableBuilder * */
  guint             skip_depth;
  guint             link_depth;
  guint             heading_depth;
  guint             head_depth;
  guint             title_depth;
  guint             next_cell_serial;
  guint             next_cell_id;

  /* No tag begins before this: the end of the last text or end tag, or the
   * last tag found. It bounds the searches for tag starts. */
  gsize             floor;

  /* the paragraph being gathered */
  GkFold            fold;
  gsize             boundary;    /* where the last block ended or began */
  gsize             para_start;
  GkChrome          para_chrome;
  GkBlockKind       para_kind;

  GkFold            title;
} Reader;

static void
table_builder_free (TableBuilder *table)
{
  gk_raw_table_clear (&table->raw);
  g_ptr_array_unref (table->loose);
  g_ptr_array_unref (table->cell_blocks);
  g_clear_pointer (&table->cell, g_ptr_array_unref);
  g_free (table);
}

static inline gsize
parser_position (Reader *reader)
{
  xmlParserInputPtr input = reader->ctxt->input;
  gsize position;

  if (input == NULL || input->base == NULL || input->cur == NULL || input->cur < input->base)
    return reader->boundary;
  position = (gsize) input->consumed + (gsize) (input->cur - input->base);
  return MIN (position, reader->text_len);
}

static gsize
search_limit (Reader *reader,
              gsize   position)
{
  gsize limit = position > TAG_SEARCH_LIMIT ? position - TAG_SEARCH_LIMIT : 0;

  return MAX (limit, reader->floor);
}

/* The parser reports a start tag with its position at the '>': find the '<'.
 * Elements the parser implies have no tag: they start where they are reported. */
static gsize
find_tag_start (Reader     *reader,
                gsize       position,
                const char *name)
{
  gsize name_len = strlen (name);
  gsize limit = search_limit (reader, position);

  for (gsize i = MIN (position, reader->text_len); i-- > limit;)
    {
      if (reader->text[i] != '<')
        continue;
      if (i + 1 + name_len <= reader->text_len
          && g_ascii_strncasecmp (reader->text + i + 1, name, name_len) == 0
          && !g_ascii_isalnum (reader->text[i + 1 + name_len]))
        {
          reader->floor = i;
          return i;
        }
    }
  return position;
}

/* Where an element ends: after its end tag, or where the tag that closed it
 * implicitly begins. */
static gsize
element_end (Reader *reader,
             gsize   position)
{
  gsize limit = search_limit (reader, position);

  if (position == 0 || position >= reader->text_len || reader->text[position - 1] == '>')
    {
      reader->floor = MAX (reader->floor, position);
      return position;
    }
  for (gsize i = position; i-- > limit;)
    if (reader->text[i] == '<')
      return i;
  return position;
}

static GPtrArray *
current_sink (Reader *reader)
{
  if (reader->tables->len > 0)
    {
      TableBuilder *table = g_ptr_array_index (reader->tables, reader->tables->len - 1);

      return table->cell != NULL ? table->cell : table->loose;
    }
  return reader->document->blocks;
}

static void
flush_paragraph (Reader *reader,
                 gsize   end)
{
  GkFold *fold = &reader->fold;
  GkBlock *block;

  if (fold->text->len > 0)
    {
      block = gk_block_new (reader->para_kind, g_strndup (fold->text->str, fold->text->len),
                            reader->para_start, end);
      block->link_chars = fold->link_chars;
      block->chrome = reader->para_chrome != GK_CHROME_NONE
                      ? reader->para_chrome
                      : gk_chrome_from_text (block->text, fold->n_chars, fold->link_chars);
      g_ptr_array_add (current_sink (reader), block);
      gk_fold_reset (fold);
    }
  fold->pending_space = FALSE;
  fold->pending_newline = FALSE;
  reader->boundary = end;
}

static GkChrome
current_chrome (Reader *reader)
{
  if (reader->frames->len == 0)
    return GK_CHROME_NONE;
  return g_array_index (reader->frames, Frame, reader->frames->len - 1).chrome;
}

/* Class and id words that mark site chrome: 「footer」, 「breadcrumb」, 「nav」… */
static GkChrome
chrome_from_words (const char *value)
{
  static const struct
  {
    const char *word;
    GkChrome    chrome;
  } words[] = {
    { "footer", GK_CHROME_FOOTER }, { "foot", GK_CHROME_FOOTER },
    { "copyright", GK_CHROME_FOOTER }, { "beian", GK_CHROME_FOOTER },
    { "breadcrumb", GK_CHROME_NAVIGATION }, { "breadcrumbs", GK_CHROME_NAVIGATION },
    { "crumb", GK_CHROME_NAVIGATION }, { "crumbs", GK_CHROME_NAVIGATION },
    { "position", GK_CHROME_NAVIGATION }, { "location", GK_CHROME_NAVIGATION },
    { "dqwz", GK_CHROME_NAVIGATION }, { "nav", GK_CHROME_NAVIGATION },
    { "navbar", GK_CHROME_NAVIGATION }, { "navigation", GK_CHROME_NAVIGATION },
    { "menu", GK_CHROME_NAVIGATION }, { "topnav", GK_CHROME_NAVIGATION },
    { "subnav", GK_CHROME_NAVIGATION }, { "sidebar", GK_CHROME_NAVIGATION },
    { "share", GK_CHROME_TOOLS }, { "bdsharebuttonbox", GK_CHROME_TOOLS },
  };
  const char *p = value;

  while (*p != '\0')
    {
      const char *word;
      gsize len;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      word = p;
      while (g_ascii_isalnum (*p))
        p++;
      len = p - word;
      if (len < 3 || len > 16)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (strlen (words[i].word) == len && g_ascii_strncasecmp (word, words[i].word, len) == 0)
          return words[i].chrome;
    }
  return GK_CHROME_NONE;
}

/* The HTML rules for a span: leading digits; anything else is 1. */
static guint
parse_span (const char *value,
            guint       maximum,
            gboolean    zero_allowed)
{
  guint64 n = 0;
  gboolean digits = FALSE;

  if (value == NULL)
    return 1;
  while (g_ascii_isspace (*value))
    value++;
  if (*value == '+')
    value++;
  for (; g_ascii_isdigit (*value); value++)
    {
      digits = TRUE;
      n = MIN (n * 10 + (guint64) (*value - '0'), (guint64) G_MAXUINT);
    }
  if (!digits)
    return 1;
  if (n == 0)
    return zero_allowed ? 0 : 1;
  return (guint) MIN (n, (guint64) maximum);
}

static void
add_meta (Reader         *reader,
          const xmlChar **atts)
{
  const char *name = NULL;
  const char *content = NULL;
  g_autofree char *key = NULL;

  for (guint i = 0; atts != NULL && atts[i] != NULL; i += 2)
    {
      const char *attr = (const char *) atts[i];
      const char *value = (const char *) atts[i + 1];

      if (value == NULL)
        continue;
      if (g_ascii_strcasecmp (attr, "name") == 0 || (name == NULL && g_ascii_strcasecmp (attr, "property") == 0))
        name = value;
      else if (g_ascii_strcasecmp (attr, "content") == 0)
        content = value;
    }
  if (name == NULL || content == NULL)
    return;

  key = g_ascii_strdown (name, -1);
  g_strstrip (key);
  if (key[0] == '\0' || g_hash_table_contains (reader->document->meta, key))
    return;
  g_hash_table_insert (reader->document->meta, g_steal_pointer (&key),
                       gk_fold_text (content, strlen (content)));
}

static void
start_cell (Reader         *reader,
            TableBuilder   *table,
            Frame          *frame,
            const xmlChar **atts);

static void
close_cell (Reader       *reader,
            TableBuilder *table,
            gsize         end)
{
  GString *text;
  GPtrArray *blocks = g_steal_pointer (&table->cell);

  /* A data cell's text is its blocks' texts in one line. */
  text = g_string_new (NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      const GkBlock *block = g_ptr_array_index (blocks, i);

      if (block->text[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      for (const char *p = block->text; *p != '\0'; p++)
        g_string_append_c (text, *p == '\n' ? ' ' : *p);
    }

  gk_raw_table_add_cell (&table->raw, g_string_free (text, FALSE),
                         table->cell_rowspan, table->cell_colspan, table->cell_start, end);
  g_ptr_array_add (table->cell_blocks, blocks);
}

static void
start_cell (Reader         *reader,
            TableBuilder   *table,
            Frame          *frame,
            const xmlChar **atts)
{
  if (table->cell != NULL)
    close_cell (reader, table, frame->start);
  if (!table->row_open)
    {
      gk_raw_table_add_row (&table->raw, table->row_group);
      table->row_open = TRUE;
    }

  table->cell = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_block_free);
  table->cell_serial = ++reader->next_cell_serial;
  table->cell_start = frame->start;
  table->cell_rowspan = 1;
  table->cell_colspan = 1;
  for (guint i = 0; atts != NULL && atts[i] != NULL; i += 2)
    {
      const char *attr = (const char *) atts[i];
      const char *value = (const char *) atts[i + 1];

      if (g_ascii_strcasecmp (attr, "rowspan") == 0)
        table->cell_rowspan = parse_span (value, 65534, TRUE);
      else if (g_ascii_strcasecmp (attr, "colspan") == 0)
        table->cell_colspan = parse_span (value, GK_GRID_MAX_COLS, FALSE);
    }
  frame->cell_serial = table->cell_serial;
}

static void
move_blocks (GPtrArray *from,
             GPtrArray *to)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_ptr_array_index (from, i));
  /* The blocks now belong to `to`. */
  g_ptr_array_set_free_func (from, NULL);
  g_ptr_array_set_size (from, 0);
  g_ptr_array_set_free_func (from, (GDestroyNotify) gk_block_free);
}

/* A table ends: a grid if it holds data, else its content as plain blocks. */
static void
finish_table (Reader *reader,
              gsize   end)
{
  TableBuilder *table = g_ptr_array_steal_index (reader->tables, reader->tables->len - 1);
  GPtrArray *sink = current_sink (reader);
  gboolean layout = table->nested;
  guint n_chars = 0;
  guint link_chars = 0;
  GkGrid *grid = NULL;

  if (table->cell != NULL)
    close_cell (reader, table, end);

  move_blocks (table->loose, sink);

  if (!layout)
    {
      for (guint i = 0; i < table->cell_blocks->len && !layout; i++)
        {
          GPtrArray *blocks = g_ptr_array_index (table->cell_blocks, i);
          guint cell_chars = 0;

          for (guint j = 0; j < blocks->len; j++)
            {
              const GkBlock *block = g_ptr_array_index (blocks, j);

              cell_chars += g_utf8_strlen (block->text, -1);
              link_chars += block->link_chars;
            }
          n_chars += cell_chars;
          if (cell_chars > GK_LAYOUT_CELL_CHARS)
            layout = TRUE;
        }
      /* A page's menus laid out in a table are links, not data. */
      if (n_chars > 0 && link_chars * 2 > n_chars)
        layout = TRUE;
    }

  if (!layout && n_chars > 0)
    {
      grid = gk_grid_build (&table->raw, GK_TABLE_HTML, &reader->next_cell_id);
      if (grid != NULL && (grid->n_cols <= 1 || grid->n_rows <= 1))
        {
          layout = TRUE;
          g_clear_pointer (&grid, gk_grid_free);
        }
    }

  if (grid != NULL)
    {
      GkBlock *block = gk_block_new_table (grid, table->start, end);

      block->chrome = table->chrome;
      g_ptr_array_add (sink, block);
    }
  else if (layout)
    {
      for (guint i = 0; i < table->cell_blocks->len; i++)
        move_blocks (g_ptr_array_index (table->cell_blocks, i), sink);
    }

  table_builder_free (table);
}

static void
open_element (Reader         *reader,
              Frame          *frame,
              const xmlChar **atts)
{
  const TagInfo *info = frame->info;

  if ((info->flags & TAG_FLAG_SKIP) != 0)
    {
      reader->skip_depth++;
      return;
    }
  if (reader->skip_depth > 0)
    return;

  if ((info->flags & TAG_FLAG_BLOCK) != 0)
    flush_paragraph (reader, frame->start);

  switch ((TagKind) info->kind)
    {
    case TAG_A:
      for (guint i = 0; atts != NULL && atts[i] != NULL; i += 2)
        if (g_ascii_strcasecmp ((const char *) atts[i], "href") == 0
            && atts[i + 1] != NULL && atts[i + 1][0] != '\0')
          {
            frame->is_link = TRUE;
            reader->link_depth++;
            break;
          }
      break;

    case TAG_BR:
      gk_fold_break_line (&reader->fold);
      break;

    case TAG_HEADING:
      reader->heading_depth++;
      break;

    case TAG_TABLE:
      {
        TableBuilder *table = g_new0 (TableBuilder, 1);

        if (reader->tables->len > 0)
          ((TableBuilder *) g_ptr_array_index (reader->tables, reader->tables->len - 1))->nested = TRUE;
        gk_raw_table_init (&table->raw);
        table->loose = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_block_free);
        table->cell_blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        table->chrome = frame->chrome;
        table->start = frame->start;
        g_ptr_array_add (reader->tables, table);
      }
      break;

    case TAG_ROW_GROUP:
      if (reader->tables->len > 0)
        {
          TableBuilder *table = g_ptr_array_index (reader->tables, reader->tables->len - 1);

          table->row_group++;
          table->row_open = FALSE;
        }
      break;

    case TAG_TR:
      if (reader->tables->len > 0)
        {
          TableBuilder *table = g_ptr_array_index (reader->tables, reader->tables->len - 1);

          if (table->cell != NULL)
            close_cell (reader, table, frame->start);
          gk_raw_table_add_row (&table->raw, table->row_group);
          table->row_open = TRUE;
        }
      break;

    case TAG_CELL:
      if (reader->tables->len > 0)
        start_cell (reader, g_ptr_array_index (reader->tables, reader->tables->len - 1), frame, atts);
      break;

    case TAG_TITLE:
      reader->title_depth++;
      break;

    case TAG_META:
      add_meta (reader, atts);
      break;

    case TAG_HEAD:
      reader->head_depth++;
      break;

    case TAG_INLINE:
    case TAG_BLOCK:
    case TAG_ROOT:
    default:
      break;
    }

  if ((info->flags & TAG_FLAG_BLOCK) != 0)
    reader->boundary = frame->start;
}

static void
close_element (Reader *reader,
               Frame  *frame,
               gsize   end)
{
  const TagInfo *info = frame->info;

  if ((info->flags & TAG_FLAG_SKIP) != 0)
    {
      reader->skip_depth--;
      return;
    }
  if (reader->skip_depth > 0)
    return;

  if ((info->flags & TAG_FLAG_BLOCK) != 0)
    flush_paragraph (reader, end);

  switch ((TagKind) info->kind)
    {
    case TAG_A:
      if (frame->is_link)
        reader->link_depth--;
      break;

    case TAG_HEADING:
      reader->heading_depth--;
      break;

    case TAG_TABLE:
      if (reader->tables->len > 0)
        finish_table (reader, end);
      break;

    case TAG_TR:
    case TAG_ROW_GROUP:
      if (reader->tables->len > 0)
        {
          TableBuilder *table = g_ptr_array_index (reader->tables, reader->tables->len - 1);

          if (table->cell != NULL)
            close_cell (reader, table, end);
          table->row_open = FALSE;
        }
      break;

    case TAG_CELL:
      if (reader->tables->len > 0)
        {
          TableBuilder *table = g_ptr_array_index (reader->tables, reader->tables->len - 1);

          if (table->cell != NULL && table->cell_serial == frame->cell_serial)
            close_cell (reader, table, end);
        }
      break;

    case TAG_TITLE:
      reader->title_depth--;
      if (reader->document->title == NULL && reader->title.text->len > 0)
        reader->document->title = g_strndup (reader->title.text->str, reader->title.text->len);
      gk_fold_reset (&reader->title);
      break;

    case TAG_HEAD:
      reader->head_depth--;
      break;

    case TAG_INLINE:
    case TAG_BLOCK:
    case TAG_BR:
    case TAG_META:
    case TAG_ROOT:
    default:
      break;
    }

  if ((info->flags & TAG_FLAG_BLOCK) != 0)
    reader->boundary = end;
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *name,
                  const xmlChar **atts)
{
  Reader *reader = user_data;
  gsize position = parser_position (reader);
  Frame frame = { 0, };

  if (name == NULL)
    return;

  frame.name = (const char *) name;
  frame.info = lookup_tag (frame.name);
  frame.start = find_tag_start (reader, position, frame.name);
  frame.chrome = current_chrome (reader);
  if (frame.chrome == GK_CHROME_NONE)
    frame.chrome = frame.info->chrome;
  if (frame.chrome == GK_CHROME_NONE && frame.info->kind != TAG_ROOT && atts != NULL)
    for (guint i = 0; atts[i] != NULL && frame.chrome == GK_CHROME_NONE; i += 2)
      if (atts[i + 1] != NULL
          && (g_ascii_strcasecmp ((const char *) atts[i], "class") == 0
              || g_ascii_strcasecmp ((const char *) atts[i], "id") == 0))
        frame.chrome = chrome_from_words ((const char *) atts[i + 1]);

  open_element (reader, &frame, atts);
  g_array_append_val (reader->frames, frame);
}

static void
on_end_element (void          *user_data,
                const xmlChar *name)
{
  Reader *reader = user_data;
  gsize end;
  guint depth;

  if (name == NULL)
    return;

  /* libxml2 balances its events; should it not, close up to the match. */
  for (depth = reader->frames->len; depth > 0; depth--)
    if (strcmp (g_array_index (reader->frames, Frame, depth - 1).name, (const char *) name) == 0)
      break;
  if (depth == 0)
    return;

  end = element_end (reader, parser_position (reader));
  while (reader->frames->len >= depth)
    {
      Frame frame = g_array_index (reader->frames, Frame, reader->frames->len - 1);

      g_array_set_size (reader->frames, reader->frames->len - 1);
      close_element (reader, &frame, end);
    }
}

static void
on_characters (void          *user_data,
               const xmlChar *chars,
               int            len)
{
  Reader *reader = user_data;
  gboolean was_empty;

  reader->floor = MAX (reader->floor, parser_position (reader));
  if (reader->skip_depth > 0 || len <= 0)
    return;
  if (reader->title_depth > 0)
    {
      gk_fold_append (&reader->title, (const char *) chars, len, FALSE);
      return;
    }
  if (reader->head_depth > 0)
    return;

  was_empty = reader->fold.text->len == 0;
  if (gk_fold_append (&reader->fold, (const char *) chars, len, reader->link_depth > 0) && was_empty)
    {
      reader->para_start = reader->boundary;
      reader->para_chrome = current_chrome (reader);
      reader->para_kind = reader->heading_depth > 0 ? GK_BLOCK_HEADING : GK_BLOCK_PARAGRAPH;
    }
}

/* Script and style content arrives here in HTML mode: it is never text. */
static void
on_cdata_block (void          *user_data,
                const xmlChar *chars,
                int            len)
{
}

void
gk_html_reader_read (GkDocument *self)
{
  static GOnce once = G_ONCE_INIT;
  xmlSAXHandler sax;
  Reader reader = { 0, };
  GkSource *source = self->source;

  g_once (&once, init_once, NULL);

  memset (&sax, 0, sizeof sax);
  sax.startElement = on_start_element;
  sax.endElement = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_cdata_block;

  reader.document = self;
  reader.text = source->text;
  reader.text_len = source->text_len;
  reader.frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 64);
  reader.tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_builder_free);
  reader.next_cell_id = 1;
  gk_fold_init (&reader.fold);
  gk_fold_init (&reader.title);

  if (source->text_len > 0 && source->text_len <= G_MAXINT)
    {
      reader.ctxt = htmlCreatePushParserCtxt (&sax, &reader, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
      if (reader.ctxt != NULL)
        {
          htmlCtxtUseOptions (reader.ctxt, GK_HTML_OPTIONS);
          htmlParseChunk (reader.ctxt, source->text, (int) source->text_len, 1);
        }
    }

  if (reader.ctxt != NULL)
    {
      /* No tree is asked for, but free one should a libxml2 make it anyway. */
      if (reader.ctxt->myDoc != NULL)
        xmlFreeDoc (reader.ctxt->myDoc);
      reader.ctxt->myDoc = NULL;
      htmlFreeParserCtxt (reader.ctxt);
      reader.ctxt = NULL;
    }

  /* Whatever the parser left open ends with the text. */
  while (reader.frames->len > 0)
    {
      Frame frame = g_array_index (reader.frames, Frame, reader.frames->len - 1);

      g_array_set_size (reader.frames, reader.frames->len - 1);
      close_element (&reader, &frame, source->text_len);
    }
  while (reader.tables->len > 0)
    finish_table (&reader, source->text_len);
  flush_paragraph (&reader, source->text_len);

  if (self->title == NULL && reader.title.text->len > 0)
    self->title = g_strndup (reader.title.text->str, reader.title.text->len);

  gk_fold_clear (&reader.fold);
  gk_fold_clear (&reader.title);
  g_ptr_array_unref (reader.tables);
  g_array_unref (reader.frames);
}
