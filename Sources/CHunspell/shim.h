#ifndef CRITERIO_HUNSPELL_SHIM_H
#define CRITERIO_HUNSPELL_SHIM_H

// Hunspell's C interface (Debian's libhunspell-dev; pkg-config `hunspell` gives the include path).
#include <hunspell.h>

#endif
