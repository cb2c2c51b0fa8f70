/* gk-document-private.h — what the HTML and text readers share with gk-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gk-document.h"

G_BEGIN_DECLS

/* Hostile tables are truncated to this, and reading goes on. */
#define GK_GRID_MAX_ROWS   5000
#define GK_GRID_MAX_COLS   1000
#define GK_GRID_MAX_SLOTS  1000000

/* A layout table has a cell with more text than this. */
#define GK_LAYOUT_CELL_CHARS 1000

/* Display text being gathered: whitespace runs (incl. U+00A0, U+3000) fold to
 * one space, leading and trailing whitespace never appears. */
typedef struct
{
  GString  *text;
  guint     n_chars;          /* characters in text */
  guint     link_chars;       /* of which inside <a> */
  gboolean  pending_space;
  gboolean  pending_newline;
} GkFold;

void         gk_fold_init            (GkFold      *fold);
void         gk_fold_clear           (GkFold      *fold);
void         gk_fold_reset           (GkFold      *fold);
/* Returns TRUE if anything but whitespace was appended. */
gboolean     gk_fold_append          (GkFold      *fold,
                                      const char  *text,
                                      gsize        len,
                                      gboolean     in_link);
void         gk_fold_break_line      (GkFold      *fold);
char        *gk_fold_text            (const char  *text,
                                      gsize        len);

/* A cell as read, before its spans are resolved. */
typedef struct
{
  char     *text;        /* owned; NULL means empty */
  guint     row;         /* the index of the row it was read in */
  guint     rowspan;     /* as written; 0 means to the end of its row group */
  guint     colspan;     /* as written, ≥ 1 */
  gsize     src_start;
  gsize     src_end;
} GkRawCell;

typedef struct
{
  GArray   *cells;       /* GkRawCell, in document order (rows ascending) */
  GArray   *row_groups;  /* guint per row: the row group (thead, tbody…) it is in */
} GkRawTable;

void         gk_raw_table_init       (GkRawTable  *raw);
void         gk_raw_table_clear      (GkRawTable  *raw);
guint        gk_raw_table_add_row    (GkRawTable  *raw,
                                      guint        row_group);
void         gk_raw_table_add_cell   (GkRawTable  *raw,
                                      char        *text,
                                      guint        rowspan,
                                      guint        colspan,
                                      gsize        src_start,
                                      gsize        src_end);

/* Lays the cells out (the HTML table algorithm, spans clamped, no overlaps) and
 * takes their texts. Ids are drawn from *next_id. Returns NULL when no cell
 * lands in the grid. */
GkGrid      *gk_grid_build           (GkRawTable  *raw,
                                      GkTableOrigin origin,
                                      guint       *next_id);
void         gk_grid_free            (GkGrid      *grid);
char        *gk_grid_dup_text        (const GkGrid *grid);

GkBlock     *gk_block_new            (GkBlockKind  kind,
                                      char        *text,
                                      gsize        src_start,
                                      gsize        src_end);
GkBlock     *gk_block_new_table      (GkGrid      *grid,
                                      gsize        src_start,
                                      gsize        src_end);
void         gk_block_free           (GkBlock     *block);

/* Page chrome told by its text alone; GK_CHROME_NONE when in doubt. */
GkChrome     gk_chrome_from_text     (const char  *text,
                                      guint        n_chars,
                                      guint        link_chars);
gboolean     gk_text_is_related_heading (const char *text);
/* After a 「相关信息」 block, the short link lists that follow are related too. */
void         gk_document_mark_related (GkDocument *self);

/* Numbering that opens a section or sub-section: 一、 （一） (一) 第一章 */
gboolean     gk_text_starts_with_section_number (const char *text);

void         gk_html_reader_read     (GkDocument  *self);
void         gk_text_reader_read     (GkDocument  *self);

G_END_DECLS
