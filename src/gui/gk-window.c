/* gk-window.c — the main window: report list, report view, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gk-properties-dialog.h"
#include "gk-report-list.h"
#include "gk-report-view.h"
#include "gk-trends-view.h"
#include "gk-window.h"

struct _GkWindow
{
  AdwApplicationWindow parent_instance;

  GSettings            *settings;
  GkLibrary            *library;
  GtkDropTarget        *drop_target;
  GtkFileChooserNative *file_chooser;
  GCancellable         *import_cancellable;
  GkImportSummary      *last_import;
  GPtrArray            *orphaned_edits;  /* "report_id:cell_key" from the last re-extraction */
  gboolean              reextracting;    /* import_cancellable belongs to a re-extraction */
  gulong                history_handler;
  guint                 exports_running;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  AdwFlap              *flap;
  GkReportList         *report_list;
  GkReportView         *report_view;
  GkTrendsView         *trends_view;
  GtkWidget            *import_box;
  GtkProgressBar       *import_progress;
  GtkToggleButton      *sidebar_button;
};

G_DEFINE_FINAL_TYPE (GkWindow, gk_window, ADW_TYPE_APPLICATION_WINDOW)

static void gk_window_attach_library (GkWindow      *self,
                                      GkApplication *app);

GkWindow *
gk_window_new (GkApplication *application)
{
  GkWindow *self = g_object_new (GK_TYPE_WINDOW, "application", application, NULL);

  gk_window_attach_library (self, application);
  return self;
}

GtkDropTarget *
gk_window_get_drop_target (GkWindow *self)
{
  return self->drop_target;
}

GtkFileChooserNative *
gk_window_get_file_chooser (GkWindow *self)
{
  return self->file_chooser;
}

GtkWidget *
gk_window_get_report_list (GkWindow *self)
{
  return GTK_WIDGET (self->report_list);
}

GtkWidget *
gk_window_get_report_view (GkWindow *self)
{
  return GTK_WIDGET (self->report_view);
}

GtkWidget *
gk_window_get_trends_view (GkWindow *self)
{
  return GTK_WIDGET (self->trends_view);
}

void
gk_window_show_view (GkWindow   *self,
                     const char *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
gk_window_is_importing (GkWindow *self)
{
  return self->import_cancellable != NULL;
}

GkImportSummary *
gk_window_get_last_import (GkWindow *self)
{
  return self->last_import;
}

const char *
gk_window_get_visible_page (GkWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

static void
update_page (GkWindow *self)
{
  if (self->library == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "error");
  else
    gtk_stack_set_visible_child_name (self->main_stack,
                                      gk_report_list_get_n_reports (self->report_list) > 0
                                      ? "library" : "empty");
}

static void
update_history_actions (GkWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->library != NULL && gk_library_can_undo (self->library));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->library != NULL && gk_library_can_redo (self->library));
}

static void
show_error (GkWindow   *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_list (GkWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!gk_report_list_reload (self->report_list, &error))
    show_error (self, _("The Library Could Not Be Read"), error->message);
  gk_trends_view_reload (self->trends_view);
  update_page (self);
}

gboolean
gk_window_select_report (GkWindow *self,
                         gint64    report_id)
{
  if (!gk_report_list_select_report (self->report_list, report_id))
    {
      /* hidden by the search or the filters: show it all the same */
      g_autoptr(GError) error = NULL;
      if (!gk_report_view_show_report (self->report_view, report_id, &error))
        return FALSE;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "reports");
  return TRUE;
}

/* ─── Import ───────────────────────────────────────────────────────────── */

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GkWindow *self = GK_WINDOW (user_data);
  g_autofree char *text = g_strdup_printf (_("%u of %u"), done, total);

  gtk_progress_bar_set_fraction (self->import_progress, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->import_progress, text);
}

/* @dialog, with @list (a boxed list of rows) scrolling below its text. */
static void
present_list_dialog (GtkWidget *dialog,
                     GtkWidget *list)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_details (AdwToast *toast,
                     GkWindow *self)
{
  GkImportSummary *summary = self->last_import;
  GtkWidget *dialog;
  GtkWidget *list;

  if (summary == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Files Not Imported"),
                                   _("These files were skipped or refused. Nothing else was changed."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < summary->results->len; i++)
    {
      GkImportResult *result = g_ptr_array_index (summary->results, i);
      GtkWidget *row;
      g_autofree char *name = NULL;

      if (result->outcome != GK_IMPORT_REFUSED && result->outcome != GK_IMPORT_SKIPPED)
        continue;
      name = g_path_get_basename (result->path);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (result->outcome == GK_IMPORT_REFUSED
                                                               ? "dialog-error-symbolic"
                                                               : "dialog-information-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  present_list_dialog (dialog, list);
}

static char *
summary_text (GkImportSummary *summary)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u report imported",
                                             "%u reports imported", summary->imported),
                          summary->imported);
  if (summary->duplicates > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u already in the library",
                                               ", %u already in the library", summary->duplicates),
                            summary->duplicates);
  if (summary->possible_duplicates > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u possible duplicate",
                                               ", %u possible duplicates", summary->possible_duplicates),
                            summary->possible_duplicates);
  if (summary->refused + summary->skipped > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u not imported",
                                               ", %u not imported", summary->refused + summary->skipped),
                            summary->refused + summary->skipped);
  if (summary->cancelled)
    g_string_append (text, _(" (cancelled)"));
  return g_string_free (text, FALSE);
}

static void
on_import_finished (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GkWindow) self = GK_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  GkImportSummary *summary = gk_library_import_finish (GK_LIBRARY (source), result, &error);
  g_autofree char *text = NULL;
  AdwToast *toast;
  gint64 first = 0;

  g_clear_object (&self->import_cancellable);
  gtk_widget_set_visible (self->import_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);

  if (summary == NULL)
    {
      show_error (self, _("The Import Failed"), error->message);
      reload_list (self);
      return;
    }
  g_clear_pointer (&self->last_import, gk_import_summary_free);
  self->last_import = summary;
  reload_list (self);

  text = summary_text (summary);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 8);
  if (summary->refused + summary->skipped > 0)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_import_details), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  for (guint i = 0; i < summary->results->len && first == 0; i++)
    {
      GkImportResult *r = g_ptr_array_index (summary->results, i);
      if (r->report_id > 0 && (r->outcome == GK_IMPORT_IMPORTED || r->outcome == GK_IMPORT_POSSIBLE_DUPLICATE))
        first = r->report_id;
    }
  if (first > 0 && gk_report_view_get_report_id (self->report_view) == 0)
    gk_window_select_report (self, first);
}

/* The one entry point for files, whether dropped, chosen in the Open dialog
 * or passed on the command line: they are read at once (a sandbox's document
 * portal may not keep them) and imported in the background. */
void
gk_window_open_files (GkWindow   *self,
                      GListModel *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_if_fail (GK_IS_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (self->library == NULL)
    return;
  if (self->import_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (self->reextracting
                                                  ? _("The library is being updated; drop again when it ends")
                                                  : _("An import is already running; drop again when it ends")));
      return;
    }

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Reading…"));
  gtk_widget_set_visible (self->import_box, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);
  gk_library_import_async (self->library, (const char * const *) paths->pdata, self->import_cancellable,
                           on_import_progress, self, on_import_finished, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GkWindow      *self)
{
  GSList *list;
  g_autoptr(GListStore) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_list_store_new (G_TYPE_FILE);
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  g_slist_free (list);

  gk_window_open_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     GkWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      gk_window_open_files (self, files);
    }
  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->file_chooser);
}

static GtkFileChooserNative *
build_chooser (GkWindow             *self,
               GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;
  const char *title = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                      ? _("Open Folders of Reports") : _("Open Reports");

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      static const char *suffixes[] = { "html", "htm", "shtml", "xhtml", "mhtml", "mht", "txt", NULL };
      g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (reports, _("Saved report pages"));
      for (guint i = 0; suffixes[i] != NULL; i++)
        gtk_file_filter_add_suffix (reports, suffixes[i]);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), reports);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  return chooser;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GtkFileChooserAction action = g_str_equal (action_name, "win.open-folder")
                                ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  self->file_chooser = build_chooser (self, action);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/* ─── Re-extraction ────────────────────────────────────────────────────── */

static void
show_orphaned_edits_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *list;

  if (self->orphaned_edits == NULL || self->library == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Corrections Without a Cell"),
                                   _("This version reads these reports differently, and these corrections "
                                     "no longer match a cell. They are kept in the library: nothing "
                                     "is lost."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < self->orphaned_edits->len; i++)
    {
      const char *orphan = g_ptr_array_index (self->orphaned_edits, i);
      const char *cell_key = strchr (orphan, ':');
      gint64 report_id = g_ascii_strtoll (orphan, NULL, 10);
      g_autoptr(GkReportSummary) summary = gk_library_get_summary (self->library, report_id, NULL);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (summary != NULL && summary->year > 0)
        subtitle = g_strdup_printf ("%s · %d", summary->agency, summary->year);
      else if (summary != NULL)
        subtitle = g_strdup (summary->agency);
      else
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, report_id);
          subtitle = g_strdup_printf (_("Report %s"), id);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cell_key != NULL ? cell_key + 1 : orphan);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  present_list_dialog (dialog, list);
}

static void
on_reextract_finished (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GkWindow) self = GK_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  GPtrArray *orphans = gk_library_reextract_finish (GK_LIBRARY (source), result, &error);
  AdwToast *toast;

  self->reextracting = FALSE;
  g_clear_object (&self->import_cancellable);
  gtk_widget_set_visible (self->import_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  reload_list (self);

  if (orphans == NULL)
    {
      /* cancelled or failed: the old cells stay, and the next start tries again */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Reports Could Not Be Read Again"), error->message);
      return;
    }
  g_clear_pointer (&self->orphaned_edits, g_ptr_array_unref);
  self->orphaned_edits = orphans;
  if (orphans->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Reports read again by this version; your corrections are on their cells")));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Reports read again; %u correction no longer matches a cell and is kept",
                                                          "Reports read again; %u corrections no longer match a cell and are kept",
                                                          orphans->len),
                                             orphans->len);
    toast = adw_toast_new (text);
  }
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-orphaned-edits");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A library written by an older extractor is derived again from its stored
 * pages, in the background, with the import's progress and Cancel. */
static void
reextract_if_needed (GkWindow *self)
{
  if (self->library == NULL || self->import_cancellable != NULL
      || !gk_library_needs_reextraction (self->library))
    return;
  self->import_cancellable = g_cancellable_new ();
  self->reextracting = TRUE;
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Updating…"));
  gtk_widget_set_visible (self->import_box, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);
  gk_library_reextract_async (self->library, self->import_cancellable, on_import_progress, self,
                              on_reextract_finished, g_object_ref (self));
}

GPtrArray *
gk_window_get_orphaned_edits (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);

  return self->orphaned_edits;
}

/* ─── Export ───────────────────────────────────────────────────────────── */

typedef struct
{
  char            *library_path;
  char            *path;
  GkExportFormat   format;
  GkExportOptions  options;
  guint            n_reports;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->library_path);
  g_free (job->path);
  g_free (job);
}

/* A connection of its own: the window's stays on the main thread. */
static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkLibrary) library = gk_library_open (job->library_path, &error);

  if (library == NULL
      || !gk_library_export (library, NULL, job->format, &job->options, job->path, NULL, cancellable,
                             &job->n_reports, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GkWindow *self = GK_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  self->exports_running--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, _("The Export Failed"), error->message);
      return;
    }
  name = g_path_get_basename (job->path);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u report to “%s”",
                                       "Exported %u reports to “%s”", job->n_reports), job->n_reports, name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Every report of the library to @path, in a thread. */
void
gk_window_export (GkWindow       *self,
                  GkExportFormat  format,
                  gboolean        bom,
                  const char     *path)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (GK_IS_WINDOW (self));
  if (self->library == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->format = format;
  job->options.bom = bom;
  job->path = g_strdup (path);
  job->library_path = g_strdup (gk_library_get_path (self->library));
  task = g_task_new (self, NULL, on_export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  self->exports_running++;
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
gk_window_is_exporting (GkWindow *self)
{
  return self->exports_running > 0;
}

static void
on_export_file_chosen (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  GkWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  ExportJob *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      gk_window_export (self, job->format, job->options.bom, path);
    }
  export_job_free (job);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_format_chosen (AdwMessageDialog *dialog,
                         const char       *response,
                         GkWindow         *self)
{
  static const GkExportFormat formats[] = {
    GK_EXPORT_CSV_LONG, GK_EXPORT_CSV_WIDE, GK_EXPORT_XLSX, GK_EXPORT_JSON, GK_EXPORT_FINDINGS_CSV
  };
  static const char * const names[] = {
    "gongkai-cells.csv", "gongkai-reports.csv", "gongkai.xlsx", "gongkai.json", "gongkai-findings.csv"
  };
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (dialog), "format");
  GtkSwitch *bom = g_object_get_data (G_OBJECT (dialog), "bom");
  guint index = MIN (adw_combo_row_get_selected (format_row), G_N_ELEMENTS (formats) - 1);
  ExportJob *job;
  GtkFileChooserNative *chooser;

  if (!g_str_equal (response, "export"))
    return;
  job = g_new0 (ExportJob, 1);
  job->format = formats[index];
  job->options.bom = gtk_switch_get_active (bom);
  chooser = gtk_file_chooser_native_new (_("Export Reports"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), names[index]);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "window", self);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  const char *formats[] = {
    N_("Cells, one per row (CSV)"), N_("Reports, one per row (CSV)"), N_("Excel workbook, a sheet per table"),
    N_("JSON"), N_("Findings (CSV)"), NULL
  };
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dialog, *list, *format, *bom_row, *bom;

  for (guint i = 0; formats[i] != NULL; i++)
    gtk_string_list_append (labels, _(formats[i]));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Reports"),
                                   _("Every report of the library, with your corrections applied and the page's "
                                     "values beside them."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  format = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format), G_LIST_MODEL (labels));
  gtk_list_box_append (GTK_LIST_BOX (list), format);
  bom_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (bom_row), _("Mark CSV as UTF-8 for Excel"));
  bom = gtk_switch_new ();
  gtk_widget_set_valign (bom, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (bom_row), bom);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (bom_row), bom);
  gtk_list_box_append (GTK_LIST_BOX (list), bom_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_object_set_data (G_OBJECT (dialog), "bom", bom);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_format_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ─── Undo, redo, selection ────────────────────────────────────────────── */

static void
after_history_step (GkWindow *self,
                    gint64    report_id)
{
  if (report_id == 0)
    return;
  gk_report_list_update_agency_of (self->report_list, report_id);
  if (gk_report_view_get_report_id (self->report_view) == report_id)
    gk_report_view_reload (self->report_view);
  else
    gk_window_select_report (self, report_id);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "win.redo");
  gint64 report_id = redo ? gk_library_redo (self->library, &error)
                          : gk_library_undo (self->library, &error);

  if (error != NULL)
    {
      show_error (self, redo ? _("Nothing Was Redone") : _("Nothing Was Undone"), error->message);
      return;
    }
  after_history_step (self, report_id);
  update_history_actions (self);
}

static void
select_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gk_window_select_report (GK_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (gk_report_list_get_search_entry (self->report_list));
}

static gboolean
toggle_sidebar (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  GkWindow *self = GK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
  return TRUE;
}

static void
on_report_selected (GkReportList *list,
                    gint64        report_id,
                    GkWindow     *self)
{
  g_autoptr(GError) error = NULL;

  if (report_id == 0)
    return;
  if (!gk_report_view_show_report (self->report_view, report_id, &error))
    show_error (self, _("The Report Could Not Be Shown"), error->message);
  /* on a narrow window the list folds away once a report is chosen */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_report_changed (GkReportView *view,
                   gint64        report_id,
                   GkWindow     *self)
{
  /* cross-year checks change the neighbouring years' counts too */
  gk_report_list_update_agency_of (self->report_list, report_id);
  update_history_actions (self);
}

static void
on_open_report (GkReportView *view,
                gint64        agency_id,
                int           year,
                GkWindow     *self)
{
  gint64 report_id = gk_library_find_report (self->library, agency_id, year);

  if (report_id > 0)
    gk_window_select_report (self, report_id);
  else
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("That year's report is not in the library")));
}

static void
on_trends_open_report (GkTrendsView *view,
                       gint64        report_id,
                       GkWindow     *self)
{
  gk_window_select_report (self, report_id);
}

static void
on_properties_saved (GkPropertiesDialog *dialog,
                     gint64              report_id,
                     GkWindow           *self)
{
  reload_list (self);
  gk_window_select_report (self, report_id);
  gk_report_view_reload (self->report_view);
  update_history_actions (self);
}

static void
on_properties_requested (GkReportView *view,
                         gint64        report_id,
                         GkWindow     *self)
{
  GtkWidget *dialog = gk_properties_dialog_new (GTK_WINDOW (self), self->library, report_id);

  g_signal_connect (dialog, "saved", G_CALLBACK (on_properties_saved), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_history_changed (GkLibrary *library,
                    GkWindow  *self)
{
  update_history_actions (self);
}

static void
on_reports_changed (GkLibrary *library,
                    GkWindow  *self)
{
  if (self->import_cancellable == NULL)
    reload_list (self);
}

/* ─── Window state ─────────────────────────────────────────────────────── */

static void
save_state (GkWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
gk_window_close_request (GtkWindow *window)
{
  GkWindow *self = GK_WINDOW (window);

  save_state (self);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  return GTK_WINDOW_CLASS (gk_window_parent_class)->close_request (window);
}

/* Set once, right after construction: "application" is not a construct
 * property, so it is not known in constructed(). */
static void
gk_window_attach_library (GkWindow      *self,
                          GkApplication *app)
{
  const GError *error;

  self->library = gk_application_get_library (app);
  if (self->library != NULL)
    {
      g_object_ref (self->library);
      gk_report_list_set_library (self->report_list, self->library);
      gk_report_view_set_library (self->report_view, self->library);
      gk_trends_view_set_library (self->trends_view, self->library);
      self->history_handler = g_signal_connect (self->library, "history-changed",
                                                G_CALLBACK (on_history_changed), self);
      g_signal_connect_object (self->library, "reports-changed", G_CALLBACK (on_reports_changed), self, 0);
      reload_list (self);
      reextract_if_needed (self);
    }
  else if ((error = gk_application_get_library_error (app)) != NULL)
    adw_status_page_set_description (self->error_page, error->message);
  update_page (self);
  update_history_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->library != NULL);
}

static void
gk_window_dispose (GObject *object)
{
  GkWindow *self = GK_WINDOW (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  g_clear_signal_handler (&self->history_handler, self->library);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);
  g_clear_pointer (&self->last_import, gk_import_summary_free);
  g_clear_pointer (&self->orphaned_edits, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_window_parent_class)->dispose (object);
}

static void
gk_window_class_init (GkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gk_window_dispose;
  window_class->close_request = gk_window_close_request;

  g_type_ensure (GK_TYPE_REPORT_LIST);
  g_type_ensure (GK_TYPE_REPORT_VIEW);
  g_type_ensure (GK_TYPE_TRENDS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, report_list);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, report_view);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, trends_view);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, import_box);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, sidebar_button);
  gtk_widget_class_bind_template_callback (widget_class, on_report_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_report_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_open_report);
  gtk_widget_class_bind_template_callback (widget_class, on_properties_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_trends_open_report);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.show-orphaned-edits", NULL, show_orphaned_edits_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.select-report", "x", select_report_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F8, 0, toggle_sidebar, NULL);
}

static void
gk_window_init (GkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_object_bind_property (self->flap, "reveal-flap", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);

  /* On the content, not the window: libadwaita draws the drop highlight on
   * :drop(active) of non-window widgets. */
  self->drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->main_stack), GTK_EVENT_CONTROLLER (self->drop_target));
}
