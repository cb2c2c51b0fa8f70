/* gk-outline.h — the section tree of a report: s1…s6 with （一）… and 1. … items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gk-document.h"

G_BEGIN_DECLS

/* A place in the document: a block and a byte offset into its text. */
typedef struct
{
  guint block;
  gsize offset;
} GkTextPos;

typedef struct _GkOutlineNode GkOutlineNode;

struct _GkOutlineNode
{
  char          *key;          /* "s3" for a form section, "s1.2" for its （二）, "s1.2.3"
                                * for a 3. under it; "h2" for a heading that is no form
                                * section (legacy reports) */
  char          *section;      /* the form section this node is or lies in ("s3"), or NULL */
  guint          level;        /* 1: 一、  2: （一）  3: 1. */
  guint          number;       /* 3 for 三、（三）or 3. */
  char          *title;        /* the heading as printed, without body text run into it */
  GkTextPos      start;        /* where the heading starts */
  GkTextPos      body;         /* where its content starts, after the heading */
  GkTextPos      end;          /* where the next heading of this level or higher starts */
  GkOutlineNode *parent;
  GPtrArray     *children;     /* GkOutlineNode * */
};

typedef struct _GkOutline GkOutline;

struct _GkOutline
{
  GkDocument    *document;
  GkOutlineNode *root;         /* level 0; its children are the sections */
  GkTextPos      body_start;   /* the report's text, page chrome excluded */
  GkTextPos      body_end;
};

GkOutline           *gk_outline_new             (GkDocument          *document);
void                 gk_outline_free            (GkOutline           *self);

const GkOutlineNode *gk_outline_find            (GkOutline           *self,
                                                 const char          *key);
guint                gk_outline_count_sections  (GkOutline           *self);  /* form sections found */
gboolean             gk_outline_has_section     (GkOutline           *self,
                                                 const char          *key);

/* The text between two positions, blocks joined by '\n'; tables as their text. */
char                *gk_outline_get_text        (GkOutline           *self,
                                                 GkTextPos            start,
                                                 GkTextPos            end);
char                *gk_outline_node_get_text   (GkOutline           *self,
                                                 const GkOutlineNode *node);
/* Blocks that lie (at least partly) within a node, chrome excluded. */
void                 gk_outline_node_get_blocks (const GkOutlineNode *node,
                                                 guint               *first,
                                                 guint               *last);

gboolean             gk_text_pos_before         (GkTextPos            a,
                                                 GkTextPos            b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkOutline, gk_outline_free)

G_END_DECLS
