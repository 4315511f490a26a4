/* ascend-data-imports.h: imports from other apps, and what the "Your
 * Data" page shares with them (private to ascend-data-page.c and
 * ascend-data-imports.c) */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

/* "From Other Apps": Loop Habit Tracker and RR-interval files, each
 * previewed in a dialog before anything is written. */
AdwPreferencesGroup *ascend_data_imports_group_new (AscendApplication *app);

/* A toast on the window holding widget. */
void ascend_data_page_toast  (GtkWidget  *widget,
                              const char *message);
/* A dialog with a heading and a sentence saying what went wrong. */
void ascend_data_page_error  (GtkWidget  *widget,
                              const char *heading,
                              const char *message);
/* GtkFileChooserNative (or ASCEND_TEST_FILE when set); func is called as
 * func (widget, path) with the chosen path. */
void ascend_data_page_choose (GtkWidget            *widget,
                              GtkFileChooserAction  action,
                              const char           *title,
                              const char           *accept,
                              const char           *suggested_name,
                              GtkFileFilter        *filter,
                              gpointer              func);

G_END_DECLS
