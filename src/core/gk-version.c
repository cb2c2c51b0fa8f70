/* gk-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-version.h"

const char *
gk_version_string (void)
{
  return PACKAGE_VERSION;
}
