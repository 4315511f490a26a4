#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ASCEND_TYPE_HEARTBEAT (ascend_heartbeat_get_type ())
G_DECLARE_FINAL_TYPE (AscendHeartbeat, ascend_heartbeat, ASCEND, HEARTBEAT, GtkWidget)

GtkWidget *ascend_heartbeat_new  (void);
/* 0 stops the beat (no sensor). */
void       ascend_heartbeat_set_rate (AscendHeartbeat *self,
                                      guint            bpm);

G_END_DECLS
