/* ascend-profile-card.c: rank badge, level, XP and tokens, with a level-up cheer */
#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "ascend-profile-card.h"

#define BADGE_SIZE 56
#define BADGE_SWELL 18
#define CHEER_MS 900

/* The rank badge at an exact size: a GtkPicture takes the SVG's own size
 * (96 px) whenever its parent has room, so the card would change height
 * with the text beside it. */
#define ASCEND_TYPE_RANK_BADGE (ascend_rank_badge_get_type ())
G_DECLARE_FINAL_TYPE (AscendRankBadge, ascend_rank_badge, ASCEND, RANK_BADGE, GtkWidget)

struct _AscendRankBadge
{
  GtkWidget     parent_instance;
  GdkPaintable *paintable;
  int           size;
};

G_DEFINE_FINAL_TYPE (AscendRankBadge, ascend_rank_badge, GTK_TYPE_WIDGET)

static void
ascend_rank_badge_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = ASCEND_RANK_BADGE (widget)->size;
}

static void
ascend_rank_badge_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AscendRankBadge *self = ASCEND_RANK_BADGE (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  int side = MIN (w, h);

  if (self->paintable == NULL)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - side) / 2.0f, (h - side) / 2.0f));
  gdk_paintable_snapshot (self->paintable, snapshot, side, side);
  gtk_snapshot_restore (snapshot);
}

static void
ascend_rank_badge_dispose (GObject *object)
{
  g_clear_object (&ASCEND_RANK_BADGE (object)->paintable);
  G_OBJECT_CLASS (ascend_rank_badge_parent_class)->dispose (object);
}

static void
ascend_rank_badge_class_init (AscendRankBadgeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = ascend_rank_badge_measure;
  GTK_WIDGET_CLASS (klass)->snapshot = ascend_rank_badge_snapshot;
  G_OBJECT_CLASS (klass)->dispose = ascend_rank_badge_dispose;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ascend_rank_badge_init (AscendRankBadge *self)
{
  self->size = BADGE_SIZE;
}

static void
rank_badge_set (AscendRankBadge *self,
                const char      *resource,
                const char      *alt)
{
  /* Twice the largest size it is shown at, so it stays sharp on HiDPI. */
  int px = 2 * (BADGE_SIZE + BADGE_SWELL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_resource_at_scale (resource, px, px, TRUE, NULL);

  g_clear_object (&self->paintable);
  if (pixbuf != NULL)
    self->paintable = GDK_PAINTABLE (gdk_texture_new_for_pixbuf (pixbuf));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, alt, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rank_badge_set_size (AscendRankBadge *self,
                     int              size)
{
  if (self->size == size)
    return;
  self->size = size;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

struct _AscendProfileCard
{
  AdwBin        parent_instance;

  GtkWidget    *badge;          /* AscendRankBadge */
  GtkLabel     *name_label;
  GtkLabel     *level_label;
  GtkLevelBar  *xp_bar;
  GtkLabel     *xp_hint;
  GtkLabel     *tokens_label;
  GtkWidget    *cheer;

  AdwAnimation *animation;
  int           shown_level;   /* 0 before the first update */
  gboolean      celebrated;
};

G_DEFINE_FINAL_TYPE (AscendProfileCard, ascend_profile_card, ADW_TYPE_BIN)

static gboolean
animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
cheer_step (double   value,
            gpointer data)
{
  AscendProfileCard *self = data;
  double swell = sin (G_PI * value);

  rank_badge_set_size (ASCEND_RANK_BADGE (self->badge), BADGE_SIZE + (int) round (BADGE_SWELL * swell));
  gtk_widget_set_opacity (self->cheer, swell);
}

static void
cheer_done_cb (AscendProfileCard *self)
{
  cheer_step (0, self);
  gtk_widget_set_visible (self->cheer, FALSE);
}

static void
celebrate (AscendProfileCard *self,
           int                level)
{
  g_autofree char *text = g_strdup_printf (_("Level up! Level %d"), level);

  gtk_label_set_text (GTK_LABEL (self->cheer), text);
  self->celebrated = animations_enabled (GTK_WIDGET (self));
  if (!self->celebrated)
    return;
  gtk_widget_set_visible (self->cheer, TRUE);
  adw_animation_reset (self->animation);
  adw_animation_play (self->animation);
}

gboolean
ascend_profile_card_update (AscendProfileCard    *self,
                            const char           *name,
                            const AscendProgress *p,
                            gint64                tokens)
{
  g_autofree char *badge = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *level = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *token_text = NULL;
  gboolean up;

  g_return_val_if_fail (ASCEND_IS_PROFILE_CARD (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);

  badge = g_strdup_printf ("/io/github/animeascend/AnimeAscend/icons/ranks/rank-%c.svg", g_ascii_tolower (p->rank[0]));
  alt = g_strdup_printf (_("Rank %s badge"), p->rank);
  rank_badge_set (ASCEND_RANK_BADGE (self->badge), badge, alt);
  gtk_label_set_text (self->name_label, name ? name : "");
  /* TRANSLATORS: level, rank letter and XP, e.g. "Level 7 · Rank D · 2450 XP" */
  level = g_strdup_printf (_("Level %d · Rank %s · %" PRId64 " XP"), p->level, p->rank, p->xp);
  gtk_label_set_text (self->level_label, level);
  gtk_level_bar_set_value (self->xp_bar, ascend_progress_fraction (p));
  hint = g_strdup_printf (_("%" PRId64 " XP to level %d"), p->level_next - p->xp, p->level + 1);
  gtk_label_set_text (self->xp_hint, hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->xp_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, hint, -1);
  token_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " token", "%" PRId64 " tokens", tokens), tokens);
  gtk_label_set_text (self->tokens_label, token_text);

  up = self->shown_level > 0 && p->level > self->shown_level;
  self->shown_level = p->level;
  if (up)
    celebrate (self, p->level);
  return up;
}

gboolean
ascend_profile_card_get_celebrated (AscendProfileCard *self)
{
  g_return_val_if_fail (ASCEND_IS_PROFILE_CARD (self), FALSE);
  return self->celebrated;
}

static void
ascend_profile_card_dispose (GObject *object)
{
  AscendProfileCard *self = ASCEND_PROFILE_CARD (object);

  g_clear_object (&self->animation);
  G_OBJECT_CLASS (ascend_profile_card_parent_class)->dispose (object);
}

static void
ascend_profile_card_class_init (AscendProfileCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ascend_profile_card_dispose;
  gtk_widget_class_set_css_name (widget_class, "ascend-profile-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
label (GtkWidget  *box,
       const char *style)
{
  GtkWidget *l = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (l, style);
  gtk_box_append (GTK_BOX (box), l);
  return GTK_LABEL (l);
}

static void
ascend_profile_card_init (AscendProfileCard *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *badge_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *overlay = gtk_overlay_new ();

  gtk_widget_add_css_class (row, "card");
  gtk_widget_add_css_class (row, "ascend-profile-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your profile"), -1);

  /* The badge swells inside a fixed slot, so nothing else moves. */
  self->badge = g_object_new (ASCEND_TYPE_RANK_BADGE, NULL);
  gtk_widget_set_halign (self->badge, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (self->badge, TRUE);
  gtk_widget_set_size_request (badge_slot, BADGE_SIZE + BADGE_SWELL, BADGE_SIZE + BADGE_SWELL);
  gtk_widget_set_valign (badge_slot, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (badge_slot), self->badge);
  gtk_box_append (GTK_BOX (row), badge_slot);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->name_label));
  self->tokens_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->tokens_label), "ascend-token-pill");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->tokens_label));
  gtk_box_append (GTK_BOX (text), top);

  self->level_label = label (text, NULL);
  self->xp_bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 1));
  gtk_level_bar_set_mode (self->xp_bar, GTK_LEVEL_BAR_MODE_CONTINUOUS);
  gtk_level_bar_remove_offset_value (self->xp_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->xp_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->xp_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->xp_bar), "ascend-xp");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->xp_bar));
  self->xp_hint = label (text, "caption");
  gtk_box_append (GTK_BOX (row), text);

  self->cheer = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->cheer, "ascend-level-up");
  gtk_widget_set_halign (self->cheer, GTK_ALIGN_END);
  gtk_widget_set_valign (self->cheer, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->cheer, FALSE);
  gtk_widget_set_visible (self->cheer, FALSE);
  gtk_widget_set_valign (row, GTK_ALIGN_START);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), row);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->cheer);
  adw_bin_set_child (ADW_BIN (self), overlay);

  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, CHEER_MS,
                                             adw_callback_animation_target_new (cheer_step, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_swapped (self->animation, "done", G_CALLBACK (cheer_done_cb), self);
}

GtkWidget *
ascend_profile_card_new (void)
{
  return g_object_new (ASCEND_TYPE_PROFILE_CARD, NULL);
}
