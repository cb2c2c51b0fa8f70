/* gk-folded.h — a text folded for matching, that remembers where each folded
 * byte came from in the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *raw;      /* not owned */
  gsize       raw_len;
  char       *folded;   /* gk_text_fold() of raw */
  gsize       len;      /* bytes in folded */
  gsize      *map;      /* len + 1 entries: raw byte offset of each folded byte;
                         * map[len] = raw_len */
  gboolean    per_character;  /* script conversion changed the number of
                               * characters, so each was converted alone and
                               * a part of folded may differ from folding
                               * that part of raw by itself */
} GkFolded;

GkFolded   *gk_folded_new       (const char     *raw,
                                 gsize           raw_len);
void        gk_folded_free      (GkFolded       *self);

/* The first match of @needle (already folded) at or after folded offset @from,
 * or -1. */
gssize      gk_folded_find      (const GkFolded *self,
                                 const char     *needle,
                                 gsize           from);
gsize       gk_folded_to_raw    (const GkFolded *self,
                                 gsize           offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkFolded, gk_folded_free)

G_END_DECLS
