/* gk-source.c — a saved page read into UTF-8 text, with its kind, charset and hash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gk-source.h"

#include <string.h>

/* NUL bytes among this many leading bytes make a file binary. */
#define BINARY_SNIFF_LEN       ((gsize) 8 * 1024)
/* A <meta> or XML charset declaration must start within this many bytes… */
#define DECLARATION_SNIFF_LEN  ((gsize) 4 * 1024)
/* …and is not parsed beyond this many. */
#define DECLARATION_PARSE_LEN  ((gsize) 8 * 1024)
/* Markup is looked for among this many leading bytes. */
#define MARKUP_SNIFF_LEN       ((gsize) 64 * 1024)
/* A MIME header block must end within this many bytes. */
#define MIME_HEADER_LIMIT      ((gsize) 64 * 1024)
/* Deeper multipart nesting is never legitimate; it only costs time. */
#define MIME_MAX_DEPTH         8
/* RFC 2046 limits boundaries to 70 characters; allow some slack. */
#define MIME_MAX_BOUNDARY      200
#define READ_CHUNK             ((gsize) 256 * 1024)

#define REPLACEMENT_CHARACTER  "\357\277\275"

/* Frequent characters of Chinese prose, simplified and traditional. Big5
 * bytes nearly always decode as GB18030 too (and GBK bytes often as Big5),
 * so the reading with more of these is the right one. */
static const char common_chinese[] =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
  "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
  "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
  "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
  "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
  "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海"
  "口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身"
  "车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
  "记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青"
  "省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型"
  "眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
  "息申请告"
  "這為個國時來們於對會發動過說產種後學經進著電裡裏實兩體機當點從業應開還義間樣與關線數麼質氣變"
  "條沒結問無係軍題黨員總設長頭資邊級圖統較將組見計別論運農幾區決戰則據處隊給門規熱領東導壓爭濟"
  "階術極聯認權證單風帶場車務萬達積議聲報鬥類離華確張馬節話況傳許記須際驗連斷難礦備辦習響約勞團"
  "歷構稱準號維劃標親層專狀廠識適屬圓調滿縣參紅細聽該鐵價嚴眾書復複兒織觀裝廣幹轉採養選寫請";

#define CJK_FIRST 0x4E00
#define CJK_LAST  0x9FFF

static guint8 common_chinese_bits[(CJK_LAST - CJK_FIRST + 1 + 7) / 8];

G_DEFINE_QUARK (gk-source-error-quark, gk_source_error)

/* Helpers on byte ranges */

static gboolean
has_prefix_len (const char *data,
                gsize       len,
                const char *prefix,
                gsize       prefix_len)
{
  return len >= prefix_len && memcmp (data, prefix, prefix_len) == 0;
}

#define HAS_PREFIX(data, len, literal) \
  has_prefix_len ((data), (len), (literal), sizeof (literal) - 1)

static gboolean
has_prefix_nocase (const char *data,
                   gsize       len,
                   const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && g_ascii_strncasecmp (data, prefix, prefix_len) == 0;
}

static const char *
find_bytes (const char *haystack,
            gsize       haystack_len,
            const char *needle,
            gsize       needle_len)
{
  const char *p = haystack;
  const char *end = haystack + haystack_len;

  if (needle_len == 0)
    return haystack;

  while ((gsize) (end - p) >= needle_len)
    {
      p = memchr (p, needle[0], (gsize) (end - p) - needle_len + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
      p++;
    }

  return NULL;
}

/* Like g_strndup(), but keeps embedded NUL bytes. */
static char *
dup_bytes (const char *data,
           gsize       len)
{
  char *copy = g_malloc (len + 1);

  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';
  return copy;
}

static gboolean
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
is_all_ascii_space (const char *data,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_ascii_space (data[i]))
      return FALSE;
  return TRUE;
}

static gboolean
has_non_ascii (const char *data,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

static char *
name_extension (const char *name)
{
  const char *base = strrchr (name, '/');
  const char *dot;

  base = base != NULL ? base + 1 : name;
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return g_strdup ("");
  return g_ascii_strdown (dot + 1, -1);
}

static gboolean
is_html_extension (const char *ext)
{
  return g_str_equal (ext, "html") || g_str_equal (ext, "htm") ||
         g_str_equal (ext, "shtml") || g_str_equal (ext, "xhtml");
}

/* Refusing what is not a page */

typedef struct
{
  const char *extension;
  const char *first_entry;      /* prefix of the zip's first entry name */
  const char *what;
} OfficeZipKind;

static const OfficeZipKind office_zip_kinds[] = {
  { "docx", "word/", "a Word document (.docx)" },
  { "docm", NULL,    "a Word document (.docm)" },
  { "xlsx", "xl/",   "an Excel workbook (.xlsx)" },
  { "xlsm", NULL,    "an Excel workbook (.xlsm)" },
  { "pptx", "ppt/",  "a PowerPoint presentation (.pptx)" },
  { "odt",  NULL,    "an OpenDocument text (.odt)" },
  { "ods",  NULL,    "an OpenDocument spreadsheet (.ods)" },
  { "epub", NULL,    "an e-book (.epub)" },
};

/* What a zip archive is, from its extension, its first entry's name, or
 * (Office puts "[Content_Types].xml" first) the entry names near its start. */
static const char *
describe_zip (const char *ext,
              const char *data,
              gsize       len)
{
  gsize name_len;
  const char *first_entry;
  gsize window = MIN (len, (gsize) 64 * 1024);

  for (gsize i = 0; i < G_N_ELEMENTS (office_zip_kinds); i++)
    if (g_str_equal (ext, office_zip_kinds[i].extension))
      return office_zip_kinds[i].what;

  if (len < 30 || !HAS_PREFIX (data, len, "PK\003\004"))
    return "a zip archive";

  name_len = (guchar) data[26] | ((gsize) (guchar) data[27] << 8);
  name_len = MIN (name_len, len - 30);
  first_entry = data + 30;

  for (gsize i = 0; i < G_N_ELEMENTS (office_zip_kinds); i++)
    {
      const char *prefix = office_zip_kinds[i].first_entry;

      if (prefix != NULL && has_prefix_len (first_entry, name_len, prefix, strlen (prefix)))
        return office_zip_kinds[i].what;
    }

  if (has_prefix_len (first_entry, name_len, "[Content_Types].xml", 19))
    {
      if (find_bytes (data, window, "word/", 5) != NULL)
        return "a Word document (.docx)";
      if (find_bytes (data, window, "xl/", 3) != NULL)
        return "an Excel workbook (.xlsx)";
      if (find_bytes (data, window, "ppt/", 4) != NULL)
        return "a PowerPoint presentation (.pptx)";
      return "an Office document";
    }

  if (has_prefix_len (first_entry, name_len, "mimetype", 8))
    {
      if (find_bytes (data, MIN (window, (gsize) 128), "opendocument.text", 17) != NULL)
        return "an OpenDocument text (.odt)";
      if (find_bytes (data, MIN (window, (gsize) 128), "opendocument.spreadsheet", 24) != NULL)
        return "an OpenDocument spreadsheet (.ods)";
      if (find_bytes (data, MIN (window, (gsize) 128), "epub", 4) != NULL)
        return "an e-book (.epub)";
    }

  return "a zip archive";
}

static const char *
describe_ole2 (const char *ext)
{
  if (g_str_equal (ext, "doc"))
    return "a Word document (.doc)";
  if (g_str_equal (ext, "xls"))
    return "an Excel workbook (.xls)";
  if (g_str_equal (ext, "ppt"))
    return "a PowerPoint presentation (.ppt)";
  if (g_str_equal (ext, "wps"))
    return "a WPS document (.wps)";
  return "a legacy Microsoft Office document";
}

static const char *
image_format (const char *data,
              gsize       len)
{
  if (HAS_PREFIX (data, len, "\211PNG\r\n\032\n"))
    return "PNG";
  if (HAS_PREFIX (data, len, "\377\330\377"))
    return "JPEG";
  if (HAS_PREFIX (data, len, "GIF87a") || HAS_PREFIX (data, len, "GIF89a"))
    return "GIF";
  if (len >= 12 && HAS_PREFIX (data, len, "RIFF") && memcmp (data + 8, "WEBP", 4) == 0)
    return "WEBP";
  if (HAS_PREFIX (data, len, "II*\0") || HAS_PREFIX (data, len, "MM\0*"))
    return "TIFF";
  /* "BM" alone could start a line of text; the header's reserved words are zero. */
  if (len >= 14 && HAS_PREFIX (data, len, "BM") && memcmp (data + 6, "\0\0\0\0", 4) == 0)
    return "BMP";
  return NULL;
}

static gboolean
is_windows_executable (const char *data,
                       gsize       len)
{
  guint32 pe_offset;

  if (len < 0x40 || !HAS_PREFIX (data, len, "MZ"))
    return FALSE;
  pe_offset = (guint32) (guchar) data[0x3c] | (guint32) (guchar) data[0x3d] << 8 |
              (guint32) (guchar) data[0x3e] << 16 | (guint32) (guchar) data[0x3f] << 24;
  return pe_offset <= len - 4 && memcmp (data + pe_offset, "PE\0\0", 4) == 0;
}

static gboolean
starts_with_pdf (const char *data,
                 gsize       len,
                 const char *ext)
{
  gsize i = 0;

  if (HAS_PREFIX (data, len, "\357\273\277"))
    i = 3;
  while (i < len && is_ascii_space (data[i]))
    i++;
  if (HAS_PREFIX (data + i, len - i, "%PDF-"))
    return TRUE;

  /* Readers accept the header anywhere in the first KiB; so do we, when the
   * extension agrees. */
  return g_str_equal (ext, "pdf") && find_bytes (data, MIN (len, (gsize) 1024), "%PDF-", 5) != NULL;
}

static gboolean
has_utf16_bom (const char *data,
               gsize       len)
{
  return HAS_PREFIX (data, len, "\377\376") || HAS_PREFIX (data, len, "\376\377");
}

static gboolean
check_not_binary (const char  *name,
                  const char  *ext,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  const char *what = NULL;
  const char *image;

  if (starts_with_pdf (data, len, ext))
    {
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_PDF,
                   "“%s”: PDF reports are not supported yet", name);
      return FALSE;
    }

  image = image_format (data, len);
  if (image != NULL)
    {
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_BINARY,
                   "“%s” is an image (%s), not a saved report page", name, image);
      return FALSE;
    }

  if (HAS_PREFIX (data, len, "PK\003\004") || HAS_PREFIX (data, len, "PK\005\006") ||
      HAS_PREFIX (data, len, "PK\007\010"))
    what = describe_zip (ext, data, len);
  else if (HAS_PREFIX (data, len, "\320\317\021\340\241\261\032\341"))
    what = describe_ole2 (ext);
  else if (HAS_PREFIX (data, len, "\037\213"))
    what = "a gzip archive";
  else if (HAS_PREFIX (data, len, "7z\274\257\047\034"))
    what = "a 7-Zip archive";
  else if (HAS_PREFIX (data, len, "Rar!\032\007"))
    what = "a RAR archive";
  else if (HAS_PREFIX (data, len, "\177ELF") || is_windows_executable (data, len))
    what = "a program";
  else if (!has_utf16_bom (data, len) && memchr (data, '\0', MIN (len, BINARY_SNIFF_LEN)) != NULL)
    what = "a binary file";

  if (what != NULL)
    {
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_BINARY,
                   "“%s” is %s, not a saved report page", name, what);
      return FALSE;
    }

  return TRUE;
}

/* Decoding */

static const guint8 *
get_common_chinese_bits (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (const char *p = common_chinese; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c >= CJK_FIRST && c <= CJK_LAST)
            common_chinese_bits[(c - CJK_FIRST) / 8] |= (guint8) (1u << ((c - CJK_FIRST) % 8));
        }
      g_once_init_leave (&initialised, 1);
    }

  return common_chinese_bits;
}

/* How much TEXT (valid UTF-8) reads as Chinese prose. */
static gsize
count_common_chinese (const char *text,
                      gsize       len)
{
  const guint8 *bits = get_common_chinese_bits ();
  const char *end = text + len;
  gsize count = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= CJK_FIRST && c <= CJK_LAST &&
          (bits[(c - CJK_FIRST) / 8] & (1u << ((c - CJK_FIRST) % 8))) != 0)
        count++;
    }

  return count;
}

/* The length of DATA's longest valid UTF-8 prefix. NUL bytes count as valid
 * here: they are replaced once the text is decoded. */
static gsize
utf8_valid_prefix (const char *data,
                   gsize       len)
{
  gsize pos = 0;

  while (pos < len)
    {
      const char *invalid;

      if (g_utf8_validate_len (data + pos, len - pos, &invalid))
        return len;
      pos = (gsize) (invalid - data);
      if (data[pos] != '\0')
        return pos;
      pos++;
    }

  return len;
}

/* The number of bytes at the end of DATA that begin a UTF-8 character the end
 * cut off, or 0. */
static gsize
utf8_truncated_tail (const char *data,
                     gsize       len)
{
  gsize valid = utf8_valid_prefix (data, len);

  if (valid < len && len - valid < 4 &&
      g_utf8_get_char_validated (data + valid, (gssize) (len - valid)) == (gunichar) -2)
    return len - valid;
  return 0;
}

/* Decodes DATA strictly from CHARSET ("UTF-8" or an iconv name). A character
 * the end of the data cut off is left out, and its bytes counted in
 * *dropped. Returns NULL if any byte sequence is invalid. */
static char *
decode_strict (const char *data,
               gsize       len,
               const char *charset,
               gsize      *out_len,
               gsize      *dropped)
{
  g_autoptr(GError) error = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;
  char *text;

  *dropped = 0;

  if (g_str_equal (charset, "UTF-8"))
    {
      gsize tail = utf8_truncated_tail (data, len);

      if (utf8_valid_prefix (data, len - tail) < len - tail)
        return NULL;
      *dropped = tail;
      *out_len = len - tail;
      return dup_bytes (data, len - tail);
    }

  /* With bytes_read given, g_convert() stops quietly before a partial
   * character at the end instead of failing. */
  text = g_convert (data, (gssize) len, "UTF-8", charset, &bytes_read, &bytes_written, &error);
  if (text == NULL)
    return NULL;

  *dropped = len - bytes_read;
  *out_len = bytes_written;
  return text;
}

/* Replaces each byte that is not part of valid UTF-8 by U+FFFD. */
static char *
decode_utf8_lossy (const char *data,
                   gsize       len,
                   gsize      *out_len,
                   gsize      *replaced)
{
  GString *text = g_string_sized_new (len + 16);
  gsize pos = 0;

  *replaced = 0;
  while (pos < len)
    {
      gsize valid = utf8_valid_prefix (data + pos, len - pos);

      g_string_append_len (text, data + pos, (gssize) valid);
      pos += valid;
      if (pos < len)
        {
          g_string_append (text, REPLACEMENT_CHARACTER);
          (*replaced)++;
          pos++;
        }
    }

  *out_len = text->len;
  return g_string_free (text, FALSE);
}

/* UTF-16 after its byte order mark. Unpaired surrogates become U+FFFD. */
static char *
decode_utf16 (const guchar *data,
              gsize         len,
              gboolean      big_endian,
              gsize        *out_len,
              gsize        *replaced,
              gsize        *dropped)
{
  GString *text = g_string_sized_new (len * 3 / 2 + 1);
  gsize i = 0;

  *replaced = 0;
  *dropped = 0;

#define UNIT_AT(k) (big_endian ? (guint) (data[(k)] << 8 | data[(k) + 1]) \
                               : (guint) (data[(k)] | data[(k) + 1] << 8))
  while (i + 1 < len)
    {
      guint unit = UNIT_AT (i);
      gunichar c = unit;

      if (unit >= 0xD800 && unit < 0xDC00)
        {
          if (i + 3 >= len)
            break;  /* a high surrogate cut off by the end */
          else
            {
              guint low = UNIT_AT (i + 2);

              if (low >= 0xDC00 && low < 0xE000)
                {
                  c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                  i += 2;
                }
              else
                {
                  c = 0xFFFD;
                  (*replaced)++;
                }
            }
        }
      else if (unit >= 0xDC00 && unit < 0xE000)
        {
          c = 0xFFFD;
          (*replaced)++;
        }

      g_string_append_unichar (text, c);
      i += 2;
    }
#undef UNIT_AT

  *dropped = len - i;
  *out_len = text->len;
  return g_string_free (text, FALSE);
}

typedef struct
{
  const char *alias;
  const char *iconv_name;
  const char *display_name;
} CharsetAlias;

/* Labels pages use, mapped to the decoder that reads them. GBK and GB2312
 * are subsets of GB18030; Big5 is read as its Hong Kong superset. A page
 * that declares UTF-16 yet has ASCII markup is UTF-8 (as browsers assume). */
static const CharsetAlias charset_aliases[] = {
  { "utf-8",             "UTF-8",      "UTF-8" },
  { "utf8",              "UTF-8",      "UTF-8" },
  { "unicode-1-1-utf-8", "UTF-8",      "UTF-8" },
  { "us-ascii",          "UTF-8",      "UTF-8" },
  { "ascii",             "UTF-8",      "UTF-8" },
  { "utf-16",            "UTF-8",      "UTF-8" },
  { "utf-16le",          "UTF-8",      "UTF-8" },
  { "utf-16be",          "UTF-8",      "UTF-8" },
  { "unicode",           "UTF-8",      "UTF-8" },
  { "gb2312",            "GB18030",    "GB18030" },
  { "gbk",               "GB18030",    "GB18030" },
  { "gb18030",           "GB18030",    "GB18030" },
  { "x-gbk",             "GB18030",    "GB18030" },
  { "cp936",             "GB18030",    "GB18030" },
  { "ms936",             "GB18030",    "GB18030" },
  { "windows-936",       "GB18030",    "GB18030" },
  { "euc-cn",            "GB18030",    "GB18030" },
  { "x-euc-cn",          "GB18030",    "GB18030" },
  { "csgb2312",          "GB18030",    "GB18030" },
  { "gb_2312",           "GB18030",    "GB18030" },
  { "gb_2312-80",        "GB18030",    "GB18030" },
  { "chinese",           "GB18030",    "GB18030" },
  { "iso-ir-58",         "GB18030",    "GB18030" },
  { "csiso58gb231280",   "GB18030",    "GB18030" },
  { "big5",              "BIG5-HKSCS", "BIG5" },
  { "big5-hkscs",        "BIG5-HKSCS", "BIG5" },
  { "big5hkscs",         "BIG5-HKSCS", "BIG5" },
  { "cp950",             "BIG5-HKSCS", "BIG5" },
  { "ms950",             "BIG5-HKSCS", "BIG5" },
  { "windows-950",       "BIG5-HKSCS", "BIG5" },
  { "x-x-big5",          "BIG5-HKSCS", "BIG5" },
  { "x-big5",            "BIG5-HKSCS", "BIG5" },
  { "csbig5",            "BIG5-HKSCS", "BIG5" },
  { "cn-big5",           "BIG5-HKSCS", "BIG5" },
};

/* Labels browsers refuse to decode with, for safety. */
static const char * const refused_charsets[] = {
  "utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7",
  "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr",
};

/* A charset that reads its own declaration unchanged can be trusted with
 * the rest of the page; one that cannot (UCS-2, EBCDIC…) is wrong. */
static gboolean
charset_is_ascii_compatible (const char *iconv_name)
{
  static const char probe[] = "<meta charset=\"x\">\n";
  g_autofree char *decoded = NULL;
  gsize written = 0;

  decoded = g_convert (probe, -1, "UTF-8", iconv_name, NULL, &written, NULL);
  return decoded != NULL && written == strlen (probe) && memcmp (decoded, probe, written) == 0;
}

/* Maps a declared label to the iconv name to decode with and the name to
 * record. FALSE when the label is unknown or unusable. */
static gboolean
resolve_charset (const char  *label,
                 const char **iconv_name,
                 char       **display_name,
                 char       **owned_iconv_name)
{
  g_autofree char *lower = g_ascii_strdown (label, -1);

  *owned_iconv_name = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (charset_aliases); i++)
    if (g_str_equal (lower, charset_aliases[i].alias))
      {
        *iconv_name = charset_aliases[i].iconv_name;
        *display_name = g_strdup (charset_aliases[i].display_name);
        return TRUE;
      }

  for (gsize i = 0; i < G_N_ELEMENTS (refused_charsets); i++)
    if (g_str_equal (lower, refused_charsets[i]))
      return FALSE;

  /* Only plain labels reach iconv: no "//TRANSLIT" and the like. */
  if (*lower == '\0' || strlen (lower) > 40)
    return FALSE;
  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
      return FALSE;

  *owned_iconv_name = g_ascii_strup (lower, -1);
  if (!charset_is_ascii_compatible (*owned_iconv_name))
    {
      g_clear_pointer (owned_iconv_name, g_free);
      return FALSE;
    }

  *iconv_name = *owned_iconv_name;
  *display_name = g_strdup (*owned_iconv_name);
  return TRUE;
}

static gboolean
is_chinese_charset (const char *iconv_name)
{
  return g_str_equal (iconv_name, "GB18030") || g_str_equal (iconv_name, "BIG5-HKSCS");
}

/* Charset declarations */

/* Reads the next attribute of a tag from *pos. FALSE at the tag's end. */
static gboolean
next_attribute (const char **pos,
                const char  *end,
                char       **name,
                char       **value)
{
  const char *p = *pos;
  const char *start;

  *name = NULL;
  *value = NULL;

  while (p < end && (is_html_space (*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    {
      *pos = p;
      return FALSE;
    }

  /* The first character belongs to the name even if it is '='. */
  start = p++;
  while (p < end && !is_html_space (*p) && *p != '=' && *p != '>' && *p != '/')
    p++;
  *name = g_ascii_strdown (start, p - start);

  while (p < end && is_html_space (*p))
    p++;
  if (p < end && *p == '=')
    {
      p++;
      while (p < end && is_html_space (*p))
        p++;
      if (p < end && (*p == '"' || *p == '\''))
        {
          char quote = *p++;

          start = p;
          while (p < end && *p != quote)
            p++;
          *value = g_strndup (start, p - start);
          if (p < end)
            p++;
        }
      else
        {
          start = p;
          while (p < end && !is_html_space (*p) && *p != '>')
            p++;
          *value = g_strndup (start, p - start);
        }
    }

  *pos = p;
  return TRUE;
}

/* The charset in "text/html; charset=gb2312", or NULL. */
static char *
charset_from_content (const char *content)
{
  g_autofree char *lower = g_ascii_strdown (content, -1);

  for (const char *p = strstr (lower, "charset"); p != NULL; p = strstr (p + 1, "charset"))
    {
      const char *q = p + strlen ("charset");
      const char *start;

      while (g_ascii_isspace (*q))
        q++;
      if (*q != '=')
        continue;
      q++;
      while (g_ascii_isspace (*q))
        q++;
      if (*q == '"' || *q == '\'')
        q++;
      start = q;
      while (*q != '\0' && *q != '"' && *q != '\'' && *q != ';' && !g_ascii_isspace (*q))
        q++;
      if (q > start)
        return g_strndup (start, q - start);
    }

  return NULL;
}

/* Trims VALUE, a word taken from the page; NULL if nothing is left. What is
 * kept is valid UTF-8 and short, as it may be quoted in a warning. */
static char *
strip_or_free (char *value)
{
  char *valid;

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (*value == '\0')
    {
      g_free (value);
      return NULL;
    }

  valid = g_utf8_make_valid (value, -1);
  g_free (value);
  if (g_utf8_strlen (valid, -1) > 40)
    {
      char *shortened = g_utf8_substring (valid, 0, 40);

      g_free (valid);
      valid = g_strconcat (shortened, "…", NULL);
      g_free (shortened);
    }
  return valid;
}

/* The charset a <meta> tag declares; P is just after "<meta". */
static char *
meta_charset (const char *p,
              const char *end)
{
  g_autofree char *charset = NULL;
  g_autofree char *content = NULL;
  gboolean is_content_type = FALSE;
  char *name;
  char *value;

  while (next_attribute (&p, end, &name, &value))
    {
      if (g_str_equal (name, "charset") && charset == NULL)
        charset = g_steal_pointer (&value);
      else if (g_str_equal (name, "content") && content == NULL)
        content = g_steal_pointer (&value);
      else if (g_str_equal (name, "http-equiv") && value != NULL)
        is_content_type |= g_ascii_strcasecmp (g_strstrip (value), "content-type") == 0;
      g_free (name);
      g_free (value);
    }

  charset = strip_or_free (g_steal_pointer (&charset));
  if (charset != NULL)
    return g_steal_pointer (&charset);
  if (content != NULL && is_content_type)
    return strip_or_free (charset_from_content (content));
  return NULL;
}

/* The encoding an XML declaration names; P is just after "<?xml". */
static char *
xml_declaration_charset (const char *p,
                         const char *end)
{
  char *name;
  char *value;
  char *encoding = NULL;

  while (next_attribute (&p, end, &name, &value))
    {
      if (g_str_equal (name, "encoding") && encoding == NULL)
        encoding = g_steal_pointer (&value);
      g_free (name);
      g_free (value);
    }

  return strip_or_free (encoding);
}

/* The first charset declared by <meta charset>, <meta http-equiv> or an XML
 * declaration near the start of DATA, outside comments. */
static char *
find_declared_charset (const char *data,
                       gsize       len)
{
  const char *scan_end = data + MIN (len, DECLARATION_SNIFF_LEN);
  const char *end = data + MIN (len, DECLARATION_PARSE_LEN);
  const char *p = data;

  while (p < scan_end)
    {
      const char *lt = memchr (p, '<', scan_end - p);
      gsize rest;
      char *charset = NULL;

      if (lt == NULL)
        break;
      rest = end - lt;

      if (HAS_PREFIX (lt, rest, "<!--"))
        {
          const char *close = find_bytes (lt + 4, rest - 4, "-->", 3);

          if (close == NULL)
            break;
          p = close + 3;
          continue;
        }

      if (rest > 5 && has_prefix_nocase (lt, rest, "<meta") &&
          (is_html_space (lt[5]) || lt[5] == '/'))
        charset = meta_charset (lt + 5, end);
      else if (rest > 5 && HAS_PREFIX (lt, rest, "<?xml") && is_html_space (lt[5]))
        charset = xml_declaration_charset (lt + 5, end);

      if (charset != NULL)
        return charset;
      p = lt + 1;
    }

  return NULL;
}

/* Markup sniffing */

static const char * const html_tag_names[] = {
  "a", "abbr", "address", "area", "article", "aside", "b", "base", "big", "blockquote", "body",
  "br", "button", "caption", "center", "col", "colgroup", "dd", "div", "dl", "dt", "em",
  "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
  "header", "hr", "html", "i", "iframe", "img", "input", "label", "li", "link", "main", "meta",
  "nav", "noscript", "o:p", "ol", "option", "p", "pre", "script", "section", "select", "small",
  "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th",
  "thead", "title", "tr", "u", "ul",
};

static gboolean
is_known_tag (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (html_tag_names); i++)
    if (g_str_equal (name, html_tag_names[i]))
      return TRUE;
  return FALSE;
}

/* Reads the tag name after '<' at LT (skipping a '/'); FALSE if what follows
 * is not a tag name, such as 「<中华人民共和国…>」 in prose. */
static gboolean
read_tag_name (const char *lt,
               const char *end,
               char        name[static 16])
{
  const char *p = lt + 1;
  gsize n = 0;

  if (p < end && *p == '/')
    p++;
  if (p >= end || !g_ascii_isalpha (*p))
    return FALSE;
  while (p < end && (g_ascii_isalnum (*p) || *p == ':'))
    {
      if (n == 15)
        return FALSE;
      name[n++] = g_ascii_tolower (*p++);
    }
  name[n] = '\0';
  return p >= end || is_html_space (*p) || *p == '>' || *p == '/';
}

/* Whether DATA (ASCII-compatible) is HTML rather than text. Markup at the
 * start, or <html>, <head> or <body> anywhere, settles it; otherwise a few
 * known tags must appear (just one when the extension says HTML). */
static gboolean
looks_like_html (const char *data,
                 gsize       len,
                 gboolean    html_extension)
{
  const char *end = data + MIN (len, MARKUP_SNIFF_LEN);
  const char *p = data;
  const char *first;
  guint needed = html_extension ? 1 : 3;
  guint found = 0;

  if (HAS_PREFIX (p, (gsize) (end - p), "\357\273\277"))
    p += 3;
  while (p < end && is_ascii_space (*p))
    p++;
  first = p;

  if (has_prefix_nocase (p, end - p, "<!doctype") || HAS_PREFIX (p, (gsize) (end - p), "<!--") ||
      has_prefix_nocase (p, end - p, "<?xml"))
    return TRUE;

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      char name[16];

      if (lt == NULL)
        break;
      p = lt + 1;

      if (has_prefix_nocase (lt, end - lt, "<!doctype html"))
        return TRUE;
      if (!read_tag_name (lt, end, name) || !is_known_tag (name))
        continue;
      if (lt == first || g_str_equal (name, "html") || g_str_equal (name, "head") ||
          g_str_equal (name, "body"))
        return TRUE;
      if (++found >= needed)
        return TRUE;
    }

  return FALSE;
}

/* MIME (MHTML) */

typedef struct
{
  const char *headers;
  gsize       headers_len;
  const char *body;
  gsize       body_len;
} MimeEntity;

typedef struct
{
  const char *body;
  gsize       body_len;
  char       *transfer_encoding;
  char       *charset;
} MimePart;

static void
mime_part_clear (MimePart *part)
{
  g_clear_pointer (&part->transfer_encoding, g_free);
  g_clear_pointer (&part->charset, g_free);
}

/* The line at P: its length without the line break, and where the next starts. */
static gsize
next_line (const char  *p,
           const char  *end,
           const char **next)
{
  const char *newline = memchr (p, '\n', end - p);
  const char *line_end = newline != NULL ? newline : end;
  gsize line_len = line_end - p;

  *next = newline != NULL ? newline + 1 : end;
  if (line_len > 0 && p[line_len - 1] == '\r')
    line_len--;
  return line_len;
}

/* Splits an entity at the first empty line (CRLF or LF) into headers and body. */
static void
mime_split_entity (const char *data,
                   gsize       len,
                   MimeEntity *entity)
{
  const char *end = data + len;
  const char *p = data;

  entity->headers = data;
  entity->headers_len = len;
  entity->body = end;
  entity->body_len = 0;

  while (p < end)
    {
      const char *next;
      gsize line_len = next_line (p, end, &next);

      if (line_len == 0)
        {
          entity->headers_len = p - data;
          entity->body = next;
          entity->body_len = end - next;
          return;
        }
      p = next;
    }
}

/* The value of header FIELD, with folded lines joined, or NULL. */
static char *
mime_header_get (const MimeEntity *entity,
                 const char       *field)
{
  const char *end = entity->headers + entity->headers_len;
  gsize field_len = strlen (field);
  GString *value = NULL;

  for (const char *p = entity->headers, *next; p < end; p = next)
    {
      gsize line_len = next_line (p, end, &next);

      if (value != NULL)
        {
          if (line_len == 0 || (p[0] != ' ' && p[0] != '\t'))
            break;
          g_string_append_c (value, ' ');
          g_string_append_len (value, p, (gssize) line_len);
        }
      else if (line_len > field_len && p[field_len] == ':' &&
               g_ascii_strncasecmp (p, field, field_len) == 0)
        {
          value = g_string_new_len (p + field_len + 1, (gssize) (line_len - field_len - 1));
        }
    }

  if (value == NULL)
    return NULL;
  return g_strstrip (g_string_free (value, FALSE));
}

/* "Text/HTML; charset=x" → "text/html" */
static char *
mime_media_type (const char *content_type)
{
  g_autofree char *type = g_strndup (content_type, strcspn (content_type, ";"));

  return g_ascii_strdown (g_strstrip (type), -1);
}

/* A parameter of a Content-Type value, quoted or not. */
static char *
mime_param_get (const char *content_type,
                const char *param)
{
  const char *p = strchr (content_type, ';');

  while (p != NULL && *p != '\0')
    {
      const char *name_start;
      g_autofree char *name = NULL;
      g_autoptr(GString) value = NULL;

      while (*p == ';' || g_ascii_isspace (*p))
        p++;
      name_start = p;
      while (*p != '\0' && *p != '=' && *p != ';')
        p++;
      name = g_strstrip (g_strndup (name_start, p - name_start));
      if (*p != '=')
        continue;
      p++;
      while (g_ascii_isspace (*p))
        p++;

      value = g_string_new (NULL);
      if (*p == '"')
        {
          p++;
          while (*p != '\0' && *p != '"')
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p++);
            }
          if (*p == '"')
            p++;
        }
      else
        {
          while (*p != '\0' && *p != ';' && !g_ascii_isspace (*p))
            g_string_append_c (value, *p++);
        }

      if (g_ascii_strcasecmp (name, param) == 0)
        return g_string_free (g_steal_pointer (&value), FALSE);
    }

  return NULL;
}

/* Skips a UTF-8 BOM and blank lines before a MIME message. */
static const char *
mime_start (const char *data,
            gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  if (HAS_PREFIX (p, len, "\357\273\277"))
    p += 3;
  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* Whether DATA starts with a MIME header block announcing a multipart
 * message (or a single HTML part). */
static gboolean
looks_like_mime (const char *data,
                 gsize       len)
{
  const char *start = mime_start (data, len);
  gsize window = MIN ((gsize) (data + len - start), MIME_HEADER_LIMIT);
  MimeEntity entity;
  g_autofree char *content_type = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *mime_version = NULL;

  mime_split_entity (start, window, &entity);
  if (entity.headers_len == 0 || entity.headers_len == window)
    return FALSE;

  /* Every line must be a header field or the continuation of one. */
  for (const char *p = start, *next, *end = start + entity.headers_len; p < end; p = next)
    {
      gsize line_len = next_line (p, end, &next);
      gsize i = 0;

      if (p != start && (p[0] == ' ' || p[0] == '\t'))
        continue;
      while (i < line_len && p[i] > ' ' && p[i] < 127 && p[i] != ':')
        i++;
      if (i == 0 || i >= line_len || p[i] != ':')
        return FALSE;
    }

  content_type = mime_header_get (&entity, "Content-Type");
  if (content_type == NULL)
    return FALSE;
  media_type = mime_media_type (content_type);
  mime_version = mime_header_get (&entity, "MIME-Version");

  return g_str_has_prefix (media_type, "multipart/") ||
         (mime_version != NULL && g_str_equal (media_type, "text/html"));
}

/* Finds the next delimiter line ("--boundary" at a line start) at or after
 * FROM, itself a line start. *part_end is where the part before it ends (the
 * line break before the delimiter belongs to the delimiter), *next where the
 * next part starts. Only line starts are compared, and a comparison stops at
 * the line's end, so this is linear in the body however hostile it is. */
static gboolean
mime_next_delimiter (const char *body,
                     gsize       body_len,
                     gsize       from,
                     const char *delimiter,
                     gsize       delimiter_len,
                     gsize      *part_end,
                     gsize      *next,
                     gboolean   *closing)
{
  gsize line = from;

  while (line < body_len)
    {
      const char *newline = memchr (body + line, '\n', body_len - line);
      gsize line_end = newline != NULL ? (gsize) (newline - body) : body_len;
      gsize after = line + delimiter_len;
      gboolean is_closing;

      if (line_end - line < delimiter_len || memcmp (body + line, delimiter, delimiter_len) != 0)
        {
          line = line_end + 1;
          continue;
        }

      is_closing = line_end - after >= 2 && body[after] == '-' && body[after + 1] == '-';
      if (is_closing)
        after += 2;
      /* Only transport padding may follow on the line. */
      while (after < line_end && (body[after] == ' ' || body[after] == '\t' || body[after] == '\r'))
        after++;
      if (after < line_end)
        {
          line = line_end + 1;
          continue;
        }

      *next = line_end < body_len ? line_end + 1 : body_len;
      *part_end = line;
      if (*part_end > 0 && body[*part_end - 1] == '\n')
        (*part_end)--;
      if (*part_end > 0 && body[*part_end - 1] == '\r')
        (*part_end)--;
      *closing = is_closing;
      return TRUE;
    }

  return FALSE;
}

/* Finds the first text/html entity in DATA, looking into nested multiparts. */
static gboolean
mime_find_html_part (const char *data,
                     gsize       len,
                     guint       depth,
                     MimePart   *part)
{
  MimeEntity entity;
  g_autofree char *content_type = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *delimiter = NULL;
  gsize delimiter_len;
  gsize part_end = 0;
  gsize next = 0;
  gboolean closing = FALSE;

  mime_split_entity (data, len, &entity);
  content_type = mime_header_get (&entity, "Content-Type");
  if (content_type == NULL)
    return FALSE;
  media_type = mime_media_type (content_type);

  if (g_str_equal (media_type, "text/html"))
    {
      g_autofree char *encoding = mime_header_get (&entity, "Content-Transfer-Encoding");

      part->body = entity.body;
      part->body_len = entity.body_len;
      if (encoding != NULL)
        part->transfer_encoding = strip_or_free (g_ascii_strdown (encoding, -1));
      part->charset = strip_or_free (mime_param_get (content_type, "charset"));
      return TRUE;
    }

  if (!g_str_has_prefix (media_type, "multipart/") || depth >= MIME_MAX_DEPTH)
    return FALSE;

  boundary = mime_param_get (content_type, "boundary");
  if (boundary == NULL || *boundary == '\0' || strlen (boundary) > MIME_MAX_BOUNDARY)
    return FALSE;
  delimiter = g_strconcat ("--", boundary, NULL);
  delimiter_len = strlen (delimiter);

  /* Skip the preamble. */
  if (!mime_next_delimiter (entity.body, entity.body_len, 0, delimiter, delimiter_len,
                            &part_end, &next, &closing))
    return FALSE;

  while (!closing)
    {
      gsize start = next;
      gboolean found = mime_next_delimiter (entity.body, entity.body_len, start,
                                            delimiter, delimiter_len,
                                            &part_end, &next, &closing);
      /* A missing closing delimiter (a truncated file) ends the last part at EOF. */
      gsize end = found ? MAX (part_end, start) : entity.body_len;

      if (mime_find_html_part (entity.body + start, end - start, depth + 1, part))
        return TRUE;
      if (!found)
        break;
    }

  return FALSE;
}

static GBytes *
decode_quoted_printable (const char *in,
                         gsize       len)
{
  guchar *out = g_malloc (len + 1);
  gsize n = 0;
  gsize i = 0;

  while (i < len)
    {
      gsize j;

      if (in[i] != '=')
        {
          out[n++] = (guchar) in[i++];
          continue;
        }

      if (i + 2 < len && g_ascii_isxdigit (in[i + 1]) && g_ascii_isxdigit (in[i + 2]))
        {
          out[n++] = (guchar) (g_ascii_xdigit_value (in[i + 1]) << 4 |
                               g_ascii_xdigit_value (in[i + 2]));
          i += 3;
          continue;
        }

      /* A soft line break: '=', maybe trailing blanks, then the line's end. */
      j = i + 1;
      while (j < len && (in[j] == ' ' || in[j] == '\t'))
        j++;
      if (j >= len)
        {
          i = len;
          continue;
        }
      if (in[j] == '\r' || in[j] == '\n')
        {
          if (in[j] == '\r' && j + 1 < len && in[j + 1] == '\n')
            j++;
          i = j + 1;
          continue;
        }

      /* Not an escape: keep the '=' as it is. */
      out[n++] = '=';
      i++;
    }

  return g_bytes_new_take (out, n);
}

static GBytes *
mime_decode_body (const MimePart *part,
                  GPtrArray      *warnings)
{
  const char *encoding = part->transfer_encoding;

  if (encoding == NULL || *encoding == '\0' || g_str_equal (encoding, "7bit") ||
      g_str_equal (encoding, "8bit") || g_str_equal (encoding, "binary"))
    return g_bytes_new (part->body, part->body_len);

  if (g_str_equal (encoding, "base64"))
    {
      guchar *out = g_malloc (part->body_len / 4 * 3 + 6);
      gint state = 0;
      guint save = 0;
      gsize n = g_base64_decode_step (part->body, part->body_len, out, &state, &save);

      return g_bytes_new_take (out, n);
    }

  if (g_str_equal (encoding, "quoted-printable"))
    return decode_quoted_printable (part->body, part->body_len);

  g_ptr_array_add (warnings,
                   g_strdup_printf ("The HTML part has an unknown transfer encoding “%s”; "
                                    "it was read as it is", encoding));
  return g_bytes_new (part->body, part->body_len);
}

/* Choosing the charset */

typedef struct
{
  char            *text;
  gsize            len;
  char            *charset;
  GkCharsetOrigin  origin;
  gsize            dropped;   /* bytes of a character cut off at the end */
} Decoded;

static void
decoded_clear (Decoded *decoded)
{
  g_clear_pointer (&decoded->text, g_free);
  g_clear_pointer (&decoded->charset, g_free);
}

static void
decoded_take (Decoded *dest,
              Decoded *src)
{
  decoded_clear (dest);
  *dest = *src;
  memset (src, 0, sizeof *src);
}

static gboolean
decoded_try (Decoded         *decoded,
             const char      *data,
             gsize            len,
             const char      *iconv_name,
             const char      *display_name,
             GkCharsetOrigin  origin)
{
  Decoded attempt = { 0 };

  attempt.text = decode_strict (data, len, iconv_name, &attempt.len, &attempt.dropped);
  if (attempt.text == NULL)
    return FALSE;
  attempt.charset = g_strdup (display_name);
  attempt.origin = origin;
  decoded_take (decoded, &attempt);
  return TRUE;
}

/* The reading of undeclared bytes: UTF-8 if valid, else GB18030 or Big5,
 * whichever reads as Chinese. FALSE if none decodes strictly. */
static gboolean
decode_undeclared (const char *data,
                   gsize       len,
                   gboolean    try_utf8,
                   Decoded    *decoded)
{
  Decoded gb = { 0 };
  Decoded big5 = { 0 };
  gboolean have_gb;
  gboolean have_big5;

  if (try_utf8 && decoded_try (decoded, data, len, "UTF-8", "UTF-8", GK_CHARSET_FROM_UTF8_VALID))
    return TRUE;

  have_gb = decoded_try (&gb, data, len, "GB18030", "GB18030", GK_CHARSET_FROM_SNIFFING);
  have_big5 = decoded_try (&big5, data, len, "BIG5-HKSCS", "BIG5", GK_CHARSET_FROM_SNIFFING);

  if (have_gb && have_big5)
    {
      /* Mainland reports are the common case: GB18030 wins ties. */
      if (count_common_chinese (big5.text, big5.len) > count_common_chinese (gb.text, gb.len))
        decoded_take (decoded, &big5);
      else
        decoded_take (decoded, &gb);
    }
  else if (have_gb)
    decoded_take (decoded, &gb);
  else if (have_big5)
    decoded_take (decoded, &big5);

  decoded_clear (&gb);
  decoded_clear (&big5);
  return have_gb || have_big5;
}

static void
add_truncation_warning (GPtrArray *warnings,
                        gsize      dropped)
{
  if (dropped > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("The file ends in the middle of a character; its last %"
                                      G_GSIZE_FORMAT " byte(s) were dropped", dropped));
}

/* Decodes DATA to UTF-8: byte order mark, then the declared charset (the
 * MIME part's, then <meta> or XML), then valid UTF-8, then GB18030 or Big5,
 * then UTF-8 with invalid bytes replaced. */
static void
decode_text (const char *data,
             gsize       len,
             const char *transport_charset,
             gboolean    is_markup,
             Decoded    *out,
             GPtrArray  *warnings)
{
  g_autofree char *meta = NULL;
  g_autofree char *failed_label = NULL;
  g_autofree char *tried = NULL;
  const char *labels[2];
  gboolean utf8_failed = FALSE;
  gboolean found = FALSE;

  if (has_utf16_bom (data, len))
    {
      gboolean big_endian = (guchar) data[0] == 0xFE;
      gsize replaced;

      out->text = decode_utf16 ((const guchar *) data + 2, len - 2, big_endian,
                                &out->len, &replaced, &out->dropped);
      out->charset = g_strdup (big_endian ? "UTF-16BE" : "UTF-16LE");
      out->origin = GK_CHARSET_FROM_BOM;
      if (replaced > 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("%" G_GSIZE_FORMAT " invalid UTF-16 code unit(s) were "
                                          "replaced by U+FFFD", replaced));
      add_truncation_warning (warnings, out->dropped);
      return;
    }

  if (HAS_PREFIX (data, len, "\357\273\277"))
    {
      data += 3;
      len -= 3;
      if (decoded_try (out, data, len, "UTF-8", "UTF-8", GK_CHARSET_FROM_BOM))
        {
          add_truncation_warning (warnings, out->dropped);
          return;
        }
      utf8_failed = TRUE;
      g_ptr_array_add (warnings, g_strdup ("The file starts with a UTF-8 byte order mark, "
                                           "but is not valid UTF-8"));
    }

  if (is_markup)
    meta = find_declared_charset (data, len);
  labels[0] = transport_charset;
  labels[1] = meta;

  for (gsize i = 0; i < G_N_ELEMENTS (labels) && !found; i++)
    {
      const char *iconv_name = NULL;
      g_autofree char *display_name = NULL;
      g_autofree char *owned_iconv_name = NULL;
      Decoded alternative = { 0 };
      gboolean is_utf8;

      if (labels[i] == NULL)
        continue;
      if (!resolve_charset (labels[i], &iconv_name, &display_name, &owned_iconv_name))
        {
          g_ptr_array_add (warnings,
                           g_strdup_printf ("The page declares the charset “%s”, which is not "
                                            "supported; the declaration was ignored", labels[i]));
          continue;
        }

      /* The MIME part and its <meta> often agree; one failure is enough. */
      is_utf8 = g_str_equal (iconv_name, "UTF-8");
      if ((tried != NULL && g_str_equal (tried, iconv_name)) || (is_utf8 && utf8_failed))
        continue;
      g_free (tried);
      tried = g_strdup (iconv_name);

      if (!decoded_try (out, data, len, iconv_name, display_name, GK_CHARSET_FROM_DECLARATION))
        {
          if (failed_label == NULL)
            failed_label = g_strdup (labels[i]);
          utf8_failed |= is_utf8;
          continue;
        }
      found = TRUE;

      /* A wrong declaration can still decode: GBK labels on pages re-saved as
       * UTF-8, or a Western label on a Chinese page. Valid UTF-8 that reads as
       * more Chinese, or a Chinese reading of a Western label that reads as
       * none, is the truth. */
      if (!is_utf8 && has_non_ascii (data, len) &&
          decode_undeclared (data, len, !utf8_failed, &alternative))
        {
          gsize declared_score = count_common_chinese (out->text, out->len);
          gsize alternative_score = count_common_chinese (alternative.text, alternative.len);

          if ((alternative.origin == GK_CHARSET_FROM_UTF8_VALID && alternative_score > declared_score) ||
              (!is_chinese_charset (iconv_name) && declared_score == 0 && alternative_score > 0))
            {
              g_ptr_array_add (warnings,
                               g_strdup_printf ("The page declares the charset “%s”, but reads "
                                                "as %s; it was read as %s", labels[i],
                                                alternative.charset, alternative.charset));
              decoded_take (out, &alternative);
            }
          decoded_clear (&alternative);
        }
    }

  if (!found && decode_undeclared (data, len, !utf8_failed, out))
    {
      found = TRUE;

      /* UTF-8 with a few bad bytes can decode as GB18030 gibberish; the
       * lossy UTF-8 reading is better if it reads as more Chinese. */
      if (out->origin == GK_CHARSET_FROM_SNIFFING && has_non_ascii (data, len))
        {
          gsize tail = utf8_truncated_tail (data, len);
          gsize lossy_len;
          gsize replaced;
          g_autofree char *lossy = decode_utf8_lossy (data, len - tail, &lossy_len, &replaced);

          if (count_common_chinese (lossy, lossy_len) > count_common_chinese (out->text, out->len))
            found = FALSE;
        }
    }

  if (!found)
    {
      gsize replaced = 0;

      decoded_clear (out);
      out->dropped = utf8_truncated_tail (data, len);
      out->text = decode_utf8_lossy (data, len - out->dropped, &out->len, &replaced);
      out->charset = g_strdup ("UTF-8");
      out->origin = GK_CHARSET_FROM_LOSSY;
      g_ptr_array_add (warnings,
                       g_strdup_printf ("No supported charset reads this file cleanly; it was "
                                        "read as UTF-8 and %" G_GSIZE_FORMAT " invalid byte(s) were "
                                        "replaced by U+FFFD", replaced));
    }

  if (failed_label != NULL)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("The page declares the charset “%s”, but its bytes are not "
                                      "valid in it; it was read as %s instead",
                                      failed_label, out->charset));
  add_truncation_warning (warnings, out->dropped);
}

/* Normalises newlines to LF and replaces NUL bytes, so that the text is a
 * plain C string whose offsets mean the same everywhere. */
static void
finish_text (Decoded   *decoded,
             GPtrArray *warnings)
{
  const char *text = decoded->text;
  gsize len = decoded->len;
  gsize nuls = 0;
  GString *result;

  if (memchr (text, '\r', len) == NULL && memchr (text, '\0', len) == NULL)
    goto validate;

  result = g_string_sized_new (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        {
          g_string_append_c (result, '\n');
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
        }
      else if (text[i] == '\0')
        {
          g_string_append (result, REPLACEMENT_CHARACTER);
          nuls++;
        }
      else
        {
          g_string_append_c (result, text[i]);
        }
    }

  g_free (decoded->text);
  decoded->len = result->len;
  decoded->text = g_string_free (result, FALSE);

  if (nuls > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("%" G_GSIZE_FORMAT " NUL byte(s) were replaced by U+FFFD",
                                      nuls));

validate:
  /* Every decoder above yields UTF-8; this only guards the promise. */
  if (!g_utf8_validate_len (decoded->text, decoded->len, NULL))
    {
      gsize replaced;
      char *valid = decode_utf8_lossy (decoded->text, decoded->len, &decoded->len, &replaced);

      g_free (decoded->text);
      decoded->text = valid;
    }
}

static gboolean
is_blank_text (const char *text,
               gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xFEFF && c != 0x200B)
        return FALSE;
    }

  return TRUE;
}

/* Building a source */

static GkSource *
source_new (const char  *name,
            const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ext = name_extension (name);
  Decoded decoded = { 0 };
  GkSourceKind kind;
  GkSource *self;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_EMPTY, "“%s” is empty", name);
      return NULL;
    }
  if (len > GK_SOURCE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);

      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_TOO_LARGE,
                   "“%s” is too large (%s); files over 64 MiB are not read", name, size);
      return NULL;
    }
  if (!check_not_binary (name, ext, data, len, error))
    return NULL;
  if (is_all_ascii_space (data, len))
    {
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_EMPTY,
                   "“%s” is empty: it holds only whitespace", name);
      return NULL;
    }

  if (has_utf16_bom (data, len))
    {
      decode_text (data, len, NULL, FALSE, &decoded, warnings);
      kind = looks_like_html (decoded.text, decoded.len, is_html_extension (ext))
             ? GK_SOURCE_KIND_HTML : GK_SOURCE_KIND_TEXT;
    }
  else if (looks_like_mime (data, len))
    {
      const char *start = mime_start (data, len);
      MimePart part = { 0 };
      g_autoptr(GBytes) html = NULL;
      const char *html_data;
      gsize html_len;

      if (!mime_find_html_part (start, data + len - start, 0, &part))
        {
          g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_MALFORMED,
                       "“%s” is an MHTML archive without an HTML page in it", name);
          return NULL;
        }

      kind = GK_SOURCE_KIND_MHTML;
      html = mime_decode_body (&part, warnings);
      html_data = g_bytes_get_data (html, &html_len);
      decode_text (html_data != NULL ? html_data : "", html_len, part.charset, TRUE,
                   &decoded, warnings);
      mime_part_clear (&part);
    }
  else
    {
      kind = looks_like_html (data, len, is_html_extension (ext))
             ? GK_SOURCE_KIND_HTML : GK_SOURCE_KIND_TEXT;
      decode_text (data, len, NULL, kind == GK_SOURCE_KIND_HTML, &decoded, warnings);
    }

  finish_text (&decoded, warnings);

  if (is_blank_text (decoded.text, decoded.len))
    {
      decoded_clear (&decoded);
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_EMPTY,
                   kind == GK_SOURCE_KIND_MHTML ? "“%s” is empty: its HTML part holds no text"
                                                : "“%s” is empty: it holds only whitespace",
                   name);
      return NULL;
    }

  self = g_new0 (GkSource, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->path = g_strdup (path);
  self->kind = kind;
  self->charset = g_steal_pointer (&decoded.charset);
  self->charset_origin = decoded.origin;
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  self->bytes = g_bytes_ref (bytes);
  self->text = g_steal_pointer (&decoded.text);
  self->text_len = decoded.len;
  self->warnings = g_steal_pointer (&warnings);
  return self;
}

/* A name for messages, valid UTF-8 whatever the file system's encoding. */
static char *
display_name_for_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);
  return g_filename_display_name (basename);
}

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *cause)
{
  g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_READ,
               "“%s” cannot be read: %s", name, cause->message);
}

/**
 * gk_source_new_from_file:
 * @file: a saved page
 * @cancellable: (nullable): cancels the read; the error is then G_IO_ERROR_CANCELLED
 * @error: a GK_SOURCE_ERROR naming the file and the reason
 *
 * Reads @file (at most GK_SOURCE_MAX_SIZE bytes) and decodes it. Only @file is
 * read: the "_files" folder a browser saves beside a page is ignored.
 */
GkSource *
gk_source_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *chunk = NULL;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name_for_file (file);
  path = g_file_get_path (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_read_error (error, name, local_error);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_READ,
                   "“%s” cannot be read: it is a folder, not a file", name);
      return NULL;
    case G_FILE_TYPE_SPECIAL:
      /* Devices and pipes may never end. */
      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_READ,
                   "“%s” cannot be read: it is not a regular file", name);
      return NULL;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      break;
    }

  size = g_file_info_get_size (info);
  if (size > (goffset) GK_SOURCE_MAX_SIZE)
    {
      g_autofree char *size_text = g_format_size ((guint64) size);

      g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_TOO_LARGE,
                   "“%s” is too large (%s); files over 64 MiB are not read", name, size_text);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_read_error (error, name, local_error);
      return NULL;
    }

  /* Read in chunks and stop past the limit: the file may have grown since
   * it was measured. */
  buffer = g_byte_array_sized_new ((guint) MIN ((gsize) size + 1, GK_SOURCE_MAX_SIZE + 1));
  chunk = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, READ_CHUNK,
                                      cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            set_read_error (error, name, local_error);
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > GK_SOURCE_MAX_SIZE)
        {
          g_set_error (error, GK_SOURCE_ERROR, GK_SOURCE_ERROR_TOO_LARGE,
                       "“%s” is too large; files over 64 MiB are not read", name);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);  /* everything was read already */
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return source_new (name, path, bytes, error);
}

/**
 * gk_source_new_from_bytes:
 * @name: (nullable): the file name, for the extension and for messages
 * @bytes: the page's bytes
 * @error: a GK_SOURCE_ERROR naming @name and the reason
 */
GkSource *
gk_source_new_from_bytes (const char  *name,
                          GBytes      *bytes,
                          GError     **error)
{
  g_autofree char *valid_name = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  valid_name = g_utf8_make_valid (name != NULL ? name : "untitled", -1);
  return source_new (valid_name, NULL, bytes, error);
}

GkSource *
gk_source_ref (GkSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gk_source_unref (GkSource *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_free (self->path);
  g_free (self->charset);
  g_free (self->sha256);
  g_bytes_unref (self->bytes);
  g_free (self->text);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

const char *
gk_source_kind_to_string (GkSourceKind kind)
{
  switch (kind)
    {
    case GK_SOURCE_KIND_HTML:
      return "html";
    case GK_SOURCE_KIND_MHTML:
      return "mhtml";
    case GK_SOURCE_KIND_TEXT:
      return "txt";
    default:
      return "unknown";
    }
}

const char *
gk_charset_origin_to_string (GkCharsetOrigin origin)
{
  switch (origin)
    {
    case GK_CHARSET_FROM_BOM:
      return "bom";
    case GK_CHARSET_FROM_DECLARATION:
      return "declared";
    case GK_CHARSET_FROM_UTF8_VALID:
      return "utf8";
    case GK_CHARSET_FROM_SNIFFING:
      return "sniffed";
    case GK_CHARSET_FROM_LOSSY:
      return "lossy";
    default:
      return "unknown";
    }
}
