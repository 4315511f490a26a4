/* ascend-journal-autosave.h: the journal editor's drafts, written as it types
 *
 * The editor hands every change to ascend_journal_autosave_update(); the
 * draft is written (ascend_journal_draft_save, durable) once typing pauses
 * for delay_ms, and at the latest max_delay_ms after the first unsaved
 * change, so steady typing is saved too. A crash, a SIGKILL or a power cut
 * loses at most max_delay_ms of typing. Closing the editor flushes.
 */
#pragma once

#include "ascend-journal-store.h"

G_BEGIN_DECLS

#define ASCEND_JOURNAL_AUTOSAVE_DELAY_MS      1000
#define ASCEND_JOURNAL_AUTOSAVE_MAX_DELAY_MS  3000

#define ASCEND_TYPE_JOURNAL_AUTOSAVE (ascend_journal_autosave_get_type ())
G_DECLARE_FINAL_TYPE (AscendJournalAutosave, ascend_journal_autosave, ASCEND, JOURNAL_AUTOSAVE, GObject)

AscendJournalAutosave *ascend_journal_autosave_new         (AscendDatabase           *db,
                                                            guint                     delay_ms,
                                                            guint                     max_delay_ms);
/* Takes a copy of draft; nothing is written when it equals what was
 * written last. */
void                   ascend_journal_autosave_update      (AscendJournalAutosave    *self,
                                                            const AscendJournalDraft *draft);
/* Writes the pending draft now, if there is one. */
gboolean               ascend_journal_autosave_flush       (AscendJournalAutosave    *self,
                                                            GError                  **error);
/* Forgets the pending draft (the entry was saved, or the draft thrown
 * away); what is in the database stays as it is. */
void                   ascend_journal_autosave_forget      (AscendJournalAutosave    *self);
gboolean               ascend_journal_autosave_has_pending (AscendJournalAutosave    *self);
/* Unix ms of the last write, or 0. */
gint64                 ascend_journal_autosave_get_saved_at (AscendJournalAutosave   *self);

G_END_DECLS
