/* test-text.c — folding for matching, and numbers as reports write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <opencc/opencc.h>

#include "gk-source.h"
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

/* What OpenCC's t2s makes of the whole text at once: the conversion that
 * gk_text_to_simplified() must equal, though it skips runs that are
 * simplified already. */
static char *
t2s_whole (const char *text)
{
  opencc_t converter = opencc_open ("t2s.json");
  char *converted;
  char *result;

  g_assert_true (converter != (opencc_t) -1);
  converted = opencc_convert_utf8 (converter, text, strlen (text));
  result = g_strdup (converted);
  opencc_convert_utf8_free (converted);
  opencc_close (converter);
  return result;
}

static void
assert_simplifies_as_t2s (const char *text,
                          const char *what)
{
  g_autofree char *expected = t2s_whole (text);
  g_autofree char *simplified = gk_text_to_simplified (text, -1);

  if (g_strcmp0 (simplified, expected) != 0)
    g_test_message ("%s: not as t2s converts it", what);
  g_assert_cmpstr (simplified, ==, expected);
}

typedef void (*PageCheck) (const char *text,
                           const char *path);

/* Every file under @directory that reads as a page, through @check. */
static void
check_files_in (const char *directory,
                PageCheck   check,
                guint      *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GkSource) source = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          check_files_in (path, check, n_files);
          continue;
        }
      file = g_file_new_for_path (path);
      source = gk_source_new_from_file (file, NULL, NULL);
      if (source == NULL)
        continue;
      check (source->text, path);
      (*n_files)++;
    }
}

/* Only runs of Han characters that could change go through OpenCC: the
 * result must be t2s's, character for character, on phrases that change
 * only as phrases, on traditional and simplified pages, and on every seed
 * and corpus page. */
static void
test_text_simplified_equals_t2s (void)
{
  static const char * const samples[] = {
    "重覆申請2件，瞭解情況後藉口拖延",        /* 覆 瞭 藉 change only within phrases */
    "重覆申请，瞭解情况，藉口拖延，衹有一件",  /* … even with nothing else to convert */
    "什麼、衹有、彷彿、俱樂部、沈澱",
    "乾隆年間，乾燥；乾坤",                   /* 乾 alone becomes 干, not in 乾隆 */
    "1.屬於國家秘密：0件；（二）部分公開（區分處理的，只計這一情形）",
    "本机关不掌握相关政府信息，重复申请",     /* simplified already */
    "２０２１年ＡＢＣ〇件、々",
    "總計",                                   /* one run to convert, nothing else */
    "覆盖范围。屬於",                         /* a run at each end */
    "中😀文、覆𠀀蓋",                         /* astral characters */
  };
  const char *data = g_getenv ("GK_TEST_DATA");
  const char *shared = g_getenv ("GK_SHARED_DIR");
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    assert_simplifies_as_t2s (samples[i], samples[i]);

  if (data != NULL)
    {
      g_autofree char *seeds = g_build_filename (data, "seeds", NULL);
      check_files_in (seeds, assert_simplifies_as_t2s, &n_files);
    }
  g_assert_cmpuint (n_files, >=, 5);
  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_message ("../shared is absent: corpus pages not compared");
      return;
    }
  {
    g_autofree char *corpus = g_build_filename (shared, "corpus", NULL);
    check_files_in (corpus, assert_simplifies_as_t2s, &n_files);
  }
  g_test_message ("%u files converted as t2s converts them", n_files);
}

/* gk_text_fold_mapped() must give what gk_text_fold_width() and
 * gk_text_to_simplified() give, and map each byte to the character it came
 * from. */
static void
assert_fold_mapped (const char *text,
                    gsize       len,
                    const char *what)
{
  g_autofree char *width = gk_text_fold_width (text, len);
  g_autofree char *simplified = gk_text_to_simplified (width, -1);
  g_autofree gsize *map = NULL;
  g_autofree char *mapped_simplified = NULL;
  gsize narrow_len = 0;
  g_autofree char *narrow = gk_text_fold_mapped (text, len, &map, &narrow_len, &mapped_simplified);
  g_autoptr(GArray) expected_map = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *end = text + len;

  g_test_message ("%s", what);
  g_assert_cmpstr (narrow, ==, width);
  g_assert_cmpuint (narrow_len, ==, strlen (width));
  if (g_strcmp0 (simplified, width) == 0)
    g_assert_null (mapped_simplified);
  else
    g_assert_cmpstr (mapped_simplified, ==, simplified);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = gk_text_fold_char (g_utf8_get_char (p));
      char bytes[8];
      gsize offset = p - text;

      if (c == 0)
        continue;
      for (gint b = g_unichar_to_utf8 (c, bytes); b > 0; b--)
        g_array_append_val (expected_map, offset);
    }
  g_array_append_val (expected_map, len);
  g_assert_cmpmem (map, (narrow_len + 1) * sizeof (gsize),
                   expected_map->data, expected_map->len * sizeof (gsize));
}

static void
check_fold_mapped (const char *text,
                   const char *path)
{
  assert_fold_mapped (text, strlen (text), path);
}

/* Folding a page's body in one pass, as extraction does, with the map back
 * to it: the same as folding its width, then simplifying. */
static void
test_text_fold_mapped (void)
{
  static const char * const samples[] = {
    "",
    "abc 123",
    "黄石市应急管理局2019年度政府信息公开工作年度报告",
    "重覆申請2件，瞭解情況後藉口拖延",          /* runs that change only as phrases */
    "覆盖 范围\t拓展试点覆盖范围",              /* a space inside a run: folded away */
    "乾隆年間，乾燥；乾坤",
    "屬於國家秘密\n總計\t合計",                 /* a run to convert at each end */
    "（一）予以公開　１２３ＡＢＣ“三安全一穩定”", /* widths, quotes, spaces */
    "〇件、々、㐀𠀀；中😀文",                    /* Han outside U+4E00…U+9FFF, astral characters */
    "十年樹木，百年樹人。行政複議",
  };
  const char *data = g_getenv ("GK_TEST_DATA");
  const char *shared = g_getenv ("GK_SHARED_DIR");
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    assert_fold_mapped (samples[i], strlen (samples[i]), samples[i]);
  /* a length short of the terminating NUL */
  assert_fold_mapped ("行政複議行政訴訟", strlen ("行政複議"), "a prefix");

  if (data != NULL)
    {
      g_autofree char *seeds = g_build_filename (data, "seeds", NULL);
      g_autofree char *extract = g_build_filename (data, "extract", NULL);
      check_files_in (seeds, check_fold_mapped, &n_files);
      check_files_in (extract, check_fold_mapped, &n_files);
    }
  g_assert_cmpuint (n_files, >=, 5);
  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_message ("../shared is absent: corpus pages not folded");
      return;
    }
  {
    g_autofree char *corpus = g_build_filename (shared, "corpus", NULL);
    check_files_in (corpus, check_fold_mapped, &n_files);
  }
  g_test_message ("%u files folded in one pass as in two", n_files);
}

/* A needle with a byte the text lacks is never in it; one whose bytes are
 * all there may or may not be. */
static void
test_byte_set (void)
{
  GkByteSet text, present, absent, empty, prefix;

  gk_byte_set_init (&text, "本年新收政府信息公开申请数量 abc", -1);
  gk_byte_set_init (&present, "信息公开", -1);
  gk_byte_set_init (&absent, "行政复议", -1);
  gk_byte_set_init (&empty, "", -1);
  gk_byte_set_init (&prefix, "本年新收xyz", strlen ("本年新收"));

  g_assert_true (gk_byte_set_includes (&text, &present));
  g_assert_false (gk_byte_set_includes (&text, &absent));
  g_assert_true (gk_byte_set_includes (&text, &empty));
  g_assert_true (gk_byte_set_includes (&text, &prefix));
  g_assert_false (gk_byte_set_includes (&present, &text));
  /* every byte value counts, ASCII and bytes ≥ 0x80 alike */
  for (guint b = 1; b < 256; b++)
    {
      char one[2] = { (char) b, '\0' };
      GkByteSet single;

      gk_byte_set_init (&single, one, 1);
      g_assert_true (gk_byte_set_includes (&single, &single));
      g_assert_cmpint (gk_byte_set_includes (&text, &single), ==, strchr ("本年新收政府信息公开申请数量 abc", b) != NULL);
    }
}

/* What extraction reads as a digit is what folding turns into one: a run
 * handed to the split holds ASCII digits only.  Other digits (「²」「①」
 * 「٣」) and the marks beside numbers are not digits. */
static void
test_text_is_digit (void)
{
  static const gunichar not_digits[] = {
    0x00B2, 0x2082, 0x2460, 0x2474, 0x0663, 0x06F3, 0x0966, 0x1D7D8, 0x3007, 0x4E09,
    0x2014, 0x2015, 0x2212, '/', 0xFF0F, 0xFF0E, 'O', 'l',
  };

  for (gunichar c = '0'; c <= '9'; c++)
    {
      g_assert_true (gk_text_is_digit (c));
      g_assert_true (gk_text_is_digit (c + 0xFEE0));
      g_assert_cmpuint (gk_text_fold_char (c + 0xFEE0), ==, c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_digits); i++)
    g_assert_false (gk_text_is_digit (not_digits[i]));

  for (gunichar c = 0; c <= 0x10FFFF; c++)
    {
      gunichar folded = gk_text_fold_char (c);
      gboolean folds_to_digit = folded >= '0' && folded <= '9';

      if (gk_text_is_digit (c) != folds_to_digit)
        g_error ("U+%04X: gk_text_is_digit says %d, folding gives U+%04X", c,
                 gk_text_is_digit (c), folded);
    }
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
    { "123456789012345", GK_VALUE_NUMBER, 123456789012345.0, TRUE, NULL },
    { "1234567890123456", GK_VALUE_NUMBER, 1234567890123456.0, TRUE, NULL },
    { "007", GK_VALUE_NUMBER, 7, TRUE, NULL },
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
    { "(万元)", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "合计", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "元", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "减少3", GK_VALUE_NUMBER, -3, TRUE, NULL },
    { "增加5件", GK_VALUE_NUMBER, 5, TRUE, "件" },
    { "＋２", GK_VALUE_NUMBER, 2, TRUE, NULL },
    { "减", GK_VALUE_TEXT, 0, TRUE, NULL },
    { "增加", GK_VALUE_TEXT, 0, TRUE, NULL },
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

/* The exponent branch writes a fixed point: a point, whatever the locale. */
static void
assert_exponent_branch (void)
{
  g_autofree char *large = gk_number_format (1e15, TRUE);
  g_autofree char *small = gk_number_format (0.00001, FALSE);

  g_assert_cmpstr (large, ==, "1000000000000000.000000");
  g_assert_cmpstr (small, ==, "0.000010");
}

static void
test_number_format_locale (void)
{
  static const char * const comma_locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8" };
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  gboolean switched = FALSE;

  assert_exponent_branch ();
  for (guint i = 0; i < G_N_ELEMENTS (comma_locales) && !switched; i++)
    switched = setlocale (LC_NUMERIC, comma_locales[i]) != NULL;
  if (!switched)
    {
      g_test_skip ("no locale with a decimal comma (de_DE.UTF-8 …) is installed");
      return;
    }
  /* JSON and CSV want 0.000010, never 0,000010 */
  assert_exponent_branch ();
  setlocale (LC_NUMERIC, previous);
}

/* One list of not-applicable marks, for cells and for text streams alike. */
static void
test_na_marks (void)
{
  static const char * const marks[] = {
    "/", "／", "\\", "-", "－", "—", "——", "―", "×", "*", "＊", "…", "……", "无", "無", "不适用",
    "不涉及", "N/A", " / ", "\u3000——\u3000",
  };
  static const char * const not_marks[] = {
    "", "0", "5", "-1", "无。", "见附件", "//5", "本年新收",
    "不适用不适用不适用", "——————————————————", "本表中没有不适用的项目",
  };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_test_message ("mark “%s”", marks[i]);
      g_assert_true (gk_text_is_na_mark (marks[i], -1));
      g_assert_cmpint (gk_number_parse (marks[i]).kind, ==, GK_VALUE_NA);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_marks); i++)
    {
      g_test_message ("not a mark “%s”", not_marks[i]);
      g_assert_false (gk_text_is_na_mark (not_marks[i], -1));
      g_assert_cmpint (gk_number_parse (not_marks[i]).kind, !=, GK_VALUE_NA);
    }
  /* a length limits the text looked at */
  g_assert_true (gk_text_is_na_mark ("／5", strlen ("／")));
  /* spaces and quotes fold away, however many */
  g_assert_true (gk_text_is_na_mark ("  “ \u3000 不 适 用 ”  \t ", -1));
}

static void
assert_strips_to (const char *text,
                  const char *expected,
                  gboolean    cut)
{
  g_autofree char *copy = g_strdup (text);

  g_assert_cmpint (gk_text_strip_parenthesized_tail (copy), ==, cut);
  g_assert_cmpstr (copy, ==, expected);
}

static void
test_strip_parenthesized_tail (void)
{
  assert_strips_to ("52.15(万元)", "52.15", TRUE);
  assert_strips_to ("示例县人民政府(本级)", "示例县人民政府", TRUE);
  assert_strips_to ("a(b)(c)", "a(b)", TRUE);
  /* nothing before it, or no closing at the end: kept */
  assert_strips_to ("(本级)", "(本级)", FALSE);
  assert_strips_to ("a(b)c", "a(b)c", FALSE);
  assert_strips_to ("a)", "a)", FALSE);
  assert_strips_to ("", "", FALSE);
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

/* Bytes that are not UTF-8 (callers validate first, but a fold must never
 * write past its buffer): each is kept as it is, one byte for one. */
static void
test_text_invalid_bytes (void)
{
  const char stray[] = "\x80\x80\x80\x80";
  const char cut[] = "體育\xe9";
  g_autofree gsize *map = NULL;
  g_autofree char *simplified = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *converted = NULL;
  gsize narrow_len = 0;

  narrow = gk_text_fold_mapped (stray, sizeof stray - 1, &map, &narrow_len, &simplified);
  g_assert_cmpuint (narrow_len, ==, 4);
  g_assert_cmpmem (narrow, narrow_len, stray, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (map[i], ==, i);
  g_assert_cmpuint (map[4], ==, 4);

  /* a character cut short at the end is copied, the rest simplified */
  converted = gk_text_to_simplified (cut, sizeof cut - 1);
  g_assert_cmpstr (converted, ==, "体育\xe9");
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold", test_text_fold);
  g_test_add_func ("/text/fold-keeps-simplified", test_text_fold_keeps_simplified);
  g_test_add_func ("/text/fold-threads", test_text_fold_threads);
  g_test_add_func ("/text/simplified-equals-t2s", test_text_simplified_equals_t2s);
  g_test_add_func ("/text/fold-mapped", test_text_fold_mapped);
  g_test_add_func ("/text/invalid-bytes", test_text_invalid_bytes);
  g_test_add_func ("/text/byte-set", test_byte_set);
  g_test_add_func ("/text/is-digit", test_text_is_digit);
  g_test_add_func ("/text/collapse-spaces", test_text_collapse_spaces);
  g_test_add_func ("/text/number-parse", test_number_parse);
  g_test_add_func ("/text/number-format", test_number_format);
  g_test_add_func ("/text/number-format-locale", test_number_format_locale);
  g_test_add_func ("/text/na-marks", test_na_marks);
  g_test_add_func ("/text/strip-parenthesized-tail", test_strip_parenthesized_tail);
  g_test_add_func ("/text/value-kind-names", test_value_kind_names);
  return g_test_run ();
}
