/* gk-cli.h — the commands of gongkai-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit codes scripts can rely on. */
enum
{
  GK_CLI_OK = 0,          /* everything read; no failing identity */
  GK_CLI_FINDINGS = 1,    /* an identity fails (with --strict: anything to review) */
  GK_CLI_USAGE = 2,       /* bad arguments */
  GK_CLI_UNREADABLE = 3,  /* a file was refused; the others were still read */
  GK_CLI_FAILURE = 4,     /* the library or an output could not be used */
};

int     gk_cli_outline (int    argc,
                        char **argv);
int     gk_cli_check   (int    argc,
                        char **argv);
int     gk_cli_extract (int    argc,
                        char **argv);
int     gk_cli_import  (int    argc,
                        char **argv);
int     gk_cli_list    (int    argc,
                        char **argv);
int     gk_cli_export  (int    argc,
                        char **argv);

/* Files named on the command line, with folders walked recursively (hidden
 * entries skipped), in a stable order. */
GPtrArray *gk_cli_collect_files (char **paths);

/* Language (gk-cli-text.c). The CLI speaks its catalogue's language: the
 * reports' Chinese texts when the catalogue is Chinese, else their English
 * versions; never a mix. */
void        gk_cli_init_i18n       (void);
gboolean    gk_cli_is_chinese      (void);
const char *gk_cli_list_separator  (void);
/* Columns of a terminal, a wide (CJK) character counting two. */
guint       gk_cli_width           (const char *text);
char       *gk_cli_pad             (const char *text,
                                    guint       width);
char       *gk_cli_pad_start       (const char *text,
                                    guint       width);
/* A note core wrote about a file's bytes, in the CLI's language. */
char       *gk_cli_translate_note  (const char *note);

G_END_DECLS
