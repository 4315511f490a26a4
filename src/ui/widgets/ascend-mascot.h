#pragma once

#include <adwaita.h>
#include "ascend-entitlements.h"

G_BEGIN_DECLS

typedef enum {
  ASCEND_MASCOT_CHEERFUL,
  ASCEND_MASCOT_CALM,
  ASCEND_MASCOT_WORRIED,
  ASCEND_MASCOT_SLEEPY,
} AscendMascotMood;

#define ASCEND_TYPE_MASCOT (ascend_mascot_get_type ())
G_DECLARE_FINAL_TYPE (AscendMascot, ascend_mascot, ASCEND, MASCOT, AdwBin)

void             ascend_mascot_set      (AscendMascot     *self,
                                         AscendMascotMood  mood,
                                         const char       *speech);
AscendMascotMood ascend_mascot_get_mood (AscendMascot     *self);
const char      *ascend_mascot_get_speech (AscendMascot   *self);

/* Every Hoshi, now and later, in this companion theme (NULL: Sakura). */
void             ascend_mascot_set_theme (const AscendCompanionTheme *theme);

G_END_DECLS
