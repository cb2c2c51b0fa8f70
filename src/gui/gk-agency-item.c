/* gk-agency-item.c — one agency, as the trends view's picker shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gk-agency-item.h"
#include "gk-text.h"

struct _GkAgencyItem
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *detail;     /* "3 reports · also 市应急管理局" */
  char     *folded;     /* name and aliases, folded for searching */
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (GkAgencyItem, gk_agency_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DETAIL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gk_agency_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkAgencyItem *self = GK_AGENCY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_agency_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GkAgencyItem *self = GK_AGENCY_ITEM (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      gk_agency_item_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_agency_item_finalize (GObject *object)
{
  GkAgencyItem *self = GK_AGENCY_ITEM (object);

  g_free (self->name);
  g_free (self->detail);
  g_free (self->folded);

  G_OBJECT_CLASS (gk_agency_item_parent_class)->finalize (object);
}

static void
gk_agency_item_class_init (GkAgencyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gk_agency_item_get_property;
  object_class->set_property = gk_agency_item_set_property;
  object_class->finalize = gk_agency_item_finalize;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] = g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_agency_item_init (GkAgencyItem *self)
{
}

GkAgencyItem *
gk_agency_item_new (const GkAgency *agency)
{
  GkAgencyItem *self = g_object_new (GK_TYPE_AGENCY_ITEM, NULL);
  g_autoptr(GString) searchable = g_string_new (agency->name);
  g_autoptr(GString) detail = g_string_new (NULL);
  guint shown = 0;

  self->id = agency->id;
  self->name = g_strdup (agency->name);
  g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports",
                                               agency->n_reports), agency->n_reports);
  for (guint i = 0; agency->aliases != NULL && agency->aliases[i] != NULL; i++)
    {
      if (g_str_equal (agency->aliases[i], agency->name))
        continue;
      g_string_append_printf (searchable, " %s", agency->aliases[i]);
      g_string_append_printf (detail, shown++ == 0 ? _(" · also %s") : ", %s", agency->aliases[i]);
    }
  self->detail = g_string_free (g_steal_pointer (&detail), FALSE);
  self->folded = gk_text_fold (searchable->str, -1);
  return self;
}

gint64
gk_agency_item_get_id (GkAgencyItem *self)
{
  return self->id;
}

const char *
gk_agency_item_get_name (GkAgencyItem *self)
{
  return self->name;
}

gboolean
gk_agency_item_get_selected (GkAgencyItem *self)
{
  return self->selected;
}

void
gk_agency_item_set_selected (GkAgencyItem *self,
                             gboolean      selected)
{
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
gk_agency_item_matches (GkAgencyItem *self,
                        const char   *folded_text)
{
  return folded_text == NULL || *folded_text == '\0' || strstr (self->folded, folded_text) != NULL;
}
