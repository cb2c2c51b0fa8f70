/* test-text.c — folding for matching, and numbers as reports write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gk-text.h"

static void
assert_folds_to (const char *text,
                 const char *expected)
{
  g_autofree char *folded = gk_text_fold (text, -1);
  g_assert_cmpstr (folded, ==, expected);
}

static void
test_text_fold (void)
{
  /* traditional → simplified, characters and common phrases */
  assert_folds_to ("黑龍江省人民防空辦公室", "黑龙江省人民防空办公室");
  assert_folds_to ("行政規範性檔案", "行政规范性档案");
  assert_folds_to ("屬於行政查詢事項", "属于行政查询事项");
  assert_folds_to ("屬於國家秘密", "属于国家秘密");
  /* full-width to half-width, whitespace of every kind removed */
  assert_folds_to ("（一）予以公开", "(一)予以公开");
  assert_folds_to ("商 业 企\n业", "商业企业");
  assert_folds_to ("商业\u00A0\u3000企业", "商业企业");
  assert_folds_to ("１２３ＡＢＣ", "123abc");
  /* quotes vary between reports */
  assert_folds_to ("3.危及“三安全一稳定”", "3.危及三安全一稳定");
  assert_folds_to ("3.危及\"三安全一稳定\"", "3.危及三安全一稳定");
  assert_folds_to ("", "");
}

static void
test_text_fold_keeps_simplified (void)
{
  /* already simplified text must come through unchanged */
  assert_folds_to ("黄石市应急管理局2019年度政府信息公开工作年度报告",
                   "黄石市应急管理局2019年度政府信息公开工作年度报告");
  assert_folds_to ("本年收费金额(单位:万元)", "本年收费金额(单位:万元)");
  assert_folds_to ("行政规范性文件", "行政规范性文件");
}

static void
test_text_collapse_spaces (void)
{
  g_autofree char *a = gk_text_collapse_spaces ("  商业\n\t 企业\u3000 ", -1);
  g_autofree char *b = gk_text_collapse_spaces ("\u00A0", -1);

  g_assert_cmpstr (a, ==, "商业 企业");
  g_assert_cmpstr (b, ==, "");
}

typedef struct
{
  const char  *raw;
  GkValueKind  kind;
  double       value;
  gboolean     is_integer;
  const char  *unit;
} NumberCase;

static void
test_number_parse (void)
{
  static const NumberCase cases[] = {
    { "", GK_VALUE_EMPTY, 0, TRUE, NULL },
    { "  \u3000", GK_VALUE_EMPTY, 0, TRUE, NULL },
    { "/", GK_VALUE_NA, 0, TRUE, NULL },
    { "—", GK_VALUE_NA, 0, TRUE, NULL },
    { "－", GK_VALUE_NA, 0, TRUE, NULL },
    { "无", GK_VALUE_NA, 0, TRUE, NULL },
    { "不适用", GK_VALUE_NA, 0, TRUE, NULL },
    { "0", GK_VALUE_ZERO, 0, TRUE, NULL },
    { "0.00", GK_VALUE_ZERO, 0, FALSE, NULL },
    { "18", GK_VALUE_NUMBER, 18, TRUE, NULL },
    { "  274126 ", GK_VALUE_NUMBER, 274126, TRUE, NULL },
    { "１２８２", GK_VALUE_NUMBER, 1282, TRUE, NULL },
    { "1,234", GK_VALUE_NUMBER, 1234, TRUE, NULL },
    { "1，234，567", GK_VALUE_NUMBER, 1234567, TRUE, NULL },
    { "24252.311082", GK_VALUE_NUMBER, 24252.311082, FALSE, NULL },
    { "75394432.52元", GK_VALUE_NUMBER, 75394432.52, FALSE, "元" },
    { "251000元", GK_VALUE_NUMBER, 251000, TRUE, "元" },
    { "52.15万元", GK_VALUE_NUMBER, 52.15, FALSE, "万元" },
    { "3件", GK_VALUE_NUMBER, 3, TRUE, "件" },
    { "减4", GK_VALUE_NUMBER, -4, TRUE, NULL },
    { "減4", GK_VALUE_NUMBER, -4, TRUE, NULL },
    { "無", GK_VALUE_NA, 0, TRUE, NULL },
    { "-185", GK_VALUE_NUMBER, -185, TRUE, NULL },
    { "−185", GK_VALUE_NUMBER, -185, TRUE, NULL },
    { "增3", GK_VALUE_NUMBER, 3, TRUE, NULL },
    { "+3", GK_VALUE_NUMBER, 3, TRUE, NULL },
    { "见附件", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "1,23", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "12.", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "1.2.3", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "640020470", GK_VALUE_NUMBER, 640020470, TRUE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GkNumber n = gk_number_parse (cases[i].raw);

      g_test_message ("parsing “%s”", cases[i].raw);
      g_assert_cmpint (n.kind, ==, cases[i].kind);
      g_assert_cmpfloat_with_epsilon (n.value, cases[i].value, 1e-9);
      if (cases[i].kind == GK_VALUE_NUMBER || cases[i].kind == GK_VALUE_ZERO)
        g_assert_cmpint (n.is_integer, ==, cases[i].is_integer);
      g_assert_cmpstr (n.unit, ==, cases[i].unit);
    }
  g_assert_cmpint (gk_number_parse (NULL).kind, ==, GK_VALUE_EMPTY);
}

static void
test_number_format (void)
{
  struct { double value; gboolean integer; const char *text; } cases[] = {
    { 1282, TRUE, "1282" },
    { -4, TRUE, "-4" },
    { 0, TRUE, "0" },
    { 24252.311082, FALSE, "24252.311082" },
    { 9116.36, FALSE, "9116.36" },
    { 75394432.52, FALSE, "75394432.52" },
    { 0.5, FALSE, "0.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gk_number_format (cases[i].value, cases[i].integer);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_value_kind_names (void)
{
  GkValueKind kind;

  for (GkValueKind k = GK_VALUE_EMPTY; k <= GK_VALUE_TEXT; k++)
    {
      g_assert_true (gk_value_kind_from_string (gk_value_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_cmpstr (gk_value_kind_to_string (GK_VALUE_NA), ==, "na");
  g_assert_false (gk_value_kind_from_string ("bogus", &kind));
}

static gpointer
fold_in_thread (gpointer data)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *folded = gk_text_fold ("黑龍江省人民防空辦公室", -1);
      if (g_strcmp0 (folded, "黑龙江省人民防空办公室") != 0)
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_text_fold_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("fold", fold_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold", test_text_fold);
  g_test_add_func ("/text/fold-keeps-simplified", test_text_fold_keeps_simplified);
  g_test_add_func ("/text/fold-threads", test_text_fold_threads);
  g_test_add_func ("/text/collapse-spaces", test_text_collapse_spaces);
  g_test_add_func ("/text/number-parse", test_number_parse);
  g_test_add_func ("/text/number-format", test_number_format);
  g_test_add_func ("/text/value-kind-names", test_value_kind_names);
  return g_test_run ();
}
