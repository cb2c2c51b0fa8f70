/* test-source.c — tests for reading saved pages into UTF-8 text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gk-source.h"

/* What tests/data/source/make-fixtures.py wrote into the pages. */
#define SIMPLIFIED_TITLE  "平潭综合实验区2019年度政府信息公开工作年度报告"
#define SIMPLIFIED_TEXT   SIMPLIFIED_TITLE "\n一、总体情况\n本年度共收到政府信息公开申请75件，均已按时办结。"
#define TRADITIONAL_TITLE "黑龍江省人民防空辦公室2021年度政府信息公開工作年度報告"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "source", name, NULL);
}

static GkSource *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GkSource *source = gk_source_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

/* The promises every source keeps. */
static void
assert_source_valid (GkSource *source)
{
  g_assert_nonnull (source->text);
  g_assert_cmpuint (strlen (source->text), ==, source->text_len);
  g_assert_true (g_utf8_validate (source->text, -1, NULL));
  g_assert_null (strchr (source->text, '\r'));
  g_assert_false (g_str_has_prefix (source->text, "\357\273\277"));
  g_assert_nonnull (source->sha256);
  g_assert_cmpuint (strlen (source->sha256), ==, 64);
  g_assert_nonnull (source->bytes);
  g_assert_nonnull (source->warnings);
}

static gboolean
has_warning (GkSource   *source,
             const char *needle)
{
  for (guint i = 0; i < source->warnings->len; i++)
    if (strstr (g_ptr_array_index (source->warnings, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
check_fixture (const char      *name,
               GkSourceKind     kind,
               const char      *charset,
               GkCharsetOrigin  origin,
               const char      *must_contain)
{
  g_autoptr(GkSource) source = load_fixture (name);

  assert_source_valid (source);
  g_assert_cmpstr (source->name, ==, name);
  g_assert_cmpstr (gk_source_kind_to_string (source->kind), ==, gk_source_kind_to_string (kind));
  g_assert_cmpstr (source->charset, ==, charset);
  g_assert_cmpstr (gk_charset_origin_to_string (source->charset_origin), ==,
                   gk_charset_origin_to_string (origin));
  if (must_contain != NULL && strstr (source->text, must_contain) == NULL)
    g_error ("%s: text lacks “%s”:\n%s", name, must_contain, source->text);
}

static void
test_gbk_without_meta (void)
{
  check_fixture ("gbk-no-meta.html", GK_SOURCE_KIND_HTML, "GB18030", GK_CHARSET_FROM_SNIFFING,
                 SIMPLIFIED_TITLE);
}

static void
test_gb2312_with_meta (void)
{
  check_fixture ("gb2312-meta.htm", GK_SOURCE_KIND_HTML, "GB18030", GK_CHARSET_FROM_DECLARATION,
                 SIMPLIFIED_TITLE);
}

static void
test_big5_without_meta (void)
{
  g_autoptr(GkSource) source = load_fixture ("big5-no-meta.html");

  check_fixture ("big5-no-meta.html", GK_SOURCE_KIND_HTML, "BIG5", GK_CHARSET_FROM_SNIFFING,
                 TRADITIONAL_TITLE);
  g_assert_cmpuint (source->warnings->len, ==, 0);
}

static void
test_big5_with_meta (void)
{
  check_fixture ("big5-meta.html", GK_SOURCE_KIND_HTML, "BIG5", GK_CHARSET_FROM_DECLARATION,
                 TRADITIONAL_TITLE);
}

static void
test_xml_declaration (void)
{
  check_fixture ("xml-declaration-gbk.xhtml", GK_SOURCE_KIND_HTML, "GB18030",
                 GK_CHARSET_FROM_DECLARATION, SIMPLIFIED_TITLE);
}

static void
test_commented_meta_ignored (void)
{
  check_fixture ("commented-meta.html", GK_SOURCE_KIND_HTML, "GB18030",
                 GK_CHARSET_FROM_DECLARATION, SIMPLIFIED_TITLE);
}

static void
test_utf8_bom (void)
{
  g_autoptr(GkSource) source = load_fixture ("utf8-bom.html");

  check_fixture ("utf8-bom.html", GK_SOURCE_KIND_HTML, "UTF-8", GK_CHARSET_FROM_BOM,
                 SIMPLIFIED_TITLE);
  g_assert_true (g_str_has_prefix (source->text, "<!DOCTYPE html>"));
}

static void
test_utf16le_bom (void)
{
  g_autoptr(GkSource) source = load_fixture ("utf16le-bom.txt");

  assert_source_valid (source);
  g_assert_cmpint (source->kind, ==, GK_SOURCE_KIND_TEXT);
  g_assert_cmpstr (source->charset, ==, "UTF-16LE");
  g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_BOM);
  /* BOM gone, CRLF turned into LF */
  g_assert_cmpstr (source->text, ==, SIMPLIFIED_TEXT);
  g_assert_cmpuint (source->warnings->len, ==, 0);
}

static void
test_utf16be_bom (void)
{
  check_fixture ("utf16be-bom.html", GK_SOURCE_KIND_HTML, "UTF-16BE", GK_CHARSET_FROM_BOM,
                 TRADITIONAL_TITLE);
}

static void
test_declared_utf8_but_gb18030 (void)
{
  g_autoptr(GkSource) source = load_fixture ("claims-utf8-is-gb18030.html");

  check_fixture ("claims-utf8-is-gb18030.html", GK_SOURCE_KIND_HTML, "GB18030",
                 GK_CHARSET_FROM_SNIFFING, SIMPLIFIED_TITLE);
  g_assert_true (has_warning (source, "declares the charset “UTF-8”, but its bytes are not valid"));
  g_assert_true (has_warning (source, "read as GB18030 instead"));
}

static void
test_invalid_utf8_claiming_utf8 (void)
{
  g_autoptr(GkSource) source = load_fixture ("invalid-utf8-claiming-utf8.html");
  guint replacements = 0;

  check_fixture ("invalid-utf8-claiming-utf8.html", GK_SOURCE_KIND_HTML, "UTF-8",
                 GK_CHARSET_FROM_LOSSY, "本年度共收到政府信息公开申请75件");
  for (const char *p = source->text; (p = strstr (p, "\357\277\275")) != NULL; p++)
    replacements++;
  g_assert_cmpuint (replacements, ==, 3);
  g_assert_true (has_warning (source, "3 invalid byte(s) were replaced"));
  g_assert_true (has_warning (source, "declares the charset “utf-8”"));
}

static void
test_truncated_utf8 (void)
{
  g_autoptr(GkSource) source = load_fixture ("truncated-utf8.txt");
  g_autofree char *expected = g_strndup (SIMPLIFIED_TEXT, strlen (SIMPLIFIED_TEXT) - 3);

  assert_source_valid (source);
  g_assert_cmpint (source->kind, ==, GK_SOURCE_KIND_TEXT);
  g_assert_cmpstr (source->charset, ==, "UTF-8");
  g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_UTF8_VALID);
  g_assert_cmpstr (source->text, ==, expected);
  g_assert_true (has_warning (source, "last 1 byte(s) were dropped"));
}

static void
test_truncated_gbk (void)
{
  g_autoptr(GkSource) source = load_fixture ("truncated-gbk.html");

  check_fixture ("truncated-gbk.html", GK_SOURCE_KIND_HTML, "GB18030", GK_CHARSET_FROM_SNIFFING,
                 SIMPLIFIED_TITLE);
  g_assert_true (g_str_has_suffix (source->text, "</html>"));
  g_assert_true (has_warning (source, "last 1 byte(s) were dropped"));
}

static void
test_txt_holding_html (void)
{
  check_fixture ("really-html.txt", GK_SOURCE_KIND_HTML, "UTF-8", GK_CHARSET_FROM_DECLARATION,
                 SIMPLIFIED_TITLE);
}

static void
test_html_holding_text (void)
{
  /* 「<中华人民共和国…>」 in prose is not markup. */
  check_fixture ("really-text.html", GK_SOURCE_KIND_TEXT, "UTF-8", GK_CHARSET_FROM_UTF8_VALID,
                 "<中华人民共和国政府信息公开工作年度报告格式>");
}

static void
test_unknown_extension (void)
{
  check_fixture ("no-extension", GK_SOURCE_KIND_HTML, "UTF-8", GK_CHARSET_FROM_UTF8_VALID,
                 SIMPLIFIED_TITLE);
}

static void
test_newlines (void)
{
  g_autoptr(GkSource) source = load_fixture ("crlf.txt");

  assert_source_valid (source);
  g_assert_cmpstr (source->text, ==, SIMPLIFIED_TEXT "\nold mac line\n");
  /* The bytes are kept as they were. */
  g_assert_nonnull (memchr (g_bytes_get_data (source->bytes, NULL), '\r',
                            g_bytes_get_size (source->bytes)));
}

static void
test_mhtml_quoted_printable (void)
{
  g_autoptr(GkSource) source = load_fixture ("quoted-printable.mhtml");

  check_fixture ("quoted-printable.mhtml", GK_SOURCE_KIND_MHTML, "UTF-8",
                 GK_CHARSET_FROM_DECLARATION, "<p>本年度共收到政府信息公开申请75件，均已按时办结。</p>");
  g_assert_true (g_str_has_prefix (source->text, "<!DOCTYPE html>\n<html>"));
  g_assert_true (g_str_has_suffix (source->text, "</html>\n"));
  g_assert_null (strstr (source->text, "=3D"));
  g_assert_null (strstr (source->text, "color: red"));
  g_assert_null (strstr (source->text, "MultipartBoundary"));
  g_assert_nonnull (strstr (source->text, "content=\"text/html; charset=UTF-8\""));
}

static void
test_mhtml_base64_gbk (void)
{
  g_autoptr(GkSource) source = load_fixture ("base64-gbk.mht");

  check_fixture ("base64-gbk.mht", GK_SOURCE_KIND_MHTML, "GB18030", GK_CHARSET_FROM_DECLARATION,
                 "<p>本年度共收到政府信息公开申请75件，均已按时办结。</p>");
  g_assert_true (g_str_has_prefix (source->text, "<!DOCTYPE html>"));
  g_assert_cmpuint (source->warnings->len, ==, 0);
}

static void
test_html_holding_mime (void)
{
  /* nested multipart/alternative, the text/plain part skipped */
  g_autoptr(GkSource) source = load_fixture ("mime-in.html");

  check_fixture ("mime-in.html", GK_SOURCE_KIND_MHTML, "UTF-8", GK_CHARSET_FROM_DECLARATION,
                 SIMPLIFIED_TITLE);
  g_assert_true (g_str_has_prefix (source->text, "<!DOCTYPE html>"));
  g_assert_null (strstr (source->text, "plain"));
}

static void
test_mhtml_without_html (void)
{
  g_autofree char *path = fixture_path ("no-html-part.mht");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = gk_source_new_from_file (file, NULL, &error);

  g_assert_null (source);
  g_assert_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "“no-html-part.mht”"));
}

static void
test_hash_and_bytes (void)
{
  g_autofree char *path = fixture_path ("gbk-no-meta.html");
  g_autofree char *contents = NULL;
  gsize len;
  g_autofree char *expected = NULL;
  g_autoptr(GkSource) from_file = load_fixture ("gbk-no-meta.html");
  g_autoptr(GkSource) from_bytes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GkSource *extra_ref;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_assert_cmpstr (from_file->sha256, ==, expected);
  g_assert_cmpstr (from_file->path, ==, path);
  g_assert_cmpmem (g_bytes_get_data (from_file->bytes, NULL), g_bytes_get_size (from_file->bytes),
                   contents, len);

  bytes = g_bytes_new (contents, len);
  from_bytes = gk_source_new_from_bytes ("gbk-no-meta.html", bytes, &error);
  g_assert_no_error (error);
  assert_source_valid (from_bytes);
  g_assert_null (from_bytes->path);
  g_assert_cmpstr (from_bytes->text, ==, from_file->text);
  g_assert_cmpstr (from_bytes->sha256, ==, expected);
  g_assert_true (from_bytes->bytes == bytes);

  extra_ref = gk_source_ref (from_bytes);
  g_assert_true (extra_ref == from_bytes);
  gk_source_unref (extra_ref);
  g_assert_cmpstr (from_bytes->name, ==, "gbk-no-meta.html");
}

static void
test_to_string (void)
{
  g_assert_cmpstr (gk_source_kind_to_string (GK_SOURCE_KIND_HTML), ==, "html");
  g_assert_cmpstr (gk_source_kind_to_string (GK_SOURCE_KIND_MHTML), ==, "mhtml");
  g_assert_cmpstr (gk_source_kind_to_string (GK_SOURCE_KIND_TEXT), ==, "txt");
  g_assert_cmpstr (gk_charset_origin_to_string (GK_CHARSET_FROM_BOM), ==, "bom");
  g_assert_cmpstr (gk_charset_origin_to_string (GK_CHARSET_FROM_DECLARATION), ==, "declared");
  g_assert_cmpstr (gk_charset_origin_to_string (GK_CHARSET_FROM_UTF8_VALID), ==, "utf8");
  g_assert_cmpstr (gk_charset_origin_to_string (GK_CHARSET_FROM_SNIFFING), ==, "sniffed");
  g_assert_cmpstr (gk_charset_origin_to_string (GK_CHARSET_FROM_LOSSY), ==, "lossy");
}

/* Bytes built in memory */

static GkSource *
source_from_data (const char  *name,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  return gk_source_new_from_bytes (name, bytes, error);
}

static void
test_declared_gbk_but_utf8 (void)
{
  /* Re-saved as UTF-8 with the old GBK label left in place. */
  static const char page[] = "<html><head><meta charset=\"gbk\"></head><body>" SIMPLIFIED_TEXT
                             "</body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = source_from_data ("x.html", page, strlen (page), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (source->charset, ==, "UTF-8");
  g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_UTF8_VALID);
  g_assert_nonnull (strstr (source->text, SIMPLIFIED_TITLE));
  g_assert_true (has_warning (source, "declares the charset “gbk”"));
}

static void
test_unknown_declaration (void)
{
  static const char page[] = "<html><head><meta charset=\"x-nonsense//TRANSLIT\"></head>"
                             "<body>" SIMPLIFIED_TEXT "</body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = source_from_data ("x.html", page, strlen (page), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (source->charset, ==, "UTF-8");
  g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_UTF8_VALID);
  g_assert_true (has_warning (source, "not supported"));
}

static void
test_utf8_with_stray_bytes (void)
{
  /* Valid GB18030 too, but as mojibake (「鏀垮簻淇℃伅…」): UTF-8 with two bad
   * bytes replaced reads as Chinese, the GB18030 reading does not. */
  static const char text[] = "政府信息公开\241\241政府信息公开";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = source_from_data ("x.txt", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (source->charset, ==, "UTF-8");
  g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_LOSSY);
  g_assert_cmpstr (source->text, ==, "政府信息公开\357\277\275\357\277\275政府信息公开");
  g_assert_true (has_warning (source, "2 invalid byte(s) were replaced"));
}

static void
test_nul_after_sniff_window (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = NULL;

  while (page->len < 10000)
    g_string_append (page, "政府信息公开 ");
  g_string_append_len (page, "a\0b", 3);
  source = source_from_data ("x.html", page->str, page->len, &error);
  g_assert_no_error (error);
  assert_source_valid (source);
  g_assert_true (g_str_has_suffix (source->text, "a\357\277\275b"));
  g_assert_true (has_warning (source, "1 NUL byte(s) were replaced"));
}

static void
test_single_part_mime (void)
{
  static const char mht[] = "MIME-Version: 1.0\r\nContent-Type: text/html; charset=\"gb2312\"\r\n"
                            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                            "<p>=C6=BD=CC=B6=\r\n</p>\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = source_from_data ("x.mht", mht, strlen (mht), &error);

  g_assert_no_error (error);
  g_assert_cmpint (source->kind, ==, GK_SOURCE_KIND_MHTML);
  g_assert_cmpstr (source->charset, ==, "GB18030");
  g_assert_cmpstr (source->text, ==, "<p>平潭</p>\n");
}

/* Seeds and real pages */

static const char *
shared_dir_or_skip (void)
{
  const char *shared = g_getenv ("GK_SHARED_DIR");

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("GK_SHARED_DIR is not set or absent: no corpus to read");
      return NULL;
    }
  return shared;
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

static void
test_seeds (void)
{
  g_autofree char *seeds = seeds_dir ();
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  guint count = 0;

  if (seeds == NULL || (dir = g_dir_open (seeds, 0, NULL)) == NULL)
    {
      g_test_skip ("no seeds in $GK_SHARED_DIR or $GK_TEST_DATA");
      return;
    }

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (seeds, entry, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GkSource) source = gk_source_new_from_file (file, NULL, &error);

      if (!g_str_has_suffix (entry, ".txt"))
        continue;
      g_assert_no_error (error);
      assert_source_valid (source);
      g_assert_cmpint (source->kind, ==, GK_SOURCE_KIND_TEXT);
      g_assert_cmpstr (source->charset, ==, "UTF-8");
      g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_UTF8_VALID);
      g_assert_cmpuint (source->warnings->len, ==, 0);
      /* valid UTF-8 with LF newlines: the text is the file */
      g_assert_cmpmem (source->text, source->text_len,
                       g_bytes_get_data (source->bytes, NULL), g_bytes_get_size (source->bytes));
      g_assert_nonnull (strstr (source->text, "政府信息公"));
      count++;
    }

  g_assert_cmpuint (count, >=, 5);
}

static void
check_corpus_dir (const char *dir_path,
                  guint      *html_count,
                  guint      *text_count)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, entry, NULL);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GkSource) source = NULL;
      g_autofree char *head = NULL;
      gboolean declares_utf8;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          check_corpus_dir (path, html_count, text_count);
          continue;
        }
      if (!g_str_has_suffix (entry, ".html") && !g_str_has_suffix (entry, ".txt"))
        continue;

      file = g_file_new_for_path (path);
      source = gk_source_new_from_file (file, NULL, &error);
      g_assert_no_error (error);
      assert_source_valid (source);
      g_assert_cmpstr (source->charset, ==, "UTF-8");
      g_assert_cmpuint (source->warnings->len, ==, 0);
      g_assert_nonnull (strstr (source->text, "政府信息公开"));

      if (g_str_has_suffix (entry, ".txt"))
        {
          g_assert_cmpint (source->kind, ==, GK_SOURCE_KIND_TEXT);
          g_assert_cmpint (source->charset_origin, ==, GK_CHARSET_FROM_UTF8_VALID);
          (*text_count)++;
          continue;
        }

      g_assert_cmpint (source->kind, ==, GK_SOURCE_KIND_HTML);
      /* The full pages declare utf-8 in <meta>; the Shanghai body fragment
       * declares nothing and is plain valid UTF-8. */
      head = g_ascii_strdown (source->text, MIN (source->text_len, 4096));
      declares_utf8 = strstr (head, "charset=\"utf-8\"") != NULL;
      g_assert_cmpint (source->charset_origin, ==,
                       declares_utf8 ? GK_CHARSET_FROM_DECLARATION : GK_CHARSET_FROM_UTF8_VALID);
      (*html_count)++;
    }
}

static void
test_corpus (void)
{
  const char *shared = shared_dir_or_skip ();
  g_autofree char *corpus = NULL;
  guint html_count = 0;
  guint text_count = 0;

  if (shared == NULL)
    return;
  corpus = g_build_filename (shared, "corpus", NULL);
  if (!g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus directory");
      return;
    }

  check_corpus_dir (corpus, &html_count, &text_count);
  g_test_message ("%u HTML pages, %u text copies", html_count, text_count);
  g_assert_cmpuint (html_count, >=, 7);
  g_assert_cmpuint (text_count, >=, 6);
}

/* Hostile files, made in a temporary directory */

typedef struct
{
  char *dir;
} Hostile;

static void
hostile_set_up (Hostile       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gk-source-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_recursively (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *entry;

      g_chmod (path, 0700);
      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, entry, NULL);

          remove_recursively (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

static void
hostile_tear_down (Hostile       *fixture,
                   gconstpointer  user_data)
{
  remove_recursively (fixture->dir);
  g_free (fixture->dir);
}

static char *
hostile_write (Hostile    *fixture,
               const char *name,
               const char *data,
               gsize       len)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

/* Loads PATH expecting CODE, and a message that names the file. */
static GError *
expect_refusal (const char *path,
                int         code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *quoted = g_strdup_printf ("“%s”", name);
  GError *error = NULL;
  g_autoptr(GkSource) source = gk_source_new_from_file (file, NULL, &error);

  g_assert_null (source);
  g_assert_error (error, GK_SOURCE_ERROR, code);
  if (strstr (error->message, quoted) == NULL)
    g_error ("the message does not name %s: %s", quoted, error->message);
  return error;
}

static void
refuse_data (Hostile    *fixture,
             const char *name,
             const char *data,
             gsize       len,
             int         code,
             const char *message_part)
{
  g_autofree char *path = hostile_write (fixture, name, data, len);
  g_autoptr(GError) error = expect_refusal (path, code);

  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in: %s", message_part, error->message);
}

static void
test_hostile_empty (Hostile       *fixture,
                    gconstpointer  user_data)
{
  static const char utf16_spaces[] = "\377\376 \0\n\0\000\060";

  refuse_data (fixture, "empty.html", "", 0, GK_SOURCE_ERROR_EMPTY, "is empty");
  refuse_data (fixture, "blank.txt", " \r\n\t\n  \n", 8, GK_SOURCE_ERROR_EMPTY, "whitespace");
  refuse_data (fixture, "bom-only.html", "\357\273\277\n", 4, GK_SOURCE_ERROR_EMPTY, NULL);
  /* U+3000 IDEOGRAPHIC SPACE in UTF-16LE */
  refuse_data (fixture, "blank-utf16.txt", utf16_spaces, sizeof utf16_spaces - 1,
               GK_SOURCE_ERROR_EMPTY, NULL);
}

static void
test_hostile_magic (Hostile       *fixture,
                    gconstpointer  user_data)
{
  static const char png[] = "\211PNG\r\n\032\n\0\0\0\rIHDR";
  static const char jpeg[] = "\377\330\377\340\0\020JFIF";
  static const char pdf[] = "%PDF-1.7\n%\342\343\317\323\n1 0 obj\n";
  static const char zip[] = "PK\003\004\024\0\0\0\010\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
                            "\021\0\0\0word/document.xml";
  static const char zip_plain[] = "PK\003\004\024\0\0\0\010\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                  "\010\0\0\0data.csv";
  static const char ole2[] = "\320\317\021\340\241\261\032\341\0\0\0\0";
  static const char gzip[] = "\037\213\010\0\0\0\0\0";
  static const char elf[] = "\177ELF\002\001\001\0";
  static const char nul[] = "<html>\0\0\0</html>";

  refuse_data (fixture, "scan.png", png, sizeof png - 1, GK_SOURCE_ERROR_BINARY,
               "is an image (PNG), not a saved report page");
  refuse_data (fixture, "photo.html", jpeg, sizeof jpeg - 1, GK_SOURCE_ERROR_BINARY, "(JPEG)");
  refuse_data (fixture, "report.pdf", pdf, sizeof pdf - 1, GK_SOURCE_ERROR_PDF,
               "“report.pdf”: PDF reports are not supported yet");
  refuse_data (fixture, "report.html", pdf, sizeof pdf - 1, GK_SOURCE_ERROR_PDF,
               "PDF reports are not supported yet");
  refuse_data (fixture, "report.docx", zip_plain, sizeof zip_plain - 1, GK_SOURCE_ERROR_BINARY,
               "a Word document (.docx)");
  refuse_data (fixture, "attachment.zip", zip, sizeof zip - 1, GK_SOURCE_ERROR_BINARY,
               "a Word document (.docx)");
  refuse_data (fixture, "tables.zip", zip_plain, sizeof zip_plain - 1, GK_SOURCE_ERROR_BINARY,
               "is a zip archive");
  refuse_data (fixture, "report.doc", ole2, sizeof ole2 - 1, GK_SOURCE_ERROR_BINARY,
               "a Word document (.doc)");
  refuse_data (fixture, "report.html.gz", gzip, sizeof gzip - 1, GK_SOURCE_ERROR_BINARY, "gzip");
  refuse_data (fixture, "setup.html", elf, sizeof elf - 1, GK_SOURCE_ERROR_BINARY, "a program");
  refuse_data (fixture, "nul.html", nul, sizeof nul - 1, GK_SOURCE_ERROR_BINARY, "binary");
}

static void
test_hostile_too_large (Hostile       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.html", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  /* Sparse: 100 MB that take no disk. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  g_close (fd, NULL);

  error = expect_refusal (path, GK_SOURCE_ERROR_TOO_LARGE);
  /* Only the check made before reading knows the whole size (“100.0 MB”). */
  g_assert_nonnull (strstr (error->message, "is too large (100.0"));
}

static void
test_hostile_unreadable (Hostile       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "report_files", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.html", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe.html", NULL);
  g_autoptr(GError) folder_error = NULL;
  g_autoptr(GError) missing_error = NULL;
  g_autoptr(GError) fifo_error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  folder_error = expect_refusal (folder, GK_SOURCE_ERROR_READ);
  g_assert_nonnull (strstr (folder_error->message, "folder"));

  missing_error = expect_refusal (missing, GK_SOURCE_ERROR_READ);
  g_assert_nonnull (strstr (missing_error->message, g_strerror (ENOENT)));

  /* A pipe would block reading forever. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  fifo_error = expect_refusal (fifo, GK_SOURCE_ERROR_READ);

  if (geteuid () == 0)
    {
      g_test_message ("running as root, which reads any file: permissions not checked");
    }
  else
    {
      g_autofree char *locked = hostile_write (fixture, "locked.html", "<p>x</p>", 8);
      g_autoptr(GError) locked_error = NULL;

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      locked_error = expect_refusal (locked, GK_SOURCE_ERROR_READ);
      g_assert_nonnull (strstr (locked_error->message, g_strerror (EACCES)));
    }
}

static void
test_hostile_decoding (Hostile       *fixture,
                       gconstpointer  user_data)
{
  static const char truncated[] = "政府信息公开\344\270";
  static const char invalid[] = "<meta charset=utf-8><p>政府\377信息\300公开</p>";
  g_autofree char *truncated_path = hostile_write (fixture, "cut.txt", truncated,
                                                   sizeof truncated - 1);
  g_autofree char *invalid_path = hostile_write (fixture, "bad.html", invalid, sizeof invalid - 1);
  g_autoptr(GFile) truncated_file = g_file_new_for_path (truncated_path);
  g_autoptr(GFile) invalid_file = g_file_new_for_path (invalid_path);
  g_autoptr(GkSource) truncated_source = gk_source_new_from_file (truncated_file, NULL, NULL);
  g_autoptr(GkSource) invalid_source = gk_source_new_from_file (invalid_file, NULL, NULL);

  g_assert_nonnull (truncated_source);
  g_assert_cmpstr (truncated_source->text, ==, "政府信息公开");
  g_assert_cmpstr (truncated_source->charset, ==, "UTF-8");
  g_assert_true (has_warning (truncated_source, "last 2 byte(s) were dropped"));

  g_assert_nonnull (invalid_source);
  assert_source_valid (invalid_source);
  g_assert_cmpint (invalid_source->charset_origin, ==, GK_CHARSET_FROM_LOSSY);
  g_assert_cmpstr (invalid_source->text, ==,
                   "<meta charset=utf-8><p>政府\357\277\275信息\357\277\275公开</p>");
  g_assert_true (has_warning (invalid_source, "2 invalid byte(s) were replaced"));
}

static void
test_cancelled (void)
{
  g_autofree char *path = fixture_path ("gbk-no-meta.html");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GkSource) source = NULL;

  g_cancellable_cancel (cancellable);
  source = gk_source_new_from_file (file, cancellable, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/source/charset/gbk-without-meta", test_gbk_without_meta);
  g_test_add_func ("/source/charset/gb2312-with-meta", test_gb2312_with_meta);
  g_test_add_func ("/source/charset/big5-without-meta", test_big5_without_meta);
  g_test_add_func ("/source/charset/big5-with-meta", test_big5_with_meta);
  g_test_add_func ("/source/charset/xml-declaration", test_xml_declaration);
  g_test_add_func ("/source/charset/commented-meta", test_commented_meta_ignored);
  g_test_add_func ("/source/charset/utf8-bom", test_utf8_bom);
  g_test_add_func ("/source/charset/utf16le-bom", test_utf16le_bom);
  g_test_add_func ("/source/charset/utf16be-bom", test_utf16be_bom);
  g_test_add_func ("/source/charset/declared-utf8-but-gb18030", test_declared_utf8_but_gb18030);
  g_test_add_func ("/source/charset/declared-gbk-but-utf8", test_declared_gbk_but_utf8);
  g_test_add_func ("/source/charset/unknown-declaration", test_unknown_declaration);
  g_test_add_func ("/source/charset/invalid-utf8", test_invalid_utf8_claiming_utf8);
  g_test_add_func ("/source/charset/truncated-utf8", test_truncated_utf8);
  g_test_add_func ("/source/charset/truncated-gbk", test_truncated_gbk);
  g_test_add_func ("/source/charset/utf8-with-stray-bytes", test_utf8_with_stray_bytes);
  g_test_add_func ("/source/charset/nul-after-sniff-window", test_nul_after_sniff_window);
  g_test_add_func ("/source/kind/txt-holding-html", test_txt_holding_html);
  g_test_add_func ("/source/kind/html-holding-text", test_html_holding_text);
  g_test_add_func ("/source/kind/unknown-extension", test_unknown_extension);
  g_test_add_func ("/source/text/newlines", test_newlines);
  g_test_add_func ("/source/mhtml/quoted-printable", test_mhtml_quoted_printable);
  g_test_add_func ("/source/mhtml/base64-gbk", test_mhtml_base64_gbk);
  g_test_add_func ("/source/mhtml/html-holding-mime", test_html_holding_mime);
  g_test_add_func ("/source/mhtml/single-part", test_single_part_mime);
  g_test_add_func ("/source/mhtml/without-html", test_mhtml_without_html);
  g_test_add_func ("/source/hash-and-bytes", test_hash_and_bytes);
  g_test_add_func ("/source/to-string", test_to_string);
  g_test_add_func ("/source/cancelled", test_cancelled);
  g_test_add_func ("/source/shared/seeds", test_seeds);
  g_test_add_func ("/source/shared/corpus", test_corpus);
  g_test_add ("/source/hostile/empty", Hostile, NULL,
              hostile_set_up, test_hostile_empty, hostile_tear_down);
  g_test_add ("/source/hostile/magic", Hostile, NULL,
              hostile_set_up, test_hostile_magic, hostile_tear_down);
  g_test_add ("/source/hostile/too-large", Hostile, NULL,
              hostile_set_up, test_hostile_too_large, hostile_tear_down);
  g_test_add ("/source/hostile/unreadable", Hostile, NULL,
              hostile_set_up, test_hostile_unreadable, hostile_tear_down);
  g_test_add ("/source/hostile/decoding", Hostile, NULL,
              hostile_set_up, test_hostile_decoding, hostile_tear_down);

  return g_test_run ();
}
