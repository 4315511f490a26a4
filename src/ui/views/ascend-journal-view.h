#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_JOURNAL_VIEW (ascend_journal_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendJournalView, ascend_journal_view, ASCEND, JOURNAL_VIEW, AdwBin)

AscendJournalView *ascend_journal_view_new     (AscendApplication *app);
void               ascend_journal_view_refresh (AscendJournalView *self);

G_END_DECLS
