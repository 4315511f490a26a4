/* ascend-breathing-orb.h: the breathing orb, its aura and a progress ring
 *
 * A passive widget: the owner tells it, each frame, where the exercise is
 * (ascend_breathing_orb_set_frame) and it draws that. The orb's size
 * follows the breath (level 0 empty .. 1 full), its colour the kind of
 * phase; the outer ring shows how much of the exercise is done. Sparkles
 * drift and a resting orb glows softly, timed by the time given with the
 * frame.
 *
 * Reduced motion (gtk-enable-animations off, or forced): the orb keeps one
 * size and nothing drifts; the phase shows as its colour and as a thin
 * inner ring that fills as the phase passes.
 */
#pragma once

#include <gtk/gtk.h>
#include "ascend-breathe-session.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_BREATHING_ORB (ascend_breathing_orb_get_type ())
G_DECLARE_FINAL_TYPE (AscendBreathingOrb, ascend_breathing_orb, ASCEND, BREATHING_ORB, GtkWidget)

GtkWidget *ascend_breathing_orb_new            (void);
/* time_us: any monotonic time (the frame clock's), for the decoration. */
void       ascend_breathing_orb_set_frame      (AscendBreathingOrb *self,
                                                AscendPhaseKind     kind,
                                                double              level,
                                                double              phase_fraction,
                                                double              progress,
                                                gint64              time_us);
/* TRUE when the orb keeps still: forced, or animations are off. */
gboolean   ascend_breathing_orb_get_reduced_motion (AscendBreathingOrb *self);
/* Forces the still variant on (benchmarks, screenshots); FALSE follows
 * gtk-enable-animations again. */
void       ascend_breathing_orb_set_force_reduced_motion (AscendBreathingOrb *self,
                                                          gboolean            force);

G_END_DECLS
