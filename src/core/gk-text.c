/* gk-text.c — text folding for matching, and reading numbers as the form writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <opencc/opencc.h>
#include <stdlib.h>
#include <string.h>

#include "gk-text.h"

/* Characters and common phrases only. Taiwan-phrase conversion (tw2sp) would
 * also rewrite simplified text (文件 → 文档); the phrase swaps of a Taiwan-style
 * copy (文件 → 檔案, seed 004) are matched through gk_form_match_variants()
 * instead. */
#define GK_OPENCC_CONFIG "t2s.json"

static void
close_converter (gpointer data)
{
  if (data != NULL && data != (gpointer) -1)
    opencc_close ((opencc_t) data);
}

/* Traditional-to-simplified conversion, with what it has learnt of single
 * characters: whether t2s changes each one when it stands alone. */
typedef struct
{
  opencc_t converter;                 /* NULL when OpenCC cannot be opened */
  guint32  known[0x10000 / 32];       /* the BMP characters already asked about */
  guint32  changes[0x10000 / 32];     /* … and those t2s changes alone */
} Simplifier;

static void
free_simplifier (gpointer data)
{
  Simplifier *simplifier = data;

  if (simplifier->converter != NULL)
    opencc_close (simplifier->converter);
  g_free (simplifier);
}

/* One converter per thread: import runs on a pool, and OpenCC gives no
 * promise that one handle may be shared across threads. */
static GPrivate simplifier_key = G_PRIVATE_INIT (free_simplifier);
static GPrivate taiwanizer_key = G_PRIVATE_INIT (close_converter);

static opencc_t
get_converter (GPrivate   *key,
               const char *config)
{
  gpointer converter = g_private_get (key);

  if (converter == NULL)
    {
      converter = opencc_open (config);
      if (converter == (gpointer) -1)
        g_warning ("OpenCC configuration %s could not be opened: traditional characters "
                   "will not be matched", config);
      g_private_set (key, converter);
    }
  return converter == (gpointer) -1 ? NULL : (opencc_t) converter;
}

gboolean
gk_text_is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF
         || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x202F;
}

static gboolean
is_quote (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x301D: case 0x301E:
    case 0x301F: case 0xFF02: case 0xFF07:
      return TRUE;
    default:
      return FALSE;
    }
}

static gunichar
fold_char_width (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  else if (c == 0x2212 || c == 0x2013 || c == 0xFE63)
    c = '-';
  if (c < 0x80)
    c = g_ascii_tolower ((char) c);
  return c;
}

/* The width-folded form of @c, or 0 when folding drops it (whitespace and
 * quotes). */
gunichar
gk_text_fold_char (gunichar c)
{
  if (c >= 0x4E00 && c <= 0x9FFF)
    return c;   /* ideographs, most of a report, fold to themselves */
  if (gk_text_is_space (c) || is_quote (c))
    return 0;
  return fold_char_width (c);
}

/* Defined by the folding itself, so that whatever is read as a digit folds
 * to one: no ideograph, space or quote folds to an ASCII digit, so
 * fold_char_width() alone decides. */
gboolean
gk_text_is_digit (gunichar c)
{
  gunichar folded = fold_char_width (c);

  return folded >= '0' && folded <= '9';
}

/* Full-width to half-width, whitespace and quotes removed, ASCII lowercased. */
char *
gk_text_fold_width (const char *text,
                    gssize      len)
{
  GString *out;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  end = text + len;
  out = g_string_sized_new (len);
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = gk_text_fold_char (g_utf8_get_char (p));

      if (c != 0)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_ascii_only (const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

static char *
convert_with (opencc_t    converter,
              const char *text,
              gsize       len)
{
  char *converted = opencc_convert_utf8 (converter, text, len);
  char *result;

  if (converted == NULL)
    return g_strndup (text, len);
  result = g_strdup (converted);
  opencc_convert_utf8_free (converted);
  return result;
}

static void learn_phrase_characters (Simplifier *simplifier);

static Simplifier *
get_simplifier (void)
{
  Simplifier *simplifier = g_private_get (&simplifier_key);

  if (simplifier == NULL)
    {
      opencc_t converter = opencc_open (GK_OPENCC_CONFIG);

      simplifier = g_new0 (Simplifier, 1);
      if (converter == (opencc_t) -1)
        g_warning ("OpenCC configuration %s could not be opened: traditional characters "
                   "will not be matched", GK_OPENCC_CONFIG);
      else
        simplifier->converter = converter;
      learn_phrase_characters (simplifier);
      g_private_set (&simplifier_key, simplifier);
    }
  return simplifier;
}

/* Characters t2s leaves alone on their own but changes inside some of its
 * phrases (重覆 → 重复, 瞭解 → 了解, 藉口 → 借口). Found by converting every
 * phrase of OpenCC's TSPhrases and each of its characters alone. They are
 * marked as changing, so a run holding one goes through OpenCC. */
static void
learn_phrase_characters (Simplifier *simplifier)
{
  static const gunichar changing_in_phrases[] = {
    0x4E48, /* 么 */ 0x4FF1, /* 俱 */ 0x5F77, /* 彷 */ 0x6C88, /* 沈 */
    0x77AD, /* 瞭 */ 0x85C9, /* 藉 */ 0x8879, /* 衹 */ 0x8986, /* 覆 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (changing_in_phrases); i++)
    {
      gunichar c = changing_in_phrases[i];

      simplifier->known[c / 32] |= 1u << (c % 32);
      simplifier->changes[c / 32] |= 1u << (c % 32);
    }
}

/* Asks OpenCC whether t2s changes the BMP character @c alone, and keeps
 * the answer. */
static gboolean
learn_change (Simplifier *simplifier,
              gunichar    c)
{
  guint word = c / 32;
  guint32 bit = 1u << (c % 32);
  char one[8];
  gint n = g_unichar_to_utf8 (c, one);
  g_autofree char *converted = convert_with (simplifier->converter, one, n);

  if (strlen (converted) != (gsize) n || memcmp (converted, one, n) != 0)
    simplifier->changes[word] |= bit;
  simplifier->known[word] |= bit;
  return (simplifier->changes[word] & bit) != 0;
}

/* Whether t2s may change @c: alone, or within a phrase. */
static inline gboolean
may_change (Simplifier *simplifier,
            gunichar    c)
{
  guint word = c / 32;
  guint32 bit = 1u << (c % 32);

  if (c > 0xFFFF)
    return TRUE;   /* rare enough to always ask OpenCC */
  if (G_UNLIKELY ((simplifier->known[word] & bit) == 0))
    return learn_change (simplifier, c);
  return (simplifier->changes[word] & bit) != 0;
}

static inline gboolean
is_han (gunichar c)
{
  if (c >= 0x4E00 && c <= 0x9FFF)
    return TRUE;   /* the unified ideographs: nearly every character of a report */
  return c >= 0x2E80 && g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* The character at @p, and in @next where the one after it starts: the
 * three bytes of an ideograph decoded at once, anything else as
 * g_utf8_get_char() reads it. */
static inline gunichar
next_char (const guchar  *p,
           const guchar  *end,
           const guchar **next)
{
  if ((p[0] & 0xF0) == 0xE0 && p + 2 < end && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
    {
      *next = p + 3;
      return ((gunichar) (p[0] & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
  *next = (const guchar *) g_utf8_next_char (p);
  return g_utf8_get_char ((const char *) p);
}

/* The runs one by one, as gk_text_to_simplified() cuts them: for a text
 * whose last character is cut short, where the one-pass scan below would
 * have to read past its end. */
static char *
simplify_run_by_run (Simplifier *simplifier,
                     const char *text,
                     gsize       len)
{
  const char *end = text + len;
  GString *out = g_string_sized_new (len);

  for (const char *p = text; p < end;)
    {
      const char *run_end = p;
      gboolean convert_run = FALSE;
      gunichar c;

      /* ASCII never changes, and a run of it is copied at once */
      while (run_end < end && (guchar) *run_end < 0x80)
        run_end++;
      if (run_end > p)
        {
          g_string_append_len (out, p, run_end - p);
          p = run_end;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c >= (gunichar) -2)
        {
          /* a character cut short or not UTF-8: copied, never converted */
          g_string_append_c (out, *p++);
          continue;
        }
      run_end = g_utf8_next_char (p);
      convert_run = may_change (simplifier, c);
      if (is_han (c))
        while (run_end < end && (guchar) *run_end >= 0x80
               && is_han (c = g_utf8_get_char_validated (run_end, end - run_end)))
          {
            convert_run = convert_run || may_change (simplifier, c);
            run_end = g_utf8_next_char (run_end);
          }
      if (convert_run)
        {
          g_autofree char *converted = convert_with (simplifier->converter, p, run_end - p);
          g_string_append (out, converted);
        }
      else
        g_string_append_len (out, p, run_end - p);
      p = run_end;
    }
  return g_string_free (out, FALSE);
}

/* Converting a long text with OpenCC costs as much as parsing its page, yet
 * most pages are simplified already and t2s leaves them as they are. So the
 * text is cut into runs of Han characters, which is exact: OpenCC's
 * dictionaries hold only Han keys, so no phrase spans two runs. A run goes
 * through OpenCC only when one of its characters could change, alone or
 * within a phrase; any other run is already simplified. Each character not
 * Han is a run of its own. One pass finds the runs to convert; the text
 * between them is copied as it is. */
char *
gk_text_to_simplified (const char *text,
                       gssize      len)
{
  Simplifier *simplifier;
  const guchar *p, *end, *copied, *run_start = NULL;
  GString *out = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  if (is_ascii_only (text, len) || (simplifier = get_simplifier ())->converter == NULL)
    return g_strndup (text, len);

  p = copied = (const guchar *) text;
  end = p + len;
  while (p < end)
    {
      const guchar *next;
      const guchar *run_end;
      gunichar c;
      gboolean han;

      if (*p < 0x80)
        {
          run_start = NULL;
          p++;
          continue;
        }
      c = next_char (p, end, &next);
      if (next > end)
        goto cut_short;
      han = is_han (c);
      if (!han)
        run_start = NULL;
      else if (run_start == NULL)
        run_start = p;
      if (!may_change (simplifier, c))
        {
          p = next;
          continue;
        }

      /* the run holding @c, from its start to its end */
      run_end = next;
      if (han)
        while (run_end < end && *run_end >= 0x80)
          {
            const guchar *after;

            if (!is_han (next_char (run_end, end, &after)))
              break;
            if (after > end)
              goto cut_short;
            run_end = after;
          }
      if (han)
        p = run_start;
      if (out == NULL)
        out = g_string_sized_new (len);
      g_string_append_len (out, (const char *) copied, p - copied);
      {
        g_autofree char *converted = convert_with (simplifier->converter, (const char *) p,
                                                   run_end - p);
        g_string_append (out, converted);
      }
      p = copied = run_end;
      run_start = NULL;
    }
  if (out == NULL)
    return g_strndup (text, len);
  g_string_append_len (out, (const char *) copied, end - copied);
  return g_string_free (out, FALSE);

cut_short:
  if (out != NULL)
    g_string_free (out, TRUE);
  return simplify_run_by_run (simplifier, text, len);
}

/* What gk_text_fold_char() makes of each ASCII character, asked once: 0 for
 * one it drops; never anything but ASCII. */
static const guint8 *
ascii_folds (void)
{
  static guint8 folds[0x80];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar c = 0; c < 0x80; c++)
        {
          gunichar folded = gk_text_fold_char (c);

          g_assert (folded < 0x80);
          folds[c] = (guint8) folded;
        }
      g_once_init_leave (&initialized, 1);
    }
  return folds;
}

/* The folding of gk_text_fold_mapped(), as it goes. */
typedef struct
{
  Simplifier *simplifier;   /* NULL until a character needs it */
  const char *narrow;
  gssize      run_start;    /* where the run of Han characters being folded
                             * starts in narrow, or -1 */
  gboolean    convert_run;  /* … and whether one of them may change */
  GString    *simplified;   /* NULL while the conversion changed nothing */
  gsize       copied;       /* narrow up to here is in simplified */
} Folding;

/* Converts narrow[@from, @to), a run as gk_text_to_simplified() cuts it. */
static void
folding_convert (Folding *folding,
                 gsize    from,
                 gsize    to)
{
  g_autofree char *converted = convert_with (folding->simplifier->converter, folding->narrow + from,
                                             to - from);

  if (folding->simplified == NULL)
    {
      if (strlen (converted) == to - from && memcmp (converted, folding->narrow + from, to - from) == 0)
        return;
      folding->simplified = g_string_new (NULL);
    }
  g_string_append_len (folding->simplified, folding->narrow + folding->copied, from - folding->copied);
  g_string_append (folding->simplified, converted);
  folding->copied = to;
}

/* A character not Han ends the run before it, at @at. */
static inline void
folding_end_run (Folding *folding,
                 gsize    at)
{
  if (folding->run_start >= 0 && folding->convert_run)
    folding_convert (folding, folding->run_start, at);
  folding->run_start = -1;
}

static inline gboolean
folding_may_change (Folding  *folding,
                    gunichar  c)
{
  if (G_UNLIKELY (folding->simplifier == NULL))
    folding->simplifier = get_simplifier ();
  return folding->simplifier->converter != NULL && may_change (folding->simplifier, c);
}

/* The Han character @c, folded into narrow at @at. */
static inline void
folding_add_han (Folding  *folding,
                 gunichar  c,
                 gsize     at)
{
  if (folding->run_start < 0)
    {
      folding->run_start = at;
      folding->convert_run = FALSE;
    }
  if (!folding->convert_run)
    folding->convert_run = folding_may_change (folding, c);
}

/* The non-ASCII character @c, folded into narrow[@at, @end). */
static void
folding_add (Folding  *folding,
             gunichar  c,
             gsize     at,
             gsize     end)
{
  if (is_han (c))
    {
      folding_add_han (folding, c, at);
      return;
    }
  folding_end_run (folding, at);
  if (folding_may_change (folding, c))
    folding_convert (folding, at, end);   /* a run of its own */
}

/* gk_text_fold_width() and gk_text_to_simplified() at once, for a page's
 * body whose folded bytes must be traced back: one pass, where folding,
 * simplifying and comparing the two took three. ASCII and the ideographs
 * U+4E00…U+9FFF, nearly all of a report, are folded at once
 * (gk_text_fold_char() leaves the ideographs as they are), and runs go
 * through OpenCC exactly as gk_text_to_simplified() would send them. */
char *
gk_text_fold_mapped (const char  *text,
                     gsize        len,
                     gsize      **map,
                     gsize       *narrow_len,
                     char       **simplified)
{
  const guint8 *ascii = ascii_folds ();
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  Folding folding = { NULL, NULL, -1, FALSE, NULL, 0 };
  char *narrow;
  gsize *offsets;
  gsize n = 0;

  g_return_val_if_fail (text != NULL && map != NULL && narrow_len != NULL && simplified != NULL, NULL);

  /* width folding never makes a character longer */
  folding.narrow = narrow = g_malloc (len + 1);
  offsets = g_new (gsize, len + 1);
  while (p < end)
    {
      gsize offset = p - (const guchar *) text;
      gsize at = n;
      gunichar c;

      if (*p < 0x80)
        {
          if (ascii[*p] != 0)
            {
              narrow[n] = (char) ascii[*p];
              offsets[n++] = offset;
              folding_end_run (&folding, at);
            }
          p++;
          continue;
        }
      if (*p >= 0xE4 && *p <= 0xE9 && p + 2 < end && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80
          && (*p > 0xE4 || p[1] >= 0xB8))
        {
          /* E4 B8 80 is U+4E00, E9 BF BF U+9FFF */
          c = ((gunichar) (p[0] & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
          memcpy (narrow + n, p, 3);
          offsets[n] = offsets[n + 1] = offsets[n + 2] = offset;
          n += 3;
          p += 3;
          folding_add_han (&folding, c, at);
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if (c >= (gunichar) -2)
        {
          /* not UTF-8 after all: the byte is kept as it is, never widened */
          narrow[n] = (char) *p++;
          offsets[n++] = offset;
          folding_end_run (&folding, at);
          continue;
        }
      c = gk_text_fold_char (c);
      p = (const guchar *) g_utf8_next_char (p);
      if (c == 0)
        continue;
      n += g_unichar_to_utf8 (c, narrow + n);
      for (gsize b = at; b < n; b++)
        offsets[b] = offset;
      if (c < 0x80)
        folding_end_run (&folding, at);
      else
        folding_add (&folding, c, at, n);
    }
  narrow[n] = '\0';
  offsets[n] = len;
  folding_end_run (&folding, n);

  *map = offsets;
  *narrow_len = n;
  *simplified = NULL;
  if (folding.simplified != NULL)
    {
      g_string_append_len (folding.simplified, narrow + folding.copied, n - folding.copied);
      *simplified = g_string_free (folding.simplified, FALSE);
    }
  return narrow;
}

/* What a simplified text becomes in a Taiwan-style traditional copy, phrase
 * swaps included. Folding that back need not give the original (查询 →
 * 查詢 → 查找), so the form matches both. */
char *
gk_text_to_taiwan (const char *text,
                   gssize      len)
{
  opencc_t converter;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  if (is_ascii_only (text, len) || (converter = get_converter (&taiwanizer_key, "s2twp.json")) == NULL)
    return g_strndup (text, len);
  return convert_with (converter, text, len);
}

/* The form of a text used to compare labels: simplified characters,
 * half-width forms, no whitespace, no quotes. */
char *
gk_text_fold (const char *text,
              gssize      len)
{
  g_autofree char *narrow = gk_text_fold_width (text, len);

  return gk_text_to_simplified (narrow, -1);
}

/* For display: whitespace runs (any kind) become one space; trimmed. */
char *
gk_text_collapse_spaces (const char *text,
                         gssize      len)
{
  GString *out;
  const char *end;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  end = text + len;
  out = g_string_sized_new (len);
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (gk_text_is_space (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
gk_byte_set_init (GkByteSet  *set,
                  const char *text,
                  gssize      len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end;
  /* in registers, not in *set: each byte would wait for the one before */
  guint64 ascii = 0, upper = 0, continuation = 0, lead = 0;

  g_return_if_fail (set != NULL && text != NULL);

  end = p + (len < 0 ? strlen (text) : (gsize) len);
  for (; p < end; p++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (*p & 63);

      switch (*p >> 6)
        {
        case 0: ascii |= bit; break;
        case 1: upper |= bit; break;
        case 2: continuation |= bit; break;
        default: lead |= bit; break;
        }
    }
  set->bits[0] = ascii;
  set->bits[1] = upper;
  set->bits[2] = continuation;
  set->bits[3] = lead;
}

/* Marks that state a cell does not apply, as opposed to a blank cell, as
 * they read after gk_text_fold_width(). */
static const char * const na_marks[] = {
  "/", "\\", "-", "--", "---", "—", "——", "–", "－", "―", "――", "无", "不适用", "不涉及",
  "n/a", "na", "×", "*", "…", "……", "空", "暂无", "無", "不適用", "暫無",
};

static gboolean
is_folded_na_mark (const char *folded)
{
  for (guint i = 0; i < G_N_ELEMENTS (na_marks); i++)
    if (g_str_equal (folded, na_marks[i]))
      return TRUE;
  return FALSE;
}

/* Whether @text, alone in a cell, states that the cell does not apply:
 * 「/」「／」「——」「×」「不适用」… The one list gk_number_parse() uses. */
gboolean
gk_text_is_na_mark (const char *text,
                    gssize      len)
{
  /* Folded as gk_text_fold_width() does, on the stack: the longest mark,
   * 「不适用」, has 9 bytes, so a text that folds to more is none. */
  char folded[16];
  gsize n = 0;
  const char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  if (len < 0)
    len = strlen (text);
  end = text + len;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = gk_text_fold_char (g_utf8_get_char (p));
      char bytes[8];
      gint n_bytes;

      if (c == 0)
        continue;
      n_bytes = g_unichar_to_utf8 (c, bytes);
      if (n + n_bytes >= sizeof folded)
        return FALSE;
      memcpy (folded + n, bytes, n_bytes);
      n += n_bytes;
    }
  folded[n] = '\0';
  return is_folded_na_mark (folded);
}

/* Cuts a parenthesised tail 「(…)」 off @text in place, when something
 * precedes it: 「(万元)」 after a number, 「(本级)」 after an agency. The text
 * is expected folded (ASCII parentheses). Returns whether it cut. */
gboolean
gk_text_strip_parenthesized_tail (char *text)
{
  gsize len;
  char *open;

  g_return_val_if_fail (text != NULL, FALSE);

  len = strlen (text);
  if (len == 0 || text[len - 1] != ')')
    return FALSE;
  open = strrchr (text, '(');
  if (open == NULL || open == text)
    return FALSE;
  *open = '\0';
  return TRUE;
}

/* Longest first, so 万元 wins over 元. */
static const char * const units[] = {
  "万元", "亿元", "人次", "元", "件", "个", "条", "项", "次", "份", "宗", "家", "%",
};

static gboolean
strip_suffix (GString    *s,
              const char *suffix)
{
  gsize n = strlen (suffix);

  if (s->len > n && memcmp (s->str + s->len - n, suffix, n) == 0)
    {
      g_string_truncate (s, s->len - n);
      return TRUE;
    }
  return FALSE;
}

static gboolean
strip_prefix (GString    *s,
              const char *prefix)
{
  gsize n = strlen (prefix);

  if (s->len > n && memcmp (s->str, prefix, n) == 0)
    {
      g_string_erase (s, 0, n);
      return TRUE;
    }
  return FALSE;
}

/* Digits with optional thousands separators and one decimal point. Commas
 * count as separators only in groups of three. */
static gboolean
parse_decimal (const char *s,
               double     *value,
               gboolean   *is_integer)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = s;
  gboolean seen_point = FALSE;
  guint group = 0;
  gboolean grouped = FALSE;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          group++;
        }
      else if (*p == ',' && !seen_point)
        {
          if ((grouped && group != 3) || (!grouped && (group == 0 || group > 3)))
            return FALSE;
          grouped = TRUE;
          group = 0;
        }
      else if (*p == '.' && !seen_point && g_ascii_isdigit (p[1]))
        {
          if (grouped && group != 3)
            return FALSE;
          grouped = FALSE;
          seen_point = TRUE;
          g_string_append_c (digits, '.');
        }
      else
        return FALSE;
    }
  if (grouped && group != 3)
    return FALSE;

  *value = g_ascii_strtod (digits->str, NULL);
  *is_integer = !seen_point;
  return isfinite (*value);
}

GkNumber
gk_number_parse (const char *raw)
{
  GkNumber number = { GK_VALUE_EMPTY, 0, TRUE, NULL };
  g_autofree char *folded = NULL;
  g_autoptr(GString) s = NULL;
  gboolean negative = FALSE;

  if (raw == NULL)
    return number;

  /* Most cells are plain digits: 「0」, 「144」. Read them at once; anything
   * else (widths, units, marks, signs, separators) takes the long way. */
  {
    gsize n = 0;
    guint64 value = 0;

    while (g_ascii_isdigit (raw[n]) && n < 15)
      value = value * 10 + (raw[n++] - '0');
    if (n > 0 && raw[n] == '\0' && (raw[0] != '0' || n == 1))
      {
        number.value = (double) value;
        number.kind = value == 0 ? GK_VALUE_ZERO : GK_VALUE_NUMBER;
        return number;
      }
  }

  folded = gk_text_fold_width (raw, -1);
  if (*folded == '\0')
    return number;

  if (is_folded_na_mark (folded))
    {
      number.kind = GK_VALUE_NA;
      return number;
    }
  /* Only a sign, 减/增 or a digit can start a number: units and parentheses
   * are cut from the end, so anything else is text (a header, a label). */
  if (!g_ascii_isdigit (*folded) && *folded != '-' && *folded != '+'
      && !g_str_has_prefix (folded, "减") && !g_str_has_prefix (folded, "減")
      && !g_str_has_prefix (folded, "增"))
    {
      number.kind = GK_VALUE_TEXT;
      return number;
    }

  /* A unit may be wrapped: 「（万元）」 folds to 「(万元)」. */
  gk_text_strip_parenthesized_tail (folded);
  s = g_string_new (folded);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strip_suffix (s, units[i]))
      {
        number.unit = units[i];
        break;
      }

  if (strip_prefix (s, "减少") || strip_prefix (s, "減少") || strip_prefix (s, "减")
      || strip_prefix (s, "減") || strip_prefix (s, "-"))
    negative = TRUE;
  else if (!strip_prefix (s, "增加") && !strip_prefix (s, "增"))
    strip_prefix (s, "+");

  if (!parse_decimal (s->str, &number.value, &number.is_integer))
    {
      number.kind = GK_VALUE_TEXT;
      number.value = 0;
      number.unit = NULL;
      return number;
    }

  if (negative)
    number.value = -number.value;
  number.kind = number.value == 0 ? GK_VALUE_ZERO : GK_VALUE_NUMBER;
  if (number.value == 0)
    number.value = 0;  /* no negative zero */
  return number;
}

gboolean
gk_number_is_present (const GkNumber *number)
{
  return number->kind == GK_VALUE_ZERO || number->kind == GK_VALUE_NUMBER;
}

/* Shortest text that reads back as the same value: 1282, 24252.311082, -4. */
char *
gk_number_format (double   value,
                  gboolean is_integer)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  /* %f of the largest double has 309 digits before the point */
  char fixed[DBL_MAX_10_EXP + 32];

  if (is_integer && fabs (value) < 1e15)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));

  for (int precision = 1; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  /* %g may choose an exponent; money amounts read better without one. */
  if (strchr (buffer, 'e') != NULL)
    return g_strdup (g_ascii_formatd (fixed, sizeof fixed, "%.6f", value));
  return g_strdup (buffer);
}

static const char * const kind_names[] = {
  [GK_VALUE_EMPTY] = "empty",
  [GK_VALUE_NA] = "na",
  [GK_VALUE_ZERO] = "zero",
  [GK_VALUE_NUMBER] = "number",
  [GK_VALUE_TEXT] = "text",
};

const char *
gk_value_kind_to_string (GkValueKind kind)
{
  g_return_val_if_fail (kind <= GK_VALUE_TEXT, "empty");
  return kind_names[kind];
}

gboolean
gk_value_kind_from_string (const char  *string,
                           GkValueKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (string, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}
