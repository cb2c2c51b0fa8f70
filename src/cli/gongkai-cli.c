/* gongkai-cli.c — Gongkai for batch work, scripts and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <locale.h>
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
  { "outline", "Print each report's agency, year, form and section tree", gk_cli_outline },
  { "check", "Check every identity of each report, and across years", gk_cli_check },
  { "extract", "Print every cell of each report (CSV or JSON)", gk_cli_extract },
  { "import", "Add saved pages and folders to the library", gk_cli_import },
  { "list", "List the reports in the library", gk_cli_list },
  { "export", "Export the library's reports: CSV, JSON, XLSX or findings", gk_cli_export },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: gongkai-cli [--help] [--version] COMMAND [ARGS...]\n"
           "\n"
           "Read, check and export government information disclosure annual reports.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n"
           "Options:\n"
           "  -h, --help     Show this help, or a command's help with COMMAND --help\n"
           "  -V, --version  Show the version\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

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

  fprintf (stderr, "gongkai-cli: unknown command “%s”. See gongkai-cli --help.\n", argv[1]);
  return 2;
}
