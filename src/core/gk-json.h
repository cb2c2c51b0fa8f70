/* gk-json.h — a small streaming JSON writer (GLib has none, and output is all
 * we need: the CLI and exports write JSON, nothing reads it back)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GkJson GkJson;

GkJson  *gk_json_new           (gboolean    pretty);
void     gk_json_free          (GkJson     *self);
char    *gk_json_free_to_string (GkJson    *self);
GString *gk_json_get_string    (GkJson     *self);

void     gk_json_begin_object  (GkJson     *self);
void     gk_json_end_object    (GkJson     *self);
void     gk_json_begin_array   (GkJson     *self);
void     gk_json_end_array     (GkJson     *self);
void     gk_json_key           (GkJson     *self,
                                const char *key);
void     gk_json_string        (GkJson     *self,
                                const char *value);   /* NULL writes null */
void     gk_json_int           (GkJson     *self,
                                gint64      value);
void     gk_json_double        (GkJson     *self,
                                double      value);   /* NAN and inf write null */
void     gk_json_boolean       (GkJson     *self,
                                gboolean    value);
void     gk_json_null          (GkJson     *self);

/* key + value in one call */
void     gk_json_member_string (GkJson     *self,
                                const char *key,
                                const char *value);
void     gk_json_member_int    (GkJson     *self,
                                const char *key,
                                gint64      value);
void     gk_json_member_double (GkJson     *self,
                                const char *key,
                                double      value);
void     gk_json_member_boolean (GkJson    *self,
                                const char *key,
                                gboolean    value);

void     gk_json_append_escaped (GString   *out,
                                 const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkJson, gk_json_free)

G_END_DECLS
