#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ASCEND_TYPE_ONBOARDING (ascend_onboarding_get_type ())
G_DECLARE_FINAL_TYPE (AscendOnboarding, ascend_onboarding, ASCEND, ONBOARDING, AdwBin)

void ascend_onboarding_show_error (AscendOnboarding *self,
                                   const char       *message);

G_END_DECLS
