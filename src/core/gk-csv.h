/* gk-csv.h — CSV fields as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void gk_csv_append_field (GString     *line,
                          const char  *value);   /* NULL writes an empty field */
void gk_csv_append_row   (GString     *out,
                          const char * const *fields,
                          guint        n_fields);

G_END_DECLS
