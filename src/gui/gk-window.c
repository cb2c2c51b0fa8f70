/* gk-window.c — the main window: header bar, empty state, drop target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gk-window.h"

struct _GkWindow
{
  AdwApplicationWindow parent_instance;

  GSettings      *settings;
  GListStore     *opened_files;
  GtkDropTarget  *drop_target;
  GtkFileChooserNative *file_chooser;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *content_stack;
  AdwStatusPage   *empty_page;
  GtkListBox      *file_list;
};

G_DEFINE_FINAL_TYPE (GkWindow, gk_window, ADW_TYPE_APPLICATION_WINDOW)

GkWindow *
gk_window_new (GkApplication *application)
{
  return g_object_new (GK_TYPE_WINDOW, "application", application, NULL);
}

GListModel *
gk_window_get_opened_files (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->opened_files);
}

GtkDropTarget *
gk_window_get_drop_target (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);

  return self->drop_target;
}

/* The Open dialog while it is shown, so tests can answer it. */
GtkFileChooserNative *
gk_window_get_file_chooser (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);

  return self->file_chooser;
}

static GtkWidget *
gk_window_create_file_row (gpointer item,
                           gpointer user_data)
{
  GFile *file = G_FILE (item);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *parse_name = g_file_get_parse_name (file);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), parse_name);
  return row;
}

/* The one entry point for files, whether dropped, chosen in the Open dialog
 * or passed on the command line. */
void
gk_window_open_files (GkWindow   *self,
                      GListModel *files)
{
  guint n;

  g_return_if_fail (GK_IS_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_list_store_append (self->opened_files, file);
    }

  if (n > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u file added",
                                                               "%u files added", n), n);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }

  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->opened_files)) > 0
                                    ? "files" : "empty");
}

static gboolean
gk_window_on_drop (GtkDropTarget *target,
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
gk_window_on_chooser_response (GtkNativeDialog *dialog,
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
gk_window_build_chooser (GkWindow             *self,
                         GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char *title = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                      ? _("Open Folders of Reports")
                      : _("Open Reports");

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      static const char *patterns[] = {
        "*.html", "*.htm", "*.shtml", "*.xhtml", "*.mhtml", "*.mht", "*.txt", NULL
      };

      gtk_file_filter_set_name (reports, _("Saved report pages"));
      for (guint i = 0; patterns[i] != NULL; i++)
        gtk_file_filter_add_suffix (reports, patterns[i] + 2);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), reports);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (gk_window_on_chooser_response), self);
  return chooser;
}

static void
gk_window_open_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GkWindow *self = GK_WINDOW (widget);
  GtkFileChooserAction action = g_str_equal (action_name, "win.open-folder")
                                ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                : GTK_FILE_CHOOSER_ACTION_OPEN;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  self->file_chooser = gk_window_build_chooser (self, action);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
gk_window_save_state (GkWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
gk_window_close_request (GtkWindow *window)
{
  gk_window_save_state (GK_WINDOW (window));
  return GTK_WINDOW_CLASS (gk_window_parent_class)->close_request (window);
}

static void
gk_window_dispose (GObject *object)
{
  GkWindow *self = GK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_WINDOW);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->opened_files);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gongkai/Gongkai/gk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, file_list);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, gk_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, gk_window_open_action);
}

static void
gk_window_init (GkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->opened_files = g_list_store_new (G_TYPE_FILE);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_list_box_bind_model (self->file_list, G_LIST_MODEL (self->opened_files),
                           gk_window_create_file_row, NULL, NULL);

  /* On the content, not the window: libadwaita draws the drop highlight on
   * :drop(active) of non-window widgets. */
  self->drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (gk_window_on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->content_stack),
                             GTK_EVENT_CONTROLLER (self->drop_target));
}
