/* gk-extract.c — from a document to a report: identity, kind, tables, prose facts
 *
 * Tables are found by anchors, never by position: header texts map grid
 * columns to the form's columns, and row labels map rows to the form's rows.
 * HTML grids are read cell by cell. Where a table has no grid (text copies),
 * the body text is read as a stream: each row's label anchors it, and the
 * numbers that follow are its cells. Digits run together (「640020470」) are
 * never split by guessing: the table needs review, and only a split that is
 * the one assignment satisfying the identities is offered, with its proof.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-digit-split.h"
#include "gk-extract.h"
#include "gk-folded.h"
#include "gk-identity.h"
#include "gk-outline.h"
#include "gk-text.h"

enum { T2, T3, T4 };   /* indices into GkReport.tables */

/* ─── The body as one text, with a map back to blocks and cells ────────── */

typedef struct
{
  gsize             offset;   /* where this piece starts in the body text */
  gsize             end;      /* … and where its text ends, before the '\t' or '\n' */
  guint             block;
  const GkGridCell *cell;     /* a table cell, or NULL for a paragraph's text */
} Piece;

typedef struct
{
  GkDocument *document;
  GkOutline  *outline;
  GkReport   *report;
  GString    *text;          /* the body: paragraphs, and tables as cells in rows */
  GArray     *pieces;        /* Piece, by offset */
  gsize      *block_offset;  /* where each block's text starts in the body, or G_MAXSIZE */
  GkFolded   *folded;
  /* Each grid cell's folded text, by GkGridCell.id: in folded_cells when it
   * came from the folded body, in folded_alone when folded by itself. */
  const char **folded_by_id;
  guint        n_ids;
  char        *folded_cells;
  GPtrArray   *folded_alone;
  gboolean    table_done[GK_FORM_N_TABLES];
} Extraction;

/* A piece of the body: @text, appended with its separator. */
static void
add_piece (Extraction       *ex,
           guint             block,
           const GkGridCell *cell,
           const char       *text,
           char              separator)
{
  Piece piece = { ex->text->len, 0, block, cell };

  g_string_append_len (ex->text, text, strlen (text));
  piece.end = ex->text->len;
  g_string_append_c (ex->text, separator);
  g_array_append_val (ex->pieces, piece);
}

/* ─── Walking a grid ───────────────────────────────────────────────────── */

/* A cell spanning several grid positions is met once per position; TRUE
 * only the first time in a walk that remembers the last cell in @previous. */
static gboolean
first_visit (const GkGridCell  *cell,
             const GkGridCell **previous)
{
  if (cell == NULL || cell == *previous)
    return FALSE;
  *previous = cell;
  return TRUE;
}

/* Each distinct cell of a grid row, left to right, up to a column. */
typedef struct
{
  const GkGrid     *grid;
  guint             row;
  guint             col;       /* the next grid column to look at */
  guint             end;
  const GkGridCell *previous;
} GridRowIter;

static void
grid_row_iter_init (GridRowIter  *iter,
                    const GkGrid *grid,
                    guint         row,
                    guint         end)
{
  iter->grid = grid;
  iter->row = row;
  iter->col = 0;
  iter->end = MIN (end, grid->n_cols);
  iter->previous = NULL;
}

static const GkGridCell *
grid_row_iter_next (GridRowIter *iter)
{
  while (iter->col < iter->end)
    {
      const GkGridCell *cell = gk_grid_get (iter->grid, iter->row, iter->col++);

      if (first_visit (cell, &iter->previous))
        return cell;
    }
  return NULL;
}

/* The folded offset at or after a raw offset. */
static gsize
folded_offset_of (Extraction *ex,
                  gsize       raw)
{
  gsize lo = 0, hi = ex->folded->len;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      if (ex->folded->map[mid] < raw)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* folded_offset_of() for raw offsets asked in increasing order: the search
 * goes on from *@cursor, the previous answer, in steps that double. */
static gsize
folded_offset_after (Extraction *ex,
                     gsize       raw,
                     gsize      *cursor)
{
  const gsize *map = ex->folded->map;
  gsize len = ex->folded->len;
  gsize lo = MIN (*cursor, len), hi;

  if (lo > 0 && map[lo - 1] >= raw)
    lo = 0;   /* asked out of order: search it all */
  /* every offset below lo maps before @raw; widen [lo, hi) until hi maps at
   * or after it */
  hi = lo;
  for (gsize step = 1; hi < len && map[hi] < raw; step *= 2)
    {
      lo = hi + 1;
      hi = MIN (len, hi + step);
    }
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (map[mid] < raw)
        lo = mid + 1;
      else
        hi = mid;
    }
  *cursor = lo;
  return lo;
}

/* Each grid cell of the body, folded: the part of the folded body that
 * came from it. That is what folding the cell alone gives, since cells are
 * set apart by tabs and script conversion works on runs of Han characters;
 * it saves folding every cell a second time. They are copied, each ending
 * in a NUL, into one buffer. */
static void
fold_cells_from_body (Extraction *ex)
{
  gsize cursor = 0;
  char *out;

  if (ex->folded->per_character)
    return;   /* cell_folded() folds each cell alone */
  out = ex->folded_cells = g_malloc (ex->folded->len + ex->pieces->len + 1);
  for (guint i = 0; i < ex->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (ex->pieces, Piece, i);
      gsize start, end;

      if (piece->cell == NULL || piece->cell->text == NULL)
        continue;
      start = folded_offset_after (ex, piece->offset, &cursor);
      end = folded_offset_after (ex, piece->end, &cursor);
      memcpy (out, ex->folded->folded + start, end - start);
      out[end - start] = '\0';
      if (piece->cell->id < ex->n_ids)
        ex->folded_by_id[piece->cell->id] = out;
      out += end - start + 1;
    }
}

/* One past the largest cell id of the document's grids. */
static guint
count_cell_ids (GkDocument *document)
{
  guint n = gk_document_get_n_blocks (document);
  guint n_ids = 0;

  for (guint b = 0; b < n; b++)
    {
      const GkBlock *block = gk_document_get_block (document, b);

      if (block->grid == NULL)
        continue;
      for (guint i = 0; i < block->grid->cells->len; i++)
        n_ids = MAX (n_ids, ((const GkGridCell *) g_ptr_array_index (block->grid->cells, i))->id + 1);
    }
  return n_ids;
}

/* About the size of the body and the number of its pieces, to allocate
 * them once: the blocks' texts hold the same cells and paragraphs. */
static void
measure_body (Extraction *ex,
              guint       last,
              gsize      *size,
              guint      *n_pieces)
{
  *size = 1;
  *n_pieces = 0;
  for (guint b = ex->outline->body_start.block; b < last; b++)
    {
      const GkBlock *block = gk_document_get_block (ex->document, b);

      if (block->chrome != GK_CHROME_NONE || block->text == NULL)
        continue;
      *size += strlen (block->text) + 1;
      *n_pieces += block->kind == GK_BLOCK_TABLE && block->grid != NULL ? block->grid->cells->len : 1;
    }
}

static void
build_body (Extraction *ex)
{
  guint n = gk_document_get_n_blocks (ex->document);
  guint last = MIN (n, ex->outline->body_end.block);
  gsize size;
  guint n_pieces;

  measure_body (ex, last, &size, &n_pieces);
  ex->text = g_string_sized_new (size + size / 8);
  ex->pieces = g_array_sized_new (FALSE, FALSE, sizeof (Piece), n_pieces);
  ex->block_offset = g_new (gsize, n + 1);
  for (guint b = 0; b <= n; b++)
    ex->block_offset[b] = G_MAXSIZE;

  for (guint b = ex->outline->body_start.block; b < last; b++)
    {
      const GkBlock *block = gk_document_get_block (ex->document, b);

      if (block->chrome != GK_CHROME_NONE)
        continue;
      ex->block_offset[b] = ex->text->len;
      if (block->kind == GK_BLOCK_TABLE && block->grid != NULL)
        {
          const GkGrid *grid = block->grid;

          for (guint r = 0; r < grid->n_rows; r++)
            {
              GridRowIter iter;
              const GkGridCell *cell;

              grid_row_iter_init (&iter, grid, r, G_MAXUINT);
              while ((cell = grid_row_iter_next (&iter)) != NULL)
                {
                  /* a cell spanning rows is read in its first row */
                  if (cell->row != r)
                    continue;
                  add_piece (ex, b, cell, cell->text != NULL ? cell->text : "", '\t');
                }
              g_string_append_c (ex->text, '\n');
            }
        }
      else if (block->text != NULL)
        add_piece (ex, b, NULL, block->text, '\n');
    }
  ex->n_ids = count_cell_ids (ex->document);
  ex->folded_by_id = g_new0 (const char *, ex->n_ids);
  ex->folded_alone = g_ptr_array_new_with_free_func (g_free);
  ex->folded = gk_folded_new (ex->text->str, ex->text->len);
  fold_cells_from_body (ex);
}

static const Piece *
piece_at (Extraction *ex,
          gsize       offset)
{
  guint lo = 0, hi = ex->pieces->len;

  if (hi == 0)
    return NULL;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (ex->pieces, Piece, mid).offset <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return &g_array_index (ex->pieces, Piece, lo);
}

/* Where a run of the body text came from. */
static GkProvenance
text_provenance (Extraction       *ex,
                 gsize             start,
                 gsize             end,
                 GkProvenanceKind  kind)
{
  GkProvenance p = { kind, -1, -1, -1, 0, 0, 0, 0 };
  const Piece *piece = piece_at (ex, start);
  const GkBlock *block;

  if (piece == NULL)
    return p;
  block = gk_document_get_block (ex->document, piece->block);
  p.block = piece->block;
  if (piece->cell != NULL)
    {
      p.row = piece->cell->row;
      p.col = piece->cell->col;
      p.src_start = piece->cell->src_start;
      p.src_end = piece->cell->src_end;
    }
  else
    {
      p.src_start = block->src_start;
      p.src_end = block->src_end;
      p.text_start = start - piece->offset;
      p.text_end = end - piece->offset;
    }
  return p;
}

static gssize
body_offset_of (Extraction *ex,
                GkTextPos   pos)
{
  if (pos.block >= gk_document_get_n_blocks (ex->document) || ex->block_offset[pos.block] == G_MAXSIZE)
    return -1;
  return ex->block_offset[pos.block] + pos.offset;
}

static const char *
cell_folded (Extraction       *ex,
             const GkGridCell *cell)
{
  const char *folded = cell->id < ex->n_ids ? ex->folded_by_id[cell->id] : NULL;

  if (folded == NULL)
    {
      char *alone = gk_text_fold (cell->text != NULL ? cell->text : "", -1);

      g_ptr_array_add (ex->folded_alone, alone);
      if (cell->id < ex->n_ids)
        ex->folded_by_id[cell->id] = alone;
      folded = alone;
    }
  return folded;
}

/* ─── Matching labels ──────────────────────────────────────────────────── */

/* A row's or a column's match fragments with the variants
 * gk_form_match_variants() adds, prepared once for the whole form: every
 * page asks for them many times over. */
typedef struct
{
  const char *text;
  gsize       len;
  GkByteSet   bytes;
} Fragment;

typedef struct
{
  const char * const *variants;       /* in the form's order */
  Fragment           *longest_first;  /* the same, longest first */
  guint               n;
} Fragments;

typedef struct
{
  Fragments  fragments;
  char      *label;        /* the row's label, folded */
  gssize     prefix_len;   /* bytes of the folded label before the first fragment
                            * of row->match in it, or -1 */
} RowMatch;

typedef struct
{
  const GkFormTable *tables;                     /* gk_form_get_tables() */
  RowMatch          *rows[GK_FORM_N_TABLES];     /* by row, in each table's order */
  GHashTable        *columns;                    /* GkFormColumn * → Fragments * */
} FormMatches;

static int
compare_longer_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gsize len_a = ((const Fragment *) a)->len, len_b = ((const Fragment *) b)->len;

  return len_a > len_b ? -1 : len_a < len_b;
}

static void
fragments_init (Fragments          *fragments,
                const char * const *match)
{
  fragments->variants = gk_form_match_variants (match);
  fragments->n = g_strv_length ((char **) fragments->variants);
  fragments->longest_first = g_new (Fragment, fragments->n);
  for (guint i = 0; i < fragments->n; i++)
    {
      fragments->longest_first[i].text = fragments->variants[i];
      fragments->longest_first[i].len = strlen (fragments->variants[i]);
      gk_byte_set_init (&fragments->longest_first[i].bytes, fragments->variants[i], -1);
    }
  g_qsort_with_data (fragments->longest_first, fragments->n, sizeof (Fragment),
                     compare_longer_first, NULL);
}

static FormMatches *
form_matches_new (void)
{
  FormMatches *matches = g_new0 (FormMatches, 1);
  guint n_tables;

  matches->tables = gk_form_get_tables (&n_tables);
  g_assert (n_tables == GK_FORM_N_TABLES);
  matches->columns = g_hash_table_new (NULL, NULL);
  for (guint t = 0; t < n_tables; t++)
    {
      const GkFormRow *rows = matches->tables[t].rows;
      guint n_rows = 0;

      while (rows[n_rows].key != NULL)
        n_rows++;
      matches->rows[t] = g_new0 (RowMatch, n_rows);
      for (guint r = 0; r < n_rows; r++)
        {
          RowMatch *row_match = &matches->rows[t][r];
          const char *fragment_in_label = NULL;

          fragments_init (&row_match->fragments, rows[r].match);
          row_match->label = gk_text_fold (rows[r].label, -1);
          for (guint i = 0; rows[r].match[i] != NULL && fragment_in_label == NULL; i++)
            fragment_in_label = strstr (row_match->label, rows[r].match[i]);
          row_match->prefix_len = fragment_in_label != NULL ? fragment_in_label - row_match->label : -1;

          for (const GkFormColumn *column = rows[r].columns; column->key != NULL; column++)
            if (!g_hash_table_contains (matches->columns, column))
              {
                Fragments *fragments = g_new0 (Fragments, 1);

                fragments_init (fragments, column->match);
                g_hash_table_insert (matches->columns, (gpointer) column, fragments);
              }
        }
    }
  return matches;
}

/* Built once and kept, as the form is; read-only after, so the import's
 * worker threads share it. */
static const FormMatches *
form_matches (void)
{
  static FormMatches *matches;

  if (g_once_init_enter (&matches))
    g_once_init_leave (&matches, form_matches_new ());
  return matches;
}

static const RowMatch *
row_match (const GkFormTable *table,
           const GkFormRow   *row)
{
  const FormMatches *matches = form_matches ();

  return &matches->rows[table - matches->tables][row - table->rows];
}

static const Fragments *
column_fragments (const GkFormColumn *column)
{
  const Fragments *fragments = g_hash_table_lookup (form_matches ()->columns, column);

  g_assert (fragments != NULL);
  return fragments;
}

/* The length of the longest fragment in @text, whose bytes are @bytes, or 0. */
static gsize
match_length (const char      *text,
              const GkByteSet *bytes,
              const Fragments *fragments)
{
  for (guint i = 0; i < fragments->n; i++)
    {
      const Fragment *fragment = &fragments->longest_first[i];

      if (gk_byte_set_includes (bytes, &fragment->bytes) && strstr (text, fragment->text) != NULL)
        return fragment->len;
    }
  return 0;
}

/* Whether @fragments could match longer than @len. */
static gboolean
may_match_longer (const Fragments *fragments,
                  gsize            len)
{
  return fragments->n > 0 && fragments->longest_first[0].len > len;
}

/* The row of @table that @label names: the one with the longest fragment
 * in it. */
static const GkFormRow *
match_row (const GkFormTable *table,
           GkFormVersion      version,
           const char        *label)
{
  const GkFormRow *best = NULL;
  gsize best_len = 0;
  GkByteSet bytes;

  gk_byte_set_init (&bytes, label, -1);
  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      const Fragments *fragments;
      gsize len;

      if (!gk_form_row_in_version (row, version))
        continue;
      fragments = &row_match (table, row)->fragments;
      if (!may_match_longer (fragments, best_len))
        continue;
      len = match_length (label, &bytes, fragments);
      if (len > best_len)
        {
          best = row;
          best_len = len;
        }
    }
  return best;
}

static const GkFormColumn *
match_column (const GkFormColumn *columns,
              const char         *text)
{
  const GkFormColumn *best = NULL;
  gsize best_len = 0;
  GkByteSet bytes;

  gk_byte_set_init (&bytes, text, -1);
  for (const GkFormColumn *column = columns; column->key != NULL; column++)
    {
      const Fragments *fragments = column_fragments (column);
      gsize len;

      if (!may_match_longer (fragments, best_len))
        continue;
      len = match_length (text, &bytes, fragments);
      if (len > best_len)
        {
          best = column;
          best_len = len;
        }
    }
  return best;
}

/* ─── Where each table's text is ───────────────────────────────────────── */

static gssize
find_first (Extraction         *ex,
            const char * const *anchors,
            gsize               from)
{
  gssize best = -1;

  for (guint i = 0; anchors[i] != NULL; i++)
    {
      gssize hit = gk_folded_find (ex->folded, anchors[i], from);
      if (hit >= 0 && (best < 0 || hit < best))
        best = hit;
    }
  return best;
}

static gssize
section_start (Extraction *ex,
               const char *key)
{
  const GkOutlineNode *node = gk_outline_find (ex->outline, key);
  gssize raw;

  if (node == NULL || node->level != 1)
    return -1;
  raw = body_offset_of (ex, node->start);
  return raw < 0 ? -1 : (gssize) folded_offset_of (ex, raw);
}

static const char * const t2_anchors[] = { "第二十条第", "信息内容", NULL };
static const char * const t3_anchors[] = { "申请人情况", "勾稽关系", "本年新收", NULL };
static const char * const t4_anchors[] = { "结果维持", "未经复议直接起诉", NULL };

typedef struct
{
  gssize start[GK_FORM_N_TABLES];
  gssize end[GK_FORM_N_TABLES];
} Regions;

static void
find_regions (Extraction *ex,
              Regions    *regions)
{
  gssize s2 = section_start (ex, "s2");
  gssize s3 = section_start (ex, "s3");
  gssize s4 = section_start (ex, "s4");
  gssize s5 = section_start (ex, "s5");
  gsize end = ex->folded->len;

  regions->start[T2] = find_first (ex, t2_anchors, MAX (s2, 0));
  regions->start[T3] = find_first (ex, t3_anchors, MAX (MAX (s3, 0), MAX (regions->start[T2], 0)));
  regions->start[T4] = find_first (ex, t4_anchors,
                                   MAX (MAX (s4, 0), MAX (regions->start[T3], regions->start[T2]) + 1));

  /* each ends where the next begins, or at the next section */
  regions->end[T2] = regions->start[T3] >= 0 ? regions->start[T3]
                     : (s3 > regions->start[T2] ? s3 : (gssize) end);
  regions->end[T3] = regions->start[T4] >= 0 ? regions->start[T4]
                     : (s4 > regions->start[T3] ? s4 : (s5 > regions->start[T3] ? s5 : (gssize) end));
  regions->end[T4] = s5 > regions->start[T4] ? s5 : (gssize) end;
}

/* ─── Form version, judged from the headers ────────────────────────────── */

/* A 2019 form's （六）其他处理 is one data row: its label is followed by its
 * own values, where the 2021 form's is followed by the sub-row 「1.申请人…」. */
static gboolean
has_other_handling_values (Extraction *ex,
                           gssize      from,
                           gssize      to)
{
  static const char label[] = "其他处理";

  if (from < 0)
    return FALSE;
  for (gssize hit = gk_folded_find (ex->folded, label, from); hit >= 0 && hit < to;
       hit = gk_folded_find (ex->folded, label, hit + 1))
    {
      const char *p = ex->folded->folded + hit + strlen (label);

      if (*p == '/' || *p == '-' || g_str_has_prefix (p, "—"))
        return TRUE;
      if (!g_ascii_isdigit (*p))
        continue;
      while (g_ascii_isdigit (*p))
        p++;
      /* 「1.申请人」「1、申请人」 enumerate; 「其他处理2件」 is prose */
      if (*p != '.' && !g_str_has_prefix (p, "、") && !g_str_has_prefix (p, "件"))
        return TRUE;
    }
  return FALSE;
}

/* Which layout's t3 row labels the page holds more of: only the rows one
 * version has tell. GK_FORM_UNKNOWN on a tie. */
static GkFormVersion
version_from_t3_labels (Extraction *ex,
                        gssize      from,
                        gssize      to)
{
  const GkFormTable *table = gk_form_get_table ("t3");
  guint matched_2019 = 0, matched_2021 = 0;

  if (from < 0)
    return GK_FORM_UNKNOWN;
  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      const char * const *match = row_match (table, row)->fragments.variants;
      gboolean in_2019 = gk_form_row_in_version (row, GK_FORM_2019);
      gboolean in_2021 = gk_form_row_in_version (row, GK_FORM_2021);
      gboolean found = FALSE;

      if (in_2019 == in_2021)
        continue;
      for (guint m = 0; match[m] != NULL && !found; m++)
        {
          gssize hit = gk_folded_find (ex->folded, match[m], from);
          found = hit >= 0 && hit < to;
        }
      if (found && in_2019)
        matched_2019++;
      else if (found)
        matched_2021++;
    }
  if (matched_2019 == matched_2021)
    return GK_FORM_UNKNOWN;
  return matched_2021 > matched_2019 ? GK_FORM_2021 : GK_FORM_2019;
}

/* Whether the body holds t3's or t4's anchor anywhere: found already when
 * a region was. */
static gboolean
has_table_text (Extraction    *ex,
                const Regions *regions)
{
  if (regions->start[T3] >= 0 || regions->start[T4] >= 0)
    return TRUE;
  return find_first (ex, t3_anchors, 0) >= 0 || find_first (ex, t4_anchors, 0) >= 0;
}

/* The form version from the headers and labels, never from the year: a 2023
 * report may still print the 2019 form. When nothing tells, the tables are
 * read with the 2021 layout and *undecided is set, so they go to review. */
static GkFormVersion
detect_version (Extraction    *ex,
                const Regions *regions,
                gboolean      *undecided)
{
  static const char * const signals_2021[] = {
    "本年制发件数", "现行有效件数", "本年废止件数", "本年收费金额", "逾期不补正", "收费通知要求", NULL
  };
  static const char * const signals_2019[] = {
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第(九)项",
    "政府集中采购", "其他对外管理服务事项", NULL
  };
  guint score_2021 = 0, score_2019 = 0;
  GkFormVersion by_labels;

  *undecided = FALSE;
  for (guint i = 0; signals_2021[i] != NULL; i++)
    score_2021 += gk_folded_find (ex->folded, signals_2021[i], 0) >= 0;
  for (guint i = 0; signals_2019[i] != NULL; i++)
    score_2019 += gk_folded_find (ex->folded, signals_2019[i], 0) >= 0;
  score_2019 += has_other_handling_values (ex, regions->start[T3], regions->end[T3]);

  if (score_2021 != score_2019)
    return score_2021 > score_2019 ? GK_FORM_2021 : GK_FORM_2019;
  /* no signal and no table text: tables published as images, or no report
   * on the form at all (a pre-2019 one is never forced into the tables) */
  if (score_2021 == 0 && (!has_table_text (ex, regions) || ex->report->year < 2019))
    return GK_FORM_UNKNOWN;

  by_labels = version_from_t3_labels (ex, regions->start[T3], regions->end[T3]);
  if (by_labels != GK_FORM_UNKNOWN)
    return by_labels;
  *undecided = TRUE;
  return GK_FORM_2021;
}

/* ─── Reading cells ────────────────────────────────────────────────────── */

static void
store_cell (Extraction         *ex,
            const GkFormRow    *row,
            const GkFormColumn *column,
            const char         *raw,
            const GkProvenance *provenance)
{
  const GkFormCell *cell = gk_form_layout_find (ex->report->layout, row, column);

  /* the first reading wins: a table printed twice keeps its first copy */
  if (cell == NULL || ex->report->cells[cell->index].provenance.kind != GK_PROVENANCE_NONE)
    return;
  gk_report_set_parsed (ex->report, cell->index, raw, provenance);
}

static guint
count_found (Extraction *ex,
             guint       table_index)
{
  const GkFormLayout *layout = ex->report->layout;
  guint n = 0;

  for (guint i = 0; i < layout->n_cells; i++)
    if (layout->cells[i].table_index == table_index
        && ex->report->cells[i].provenance.kind != GK_PROVENANCE_NONE)
      n++;
  return n;
}

/* ─── Grids ────────────────────────────────────────────────────────────── */

typedef struct
{
  const GkGrid *grid;
  guint         block;
  guint         row;
  char         *folded;     /* the row's distinct cells, folded, joined */
} GridRow;

static void
grid_row_clear (gpointer data)
{
  g_free (((GridRow *) data)->folded);
}

/* The row's distinct cells, folded and joined: put together in @scratch,
 * then copied once. */
static char *
fold_row (Extraction   *ex,
          const GkGrid *grid,
          guint         r,
          GString      *scratch)
{
  GridRowIter iter;
  const GkGridCell *cell;

  g_string_truncate (scratch, 0);
  grid_row_iter_init (&iter, grid, r, G_MAXUINT);
  while ((cell = grid_row_iter_next (&iter)) != NULL)
    g_string_append (scratch, cell_folded (ex, cell));
  return g_strndup (scratch->str, scratch->len);
}

static int
classify_row (const char *folded,
              int         current)
{
  if (strstr (folded, "勾稽") != NULL || strstr (folded, "申请人情况") != NULL)
    return T3;
  if (current != T3 && strstr (folded, "本年新收") != NULL)
    return T3;
  if (strstr (folded, "结果维持") != NULL || strstr (folded, "未经复议") != NULL
      || strstr (folded, "复议后起诉") != NULL
      || (strstr (folded, "行政复议") != NULL && strstr (folded, "行政诉讼") != NULL))
    return T4;
  if (strstr (folded, "第二十条") != NULL || strstr (folded, "信息内容") != NULL)
    return T2;
  return current;
}

/* Every row of every data grid, by the table it belongs to. */
static void
collect_grid_rows (Extraction *ex,
                   GArray     *rows[GK_FORM_N_TABLES])
{
  guint n = gk_document_get_n_blocks (ex->document);
  guint last = MIN (n, ex->outline->body_end.block);
  g_autoptr(GString) scratch = g_string_sized_new (256);

  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      rows[t] = g_array_new (FALSE, TRUE, sizeof (GridRow));
      g_array_set_clear_func (rows[t], grid_row_clear);
    }

  for (guint b = ex->outline->body_start.block; b < last; b++)
    {
      const GkBlock *block = gk_document_get_block (ex->document, b);
      int current = -1;

      if (block->kind != GK_BLOCK_TABLE || block->grid == NULL || block->chrome != GK_CHROME_NONE
          || block->grid->origin != GK_TABLE_HTML)
        continue;
      for (guint r = 0; r < block->grid->n_rows; r++)
        {
          GridRow row = { block->grid, b, r, fold_row (ex, block->grid, r, scratch) };

          current = classify_row (row.folded, current);
          if (current < 0 || *row.folded == '\0')
            {
              g_free (row.folded);
              continue;
            }
          g_array_append_val (rows[current], row);
        }
    }
}

static GkProvenance
grid_provenance (guint             block,
                 const GkGridCell *cell)
{
  GkProvenance p = {
    GK_PROVENANCE_GRID, (gint) block, (gint) cell->row, (gint) cell->col,
    cell->src_start, cell->src_end, 0, 0
  };
  return p;
}

/* The label of a grid row: its distinct cells left of the first column that
 * holds a value. */
static char *
row_label (Extraction         *ex,
           const GridRow      *row,
           const GkFormColumn **column_of)
{
  GString *s = g_string_new (NULL);
  GridRowIter iter;
  const GkGridCell *cell;
  guint first_value = 0;

  while (first_value < row->grid->n_cols && column_of[first_value] == NULL)
    first_value++;
  grid_row_iter_init (&iter, row->grid, row->row, first_value);
  while ((cell = grid_row_iter_next (&iter)) != NULL)
    g_string_append (s, cell_folded (ex, cell));
  return g_string_free (s, FALSE);
}

/* Each form column's cell in a grid row; a cell spanning several grid
 * columns of the same form column is read once. */
static void
read_grid_row (Extraction          *ex,
               const GkFormTable   *table,
               const GkFormRow     *form_row,
               const GridRow       *row,
               const GkFormColumn **column_of)
{
  for (const GkFormColumn *column = form_row->columns; column->key != NULL; column++)
    for (guint c = 0; c < row->grid->n_cols; c++)
      {
        const GkGridCell *cell;
        GkProvenance provenance;

        /* the first bytes tell most keys apart without a call */
        if (column_of[c] == NULL || column_of[c]->key[0] != column->key[0]
            || !g_str_equal (column_of[c]->key, column->key))
          continue;
        cell = gk_grid_get (row->grid, row->row, c);
        if (cell == NULL)
          continue;
        provenance = grid_provenance (row->block, cell);
        store_cell (ex, form_row, column, cell->text, &provenance);
        break;
      }
}

/* t2: each block of rows has its own header row (信息内容 | 本年制发件数 …). */
static void
read_grid_t2 (Extraction *ex,
              GArray     *rows)
{
  const GkFormTable *table = gk_form_get_table ("t2");
  GkFormVersion version = ex->report->version;
  g_autofree const GkFormColumn **column_of = NULL;
  guint n_cols = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      GridRow *row = &g_array_index (rows, GridRow, i);
      g_autofree char *label = NULL;
      const GkFormRow *form_row;

      if (row->grid->n_cols != n_cols || column_of == NULL)
        {
          g_free (column_of);
          n_cols = row->grid->n_cols;
          column_of = g_new0 (const GkFormColumn *, n_cols);
        }

      if (strstr (row->folded, "信息内容") != NULL)
        {
          const GkGridCell *previous = NULL;

          memset (column_of, 0, n_cols * sizeof *column_of);
          for (guint c = 0; c < n_cols; c++)
            {
              const GkGridCell *cell = gk_grid_get (row->grid, row->row, c);
              const char *text;

              if (cell == NULL)
                continue;
              text = cell_folded (ex, cell);
              if (first_visit (cell, &previous) && strstr (text, "信息内容") != NULL)
                continue;
              for (const GkFormRow *r = table->rows; r->key != NULL && column_of[c] == NULL; r++)
                if (gk_form_row_in_version (r, version))
                  column_of[c] = match_column (r->columns, text);
            }
          continue;
        }

      label = row_label (ex, row, column_of);
      form_row = match_row (table, version, label);
      if (form_row != NULL)
        read_grid_row (ex, table, form_row, row, column_of);
    }
}

/* Texts that head several columns and name none of them. */
static gboolean
is_group_header (const char *folded)
{
  return strstr (folded, "勾稽") != NULL || strstr (folded, "申请人情况") != NULL
         || (strstr (folded, "法人或其他组织") != NULL && strstr (folded, "小计") == NULL)
         || strstr (folded, "第一项加第二项") != NULL;
}

/* t3: the header rows above the first data row name each column. */
static void
read_grid_t3 (Extraction *ex,
              GArray     *rows)
{
  const GkFormTable *table = gk_form_get_table ("t3");
  GkFormVersion version = ex->report->version;
  const GkFormColumn *columns = table->rows[0].columns;
  guint first_data = rows->len;
  const GkGrid *header_grid;
  g_autofree const GkFormColumn **column_of = NULL;

  for (guint i = 0; i < rows->len && first_data == rows->len; i++)
    {
      GridRow *row = &g_array_index (rows, GridRow, i);
      if (!is_group_header (row->folded) && match_row (table, version, row->folded) != NULL)
        first_data = i;
    }
  if (first_data == 0 || first_data == rows->len)
    return;

  header_grid = g_array_index (rows, GridRow, 0).grid;
  column_of = g_new0 (const GkFormColumn *, header_grid->n_cols);
  for (guint c = 0; c < header_grid->n_cols; c++)
    {
      g_autoptr(GString) joined = g_string_new (NULL);
      const char *leaf = NULL;
      const GkGridCell *previous = NULL;

      for (guint i = 0; i < first_data; i++)
        {
          GridRow *row = &g_array_index (rows, GridRow, i);
          const GkGridCell *cell;
          const char *text;

          if (row->grid != header_grid)
            continue;
          cell = gk_grid_get (row->grid, row->row, c);
          if (!first_visit (cell, &previous))
            continue;
          text = cell_folded (ex, cell);
          if (*text == '\0' || is_group_header (text))
            continue;
          leaf = text;
          g_string_append (joined, text);
        }
      /* the lowest header names the column; a header split across rows
       * (商业 / 企业) only reads whole */
      if (leaf != NULL)
        column_of[c] = match_column (columns, leaf);
      if (column_of[c] == NULL && joined->len > 0)
        column_of[c] = match_column (columns, joined->str);
    }

  for (guint i = first_data; i < rows->len; i++)
    {
      GridRow *row = &g_array_index (rows, GridRow, i);
      g_autofree char *label = NULL;
      const GkFormRow *form_row;

      if (row->grid->n_cols != header_grid->n_cols)
        continue;
      label = row_label (ex, row, column_of);
      form_row = match_row (table, version, label);
      if (form_row != NULL)
        read_grid_row (ex, table, form_row, row, column_of);
    }
}

static gboolean
looks_numeric (const char *text)
{
  GkNumber number = gk_number_parse (text);
  return number.kind != GK_VALUE_TEXT;
}

/* t4: group headers (行政复议, 未经复议直接起诉, 复议后起诉) above result
 * headers (结果维持 …), then one row of numbers. */
static void
read_grid_t4 (Extraction *ex,
              GArray     *rows)
{
  const GkFormTable *table = gk_form_get_table ("t4");
  const GkFormColumn *columns = table->rows[0].columns;
  guint first_data = rows->len;
  const GkGrid *grid;
  g_autofree const GkFormRow **group_of = NULL;
  g_autofree const GkFormColumn **column_of = NULL;

  for (guint i = 0; i < rows->len && first_data == rows->len; i++)
    {
      GridRow *row = &g_array_index (rows, GridRow, i);
      GridRowIter iter;
      const GkGridCell *cell;
      guint numeric = 0, text = 0;

      grid_row_iter_init (&iter, row->grid, row->row, G_MAXUINT);
      while ((cell = grid_row_iter_next (&iter)) != NULL)
        {
          if (looks_numeric (cell->text))
            numeric++;
          else
            text++;
        }
      if (i > 0 && numeric >= 5 && text == 0)
        first_data = i;
    }
  if (first_data == rows->len)
    return;

  grid = g_array_index (rows, GridRow, first_data).grid;
  group_of = g_new0 (const GkFormRow *, grid->n_cols);
  column_of = g_new0 (const GkFormColumn *, grid->n_cols);
  for (guint c = 0; c < grid->n_cols; c++)
    {
      g_autoptr(GString) joined = g_string_new (NULL);
      const GkGridCell *previous = NULL;
      gsize best = 0;
      GkByteSet bytes;

      for (guint i = 0; i < first_data; i++)
        {
          GridRow *row = &g_array_index (rows, GridRow, i);
          const GkGridCell *cell;

          if (row->grid != grid)
            continue;
          cell = gk_grid_get (row->grid, row->row, c);
          if (first_visit (cell, &previous))
            g_string_append (joined, cell_folded (ex, cell));
        }
      gk_byte_set_init (&bytes, joined->str, joined->len);
      for (const GkFormRow *r = table->rows; r->key != NULL; r++)
        {
          gsize len = match_length (joined->str, &bytes, &row_match (table, r)->fragments);
          if (len > best)
            {
              best = len;
              group_of[c] = r;
            }
        }
      column_of[c] = match_column (columns, joined->str);
    }

  {
    GridRow *row = &g_array_index (rows, GridRow, first_data);
    const GkGridCell *previous = NULL;

    for (guint c = 0; c < grid->n_cols; c++)
      {
        const GkGridCell *cell = gk_grid_get (grid, row->row, c);
        GkProvenance provenance;

        /* a cell under no named column does not count as visited */
        if (group_of[c] == NULL || column_of[c] == NULL || !first_visit (cell, &previous))
          continue;
        provenance = grid_provenance (row->block, cell);
        store_cell (ex, group_of[c], column_of[c], cell->text, &provenance);
      }
  }
}

/* ─── Text streams ─────────────────────────────────────────────────────── */

typedef enum
{
  TOKEN_NUMBER,
  TOKEN_NA,
  TOKEN_TEXT,
} TokenKind;

typedef struct
{
  TokenKind kind;
  gsize     start;   /* raw body offsets */
  gsize     end;
  gboolean  digits_only;   /* digits alone (gk_text_is_digit()), never a mark or a sign */
} Token;

static gboolean
is_separator (gunichar c)
{
  return gk_text_is_space (c) || c == '|' || c == 0xFF5C || c == 0x2502;
}

/* Numbers, not-applicable marks and text, split at separators and wherever
 * digits meet text: 「数量640020470二、」 is text, a number, text. */
static GArray *
tokenize (const char *text,
          gsize       start,
          gsize       end)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text + start;
  const char *limit = text + end;

  while (p < limit)
    {
      gunichar c = g_utf8_get_char (p);
      const char *q;
      Token token;

      if (is_separator (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      token.start = p - text;
      /* only a number can be digits alone: 「—」 or 「/」 beside digits is no run */
      token.digits_only = FALSE;
      if (gk_text_is_digit (c) || ((c == '-' || c == 0x2212 || g_str_has_prefix (p, "减"))
                                   && gk_text_is_digit (g_utf8_get_char (g_utf8_next_char (p)))))
        {
          token.kind = TOKEN_NUMBER;
          token.digits_only = gk_text_is_digit (c);
          q = g_utf8_next_char (p);
          while (q < limit)
            {
              gunichar d = g_utf8_get_char (q);
              const char *after = g_utf8_next_char (q);

              if (gk_text_is_digit (d))
                q = after;
              else if ((d == '.' || d == ',' || d == 0xFF0E) && after < limit
                       && gk_text_is_digit (g_utf8_get_char (after)))
                {
                  token.digits_only = FALSE;
                  q = after;
                }
              else
                break;
            }
          /* units written onto the number */
          if (g_str_has_prefix (q, "万元"))
            q += strlen ("万元"), token.digits_only = FALSE;
          else if (g_str_has_prefix (q, "元") || g_str_has_prefix (q, "件"))
            q += strlen ("元"), token.digits_only = FALSE;
        }
      else
        {
          /* text up to a separator or a digit; 「／」「——」「不适用」 alone
           * there are the marks gk_number_parse() reads as not applicable */
          q = g_utf8_next_char (p);
          while (q < limit)
            {
              gunichar d = g_utf8_get_char (q);
              if (is_separator (d) || gk_text_is_digit (d))
                break;
              q = g_utf8_next_char (q);
            }
          token.kind = gk_text_is_na_mark (p, q - p) ? TOKEN_NA : TOKEN_TEXT;
        }
      token.end = q - text;
      g_array_append_val (tokens, token);
      p = q;
    }
  return tokens;
}

/* The values after a label: leading text (the rest of the label) skipped,
 * then numbers and marks up to the next text. */
static GArray *
value_tokens (Extraction *ex,
              gsize       start,
              gsize       end)
{
  g_autoptr(GArray) tokens = tokenize (ex->text->str, start, end);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (Token));

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_TEXT)
        {
          if (values->len > 0)
            break;
          continue;
        }
      g_array_append_val (values, *token);
    }
  return values;
}

#define MAX_TEXT_COLUMNS 16

/* A row of a table read from text: the values after its label, and the
 * cells they fill. t4's fifteen values may form one row over three groups. */
typedef struct
{
  const GkFormRow    *row;
  GArray             *tokens;     /* Token: the row's values */
  guint               n_columns;  /* how many the row should have */
  const GkFormRow    *rows_of[MAX_TEXT_COLUMNS];
  const GkFormColumn *columns[MAX_TEXT_COLUMNS];
} TextRow;

static void
text_row_clear (gpointer data)
{
  g_clear_pointer (&((TextRow *) data)->tokens, g_array_unref);
}

/* The columns a text row's values fill, in order: the optional subtotal only
 * when the values say it is there. */
static void
text_row_columns (TextRow *text_row,
                  gboolean has_subtotal)
{
  const GkFormColumn *total = NULL;

  text_row->n_columns = 0;
  for (const GkFormColumn *column = text_row->row->columns; column->key != NULL; column++)
    {
      if (column->optional)
        continue;
      if (has_subtotal && g_str_equal (column->key, "total"))
        {
          total = column;
          continue;
        }
      text_row->columns[text_row->n_columns++] = column;
    }
  if (has_subtotal)
    {
      for (const GkFormColumn *column = text_row->row->columns; column->key != NULL; column++)
        if (column->optional)
          text_row->columns[text_row->n_columns++] = column;
      if (total != NULL)
        text_row->columns[text_row->n_columns++] = total;
    }
  for (guint c = 0; c < text_row->n_columns; c++)
    text_row->rows_of[c] = text_row->row;
}

/* 「1.」「(一)」「一、」 before a label belong to it, not to the previous row's
 * values. */
static gsize
include_enumerator (Extraction      *ex,
                    const RowMatch  *match,
                    gsize            hit)
{
  const char *label = match->label;
  gsize prefix_len;

  if (match->prefix_len < 0)
    return hit;
  prefix_len = match->prefix_len;
  if (prefix_len == 0 || prefix_len > hit)
    return hit;
  if (memcmp (ex->folded->folded + hit - prefix_len, label, prefix_len) == 0)
    return hit - prefix_len;
  /* 「1、」 for 「1.」 */
  if (prefix_len >= 1 && label[prefix_len - 1] == '.' && hit >= prefix_len + 2
      && memcmp (ex->folded->folded + hit - prefix_len - 2, label, prefix_len - 1) == 0
      && memcmp (ex->folded->folded + hit - 3, "、", 3) == 0)
    return hit - prefix_len - 2;
  return hit;
}

/* Find each row of @table by its label, in the form's order, between folded
 * offsets @from and @to. */
static GArray *
find_text_rows (Extraction        *ex,
                const GkFormTable *table,
                gsize              from,
                gsize              to)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TextRow));
  g_autoptr(GArray) label_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) value_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize cursor = from;

  g_array_set_clear_func (rows, text_row_clear);
  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      const RowMatch *matched = row_match (table, row);
      const char * const *match = matched->fragments.variants;
      gssize hit = -1;
      gsize length = 0;
      gsize label_start;

      if (!gk_form_row_in_version (row, ex->report->version))
        continue;
      for (guint m = 0; match[m] != NULL && hit < 0; m++)
        {
          hit = gk_folded_find (ex->folded, match[m], cursor);
          if (hit >= (gssize) to)
            hit = -1;
          length = strlen (match[m]);
        }
      if (hit < 0)
        continue;

      label_start = include_enumerator (ex, matched, hit);
      {
        TextRow text_row = { row, NULL, 0, { NULL } };
        gsize value_start = hit + length;
        g_array_append_val (rows, text_row);
        g_array_append_val (label_starts, label_start);
        g_array_append_val (value_starts, value_start);
      }
      cursor = hit + length;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TextRow *text_row = &g_array_index (rows, TextRow, i);
      gsize value_start = gk_folded_to_raw (ex->folded, g_array_index (value_starts, gsize, i));
      gsize value_end = gk_folded_to_raw (ex->folded, i + 1 < rows->len
                                                     ? g_array_index (label_starts, gsize, i + 1)
                                                     : to);
      text_row->tokens = value_tokens (ex, value_start, MAX (value_start, value_end));
    }
  return rows;
}

static char *
join_tokens (Extraction *ex,
             GArray     *tokens,
             guint       from,
             guint       to,
             const char *separator)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      if (i > from)
        g_string_append (s, separator);
      g_string_append_len (s, ex->text->str + token->start, token->end - token->start);
    }
  return g_string_free (s, FALSE);
}

static gsize
text_row_cell_index (Extraction        *ex,
                     const TextRow     *text_row,
                     guint              column)
{
  const GkFormCell *cell = gk_form_layout_find (ex->report->layout, text_row->rows_of[column],
                                                text_row->columns[column]);
  return cell != NULL ? cell->index : G_MAXSIZE;
}

/* Fewer values than columns, each digits alone: the cells ran together and
 * the row goes to the split.  The one test both store_text_row() and
 * split_runs() use, so that the solver only ever sees digits. */
static gboolean
is_digit_run (const TextRow *text_row)
{
  GArray *tokens = text_row->tokens;

  if (tokens->len == 0 || tokens->len >= text_row->n_columns)
    return FALSE;
  for (guint t = 0; t < tokens->len; t++)
    if (!g_array_index (tokens, Token, t).digits_only)
      return FALSE;
  return TRUE;
}

/* Store a text row's values. Returns FALSE when its digits run together and
 * wait for the split. */
static gboolean
store_text_row (Extraction        *ex,
                const GkFormTable *table,
                TextRow           *text_row,
                GString           *review)
{
  GArray *tokens = text_row->tokens;
  guint n = tokens->len;

  if (n == 0)
    return TRUE;

  /* 「上年结转 /」: one mark says the whole row does not apply */
  if (n == 1 && n < text_row->n_columns && g_array_index (tokens, Token, 0).kind == TOKEN_NA)
    {
      Token *token = &g_array_index (tokens, Token, 0);
      g_autofree char *raw = g_strndup (ex->text->str + token->start, token->end - token->start);
      GkProvenance provenance = text_provenance (ex, token->start, token->end, GK_PROVENANCE_TEXT);

      for (guint c = 0; c < text_row->n_columns; c++)
        store_cell (ex, text_row->rows_of[c], text_row->columns[c], raw, &provenance);
      return TRUE;
    }

  if (n < text_row->n_columns)
    {
      g_autofree char *run = join_tokens (ex, tokens, 0, n, " ");
      Token *first = &g_array_index (tokens, Token, 0);
      Token *last = &g_array_index (tokens, Token, n - 1);
      GkProvenance provenance;

      /* Fewer values than columns: numbers run together (「13575394432.52元」
       * too, though only plain digits go to the split), or a row mixing in
       * marks or words (「5 /」) whose values cannot be placed in columns.
       * Either way no cell can be given a value alone: they wait for review. */
      provenance = text_provenance (ex, first->start, last->end, GK_PROVENANCE_DIGIT_RUN);
      for (guint c = 0; c < text_row->n_columns; c++)
        {
          gsize index = text_row_cell_index (ex, text_row, c);
          GkCell *cell;

          if (index == G_MAXSIZE || ex->report->cells[index].provenance.kind != GK_PROVENANCE_NONE)
            continue;
          cell = &ex->report->cells[index];
          cell->provenance = provenance;
          g_free (cell->raw);
          cell->raw = g_strdup (run);
        }
      g_string_append_printf (review, "%s「%s」", review->len > 0 ? "；" : "", run);
      return !is_digit_run (text_row);
    }

  if (n > text_row->n_columns)
    {
      g_autofree char *extra = join_tokens (ex, tokens, text_row->n_columns, n, " ");
      g_string_append_printf (review, "%s%s 多出「%s」", review->len > 0 ? "；" : "",
                              text_row->row->label, extra);
    }

  for (guint c = 0; c < text_row->n_columns; c++)
    {
      Token *token = &g_array_index (tokens, Token, c);
      g_autofree char *raw = g_strndup (ex->text->str + token->start, token->end - token->start);
      GkProvenance provenance = text_provenance (ex, token->start, token->end, GK_PROVENANCE_TEXT);

      store_cell (ex, text_row->rows_of[c], text_row->columns[c], raw, &provenance);
    }
  return TRUE;
}

static gboolean
is_integer_value (const GkNumber *number)
{
  return gk_number_is_present (number) && number->value == floor (number->value)
         && fabs (number->value) < 1e15;
}

/* Digits run together: offer the one split the identities allow, if there is
 * exactly one; never apply it. */
static void
split_runs (Extraction        *ex,
            guint              table_index,
            const GkFormTable *table,
            GArray            *text_rows,
            GString           *review,
            GString           *review_en)
{
  const GkFormLayout *layout = ex->report->layout;
  g_autoptr(GkSplitProblem) problem = gk_split_problem_new (layout->n_cells);
  g_autofree gint64 *values = g_new0 (gint64, layout->n_cells);
  g_autofree gboolean *differs = g_new0 (gboolean, layout->n_cells);
  g_autoptr(GArray) run_cells = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) runs = g_string_new (NULL);
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autoptr(GHashTable) rules_used = g_hash_table_new (g_str_hash, g_str_equal);
  gssize negative = -1;
  guint64 ways;
  gboolean all_placed = TRUE;
  gboolean sound;
  GkSplitOutcome outcome;

  for (guint i = 0; i < text_rows->len; i++)
    {
      TextRow *text_row = &g_array_index (text_rows, TextRow, i);
      g_autoptr(GPtrArray) tokens = NULL;
      g_autofree guint *vars = NULL;
      g_autofree char *joined = NULL;

      /* 「75394432.52元」 or 「— 2021」 is no run of digits: that row just needs review */
      if (!is_digit_run (text_row))
        continue;
      tokens = g_ptr_array_new_with_free_func (g_free);
      vars = g_new (guint, text_row->n_columns);
      /* the solver reads ASCII digits: 「６４００２０４７０」 is 640020470 */
      for (guint t = 0; t < text_row->tokens->len; t++)
        {
          Token *token = &g_array_index (text_row->tokens, Token, t);
          g_ptr_array_add (tokens, gk_text_fold_width (ex->text->str + token->start,
                                                       token->end - token->start));
        }
      g_ptr_array_add (tokens, NULL);
      for (guint c = 0; c < text_row->n_columns; c++)
        vars[c] = text_row_cell_index (ex, text_row, c);
      joined = join_tokens (ex, text_row->tokens, 0, text_row->tokens->len, " ");
      if (!gk_split_problem_add_run (problem, (const char * const *) tokens->pdata, vars,
                                     text_row->n_columns))
        {
          all_placed = FALSE;
          continue;
        }
      g_array_append_vals (run_cells, vars, text_row->n_columns);
      g_string_append_printf (runs, "%s%s", runs->len > 0 ? "、" : "", joined);
    }
  if (run_cells->len == 0)
    return;

  /* what was read plainly is known */
  for (guint i = 0; i < layout->n_cells; i++)
    if (layout->cells[i].table_index == table_index
        && ex->report->cells[i].provenance.kind != GK_PROVENANCE_DIGIT_RUN
        && is_integer_value (&ex->report->cells[i].parsed)
        && ex->report->cells[i].parsed.value >= 0)
      gk_split_problem_fix (problem, i, (gint64) ex->report->cells[i].parsed.value);

  for (guint i = 0; i < layout->n_identities; i++)
    {
      const GkFormIdentityInstance *instance = &layout->identities[i];
      const GkFormCell *lhs = &layout->cells[instance->lhs[0]];

      if (lhs->table_index != table_index)
        continue;
      /* a column the page does not print (小计) constrains nothing */
      if (lhs->column->optional && ex->report->cells[lhs->index].provenance.kind == GK_PROVENANCE_NONE)
        continue;
      gk_split_problem_add_equation (problem, instance->lhs, instance->n_lhs, instance->rhs,
                                     instance->n_rhs);
      /* a count printed negative cannot take part in a proof over counts */
      for (guint k = 0; k < instance->n_lhs + instance->n_rhs && negative < 0; k++)
        {
          guint index = k < instance->n_lhs ? instance->lhs[k] : instance->rhs[k - instance->n_lhs];
          const GkCell *cell = &ex->report->cells[index];

          if (cell->provenance.kind != GK_PROVENANCE_DIGIT_RUN && gk_number_is_present (&cell->parsed)
              && cell->parsed.value < 0)
            negative = index;
        }
      if (!g_hash_table_contains (rules_used, instance->def->id))
        {
          g_hash_table_add (rules_used, (gpointer) instance->def->id);
          g_string_append_printf (rules, "%s%s", rules->len > 0 ? "、" : "", instance->def->id);
        }
    }

  if (!all_placed)
    {
      g_string_append (review, "。连写数字无法交给拆分程序，需人工核对");
      g_string_append (review_en, " The run-together digits could not be handed to the solver: check by hand.");
      return;
    }
  if (negative >= 0)
    {
      const GkFormCell *def = &layout->cells[negative];

      g_string_append_printf (review, "。%s · %s 印作「%s」，是负数，不能据以拆分连写数字，需人工核对",
                              def->row->label, def->column->label, ex->report->cells[negative].raw);
      g_string_append_printf (review_en, " %s is printed “%s”, a negative number, so the identities "
                              "cannot prove a split: check by hand.", def->key,
                              ex->report->cells[negative].raw);
      return;
    }

  ways = gk_split_problem_count_ways (problem);
  outcome = gk_split_problem_solve (problem, 0, values, differs);
  /* never offer a cell below 0 nor a proof over no reading at all */
  sound = ways > 0;
  for (guint i = 0; i < run_cells->len && sound; i++)
    sound = values[g_array_index (run_cells, guint, i)] >= 0;
  if (outcome == GK_SPLIT_UNIQUE && !sound)
    {
      g_string_append (review, "。无法证明唯一拆分，需人工核对");
      g_string_append (review_en, " No split can be proven: check by hand.");
    }
  else if (outcome == GK_SPLIT_UNIQUE)
    {
      GkSuggestion *suggestion = g_new0 (GkSuggestion, 1);
      /* past this the number says nothing more */
      gboolean many = ways > G_MAXUINT32;
      guint64 shown = MIN (ways, G_MAXUINT32);

      suggestion->table = g_strdup (table->key);
      suggestion->run = g_strdup (runs->str);
      suggestion->cells = g_array_ref (run_cells);
      suggestion->values = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < run_cells->len; i++)
        {
          double v = values[g_array_index (run_cells, guint, i)];
          g_array_append_val (suggestion->values, v);
        }
      suggestion->proof = g_strdup_printf ("连写数字「%s」共有 %" G_GUINT64_FORMAT "%s 种拆分，"
                                           "只有这一种使 %s 全部成立。",
                                           runs->str, shown, many ? " 以上" : "",
                                           rules->len > 0 ? rules->str : "（无勾稽关系）");
      suggestion->proof_en = g_strdup_printf ("Of the %s%" G_GUINT64_FORMAT " ways to split the run-together "
                                              "digits “%s”, only this one makes %s hold.",
                                              many ? "more than " : "", shown,
                                              runs->str, rules->len > 0 ? rules->str : "(no identity)");
      gk_report_add_suggestion (ex->report, suggestion);
      g_string_append (review, "。有唯一拆分可供采纳");
      g_string_append (review_en, " A unique split is offered.");
    }
  else if (outcome == GK_SPLIT_AMBIGUOUS && rules->len == 0)
    {
      g_string_append (review, "。此表没有表内勾稽关系，无法判断拆分，需人工核对");
      g_string_append (review_en, " This table has no identity to tell the splits apart: check by hand.");
    }
  else if (outcome == GK_SPLIT_AMBIGUOUS)
    {
      g_string_append (review, "。多种拆分都满足勾稽关系，需人工核对");
      g_string_append (review_en, " Several splits satisfy the identities: check by hand.");
    }
  else if (outcome == GK_SPLIT_NONE)
    {
      g_string_append (review, "。没有任何拆分满足勾稽关系");
      g_string_append (review_en, " No split satisfies the identities.");
    }
  else
    {
      g_string_append (review, "。可能的拆分太多，无法判断");
      g_string_append (review_en, " Too many possible splits to decide.");
    }
}

static void
read_text_table (Extraction *ex,
                 guint       table_index,
                 gsize       from,
                 gsize       to)
{
  const GkFormTable *table = gk_form_get_table (gk_form_table_key (table_index));
  g_autoptr(GArray) text_rows = NULL;
  g_autoptr(GString) review = g_string_new (NULL);
  g_autoptr(GString) review_en = g_string_new (NULL);
  gboolean has_subtotal = table_index == T3 && gk_folded_find (ex->folded, "小计", from) >= 0
                          && gk_folded_find (ex->folded, "小计", from) < (gssize) to;
  gboolean runs = FALSE;
  GkReportTable *status = &ex->report->tables[table_index];

  if (table_index == T4)
    {
      /* one row of fifteen values after the headers, in the form's order */
      TextRow text_row = { NULL, NULL, 0, { NULL } };
      gsize raw_from = gk_folded_to_raw (ex->folded, from);
      gsize raw_to = gk_folded_to_raw (ex->folded, to);

      text_rows = g_array_new (FALSE, TRUE, sizeof (TextRow));
      g_array_set_clear_func (text_rows, text_row_clear);
      text_row.tokens = value_tokens (ex, raw_from, raw_to);
      /* three groups share one list of tokens */
      for (const GkFormRow *row = table->rows; row->key != NULL; row++)
        {
          TextRow group = { row, NULL, 0, { NULL } };
          guint index = text_rows->len;

          text_row_columns (&group, FALSE);
          group.tokens = g_array_new (FALSE, FALSE, sizeof (Token));
          if (text_row.tokens->len >= 15)
            g_array_append_vals (group.tokens,
                                 &g_array_index (text_row.tokens, Token, index * group.n_columns),
                                 group.n_columns);
          g_array_append_val (text_rows, group);
        }
      if (text_row.tokens->len > 15)
        {
          /* more than the form has: which fifteen are the table cannot be told */
          g_autofree char *extra = join_tokens (ex, text_row.tokens, 15, text_row.tokens->len, " ");
          g_string_append_printf (review, "%s%s 多出「%s」", review->len > 0 ? "；" : "",
                                  table->title, extra);
        }
      if (text_row.tokens->len < 15 && text_row.tokens->len > 0)
        {
          /* run together: the solver sees one run over all fifteen cells */
          TextRow *all = &g_array_index (text_rows, TextRow, 0);
          g_array_set_size (text_rows, 1);
          g_array_unref (all->tokens);
          all->tokens = g_array_ref (text_row.tokens);
          all->n_columns = 0;
          for (const GkFormRow *row = table->rows; row->key != NULL; row++)
            for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
              {
                all->rows_of[all->n_columns] = row;
                all->columns[all->n_columns++] = column;
              }
        }
      g_array_unref (text_row.tokens);
    }
  else
    {
      text_rows = find_text_rows (ex, table, from, to);
      for (guint i = 0; i < text_rows->len; i++)
        text_row_columns (&g_array_index (text_rows, TextRow, i), has_subtotal);
    }

  for (guint i = 0; i < text_rows->len; i++)
    {
      TextRow *text_row = &g_array_index (text_rows, TextRow, i);

      if (!store_text_row (ex, table, text_row, review))
        runs = TRUE;
    }

  status->n_found = count_found (ex, table_index);
  if (status->n_found == 0 && !runs)
    return;

  if (review->len > 0)
    {
      g_autofree char *listed = g_string_free (g_steal_pointer (&review), FALSE);
      review = g_string_new (NULL);
      g_string_append_printf (review, "数字连写或多出：%s", listed);
      g_string_append_printf (review_en, "Digits run together or extra values: %s.", listed);
      if (runs)
        split_runs (ex, table_index, table, text_rows, review, review_en);
      status->status = GK_TABLE_STATUS_NEEDS_REVIEW;
      status->detail = g_string_free (g_steal_pointer (&review), FALSE);
      status->detail_en = g_string_free (g_steal_pointer (&review_en), FALSE);
    }
  else
    {
      status->status = GK_TABLE_STATUS_FOUND;
      status->detail = g_strdup ("从文本读取");
      status->detail_en = g_strdup ("read from text");
    }
}

/* ─── Prose facts: figures stated in 一、总体情况 ─────────────────────────── */

static GRegex **
prose_regexes (void)
{
  static GRegex **compiled;

  if (g_once_init_enter (&compiled))
    {
      guint n;
      const GkFormProseCheck *checks = gk_form_get_prose_checks (&n);
      GRegex **regexes = g_new0 (GRegex *, n);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) error = NULL;
          regexes[i] = g_regex_new (checks[i].pattern, G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&compiled, regexes);
    }
  return compiled;
}

static void
extract_prose (Extraction *ex,
               gssize      until)
{
  guint n;
  const GkFormProseCheck *checks = gk_form_get_prose_checks (&n);
  GRegex **regexes = prose_regexes ();
  gssize start = section_start (ex, "s1");
  gssize end = section_start (ex, "s2");

  if (start < 0)
    start = 0;
  if (end <= start)
    end = until > start ? until : (gssize) ex->folded->len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      gint match_start, match_end, number_start, number_end;
      GkProseFact *fact;
      g_autofree char *number = NULL;
      gsize raw_start, raw_end;
      GkProvenance provenance;

      if (!g_regex_match_full (regexes[i], ex->folded->folded, end, start, 0, &match, NULL))
        continue;
      g_match_info_fetch_pos (match, 0, &match_start, &match_end);
      g_match_info_fetch_pos (match, 1, &number_start, &number_end);
      number = g_match_info_fetch (match, 1);
      raw_start = gk_folded_to_raw (ex->folded, match_start);
      raw_end = gk_folded_to_raw (ex->folded, match_end);
      provenance = text_provenance (ex, raw_start, raw_end, GK_PROVENANCE_TEXT);

      fact = g_new0 (GkProseFact, 1);
      fact->id = g_strdup (checks[i].id);
      fact->cell = g_strdup (checks[i].cell);
      fact->label = g_strdup (checks[i].label);
      fact->label_en = g_strdup (checks[i].label_en);
      fact->value = g_ascii_strtod (number, NULL);
      fact->text = g_strndup (ex->text->str + raw_start, raw_end - raw_start);
      fact->src_start = provenance.src_start;
      fact->src_end = provenance.src_end;
      gk_report_add_prose_fact (ex->report, fact);
    }
}

/* ─── What the page is ─────────────────────────────────────────────────── */

static GkReportKind
classify (Extraction *ex,
          gboolean    has_tables)
{
  static const char * const report_words[] = { "年度报告", "年报", "工作报告", NULL };
  g_autofree char *title = gk_text_fold (ex->report->title != NULL ? ex->report->title : "", -1);
  gboolean named_report = FALSE;

  if (has_tables)
    return GK_REPORT_KIND_REPORT;
  for (guint i = 0; report_words[i] != NULL; i++)
    named_report |= strstr (title, report_words[i]) != NULL;
  /* 「关于…情况的函」 is a letter, whatever it mentions */
  if (!named_report || g_str_has_suffix (title, "函") || g_str_has_suffix (title, "通知"))
    return GK_REPORT_KIND_NOT_REPORT;
  if (ex->report->year > 0 && ex->report->year < 2019)
    return GK_REPORT_KIND_LEGACY;
  if (gk_outline_count_sections (ex->outline) >= 3 || ex->report->year >= 2019)
    return GK_REPORT_KIND_REPORT;
  return GK_REPORT_KIND_NOT_REPORT;
}

static void
set_detail (GkReportTable *table,
            const char    *detail,
            const char    *detail_en)
{
  g_free (table->detail);
  g_free (table->detail_en);
  table->detail = g_strdup (detail);
  table->detail_en = g_strdup (detail_en);
}

/* ─── The whole extraction ─────────────────────────────────────────────── */

static void
read_tables (Extraction    *ex,
             const Regions *regions)
{
  GArray *grid_rows[GK_FORM_N_TABLES];

  collect_grid_rows (ex, grid_rows);

  if (grid_rows[T2]->len > 0)
    read_grid_t2 (ex, grid_rows[T2]);
  if (grid_rows[T3]->len > 0)
    read_grid_t3 (ex, grid_rows[T3]);
  if (grid_rows[T4]->len > 0)
    read_grid_t4 (ex, grid_rows[T4]);

  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      GkReportTable *table = &ex->report->tables[t];

      table->n_found = count_found (ex, t);
      if (table->n_found > 0)
        {
          table->status = GK_TABLE_STATUS_FOUND;
          set_detail (table, "从网页表格读取", "read from the page's table");
        }
      else if (regions->start[t] >= 0)
        read_text_table (ex, t, regions->start[t], MAX (regions->start[t], regions->end[t]));

      if (table->status == GK_TABLE_STATUS_NOT_PRESENT)
        set_detail (table, "本页没有此表的文字（可能以图片发布）",
                    "table not present in this page (perhaps published as an image)");
      g_array_unref (grid_rows[t]);
    }
  extract_prose (ex, regions->start[T2]);
}

/* t2 and t3 differ between the versions; t4 does not. */
static void
mark_version_undecided (GkReport *report)
{
  static const guint tables[] = { T2, T3 };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      GkReportTable *table = &report->tables[tables[i]];
      g_autofree char *detail = NULL;
      g_autofree char *detail_en = NULL;

      if (table->status == GK_TABLE_STATUS_NOT_PRESENT)
        continue;
      detail = g_strdup_printf ("%s%s无法从表头判断表格是 2019 版还是 2021 版，已按 2021 版读取，需人工核对",
                                table->detail != NULL ? table->detail : "",
                                table->detail != NULL ? "；" : "");
      detail_en = g_strdup_printf ("%s%sThe form version (2019 or 2021) could not be told from the "
                                   "headers; read as the 2021 form: check by hand.",
                                   table->detail_en != NULL ? table->detail_en : "",
                                   table->detail_en == NULL ? ""
                                   : g_str_has_suffix (table->detail_en, ".") ? " " : ". ");
      table->status = GK_TABLE_STATUS_NEEDS_REVIEW;
      set_detail (table, detail, detail_en);
    }
}

GkReport *
gk_extract_report (GkDocument *document)
{
  Extraction ex = { 0 };
  GkIdentity identity = { 0 };
  GkFormVersion version;
  Regions regions;
  gboolean version_undecided;
  gboolean has_tables = FALSE;
  GkReport *report;

  g_return_val_if_fail (document != NULL, NULL);

  ex.document = document;
  ex.outline = gk_outline_new (document);
  ex.report = report = gk_report_new (GK_REPORT_KIND_REPORT, GK_FORM_UNKNOWN);
  gk_report_set_document (report, document);

  gk_identity_detect (document, ex.outline, &identity);
  report->title = g_steal_pointer (&identity.title);
  report->agency = g_steal_pointer (&identity.agency);
  report->agency_key = g_steal_pointer (&identity.agency_key);
  report->date = g_steal_pointer (&identity.date);
  report->year = identity.year;
  gk_identity_clear (&identity);

  build_body (&ex);
  find_regions (&ex, &regions);
  version = detect_version (&ex, &regions, &version_undecided);

  if (version != GK_FORM_UNKNOWN)
    {
      gk_report_set_version (report, version);
      read_tables (&ex, &regions);
      if (version_undecided)
        mark_version_undecided (report);
      for (guint t = 0; t < GK_FORM_N_TABLES; t++)
        has_tables |= report->tables[t].status != GK_TABLE_STATUS_NOT_PRESENT;
    }

  report->kind = classify (&ex, has_tables);
  if (report->kind == GK_REPORT_KIND_LEGACY && report->version == GK_FORM_UNKNOWN)
    report->version = GK_FORM_LEGACY;
  for (guint t = 0; t < GK_FORM_N_TABLES; t++)
    {
      GkReportTable *table = &report->tables[t];
      if (table->status != GK_TABLE_STATUS_NOT_PRESENT)
        continue;
      if (report->kind == GK_REPORT_KIND_LEGACY)
        set_detail (table, "2019 年以前的报告，没有统一格式的表格",
                    "a report from before 2019: no form tables");
      else if (report->kind == GK_REPORT_KIND_NOT_REPORT)
        set_detail (table, "不是年度报告", "not an annual report");
      else if (table->detail == NULL)
        set_detail (table, "本页没有此表的文字（可能以图片发布）",
                    "table not present in this page (perhaps published as an image)");
    }
  if (report->kind == GK_REPORT_KIND_REPORT && report->prose_facts->len == 0 && version == GK_FORM_UNKNOWN)
    extract_prose (&ex, -1);

  gk_report_set_outline (report, ex.outline);
  g_free (ex.folded_by_id);
  g_free (ex.folded_cells);
  g_ptr_array_unref (ex.folded_alone);
  gk_folded_free (ex.folded);
  g_string_free (ex.text, TRUE);
  g_array_unref (ex.pieces);
  g_free (ex.block_offset);
  return report;
}

GkReport *
gk_read_report_bytes (const char  *name,
                      GBytes      *bytes,
                      GError     **error)
{
  g_autoptr(GkSource) source = gk_source_new_from_bytes (name, bytes, error);
  g_autoptr(GkDocument) document = NULL;

  if (source == NULL)
    return NULL;
  document = gk_document_new_from_source (source);
  return gk_extract_report (document);
}

GkReport *
gk_read_report_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GkSource) source = gk_source_new_from_file (file, cancellable, error);
  g_autoptr(GkDocument) document = NULL;

  if (source == NULL)
    return NULL;
  document = gk_document_new_from_source (source);
  return gk_extract_report (document);
}
