#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_PREFERENCES (ascend_preferences_get_type ())
G_DECLARE_FINAL_TYPE (AscendPreferences, ascend_preferences, ASCEND, PREFERENCES, AdwPreferencesWindow)

AscendPreferences *ascend_preferences_new (AscendApplication *app,
                                           GtkWindow         *parent);

G_END_DECLS
