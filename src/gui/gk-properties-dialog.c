/* gk-properties-dialog.c — override a report's agency, year or form; merge agencies
 *
 * Overrides are kept apart from what was extracted, and each is one step the
 * researcher can undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gk-properties-dialog.h"

struct _GkPropertiesDialog
{
  AdwMessageDialog  parent_instance;

  GkLibrary        *library;
  gint64            report_id;
  GkReportSummary  *summary;
  GPtrArray        *agencies;      /* GkAgency *, the merge choices, after "none" */

  AdwEntryRow      *agency_row;
  GtkSpinButton    *year_spin;
  gboolean          year_touched;   /* the user changed the year shown */
  AdwComboRow      *version_row;
  AdwComboRow      *merge_row;
};

G_DEFINE_FINAL_TYPE (GkPropertiesDialog, gk_properties_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GkFormVersion versions[] = { GK_FORM_UNKNOWN, GK_FORM_2019, GK_FORM_2021 };

static void
on_year_changed (GkPropertiesDialog *self)
{
  self->year_touched = TRUE;
}

gboolean
gk_properties_dialog_save (GkPropertiesDialog  *self,
                           GError             **error)
{
  const char *agency = gtk_editable_get_text (GTK_EDITABLE (self->agency_row));
  gint year = gtk_spin_button_get_value_as_int (self->year_spin);
  guint version_index = adw_combo_row_get_selected (self->version_row);
  guint merge_index = adw_combo_row_get_selected (self->merge_row);
  GkFormVersion version = version_index < G_N_ELEMENTS (versions) ? versions[version_index] : GK_FORM_UNKNOWN;
  gboolean agency_changed = g_strcmp0 (agency, self->summary->agency) != 0 && *agency != '\0';
  /* an unknown year shows a likely one, which is not a correction until touched */
  gboolean year_changed = self->year_touched && year != self->summary->year;
  gboolean version_changed = version != self->summary->version && version != GK_FORM_UNKNOWN;

  if ((agency_changed || year_changed || version_changed)
      && !gk_library_set_identity (self->library, self->report_id, agency_changed ? agency : NULL,
                                   year_changed ? year : 0, version_changed ? version : GK_FORM_UNKNOWN,
                                   error))
    return FALSE;

  if (merge_index > 0 && merge_index <= self->agencies->len)
    {
      GkAgency *into = g_ptr_array_index (self->agencies, merge_index - 1);
      g_autoptr(GkReportSummary) now = gk_library_get_summary (self->library, self->report_id, error);

      if (now == NULL
          || !gk_library_merge_agencies (self->library, into->id, now->agency_id, error))
        return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, self->report_id);
  return TRUE;
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  GkPropertiesDialog *self = GK_PROPERTIES_DIALOG (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;
  if (!gk_properties_dialog_save (self, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                                 _("The Properties Were Not Saved"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
}

static void
gk_properties_dialog_dispose (GObject *object)
{
  GkPropertiesDialog *self = GK_PROPERTIES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_PROPERTIES_DIALOG);
  g_clear_object (&self->library);
  g_clear_pointer (&self->summary, gk_report_summary_free);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_properties_dialog_parent_class)->dispose (object);
}

static void
gk_properties_dialog_class_init (GkPropertiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_properties_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-properties-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GkPropertiesDialog, agency_row);
  gtk_widget_class_bind_template_child (widget_class, GkPropertiesDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, GkPropertiesDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, GkPropertiesDialog, merge_row);
}

static void
gk_properties_dialog_init (GkPropertiesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

GtkWidget *
gk_properties_dialog_new (GtkWindow *parent,
                          GkLibrary *library,
                          gint64     report_id)
{
  GkPropertiesDialog *self = g_object_new (GK_TYPE_PROPERTIES_DIALOG,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->library = g_object_ref (library);
  self->report_id = report_id;
  self->summary = gk_library_get_summary (library, report_id, NULL);
  self->agencies = gk_library_list_agencies (library, NULL);
  if (self->agencies == NULL)
    self->agencies = g_ptr_array_new ();

  if (self->summary != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->agency_row), self->summary->agency);
      gtk_spin_button_set_value (self->year_spin, self->summary->year > 0 ? self->summary->year : 2020);
      g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (on_year_changed), self);
      for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
        if (versions[i] == self->summary->version)
          adw_combo_row_set_selected (self->version_row, i);
    }

  /* every agency but this one's */
  gtk_string_list_append (names, C_("merge into", "None"));
  for (guint i = 0; i < self->agencies->len; )
    {
      GkAgency *agency = g_ptr_array_index (self->agencies, i);
      if (self->summary != NULL && agency->id == self->summary->agency_id)
        {
          g_ptr_array_remove_index (self->agencies, i);
          continue;
        }
      gtk_string_list_append (names, agency->name);
      i++;
    }
  adw_combo_row_set_model (self->merge_row, G_LIST_MODEL (names));
  return GTK_WIDGET (self);
}
