// The helpers are inline functions in include/conform_support.h; SwiftPM needs one source file.
#include "conform_support.h"
