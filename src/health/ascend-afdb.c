/* ascend-afdb.c: to be written */
#include "config.h"
