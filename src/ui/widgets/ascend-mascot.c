/* ascend-mascot.c: Hoshi, the companion, and her speech bubble */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "ascend-mascot.h"

struct _AscendMascot
{
  AdwBin            parent_instance;
  GtkPicture       *picture;
  GtkLabel         *bubble;
  AscendMascotMood  mood;
};

G_DEFINE_FINAL_TYPE (AscendMascot, ascend_mascot, ADW_TYPE_BIN)

/* The companion theme every Hoshi wears (bought in the Shop), the mascots
 * alive to redraw when it changes, and her pictures in that theme. */
static const AscendCompanionTheme *current_theme;
static GList *live_mascots;
static GHashTable *textures;

static const struct { const char *file; const char *alt; } moods[] = {
  [ASCEND_MASCOT_CHEERFUL] = { "mascot-cheerful.svg", N_("Hoshi, cheerful") },
  [ASCEND_MASCOT_CALM] = { "mascot-calm.svg", N_("Hoshi, calm") },
  [ASCEND_MASCOT_WORRIED] = { "mascot-worried.svg", N_("Hoshi, worried") },
  [ASCEND_MASCOT_SLEEPY] = { "mascot-sleepy.svg", N_("Hoshi, sleepy") },
};

static GdkTexture *
themed_texture (AscendMascotMood mood)
{
  g_autofree char *path = g_strconcat ("/io/github/animeascend/AnimeAscend/icons/mascot/", moods[mood].file, NULL);
  g_autofree char *key = g_strconcat (current_theme->id, "/", moods[mood].file, NULL);
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) recolored = NULL;
  g_autofree char *text = NULL;
  GdkTexture *texture;

  if (textures == NULL)
    textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if ((texture = g_hash_table_lookup (textures, key)) != NULL)
    return texture;
  if ((svg = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL)) == NULL)
    return NULL;
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  {
    char *data = ascend_companion_theme_recolor (current_theme, text);
    recolored = g_bytes_new_take (data, strlen (data));
  }
  if ((texture = gdk_texture_new_from_bytes (recolored, NULL)) == NULL)
    return NULL;
  g_hash_table_insert (textures, g_steal_pointer (&key), texture);
  return texture;
}

static void
show_picture (AscendMascot *self)
{
  GdkTexture *texture = NULL;

  if (current_theme != NULL && current_theme->item_id != NULL)
    texture = themed_texture (self->mood);
  if (texture != NULL)
    gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  else
    {
      g_autofree char *path = g_strconcat ("/io/github/animeascend/AnimeAscend/icons/mascot/", moods[self->mood].file, NULL);
      gtk_picture_set_resource (self->picture, path);
    }
}

void
ascend_mascot_set_theme (const AscendCompanionTheme *theme)
{
  if (theme == current_theme)
    return;
  current_theme = theme;
  for (GList *l = live_mascots; l != NULL; l = l->next)
    show_picture (l->data);
}

void
ascend_mascot_set (AscendMascot     *self,
                   AscendMascotMood  mood,
                   const char       *speech)
{
  g_autofree char *accessible = NULL;

  g_return_if_fail (ASCEND_IS_MASCOT (self));
  g_return_if_fail (mood <= ASCEND_MASCOT_SLEEPY);

  self->mood = mood;
  show_picture (self);
  gtk_picture_set_alternative_text (self->picture, _(moods[mood].alt));
  gtk_label_set_text (self->bubble, speech);
  accessible = g_strdup_printf (_("%s says: %s"), _(moods[mood].alt), speech);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

AscendMascotMood
ascend_mascot_get_mood (AscendMascot *self)
{
  return self->mood;
}

const char *
ascend_mascot_get_speech (AscendMascot *self)
{
  return gtk_label_get_text (self->bubble);
}

static void
ascend_mascot_dispose (GObject *object)
{
  live_mascots = g_list_remove (live_mascots, object);
  G_OBJECT_CLASS (ascend_mascot_parent_class)->dispose (object);
}

static void
ascend_mascot_class_init (AscendMascotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_mascot_dispose;

  gtk_widget_class_set_css_name (widget_class, "mascot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ascend_mascot_init (AscendMascot *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), 112, 112);
  gtk_widget_set_valign (GTK_WIDGET (self->picture), GTK_ALIGN_CENTER);

  self->bubble = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->bubble, TRUE);
  gtk_label_set_xalign (self->bubble, 0);
  gtk_widget_set_valign (GTK_WIDGET (self->bubble), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->bubble), TRUE);
  /* Sized to what Hoshi says, not stretched across the card. */
  gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_START);
  gtk_label_set_max_width_chars (self->bubble, 48);
  gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "ascend-bubble");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picture));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->bubble));
  adw_bin_set_child (ADW_BIN (self), box);
  live_mascots = g_list_prepend (live_mascots, self);
}
