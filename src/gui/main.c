/* main.c — entry point of the Gongkai window application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GkApplication) app = NULL;

  gk_application_init_i18n ();

  app = gk_application_new (G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
