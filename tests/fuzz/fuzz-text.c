/* fuzz-text.c — fuzz target for reading text copies into blocks (gk-text-reader.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-document-check.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_document (data, size, "x.txt");
}
