/* ascend-sections.h: the sections of the window, in sidebar order
 *
 * A section is listed only once its view works: each issue that brings a
 * view adds one entry to the table in ascend-sections.c.
 */
#pragma once

#include <gtk/gtk.h>
#include "ascend-application.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;          /* "dashboard", "health", ... (GSettings last-section) */
  const char *title;       /* translatable, marked with N_() */
  const char *icon_name;
  GtkWidget *(*create) (AscendApplication *app);
} AscendSection;

const AscendSection *ascend_sections_get       (guint      *n_sections);
const AscendSection *ascend_section_lookup     (const char *id);
gboolean             ascend_section_available  (const char *id);

G_END_DECLS
