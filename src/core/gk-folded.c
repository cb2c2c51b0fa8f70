/* gk-folded.c — a text folded for matching, with a map back to the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-folded.h"
#include "gk-text.h"

/* Per-character folding, used when script conversion of the whole text
 * changed the number of characters and the one-to-one map would drift. */
static void
convert_per_character (GkFolded   *self,
                       const char *narrow,
                       GArray     *narrow_map)
{
  GString *out = g_string_new (NULL);
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint i = 0;

  for (const char *p = narrow; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      g_autofree char *one = gk_text_to_simplified (p, g_utf8_next_char (p) - p);
      gsize raw_offset = g_array_index (narrow_map, gsize, i);

      for (gsize b = 0; one[b] != '\0'; b++)
        g_array_append_val (map, raw_offset);
      g_string_append (out, one);
    }
  self->len = out->len;
  self->folded = g_string_free (out, FALSE);
  g_array_append_val (map, self->raw_len);
  self->map = (gsize *) g_array_free (map, FALSE);
}

GkFolded *
gk_folded_new (const char *raw,
               gsize       raw_len)
{
  GkFolded *self = g_new0 (GkFolded, 1);
  GString *narrow = g_string_sized_new (raw_len);
  g_autoptr(GArray) narrow_map = g_array_sized_new (FALSE, FALSE, sizeof (gsize), raw_len / 2);
  g_autofree char *simplified = NULL;
  const char *end = raw + raw_len;
  glong n_narrow;

  self->raw = raw;
  self->raw_len = raw_len;

  /* One folded character per kept character: record where each came from. */
  for (const char *p = raw; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = gk_text_fold_char (g_utf8_get_char (p));
      gsize offset = p - raw;

      if (c == 0)
        continue;
      g_string_append_unichar (narrow, c);
      g_array_append_val (narrow_map, offset);
    }

  simplified = gk_text_to_simplified (narrow->str, narrow->len);
  n_narrow = narrow_map->len;
  if (g_utf8_strlen (simplified, -1) != n_narrow)
    {
      convert_per_character (self, narrow->str, narrow_map);
      g_string_free (narrow, TRUE);
      return self;
    }
  g_string_free (narrow, TRUE);

  self->len = strlen (simplified);
  self->map = g_new (gsize, self->len + 1);
  {
    guint i = 0;
    for (const char *p = simplified; *p != '\0'; i++)
      {
        const char *next = g_utf8_next_char (p);
        for (const char *b = p; b < next; b++)
          self->map[b - simplified] = g_array_index (narrow_map, gsize, i);
        p = next;
      }
  }
  self->map[self->len] = raw_len;
  self->folded = g_steal_pointer (&simplified);
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
