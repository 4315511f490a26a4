/* ascend-profile-card.h: who the user is in the game: rank badge, level, XP
 *
 * Shows the rank badge (data/icons/ranks), the level and rank, an XP bar
 * through the level and the tokens. When an update raises the level it
 * plays a short celebration (the badge swells, "Level up!" shines for
 * under a second), unless animations are turned off
 * (gtk-enable-animations), in which case it only updates.
 */
#pragma once

#include <adwaita.h>
#include "ascend-progress.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_PROFILE_CARD (ascend_profile_card_get_type ())
G_DECLARE_FINAL_TYPE (AscendProfileCard, ascend_profile_card, ASCEND, PROFILE_CARD, AdwBin)

GtkWidget *ascend_profile_card_new    (void);
/* Returns TRUE when the level went up since the last update. */
gboolean   ascend_profile_card_update (AscendProfileCard    *self,
                                       const char           *name,
                                       const AscendProgress *progress,
                                       gint64                tokens);
/* Whether the last level-up played its animation (FALSE with animations off). */
gboolean   ascend_profile_card_get_celebrated (AscendProfileCard *self);

G_END_DECLS
