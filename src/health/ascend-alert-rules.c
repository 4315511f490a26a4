/* ascend-alert-rules.c: to be written */
#include "config.h"
