/* ascend-profile.h: what a valid profile name and email are */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASCEND_PROFILE_NAME_MAX   80
#define ASCEND_PROFILE_EMAIL_MAX 320

/* Each returns TRUE when valid; otherwise a sentence for an inline error.
 * An empty email is valid (it is optional). */
gboolean ascend_profile_validate_name  (const char  *name,
                                        char       **message);
gboolean ascend_profile_validate_email (const char  *email,
                                        char       **message);

G_END_DECLS
