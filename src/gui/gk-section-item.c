/* gk-section-item.c — one node of a report's section tree, with its badge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gk-section-item.h"

struct _GkSectionItem
{
  GObject              parent_instance;

  const GkOutlineNode *node;       /* owned by the report's outline, which outlives the tree */
  char                *table_key;
  GListStore          *children;
  guint                errors;
  guint                warnings;
  guint                uncertain;
};

G_DEFINE_FINAL_TYPE (GkSectionItem, gk_section_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_BADGE,
  PROP_BADGE_VISIBLE,
  PROP_BADGE_STYLE,
  PROP_BADGE_TOOLTIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
badge_tooltip (GkSectionItem *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->errors > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u identity fails",
                                               "%u identities fail", self->errors), self->errors);
  if (self->warnings > 0)
    {
      g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                            self->warnings), self->warnings);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  if (self->uncertain > 0)
    {
      g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check lacks values",
                                                            "%u checks lack values", self->uncertain),
                                               self->uncertain);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
gk_section_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GkSectionItem *self = GK_SECTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->node->title);
      break;
    case PROP_BADGE:
      g_value_take_string (value, g_strdup_printf ("%u", self->errors > 0 ? self->errors
                                                         : self->warnings > 0 ? self->warnings
                                                         : self->uncertain));
      break;
    case PROP_BADGE_VISIBLE:
      g_value_set_boolean (value, self->errors + self->warnings + self->uncertain > 0);
      break;
    case PROP_BADGE_STYLE:
      g_value_set_string (value, self->errors > 0 ? "error" : self->warnings > 0 ? "warning" : "uncertain");
      break;
    case PROP_BADGE_TOOLTIP:
      g_value_take_string (value, badge_tooltip (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_section_item_finalize (GObject *object)
{
  GkSectionItem *self = GK_SECTION_ITEM (object);

  g_free (self->table_key);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (gk_section_item_parent_class)->finalize (object);
}

static void
gk_section_item_class_init (GkSectionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gk_section_item_get_property;
  object_class->finalize = gk_section_item_finalize;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] = g_param_spec_string ("badge", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_VISIBLE] = g_param_spec_boolean ("badge-visible", NULL, NULL, FALSE,
                                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_STYLE] = g_param_spec_string ("badge-style", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_TOOLTIP] = g_param_spec_string ("badge-tooltip", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_section_item_init (GkSectionItem *self)
{
}

GkSectionItem *
gk_section_item_new (const GkOutlineNode *node,
                     const char          *table_key)
{
  GkSectionItem *self = g_object_new (GK_TYPE_SECTION_ITEM, NULL);

  self->node = node;
  self->table_key = g_strdup (table_key);
  if (node->children->len > 0)
    {
      self->children = g_list_store_new (GK_TYPE_SECTION_ITEM);
      for (guint i = 0; i < node->children->len; i++)
        {
          g_autoptr(GkSectionItem) child = gk_section_item_new (g_ptr_array_index (node->children, i),
                                                                NULL);
          g_list_store_append (self->children, child);
        }
    }
  return self;
}

const GkOutlineNode *
gk_section_item_get_node (GkSectionItem *self)
{
  return self->node;
}

const char *
gk_section_item_get_key (GkSectionItem *self)
{
  return self->node->key;
}

const char *
gk_section_item_get_table (GkSectionItem *self)
{
  return self->table_key;
}

GListModel *
gk_section_item_get_children (GkSectionItem *self)
{
  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}

void
gk_section_item_set_counts (GkSectionItem *self,
                            guint          errors,
                            guint          warnings,
                            guint          uncertain)
{
  if (self->errors == errors && self->warnings == warnings && self->uncertain == uncertain)
    return;
  self->errors = errors;
  self->warnings = warnings;
  self->uncertain = uncertain;
  for (guint i = PROP_BADGE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}
