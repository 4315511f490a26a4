/* ascend-mood-checkin.h: "How are you feeling?" on a 1-10 scale, a moodLogs row */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_MOOD_CHECKIN (ascend_mood_checkin_get_type ())
G_DECLARE_FINAL_TYPE (AscendMoodCheckin, ascend_mood_checkin, ASCEND, MOOD_CHECKIN, GtkBox)

AscendMoodCheckin *ascend_mood_checkin_new         (AscendApplication *app);
void               ascend_mood_checkin_set_app     (AscendMoodCheckin *self,
                                                    AscendApplication *app);
/* Hides the widget's own "Log Mood" button, for a dialog that has one. */
void               ascend_mood_checkin_set_show_button (AscendMoodCheckin *self,
                                                        gboolean           show);
gint64             ascend_mood_checkin_get_score   (AscendMoodCheckin *self);
/* Writes the moodLogs row, tells every view, and emits "logged" (gint64 id,
 * const char *summary). On error the form keeps what was typed and shows
 * the error under it. Returns the new row's id or 0; summary (may be NULL)
 * gets a sentence for a toast. */
gint64             ascend_mood_checkin_log         (AscendMoodCheckin  *self,
                                                    char              **summary);

G_END_DECLS
