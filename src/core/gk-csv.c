/* gk-csv.c — CSV fields as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-csv.h"

/* Quote when a field holds a separator, a quote or a line break. Fields are
 * written as they are: prefixing formula-like text would change the data
 * (「-4」 is a value), and quoting does not stop a spreadsheet anyway. */
void
gk_csv_append_field (GString    *line,
                     const char *value)
{
  gboolean quote;

  if (value == NULL)
    return;
  quote = strpbrk (value, ",\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

void
gk_csv_append_row (GString            *out,
                   const char * const *fields,
                   guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      gk_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}
