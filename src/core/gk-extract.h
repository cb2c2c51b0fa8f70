/* gk-extract.h — from a document to a report: identity, kind, tables, prose facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gk-document.h"
#include "gk-report.h"

G_BEGIN_DECLS

/* Bump whenever extraction would derive different cells from the same bytes:
 * the library then derives them again from the stored sources, and applies
 * the researcher's edits again by cell key. */
#define GK_EXTRACTOR_VERSION 1

GkReport *gk_extract_report      (GkDocument    *document);

/* The whole pipeline: bytes → source → document → report. */
GkReport *gk_read_report_file    (GFile         *file,
                                  GCancellable  *cancellable,
                                  GError       **error);
GkReport *gk_read_report_bytes   (const char    *name,
                                  GBytes        *bytes,
                                  GError       **error);

G_END_DECLS
