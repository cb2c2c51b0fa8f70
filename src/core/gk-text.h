/* gk-text.h — text folding for matching, and reading numbers as the form writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folding is for matching only, never for display. */
char       *gk_text_fold            (const char *text,
                                     gssize      len);
char       *gk_text_fold_width      (const char *text,
                                     gssize      len);
char       *gk_text_to_simplified   (const char *text,
                                     gssize      len);
/* gk_text_fold_width() of @text (valid UTF-8) in one pass, with where each
 * byte of the result came from: (*map)[i] is the offset in @text of the
 * character that gave byte i, (*map)[*narrow_len] is @len. *simplified is
 * what gk_text_to_simplified() makes of the result, or NULL when it changes
 * nothing (then gk_text_fold() of @text is the result). */
char       *gk_text_fold_mapped     (const char *text,
                                     gsize       len,
                                     gsize     **map,
                                     gsize      *narrow_len,
                                     char      **simplified);
char       *gk_text_to_taiwan       (const char *text,
                                     gssize      len);
char       *gk_text_collapse_spaces (const char *text,
                                     gssize      len);
gboolean    gk_text_is_space        (gunichar    c);
gunichar    gk_text_fold_char       (gunichar    c);
/* 「0」…「9」 and 「０」…「９」: exactly the characters gk_text_fold_char()
 * turns into ASCII digits. */
gboolean    gk_text_is_digit        (gunichar    c);

/* The byte values a text holds, as a set. A needle holding a byte the text
 * lacks cannot occur in it: testing that spares most searches for labels
 * and words that are not there. */
typedef struct
{
  guint64 bits[4];
} GkByteSet;

void        gk_byte_set_init        (GkByteSet  *set,
                                     const char *text,
                                     gssize      len);

/* Whether every byte of @subset is in @set: FALSE means a text with the
 * bytes @subset holds cannot occur in one with @set. */
static inline gboolean
gk_byte_set_includes (const GkByteSet *set,
                      const GkByteSet *subset)
{
  return ((subset->bits[0] & ~set->bits[0]) | (subset->bits[1] & ~set->bits[1])
          | (subset->bits[2] & ~set->bits[2]) | (subset->bits[3] & ~set->bits[3])) == 0;
}

/* 「/」「／」「——」「不适用」…: the marks gk_number_parse() reads as GK_VALUE_NA. */
gboolean    gk_text_is_na_mark      (const char *text,
                                     gssize      len);
/* In place: 「52.15(万元)」 → 「52.15」; @text already folded. */
gboolean    gk_text_strip_parenthesized_tail
                                    (char       *text);

typedef enum
{
  GK_VALUE_EMPTY,   /* blank */
  GK_VALUE_NA,      /* 「/」「—」「无」「不适用」: stated as not applicable */
  GK_VALUE_ZERO,
  GK_VALUE_NUMBER,
  GK_VALUE_TEXT,    /* something that is not a number */
} GkValueKind;

typedef struct
{
  GkValueKind  kind;
  double       value;       /* 0 unless kind is ZERO or NUMBER */
  gboolean     is_integer;  /* written without a fractional part */
  const char  *unit;        /* a static string such as "元", "万元", "件"; NULL when none */
} GkNumber;

GkNumber    gk_number_parse            (const char  *raw);
gboolean    gk_number_is_present       (const GkNumber *number);
char       *gk_number_format           (double       value,
                                        gboolean     is_integer);
const char *gk_value_kind_to_string    (GkValueKind  kind);
gboolean    gk_value_kind_from_string  (const char  *string,
                                        GkValueKind *kind);

G_END_DECLS
