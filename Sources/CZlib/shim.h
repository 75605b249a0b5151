#ifndef CONFORM_CZLIB_SHIM_H
#define CONFORM_CZLIB_SHIM_H
#include <zlib.h>
#endif
