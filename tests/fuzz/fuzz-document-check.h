/* fuzz-document-check.h — the promises a document keeps, checked by the fuzz targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <string.h>

#include "gk-document.h"
#include "gk-fuzz.h"
#include "gk-source.h"

/* A broken promise is a bug the fuzzer should report: crash on it. */
#define REQUIRE(condition) G_STMT_START { if (!(condition)) abort (); } G_STMT_END

static void
check_grid (const GkBlock *block,
            gsize          text_len)
{
  const GkGrid *grid = block->grid;

  REQUIRE (grid != NULL);
  REQUIRE (grid->n_rows >= 1 && grid->n_rows <= 5000);
  REQUIRE (grid->n_cols >= 1 && grid->n_cols <= 1000);
  for (guint i = 0; i < grid->cells->len; i++)
    {
      const GkGridCell *cell = g_ptr_array_index (grid->cells, i);

      REQUIRE (cell->text != NULL && g_utf8_validate (cell->text, -1, NULL));
      REQUIRE (cell->rowspan >= 1 && cell->colspan >= 1);
      REQUIRE (cell->row + cell->rowspan <= grid->n_rows);
      REQUIRE (cell->col + cell->colspan <= grid->n_cols);
      REQUIRE (cell->src_start <= cell->src_end && cell->src_end <= text_len);
      REQUIRE (gk_grid_get (grid, cell->row, cell->col) == cell);
      REQUIRE (gk_grid_get (grid, cell->row + cell->rowspan - 1, cell->col + cell->colspan - 1) == cell);
    }
  REQUIRE (gk_grid_get (grid, grid->n_rows, 0) == NULL);
  REQUIRE (gk_grid_get (grid, 0, grid->n_cols) == NULL);
}

static void
check_document (GkDocument *document)
{
  gsize text_len = document->source->text_len;
  g_autofree char *dump = NULL;

  REQUIRE (document->title == NULL || g_utf8_validate (document->title, -1, NULL));
  for (guint i = 0; i < gk_document_get_n_blocks (document); i++)
    {
      const GkBlock *block = gk_document_get_block (document, i);

      REQUIRE (block->text != NULL && g_utf8_validate (block->text, -1, NULL));
      REQUIRE (block->src_start <= block->src_end && block->src_end <= text_len);
      REQUIRE (gk_block_kind_to_string (block->kind) != NULL);
      REQUIRE (gk_chrome_to_string (block->chrome) != NULL);
      if (block->kind == GK_BLOCK_TABLE)
        check_grid (block, text_len);
      else
        {
          REQUIRE (block->grid == NULL);
          REQUIRE (block->text[0] != '\0' && block->text[0] != ' ');
          REQUIRE (block->text[strlen (block->text) - 1] != ' ');
          REQUIRE (block->link_chars <= (guint) g_utf8_strlen (block->text, -1));
        }
    }

  dump = gk_document_dump (document);
  REQUIRE (dump != NULL && g_utf8_validate (dump, -1, NULL));
}

/* Reads data as a file of that name, and its document if it is a page. */
static int
fuzz_document (const uint8_t *data,
               size_t         size,
               const char    *name)
{
  static gboolean initialised = FALSE;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GkSource) source = NULL;
  g_autoptr(GkDocument) document = NULL;

  if (!initialised)
    {
      /* GLib criticals mean misuse: make the fuzzer see them. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialised = TRUE;
    }

  bytes = g_bytes_new_static (data, size);
  source = gk_source_new_from_bytes (name, bytes, NULL);
  if (source == NULL)
    return 0;

  document = gk_document_new_from_source (source);
  REQUIRE (document != NULL && document->source == source);
  check_document (document);
  return 0;
}
