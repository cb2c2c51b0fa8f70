/* bench-read.c — reading pages into documents, against libxml2 parsing them bare
 *
 * Usage: bench-read [-n ROUNDS] [PAGE…]
 * Without pages it reads every .html/.htm page under $GK_SHARED_DIR/corpus.
 * It prints pages/s for (a) htmlReadMemory alone, with the options the reader
 * uses, (b) reading: the source, document and outline stages, and (c) the
 * whole pipeline: reading, then extracting the tables and checking them.
 * Targets: b/a <= 1.5 (reading costs little over bare parsing) and
 * c/b <= 1.2 (extraction and checks add at most 20% to reading).
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

static void
add_directory (GPtrArray  *pages,
               const char *directory)
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
        add_directory (pages, path);
      else if (g_str_has_suffix (path, ".html") || g_str_has_suffix (path, ".htm"))
        add_page (pages, path);
    }
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (page_free);
  guint rounds = 20;
  double bare, reading, pipeline;
  guint blocks = 0;
  gsize bytes = 0;
  int i = 1;

  if (argc > 2 && g_strcmp0 (argv[1], "-n") == 0)
    {
      rounds = MAX (1, atoi (argv[2]));
      i = 3;
    }
  for (; i < argc; i++)
    add_page (pages, argv[i]);
  if (pages->len == 0 && g_getenv ("GK_SHARED_DIR") != NULL)
    {
      g_autofree char *corpus = g_build_filename (g_getenv ("GK_SHARED_DIR"), "corpus", NULL);

      add_directory (pages, corpus);
    }
  if (pages->len == 0)
    {
      g_printerr ("Usage: bench-read [-n ROUNDS] [PAGE…] (or set GK_SHARED_DIR)\n");
      return 1;
    }
  for (guint p = 0; p < pages->len; p++)
    bytes += g_bytes_get_size (((Page *) g_ptr_array_index (pages, p))->bytes);

  xmlInitParser ();
  /* One round each to warm caches and allocators. */
  for (guint p = 0; p < pages->len; p++)
    {
      read_bare (g_ptr_array_index (pages, p));
      blocks += read_gongkai (g_ptr_array_index (pages, p), FALSE);
      read_gongkai (g_ptr_array_index (pages, p), TRUE);
    }

  bare = time_rounds (pages, rounds, 0);
  reading = time_rounds (pages, rounds, 1);
  pipeline = time_rounds (pages, rounds, 2);

  printf ("%u pages, %.1f KiB, %u rounds, %u blocks per round\n", pages->len, bytes / 1024.0, rounds,
          blocks);
  printf ("(a) htmlReadMemory:                       %8.1f pages/s  %6.2f MiB/s\n",
          pages->len * rounds / bare, bytes * rounds / bare / (1024.0 * 1024.0));
  printf ("(b) reading (source, document, outline):  %8.1f pages/s  %6.2f MiB/s\n",
          pages->len * rounds / reading, bytes * rounds / reading / (1024.0 * 1024.0));
  printf ("(c) (b) + extract tables + check:         %8.1f pages/s  %6.2f MiB/s\n",
          pages->len * rounds / pipeline, bytes * rounds / pipeline / (1024.0 * 1024.0));
  printf ("ratio b/a (time): %.2f (target <= 1.5)\n", reading / bare);
  printf ("ratio c/b (time): %.2f (target <= 1.2)\n", pipeline / reading);
  return 0;
}
