/* gk-document.h — a page as blocks in reading order: headings, paragraphs, tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gk-source.h"

G_BEGIN_DECLS

typedef enum
{
  GK_BLOCK_HEADING,     /* <h1>…<h6>, or a text line that is a title */
  GK_BLOCK_PARAGRAPH,   /* any other run of text: <p>, <div>, <li>, a text line */
  GK_BLOCK_TABLE,       /* a grid: an HTML data table, or a recognised table run in text */
} GkBlockKind;

/* Why a block is page chrome rather than report content. Chrome blocks stay in
 * the document, so the source pane can show them, but never enter a section. */
typedef enum
{
  GK_CHROME_NONE = 0,
  GK_CHROME_NAVIGATION,  /* links-only lines, breadcrumbs (当前位置, 首页 >), menus, <nav> */
  GK_CHROME_TOOLS,       /* 【打印本文】【关闭】, 字体 大 中 小, 分享到, 扫一扫 */
  GK_CHROME_FOOTER,      /* ICP 备案, 公网安备, 主办单位, 版权所有, 网站标识码, <footer> */
  GK_CHROME_RELATED,     /* 相关信息 / 相关链接 / 相关附件 lists */
} GkChrome;

/* How a table block was recognised. */
typedef enum
{
  GK_TABLE_HTML,         /* an HTML <table>, spans expanded */
  GK_TABLE_TEXT_COLUMNS, /* text rows split on tabs, on 2+ spaces, or on '|' */
  GK_TABLE_TEXT_STREAM,  /* text with one cell per line: a single column, one row per line */
} GkTableOrigin;

typedef struct
{
  char   *text;       /* display text: entities decoded, whitespace runs folded to one space,
                       * trimmed; <br> inside a cell becomes a space */
  guint   id;         /* unique within the document; every grid position a spanned cell
                       * covers points at the same GkGridCell */
  guint   row;        /* the cell's top-left position in the grid */
  guint   col;
  guint   rowspan;    /* ≥ 1, clamped to the grid */
  guint   colspan;    /* ≥ 1, clamped to the grid */
  gsize   src_start;  /* byte range in source->text: from the cell's start tag (or its first
                       * character in text) to the end of its end tag (or last character) */
  gsize   src_end;
} GkGridCell;

typedef struct
{
  guint        n_rows;
  guint        n_cols;
  GkGridCell **slots;   /* n_rows * n_cols pointers, row-major; NULL where no cell covers the
                         * position (a short row); spanned cells appear at every position */
  GPtrArray   *cells;   /* GkGridCell *, each once, in document order; owns them */
  GkTableOrigin origin;
} GkGrid;

typedef struct
{
  GkBlockKind  kind;
  GkChrome     chrome;
  char        *text;       /* headings and paragraphs: display text (a paragraph may hold
                            * several lines joined by '\n'); tables: their cells' texts,
                            * row by row, cells separated by ' ', rows by '\n' */
  gsize        src_start;  /* byte range in source->text */
  gsize        src_end;
  GkGrid      *grid;       /* tables only */
  guint        link_chars; /* characters of text inside <a> elements: all-link lines are
                            * navigation */
} GkBlock;

typedef struct _GkDocument GkDocument;

struct _GkDocument
{
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public, read-only >*/
  GkSource   *source;
  GPtrArray  *blocks;      /* GkBlock *, in reading order */
  char       *title;       /* <title>, or NULL */
  GHashTable *meta;        /* <meta name=… content=…>: name (lowercase) → content;
                            * e.g. "articletitle", "pubdate", "contentsource" */
};

GkDocument      *gk_document_new_from_source (GkSource    *source);
GkDocument      *gk_document_ref             (GkDocument  *self);
void             gk_document_unref           (GkDocument  *self);

const GkBlock   *gk_document_get_block       (GkDocument  *self,
                                              guint        index);
guint            gk_document_get_n_blocks    (GkDocument  *self);

const GkGridCell *gk_grid_get                (const GkGrid *grid,
                                              guint         row,
                                              guint         col);

const char      *gk_block_kind_to_string     (GkBlockKind    kind);     /* "heading", … */
const char      *gk_chrome_to_string         (GkChrome       chrome);   /* "none", "navigation", … */
const char      *gk_table_origin_to_string   (GkTableOrigin  origin);   /* "html", "text-columns", … */

/* For tests and the CLI: a readable dump of the blocks. */
char            *gk_document_dump            (GkDocument  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkDocument, gk_document_unref)

G_END_DECLS
