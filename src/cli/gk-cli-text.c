/* gk-cli-text.c — gongkai-cli's language: catalogues, the choice between the
 * reports' Chinese and English texts, and columns that line up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "gk-cli.h"

static char *
real_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy = g_strdup (resolved);

  free (resolved);
  return copy;
}

/* GONGKAI_LOCALEDIR first, as for the app; then, when this is the binary of
 * the build tree (tests, a developer's run), the catalogues compiled beside
 * it; else the install prefix's. */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("GONGKAI_LOCALEDIR");
  g_autofree char *exe = NULL;
  g_autofree char *exe_dir = NULL;
  g_autofree char *build_dir = NULL;

  if (dir != NULL && *dir != '\0')
    return dir;
  exe = g_file_read_link ("/proc/self/exe", NULL);
  exe_dir = exe != NULL ? g_path_get_dirname (exe) : NULL;
  build_dir = real_path (GK_CLI_BUILD_DIR);
  if (exe_dir != NULL && build_dir != NULL && g_str_equal (exe_dir, build_dir))
    return GK_CLI_BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
gk_cli_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Decided by the catalogue, not by the locale's name: without a Chinese
 * catalogue the frame stays English, and so must everything in it. */
gboolean
gk_cli_is_chinese (void)
{
  static int chinese = -1;

  if (chinese < 0)
    /* Translators: "zh" when this catalogue is Chinese: gongkai-cli then prints the
     * findings, labels and table notes in the Chinese they were written in.
     * Anything else prints their English versions. */
    chinese = g_str_equal (C_("language of findings", "en"), "zh");
  return chinese;
}

const char *
gk_cli_list_separator (void)
{
  /* Translators: between the form's labels in a list; the labels hold commas
   * (Results, total) and 、 (一、本年新收…), so neither can part them */
  return C_("separator of form labels", "; ");
}

guint
gk_cli_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c >= (gunichar) -2)
        {
          /* a stray byte: one column, and on to the next */
          width++;
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* printf's %-*s counts bytes: a Chinese character is three of them but two
 * columns of a terminal. */
char *
gk_cli_pad (const char *text,
            guint       width)
{
  guint used = gk_cli_width (text);
  GString *padded = g_string_new (text);

  for (; used < width; used++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

char *
gk_cli_pad_start (const char *text,
                  guint       width)
{
  guint used = gk_cli_width (text);
  GString *padded = g_string_new (NULL);

  for (; used < width; used++)
    g_string_append_c (padded, ' ');
  g_string_append (padded, text);
  return g_string_free (padded, FALSE);
}

/* The notes core writes about a file's bytes are English. Each known one is
 * matched and said again in the catalogue's words; an unknown one stays as it
 * is, which at worst leaves one line English. */
typedef struct
{
  const char *pattern;
  const char *format;   /* a "%s" per capture, in order */
} SourceNote;

static const SourceNote source_notes[] = {
  { "^The HTML part has an unknown transfer encoding “(.*)”; it was read as it is$",
    N_("The HTML part has an unknown transfer encoding “%s”; it was read as it is") },
  { "^The file ends in the middle of a character; its last ([0-9]+) byte\\(s\\) were dropped$",
    N_("The file ends in the middle of a character; its last %s byte(s) were dropped") },
  { "^([0-9]+) invalid UTF-16 code unit\\(s\\) were replaced by U\\+FFFD$",
    N_("%s invalid UTF-16 code unit(s) were replaced by U+FFFD") },
  { "^The file starts with a UTF-8 byte order mark, but is not valid UTF-8$",
    N_("The file starts with a UTF-8 byte order mark, but is not valid UTF-8") },
  { "^The page declares the charset “(.*)”, which is not supported; the declaration was ignored$",
    N_("The page declares the charset “%s”, which is not supported; the declaration was ignored") },
  { "^The page declares the charset “(.*)”, but reads as (.*); it was read as (.*)$",
    N_("The page declares the charset “%s”, but reads as %s; it was read as %s") },
  { "^No supported charset reads this file cleanly; it was read as UTF-8 and ([0-9]+) invalid "
    "byte\\(s\\) were replaced by U\\+FFFD$",
    N_("No supported charset reads this file cleanly; it was read as UTF-8 and %s invalid byte(s) "
       "were replaced by U+FFFD") },
  { "^The page declares the charset “(.*)”, but its bytes are not valid in it; it was read as (.*) instead$",
    N_("The page declares the charset “%s”, but its bytes are not valid in it; it was read as %s instead") },
  { "^([0-9]+) NUL byte\\(s\\) were replaced by U\\+FFFD$",
    N_("%s NUL byte(s) were replaced by U+FFFD") },
};

char *
gk_cli_translate_note (const char *note)
{
  if (!gk_cli_is_chinese ())
    return g_strdup (note);
  for (guint i = 0; i < G_N_ELEMENTS (source_notes); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (source_notes[i].pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *third = NULL;

      g_assert (regex != NULL);
      if (!g_regex_match (regex, note, 0, &match))
        continue;
      first = g_match_info_fetch (match, 1);
      second = g_match_info_fetch (match, 2);
      third = g_match_info_fetch (match, 3);
      /* a format uses as many of the three as it has captures */
      return g_strdup_printf (_(source_notes[i].format), first, second, third);
    }
  return g_strdup (note);
}
