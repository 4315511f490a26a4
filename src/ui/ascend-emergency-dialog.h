#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

/* "Are you OK?" with a countdown, after a critical alert. No answer, or
 * "I Need Help", records an emergency reading and shows the emergency
 * contacts; "I'm OK" acknowledges the alert. */
void ascend_emergency_countdown_present (AscendApplication *app,
                                         GtkWindow         *parent,
                                         gint64             alert_id,
                                         const char        *alert_message,
                                         int                heart_rate,
                                         int                seconds);
/* The contacts, primary first, with tel: links and a message to copy. */
void ascend_emergency_contacts_present  (AscendApplication *app,
                                         GtkWindow         *parent,
                                         const char        *alert_message);

G_END_DECLS
