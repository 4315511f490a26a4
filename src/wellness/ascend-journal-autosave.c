/* ascend-journal-autosave.c: the journal editor's drafts, written as it types
 *
 * Signals:
 *   saved (gint64 saved_at)      a draft was written
 *   failed (const char *message) a write failed; the draft stays pending
 *                                and the next change or flush retries
 */
#include "config.h"

#include "ascend-journal-autosave.h"

struct _AscendJournalAutosave
{
  GObject             parent_instance;

  AscendDatabase     *db;
  guint               delay_ms;
  guint               max_delay_ms;

  AscendJournalDraft *pending;   /* not written yet, or NULL */
  AscendJournalDraft *written;   /* what was written last, or NULL */
  guint               delay_id;  /* restarts with every change */
  guint               max_id;    /* runs from the first unsaved change */
  gint64              saved_at;
};

enum { SAVED, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendJournalAutosave, ascend_journal_autosave, G_TYPE_OBJECT)

static void
stop_timers (AscendJournalAutosave *self)
{
  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_clear_handle_id (&self->max_id, g_source_remove);
}

static gboolean
write_pending (AscendJournalAutosave  *self,
               GError                **error)
{
  stop_timers (self);
  if (self->pending == NULL)
    return TRUE;
  if (!ascend_journal_draft_save (self->db, self->pending, error))
    return FALSE;
  self->saved_at = self->pending->saved_at;
  g_clear_pointer (&self->written, ascend_journal_draft_free);
  self->written = g_steal_pointer (&self->pending);
  g_signal_emit (self, signals[SAVED], 0, self->saved_at);
  return TRUE;
}

static gboolean max_delay_cb (gpointer data);

static void
write_from_timer (AscendJournalAutosave *self)
{
  g_autoptr(GError) error = NULL;

  if (!write_pending (self, &error))
    {
      /* Try again later (a busy database, a full disk being cleared). */
      if (self->max_id == 0)
        self->max_id = g_timeout_add (self->max_delay_ms, max_delay_cb, self);
      g_signal_emit (self, signals[FAILED], 0, error->message);
    }
}

static gboolean
delay_cb (gpointer data)
{
  AscendJournalAutosave *self = data;

  self->delay_id = 0;
  write_from_timer (self);
  return G_SOURCE_REMOVE;
}

static gboolean
max_delay_cb (gpointer data)
{
  AscendJournalAutosave *self = data;

  self->max_id = 0;
  write_from_timer (self);
  return G_SOURCE_REMOVE;
}

void
ascend_journal_autosave_update (AscendJournalAutosave    *self,
                                const AscendJournalDraft *draft)
{
  g_return_if_fail (ASCEND_IS_JOURNAL_AUTOSAVE (self));
  g_return_if_fail (draft != NULL);

  if (ascend_journal_draft_equal (draft, self->pending))
    return;
  g_clear_pointer (&self->pending, ascend_journal_draft_free);
  if (ascend_journal_draft_equal (draft, self->written))
    {
      /* Typed and then undone: the database already holds it. */
      stop_timers (self);
      return;
    }
  self->pending = ascend_journal_draft_copy (draft);

  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->delay_id = g_timeout_add (self->delay_ms, delay_cb, self);
  if (self->max_id == 0)
    self->max_id = g_timeout_add (self->max_delay_ms, max_delay_cb, self);
}

gboolean
ascend_journal_autosave_flush (AscendJournalAutosave  *self,
                               GError                **error)
{
  g_return_val_if_fail (ASCEND_IS_JOURNAL_AUTOSAVE (self), FALSE);
  return write_pending (self, error);
}

void
ascend_journal_autosave_forget (AscendJournalAutosave *self)
{
  g_return_if_fail (ASCEND_IS_JOURNAL_AUTOSAVE (self));

  stop_timers (self);
  g_clear_pointer (&self->pending, ascend_journal_draft_free);
  g_clear_pointer (&self->written, ascend_journal_draft_free);
}

gboolean
ascend_journal_autosave_has_pending (AscendJournalAutosave *self)
{
  g_return_val_if_fail (ASCEND_IS_JOURNAL_AUTOSAVE (self), FALSE);
  return self->pending != NULL;
}

gint64
ascend_journal_autosave_get_saved_at (AscendJournalAutosave *self)
{
  g_return_val_if_fail (ASCEND_IS_JOURNAL_AUTOSAVE (self), 0);
  return self->saved_at;
}

static void
ascend_journal_autosave_dispose (GObject *object)
{
  AscendJournalAutosave *self = ASCEND_JOURNAL_AUTOSAVE (object);
  g_autoptr(GError) error = NULL;

  /* Whatever is still pending when the editor goes away is written now. */
  if (self->db != NULL && !write_pending (self, &error))
    g_warning ("Could not save the journal draft: %s", error->message);
  stop_timers (self);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (ascend_journal_autosave_parent_class)->dispose (object);
}

static void
ascend_journal_autosave_finalize (GObject *object)
{
  AscendJournalAutosave *self = ASCEND_JOURNAL_AUTOSAVE (object);

  g_clear_pointer (&self->pending, ascend_journal_draft_free);
  g_clear_pointer (&self->written, ascend_journal_draft_free);
  G_OBJECT_CLASS (ascend_journal_autosave_parent_class)->finalize (object);
}

static void
ascend_journal_autosave_class_init (AscendJournalAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ascend_journal_autosave_dispose;
  object_class->finalize = ascend_journal_autosave_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ascend_journal_autosave_init (AscendJournalAutosave *self)
{
}

AscendJournalAutosave *
ascend_journal_autosave_new (AscendDatabase *db,
                             guint           delay_ms,
                             guint           max_delay_ms)
{
  AscendJournalAutosave *self;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  self = g_object_new (ASCEND_TYPE_JOURNAL_AUTOSAVE, NULL);
  self->db = g_object_ref (db);
  self->delay_ms = MAX (delay_ms, 1);
  self->max_delay_ms = MAX (max_delay_ms, self->delay_ms);
  return self;
}
