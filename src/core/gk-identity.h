/* gk-identity.h — who published a report, for which year, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gk-document.h"
#include "gk-outline.h"

G_BEGIN_DECLS

typedef struct
{
  char *title;        /* the report's title as printed */
  char *agency;       /* the fullest name found: 黄石市应急管理局, not 市应急管理局 */
  char *agency_key;   /* gk_agency_key (agency) */
  gint  year;         /* the year reported on, 0 when unknown */
  char *date;         /* publication date as YYYY-MM-DD, or NULL */
} GkIdentity;

void   gk_identity_detect  (GkDocument *document,
                            GkOutline  *outline,
                            GkIdentity *identity);
void   gk_identity_clear   (GkIdentity *identity);

/* Groups one agency across years and scripts: 黑龍江省人民防空辦公室 and
 * 黑龙江省人民防空办公室 have the same key. */
char  *gk_agency_key       (const char *agency);

G_END_DECLS
