/* test-outline.c — the section tree: seeds, corpus, typos, missing and
 * renumbered sections, headings run into paragraphs, legacy reports and
 * letters with free titles, nested duplicates
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

/* The seeds: $GK_SHARED_DIR/seeds, or else the project's own copies in
 * $GK_TEST_DATA/seeds, so that a clean clone tests them too. NULL when
 * neither is there. */
static char *
seeds_dir (void)
{
  const char *roots[] = { g_getenv ("GK_SHARED_DIR"), g_getenv ("GK_TEST_DATA") };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *dir = roots[i] != NULL ? g_build_filename (roots[i], "seeds", NULL) : NULL;

      if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
    }
  return NULL;
}

static char *
seed (const char *prefix)
{
  g_autofree char *dir = seeds_dir ();
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

/* A fixture of the project's own, in tests/data/outline. */
static char *
data_path (const char *name)
{
  const char *data = g_getenv ("GK_TEST_DATA");

  if (data != NULL)
    return g_build_filename (data, "outline", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "data", "outline", name, NULL);
}

static void
append_tree (GString             *out,
             const GkOutlineNode *node,
             guint                max_level,
             gboolean             with_titles)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const GkOutlineNode *child = g_ptr_array_index (node->children, i);

      if (child->level > max_level)
        continue;
      g_string_append (out, child->key);
      if (with_titles)
        g_string_append_printf (out, " %s", child->title);
      g_string_append_c (out, '\n');
      append_tree (out, child, max_level, with_titles);
    }
}

/* Every node down to @max_level, one a line: 「s1.2 （二）依申请公开方面」. */
static char *
tree_of (GkOutline *outline,
         guint      max_level,
         gboolean   with_titles)
{
  GString *out = g_string_new (NULL);

  append_tree (out, outline->root, max_level, with_titles);
  return g_string_free (out, FALSE);
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
          g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
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
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
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
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
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

/* What a page's tree must be, down to its sub-items, as a researcher reads
 * the page. The text copies of the Pingtan pages hold the whole report on
 * one line: every heading in them is run into the text. */
static const char pingtan_2019_txt[] =
  "s1 一、总体情况\n"
  "s1.1 （一）基本情况\n"
  "s1.2 （二）主要做法\n"
  "s2 二、主动公开政府信息情况\n"
  "s3 三、收到和处理政府信息公开申请情况\n"
  "s4 四、政府信息公开行政复议、行政诉讼情况\n"
  "s5 五、存在的主要问题及改进情况\n"
  "s5.1 （一）继续强化信息公开责任\n"
  "s5.2 （二）继续完善信息公开机制\n"
  "s5.3 （三）继续加强督导协调工作\n"
  "s6 六、其他需要报告的事项\n";

static const char pingtan_2021_txt[] =
  "s1 一、总体情况\n"
  "s1.1 （一）主动公开方面\n"
  "s1.2 （二）依申请公开方面\n"
  "s1.3 （三）政府信息管理方面\n"
  "s1.4 （四）平台载体建设方面\n"
  "s1.5 （五）监督保障方面\n"
  "s2 二、主动公开政府信息情况\n"
  "s3 三、收到和处理政府信息公开申请情况\n"
  "s4 四、政府信息公开行政复议、行政诉讼情况\n"
  "s5 五、存在的主要问题及改进情况\n"
  "s5.1 （一）存在的主要问题\n"   /* run in straight after the section's title */
  "s5.2 （二）改进措施\n"
  "s6 六、其他需要报告的事项\n";

/* Legacy: free section titles, 六 taken for s5 by its title as in a form
 * report. Run together, two sub-titles cannot be told from the text that
 * follows them (「…的数量区管委会办公室…」), so the text copy's titles run on. */
static const char legacy_2015_html[] =
  "s1 一、 概述\n"
  "s1.1 （一）加强组织领导\n"
  "s1.2 （二）把握工作重点\n"
  "s1.3 （三）全面加强主动公开工作\n"
  "s2 二、主动公开政府信息情况\n"
  "s2.1 （一）主动公开政府信息的数量\n"
  "s2.2 （二）主动公开政府信息的主要类别\n"
  "s2.3 （三）主动公开政府信息的主要形式\n"
  "s2.3.1 1.门户网站\n"
  "s2.3.2 2.公众查阅点\n"
  "h3 三、政府信息依申请公开工作情况\n"
  "h4 四、政府信息公开的收费及减免情况\n"
  "h5 五、因政府信息公开申请行政复议\n"
  "s5 六、主要问题和改进措施\n"
  "s5.1 (一)存在问题\n"
  "s5.2 （二）改进措施\n"
  "h7 七、平潭综合实验区政府信息公开情况\n";

static const char legacy_2015_txt[] =
  "s1 一、 概述\n"
  "s1.1 （一）加强组织领导\n"
  "s1.2 （二）把握工作重点\n"
  "s1.3 （三）全面加强主动公开工作\n"
  "s2 二、主动公开政府信息情况\n"
  "s2.1 （一）主动公开政府信息的数量区管委会办公室\n"
  "s2.2 （二）主动公开政府信息的主要类别\n"
  "s2.3 （三）主动公开政府信息的主要形式\n"
  "h3 三、政府信息依申请公开工作情况\n"
  "h4 四、政府信息公开的收费及减免情况\n"
  "h5 五、因政府信息公开申请行政复议\n"
  "s5 六、主要问题和改进措施\n"
  "s5.1 (一)存在问题虽然我区政府信息公开工作取得了一定成效\n"
  "s5.2 （二）改进措施\n"
  "h7 七、平潭综合实验区政府信息公开情况\n";

/* A letter, not a report: its two parts still make a tree. */
static const char letter_2014_html[] =
  "h1 一、2014年政府信息公开工作情况\n"
  "h1.1 （一）全面深化政府信息公开工作\n"
  "h1.2 （二）推进行政权力运行信息公开\n"
  "h1.3 （三）继续推进财政资金信息公开\n"
  "h1.4 （四）加强公共资源配置信息公开\n"
  "h1.5 （五）加强公共服务信息公开\n"
  "h1.6 （六）推动公共监管信息公开\n"
  "s5 二、存在问题及下一步工作计划\n"
  "s5.1 （一）深化公开内容\n"
  "s5.2 （二）进一步规范政府信息公开行为\n"
  "s5.2.1 1、加强信息公开培训指导工作\n"
  "s5.2.2 2、建立健全政府信息公开工作机制\n"
  "s5.2.3 3、做好主动公开信息巡查工作\n"
  "s5.2.4 4、建立政府信息梳理和归档\n";

static const char letter_2014_txt[] =
  "h1 一、2014年政府信息公开工作情况\n"
  "h1.1 （一）全面深化政府信息公开工作\n"
  "h1.2 （二）推进行政权力运行信息公开\n"
  "h1.3 （三）继续推进财政资金信息公开\n"
  "h1.4 （四）加强公共资源配置信息公开\n"
  "h1.5 （五）加强公共服务信息公开\n"
  "h1.6 （六）推动公共监管信息公开\n"
  "s5 二、存在问题及下一步工作计划\n"
  "s5.1 （一）深化公开内容\n"
  "s5.2 （二）进一步规范政府信息公开行为\n";

/* Every corpus page, html and txt. */
static void
test_outline_corpus (void)
{
  static const char form_keys[] = "s1 s2 s3 s4 s5 s6";
  static const struct { const char *page; const char *keys; const char *tree; } pages[] = {
    { "corpus/pingtan/2019/page.html", form_keys, NULL },
    { "corpus/pingtan/2019/page.txt", form_keys, pingtan_2019_txt },
    { "corpus/pingtan/2021/page.html", form_keys, pingtan_2021_txt },
    { "corpus/pingtan/2021/page.txt", form_keys, pingtan_2021_txt },
    { "corpus/pingtan/2022/page.html", form_keys, NULL },
    { "corpus/pingtan/2022/page.txt", form_keys, NULL },
    { "corpus/pingtan/2023/page.html", form_keys, NULL },
    { "corpus/pingtan/2023/page.txt", form_keys, NULL },
    { "corpus/shanghai-2019/page.html", form_keys, NULL },
    { "corpus/pingtan/legacy-2015/page.html", "s1 s2 h3 h4 h5 s5 h7", legacy_2015_html },
    { "corpus/pingtan/legacy-2015/page.txt", "s1 s2 h3 h4 h5 s5 h7", legacy_2015_txt },
    { "corpus/pingtan/letter-2014/page.html", "h1 s5", letter_2014_html },
    { "corpus/pingtan/letter-2014/page.txt", "h1 s5", letter_2014_txt },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = shared_path (pages[i].page);
      g_autoptr(GkOutline) outline = NULL;
      g_autofree char *keys = NULL;

      if (path == NULL)
        {
          g_test_skip ("no corpus: $GK_SHARED_DIR/corpus is not present");
          return;
        }
      outline = outline_of_path (path);
      keys = section_keys (outline);
      g_test_message ("%s: %s", pages[i].page, keys);
      g_assert_cmpstr (keys, ==, pages[i].keys);
      if (pages[i].tree != NULL)
        {
          g_autofree char *tree = tree_of (outline, 3, TRUE);
          g_assert_cmpstr (tree, ==, pages[i].tree);
        }
      if (gk_outline_has_section (outline, "s6"))
        {
          g_autofree char *s6 = section_text (outline, "s6");

          g_assert_null (strstr (s6, "ICP"));
          g_assert_null (strstr (s6, "打印本页"));
        }
    }
}

/* A page's text copy has the tree of its html down to the （一） level: the
 * copy runs 1. items into the text, where they are no safe marker. Where a
 * copy runs a sub-title into its text, only the keys can agree. */
static void
test_outline_corpus_copies_agree (void)
{
  static const struct { const char *page; gboolean titles; } pages[] = {
    { "corpus/pingtan/2019", TRUE },
    { "corpus/pingtan/2021", TRUE },
    { "corpus/pingtan/2022", FALSE },   /* 「四、政府信息公开行政法复议」: a short variant ends at 、 */
    { "corpus/pingtan/2023", FALSE },   /* 「（一）主动公开方面平潭综合实验区…」 */
    { "corpus/pingtan/legacy-2015", FALSE },
    { "corpus/pingtan/letter-2014", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *html_page = g_build_filename (pages[i].page, "page.html", NULL);
      g_autofree char *text_page = g_build_filename (pages[i].page, "page.txt", NULL);
      g_autofree char *html_path = shared_path (html_page);
      g_autofree char *text_path = shared_path (text_page);
      g_autoptr(GkOutline) html = NULL;
      g_autoptr(GkOutline) text = NULL;
      g_autofree char *html_tree = NULL;
      g_autofree char *text_tree = NULL;

      if (html_path == NULL || text_path == NULL)
        {
          g_test_skip ("no corpus: $GK_SHARED_DIR/corpus is not present");
          return;
        }
      html = outline_of_path (html_path);
      text = outline_of_path (text_path);
      html_tree = tree_of (html, 2, pages[i].titles);
      text_tree = tree_of (text, 2, pages[i].titles);
      g_test_message ("%s", pages[i].page);
      g_assert_cmpstr (text_tree, ==, html_tree);
    }
}

/* A legacy report copied as one line: free section titles run into the
 * text, 六 is s5 by its title, and its （二） is no item of 二. */
static void
test_outline_legacy (void)
{
  g_autofree char *path = data_path ("legacy-run-in-2016.txt");
  g_autoptr(GkOutline) outline = outline_of_path (path);
  g_autofree char *tree = tree_of (outline, 3, TRUE);

  g_assert_cmpstr (tree, ==,
                   "s1 一、概述\n"
                   "s1.1 （一）健全工作机构\n"
                   "s1.2 （二）完善制度建设\n"
                   "s2 二、主动公开政府信息情况\n"
                   "s2.1 （一）公开数量\n"
                   "s2.2 （二）公开形式\n"
                   "h3 三、依申请公开政府信息办理情况\n"
                   "h4 四、政府信息公开收费及减免情况\n"
                   "h5 五、因政府信息公开申请提起行政复议\n"
                   "s5 六、存在的不足和改进措施\n"
                   "s5.1 （一）存在不足\n"
                   "s5.2 （二）改进措施\n"
                   "h7 七、附表\n");
  g_assert_cmpuint (gk_outline_count_sections (outline), ==, 3);
  g_assert_cmpuint (gk_outline_find (outline, "s5")->number, ==, 6);
}

/* Titles that open with a year; a letter's headings on lines of their own
 * and the same letter copied as one line. */
static void
test_outline_letter (void)
{
  static const char expected[] =
    "h1 一、2015年政务公开工作开展情况\n"
    "h1.1 （一）加强组织领导\n"
    "h1.2 （二）规范公开程序\n"
    "h1.2.1 1、2015年\n"
    "h1.2.2 2、建立信息发布审核台账\n"
    "s5 二、存在问题及下一步打算\n"
    "s5.1 （一）公开内容不够丰富\n"
    "s5.2 （二）互动回应不够及时\n";
  g_autofree char *lines_path = data_path ("letter-lines.txt");
  g_autofree char *run_in_path = data_path ("letter-run-in.txt");
  g_autoptr(GkOutline) lines = outline_of_path (lines_path);
  g_autoptr(GkOutline) run_in = outline_of_path (run_in_path);
  g_autofree char *lines_tree = tree_of (lines, 3, TRUE);
  g_autofree char *run_in_tree = tree_of (run_in, 3, TRUE);
  g_autofree char *run_in_top = tree_of (run_in, 2, TRUE);
  g_autofree char *lines_top = tree_of (lines, 2, TRUE);

  g_assert_cmpstr (lines_tree, ==, expected);
  /* the copy on one line: the same tree but for the 1、 items */
  g_assert_cmpstr (run_in_top, ==, lines_top);
  g_assert_cmpstr (run_in_tree, ==, lines_top);
}

/* The 1、 items of seed 001's （二）: 「1、2019年，共发布…」 keeps its year. */
static void
test_outline_seed_item_titles (void)
{
  g_autofree char *path = seed ("001_");
  g_autoptr(GkOutline) outline = NULL;

  if (path == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
      return;
    }
  outline = outline_of_path (path);
  g_assert_cmpstr (gk_outline_find (outline, "s1.2.1")->title, ==, "1、2019年");
  g_assert_cmpstr (gk_outline_find (outline, "s1.2.2")->title, ==, "2、依申请公开情况");
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
  /* a （一） straight after a section's title */
  g_assert_cmpuint (gk_outline_find (outline, "s5")->children->len, ==, 1);
  g_assert_cmpstr (gk_outline_find (outline, "s5.1")->title, ==, "（一）存在的主要问题");
}

/* The same, from a file: a text copy of a 2021-form report on one line. */
static void
test_outline_run_in_file (void)
{
  g_autofree char *path = data_path ("run-in-2022.txt");
  g_autoptr(GkOutline) outline = outline_of_path (path);
  g_autofree char *tree = tree_of (outline, 3, TRUE);

  g_assert_cmpstr (tree, ==,
                   "s1 一、总体情况\n"
                   "s1.1 （一）主动公开方面\n"
                   "s1.2 （二）依申请公开方面\n"
                   "s2 二、主动公开政府信息情况\n"
                   "s3 三、收到和处理政府信息公开申请情况\n"
                   "s4 四、政府信息公开行政复议、行政诉讼情况\n"
                   "s5 五、存在的主要问题及改进情况\n"
                   "s5.1 （一）存在的主要问题\n"
                   "s5.2 （二）改进措施\n"
                   "s6 六、其他需要报告的事项\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outline/seeds", test_outline_seeds);
  g_test_add_func ("/outline/nested-duplicates", test_outline_nested_duplicates);
  g_test_add_func ("/outline/ranges-and-chrome", test_outline_ranges_and_chrome);
  g_test_add_func ("/outline/seed-item-titles", test_outline_seed_item_titles);
  g_test_add_func ("/outline/corpus", test_outline_corpus);
  g_test_add_func ("/outline/corpus-copies-agree", test_outline_corpus_copies_agree);
  g_test_add_func ("/outline/legacy", test_outline_legacy);
  g_test_add_func ("/outline/letter", test_outline_letter);
  g_test_add_func ("/outline/heading-typo", test_outline_heading_typo);
  g_test_add_func ("/outline/missing-section", test_outline_missing_section);
  g_test_add_func ("/outline/run-in", test_outline_run_in);
  g_test_add_func ("/outline/run-in-file", test_outline_run_in_file);
  g_test_add_func ("/outline/numerals", test_outline_numerals);
  return g_test_run ();
}
