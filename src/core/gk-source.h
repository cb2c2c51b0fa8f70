/* gk-source.h — a saved page read into UTF-8 text, with its kind, charset and hash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Files larger than this are refused before they are read. */
#define GK_SOURCE_MAX_SIZE ((gsize) 64 * 1024 * 1024)

#define GK_SOURCE_ERROR (gk_source_error_quark ())

typedef enum
{
  GK_SOURCE_ERROR_READ,         /* the file cannot be read (permissions, I/O, a directory) */
  GK_SOURCE_ERROR_EMPTY,        /* no bytes, or only whitespace */
  GK_SOURCE_ERROR_TOO_LARGE,    /* over GK_SOURCE_MAX_SIZE */
  GK_SOURCE_ERROR_PDF,          /* "PDF reports are not supported yet" */
  GK_SOURCE_ERROR_BINARY,       /* images, archives, office documents, executables, NUL bytes */
  GK_SOURCE_ERROR_MALFORMED,    /* e.g. an MHTML archive with no text/html part */
} GkSourceError;

typedef enum
{
  GK_SOURCE_KIND_HTML,          /* .html .htm .shtml .xhtml, or sniffed */
  GK_SOURCE_KIND_MHTML,         /* .mhtml .mht: MIME multipart, text is its text/html part */
  GK_SOURCE_KIND_TEXT,          /* .txt, or anything that is text but not markup */
} GkSourceKind;

/* How the charset was chosen, in the order they are tried. */
typedef enum
{
  GK_CHARSET_FROM_BOM,
  GK_CHARSET_FROM_DECLARATION,  /* <meta charset>, http-equiv, or the MIME part's charset */
  GK_CHARSET_FROM_UTF8_VALID,   /* no declaration; the bytes are valid UTF-8 */
  GK_CHARSET_FROM_SNIFFING,     /* no declaration; GB18030 or Big5, whichever reads as Chinese */
  GK_CHARSET_FROM_LOSSY,        /* nothing fitted: decoded as UTF-8 with invalid bytes replaced */
} GkCharsetOrigin;

typedef struct _GkSource GkSource;

struct _GkSource
{
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public, read-only >*/
  char            *name;            /* the file's base name, for messages and display */
  char            *path;            /* the original path, or NULL for bytes */
  GkSourceKind     kind;
  char            *charset;         /* the charset used: "UTF-8", "GB18030", "BIG5", ... */
  GkCharsetOrigin  charset_origin;
  char            *sha256;          /* lowercase hex digest of the original bytes */
  GBytes          *bytes;           /* the original bytes, as read */
  char            *text;            /* NUL-terminated, valid UTF-8, BOM removed */
  gsize            text_len;
  GPtrArray       *warnings;        /* char *: things a researcher should know,
                                     * e.g. "12 invalid bytes were replaced" */
};

GQuark        gk_source_error_quark       (void);

GkSource     *gk_source_new_from_file     (GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
GkSource     *gk_source_new_from_bytes    (const char    *name,
                                           GBytes        *bytes,
                                           GError       **error);
GkSource     *gk_source_ref               (GkSource      *self);
void          gk_source_unref             (GkSource      *self);

const char   *gk_source_kind_to_string    (GkSourceKind   kind);     /* "html", "mhtml", "txt" */
const char   *gk_charset_origin_to_string (GkCharsetOrigin origin);  /* "bom", "declared", ... */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSource, gk_source_unref)

G_END_DECLS
