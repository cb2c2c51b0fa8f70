/* gk-application.c — the AdwApplication: app-level actions, accelerators, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gk-application.h"
#include "gk-window.h"

struct _GkApplication
{
  AdwApplication  parent_instance;

  GkLibrary      *library;
  GError         *library_error;
  char           *library_path;   /* from --library */
};

G_DEFINE_FINAL_TYPE (GkApplication, gk_application, ADW_TYPE_APPLICATION)

/* Translations live in the install prefix; GONGKAI_LOCALEDIR lets tests and
 * uninstalled runs point at the build tree's compiled catalogues instead. */
void
gk_application_init_i18n (void)
{
  const char *localedir = g_getenv ("GONGKAI_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

GkLibrary *
gk_application_get_library (GkApplication *self)
{
  return self->library;
}

const GError *
gk_application_get_library_error (GkApplication *self)
{
  return self->library_error;
}

gboolean
gk_application_open_library (GkApplication  *self,
                             const char     *path,
                             GError        **error)
{
  g_autofree char *chosen = path != NULL ? g_strdup (path) : gk_library_default_path ();

  g_clear_object (&self->library);
  g_clear_error (&self->library_error);
  self->library = gk_library_open (chosen, &self->library_error);
  if (self->library == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->library_error);
      return FALSE;
    }
  return TRUE;
}

GkApplication *
gk_application_new (GApplicationFlags flags)
{
  return g_object_new (GK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/gongkai/Gongkai",
                       NULL);
}

static GkWindow *
gk_application_ensure_window (GkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (gk_window_new (self));
  return GK_WINDOW (window);
}

static int
gk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GkApplication *self = GK_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "library", "^&ay", &path))
    self->library_path = g_strdup (path);
  return -1;
}

static void
gk_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (gk_application_ensure_window (GK_APPLICATION (app))));
}

static void
gk_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GkWindow *window = gk_application_ensure_window (GK_APPLICATION (app));
  g_autoptr(GListStore) list = g_list_store_new (G_TYPE_FILE);

  for (int i = 0; i < n_files; i++)
    g_list_store_append (list, files[i]);
  gtk_window_present (GTK_WINDOW (window));
  gk_window_open_files (window, G_LIST_MODEL (list));
}

static void
gk_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Gongkai developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Gongkai"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_developer_name (about, _("The Gongkai developers"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about,
                                 _("Read, check and chart government information disclosure annual reports"));
  adw_about_window_set_website (about, "https://github.com/gongkai/gongkai");
  adw_about_window_set_issue_url (about, "https://github.com/gongkai/gongkai/issues");
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_copyright (about, "© 2026 The Gongkai developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), parent != NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
gk_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Close windows first so each one saves its state. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", gk_application_about_action, NULL, NULL, NULL, { 0 } },
  { "quit", gk_application_quit_action, NULL, NULL, NULL, { 0 } },
};

static void
gk_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };

  G_APPLICATION_CLASS (gk_application_parent_class)->startup (app);

  /* A library that cannot be opened is reported in the window, not here:
   * the user sees why, and nothing is touched. */
  gk_application_open_library (GK_APPLICATION (app), GK_APPLICATION (app)->library_path, NULL);

  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.focus-search", search_accels);
}

static void
gk_application_finalize (GObject *object)
{
  GkApplication *self = GK_APPLICATION (object);

  g_clear_object (&self->library);
  g_clear_error (&self->library_error);
  g_free (self->library_path);

  G_OBJECT_CLASS (gk_application_parent_class)->finalize (object);
}

static void
gk_application_class_init (GkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gk_application_finalize;
  app_class->handle_local_options = gk_application_handle_local_options;
  app_class->activate = gk_application_activate;
  app_class->open = gk_application_open;
  app_class->startup = gk_application_startup;
}

static void
gk_application_init (GkApplication *self)
{
  static const GOptionEntry options[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the library at PATH instead of the default one"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
