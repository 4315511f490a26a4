/* ascend-hrm.c: to be written */
#include "config.h"
