/* gongkai-cli.c — Gongkai for batch work, scripts and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gk-cli.h"
#include "gk-version.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *summary;
  CommandFunc  run;
} Command;

static const Command commands[] = {
  { "outline", N_("Print each report's agency, year, form and section tree"), gk_cli_outline },
  { "check", N_("Check every identity of each report, and across years"), gk_cli_check },
  { "extract", N_("Print every cell of each report (CSV or JSON)"), gk_cli_extract },
  { "import", N_("Add saved pages and folders to the library"), gk_cli_import },
  { "list", N_("List the reports in the library"), gk_cli_list },
  { "export", N_("Export the library's reports: CSV, JSON, XLSX or findings"), gk_cli_export },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n\n%s\n",
           _("Usage: gongkai-cli [--help] [--version] COMMAND [ARGS...]"),
           _("Read, check and export government information disclosure annual reports."),
           _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n  -h, --help     %s\n  -V, --version  %s\n", _("Options:"),
           _("Show this help, or a command's help with COMMAND --help"), _("Show the version"));
}

int
main (int   argc,
      char *argv[])
{
  gk_cli_init_i18n ();

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      printf ("gongkai-cli %s\n", gk_version_string ());
      return 0;
    }
  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("gongkai-cli: unknown command “%s”. See gongkai-cli --help."), argv[1]);
  fputc ('\n', stderr);
  return 2;
}
