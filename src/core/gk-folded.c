/* gk-folded.c — a text folded for matching, with a map back to the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-folded.h"
#include "gk-text.h"

/* Per-character folding, used when script conversion of the whole text
 * changed the number of characters and the one-to-one map would drift.
 * @narrow_map holds the raw offset of each byte of @narrow. */
static void
convert_per_character (GkFolded    *self,
                       const char  *narrow,
                       const gsize *narrow_map)
{
  GString *out = g_string_new (NULL);
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (const char *p = narrow; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *one = gk_text_to_simplified (p, g_utf8_next_char (p) - p);
      gsize raw_offset = narrow_map[p - narrow];

      for (gsize b = 0; one[b] != '\0'; b++)
        g_array_append_val (map, raw_offset);
      g_string_append (out, one);
    }
  self->len = out->len;
  self->folded = g_string_free (out, FALSE);
  self->per_character = TRUE;
  g_array_append_val (map, self->raw_len);
  self->map = (gsize *) g_array_free (map, FALSE);
}

/* The map when the conversion changed characters but not their number:
 * each character of @simplified comes from the raw offset of the character
 * it replaced in @narrow. */
static void
map_characters (GkFolded    *self,
                char        *simplified,
                const char  *narrow,
                const gsize *narrow_map)
{
  const char *from = narrow;

  self->len = strlen (simplified);
  self->map = g_new (gsize, self->len + 1);
  for (const char *p = simplified; *p != '\0'; from = g_utf8_next_char (from))
    {
      const char *next = g_utf8_next_char (p);

      for (const char *b = p; b < next; b++)
        self->map[b - simplified] = narrow_map[from - narrow];
      p = next;
    }
  self->map[self->len] = self->raw_len;
  self->folded = simplified;
}

GkFolded *
gk_folded_new (const char *raw,
               gsize       raw_len)
{
  GkFolded *self = g_new0 (GkFolded, 1);
  gsize *narrow_map;
  char *simplified;
  gsize n;
  char *narrow = gk_text_fold_mapped (raw, raw_len, &narrow_map, &n, &simplified);

  self->raw = raw;
  self->raw_len = raw_len;

  /* the common case, a simplified page: the narrow map is the map (runs
   * converted may still add up to the same text) */
  if (simplified != NULL && strcmp (simplified, narrow) == 0)
    g_clear_pointer (&simplified, g_free);
  if (simplified == NULL)
    {
      self->len = n;
      self->folded = narrow;
      self->map = narrow_map;
      return self;
    }
  if (g_utf8_strlen (simplified, -1) == g_utf8_strlen (narrow, -1))
    map_characters (self, simplified, narrow, narrow_map);
  else
    {
      g_free (simplified);
      convert_per_character (self, narrow, narrow_map);
    }
  g_free (narrow);
  g_free (narrow_map);
  return self;
}

void
gk_folded_free (GkFolded *self)
{
  if (self == NULL)
    return;
  g_free (self->folded);
  g_free (self->map);
  g_free (self);
}

gssize
gk_folded_find (const GkFolded *self,
                const char     *needle,
                gsize           from)
{
  const char *hit;

  if (from > self->len)
    return -1;
  hit = strstr (self->folded + from, needle);
  return hit != NULL ? hit - self->folded : -1;
}

gsize
gk_folded_to_raw (const GkFolded *self,
                  gsize           offset)
{
  return self->map[MIN (offset, self->len)];
}
