/* ascend-journal-editor.h: write or edit one journal entry, drafts saved as you type */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_JOURNAL_EDITOR (ascend_journal_editor_get_type ())
G_DECLARE_FINAL_TYPE (AscendJournalEditor, ascend_journal_editor, ASCEND, JOURNAL_EDITOR, GtkBox)

void     ascend_journal_editor_set_app    (AscendJournalEditor *self,
                                           AscendApplication   *app);
/* Opens a new entry (entry_id 0) or the entry entry_id; when the database
 * holds a draft for it, the draft is what opens, so nothing typed before
 * is ever overwritten. Writes what was pending in the editor first. */
gboolean ascend_journal_editor_open       (AscendJournalEditor *self,
                                           gint64               entry_id,
                                           GError             **error);
/* Writes the draft now (if anything is unsaved) and hides the editor. */
void     ascend_journal_editor_close      (AscendJournalEditor *self);
gboolean ascend_journal_editor_is_open    (AscendJournalEditor *self);
/* The entry open in the editor: 0 for a new one, -1 when closed. */
gint64   ascend_journal_editor_get_entry_id (AscendJournalEditor *self);
/* Checks the form, then saves the entry and drops its draft in one
 * transaction. On a problem the form stays as typed and says what is
 * wrong next to the field. */
gboolean ascend_journal_editor_save       (AscendJournalEditor *self);

G_END_DECLS
