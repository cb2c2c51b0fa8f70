/* fuzz-source.c — fuzz target for reading pages from bytes (gk-source.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gk-fuzz.h"
#include "gk-source.h"

/* A broken promise is a bug the fuzzer should report: crash on it. */
#define REQUIRE(condition) G_STMT_START { if (!(condition)) abort (); } G_STMT_END

static void
check_source (GkSource   *source,
              const char *name,
              GBytes     *bytes)
{
  REQUIRE (g_str_equal (source->name, name));
  REQUIRE (source->text != NULL);
  REQUIRE (strlen (source->text) == source->text_len);
  REQUIRE (g_utf8_validate (source->text, (gssize) source->text_len, NULL));
  REQUIRE (memchr (source->text, '\r', source->text_len) == NULL);
  REQUIRE (source->charset != NULL && source->sha256 != NULL && strlen (source->sha256) == 64);
  REQUIRE (g_bytes_equal (source->bytes, bytes));
  REQUIRE (gk_source_kind_to_string (source->kind) != NULL);
  REQUIRE (gk_charset_origin_to_string (source->charset_origin) != NULL);
  for (guint i = 0; i < source->warnings->len; i++)
    REQUIRE (g_utf8_validate (g_ptr_array_index (source->warnings, i), -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = { "x.html", "x.mht", "x.txt" };
  static gboolean initialised = FALSE;
  g_autoptr(GBytes) bytes = NULL;

  if (!initialised)
    {
      /* GLib criticals mean misuse: make the fuzzer see them. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialised = TRUE;
    }

  /* Static: the target reads the fuzzer's own buffer, so reads past its end
   * are caught. */
  bytes = g_bytes_new_static (data, size);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GkSource) source = gk_source_new_from_bytes (names[i], bytes, &error);
      g_autofree char *quoted = g_strdup_printf ("“%s”", names[i]);

      if (source != NULL)
        {
          REQUIRE (error == NULL);
          check_source (source, names[i], bytes);
        }
      else
        {
          REQUIRE (error != NULL && error->domain == GK_SOURCE_ERROR);
          REQUIRE (strstr (error->message, quoted) != NULL);
        }
    }

  return 0;
}
