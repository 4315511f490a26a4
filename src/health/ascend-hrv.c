/* ascend-hrv.c: to be written */
#include "config.h"
