/* ascend-rhythm.c: to be written */
#include "config.h"
