#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_CONTACT_DIALOG (ascend_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AscendContactDialog, ascend_contact_dialog, ASCEND, CONTACT_DIALOG, AdwWindow)

/* Adds a contact (contact_id 0) or edits contact_id of the current profile.
 * Emits "saved" (gint64 id) once the store has it, then closes. */
AscendContactDialog *ascend_contact_dialog_new (AscendApplication *app,
                                                GtkWindow         *parent,
                                                gint64             contact_id);

G_END_DECLS
