/* test-cli.c — gongkai-cli as scripts use it: help, exit codes, JSON, CSV,
 * and a hostile set of files that must each get a message, never a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The CLI under @locale, whatever the caller's own: LANGUAGE would override
 * it, and GONGKAI_LOCALEDIR would bypass the build tree's catalogues. */
static void
run_cli_in (Run                *run,
            const char         *locale,
            const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_unsetenv (envp, "GONGKAI_LOCALEDIR");
  g_ptr_array_add (argv, (gpointer) g_getenv ("GK_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  g_test_message ("exit %d", run->status);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

/* English, so that the assertions on its words hold on any machine */
static void
run_cli (Run                *run,
         const char * const *args)
{
  run_cli_in (run, "C", args);
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

static void
test_cli_help_and_version (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) version = { 0 };
  g_auto(Run) unknown = { 0 };

  run_cli (&help, (const char *[]) { "--help", NULL });
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "outline"));
  g_assert_nonnull (strstr (help.out, "check"));
  g_assert_nonnull (strstr (help.out, "extract"));

  run_cli (&version, (const char *[]) { "--version", NULL });
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "gongkai-cli " PACKAGE_VERSION));

  run_cli (&unknown, (const char *[]) { "frobnicate", NULL });
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
}

static void
test_cli_check_exit_codes (void)
{
  g_autofree char *clean = seed ("002_");
  g_autofree char *broken = seed ("003_");
  g_autofree char *warned = seed ("004_");
  g_auto(Run) ok = { 0 };
  g_auto(Run) error = { 0 };
  g_auto(Run) lenient = { 0 };
  g_auto(Run) strict = { 0 };
  g_auto(Run) json = { 0 };

  if (clean == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
      return;
    }
  run_cli (&ok, (const char *[]) { "check", clean, NULL });
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "0 errors"));

  /* seed 003: t4 review pending 1, total 0 */
  run_cli (&error, (const char *[]) { "check", broken, NULL });
  g_assert_cmpint (error.status, ==, 1);
  g_assert_nonnull (strstr (error.out, "0+0+0+1 = 1 ≠ 0"));

  /* a warning alone passes, unless --strict */
  run_cli (&lenient, (const char *[]) { "check", warned, NULL });
  g_assert_cmpint (lenient.status, ==, 0);
  run_cli (&strict, (const char *[]) { "check", "--strict", warned, NULL });
  g_assert_cmpint (strict.status, ==, 1);

  run_cli (&json, (const char *[]) { "check", "--json", broken, NULL });
  g_assert_cmpint (json.status, ==, 1);
  g_assert_nonnull (strstr (json.out, "\"rule\": \"t4.group_total\""));
  g_assert_nonnull (strstr (json.out, "\"severity\": \"error\""));
}

static void
test_cli_outline_and_extract (void)
{
  g_autofree char *traditional = seed ("004_");
  g_auto(Run) outline = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) bad_format = { 0 };

  if (traditional == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
      return;
    }
  run_cli (&outline, (const char *[]) { "outline", "--json", traditional, NULL });
  g_assert_cmpint (outline.status, ==, 0);
  g_assert_nonnull (strstr (outline.out, "\"agency_key\": \"黑龙江省人民防空办公室\""));
  g_assert_nonnull (strstr (outline.out, "\"missing_sections\": [\n      \"s4\"\n    ]"));

  run_cli (&csv, (const char *[]) { "extract", "--format", "csv", traditional, NULL });
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "file,agency,year,version,table,row,column,raw,kind,value\r\n"));
  g_assert_nonnull (strstr (csv.out, ",t3,new,total,144,number,144\r\n"));

  run_cli (&bad_format, (const char *[]) { "extract", "--format", "yaml", traditional, NULL });
  g_assert_cmpint (bad_format.status, ==, 2);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

/* Empty, binary, 100 MB, 10^5 nested <div>s, truncated multibyte, invalid
 * UTF-8 that claims to be UTF-8: each gets a message that names it. */
static void
test_cli_hostile_set (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gongkai-hostile-XXXXXX", NULL);
  g_autoptr(GString) deep = g_string_new ("<html><body>");
  g_auto(Run) run = { 0 };
  g_autofree char *big = g_build_filename (dir, "huge.html", NULL);
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  const char truncated[] = "一、总体情况\n本年度收到申请3件\xe7\x94";
  const char invalid[] = "<meta charset=\"utf-8\"><p>\xff\xfe\xc3\x28 一、总体情况</p>";
  int fd;

  g_free (write_file (dir, "empty.txt", "", 0));
  g_free (write_file (dir, "image.png", png, sizeof png - 1));
  g_free (write_file (dir, "report.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", -1));
  g_free (write_file (dir, "cut.txt", truncated, sizeof truncated - 1));
  g_free (write_file (dir, "claims-utf8.html", invalid, sizeof invalid - 1));
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<div>");
  g_string_append (deep, "一、总体情况");
  g_free (write_file (dir, "deep.html", deep->str, deep->len));
  /* sparse: 100 MB that take no disk */
  fd = g_open (big, O_CREAT | O_WRONLY, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
  close (fd);

  run_cli (&run, (const char *[]) { "check", dir, NULL });
  g_test_message ("stdout:\n%s\nstderr:\n%s", run.out, run.err);
  /* some files were refused; none crashed the run */
  g_assert_cmpint (run.status, ==, 3);
  /* each refused file is named, with its own reason */
  g_assert_nonnull (strstr (run.err, "“empty.txt” is empty"));
  g_assert_nonnull (strstr (run.err, "“image.png” is an image (PNG), not a saved report page"));
  g_assert_nonnull (strstr (run.err, "“report.pdf”: PDF reports are not supported yet"));
  g_assert_nonnull (strstr (run.err, "“huge.html” is too large"));
  /* the readable ones are read, each with a note about its bytes */
  {
    const char *cut = strstr (run.out, "cut.txt");
    const char *claims = strstr (run.out, "claims-utf8.html");
    const char *deep_page = strstr (run.out, "deep.html");

    g_assert_nonnull (cut);
    g_assert_nonnull (claims);
    g_assert_nonnull (deep_page);
    /* sorted by name: claims-utf8.html, cut.txt, deep.html */
    g_assert_nonnull (strstr (claims, "declares the charset “utf-8”, but its bytes are not valid in it"));
    g_assert_true (strstr (claims, "declares the charset") < cut);
    g_assert_nonnull (strstr (cut, "ends in the middle of a character"));
    g_assert_true (strstr (cut, "ends in the middle of a character") < deep_page);
  }
  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);

  /* a folder with nothing to read is said so */
  {
    g_autofree char *empty = g_build_filename (dir, "nothing-here", NULL);

    g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
    run_cli (&run, (const char *[]) { "outline", empty, NULL });
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "is a folder with no files to read"));
    g_rmdir (empty);
  }

  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

/* A Chinese run needs the zh_CN locale and the catalogue built beside the
 * CLI (the po folder is built with the GUI). */
static gboolean
can_run_chinese (void)
{
  g_autofree char *locales = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *catalogue = NULL;
  gboolean found = FALSE;

  if (!g_spawn_command_line_sync ("locale -a", &locales, NULL, NULL, NULL))
    {
      g_test_skip ("“locale -a” cannot be run: no Chinese run");
      return FALSE;
    }
  lines = g_strsplit (locales, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !found; i++)
    found = g_ascii_strcasecmp (g_strstrip (lines[i]), "zh_CN.utf8") == 0
            || g_ascii_strcasecmp (lines[i], "zh_CN.UTF-8") == 0;
  if (!found)
    {
      g_test_skip ("“locale -a” lacks zh_CN.utf8: no Chinese run");
      return FALSE;
    }
  catalogue = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", "zh_CN", "LC_MESSAGES",
                                "gongkai.mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no zh_CN catalogue in the build tree (built without the GUI): no Chinese run");
      return FALSE;
    }
  return TRUE;
}

static char *
extract_fixture (const char *name)
{
  const char *data = g_getenv ("GK_TEST_DATA");

  return data != NULL ? g_build_filename (data, "extract", name, NULL) : NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, haystack);
}

/* Outside a Chinese locale, check speaks English throughout: the frame, the
 * findings (message_en), prose labels, table details and the labels of the
 * rows and columns a grouped line names. Only the page's words stay Chinese. */
static void
test_cli_check_english (void)
{
  g_autofree char *broken = seed ("003_");
  g_autofree char *warned = seed ("004_");
  g_autofree char *blanks = extract_fixture ("separate-2019-traditional.html");
  g_auto(Run) run = { 0 };
  static const char * const chinese_frame[] = {
    "类型：", "标题：", "按纯文本读取", "已读取", "未找到", "正文：", "个错误", "个警告", "无法核对",
    "从文本读取", "从网页表格读取", "本页没有此表的文字", "不成立", "总计等于", "收到申请 68", "商业企业",
  };

  if (broken == NULL || blanks == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
      return;
    }
  run_cli (&run, (const char *[]) { "check", broken, warned, blanks, NULL });
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "   kind: annual report   form: 2021   agency: 东丽区应急管理局   year: 2023");
  assert_contains (run.out, "   read as plain text, UTF-8 (the bytes are valid UTF-8)\n");
  assert_contains (run.out, "   t4 found         read from text\n");
  assert_contains (run.out, "✗ error     t4.group_total     Administrative reconsideration: "
                            "“total = upheld + corrected + other + pending” fails: 0+0+0+1 = 1 ≠ 0\n");
  assert_contains (run.out, "   1 error, 0 warnings, 0 uncertain\n");
  /* seed 004: a table not on the page, a prose fact quoted as the page wrote it */
  assert_contains (run.out, "   t4 not present   table not present in this page (perhaps published as an image)\n");
  assert_contains (run.out, "   in the text: applications received 68 "
                            "(「共接到網上政務信息公開平台民眾申請的依申請公開答覆內容68條」)\n");
  assert_contains (run.out, "   0 errors, 1 warning, 0 uncertain\n");
  /* blank cells: one line per rule, naming columns and rows by their labels */
  assert_contains (run.out, "? uncertain t3.balance         5 checks of “new + carried in = results total + "
                            "carried out” lack values (5 would hold if blanks were read as 0): Businesses; "
                            "Research institutions; Public-interest organisations; Legal service providers; "
                            "Others\n");
  assert_contains (run.out, "Granted; Unable: information not held; Results, total; Carried over to next year\n");
  for (guint i = 0; i < G_N_ELEMENTS (chinese_frame); i++)
    assert_lacks (run.out, chinese_frame[i]);
}

/* Under zh_CN, all in Chinese; the machine outputs do not change. */
static void
test_cli_check_chinese (void)
{
  g_autofree char *broken = seed ("003_");
  g_autofree char *warned = seed ("004_");
  g_autofree char *blanks = extract_fixture ("separate-2019-traditional.html");
  g_auto(Run) run = { 0 };
  static const char * const english_frame[] = {
    "kind:", "title:", "read as", "found", "not present", "in the text", "error", "warning", "uncertain",
    "read from", "fails", "total = upheld", "Businesses", "applications received", "suggest",
  };
  const char *machine[][4] = {
    { "check", "--json", NULL, NULL },
    { "outline", "--json", NULL, NULL },
    { "extract", "--format", "csv", NULL },
  };

  if (broken == NULL || blanks == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
      return;
    }
  if (!can_run_chinese ())
    return;
  run_cli_in (&run, "zh_CN.UTF-8", (const char *[]) { "check", broken, warned, blanks, NULL });
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.out, "   类型：年度报告   表格：2021 版   机关：东丽区应急管理局   年度：2023");
  assert_contains (run.out, "   按纯文本读取，编码 UTF-8（字节是有效的 UTF-8）\n");
  assert_contains (run.out, "   t4 已读取    从文本读取\n");
  assert_contains (run.out, "✗ 错误     t4.group_total     行政复议：「总计等于结果维持、结果纠正、其他结果与尚未审结之和」"
                            "不成立：0+0+0+1 = 1 ≠ 0\n");
  assert_contains (run.out, "   1 个错误，0 个警告，0 项无法核对\n");
  assert_contains (run.out, "   t4 未找到    本页没有此表的文字（可能以图片发布）\n");
  assert_contains (run.out, "   正文：收到申请 68（「共接到網上政務信息公開平台民眾申請的依申請公開答覆內容68條」）\n");
  assert_contains (run.out, "? 无法核对 t3.balance         5 处无法核对「第一项加第二项之和，等于第三项加第四项之和」，"
                            "缺少数值（若空白按 0 计，其中 5 处成立）：商业企业；科研机构；社会公益组织；法律服务机构；其他\n");
  assert_contains (run.out, "（一）予以公开；（四）无法提供·1.本机关不掌握相关政府信息；（七）总计；四、结转下年度继续办理\n");
  for (guint i = 0; i < G_N_ELEMENTS (english_frame); i++)
    assert_lacks (run.out, english_frame[i]);

  for (guint m = 0; m < G_N_ELEMENTS (machine); m++)
    {
      g_auto(Run) english = { 0 };
      g_auto(Run) chinese = { 0 };
      const char *args[6] = { machine[m][0], machine[m][1], machine[m][2], NULL, NULL, NULL };
      guint n = machine[m][2] != NULL ? 3 : 2;

      args[n] = broken;
      args[n + 1] = warned;
      run_cli (&english, args);
      run_cli_in (&chinese, "zh_CN.UTF-8", args);
      g_assert_cmpint (english.status, ==, chinese.status);
      g_assert_cmpstr (english.out, ==, chinese.out);
    }
}

/* A suggested split prints a line per row: the row's label, then its values,
 * lined up by column. */
static void
test_cli_check_suggestion_rows (void)
{
  g_autofree char *fixture = extract_fixture ("text-mark-beside-run-2022.txt");
  g_autofree char *page = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *two_rows = NULL;
  g_autoptr(GString) edited = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) one = { 0 };
  g_auto(Run) two = { 0 };

  if (fixture == NULL || !g_file_get_contents (fixture, &page, NULL, NULL))
    {
      g_test_skip ("no $GK_TEST_DATA/extract/text-mark-beside-run-2022.txt");
      return;
    }
  run_cli (&one, (const char *[]) { "check", fixture, NULL });
  g_assert_cmpint (one.status, ==, 0);
  assert_contains (one.out, "   suggested split of the digits run together in t3 (offered, not applied):\n"
                            "     New applications this year  64 0 0 2 0 4 70\n"
                            "     Of the 12 ways");

  /* the same page with 予以公开 run together too, and the totals to match */
  edited = g_string_new (NULL);
  lines = g_strsplit (page, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "（一）予以公开 "))
        line = "（一）予以公开 5001006";
      else if (g_str_has_prefix (line, "（七）总计 "))
        line = "（七）总计 5 0 0 1 0 0 6";
      else if (g_str_has_prefix (line, "四、结转下年度继续办理 "))
        line = "四、结转下年度继续办理 59 0 0 1 0 4 64";
      else if (g_str_has_prefix (line, "8.属于行政查询事项 "))
        line = "8.属于行政查询事项 0 0 0 0 0 0 0";
      g_string_append_printf (edited, "%s%s", i > 0 ? "\n" : "", line);
    }
  dir = g_dir_make_tmp ("gongkai-cli-runs-XXXXXX", NULL);
  two_rows = write_file (dir, "two-rows-2022.txt", edited->str, edited->len);
  run_cli (&two, (const char *[]) { "check", two_rows, NULL });
  g_assert_cmpint (two.status, ==, 0);
  assert_contains (two.out, "(offered, not applied):\n"
                            "     New applications this year  64 0 0 2 0 4 70\n"
                            "     Granted                      5 0 0 1 0 0  6\n"
                            "     Of the ");

  if (can_run_chinese ())
    {
      g_auto(Run) chinese = { 0 };

      run_cli_in (&chinese, "zh_CN.UTF-8", (const char *[]) { "check", two_rows, NULL });
      g_assert_cmpint (chinese.status, ==, 0);
      assert_contains (chinese.out, "   t3 中连写数字的拆分建议（仅供采纳，未改动数据）：\n"
                                    "     一、本年新收政府信息公开申请数量  64 0 0 2 0 4 70\n"
                                    "     （一）予以公开                     5 0 0 1 0 0  6\n"
                                    "     连写数字「640020470、5001006」共有");
    }
  g_unlink (two_rows);
  g_rmdir (dir);
}

/* A library an older extractor wrote is derived again before it is listed
 * or exported, not only before an import. */
static void
test_cli_reextract_before_use (void)
{
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *dir = NULL;
  g_autofree char *library = NULL;
  const char *list_args[] = { "list", "--library", NULL, NULL };
  const char *export_args[] = { "export", "--format", "csv", "--library", NULL, NULL };
  const char **commands[] = { list_args, export_args };
  sqlite3 *db = NULL;

  if (seeds == NULL)
    {
      g_test_skip ("no seeds: neither $GK_SHARED_DIR/seeds nor $GK_TEST_DATA/seeds");
      return;
    }
  dir = g_dir_make_tmp ("gongkai-cli-reextract-XXXXXX", NULL);
  library = g_build_filename (dir, "library.sqlite", NULL);
  list_args[2] = library;
  export_args[4] = library;
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, (const char *[]) { "import", "--library", library, seeds, NULL });
    g_assert_cmpint (run.status, ==, 0);
  }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(Run) stale = { 0 };
      g_auto(Run) fresh = { 0 };

      g_assert_cmpint (sqlite3_open (library, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE reports SET extractor_version = 0;"
                                         "UPDATE meta SET value = '0' WHERE key = 'extractor_version';"
                                         "DELETE FROM cells WHERE key LIKE 't4.%';",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      const char **args = commands[c];

      run_cli (&stale, args);
      g_assert_cmpint (stale.status, ==, 0);
      g_assert_nonnull (strstr (stale.err, "the extractor changed; deriving the library's cells again"));
      if (args == export_args)
        g_assert_nonnull (strstr (stale.out, ",t4,review,total,"));   /* the cells are back */
      run_cli (&fresh, args);
      g_assert_cmpint (fresh.status, ==, 0);
      g_assert_null (strstr (fresh.err, "extractor changed"));
      g_assert_cmpstr (stale.out, ==, fresh.out);
    }

  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("GK_CLI") == NULL)
    {
      g_printerr ("GK_CLI is not set: run this through meson test\n");
      return 77;
    }
  g_test_add_func ("/cli/help-and-version", test_cli_help_and_version);
  g_test_add_func ("/cli/check-exit-codes", test_cli_check_exit_codes);
  g_test_add_func ("/cli/outline-and-extract", test_cli_outline_and_extract);
  g_test_add_func ("/cli/check-english", test_cli_check_english);
  g_test_add_func ("/cli/check-chinese", test_cli_check_chinese);
  g_test_add_func ("/cli/check-suggestion-rows", test_cli_check_suggestion_rows);
  g_test_add_func ("/cli/hostile-set", test_cli_hostile_set);
  g_test_add_func ("/cli/reextract-before-use", test_cli_reextract_before_use);
  return g_test_run ();
}
