#pragma once

#include <adwaita.h>
#include "ascend-database.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_APPLICATION (ascend_application_get_type ())
G_DECLARE_FINAL_TYPE (AscendApplication, ascend_application, ASCEND, APPLICATION, AdwApplication)

AscendApplication *ascend_application_new          (void);
AscendDatabase    *ascend_application_get_database (AscendApplication *self);
GSettings         *ascend_application_get_settings (AscendApplication *self);

G_END_DECLS
