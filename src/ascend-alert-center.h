/* ascend-alert-center.h: from monitor minutes to alerts a person receives
 *
 * Runs the alert rules on what the monitor writes, stores each alert in
 * healthAlerts and sends a desktop notification (GNotification) whose
 * actions are application actions, so they work with no window open.
 */
#pragma once

#include <gio/gio.h>
#include "ascend-database.h"
#include "ascend-monitor.h"
#include "ascend-alert-rules.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_ALERT_CENTER (ascend_alert_center_get_type ())
G_DECLARE_FINAL_TYPE (AscendAlertCenter, ascend_alert_center, ASCEND, ALERT_CENTER, GObject)

/* settings may be NULL (defaults); app may be NULL (no notifications). */
AscendAlertCenter *ascend_alert_center_new          (GApplication   *app,
                                                     AscendDatabase *db,
                                                     gint64          user_id,
                                                     GSettings      *settings);
void               ascend_alert_center_watch        (AscendAlertCenter *self,
                                                     AscendMonitor     *monitor);
/* Acknowledges alert id (0: all), withdraws its notification. */
gint64             ascend_alert_center_acknowledge  (AscendAlertCenter *self,
                                                     gint64             alert_id,
                                                     GError           **error);
char              *ascend_alert_notification_id     (gint64             alert_id);

/* Signals: "alert" (gint64 id, const AscendAlertEvent *) after it is stored
 * and sent; critical ones are what the window answers with "Are you OK?". */

G_END_DECLS
