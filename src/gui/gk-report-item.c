/* gk-report-item.c — one report of the library, as the report list shows it
 *
 * Rows are recycled, so all state lives here, and changes are notified as
 * properties the rows bind to (PLATFORM.md, "Editable tables").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gk-report-item.h"
#include "gk-text.h"

struct _GkReportItem
{
  GObject          parent_instance;

  GkReportSummary *summary;
  char            *folded;    /* agency and region, folded once for searching */
  char            *sort_key;  /* g_utf8_collate_key of the agency, for sorting 10,000 rows */
};

G_DEFINE_FINAL_TYPE (GkReportItem, gk_report_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_AGENCY,
  PROP_YEAR_LABEL,
  PROP_DETAIL,
  PROP_ERRORS,
  PROP_WARNINGS,
  PROP_UNCERTAIN,
  PROP_HAS_ERRORS,
  PROP_HAS_WARNINGS,
  PROP_HAS_UNCERTAIN,
  PROP_EDITED,
  PROP_NEEDS_ATTENTION,
  PROP_STATUS_TOOLTIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
year_label (const GkReportSummary *summary)
{
  if (summary->year <= 0)
    return g_strdup (_("Year unknown"));
  return g_strdup_printf ("%d", summary->year);
}

static char *
detail (const GkReportSummary *summary)
{
  const char *form;

  switch (summary->kind)
    {
    case GK_REPORT_KIND_LEGACY:
      return g_strdup (_("Before 2019 · no form"));
    case GK_REPORT_KIND_NOT_REPORT:
      return g_strdup (_("Not an annual report"));
    case GK_REPORT_KIND_REPORT:
    default:
      break;
    }
  switch (summary->version)
    {
    case GK_FORM_2019: form = _("2019 form"); break;
    case GK_FORM_2021: form = _("2021 form"); break;
    default: form = _("Tables missing"); break;
    }
  if (summary->missing_tables && summary->version != GK_FORM_UNKNOWN)
    return g_strdup_printf ("%s · %s", form, _("a table is missing"));
  if (summary->needs_review)
    return g_strdup_printf ("%s · %s", form, _("needs review"));
  return g_strdup (form);
}

static char *
status_tooltip (const GkReportSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (summary->errors > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u identity fails",
                                               "%u identities fail", summary->errors),
                            summary->errors);
  if (summary->warnings > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                 summary->warnings), summary->warnings);
    }
  if (summary->uncertain > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u check lacks values",
                                                 "%u checks lack values", summary->uncertain),
                              summary->uncertain);
    }
  if (summary->edited)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, _("Corrected by you"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
gk_report_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GkReportItem *self = GK_REPORT_ITEM (object);
  const GkReportSummary *s = self->summary;

  switch (prop_id)
    {
    case PROP_AGENCY:
      g_value_set_string (value, s->agency != NULL && *s->agency != '\0' ? s->agency : _("Unknown agency"));
      break;
    case PROP_YEAR_LABEL:
      g_value_take_string (value, year_label (s));
      break;
    case PROP_DETAIL:
      g_value_take_string (value, detail (s));
      break;
    case PROP_ERRORS:
      g_value_set_uint (value, s->errors);
      break;
    case PROP_WARNINGS:
      g_value_set_uint (value, s->warnings);
      break;
    case PROP_UNCERTAIN:
      g_value_set_uint (value, s->uncertain);
      break;
    case PROP_HAS_ERRORS:
      g_value_set_boolean (value, s->errors > 0);
      break;
    case PROP_HAS_WARNINGS:
      g_value_set_boolean (value, s->warnings > 0);
      break;
    case PROP_HAS_UNCERTAIN:
      g_value_set_boolean (value, s->uncertain > 0);
      break;
    case PROP_EDITED:
      g_value_set_boolean (value, s->edited);
      break;
    case PROP_NEEDS_ATTENTION:
      g_value_set_boolean (value, s->needs_review);
      break;
    case PROP_STATUS_TOOLTIP:
      g_value_take_string (value, status_tooltip (s));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_report_item_finalize (GObject *object)
{
  GkReportItem *self = GK_REPORT_ITEM (object);

  g_clear_pointer (&self->summary, gk_report_summary_free);
  g_free (self->folded);
  g_free (self->sort_key);

  G_OBJECT_CLASS (gk_report_item_parent_class)->finalize (object);
}

static void
gk_report_item_class_init (GkReportItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gk_report_item_get_property;
  object_class->finalize = gk_report_item_finalize;

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define UINT_PROP(id, name) \
  properties[id] = g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define BOOL_PROP(id, name) \
  properties[id] = g_param_spec_boolean (name, NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

  STRING_PROP (PROP_AGENCY, "agency");
  STRING_PROP (PROP_YEAR_LABEL, "year-label");
  STRING_PROP (PROP_DETAIL, "detail");
  UINT_PROP (PROP_ERRORS, "errors");
  UINT_PROP (PROP_WARNINGS, "warnings");
  UINT_PROP (PROP_UNCERTAIN, "uncertain");
  BOOL_PROP (PROP_HAS_ERRORS, "has-errors");
  BOOL_PROP (PROP_HAS_WARNINGS, "has-warnings");
  BOOL_PROP (PROP_HAS_UNCERTAIN, "has-uncertain");
  BOOL_PROP (PROP_EDITED, "edited");
  BOOL_PROP (PROP_NEEDS_ATTENTION, "needs-review");
  STRING_PROP (PROP_STATUS_TOOLTIP, "status-tooltip");

#undef STRING_PROP
#undef UINT_PROP
#undef BOOL_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_report_item_init (GkReportItem *self)
{
}

static char *
fold_for_search (const GkReportSummary *summary)
{
  g_autofree char *joined = g_strconcat (summary->agency != NULL ? summary->agency : "", " ",
                                         summary->region != NULL ? summary->region : "", NULL);
  return gk_text_fold (joined, -1);
}

GkReportItem *
gk_report_item_new (GkReportSummary *summary)
{
  GkReportItem *self = g_object_new (GK_TYPE_REPORT_ITEM, NULL);

  self->summary = summary;
  self->folded = fold_for_search (summary);
  self->sort_key = g_utf8_collate_key (summary->agency != NULL ? summary->agency : "", -1);
  return self;
}

void
gk_report_item_update (GkReportItem    *self,
                       GkReportSummary *summary)
{
  g_return_if_fail (GK_IS_REPORT_ITEM (self));

  g_clear_pointer (&self->summary, gk_report_summary_free);
  self->summary = summary;
  g_free (self->folded);
  self->folded = fold_for_search (summary);
  g_free (self->sort_key);
  self->sort_key = g_utf8_collate_key (summary->agency != NULL ? summary->agency : "", -1);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

const GkReportSummary *
gk_report_item_get_summary (GkReportItem *self)
{
  return self->summary;
}

gint64
gk_report_item_get_id (GkReportItem *self)
{
  return self->summary->id;
}

const char *
gk_report_item_get_agency (GkReportItem *self)
{
  return self->summary->agency;
}

const char *
gk_report_item_get_sort_key (GkReportItem *self)
{
  return self->sort_key;
}

gint
gk_report_item_get_year (GkReportItem *self)
{
  return self->summary->year;
}

gboolean
gk_report_item_matches (GkReportItem   *self,
                        const char     *folded_text,
                        GkReportFilter  filters)
{
  const GkReportSummary *s = self->summary;

  if (folded_text != NULL && *folded_text != '\0' && strstr (self->folded, folded_text) == NULL)
    {
      /* a year typed in the search box finds that year's reports */
      char year[16];
      g_snprintf (year, sizeof year, "%d", s->year);
      if (!g_str_equal (folded_text, year))
        return FALSE;
    }
  if ((filters & GK_REPORT_FILTER_ERRORS) && s->errors == 0)
    return FALSE;
  if ((filters & GK_REPORT_FILTER_UNCERTAIN) && s->uncertain == 0 && !s->needs_review)
    return FALSE;
  if ((filters & GK_REPORT_FILTER_EDITED) && !s->edited)
    return FALSE;
  if ((filters & GK_REPORT_FILTER_MISSING_TABLES) && !s->missing_tables)
    return FALSE;
  return TRUE;
}
