#ifndef CRITERIO_PCRE2_SHIM_H
#define CRITERIO_PCRE2_SHIM_H

// Criterio works on UTF-8 text, so only the 8-bit code unit library is used.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros that Swift cannot import, exposed as functions.
static inline size_t criterio_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t criterio_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
