/* gk-test-gui.c — helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "gk-test-gui.h"

void
gk_test_gui_init (int    *argc,
                  char ***argv)
{
  /* Every test process gets a library of its own, never the user's. */
  if (g_getenv ("GONGKAI_LIBRARY") == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("gongkai-gui-test-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
      g_setenv ("GONGKAI_LIBRARY", path, TRUE);
    }
  gk_application_init_i18n ();
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping GUI tests (run them under xvfb-run)\n");
      exit (77);
    }
}

/* One registered application per test process, as in the real program;
 * returns a new reference. */
GkApplication *
gk_test_gui_application (void)
{
  static GkApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = gk_application_new (G_APPLICATION_NON_UNIQUE);
      /* Registering runs startup: actions, accelerators and the help overlay. */
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  return g_object_ref (app);
}

typedef struct
{
  gboolean done;
} Timeout;

static gboolean
on_timeout (gpointer data)
{
  ((Timeout *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterate the main context until @condition holds, at most @timeout_ms. */
gboolean
gk_test_gui_wait_until (gboolean (*condition) (gpointer data),
                        gpointer   data,
                        guint      timeout_ms)
{
  Timeout timeout = { FALSE };
  guint id = g_timeout_add (timeout_ms, on_timeout, &timeout);
  gboolean ok;

  while (!(ok = condition (data)) && !timeout.done)
    g_main_context_iteration (NULL, TRUE);
  if (!timeout.done)
    g_source_remove (id);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
gk_test_gui_settle (guint ms)
{
  gk_test_gui_wait_until (never, NULL, ms);
}

/* Render @widget as the user sees it into <builddir>/screenshots/@name.png
 * and return the path. */
char *
gk_test_gui_screenshot (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("GK_SCREENSHOT_DIR") ? g_getenv ("GK_SCREENSHOT_DIR") : ".",
                          NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

GtkWindow *
gk_test_gui_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}
