/* gk-agency-item.h — one agency, as the trends view's picker shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_AGENCY_ITEM (gk_agency_item_get_type ())

G_DECLARE_FINAL_TYPE (GkAgencyItem, gk_agency_item, GK, AGENCY_ITEM, GObject)

GkAgencyItem *gk_agency_item_new          (const GkAgency *agency);
gint64        gk_agency_item_get_id       (GkAgencyItem   *self);
const char   *gk_agency_item_get_name     (GkAgencyItem   *self);
gboolean      gk_agency_item_get_selected (GkAgencyItem   *self);
void          gk_agency_item_set_selected (GkAgencyItem   *self,
                                           gboolean        selected);
/* Its name or any alias contains @folded_text (already folded). */
gboolean      gk_agency_item_matches      (GkAgencyItem   *self,
                                           const char     *folded_text);

G_END_DECLS
