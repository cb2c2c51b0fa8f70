/* gk-document.c — a page as blocks in reading order: headings, paragraphs, tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-document-private.h"

/* ---- Whitespace folding ------------------------------------------------ */

/* The length of the whitespace character at p, or 0. Besides ASCII, the
 * spaces Word and CMS editors leave in pages: U+00A0, U+2000–U+200B, U+2028,
 * U+2029, U+202F, U+3000 and a stray BOM. */
static inline gsize
space_len_at (const guchar *p,
              const guchar *end)
{
  switch (p[0])
    {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
      return 1;
    case 0xC2:
      return (p + 1 < end && p[1] == 0xA0) ? 2 : 0;
    case 0xE2:
      if (p + 2 < end && p[1] == 0x80)
        {
          guchar c = p[2];
          if (c <= 0x8B || c == 0xA8 || c == 0xA9 || c == 0xAF)
            return 3;
        }
      return 0;
    case 0xE3:
      return (p + 2 < end && p[1] == 0x80 && p[2] == 0x80) ? 3 : 0;
    case 0xEF:
      return (p + 2 < end && p[1] == 0xBB && p[2] == 0xBF) ? 3 : 0;
    default:
      return 0;
    }
}

/* Bytes that may start a whitespace character. */
static inline gboolean
may_start_space (guchar c)
{
  return c <= ' ' || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

void
gk_fold_init (GkFold *fold)
{
  memset (fold, 0, sizeof *fold);
  fold->text = g_string_sized_new (256);
}

void
gk_fold_clear (GkFold *fold)
{
  if (fold->text != NULL)
    g_string_free (fold->text, TRUE);
  fold->text = NULL;
}

void
gk_fold_reset (GkFold *fold)
{
  g_string_truncate (fold->text, 0);
  fold->n_chars = 0;
  fold->link_chars = 0;
  fold->pending_space = FALSE;
  fold->pending_newline = FALSE;
}

gboolean
gk_fold_append (GkFold     *fold,
                const char *text,
                gsize       len,
                gboolean    in_link)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  gboolean any = FALSE;

  while (p < end)
    {
      const guchar *run;
      gsize space;
      guint run_chars = 0;

      if (may_start_space (*p) && (space = space_len_at (p, end)) > 0)
        {
          fold->pending_space = TRUE;
          p += space;
          continue;
        }

      run = p;
      while (p < end)
        {
          if (may_start_space (*p) && space_len_at (p, end) > 0)
            break;
          run_chars += (*p & 0xC0) != 0x80;
          p++;
        }

      if (fold->text->len > 0 && (fold->pending_newline || fold->pending_space))
        {
          g_string_append_c (fold->text, fold->pending_newline ? '\n' : ' ');
          run_chars++;
        }
      fold->pending_space = FALSE;
      fold->pending_newline = FALSE;

      g_string_append_len (fold->text, (const char *) run, p - run);
      fold->n_chars += run_chars;
      if (in_link)
        fold->link_chars += run_chars;
      any = TRUE;
    }

  return any;
}

void
gk_fold_break_line (GkFold *fold)
{
  if (fold->text->len > 0)
    fold->pending_newline = TRUE;
}

char *
gk_fold_text (const char *text,
              gsize       len)
{
  GkFold fold = { 0, };
  char *result;

  /* Folding never lengthens: size the string once, exactly. */
  fold.text = g_string_sized_new (len + 1);
  gk_fold_append (&fold, text, len, FALSE);
  result = g_string_free (fold.text, FALSE);
  fold.text = NULL;
  return result;
}

/* ---- Grids --------------------------------------------------------------- */

void
gk_raw_table_init (GkRawTable *raw)
{
  raw->cells = g_array_new (FALSE, FALSE, sizeof (GkRawCell));
  raw->row_groups = g_array_new (FALSE, FALSE, sizeof (guint));
}

void
gk_raw_table_clear (GkRawTable *raw)
{
  if (raw->cells != NULL)
    {
      for (guint i = 0; i < raw->cells->len; i++)
        g_free (g_array_index (raw->cells, GkRawCell, i).text);
      g_array_unref (raw->cells);
      raw->cells = NULL;
    }
  g_clear_pointer (&raw->row_groups, g_array_unref);
}

guint
gk_raw_table_add_row (GkRawTable *raw,
                      guint       row_group)
{
  g_array_append_val (raw->row_groups, row_group);
  return raw->row_groups->len - 1;
}

/* Adds a cell to the last row (a row is started if there is none). */
void
gk_raw_table_add_cell (GkRawTable *raw,
                       char       *text,
                       guint       rowspan,
                       guint       colspan,
                       gsize       src_start,
                       gsize       src_end)
{
  GkRawCell cell = { 0, };

  if (raw->row_groups->len == 0)
    gk_raw_table_add_row (raw, 0);

  cell.text = text;
  cell.row = raw->row_groups->len - 1;
  cell.rowspan = rowspan;
  cell.colspan = MAX (colspan, 1);
  cell.src_start = src_start;
  cell.src_end = MAX (src_end, src_start);
  g_array_append_val (raw->cells, cell);
}

static void
grid_cell_free (gpointer data)
{
  GkGridCell *cell = data;

  g_free (cell->text);
  g_free (cell);
}

void
gk_grid_free (GkGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->slots);
  g_ptr_array_unref (grid->cells);
  g_free (grid);
}

typedef struct
{
  guint index;   /* in raw->cells */
  guint row;
  guint col;
  guint rowspan;
  guint colspan;
} Placement;

GkGrid *
gk_grid_build (GkRawTable    *raw,
               GkTableOrigin  origin,
               guint         *next_id)
{
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autoptr(GArray) busy_until = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autofree guint *group_end = NULL;
  guint n_table_rows = MIN (raw->row_groups->len, GK_GRID_MAX_ROWS);
  guint n_rows = 0;
  guint n_cols = 0;
  guint current_row = G_MAXUINT;
  guint col = 0;
  GkGrid *grid;

  if (n_table_rows == 0 || raw->cells->len == 0)
    return NULL;

  /* Where each row's group ends: rowspans stop there, and rowspan=0 reaches it. */
  group_end = g_new (guint, n_table_rows);
  for (guint r = n_table_rows; r-- > 0;)
    {
      guint group = g_array_index (raw->row_groups, guint, r);

      if (r + 1 < n_table_rows && g_array_index (raw->row_groups, guint, r + 1) == group)
        group_end[r] = group_end[r + 1];
      else
        group_end[r] = r + 1;
    }

  for (guint i = 0; i < raw->cells->len; i++)
    {
      const GkRawCell *cell = &g_array_index (raw->cells, GkRawCell, i);
      Placement placement;
      guint row = cell->row;
      guint colspan, rowspan, left;

      if (row >= n_table_rows)
        break;
      if (row != current_row)
        {
          current_row = row;
          col = 0;
        }

      while (col < busy_until->len && g_array_index (busy_until, guint, col) > row)
        col++;
      if (col >= GK_GRID_MAX_COLS)
        continue;

      colspan = MIN (cell->colspan, GK_GRID_MAX_COLS - col);
      /* A colspan that runs into a cell spanning down from above stops
       * there: cells never overlap, so every slot has one owner. */
      for (guint k = 1; k < colspan; k++)
        if (col + k < busy_until->len && g_array_index (busy_until, guint, col + k) > row)
          {
            colspan = k;
            break;
          }

      left = group_end[row] - row;
      rowspan = (cell->rowspan == 0 || cell->rowspan > left) ? left : cell->rowspan;

      if (busy_until->len < col + colspan)
        g_array_set_size (busy_until, col + colspan);
      for (guint k = 0; k < colspan; k++)
        g_array_index (busy_until, guint, col + k) = row + rowspan;

      placement.index = i;
      placement.row = row;
      placement.col = col;
      placement.rowspan = rowspan;
      placement.colspan = colspan;
      g_array_append_val (placements, placement);

      n_rows = MAX (n_rows, row + rowspan);
      n_cols = MAX (n_cols, col + colspan);
      col += colspan;
    }

  if (placements->len == 0)
    return NULL;

  /* Keep the slot array bounded: drop rows from the bottom. */
  if ((guint64) n_rows * n_cols > GK_GRID_MAX_SLOTS)
    n_rows = MAX (GK_GRID_MAX_SLOTS / n_cols, 1);

  grid = g_new0 (GkGrid, 1);
  grid->n_rows = n_rows;
  grid->n_cols = n_cols;
  grid->origin = origin;
  grid->slots = g_new0 (GkGridCell *, (gsize) n_rows * n_cols);
  grid->cells = g_ptr_array_new_full (placements->len, grid_cell_free);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);
      GkRawCell *raw_cell = &g_array_index (raw->cells, GkRawCell, placement->index);
      GkGridCell *cell;

      if (placement->row >= n_rows)
        continue;

      cell = g_new0 (GkGridCell, 1);
      cell->text = raw_cell->text != NULL ? g_steal_pointer (&raw_cell->text) : g_strdup ("");
      cell->id = (*next_id)++;
      cell->row = placement->row;
      cell->col = placement->col;
      cell->rowspan = MIN (placement->rowspan, n_rows - placement->row);
      cell->colspan = placement->colspan;
      cell->src_start = raw_cell->src_start;
      cell->src_end = raw_cell->src_end;
      g_ptr_array_add (grid->cells, cell);

      for (guint r = cell->row; r < cell->row + cell->rowspan; r++)
        for (guint c = cell->col; c < cell->col + cell->colspan; c++)
          grid->slots[(gsize) r * n_cols + c] = cell;
    }

  return grid;
}

const GkGridCell *
gk_grid_get (const GkGrid *grid,
             guint         row,
             guint         col)
{
  g_return_val_if_fail (grid != NULL, NULL);

  if (row >= grid->n_rows || col >= grid->n_cols)
    return NULL;
  return grid->slots[(gsize) row * grid->n_cols + col];
}

/* Each cell once, row by row: cells separated by ' ', rows by '\n'. */
char *
gk_grid_dup_text (const GkGrid *grid)
{
  GString *text = g_string_new (NULL);
  guint row = 0;
  gboolean row_has_text = FALSE;

  for (guint i = 0; i < grid->cells->len; i++)
    {
      const GkGridCell *cell = g_ptr_array_index (grid->cells, i);

      if (cell->text[0] == '\0')
        continue;
      if (cell->row != row)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          row = cell->row;
          row_has_text = FALSE;
        }
      if (row_has_text)
        g_string_append_c (text, ' ');
      g_string_append (text, cell->text);
      row_has_text = TRUE;
    }

  return g_string_free (text, FALSE);
}

/* ---- Blocks -------------------------------------------------------------- */

GkBlock *
gk_block_new (GkBlockKind  kind,
              char        *text,
              gsize        src_start,
              gsize        src_end)
{
  GkBlock *block = g_new0 (GkBlock, 1);

  block->kind = kind;
  block->text = text;
  block->src_start = src_start;
  block->src_end = MAX (src_end, src_start);
  return block;
}

GkBlock *
gk_block_new_table (GkGrid *grid,
                    gsize   src_start,
                    gsize   src_end)
{
  GkBlock *block = gk_block_new (GK_BLOCK_TABLE, gk_grid_dup_text (grid), src_start, src_end);

  block->grid = grid;
  return block;
}

void
gk_block_free (GkBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->text);
  gk_grid_free (block->grid);
  g_free (block);
}

/* ---- Chrome -------------------------------------------------------------- */

/* The text with all whitespace removed, at most max_bytes of it. */
static char *
compact_text (const char *text,
              gsize       max_bytes)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + strlen (text);
  GString *out = g_string_sized_new (MIN ((gsize) (end - p), max_bytes) + 1);

  while (p < end && out->len < max_bytes)
    {
      gsize space = space_len_at (p, end);

      if (space > 0)
        p += space;
      else
        g_string_append_c (out, (char) *p++);
    }
  /* Never cut a character in two. */
  while (out->len > 0 && p < end && (*p & 0xC0) == 0x80)
    g_string_append_c (out, (char) *p++);

  return g_string_free (out, FALSE);
}

static gboolean
contains_any (const char        *text,
              const char *const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (text, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
starts_with_any (const char        *text,
                 const char *const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (text, prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_digit_after (const char *text,
                 const char *needle)
{
  const char *hit = strstr (text, needle);

  while (hit != NULL)
    {
      const char *p = hit + strlen (needle);

      for (guint i = 0; i < 4 && *p != '\0'; i++, p++)
        if (g_ascii_isdigit (*p))
          return TRUE;
      hit = strstr (hit + 1, needle);
    }
  return FALSE;
}

static const char *const navigation_prefixes[] = {
  "当前位置", "您现在的位置", "您当前的位置", "您的位置", "你的位置", "你现在的位置",
  "现在位置", "所在位置", "当前栏目", "當前位置", "您現在的位置", "當前欄目", NULL
};

static const char *const breadcrumb_arrows[] = {
  ">", "»", "›", "＞", "→", "&gt;", NULL
};

static const char *const tool_words[] = {
  "打印本文", "打印本页", "打印此页", "打印文章", "打印页面", "【打印】", "[打印]",
  "【关闭】", "[关闭]", "关闭窗口", "关闭本页", "【關閉】", "關閉窗口",
  "【字体", "[字体", "字体：大", "字体:大", "字号：大", "字号:大", "字体大中小", "【大】【中】【小】",
  "【字體", "字體：大", "字體:大",
  "分享到", "扫一扫", "掃一掃", "收藏本页", "加入收藏", "返回顶部", "【返回】", NULL
};

/* Footer words that mean chrome even in a longer line. */
static const char *const footer_strong_words[] = {
  "公网安备", "公網安備", "网站标识码", "網站標識碼", "版权所有", "版權所有", "Copyright", "COPYRIGHT",
  "copyright", "©", NULL
};

static const char *const footer_weak_words[] = {
  "主办单位", "承办单位", "主辦單位", "承辦單位", "联系我们", "聯繫我們", "聯系我們", "网站地图",
  "網站地圖", "技术支持", "技術支持", "备案序号", "備案序號", "管理维护", "主办：", "主办:", "承办：",
  "承办:", "主辦：", "主辦:", "联络我们", "聯絡我們", NULL
};

static const char *const related_words[] = {
  "相关信息", "相关链接", "相关文章", "相关附件", "相关词条", "热门词条", "相关阅读", "相关新闻",
  "相关文件", "相关稿件", "相关推荐", "相关政策", "相关解读", "延伸阅读", "推荐阅读", "附件下载",
  "相關信息", "相關鏈接", "相關連結", "相關文章", "相關附件", "相關詞條", "熱門詞條", "相關閱讀",
  "相關新聞", "相關文件", NULL
};

GkChrome
gk_chrome_from_text (const char *text,
                     guint       n_chars,
                     guint       link_chars)
{
  g_autofree char *compact = NULL;
  gsize len;

  if (text == NULL || text[0] == '\0')
    return GK_CHROME_NONE;

  /* Long paragraphs are report text, whatever words they use: a crawler's
   * copy may hold a whole page in one line that starts with its breadcrumb. */
  compact = compact_text (text, 900);
  len = strlen (compact);

  if (n_chars <= 300 && starts_with_any (compact, navigation_prefixes))
    return GK_CHROME_NAVIGATION;

  if (n_chars <= 60 && contains_any (compact, tool_words))
    return GK_CHROME_TOOLS;
  if (n_chars <= 6 && (g_str_has_prefix (compact, "分享") || g_str_has_prefix (compact, "打印")))
    return GK_CHROME_TOOLS;

  if (link_chars > 0 && link_chars >= n_chars)
    return GK_CHROME_NAVIGATION;
  if (n_chars > 300)
    return GK_CHROME_NONE;

  if (n_chars <= 100 && (g_str_has_prefix (compact, "首页") || g_str_has_prefix (compact, "首頁"))
      && contains_any (compact, breadcrumb_arrows))
    return GK_CHROME_NAVIGATION;

  if (n_chars <= 200
      && (contains_any (compact, footer_strong_words)
          || has_digit_after (compact, "ICP备") || has_digit_after (compact, "ICP證")
          || has_digit_after (compact, "ICP证") || has_digit_after (compact, "ICP備")))
    return GK_CHROME_FOOTER;
  if (n_chars <= 80 && contains_any (compact, footer_weak_words))
    return GK_CHROME_FOOTER;
  if (n_chars <= 30 && len > 6
      && (g_str_has_suffix (compact, "主办") || g_str_has_suffix (compact, "承办")
          || g_str_has_suffix (compact, "主辦") || g_str_has_suffix (compact, "承辦")))
    return GK_CHROME_FOOTER;

  if (gk_text_is_related_heading (text))
    return GK_CHROME_RELATED;

  return GK_CHROME_NONE;
}

gboolean
gk_text_is_related_heading (const char *text)
{
  g_autofree char *compact = NULL;
  char *start;
  gsize len;

  if (text == NULL || strlen (text) > 64)
    return FALSE;

  /* 「相关信息：」「【相关链接】」「相关附件:」 */
  compact = compact_text (text, 64);
  start = compact;
  if (g_str_has_prefix (start, "【"))
    start += strlen ("【");
  else if (*start == '[')
    start++;
  len = strlen (start);
  for (;;)
    {
      if (len >= 3 && (memcmp (start + len - 3, "：", 3) == 0 || memcmp (start + len - 3, "】", 3) == 0))
        len -= 3;
      else if (len >= 1 && (start[len - 1] == ':' || start[len - 1] == ']'))
        len -= 1;
      else
        break;
    }
  start[len] = '\0';

  for (guint i = 0; related_words[i] != NULL; i++)
    if (strcmp (start, related_words[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gk_text_starts_with_section_number (const char *text)
{
  static const char numerals[] = "一二三四五六七八九十";
  const char *p = text;
  gboolean bracket = FALSE;
  guint n = 0;

  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "（"))
    {
      p += strlen ("（");
      bracket = TRUE;
    }
  else if (*p == '(')
    {
      p++;
      bracket = TRUE;
    }
  else if (g_str_has_prefix (p, "第"))
    p += strlen ("第");

  /* Each numeral is three bytes in UTF-8. */
  while (p[0] != '\0' && p[1] != '\0' && p[2] != '\0')
    {
      gboolean found = FALSE;

      for (guint i = 0; i + 3 <= sizeof numerals - 1; i += 3)
        if (memcmp (p, numerals + i, 3) == 0)
          {
            found = TRUE;
            break;
          }
      if (!found)
        break;
      p += 3;
      n++;
    }
  if (n == 0 || n > 3)
    return FALSE;

  if (bracket)
    return g_str_has_prefix (p, "）") || *p == ')';
  if (text[0] != '\0' && g_str_has_prefix (text + strspn (text, " "), "第"))
    return g_str_has_prefix (p, "章") || g_str_has_prefix (p, "节") || g_str_has_prefix (p, "部分");
  return g_str_has_prefix (p, "、") || g_str_has_prefix (p, "．") || *p == '.'
         || g_str_has_prefix (p, "，");
}

void
gk_document_mark_related (GkDocument *self)
{
  gboolean is_text = self->source->kind == GK_SOURCE_KIND_TEXT;
  guint last_section = 0;

  /* Text has no links to tell a list by: there, only lists after the last
   * section heading are taken, for a related list never comes before the
   * report's end. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const GkBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == GK_BLOCK_HEADING)
        last_section = i;
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      GkBlock *block = g_ptr_array_index (self->blocks, i);
      guint j;

      if (block->kind == GK_BLOCK_TABLE || !gk_text_is_related_heading (block->text))
        continue;

      block->chrome = GK_CHROME_RELATED;
      if (is_text && i < last_section)
        continue;
      for (j = i + 1; j < self->blocks->len; j++)
        {
          GkBlock *next = g_ptr_array_index (self->blocks, j);
          glong n_chars;

          if (next->kind == GK_BLOCK_TABLE || gk_text_is_related_heading (next->text))
            break;

          n_chars = g_utf8_strlen (next->text, -1);
          if (n_chars <= 100 && next->link_chars * 2 >= (guint) n_chars && next->link_chars > 0
              && (next->chrome == GK_CHROME_NONE || next->chrome == GK_CHROME_NAVIGATION))
            next->chrome = GK_CHROME_RELATED;
          else if (next->chrome != GK_CHROME_NONE)
            continue;
          else if (is_text && n_chars <= 40 && !gk_text_starts_with_section_number (next->text)
                   && strstr (next->text, "。") == NULL)
            next->chrome = GK_CHROME_RELATED;
          else
            break;
        }
      i = j - 1;
    }
}

/* ---- The document -------------------------------------------------------- */

static GkDocument *
gk_document_new (GkSource *source)
{
  GkDocument *self = g_new0 (GkDocument, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->source = gk_source_ref (source);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_block_free);
  self->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

/**
 * gk_document_new_from_source:
 * @source: a read page
 *
 * Reads @source into blocks. Never fails: a page with nothing readable gives
 * a document with no blocks.
 *
 * Returns: (transfer full): the document
 */
GkDocument *
gk_document_new_from_source (GkSource *source)
{
  GkDocument *self;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (source->text != NULL, NULL);

  self = gk_document_new (source);
  if (source->kind == GK_SOURCE_KIND_TEXT)
    gk_text_reader_read (self);
  else
    gk_html_reader_read (self);
  gk_document_mark_related (self);
  return self;
}

GkDocument *
gk_document_ref (GkDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gk_document_unref (GkDocument *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->blocks);
  g_hash_table_unref (self->meta);
  g_free (self->title);
  gk_source_unref (self->source);
  g_free (self);
}

const GkBlock *
gk_document_get_block (GkDocument *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

guint
gk_document_get_n_blocks (GkDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

const char *
gk_block_kind_to_string (GkBlockKind kind)
{
  switch (kind)
    {
    case GK_BLOCK_HEADING: return "heading";
    case GK_BLOCK_PARAGRAPH: return "paragraph";
    case GK_BLOCK_TABLE: return "table";
    default: return "unknown";
    }
}

const char *
gk_chrome_to_string (GkChrome chrome)
{
  switch (chrome)
    {
    case GK_CHROME_NONE: return "none";
    case GK_CHROME_NAVIGATION: return "navigation";
    case GK_CHROME_TOOLS: return "tools";
    case GK_CHROME_FOOTER: return "footer";
    case GK_CHROME_RELATED: return "related";
    default: return "unknown";
    }
}

const char *
gk_table_origin_to_string (GkTableOrigin origin)
{
  switch (origin)
    {
    case GK_TABLE_HTML: return "html";
    case GK_TABLE_TEXT_COLUMNS: return "text-columns";
    case GK_TABLE_TEXT_STREAM: return "text-stream";
    default: return "unknown";
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '|')
        g_string_append (out, "\\|");
      else
        g_string_append_c (out, *p);
    }
}

/**
 * gk_document_dump:
 *
 * One line per block (`#index kind [chrome] start..end: text`); a table is
 * followed by its rows, each cell once at its top-left slot with its span.
 */
char *
gk_document_dump (GkDocument *self)
{
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->title != NULL)
    g_string_append_printf (out, "title: %s\n", self->title);
  g_hash_table_iter_init (&iter, self->meta);
  while (g_hash_table_iter_next (&iter, &key, &value))
    keys = g_list_prepend (keys, key);
  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (out, "meta %s: %s\n", (const char *) l->data,
                            (const char *) g_hash_table_lookup (self->meta, l->data));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const GkBlock *block = g_ptr_array_index (self->blocks, i);

      g_string_append_printf (out, "#%u %s", i, gk_block_kind_to_string (block->kind));
      if (block->chrome != GK_CHROME_NONE)
        g_string_append_printf (out, " [%s]", gk_chrome_to_string (block->chrome));
      g_string_append_printf (out, " %" G_GSIZE_FORMAT "..%" G_GSIZE_FORMAT,
                              block->src_start, block->src_end);

      if (block->grid == NULL)
        {
          g_string_append (out, ": ");
          append_escaped (out, block->text);
          g_string_append_c (out, '\n');
          continue;
        }

      g_string_append_printf (out, " %s %ux%u\n", gk_table_origin_to_string (block->grid->origin),
                              block->grid->n_rows, block->grid->n_cols);
      for (guint r = 0; r < block->grid->n_rows; r++)
        {
          g_string_append_printf (out, "  r%u:", r);
          for (guint c = 0; c < block->grid->n_cols; c++)
            {
              const GkGridCell *cell = gk_grid_get (block->grid, r, c);

              if (cell == NULL)
                g_string_append (out, " | ·");
              else if (cell->row == r && cell->col == c)
                {
                  g_string_append (out, " | ");
                  append_escaped (out, cell->text);
                  if (cell->rowspan > 1 || cell->colspan > 1)
                    g_string_append_printf (out, " {%ux%u}", cell->rowspan, cell->colspan);
                }
            }
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}
