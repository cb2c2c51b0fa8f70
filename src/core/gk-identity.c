/* gk-identity.c — who published a report, for which year, and when
 *
 * The title names the agency, often in short (市应急管理局); the body, the
 * site's metadata or the signature may name it in full (黄石市应急管理局). A
 * candidate that ends with the name found so far and is longer is fuller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gk-identity.h"
#include "gk-text.h"

#define REPORT_WORDS "(?:年度报告|年度報告|工作报告|工作報告|年报|年報)"

void
gk_identity_clear (GkIdentity *identity)
{
  g_clear_pointer (&identity->title, g_free);
  g_clear_pointer (&identity->agency, g_free);
  g_clear_pointer (&identity->agency_key, g_free);
  g_clear_pointer (&identity->date, g_free);
  identity->year = 0;
}

char *
gk_agency_key (const char *agency)
{
  char *folded;

  if (agency == NULL || *agency == '\0')
    return g_strdup ("");
  folded = gk_text_fold (agency, -1);
  /* 「（本级）」 and similar tails do not make another agency */
  gk_text_strip_parenthesized_tail (folded);
  return folded;
}

static GRegex *
regex (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *re = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

  g_assert_no_error (error);
  return re;
}

/* Strip a site name appended to a <title>: 「…年度报告_政府信息公开年报_平潭…」. */
static char *
clean_title (const char *title)
{
  g_autofree char *collapsed = NULL;
  char *cut;

  if (title == NULL)
    return NULL;
  collapsed = gk_text_collapse_spaces (title, -1);
  cut = strstr (collapsed, "_");
  if (cut != NULL)
    *cut = '\0';
  cut = strstr (collapsed, " - ");
  if (cut != NULL)
    *cut = '\0';
  cut = strstr (collapsed, "|");
  if (cut != NULL)
    *cut = '\0';
  g_strstrip (collapsed);
  return *collapsed != '\0' ? g_steal_pointer (&collapsed) : NULL;
}

static gboolean
looks_like_title (const char *text)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, regex (REPORT_WORDS "|的函$|情况的函|通知$"));
  return text != NULL && g_utf8_strlen (text, -1) <= 80 && g_regex_match (re, text, 0, NULL);
}

/* The first block of the body that reads as the report's title; a title
 * broken across two lines (seed 003) is joined. */
static char *
title_from_blocks (GkDocument *document,
                   GkOutline  *outline)
{
  guint n = gk_document_get_n_blocks (document);
  guint limit = outline->root->children->len > 0
                ? ((GkOutlineNode *) g_ptr_array_index (outline->root->children, 0))->start.block
                : MIN (n, 12);
  const char *previous = NULL;

  for (guint b = 0; b < n && b <= limit; b++)
    {
      const GkBlock *block = gk_document_get_block (document, b);
      g_autofree char *joined = NULL;

      if (block->chrome != GK_CHROME_NONE || block->kind == GK_BLOCK_TABLE || block->text == NULL)
        continue;
      if (looks_like_title (block->text) && !g_str_has_prefix (block->text, "根据"))
        {
          if (previous != NULL && g_utf8_strlen (block->text, -1) <= 12)
            return g_strconcat (previous, block->text, NULL);
          return gk_text_collapse_spaces (block->text, -1);
        }
      if (strchr (block->text, '\n') != NULL)
        {
          /* a block of lines: its first two may hold the title */
          g_auto(GStrv) lines = g_strsplit (block->text, "\n", 3);
          if (lines[0] != NULL && lines[1] != NULL)
            {
              joined = g_strconcat (lines[0], lines[1], NULL);
              if (looks_like_title (lines[0]))
                return g_strdup (lines[0]);
              if (looks_like_title (joined))
                return g_steal_pointer (&joined);
            }
        }
      previous = g_utf8_strlen (block->text, -1) <= 60 ? block->text : NULL;
    }
  return NULL;
}

static char *
choose_title (GkDocument *document,
              GkOutline  *outline)
{
  const char *meta_title = g_hash_table_lookup (document->meta, "articletitle");
  char *title;

  if (meta_title == NULL)
    meta_title = g_hash_table_lookup (document->meta, "title");
  if ((title = clean_title (meta_title)) != NULL && looks_like_title (title))
    return title;
  g_free (title);
  if ((title = title_from_blocks (document, outline)) != NULL)
    return title;
  if ((title = clean_title (document->title)) != NULL)
    return title;
  return clean_title (meta_title);
}

static char *
trim_agency (const char *text)
{
  g_autofree char *s = gk_text_collapse_spaces (text, -1);
  char *p = s;
  gsize len;

  for (guint i = 0; i < 3; i++)
    {
      if (g_str_has_prefix (p, "关于"))
        p += strlen ("关于");
      else if (g_str_has_prefix (p, "關於"))
        p += strlen ("關於");
      else if (g_str_has_prefix (p, "《"))
        p += strlen ("《");
    }
  len = strlen (p);
  while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '-'))
    p[--len] = '\0';
  if (g_str_has_suffix (p, "度"))
    p[len - strlen ("度")] = '\0';
  return g_utf8_strlen (p, -1) >= 2 ? g_strdup (p) : NULL;
}

static void
agency_and_year_from_title (const char *title,
                            char      **agency,
                            gint       *year)
{
  static GRegex *after_year, *before_year;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&after_year))
    g_once_init_leave (&after_year,
                               regex ("^\\s*((?:19|20)\\d\\d)\\s*年度?\\s*(.+?)\\s*"
                                      "(?:政府信息公开|政府信息公開|政务公开|政務公開|信息公开|信息公開)"));
  if (g_once_init_enter (&before_year))
    g_once_init_leave (&before_year, regex ("^(.*?)\\s*((?:19|20)\\d\\d)\\s*年"));

  if (title == NULL)
    return;
  if (g_regex_match (after_year, title, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *a = g_match_info_fetch (match, 2);
      *year = atoi (y);
      *agency = trim_agency (a);
      return;
    }
  g_clear_pointer (&match, g_match_info_free);
  if (g_regex_match (before_year, title, 0, &match))
    {
      g_autofree char *a = g_match_info_fetch (match, 1);
      g_autofree char *y = g_match_info_fetch (match, 2);
      *year = atoi (y);
      *agency = trim_agency (a);
    }
}

/* The body's blocks of text, where names, dates and the statistics period
 * are stated. */
static GPtrArray *
body_texts (GkDocument *document,
            GkOutline  *outline)
{
  GPtrArray *texts = g_ptr_array_new ();
  guint n = MIN (gk_document_get_n_blocks (document), outline->body_end.block + 1);

  for (guint b = 0; b < n; b++)
    {
      const GkBlock *block = gk_document_get_block (document, b);
      if (block->kind == GK_BLOCK_TABLE || block->text == NULL || block->chrome == GK_CHROME_NAVIGATION
          || block->chrome == GK_CHROME_RELATED)
        continue;
      g_ptr_array_add (texts, block->text);
    }
  return texts;
}

/* Whether @text holds one of @words. Each pattern below needs one of a few
 * words, and looking for them first spares running it on every block: the
 * patterns scan a long body slowly. */
static gboolean
contains_any (const char         *text,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
fuller_agency (char       **agency,
               const char  *candidate)
{
  g_autofree char *trimmed = candidate != NULL ? trim_agency (candidate) : NULL;
  g_autofree char *key = NULL;
  g_autofree char *candidate_key = NULL;

  if (trimmed == NULL || g_utf8_strlen (trimmed, -1) > 40)
    return;
  if (*agency == NULL)
    {
      *agency = g_steal_pointer (&trimmed);
      return;
    }
  key = gk_agency_key (*agency);
  candidate_key = gk_agency_key (trimmed);
  if (strlen (candidate_key) > strlen (key) && g_str_has_suffix (candidate_key, key))
    {
      g_free (*agency);
      *agency = g_steal_pointer (&trimmed);
    }
}

static char *
iso_date (const char *y,
          const char *m,
          const char *d)
{
  int year = atoi (y), month = atoi (m), day = atoi (d);

  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static char *
date_from (GRegex     *re,
           const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL || !g_regex_match (re, text, 0, &match))
    return NULL;
  while (g_match_info_matches (match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *d = g_match_info_fetch (match, 3);
      char *date = iso_date (y, m, d);

      if (date != NULL)
        return date;
      g_match_info_next (match, NULL);
    }
  return NULL;
}

void
gk_identity_detect (GkDocument *document,
                    GkOutline  *outline,
                    GkIdentity *identity)
{
  static GRegex *full_name, *source_line, *period, *labelled_date, *any_date, *signature;
  static const char * const full_name_words[] = { "政府信息公开", "政府信息公開", "政务公开", NULL };
  static const char * const source_words[] = {
    "来源", "來源", "发布机构", "發布機構", "发文机关", "发布单位", NULL
  };
  static const char * const date_words[] = { "日期", "时间", "時間", "pubdate", NULL };
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  g_return_if_fail (document != NULL && outline != NULL && identity != NULL);

  if (g_once_init_enter (&full_name))
    {
      source_line = regex ("(?:来源|來源|发布机构|發布機構|发文机关|发布单位)\\s*[:：]?\\s*"
                           "([^\\s:：，。<>《》]{2,30}?)(?=\\s|$|时间|日期|發布|发布|浏览|分类|[:：])");
      period = regex ("统计期限自?\\s*((?:19|20)\\d\\d)\\s*年\\s*1\\s*月\\s*1\\s*日");
      labelled_date = regex ("(?:发布日期|發布日期|发布时间|發布時間|成文日期|发文日期|日期|时间|時間|pubdate)"
                             "\\s*[:：]?\\s*((?:19|20)\\d\\d)\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
      any_date = regex ("((?:19|20)\\d\\d)\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
      signature = regex ("((?:19|20)\\d\\d)\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*$");
      g_once_init_leave (&full_name,
                                 regex ("《?([^《》，。、；：:\\s]{2,40}?)\\s*((?:19|20)\\d\\d)\\s*年度?\\s*"
                                        "(?:政府信息公开|政府信息公開|政务公开)工作(?:年度)?(?:报告|報告)"));
    }

  identity->title = choose_title (document, outline);
  agency_and_year_from_title (identity->title, &identity->agency, &identity->year);
  texts = body_texts (document, outline);

  /* 「《黄石市应急管理局2019年度政府信息公开工作年度报告》」 in the body */
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (!contains_any (text, full_name_words) || !g_regex_match (full_name, text, 0, &match))
        {
          g_clear_pointer (&match, g_match_info_free);
          continue;
        }
      while (g_match_info_matches (match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          g_autofree char *year = g_match_info_fetch (match, 2);

          if (identity->year == 0 || atoi (year) == identity->year)
            fuller_agency (&identity->agency, name);
          g_match_info_next (match, NULL);
        }
      g_clear_pointer (&match, g_match_info_free);
    }

  /* the site's own fields: 来源：市应急管理局, <meta name=ContentSource> */
  fuller_agency (&identity->agency, g_hash_table_lookup (document->meta, "contentsource"));
  fuller_agency (&identity->agency, g_hash_table_lookup (document->meta, "publisher"));
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (!contains_any (text, source_words) || !g_regex_match (source_line, text, 0, &match))
        {
          g_clear_pointer (&match, g_match_info_free);
          continue;
        }
      while (g_match_info_matches (match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          fuller_agency (&identity->agency, name);
          g_match_info_next (match, NULL);
        }
      g_clear_pointer (&match, g_match_info_free);
    }

  for (guint i = 0; i < texts->len && identity->year == 0; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (strstr (text, "统计期限") != NULL && g_regex_match (period, text, 0, &match))
        {
          g_autofree char *year = g_match_info_fetch (match, 1);
          identity->year = atoi (year);
        }
      g_clear_pointer (&match, g_match_info_free);
    }

  identity->date = date_from (any_date, g_hash_table_lookup (document->meta, "pubdate"));
  for (guint i = 0; i < texts->len && identity->date == NULL; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (contains_any (text, date_words))
        identity->date = date_from (labelled_date, text);
    }
  /* the signature: the last line that is a date */
  for (gint i = (gint) texts->len - 1; i >= 0 && identity->date == NULL; i--)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_auto(GStrv) lines = NULL;

      if (strstr (text, "年") == NULL)
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (gint l = (gint) g_strv_length (lines) - 1; l >= 0 && identity->date == NULL; l--)
        if (g_utf8_strlen (lines[l], -1) <= 16)
          identity->date = date_from (signature, lines[l]);
    }
  if (identity->year == 0 && identity->date != NULL)
    identity->year = atoi (identity->date) - 1;

  identity->agency_key = gk_agency_key (identity->agency);
}
