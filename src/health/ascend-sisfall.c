/* ascend-sisfall.c: to be written */
#include "config.h"
