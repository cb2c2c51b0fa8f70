/* gk-section-item.h — one node of a report's section tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gk-outline.h"

G_BEGIN_DECLS

#define GK_TYPE_SECTION_ITEM (gk_section_item_get_type ())

G_DECLARE_FINAL_TYPE (GkSectionItem, gk_section_item, GK, SECTION_ITEM, GObject)

GkSectionItem       *gk_section_item_new          (const GkOutlineNode *node,
                                                   const char          *table_key);
const GkOutlineNode *gk_section_item_get_node     (GkSectionItem       *self);
const char          *gk_section_item_get_key      (GkSectionItem       *self);
const char          *gk_section_item_get_table    (GkSectionItem       *self);   /* "t3" or NULL */
GListModel          *gk_section_item_get_children (GkSectionItem       *self);   /* NULL for a leaf */
void                 gk_section_item_set_counts   (GkSectionItem       *self,
                                                   guint                errors,
                                                   guint                warnings,
                                                   guint                uncertain);

G_END_DECLS
