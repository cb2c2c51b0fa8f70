/* gk-report-item.c — one report of the library, as the report list shows it
 *
 * The list view keeps some two hundred rows and binds them again whenever it
 * scrolls far, so a row shows strings formatted here once per change, and
 * follows its item through one "changed" signal.
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
  char            *folded;     /* agency and region, folded once for searching */
  char            *sort_key;   /* g_utf8_collate_key of the agency */
  char            *title;
  char            *year_label;
  char            *detail;
  char            *tooltip;
};

G_DEFINE_FINAL_TYPE (GkReportItem, gk_report_item, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
form_label (const GkReportSummary *s)
{
  switch (s->kind)
    {
    case GK_REPORT_KIND_LEGACY:
      return _("Before 2019 · no form");
    case GK_REPORT_KIND_NOT_REPORT:
      return _("Not an annual report");
    case GK_REPORT_KIND_REPORT:
    default:
      break;
    }
  switch (s->version)
    {
    case GK_FORM_2019: return _("2019 form");
    case GK_FORM_2021: return _("2021 form");
    default: return _("Tables missing");
    }
}

static char *
detail (const GkReportSummary *s)
{
  if (s->kind == GK_REPORT_KIND_REPORT && s->missing_tables && s->version != GK_FORM_UNKNOWN)
    return g_strdup_printf ("%s · %s", form_label (s), _("a table is missing"));
  if (s->kind == GK_REPORT_KIND_REPORT && s->needs_review)
    return g_strdup_printf ("%s · %s", form_label (s), _("needs review"));
  return g_strdup (form_label (s));
}

static char *
tooltip (const GkReportSummary *s)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (s->errors > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u identity fails",
                                               "%u identities fail", s->errors), s->errors);
  if (s->warnings > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                 s->warnings), s->warnings);
    }
  if (s->uncertain > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u check lacks values",
                                                 "%u checks lack values", s->uncertain), s->uncertain);
    }
  if (s->edited)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, _("Corrected by you"));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
set_summary (GkReportItem    *self,
             GkReportSummary *summary)
{
  g_autofree char *searchable = NULL;

  g_clear_pointer (&self->summary, gk_report_summary_free);
  self->summary = summary;
  searchable = g_strconcat (summary->agency != NULL ? summary->agency : "", " ",
                            summary->region != NULL ? summary->region : "", NULL);
  g_free (self->folded);
  self->folded = gk_text_fold (searchable, -1);
  g_free (self->sort_key);
  self->sort_key = g_utf8_collate_key (summary->agency != NULL ? summary->agency : "", -1);
  g_free (self->title);
  self->title = g_strdup (summary->agency != NULL && *summary->agency != '\0' ? summary->agency
                                                                              : _("Unknown agency"));
  g_free (self->year_label);
  self->year_label = summary->year > 0 ? g_strdup_printf ("%d", summary->year) : g_strdup (_("Year unknown"));
  g_free (self->detail);
  self->detail = detail (summary);
  g_free (self->tooltip);
  self->tooltip = tooltip (summary);
}

static void
gk_report_item_finalize (GObject *object)
{
  GkReportItem *self = GK_REPORT_ITEM (object);

  g_clear_pointer (&self->summary, gk_report_summary_free);
  g_free (self->folded);
  g_free (self->sort_key);
  g_free (self->title);
  g_free (self->year_label);
  g_free (self->detail);
  g_free (self->tooltip);

  G_OBJECT_CLASS (gk_report_item_parent_class)->finalize (object);
}

static void
gk_report_item_class_init (GkReportItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_report_item_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);
}

static void
gk_report_item_init (GkReportItem *self)
{
}

GkReportItem *
gk_report_item_new (GkReportSummary *summary)
{
  GkReportItem *self = g_object_new (GK_TYPE_REPORT_ITEM, NULL);

  set_summary (self, summary);
  return self;
}

void
gk_report_item_update (GkReportItem    *self,
                       GkReportSummary *summary)
{
  g_return_if_fail (GK_IS_REPORT_ITEM (self));

  set_summary (self, summary);
  g_signal_emit (self, signals[CHANGED], 0);
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

gint
gk_report_item_get_year (GkReportItem *self)
{
  return self->summary->year;
}

const char *
gk_report_item_get_sort_key (GkReportItem *self)
{
  return self->sort_key;
}

const char *
gk_report_item_get_title (GkReportItem *self)
{
  return self->title;
}

const char *
gk_report_item_get_year_label (GkReportItem *self)
{
  return self->year_label;
}

const char *
gk_report_item_get_detail (GkReportItem *self)
{
  return self->detail;
}

const char *
gk_report_item_get_tooltip (GkReportItem *self)
{
  return self->tooltip;
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
