#include "config.h"

#include "ascend-health-error.h"

G_DEFINE_QUARK (ascend-health-error-quark, ascend_health_error)
