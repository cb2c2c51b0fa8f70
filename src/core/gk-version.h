/* gk-version.h — versions of Gongkai and of the code that derives data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *gk_version_string (void);

G_END_DECLS
