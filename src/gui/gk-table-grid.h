/* gk-table-grid.h — one of the form's statistical tables (t2, t3, t4), drawn
 * the way the form draws it, editable cell by cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gk-check.h"
#include "gk-report.h"

G_BEGIN_DECLS

#define GK_TYPE_TABLE_GRID (gk_table_grid_get_type ())

G_DECLARE_FINAL_TYPE (GkTableGrid, gk_table_grid, GK, TABLE_GRID, GtkWidget)

GtkWidget       *gk_table_grid_new              (const char         *table_key);
const char      *gk_table_grid_get_table_key    (GkTableGrid        *self);
void             gk_table_grid_set_report       (GkTableGrid        *self,
                                                 GkReport           *report,
                                                 GPtrArray          *findings);
GkReport        *gk_table_grid_get_report       (GkTableGrid        *self);
void             gk_table_grid_prepare          (GkTableGrid        *self,
                                                 GkFormVersion       version);
void             gk_table_grid_update           (GkTableGrid        *self,
                                                 GPtrArray          *findings);
void             gk_table_grid_select_cells     (GkTableGrid        *self,
                                                 const char * const *keys);
const char      *gk_table_grid_get_focused_cell (GkTableGrid        *self);
GtkWidget       *gk_table_grid_get_cell_widget  (GkTableGrid        *self,
                                                 const char         *key);
char            *gk_table_grid_describe_cell    (GkTableGrid        *self,
                                                 const char         *key);
GkFindingCounts  gk_table_grid_get_counts       (GkTableGrid        *self);

G_END_DECLS
