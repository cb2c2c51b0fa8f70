/* gk-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gk-library.h"

G_BEGIN_DECLS

#define GK_TYPE_APPLICATION (gk_application_get_type ())

G_DECLARE_FINAL_TYPE (GkApplication, gk_application, GK, APPLICATION, AdwApplication)

GkApplication *gk_application_new               (GApplicationFlags flags);
void           gk_application_init_i18n         (void);
/* The library the windows show: $GONGKAI_LIBRARY, --library, or the default
 * path; opened at start-up. NULL when it could not be opened. */
GkLibrary     *gk_application_get_library       (GkApplication    *self);
const GError  *gk_application_get_library_error (GkApplication    *self);
/* Closes the current library and opens @path (NULL: the default). */
gboolean       gk_application_open_library      (GkApplication    *self,
                                                 const char       *path,
                                                 GError          **error);

G_END_DECLS
