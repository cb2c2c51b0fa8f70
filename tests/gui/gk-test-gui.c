/* gk-test-gui.c — helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gk-extract.h"
#include "gk-test-gui.h"
#include "gk-window.h"

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

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

void
gk_test_gui_wait_drawn (GtkWidget *widget)
{
  g_assert_true (gk_test_gui_wait_until (is_drawn, widget, 5000));
}

static gboolean
import_done (gpointer data)
{
  return !gk_window_is_importing (GK_WINDOW (data));
}

gboolean
gk_test_gui_wait_import (GkWindow *window,
                         guint     timeout_ms)
{
  return gk_test_gui_wait_until (import_done, window, timeout_ms);
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

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

GPtrArray *
gk_test_gui_collect (GtkWidget *root,
                     GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    exact)
{
  g_autoptr(GPtrArray) labels = gk_test_gui_collect (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *shown = gtk_label_get_text (GTK_LABEL (label));

      if (gtk_widget_is_visible (label)
          && (exact ? g_str_equal (shown, text) : strstr (shown, text) != NULL))
        return label;
    }
  return NULL;
}

GtkWidget *
gk_test_gui_find_label (GtkWidget  *root,
                        const char *text)
{
  return find_label (root, text, TRUE);
}

GtkWidget *
gk_test_gui_find_label_containing (GtkWidget  *root,
                                   const char *text)
{
  return find_label (root, text, FALSE);
}

GtkWidget *
gk_test_gui_find_button (GtkWidget  *root,
                         const char *label)
{
  g_autoptr(GPtrArray) buttons = gk_test_gui_collect (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0
          || (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), label) == 0))
        return button;
    }
  return NULL;
}

GtkWidget *
gk_test_gui_find_button_with_action (GtkWidget  *root,
                                     const char *action)
{
  g_autoptr(GPtrArray) buttons = gk_test_gui_collect (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

char *
gk_test_gui_read_seed (const char *prefix)
{
  g_autofree char *dir = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        char *text = NULL;

        g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
        return text;
      }
  g_assert_not_reached ();
}

/* @text with the first @from replaced by @to; @from must be there. */
static void
replace_once (GString    *text,
              const char *from,
              const char *to)
{
  const char *found = strstr (text->str, from);

  g_assert_nonnull (found);
  g_string_erase (text, found - text->str, strlen (from));
  g_string_insert (text, found - text->str, to);
}

char *
gk_test_gui_seed_003_as (int              year,
                         GkTestSeedChange changes)
{
  g_autofree char *seed = gk_test_gui_read_seed ("003_");
  GString *text = g_string_new (seed);
  char year_text[8];

  /* The seed is on 2023; its footer holds no other 2023. */
  g_snprintf (year_text, sizeof year_text, "%d", year);
  g_string_replace (text, "2023", year_text, 0);
  if (changes & GK_TEST_SEED_CARRY_OUT_TWO)
    {
      /* still balanced: 11 new = 9 handled + 2 carried over */
      replace_once (text, "一、本年新收政府信息公开申请数量 |\n9 |\n0 |\n0 |\n0 |\n0 |\n0 |\n9 |",
                    "一、本年新收政府信息公开申请数量 |\n11 |\n0 |\n0 |\n0 |\n0 |\n0 |\n11 |");
      replace_once (text, "四、结转下年度继续办理 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |",
                    "四、结转下年度继续办理 |\n2 |\n0 |\n0 |\n0 |\n0 |\n0 |\n2 |");
      replace_once (text, "共受理依申请公开9件", "共受理依申请公开11件");
    }
  if (changes & GK_TEST_SEED_NA_NEW_NATURAL)
    replace_once (text, "一、本年新收政府信息公开申请数量 |\n9 |", "一、本年新收政府信息公开申请数量 |\n/ |");
  return g_string_free (text, FALSE);
}

char *
gk_test_gui_write_page (const char *dir,
                        const char *name,
                        const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

GkReport *
gk_test_gui_load_report (const char *name)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GkReport *report;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("GK_SHARED_DIR is not set or missing: no real reports to read");
      return NULL;
    }
  path = g_build_filename (shared, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir_name = g_path_get_dirname (path);
      g_autofree char *prefix = g_path_get_basename (path);
      g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
      const char *entry;

      g_clear_pointer (&path, g_free);
      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        if (g_str_has_prefix (entry, prefix))
          path = g_build_filename (dir_name, entry, NULL);
    }
  if (path == NULL)
    {
      g_test_skip_printf ("%s is not in the shared data", name);
      return NULL;
    }
  file = g_file_new_for_path (path);
  report = gk_read_report_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

gint64
gk_test_gui_import_seeds (GkLibrary  *library,
                          const char *prefix)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("GK_TEST_DATA"), "seeds", NULL);
  const char *roots[] = { seeds, NULL };
  g_autoptr(GkImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 report_id = 0;

  summary = gk_library_import (library, roots, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 5);
  for (guint i = 0; i < summary->results->len; i++)
    {
      const GkImportResult *result = g_ptr_array_index (summary->results, i);
      g_autofree char *name = g_path_get_basename (result->path);

      if (g_str_has_prefix (name, prefix))
        report_id = result->report_id;
    }
  g_assert_cmpint (report_id, >, 0);
  return report_id;
}
