/* ascend-data-page.h: the "Your Data" page of Preferences
 *
 * Export (JSON, CSV folder) and import of a JSON export, the daily backups
 * with "Back up now" and "Restore…", imports from Loop Habit Tracker and
 * RR-interval files with a preview, and the Danger Zone.
 *
 * File choosers are GtkFileChooserNative (the file chooser portal under
 * Flatpak). For tests, ASCEND_TEST_FILE=PATH skips the chooser and uses
 * PATH; it is read only when set.
 */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_DATA_PAGE (ascend_data_page_get_type ())
G_DECLARE_FINAL_TYPE (AscendDataPage, ascend_data_page, ASCEND, DATA_PAGE, AdwPreferencesPage)

AdwPreferencesPage *ascend_data_page_new (AscendApplication *app);

G_END_DECLS
