/* gk-trends-view.h — chart any figure year over year, per agency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_TRENDS_VIEW (gk_trends_view_get_type ())

G_DECLARE_FINAL_TYPE (GkTrendsView, gk_trends_view, GK, TRENDS_VIEW, GtkWidget)

GtkWidget   *gk_trends_view_new            (void);
void         gk_trends_view_set_library    (GkTrendsView *self,
                                            GkLibrary    *library);
/* Reads the agencies again, keeping those chosen. */
void         gk_trends_view_reload         (GkTrendsView *self);
void         gk_trends_view_choose_agency  (GkTrendsView *self,
                                            gint64        agency_id,
                                            gboolean      chosen);
GkSeriesSet *gk_trends_view_get_series_set (GkTrendsView *self);
GtkWidget   *gk_trends_view_get_chart      (GkTrendsView *self);
/* The data table as tab-separated text, as Copy Table puts it. */
char        *gk_trends_view_get_table_text (GkTrendsView *self);
gboolean     gk_trends_view_save_table     (GkTrendsView *self,
                                            const char   *path,
                                            GError      **error);

G_END_DECLS
