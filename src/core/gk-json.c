/* gk-json.c — a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-json.h"
#include "gk-text.h"

struct _GkJson
{
  GString  *out;
  gboolean  pretty;
  guint     depth;
  gboolean  first;       /* nothing written yet in the current container */
  gboolean  after_key;   /* a key was written; the value follows it directly */
};

GkJson *
gk_json_new (gboolean pretty)
{
  GkJson *self = g_new0 (GkJson, 1);

  self->out = g_string_new (NULL);
  self->pretty = pretty;
  self->first = TRUE;
  return self;
}

void
gk_json_free (GkJson *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}

char *
gk_json_free_to_string (GkJson *self)
{
  char *result = g_string_free (self->out, FALSE);

  g_free (self);
  return result;
}

GString *
gk_json_get_string (GkJson *self)
{
  return self->out;
}

static void
newline (GkJson *self)
{
  if (!self->pretty)
    return;
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->depth; i++)
    g_string_append (self->out, "  ");
}

/* Before a value or a key: the comma and indentation it needs. */
static void
before_item (GkJson *self)
{
  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (!self->first)
    g_string_append_c (self->out, ',');
  if (self->depth > 0)
    newline (self);
  self->first = FALSE;
}

void
gk_json_append_escaped (GString    *out,
                        const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
open_container (GkJson *self,
                char    bracket)
{
  before_item (self);
  g_string_append_c (self->out, bracket);
  self->depth++;
  self->first = TRUE;
}

static void
close_container (GkJson *self,
                 char    bracket)
{
  gboolean empty = self->first;

  self->depth--;
  if (!empty)
    newline (self);
  g_string_append_c (self->out, bracket);
  self->first = FALSE;
}

void gk_json_begin_object (GkJson *self) { open_container (self, '{'); }
void gk_json_end_object (GkJson *self) { close_container (self, '}'); }
void gk_json_begin_array (GkJson *self) { open_container (self, '['); }
void gk_json_end_array (GkJson *self) { close_container (self, ']'); }

void
gk_json_key (GkJson     *self,
             const char *key)
{
  before_item (self);
  gk_json_append_escaped (self->out, key);
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_key = TRUE;
}

void
gk_json_string (GkJson     *self,
                const char *value)
{
  before_item (self);
  if (value == NULL)
    g_string_append (self->out, "null");
  else if (g_utf8_validate (value, -1, NULL))
    gk_json_append_escaped (self->out, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      gk_json_append_escaped (self->out, valid);
    }
}

void
gk_json_int (GkJson *self,
             gint64  value)
{
  before_item (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
gk_json_double (GkJson *self,
                double  value)
{
  before_item (self);
  if (!isfinite (value))
    g_string_append (self->out, "null");
  else
    {
      g_autofree char *text = gk_number_format (value, value == floor (value));
      g_string_append (self->out, text);
    }
}

void
gk_json_boolean (GkJson   *self,
                 gboolean  value)
{
  before_item (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
gk_json_null (GkJson *self)
{
  before_item (self);
  g_string_append (self->out, "null");
}

void
gk_json_member_string (GkJson     *self,
                       const char *key,
                       const char *value)
{
  gk_json_key (self, key);
  gk_json_string (self, value);
}

void
gk_json_member_int (GkJson     *self,
                    const char *key,
                    gint64      value)
{
  gk_json_key (self, key);
  gk_json_int (self, value);
}

void
gk_json_member_double (GkJson     *self,
                       const char *key,
                       double      value)
{
  gk_json_key (self, key);
  gk_json_double (self, value);
}

void
gk_json_member_boolean (GkJson     *self,
                        const char *key,
                        gboolean    value)
{
  gk_json_key (self, key);
  gk_json_boolean (self, value);
}
