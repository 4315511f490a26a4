/* ascend-health-error.h: errors of the pure analysis layer */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASCEND_HEALTH_ERROR (ascend_health_error_quark ())

typedef enum {
  ASCEND_HEALTH_ERROR_MALFORMED,   /* a packet or line that does not follow its format */
  ASCEND_HEALTH_ERROR_TOO_SHORT,   /* not enough data for the computation */
} AscendHealthError;

GQuark ascend_health_error_quark (void);

G_END_DECLS
