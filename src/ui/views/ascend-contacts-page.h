#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_CONTACTS_PAGE (ascend_contacts_page_get_type ())
G_DECLARE_FINAL_TYPE (AscendContactsPage, ascend_contacts_page, ASCEND, CONTACTS_PAGE, AdwBin)

void ascend_contacts_page_set_application (AscendContactsPage *self,
                                           AscendApplication  *app);
void ascend_contacts_page_refresh         (AscendContactsPage *self);

G_END_DECLS
