/* ascend-fall.c: to be written */
#include "config.h"
