/* bench-read.c — reading pages into documents, against libxml2 parsing them bare
 *
 * Usage: bench-read [-n ROUNDS] [PAGE…]
 * Without pages it reads every .html/.htm page under $GK_SHARED_DIR/corpus,
 * and as a second group the text pages: the .txt seeds in
 * $GK_SHARED_DIR/seeds and the .txt pages under the corpus.  Pages named on
 * the command line go to the HTML group when they end in .html/.htm, to the
 * text group otherwise.  For each group it prints pages/s for (b) reading:
 * the source, document and outline stages, and (c) the whole pipeline:
 * reading, then extracting the tables and checking them, with the ratio c/b
 * and the milliseconds per page that extraction and checks add; for HTML
 * also (a) htmlReadMemory alone, with the options the reader uses.
 * Targets, HTML only: b/a <= 1.5 (reading costs little over bare parsing)
 * and c/b <= 1.2 (extraction and checks add at most 20% to reading).  Text
 * is read about ten times faster than HTML is parsed, so there the same
 * extraction weighs more against reading: its ratio is printed, but the
 * absolute cost is the figure to watch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "gk-check.h"
#include "gk-document.h"
#include "gk-extract.h"
#include "gk-outline.h"
#include "gk-source.h"

#define BENCH_HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR \
                            | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

typedef struct
{
  char   *path;
  GBytes *bytes;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->path);
  g_bytes_unref (page->bytes);
  g_free (page);
}

static void
add_page (GPtrArray  *pages,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  Page *page;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return;
    }
  page = g_new0 (Page, 1);
  page->path = g_strdup (path);
  page->bytes = g_bytes_new_take (contents, len);
  g_ptr_array_add (pages, page);
}

static gboolean
is_html_path (const char *path)
{
  return g_str_has_suffix (path, ".html") || g_str_has_suffix (path, ".htm");
}

/* Every page under @directory whose name ends in one of @suffixes. */
static void
add_directory (GPtrArray          *pages,
               const char         *directory,
               const char * const *suffixes)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          add_directory (pages, path, suffixes);
          continue;
        }
      for (guint k = 0; suffixes[k] != NULL; k++)
        if (g_str_has_suffix (path, suffixes[k]))
          {
            add_page (pages, path);
            break;
          }
    }
}

static void
add_shared_directory (GPtrArray          *pages,
                      const char         *shared,
                      const char         *relative,
                      const char * const *suffixes)
{
  g_autofree char *directory = g_build_filename (shared, relative, NULL);

  add_directory (pages, directory, suffixes);
}

static void
read_bare (const Page *page)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (page->bytes, &len);
  xmlDocPtr doc = htmlReadMemory (data, (int) len, NULL, NULL, BENCH_HTML_OPTIONS);

  if (doc != NULL)
    xmlFreeDoc (doc);
}

static guint
read_gongkai (const Page *page,
              gboolean    extract)
{
  g_autofree char *name = g_path_get_basename (page->path);
  g_autoptr(GkSource) source = gk_source_new_from_bytes (name, page->bytes, NULL);
  g_autoptr(GkDocument) document = NULL;
  g_autoptr(GkOutline) outline = NULL;
  g_autoptr(GkReport) report = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (source == NULL)
    return 0;
  document = gk_document_new_from_source (source);
  if (!extract)
    {
      outline = gk_outline_new (document);
      return gk_document_get_n_blocks (document) + outline->root->children->len;
    }
  /* the extractor builds the outline itself */
  report = gk_extract_report (document);
  findings = gk_check_report (report);
  return findings->len;
}

static double
time_rounds (GPtrArray *pages,
             guint      rounds,
             int        stage)
{
  gint64 start = g_get_monotonic_time ();

  for (guint r = 0; r < rounds; r++)
    for (guint p = 0; p < pages->len; p++)
      {
        const Page *page = g_ptr_array_index (pages, p);

        if (stage == 0)
          read_bare (page);
        else
          read_gongkai (page, stage == 2);
      }
  return (g_get_monotonic_time () - start) / 1e6;
}

static gsize
total_bytes (GPtrArray *pages)
{
  gsize bytes = 0;

  for (guint p = 0; p < pages->len; p++)
    bytes += g_bytes_get_size (((Page *) g_ptr_array_index (pages, p))->bytes);
  return bytes;
}

static void
print_rate (const char *label,
            GPtrArray  *pages,
            gsize       bytes,
            guint       rounds,
            double      seconds)
{
  printf ("%s %8.1f pages/s  %6.2f MiB/s\n", label, pages->len * rounds / seconds,
          bytes * rounds / seconds / (1024.0 * 1024.0));
}

/* One group of pages: (a) only for HTML, whose bare parse is libxml2's. */
static void
bench_group (const char *title,
             GPtrArray  *pages,
             guint       rounds,
             gboolean    html)
{
  gsize bytes = total_bytes (pages);
  double bare = 0, reading, pipeline;
  guint blocks = 0;

  if (pages->len == 0)
    return;

  /* One round each to warm caches and allocators. */
  for (guint p = 0; p < pages->len; p++)
    {
      if (html)
        read_bare (g_ptr_array_index (pages, p));
      blocks += read_gongkai (g_ptr_array_index (pages, p), FALSE);
      read_gongkai (g_ptr_array_index (pages, p), TRUE);
    }

  if (html)
    bare = time_rounds (pages, rounds, 0);
  reading = time_rounds (pages, rounds, 1);
  pipeline = time_rounds (pages, rounds, 2);

  printf ("%s: %u pages, %.1f KiB, %u rounds, %u blocks per round\n", title, pages->len,
          bytes / 1024.0, rounds, blocks);
  if (html)
    print_rate ("(a) htmlReadMemory:                      ", pages, bytes, rounds, bare);
  print_rate ("(b) reading (source, document, outline): ", pages, bytes, rounds, reading);
  print_rate ("(c) (b) + extract tables + check:        ", pages, bytes, rounds, pipeline);
  if (html)
    {
      printf ("ratio b/a (time): %.2f (target <= 1.5)\n", reading / bare);
      printf ("ratio c/b (time): %.2f (target <= 1.2)\n", pipeline / reading);
    }
  else
    printf ("ratio c/b (time): %.2f (no target: reading text costs little)\n", pipeline / reading);
  printf ("extract + check add %.3f ms per page (%.3f ms read, %.3f ms in all)\n",
          (pipeline - reading) * 1e3 / (pages->len * rounds), reading * 1e3 / (pages->len * rounds),
          pipeline * 1e3 / (pages->len * rounds));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const html_suffixes[] = { ".html", ".htm", NULL };
  static const char * const text_suffixes[] = { ".txt", NULL };
  g_autoptr(GPtrArray) html_pages = g_ptr_array_new_with_free_func (page_free);
  g_autoptr(GPtrArray) text_pages = g_ptr_array_new_with_free_func (page_free);
  const char *shared = g_getenv ("GK_SHARED_DIR");
  guint rounds = 20;
  int i = 1;

  if (argc > 2 && g_strcmp0 (argv[1], "-n") == 0)
    {
      rounds = MAX (1, atoi (argv[2]));
      i = 3;
    }
  for (; i < argc; i++)
    add_page (is_html_path (argv[i]) ? html_pages : text_pages, argv[i]);
  if (html_pages->len + text_pages->len == 0 && shared != NULL)
    {
      add_shared_directory (html_pages, shared, "corpus", html_suffixes);
      add_shared_directory (text_pages, shared, "seeds", text_suffixes);
      add_shared_directory (text_pages, shared, "corpus", text_suffixes);
    }
  if (html_pages->len + text_pages->len == 0)
    {
      g_printerr ("Usage: bench-read [-n ROUNDS] [PAGE…] (or set GK_SHARED_DIR)\n");
      return 1;
    }

  xmlInitParser ();
  bench_group ("HTML pages", html_pages, rounds, TRUE);
  if (html_pages->len > 0 && text_pages->len > 0)
    printf ("\n");
  bench_group ("Text pages", text_pages, rounds, FALSE);
  return 0;
}
