/* gk-properties-dialog.h — override a report's agency, year or form; merge agencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_PROPERTIES_DIALOG (gk_properties_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GkPropertiesDialog, gk_properties_dialog, GK, PROPERTIES_DIALOG, AdwMessageDialog)

GtkWidget *gk_properties_dialog_new  (GtkWindow          *parent,
                                      GkLibrary          *library,
                                      gint64              report_id);
/* What the Save response does; public so tests can call it directly. */
gboolean   gk_properties_dialog_save (GkPropertiesDialog *self,
                                      GError            **error);

G_END_DECLS
