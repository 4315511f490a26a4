#include "config.h"

#include <glib/gi18n.h>

#include "ascend-sections.h"
#include "ascend-dashboard-view.h"
#include "ascend-health-view.h"
#include "ascend-breathe-view.h"
#include "ascend-habits-view.h"
#include "ascend-journal-view.h"
#include "ascend-goals-view.h"
#include "ascend-shop-view.h"
#include "ascend-support-view.h"

static GtkWidget *
create_dashboard (AscendApplication *app)
{
  return GTK_WIDGET (ascend_dashboard_view_new (app));
}

static GtkWidget *
create_health (AscendApplication *app)
{
  return GTK_WIDGET (ascend_health_view_new (app));
}

static GtkWidget *
create_habits (AscendApplication *app)
{
  return GTK_WIDGET (ascend_habits_view_new (app));
}

static GtkWidget *
create_journal (AscendApplication *app)
{
  return GTK_WIDGET (ascend_journal_view_new (app));
}

static GtkWidget *
create_breathe (AscendApplication *app)
{
  return GTK_WIDGET (ascend_breathe_view_new (app));
}

static GtkWidget *
create_goals (AscendApplication *app)
{
  return GTK_WIDGET (ascend_goals_view_new (app));
}

static GtkWidget *
create_shop (AscendApplication *app)
{
  return GTK_WIDGET (ascend_shop_view_new (app));
}

static GtkWidget *
create_support (AscendApplication *app)
{
  return GTK_WIDGET (ascend_support_view_new (app));
}

static const AscendSection sections[] = {
  { "dashboard", N_("Dashboard"), "go-home-symbolic", create_dashboard },
  { "health", N_("Health"), "emblem-favorite-symbolic", create_health },
  { "habits", N_("Habits"), "object-select-symbolic", create_habits },
  { "journal", N_("Journal"), "x-office-document-symbolic", create_journal },
  { "goals", N_("Goals"), "emblem-ok-symbolic", create_goals },
  { "breathe", N_("Breathe"), "weather-few-clouds-symbolic", create_breathe },
  { "shop", N_("Shop"), "starred-symbolic", create_shop },
  { "support", N_("Support"), "help-browser-symbolic", create_support },
};

const AscendSection *
ascend_sections_get (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const AscendSection *
ascend_section_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].id, id) == 0)
      return &sections[i];
  return NULL;
}

gboolean
ascend_section_available (const char *id)
{
  return ascend_section_lookup (id) != NULL;
}
