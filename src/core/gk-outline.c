/* gk-outline.c — the section tree of a report
 *
 * Headings are found by their markers (一、 （一） 1.) at the start of a line,
 * or run into a paragraph: text copies of pages often hold a whole report on
 * one line. Run in, a 一、 is a heading when a known section title follows or
 * when it continues the numbering after the end of a sentence (legacy reports
 * have free titles); a （一） when it follows the end of a sentence or a
 * heading's title. A heading becomes form section sN by its title, not its
 * number: small agencies drop section 四 and renumber the rest. Titles that
 * are table row labels (一、本年新收…, （一）予以公开) are never headings, and a
 * section heading that repeats one already seen is nested in the current
 * section (seed 001).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-form.h"
#include "gk-outline.h"
#include "gk-text.h"

#define TITLE_WINDOW 48      /* characters after a marker looked at for a title */
#define MAX_TITLE_CHARS 30

typedef struct
{
  guint       level;
  guint       number;
  GkTextPos   start;
  GkTextPos   body;
  const char *section;       /* form section key, or NULL */
  char       *title;
} Candidate;

gboolean
gk_text_pos_before (GkTextPos a,
                    GkTextPos b)
{
  return a.block < b.block || (a.block == b.block && a.offset < b.offset);
}

static void
node_free (GkOutlineNode *node)
{
  if (node == NULL)
    return;
  g_ptr_array_unref (node->children);
  g_free (node->key);
  g_free (node->section);
  g_free (node->title);
  g_free (node);
}

static GkOutlineNode *
node_new (GkOutlineNode *parent)
{
  GkOutlineNode *node = g_new0 (GkOutlineNode, 1);

  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  node->parent = parent;
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  return node;
}

void
gk_outline_free (GkOutline *self)
{
  if (self == NULL)
    return;
  node_free (self->root);
  g_clear_pointer (&self->document, gk_document_unref);
  g_free (self);
}

/* The value of the Chinese digit at @p (一 … 九 as 1 … 9, 十 as 10), or 0,
 * and where it ends. Called at every position of every line, so it looks at
 * the lead byte first: all ten sit in U+4E00 … U+5FFF. */
static guint
chinese_digit (const char  *p,
               const char **end)
{
  guchar lead = (guchar) p[0];

  if (lead != 0xE4 && lead != 0xE5)
    return 0;
  *end = g_utf8_next_char (p);
  switch (g_utf8_get_char (p))
    {
    case 0x4E00: return 1;   /* 一 */
    case 0x4E8C: return 2;   /* 二 */
    case 0x4E09: return 3;   /* 三 */
    case 0x56DB: return 4;   /* 四 */
    case 0x4E94: return 5;   /* 五 */
    case 0x516D: return 6;   /* 六 */
    case 0x4E03: return 7;   /* 七 */
    case 0x516B: return 8;   /* 八 */
    case 0x4E5D: return 9;   /* 九 */
    case 0x5341: return 10;  /* 十 */
    default: return 0;
    }
}

/* 一 … 九十九; 0 when @p is no Chinese numeral. */
static guint
parse_chinese_number (const char  *p,
                      const char **end)
{
  const char *next;
  guint first = chinese_digit (p, &next);
  guint second;

  *end = p;
  if (first == 0)
    return 0;
  *end = p = next;
  second = chinese_digit (p, &next);
  if (first == 10)
    {
      /* 十, 十一 … 十九 */
      if (second >= 1 && second <= 9)
        {
          *end = next;
          return 10 + second;
        }
      return 10;
    }
  if (second != 10)
    return first;   /* 一 … 九 */
  /* 二十, 二十一 … 九十九 */
  *end = p = next;
  second = chinese_digit (p, &next);
  if (second >= 1 && second <= 9)
    {
      *end = next;
      return first * 10 + second;
    }
  return first * 10;
}

static const char *
skip_spaces (const char *p,
             const char *limit)
{
  while (p < limit)
    {
      gunichar c = g_utf8_get_char (p);
      if (!gk_text_is_space (c))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

static const char *
skip_prefix (const char *p,
             const char *const *options)
{
  for (guint i = 0; options[i] != NULL; i++)
    if (g_str_has_prefix (p, options[i]))
      return p + strlen (options[i]);
  return NULL;
}

static const char * const level1_separators[] = { "、", "．", ".", "，", NULL };
static const char * const open_brackets[] = { "（", "(", NULL };
static const char * const close_brackets[] = { "）", ")", NULL };
static const char * const level3_separators[] = { "、", "．", ".", NULL };

/* Recognise a marker at @p; returns the level (0 for none) and where the
 * heading's title starts. */
static guint
parse_marker (const char  *p,
              const char  *limit,
              guint       *number,
              const char **title)
{
  const char *q;

  *number = parse_chinese_number (p, &q);
  if (*number > 0)
    {
      q = skip_spaces (q, limit);
      if ((q = skip_prefix (q, level1_separators)) != NULL)
        {
          *title = skip_spaces (q, limit);
          return 1;
        }
      return 0;
    }

  if ((q = skip_prefix (p, open_brackets)) != NULL)
    {
      q = skip_spaces (q, limit);
      *number = parse_chinese_number (q, &q);
      if (*number == 0)
        return 0;
      q = skip_spaces (q, limit);
      if ((q = skip_prefix (q, close_brackets)) == NULL)
        return 0;
      *title = skip_spaces (q, limit);
      return 2;
    }

  if (g_ascii_isdigit (*p))
    {
      guint value = 0;

      for (q = p; g_ascii_isdigit (*q) && q - p < 2; q++)
        value = value * 10 + (*q - '0');
      if (g_ascii_isdigit (*q))
        return 0;
      {
        const char *after = skip_prefix (q, level3_separators);
        /* 「1.5」 is a number; 「1、2019年…」 is an item */
        if (after == NULL || (g_ascii_isdigit (*after) && !g_str_has_prefix (q, "、")))
          return 0;
        q = after;
      }
      *number = value;
      *title = skip_spaces (q, limit);
      return value > 0 ? 3 : 0;
    }
  return 0;
}

/* Folded text of the next @n_chars characters at @p (bounded by @limit). */
static char *
fold_window (const char *p,
             const char *limit,
             guint       n_chars)
{
  const char *q = p;

  for (guint i = 0; i < n_chars && q < limit; i++)
    q = g_utf8_next_char (q);
  return gk_text_fold (p, MIN (q, limit) - p);
}

/* Where @n folded characters end in the original text: folding drops spaces
 * and quotes, and otherwise maps one character to one. */
static const char *
advance_folded (const char *p,
                const char *limit,
                glong       n)
{
  while (p < limit && n > 0)
    {
      gunichar c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (gk_text_fold_char (c) != 0)
        n--;
    }
  return p;
}

/* The form section whose title @folded starts with (or, when !prefix_only,
 * mentions early). Returns the matched length in characters, and whether
 * the fragment was as long as the section's full title fragment, or only a
 * short variant (「存在问题」 of 「存在问题及下一步工作计划」). */
static const GkFormSection *
match_section (const char *folded,
               gboolean    prefix_only,
               glong      *matched_chars,
               gboolean   *complete)
{
  const GkFormSection *sections;
  const GkFormSection *best = NULL;
  glong best_pos = G_MAXLONG, best_len = 0;
  guint n;

  sections = gk_form_get_sections (&n);
  for (guint s = 0; s < n; s++)
    for (const char * const *match = gk_form_match_variants (sections[s].match); *match != NULL; match++)
      {
        const char *hit = strstr (folded, *match);
        glong pos, len;

        if (hit == NULL)
          continue;
        pos = g_utf8_pointer_to_offset (folded, hit);
        len = g_utf8_strlen (*match, -1);
        /* run into a paragraph, a title must start at once: 「政府信息公开」
         * may come before the fragment, little else */
        if (prefix_only && pos > 8)
          continue;
        if (pos > 16)
          continue;
        if (pos < best_pos || (pos == best_pos && len > best_len))
          {
            best = &sections[s];
            best_pos = pos;
            best_len = len;
          }
      }
  if (matched_chars != NULL)
    *matched_chars = best_pos + best_len;
  if (complete != NULL)
    *complete = best != NULL && best_len >= g_utf8_strlen (best->match[0], -1);
  return best;
}

/* Row labels of the tables (一、本年新收…, （一）予以公开, 1.属于国家秘密) look
 * like headings in text copies; they never are. */
static gboolean
is_table_label (const char *folded)
{
  static const char * const groups[] = {
    "本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理", "总计", "合计",
    "本年新收", "上年结转", "结转下年", NULL
  };
  const GkFormTable *table = gk_form_get_table ("t3");

  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (folded, groups[i]))
      return TRUE;
  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    for (guint m = 0; row->match[m] != NULL; m++)
      if (g_str_has_prefix (folded, row->match[m]) && strlen (row->match[m]) >= 6)
        return TRUE;
  return FALSE;
}

/* A title for a heading with no known section title: its first phrase,
 * stopping at punctuation, brackets, digits or a 「一是」 that starts the
 * body. A number that opens the title is part of it (「一、2014年…工作情况」);
 * a later one is body text run into the title (「一、概述2015年，…」). Run
 * into a line, a title also stops at a space: text copies join paragraphs
 * with one (「（一）主动公开方面 平潭综合实验区…」). */
static char *
plain_title (const char *p,
             const char *limit,
             gboolean    run_in,
             const char **end)
{
  const char *q = p;
  gboolean opening_number = TRUE;
  gunichar previous = 0;
  guint n = 0;

  while (q < limit && n < MAX_TITLE_CHARS)
    {
      gunichar c = g_utf8_get_char (q);
      gboolean digit = g_unichar_isdigit (c);

      if (c == '\n' || (digit && !opening_number) || c == 0xFF08 || c == '('
          || c == 0x3002 || c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0x3001
          || c == ',' || c == ':' || c == ';' || c == '!' || c == 0xFF01 || c == 0xFF1F
          || (run_in && n > 0 && gk_text_is_space (c)))
        break;
      /* 「…工作一是不断拓展…」, but not 「统一是否…」 */
      if (n > 0 && g_str_has_prefix (q, "一是") && previous != 0x7EDF /* 统 */
          && previous != 0x552F /* 唯 */)
        break;
      opening_number = opening_number && digit;
      previous = c;
      q = g_utf8_next_char (q);
      n++;
    }
  /* 「主动公开情况一是…」: a title that runs on ends with its 情况. */
  {
    g_autofree char *candidate = g_strndup (p, q - p);
    const char *situation = strstr (candidate, "情况");
    if (situation != NULL && q - p > 12)
      q = p + (situation - candidate) + strlen ("情况");
  }
  *end = q;
  return gk_text_collapse_spaces (p, q - p);
}

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *) data)->title);
}

static void
add_candidate (GArray      *candidates,
               guint        level,
               guint        number,
               guint        block,
               const char  *text,
               const char  *marker,
               const char  *title_end,
               const char  *section,
               char        *title)
{
  Candidate candidate = {
    level, number,
    { block, marker - text },
    { block, title_end - text },
    section, title
  };
  g_array_append_val (candidates, candidate);
}

/* What a run-in heading may follow: the end of a sentence or clause, or a
 * space (where a text copy joined two paragraphs). */
static gboolean
ends_sentence (gunichar c)
{
  return c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF1A || c == ':' || gk_text_is_space (c);
}

/* A run-in title matched only by a short variant (「二、存在问题」) goes on to
 * the end of its phrase, when a space or an opening bracket marks that end
 * (「二、存在问题及下一步工作计划 目前…」, 「六、主要问题和改进措施(一)…」): body
 * text runs on to a comma or a full stop instead. */
static const char *
extend_run_in_title (const char *title_end,
                     const char *limit)
{
  const char *q = title_end;

  for (guint n = 0; q < limit && n <= 12; n++)
    {
      gunichar c = g_utf8_get_char (q);

      if (gk_text_is_space (c) || c == 0xFF08 || c == '(')
        return q;
      if (!g_unichar_isalpha (c))   /* punctuation, digits */
        return title_end;
      q = g_utf8_next_char (q);
    }
  return q >= limit ? q : title_end;
}

/* Adds the headings found on one line. @last_section is the number of the
 * last 一、 heading so far, which a run-in one with a free title continues. */
static void
scan_line (GArray     *candidates,
           guint       block,
           const char *text,
           const char *line,
           const char *limit,
           guint      *last_section)
{
  const char *p = skip_spaces (line, limit);
  const char *title, *title_end;
  const char *heading_end = NULL;   /* where the title of the line's last 一、 ends */
  guint number, level;

  if (p >= limit)
    return;

  /* At the start of a line: any marker. */
  level = parse_marker (p, limit, &number, &title);
  if (level > 0)
    {
      g_autofree char *folded = fold_window (title, limit, TITLE_WINDOW);
      glong matched = 0;
      const GkFormSection *section = level == 1 ? match_section (folded, FALSE, &matched, NULL) : NULL;

      if (section != NULL)
        {
          title_end = advance_folded (title, limit, matched);
          /* A short line is all title: keep 「（含…）」 tails with it. */
          if (limit - title < 120 && memchr (title, '\n', limit - title) == NULL
              && g_utf8_strlen (title, limit - title) <= 40 && strstr (title, "。") == NULL)
            title_end = limit;
          add_candidate (candidates, 1, number, block, text, p, title_end, section->key,
                         gk_text_collapse_spaces (p, title_end - p));
          *last_section = number;
          heading_end = title_end;
        }
      else if (!is_table_label (folded) && *folded != '\0')
        {
          char *plain = plain_title (title, limit, FALSE, &title_end);
          if (*plain != '\0')
            {
              add_candidate (candidates, level, number, block, text, p, title_end, NULL,
                             gk_text_collapse_spaces (p, title_end - p));
              /* as build_tree() decides: out of sequence, it is an item */
              if (level == 1 && number == *last_section + 1)
                {
                  *last_section = number;
                  heading_end = title_end;
                }
            }
          g_free (plain);
        }
      p = title;
    }

  /* Run into the line: a 一、 with a known section title or the next number,
   * a （一） after the end of a sentence or right after a 一、 heading. */
  while (p < limit)
    {
      const char *next = g_utf8_next_char (p);
      gunichar previous = g_utf8_get_char (g_utf8_prev_char (p > line ? p : next));
      guint run_level;

      if (p == line)
        {
          p = next;
          continue;
        }
      run_level = parse_marker (p, limit, &number, &title);
      if (run_level == 1)
        {
          g_autofree char *folded = fold_window (title, limit, TITLE_WINDOW);
          glong matched = 0;
          gboolean complete = FALSE;
          const GkFormSection *section = match_section (folded, TRUE, &matched, &complete);
          /* 「行政复议、行政诉讼」 inside a title is no marker: require the
           * section's own number, or the next one after a sentence (renumbered
           * and legacy reports). */
          gboolean in_sequence = number == *last_section + 1 && ends_sentence (previous);

          if (section != NULL && (section->number == number || in_sequence))
            {
              title_end = advance_folded (title, limit, matched);
              if (!complete)
                title_end = extend_run_in_title (title_end, limit);
              add_candidate (candidates, 1, number, block, text, p, title_end, section->key,
                             gk_text_collapse_spaces (p, title_end - p));
              *last_section = number;
              p = heading_end = title_end;
              continue;
            }
          if (section == NULL && in_sequence && !is_table_label (folded) && *folded != '\0')
            {
              g_autofree char *plain = plain_title (title, limit, TRUE, &title_end);

              if (*plain != '\0')
                {
                  add_candidate (candidates, 1, number, block, text, p, title_end, NULL,
                                 gk_text_collapse_spaces (p, title_end - p));
                  *last_section = number;
                  p = heading_end = title_end;
                  continue;
                }
            }
        }
      else if (run_level == 2 && (ends_sentence (previous)
                                  || (heading_end != NULL && p == skip_spaces (heading_end, limit))))
        {
          g_autofree char *folded = fold_window (title, limit, TITLE_WINDOW);

          if (!is_table_label (folded) && *folded != '\0')
            {
              char *plain = plain_title (title, limit, TRUE, &title_end);
              add_candidate (candidates, 2, number, block, text, p, title_end, NULL,
                             gk_text_collapse_spaces (p, title_end - p));
              g_free (plain);
              p = title_end;
              continue;
            }
        }
      p = next;
    }
}

static gboolean
ends_body (const GkBlock *block)
{
  return block->chrome == GK_CHROME_TOOLS || block->chrome == GK_CHROME_FOOTER
         || block->chrome == GK_CHROME_RELATED;
}

static GArray *
find_candidates (GkOutline *self)
{
  GkDocument *document = self->document;
  GArray *candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  guint n_blocks = gk_document_get_n_blocks (document);
  gboolean started = FALSE;
  guint first_content = G_MAXUINT;
  guint last_section = 0;

  g_array_set_clear_func (candidates, candidate_clear);
  self->body_end.block = n_blocks;
  self->body_end.offset = 0;

  for (guint b = 0; b < n_blocks; b++)
    {
      const GkBlock *block = gk_document_get_block (document, b);
      const char *text = block->text;
      const char *line;
      guint before = candidates->len;

      if (block->chrome != GK_CHROME_NONE)
        {
          if (started && ends_body (block))
            {
              self->body_end.block = b;
              break;
            }
          continue;
        }
      if (first_content == G_MAXUINT)
        first_content = b;
      if (block->kind == GK_BLOCK_TABLE || text == NULL)
        continue;

      line = text;
      while (*line != '\0')
        {
          const char *eol = strchr (line, '\n');
          const char *limit = eol != NULL ? eol : line + strlen (line);

          scan_line (candidates, b, text, line, limit, &last_section);
          if (eol == NULL)
            break;
          line = eol + 1;
        }
      for (guint i = before; i < candidates->len; i++)
        if (g_array_index (candidates, Candidate, i).level == 1)
          started = TRUE;
    }

  self->body_start.block = first_content == G_MAXUINT ? 0 : first_content;
  self->body_start.offset = 0;
  return candidates;
}

/* Keys follow position, not the printed number: numbering in real reports
 * skips and repeats. The node is already among its parent's children. */
static char *
child_key (GkOutlineNode *parent)
{
  if (parent->key == NULL)
    return g_strdup_printf ("h%u", parent->children->len);
  return g_strdup_printf ("%s.%u", parent->key, parent->children->len);
}

static void
set_ends (GkOutlineNode *node,
          GkTextPos      end)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      GkOutlineNode *child = g_ptr_array_index (node->children, i);
      GkTextPos child_end = end;

      if (i + 1 < node->children->len)
        child_end = ((GkOutlineNode *) g_ptr_array_index (node->children, i + 1))->start;
      child->end = child_end;
      set_ends (child, child_end);
    }
}

static void
build_tree (GkOutline *self,
            GArray    *candidates)
{
  GkOutlineNode *root = self->root;
  GkOutlineNode *level1 = NULL;
  GkOutlineNode *level2 = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  guint last_number = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      GkOutlineNode *parent;
      GkOutlineNode *node;
      guint level = c->level;

      if (level == 1 && c->section != NULL && g_hash_table_contains (taken, c->section))
        level = 2;   /* a repeated section heading nests in the current section */
      else if (level == 1 && c->section == NULL && level1 != NULL && c->number != last_number + 1)
        level = 2;   /* an unknown 一、 out of sequence is an item, not a section */

      if (level == 1)
        parent = root;
      else if (level == 2)
        parent = level1 != NULL ? level1 : root;
      else
        parent = level2 != NULL ? level2 : (level1 != NULL ? level1 : root);

      /* Items before any section belong to the preamble: not part of the tree. */
      if (parent == root && level > 1)
        continue;

      node = node_new (parent);
      node->level = parent->level + 1;
      node->number = c->number;
      node->title = g_steal_pointer (&c->title);
      node->start = c->start;
      node->body = c->body;
      if (level == 1 && c->section != NULL)
        {
          node->key = g_strdup (c->section);
          g_hash_table_add (taken, (gpointer) c->section);
        }
      else
        node->key = child_key (parent);
      node->section = g_strdup (parent == root ? (c->section) : parent->section);

      if (node->level == 1)
        {
          level1 = node;
          level2 = NULL;
          last_number = c->number;
        }
      else if (node->level == 2)
        level2 = node;
    }

  root->start = self->body_start;
  root->body = self->body_start;
  root->end = self->body_end;
  set_ends (root, self->body_end);
}

GkOutline *
gk_outline_new (GkDocument *document)
{
  GkOutline *self;
  g_autoptr(GArray) candidates = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  self = g_new0 (GkOutline, 1);
  self->document = gk_document_ref (document);
  self->root = node_new (NULL);
  candidates = find_candidates (self);
  build_tree (self, candidates);
  return self;
}

static const GkOutlineNode *
find_node (const GkOutlineNode *node,
           const char          *key)
{
  if (g_strcmp0 (node->key, key) == 0)
    return node;
  for (guint i = 0; i < node->children->len; i++)
    {
      const GkOutlineNode *found = find_node (g_ptr_array_index (node->children, i), key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

const GkOutlineNode *
gk_outline_find (GkOutline  *self,
                 const char *key)
{
  return find_node (self->root, key);
}

gboolean
gk_outline_has_section (GkOutline  *self,
                        const char *key)
{
  for (guint i = 0; i < self->root->children->len; i++)
    if (g_strcmp0 (((GkOutlineNode *) g_ptr_array_index (self->root->children, i))->key, key) == 0)
      return TRUE;
  return FALSE;
}

guint
gk_outline_count_sections (GkOutline *self)
{
  guint n = 0;

  for (guint i = 0; i < self->root->children->len; i++)
    if (((GkOutlineNode *) g_ptr_array_index (self->root->children, i))->section != NULL)
      n++;
  return n;
}

char *
gk_outline_get_text (GkOutline *self,
                     GkTextPos  start,
                     GkTextPos  end)
{
  GString *out = g_string_new (NULL);
  guint n_blocks = gk_document_get_n_blocks (self->document);

  for (guint b = start.block; b < n_blocks && b <= end.block; b++)
    {
      const GkBlock *block = gk_document_get_block (self->document, b);
      gsize from = b == start.block ? start.offset : 0;
      gsize len = block->text != NULL ? strlen (block->text) : 0;
      gsize to = b == end.block ? MIN (end.offset, len) : len;

      if (block->chrome != GK_CHROME_NONE || from >= to)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, block->text + from, to - from);
    }
  return g_string_free (out, FALSE);
}

char *
gk_outline_node_get_text (GkOutline           *self,
                          const GkOutlineNode *node)
{
  return gk_outline_get_text (self, node->body, node->end);
}

void
gk_outline_node_get_blocks (const GkOutlineNode *node,
                            guint               *first,
                            guint               *last)
{
  *first = node->start.block;
  *last = node->end.offset == 0 && node->end.block > node->start.block
          ? node->end.block - 1 : node->end.block;
}
