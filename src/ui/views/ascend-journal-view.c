/* ascend-journal-view.c: the Journal section: mood check-in and history,
 * the entry editor, and the entries, searched and filtered
 *
 * Search runs as the user types (GtkSearchEntry's own short delay) through
 * ascend_journal_search(): best match first, matches highlighted. Deleting
 * an entry shows a toast with Undo, which writes it back under its id.
 * A draft left from before (a crash, a closed window) is offered back in
 * a banner above the list.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-journal-view.h"
#include "ascend-journal-editor.h"
#include "ascend-journal-rules.h"
#include "ascend-journal-store.h"
#include "ascend-chart.h"
#include "ascend-mood-checkin.h"
#include "ascend-progress.h"
#include "ascend-view-util.h"

#define LIST_LIMIT 200
#define WEEK_DAYS    7
#define MONTH_DAYS  30
/* A highlighter pen: dark text on pink reads in light and dark schemes. */
#define MATCH_SPAN "weight=\"bold\" background=\"#ffc2df\" foreground=\"#2a1f4a\""

struct _AscendJournalView
{
  AdwBin               parent_instance;

  AscendApplication   *app;
  gboolean             filling_filters;

  GtkScrolledWindow   *scroller;
  AscendMoodCheckin   *checkin;
  GtkToggleButton     *week_button;
  GtkToggleButton     *month_button;
  AscendChart         *chart;
  GtkWidget           *new_button;
  GtkRevealer         *draft_revealer;
  GtkLabel            *draft_label;
  AscendJournalEditor *editor;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tag_filter;
  GtkDropDown         *mood_filter;
  GtkStack            *list_stack;
  GtkListBox          *entry_list;
  GtkLabel            *empty_label;
  GtkLabel            *more_label;
};

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendJournalView, ascend_journal_view, ADW_TYPE_BIN)

static AscendDatabase *
database (AscendJournalView *self)
{
  return ascend_application_get_database (self->app);
}

static gint64
user_id (AscendJournalView *self)
{
  return ascend_application_get_user_id (self->app);
}

/* ------------------------------------------------------------- mood chart */

/* What the chart says to a screen reader: the average of the days logged
 * and how many there were. */
static char *
mood_summary (const double *averages,
              guint         n_days)
{
  double sum = 0;
  guint days = 0;

  for (guint i = 0; i < n_days; i++)
    if (!isnan (averages[i]))
      {
        sum += averages[i];
        days++;
      }
  if (days == 0)
    return g_strdup (n_days <= WEEK_DAYS ? _("Mood this week: nothing logged yet")
                                         : _("Mood this month: nothing logged yet"));
  if (n_days <= WEEK_DAYS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Mood this week: %.1f of 10 on average, %u day logged",
                                         "Mood this week: %.1f of 10 on average, %u days logged", days),
                            sum / days, days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Mood this month: %.1f of 10 on average, %u day logged",
                                       "Mood this month: %.1f of 10 on average, %u days logged", days),
                          sum / days, days);
}

static void
update_chart (AscendJournalView *self)
{
  guint n_days = gtk_toggle_button_get_active (self->month_button) ? MONTH_DAYS : WEEK_DAYS;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GPtrArray) logs = NULL;
  g_autofree double *averages = g_new (double, n_days);
  g_autofree AscendChartPoint *points = g_new (AscendChartPoint, n_days);
  g_autofree char *summary = NULL;
  gint64 now_ms = g_date_time_to_unix (now) * 1000;
  gint64 from, to;
  guint n = 0;

  ascend_mood_history_range (tz, now_ms, n_days, &from, &to);
  logs = ascend_mood_log_list (database (self), user_id (self), from, to, NULL);
  ascend_mood_daily_averages (logs, tz, now_ms, n_days, averages);

  /* One bar a local day, at the day's midnight (23 or 25 hours apart
   * across DST, so each day is placed on its own). */
  for (guint i = 0; i < n_days; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, (int) i - (int) n_days + 1);
      g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                                                       g_date_time_get_day_of_month (day), 0, 0, 0);
      if (isnan (averages[i]))
        continue;
      points[n++] = (AscendChartPoint) { g_date_time_to_unix (midnight) * 1000, averages[i], NAN, NAN };
    }

  ascend_chart_set_range (self->chart, n_days <= WEEK_DAYS ? ASCEND_CHART_PERIOD_WEEK : ASCEND_CHART_PERIOD_MONTH,
                          from, to, tz);
  ascend_chart_set_points (self->chart, points, n, 24 * 3600 * (gint64) 1000, 0);
  ascend_chart_set_empty_text (self->chart, n_days <= WEEK_DAYS ? _("No moods logged this week yet")
                                                                : _("No moods logged this month yet"));
  summary = mood_summary (averages, n_days);
  ascend_chart_set_summary (self->chart, summary);
}

static void
range_toggled_cb (AscendJournalView *self)
{
  if (user_id (self) > 0)
    update_chart (self);
}

/* ------------------------------------------------------------------ filters */

/* GTK 4.8 names a drop-down's button after its type: name it after the
 * drop-down. */
static void
name_dropdown (GtkDropDown *dropdown,
               const char  *label)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const char *
selected_filter (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  /* The first item is "All tags" / "Any mood". */
  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static void
fill_filter (AscendJournalView *self,
             GtkDropDown       *dropdown,
             const char        *all_label,
             GStrv              values)
{
  g_autofree char *keep = g_strdup (selected_filter (dropdown));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (list, all_label);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (list, values[i]);
      if (g_strcmp0 (values[i], keep) == 0)
        selected = i + 1;
    }
  self->filling_filters = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
  self->filling_filters = FALSE;
}

/* -------------------------------------------------------------------- rows */

static char *
format_when (gint64 created_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (created_at / 1000);
  /* TRANSLATORS: when a journal entry was written, e.g. "Mon 3 Mar 2025 · 14:32" */
  g_autofree char *text = g_date_time_format (when, _("%a %e %b %Y · %H:%M"));
  return g_strdup (g_strstrip (text));
}

static char *
tags_markup (const char *marked_tags)
{
  g_auto(GStrv) tags = g_strsplit (marked_tags ? marked_tags : "", "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *markup = NULL;
      if (*tags[i] == '\0')
        continue;
      markup = ascend_journal_marked_to_markup (tags[i], MATCH_SPAN);
      /* Isolated, so a right-to-left tag keeps its '#' in front. */
      g_string_append_printf (out, "%s#\u2068%s\u2069", out->len ? "  " : "", markup);
    }
  return g_string_free (out, FALSE);
}

static void delete_clicked_cb (GtkButton *button, AscendJournalView *self);

static GtkWidget *
entry_row (AscendJournalView *self,
           AscendJournalHit  *hit)
{
  AscendJournalEntry *entry = hit->entry;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);
  GtkWidget *tags = gtk_label_new (NULL);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title_markup = ascend_journal_marked_to_markup (hit->title, MATCH_SPAN);
  g_autofree char *plain_title = ascend_journal_marked_to_plain (hit->title);
  g_autofree char *snippet_markup = ascend_journal_marked_to_markup (hit->snippet, MATCH_SPAN);
  g_autofree char *tag_text = tags_markup (hit->tags);
  g_autofree char *when = format_when (entry->created_at);
  g_autofree char *meta_text = NULL;
  g_autofree char *delete_label = NULL;

  if (ascend_mood_score_valid (entry->mood_score))
    /* TRANSLATORS: date, mood label and score of a journal entry */
    meta_text = g_strdup_printf (_("%s · %s (%" PRId64 "/10)"), when,
                                 entry->mood ? entry->mood : ascend_mood_label (entry->mood_score),
                                 entry->mood_score);
  else if (entry->mood != NULL)
    meta_text = g_strdup_printf ("%s · %s", when, entry->mood);
  else
    meta_text = g_strdup (when);

  if (*plain_title == '\0')
    gtk_label_set_text (GTK_LABEL (title), _("Untitled"));
  else
    gtk_label_set_markup (GTK_LABEL (title), title_markup);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");

  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");

  gtk_label_set_markup (GTK_LABEL (snippet), snippet_markup);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (snippet, hit->snippet != NULL && *hit->snippet != '\0');

  gtk_label_set_markup (GTK_LABEL (tags), tag_text);
  gtk_label_set_xalign (GTK_LABEL (tags), 0);
  gtk_label_set_wrap (GTK_LABEL (tags), TRUE);
  gtk_widget_add_css_class (tags, "caption");
  gtk_widget_add_css_class (tags, "ascend-journal-tags");
  gtk_widget_set_visible (tags, *tag_text != '\0');

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_box_append (GTK_BOX (text), snippet);
  gtk_box_append (GTK_BOX (text), tags);
  gtk_widget_set_hexpand (text, TRUE);

  delete_label = g_strdup_printf (_("Delete “%s”"), *plain_title ? plain_title : _("Untitled"));
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, delete_label);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_add_css_class (delete, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  /* The entry open in the editor cannot go from under the user's hands. */
  gtk_widget_set_sensitive (delete, ascend_journal_editor_get_entry_id (self->editor) != entry->id);
  g_object_set_data_full (G_OBJECT (delete), "entry-id", g_memdup2 (&entry->id, sizeof entry->id), g_free);
  g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), delete);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "entry-id", g_memdup2 (&entry->id, sizeof entry->id), g_free);
  {
    g_autofree char *accessible = g_strdup_printf ("%s, %s", *plain_title ? plain_title : _("Untitled"), meta_text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }
  return row;
}

static void
reload_list (AscendJournalView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  AscendJournalQuery query = { text, selected_filter (self->tag_filter), selected_filter (self->mood_filter), LIST_LIMIT };
  GtkWidget *child;

  if (user_id (self) <= 0)
    return;
  hits = ascend_journal_search (database (self), user_id (self), &query, &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entry_list))) != NULL)
    gtk_list_box_remove (self->entry_list, child);

  if (hits == NULL)
    {
      gtk_label_set_text (self->empty_label, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->entry_list, entry_row (self, g_ptr_array_index (hits, i)));

  if (hits->len == 0)
    {
      gboolean searching = !ascend_text_is_blank (text) || query.tag != NULL || query.mood != NULL;
      gtk_label_set_text (self->empty_label,
                          searching ? _("No entries match. Try other words or clear the filters.")
                                    : _("No entries yet. Write your first one: a line is enough."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  gtk_widget_set_visible (GTK_WIDGET (self->more_label), hits->len >= LIST_LIMIT);
  if (hits->len >= LIST_LIMIT)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing the first %d entry. Search to find older ones.", "Showing the first %d entries. Search to find older ones.", LIST_LIMIT), LIST_LIMIT);
      gtk_label_set_text (self->more_label, more);
    }
}

static void
filters_changed_cb (AscendJournalView *self)
{
  if (!self->filling_filters)
    reload_list (self);
}

/* ------------------------------------------------------------------- drafts */

static void
update_draft_banner (AscendJournalView *self)
{
  g_autoptr(AscendJournalDraft) draft = NULL;

  if (!ascend_journal_editor_is_open (self->editor))
    draft = ascend_journal_draft_load (database (self), user_id (self), -1, NULL);
  if (draft != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (draft->saved_at / 1000);
      g_autofree char *stamp = g_date_time_format (when, _("%e %b, %H:%M"));
      g_autofree char *text = NULL;

      if (draft->entry_id > 0)
        text = g_strdup_printf (_("Changes to “%s” from %s were not saved. Restore them?"),
                                ascend_text_is_blank (draft->title) ? _("Untitled") : draft->title,
                                g_strstrip (stamp));
      else
        text = g_strdup_printf (_("An entry you were writing on %s was not saved. Restore it?"), g_strstrip (stamp));
      gtk_label_set_text (self->draft_label, text);
    }
  /* Hidden, not just folded, so it leaves no gap in the column. */
  gtk_widget_set_visible (GTK_WIDGET (self->draft_revealer), draft != NULL);
  gtk_revealer_set_reveal_child (self->draft_revealer, draft != NULL);
}

/* Once the editor has its place (a frame or two later: it was hidden),
 * brings its top into view: it opens below the mood cards. */
static gboolean
scroll_to_editor_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  AscendJournalView *self = ASCEND_JOURNAL_VIEW (widget);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint *frames = data;
  graphene_point_t top;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (GTK_WIDGET (self->editor)) == 0 && ++*frames < 10)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_compute_point (GTK_WIDGET (self->editor), content, &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_set_value (adjustment, MAX (0, top.y - 12));
  return G_SOURCE_REMOVE;
}

static void
open_editor (AscendJournalView *self,
             gint64             entry_id)
{
  g_autoptr(GError) error = NULL;

  if (!ascend_journal_editor_open (self->editor, entry_id, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_revealer), FALSE);
  reload_list (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_editor_cb, g_new0 (guint, 1), g_free);
}

static void
draft_restore_cb (AscendJournalView *self)
{
  g_autoptr(AscendJournalDraft) draft = ascend_journal_draft_load (database (self), user_id (self), -1, NULL);

  if (draft != NULL)
    open_editor (self, draft->entry_id);
}

typedef struct {
  AscendApplication  *app;
  GWeakRef            view;
  AscendJournalDraft *draft;
} DraftUndo;

static void
draft_undo_free (gpointer  data,
                 GClosure *closure)
{
  DraftUndo *undo = data;

  g_object_unref (undo->app);
  g_weak_ref_clear (&undo->view);
  ascend_journal_draft_free (undo->draft);
  g_free (undo);
}

static void
draft_undo_cb (AdwToast  *toast,
               DraftUndo *undo)
{
  g_autoptr(AscendJournalView) self = g_weak_ref_get (&undo->view);

  ascend_journal_draft_save (ascend_application_get_database (undo->app), undo->draft, NULL);
  if (self != NULL)
    update_draft_banner (self);
}

static void
draft_discard_cb (AscendJournalView *self)
{
  g_autoptr(AscendJournalDraft) draft = ascend_journal_draft_load (database (self), user_id (self), -1, NULL);
  g_autoptr(GError) error = NULL;
  DraftUndo *undo;
  AdwToast *toast;

  if (draft == NULL)
    return;
  if (!ascend_journal_draft_clear (database (self), draft->user_id, draft->entry_id, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  update_draft_banner (self);

  /* Throwing text away is undoable like everything else. */
  undo = g_new0 (DraftUndo, 1);
  undo->app = g_object_ref (self->app);
  g_weak_ref_init (&undo->view, self);
  undo->draft = g_steal_pointer (&draft);
  toast = adw_toast_new (_("Draft discarded"));
  ascend_view_add_undo_toast (GTK_WIDGET (self), toast, G_CALLBACK (draft_undo_cb), undo, draft_undo_free);
}

/* ------------------------------------------------------------------ entries */

static void
new_clicked_cb (AscendJournalView *self)
{
  open_editor (self, 0);
}

static void
row_activated_cb (AscendJournalView *self,
                  GtkListBoxRow     *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "entry-id");

  if (id != NULL)
    open_editor (self, *id);
}

static void
editor_saved_cb (AscendJournalView *self,
                 gint64             entry_id,
                 gboolean           is_new)
{
  g_autofree char *text = NULL;

  if (is_new)
    text = g_strdup_printf (_("Entry saved. +%d XP"), ASCEND_XP_JOURNAL_ENTRY);
  ascend_view_show_message (GTK_WIDGET (self), is_new ? text : _("Entry updated"));
  /* The dashboard's XP and every list re-read. */
  ascend_application_data_changed (self->app);
}

static void
editor_closed_cb (AscendJournalView *self)
{
  update_draft_banner (self);
  reload_list (self);
}

typedef struct {
  AscendApplication  *app;
  GWeakRef            view;
  AscendJournalEntry *entry;
} EntryUndo;

static void
entry_undo_free (gpointer  data,
                 GClosure *closure)
{
  EntryUndo *undo = data;

  g_object_unref (undo->app);
  g_weak_ref_clear (&undo->view);
  ascend_journal_entry_free (undo->entry);
  g_free (undo);
}

static void
entry_undo_cb (AdwToast  *toast,
               EntryUndo *undo)
{
  g_autoptr(AscendJournalView) self = g_weak_ref_get (&undo->view);
  g_autoptr(GError) error = NULL;

  /* Back under its own id: links and the search index follow. */
  if (ascend_journal_entry_insert (ascend_application_get_database (undo->app), undo->entry, &error) == 0 &&
      self != NULL)
    ascend_view_show_message (GTK_WIDGET (self), error->message);
  ascend_application_data_changed (undo->app);
}

static void
delete_clicked_cb (GtkButton         *button,
                   AscendJournalView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "entry-id");
  g_autoptr(AscendJournalEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  EntryUndo *undo;
  AdwToast *toast;

  if (id == NULL)
    return;
  entry = ascend_journal_entry_get (database (self), *id, &error);
  if (entry == NULL || !ascend_journal_entry_delete (database (self), *id, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  title = g_strdup_printf (_("“%s” deleted"), ascend_text_is_blank (entry->title) ? _("Untitled") : entry->title);
  undo = g_new0 (EntryUndo, 1);
  undo->app = g_object_ref (self->app);
  g_weak_ref_init (&undo->view, self);
  undo->entry = g_steal_pointer (&entry);
  toast = adw_toast_new (title);
  ascend_view_add_undo_toast (GTK_WIDGET (self), toast, G_CALLBACK (entry_undo_cb), undo, entry_undo_free);
  ascend_application_data_changed (self->app);
}

/* ---------------------------------------------------------------- refresh */

void
ascend_journal_view_refresh (AscendJournalView *self)
{
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) moods = NULL;

  g_return_if_fail (ASCEND_IS_JOURNAL_VIEW (self));

  if (user_id (self) <= 0)
    return;
  tags = ascend_journal_list_tags (database (self), user_id (self), NULL);
  moods = ascend_journal_list_moods (database (self), user_id (self), NULL);
  fill_filter (self, self->tag_filter, _("All tags"), tags);
  fill_filter (self, self->mood_filter, _("Any mood"), moods);
  update_chart (self);
  update_draft_banner (self);
  reload_list (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  new_clicked_cb (ASCEND_JOURNAL_VIEW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (ASCEND_JOURNAL_VIEW (widget)->search_entry));
}

static void
ascend_journal_view_class_init (AscendJournalViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_journal_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_MOOD_CHECKIN);
  g_type_ensure (ASCEND_TYPE_CHART);
  g_type_ensure (ASCEND_TYPE_JOURNAL_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-journal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, checkin);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, week_button);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, month_button);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, chart);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, new_button);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, draft_label);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, editor);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, tag_filter);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, mood_filter);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, entry_list);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AscendJournalView, more_label);
  gtk_widget_class_bind_template_callback (widget_class, range_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, draft_restore_cb);
  gtk_widget_class_bind_template_callback (widget_class, draft_discard_cb);

  gtk_widget_class_install_action (widget_class, "journal.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "journal.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "journal.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "journal.search", NULL);
}

static void
ascend_journal_view_init (AscendJournalView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ascend_chart_set_kind (self->chart, ASCEND_CHART_KIND_BARS);
  ascend_chart_set_levels (self->chart, ASCEND_CHART_LEVELS_MOOD);
  ascend_chart_set_value_range (self->chart, 1, 10, 3);
  ascend_chart_set_title (self->chart, _("Mood"), _("of 10"), 1);
  name_dropdown (self->tag_filter, _("Filter by tag"));
  name_dropdown (self->mood_filter, _("Filter by mood"));
  g_signal_connect_swapped (self->tag_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->mood_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->editor, "saved", G_CALLBACK (editor_saved_cb), self);
  g_signal_connect_swapped (self->editor, "closed", G_CALLBACK (editor_closed_cb), self);
}

AscendJournalView *
ascend_journal_view_new (AscendApplication *app)
{
  AscendJournalView *self = g_object_new (ASCEND_TYPE_JOURNAL_VIEW, NULL);

  self->app = app;
  ascend_mood_checkin_set_app (self->checkin, app);
  ascend_journal_editor_set_app (self->editor, app);
  return self;
}
