/* ascend-stress.c: to be written */
#include "config.h"
