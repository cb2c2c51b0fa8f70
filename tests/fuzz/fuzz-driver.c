/* fuzz-driver.c — runs a fuzz target on files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-NAME-driver FILE-OR-DIRECTORY...
 * Feeds every file (directories are walked, in name order) to
 * LLVMFuzzerTestOneInput, each in a buffer of exactly its size so that
 * AddressSanitizer, when built in, catches reads past its end. Fails when it
 * finds no input at all, so a wrong corpus path cannot pass unnoticed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "gk-fuzz.h"

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree uint8_t *exact = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }

  /* g_file_get_contents() adds a NUL the target must not rely on. */
  exact = g_malloc (MAX (len, 1));
  memcpy (exact, contents, len);
  LLVMFuzzerTestOneInput (exact, len);
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
run_path (const char *path,
          gboolean   *failed)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  guint count = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (run_file (path))
        return 1;
      *failed = TRUE;
      return 0;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      fprintf (stderr, "cannot open %s\n", path);
      *failed = TRUE;
      return 0;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    count += run_path (g_ptr_array_index (names, i), failed);
  return count;
}

int
main (int   argc,
      char *argv[])
{
  gboolean failed = FALSE;
  guint count = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    count += run_path (argv[i], &failed);

  printf ("%u input(s) run\n", count);
  if (count == 0)
    {
      fprintf (stderr, "no inputs found\n");
      return 1;
    }
  return failed ? 1 : 0;
}
