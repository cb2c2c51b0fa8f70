/* test-outline.c — the section tree: seeds, corpus, typos, missing and
 * renumbered sections, headings run into paragraphs, nested duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-outline.h"

static GkOutline *
outline_of_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = gk_source_new_from_file (file, NULL, &error);
  g_autoptr(GkDocument) document = NULL;

  g_assert_no_error (error);
  document = gk_document_new_from_source (source);
  return gk_outline_new (document);
}

static GkOutline *
outline_of_text (const char *name,
                 const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = gk_source_new_from_bytes (name, bytes, &error);
  g_autoptr(GkDocument) document = NULL;

  g_assert_no_error (error);
  document = gk_document_new_from_source (source);
  return gk_outline_new (document);
}

static char *
shared_path (const char *relative)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");
  g_autofree char *path = shared != NULL ? g_build_filename (shared, relative, NULL) : NULL;

  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

static char *
seed (const char *prefix)
{
  g_autofree char *dir = shared_path ("seeds");
  g_autoptr(GDir) listing = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* The top-level keys, space-separated: "s1 s2 s3 s5 s6". */
static char *
section_keys (GkOutline *outline)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < outline->root->children->len; i++)
    {
      GkOutlineNode *node = g_ptr_array_index (outline->root->children, i);
      g_string_append_printf (keys, "%s%s", i > 0 ? " " : "", node->key);
    }
  return g_string_free (keys, FALSE);
}

static char *
section_text (GkOutline  *outline,
              const char *key)
{
  const GkOutlineNode *node = gk_outline_find (outline, key);

  g_assert_nonnull (node);
  return gk_outline_node_get_text (outline, node);
}

static void
test_outline_seeds (void)
{
  static const struct { const char *prefix; const char *keys; } seeds[] = {
    { "000_", "s1 s2 s3 s4 s5 s6" },
    { "001_", "s1 s2 s3 s4 s5 s6" },
    { "002_", "s1 s2 s3 s4 s5 s6" },
    { "003_", "s1 s2 s3 s4 s5 s6" },
    { "004_", "s1 s2 s3 s5 s6" },      /* section 四 is not in this copy */
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = seed (seeds[i].prefix);
      g_autoptr(GkOutline) outline = NULL;
      g_autofree char *keys = NULL;

      if (path == NULL)
        {
          g_test_skip ("../shared/seeds is not present");
          return;
        }
      outline = outline_of_path (path);
      keys = section_keys (outline);
      g_test_message ("%s: %s", seeds[i].prefix, keys);
      g_assert_cmpstr (keys, ==, seeds[i].keys);
    }
}

/* Seed 001 nests a second 二 三 四 inside 一 as its items. */
static void
test_outline_nested_duplicates (void)
{
  g_autofree char *path = seed ("001_");
  g_autoptr(GkOutline) outline = NULL;
  const GkOutlineNode *s1, *s2;
  g_autofree char *s2_text = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/seeds is not present");
      return;
    }
  outline = outline_of_path (path);
  s1 = gk_outline_find (outline, "s1");
  s2 = gk_outline_find (outline, "s2");
  g_assert_cmpuint (s1->children->len, ==, 2);
  g_assert_cmpstr (((GkOutlineNode *) g_ptr_array_index (s1->children, 1))->title, ==,
                   "(二)主动公开政府信息情况");
  g_assert_cmpuint (((GkOutlineNode *) g_ptr_array_index (s1->children, 1))->children->len, ==, 4);
  g_assert_cmpstr (s2->title, ==, "二、主动公开政府信息情况");
  g_assert_cmpuint (s2->level, ==, 1);
  /* the real 二 is empty: its tables were images */
  s2_text = gk_outline_node_get_text (outline, s2);
  g_assert_cmpstr (g_strstrip (s2_text), ==, "");
}

static void
test_outline_ranges_and_chrome (void)
{
  g_autofree char *path = seed ("000_");
  g_autoptr(GkOutline) outline = NULL;
  g_autofree char *s1 = NULL;
  g_autofree char *s6 = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/seeds is not present");
      return;
    }
  outline = outline_of_path (path);
  s1 = section_text (outline, "s1");
  g_assert_nonnull (strstr (s1, "共办结政府信息公开申请13件"));
  g_assert_null (strstr (s1, "二、主动公开"));
  s6 = section_text (outline, "s6");
  g_assert_nonnull (strstr (s6, "未收取政府信息公开信息处理费"));
  /* the page's footer is no part of 六 */
  g_assert_null (strstr (s6, "打印本文"));
  g_assert_null (strstr (s6, "ICP"));
  g_assert_null (strstr (s6, "相关信息"));
  g_assert_null (strstr (s6, "政府网站标识码"));
}

static void
test_outline_corpus (void)
{
  static const char * const pages[] = {
    "corpus/pingtan/2019/page.html", "corpus/pingtan/2021/page.html", "corpus/pingtan/2022/page.html",
    "corpus/pingtan/2023/page.html", "corpus/shanghai-2019/page.html",
    "corpus/pingtan/2022/page.txt", "corpus/pingtan/2023/page.txt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = shared_path (pages[i]);
      g_autoptr(GkOutline) outline = NULL;
      g_autofree char *keys = NULL;
      g_autofree char *s6 = NULL;

      if (path == NULL)
        {
          g_test_skip ("../shared/corpus is not present");
          return;
        }
      outline = outline_of_path (path);
      keys = section_keys (outline);
      g_test_message ("%s: %s", pages[i], keys);
      g_assert_cmpstr (keys, ==, "s1 s2 s3 s4 s5 s6");
      s6 = section_text (outline, "s6");
      g_assert_null (strstr (s6, "ICP"));
      g_assert_null (strstr (s6, "打印本页"));
    }
}

static void
test_outline_legacy (void)
{
  g_autofree char *path = shared_path ("corpus/pingtan/legacy-2015/page.html");
  g_autoptr(GkOutline) outline = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/corpus is not present");
      return;
    }
  outline = outline_of_path (path);
  /* seven parts, 概述 … 统计表: headings found, whatever they are */
  g_assert_cmpuint (outline->root->children->len, ==, 7);
}

static void
test_outline_heading_typo (void)
{
  g_autoptr(GkOutline) outline = outline_of_text ("typo.txt",
    "示例县统计局2022年度政府信息公开工作年度报告\n"
    "一、总体情况\n本年度未收到申请。\n"
    "二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n"
    "四、政府信息公开行政法复议、行政诉讼情况\n"
    "五、存在的主要问题及改进情况\n无。\n"
    "六、其他需要报告的事项\n无。\n");
  g_autofree char *keys = section_keys (outline);

  g_assert_cmpstr (keys, ==, "s1 s2 s3 s4 s5 s6");
  g_assert_cmpstr (gk_outline_find (outline, "s4")->title, ==, "四、政府信息公开行政法复议、行政诉讼情况");
}

/* Small agencies drop 四 and number the rest on: titles decide. */
static void
test_outline_missing_section (void)
{
  g_autoptr(GkOutline) outline = outline_of_text ("renumbered.txt",
    "示例镇人民政府2023年度政府信息公开工作年度报告\n"
    "一、总体情况\n本镇共收到申请1件。\n"
    "二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n"
    "四、存在的主要问题及改进情况\n人员不足。\n"
    "五、其他需要报告的事项\n无。\n");
  g_autofree char *keys = section_keys (outline);

  g_assert_cmpstr (keys, ==, "s1 s2 s3 s5 s6");
  g_assert_false (gk_outline_has_section (outline, "s4"));
  g_assert_cmpuint (gk_outline_find (outline, "s5")->number, ==, 4);
  g_assert_cmpuint (gk_outline_count_sections (outline), ==, 5);
}

/* Sub-items past 十: （十一）, （二十）, （二十一）; a bare 十 is ten. */
static void
test_outline_numerals (void)
{
  GString *text = g_string_new ("示例局2022年度政府信息公开工作年度报告\n一、总体情况\n");
  g_autoptr(GkOutline) outline = NULL;
  const GkOutlineNode *s1;
  static const guint expected[] = { 1, 9, 10, 11, 19, 20, 21, 99 };
  static const char * const numerals[] = { "一", "九", "十", "十一", "十九", "二十", "二十一", "九十九" };

  for (guint i = 0; i < G_N_ELEMENTS (numerals); i++)
    g_string_append_printf (text, "（%s）第%u项工作\n内容。\n", numerals[i], expected[i]);
  g_string_append (text, "二、主动公开政府信息情况\n");
  outline = outline_of_text ("numerals.txt", text->str);
  g_string_free (text, TRUE);

  s1 = gk_outline_find (outline, "s1");
  g_assert_nonnull (s1);
  g_assert_cmpuint (s1->children->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GkOutlineNode *item = g_ptr_array_index (s1->children, i);

      g_assert_cmpuint (item->level, ==, 2);
      g_assert_cmpuint (item->number, ==, expected[i]);
    }
}

static void
test_outline_run_in (void)
{
  g_autoptr(GkOutline) outline = outline_of_text ("run-in.txt",
    "示例区2021年度政府信息公开工作年度报告 根据《条例》编制本报告。一、总体情况2021年，我区扎实推进"
    "政务公开。（一）主动公开方面。全年主动公开信息2645条。（二）依申请公开方面。共收到70件申请。"
    "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数 三、收到和处理政府信息公开申请情况"
    "一、本年新收政府信息公开申请数量640020470 四、政府信息公开行政复议、行政诉讼情况 行政复议 "
    "五、存在的主要问题及改进情况（一）存在的主要问题:解读不够。六、其他需要报告的事项2021年，无收费。\n");
  g_autofree char *keys = section_keys (outline);
  const GkOutlineNode *s1;
  g_autofree char *s3 = NULL;

  g_assert_cmpstr (keys, ==, "s1 s2 s3 s4 s5 s6");
  s1 = gk_outline_find (outline, "s1");
  g_assert_cmpstr (s1->title, ==, "一、总体情况");
  g_assert_cmpuint (s1->children->len, ==, 2);
  g_assert_cmpstr (((GkOutlineNode *) g_ptr_array_index (s1->children, 0))->title, ==, "（一）主动公开方面");
  /* a row label of t3 is no heading */
  s3 = section_text (outline, "s3");
  g_assert_nonnull (strstr (s3, "一、本年新收政府信息公开申请数量640020470"));
  g_assert_cmpuint (gk_outline_find (outline, "s3")->children->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outline/seeds", test_outline_seeds);
  g_test_add_func ("/outline/nested-duplicates", test_outline_nested_duplicates);
  g_test_add_func ("/outline/ranges-and-chrome", test_outline_ranges_and_chrome);
  g_test_add_func ("/outline/corpus", test_outline_corpus);
  g_test_add_func ("/outline/legacy", test_outline_legacy);
  g_test_add_func ("/outline/heading-typo", test_outline_heading_typo);
  g_test_add_func ("/outline/missing-section", test_outline_missing_section);
  g_test_add_func ("/outline/run-in", test_outline_run_in);
  g_test_add_func ("/outline/numerals", test_outline_numerals);
  return g_test_run ();
}
