/* gk-fuzz.h — the entry point every fuzz target defines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Called once per input, by libFuzzer or by fuzz-driver.c. DATA is exactly
 * SIZE bytes long (no NUL after it). Return 0; crash (abort) on a bug. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
