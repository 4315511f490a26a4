/* ascendctl-support.c: profiles and support tickets from the command line
 *
 *   ascendctl user add --name NAME [--email EMAIL] [--role user|admin]
 *   ascendctl user list
 *   ascendctl ticket create --subject S --description D --category C [--user ID]
 *   ascendctl ticket list [--all] [--status STATUS] [--user ID]
 *   ascendctl ticket status ID open|in_progress|resolved [--user ID]
 *
 * Every command prints JSON on standard output. --user is the profile that
 * acts; by default the app's own (the first profile). The rules are the
 * window's (ascend-support-rules.h): only an admin lists everyone's tickets
 * and moves them, one step forward at a time.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ascendctl-private.h"
#include "ascend-profile.h"
#include "ascend-support-rules.h"
#include "ascend-user-store.h"

static char     *opt_name;
static char     *opt_email;
static char     *opt_role;
static char     *opt_subject;
static char     *opt_description;
static char     *opt_category;
static char     *opt_status;
static gint64    opt_user;
static gboolean  opt_all;

const GOptionEntry ascendctl_user_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("The profile’s name (user add)"), N_("NAME") },
  { "email", 0, 0, G_OPTION_ARG_STRING, &opt_email, N_("The profile’s email (user add, optional)"), N_("EMAIL") },
  { "role", 0, 0, G_OPTION_ARG_STRING, &opt_role,
    N_("user or admin (user add; the first profile is admin by default)"), N_("ROLE") },
  G_OPTION_ENTRY_NULL
};

const GOptionEntry ascendctl_ticket_entries[] = {
  { "subject", 0, 0, G_OPTION_ARG_STRING, &opt_subject, N_("What the ticket is about (create)"), N_("TEXT") },
  { "description", 0, 0, G_OPTION_ARG_STRING, &opt_description, N_("What happened (create)"), N_("TEXT") },
  { "category", 0, 0, G_OPTION_ARG_STRING, &opt_category,
    N_("account, billing, health_monitoring, bug, feature_request or other (create)"), N_("CATEGORY") },
  { "all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, N_("Every profile’s tickets (list; admin only)"), NULL },
  { "status", 's', 0, G_OPTION_ARG_STRING, &opt_status,
    N_("Only tickets with this status: open, in_progress or resolved (list)"), N_("STATUS") },
  { "user", 'u', 0, G_OPTION_ARG_INT64, &opt_user,
    N_("The profile that acts (default: the app’s own)"), N_("ID") },
  G_OPTION_ENTRY_NULL
};

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_user (JsonBuilder      *builder,
          const AscendUser *user)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, user->id);
  add_string_or_null (builder, "name", user->name);
  add_string_or_null (builder, "email", user->email);
  add_string_or_null (builder, "role", user->role);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_int_value (builder, user->created_at);
  json_builder_end_object (builder);
}

static void
add_ticket (JsonBuilder               *builder,
            const AscendSupportTicket *t,
            const char                *owner_name)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, t->id);
  json_builder_set_member_name (builder, "userId");
  json_builder_add_int_value (builder, t->user_id);
  add_string_or_null (builder, "userName", owner_name);
  add_string_or_null (builder, "subject", t->subject);
  add_string_or_null (builder, "description", t->description);
  add_string_or_null (builder, "category", t->category);
  add_string_or_null (builder, "status", t->status);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_int_value (builder, t->created_at);
  json_builder_end_object (builder);
}

/* The acting profile: --user, or the app's own. */
static gint64
acting_user (AscendDatabase  *db,
             GError         **error)
{
  g_autoptr(AscendUser) user = NULL;

  if (opt_user > 0)
    {
      user = ascend_user_get (db, opt_user, NULL);
      if (user == NULL)
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                       _("There is no profile with id %" PRId64), opt_user);
          return 0;
        }
      return user->id;
    }
  user = ascend_user_get_first (db, error);
  if (user == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                             _("There is no profile yet; “ascendctl user add --name NAME” creates one"));
      return 0;
    }
  return user->id;
}

/* The acting profile's database: NULL with error set when there is no
 * database or no such profile. */
static AscendDatabase *
open_as_acting_user (gint64  *user,
                     GError **error)
{
  g_autoptr(AscendDatabase) db = ascendctl_open_database (TRUE, error);

  if (db == NULL)
    return NULL;
  *user = acting_user (db, error);
  if (*user == 0)
    return NULL;
  return g_steal_pointer (&db);
}

/* What builder holds, on standard output. */
static int
print_built (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  ascendctl_print_json (root, TRUE);
  return EXIT_OK;
}

/* ------------------------------------------------------------------- user */

static int
user_add (int    argc,
          char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(AscendUser) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *name = g_strstrip (g_strdup (opt_name ? opt_name : ""));
  g_autofree char *email = g_strstrip (g_strdup (opt_email ? opt_email : ""));
  g_autofree char *message = NULL;

  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;
  if (opt_name == NULL)
    return ascendctl_usage_error (_("“user add” needs --name"));
  if (!ascend_profile_validate_name (name, &message))
    return ascendctl_usage_error ("%s", message);
  if (!ascend_profile_validate_email (email, &message))
    return ascendctl_usage_error ("%s", message);
  if (opt_role != NULL && g_strcmp0 (opt_role, "user") != 0 && g_strcmp0 (opt_role, "admin") != 0)
    return ascendctl_usage_error (_("Unknown role “%s”: use user or admin"), opt_role);

  db = ascendctl_open_database (FALSE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  first = ascend_user_get_first (db, &error);
  if (error != NULL)
    return ascendctl_store_error (error);

  user = ascend_user_new ();
  user->name = g_steal_pointer (&name);
  user->email = *email ? g_steal_pointer (&email) : NULL;
  user->login_method = g_strdup ("local");
  g_free (user->role);
  /* As in the onboarding: the first profile administers the installation. */
  user->role = g_strdup (opt_role ? opt_role : first == NULL ? "admin" : "user");
  if (ascend_user_insert (db, user, &error) == 0)
    return ascendctl_store_error (error);

  add_user (builder, user);
  return print_built (builder);
}

static int
user_list (int    argc,
           char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;
  db = ascendctl_open_database (TRUE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  users = ascend_user_list (db, 0, 0, 0, &error);
  if (users == NULL)
    return ascendctl_store_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < users->len; i++)
    add_user (builder, users->pdata[i]);
  json_builder_end_array (builder);
  return print_built (builder);
}

int
ascendctl_run_user (int    argc,
                    char **argv)
{
  if (opt_subject || opt_description || opt_category || opt_status || opt_all || opt_user)
    return ascendctl_usage_error (_("That option belongs to “ascendctl ticket”"));
  if (argc < 2)
    return ascendctl_usage_error (_("“user” needs what to do: add or list"));
  if (g_str_equal (argv[1], "add"))
    return user_add (argc, argv);
  if (g_str_equal (argv[1], "list"))
    {
      if (opt_name || opt_email || opt_role)
        return ascendctl_usage_error (_("“user list” takes no options"));
      return user_list (argc, argv);
    }
  return ascendctl_usage_error (_("Unknown “user” command “%s”: use add or list"), argv[1]);
}

/* ----------------------------------------------------------------- ticket */

static int
print_ticket (AscendDatabase *db,
              gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendSupportTicket) t = ascend_support_ticket_get (db, id, &error);
  g_autoptr(AscendUser) owner = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (t == NULL)
    return ascendctl_store_error (error);
  owner = ascend_user_get (db, t->user_id, NULL);
  add_ticket (builder, t, owner ? owner->name : NULL);
  return print_built (builder);
}

static int
ticket_create (int    argc,
               char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  AscendSupportField field;
  gint64 user, id;

  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;
  if (opt_all || opt_status)
    return ascendctl_usage_error (_("--all and --status belong to “ticket list”"));
  /* The same checks as the form, before the database is even opened. */
  if (!ascend_support_validate (opt_subject, opt_description, opt_category, &field, NULL))
    {
      g_autofree char *message = NULL;

      ascend_support_validate (opt_subject, opt_description, opt_category, NULL, &message);
      return ascendctl_usage_error ("%s", message);
    }

  db = open_as_acting_user (&user, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  id = ascend_support_ticket_create (db, user, opt_subject, opt_description, opt_category, &field, &error);
  if (id == 0)
    return ascendctl_store_error (error);
  return print_ticket (db, id);
}

static int
ticket_list (int    argc,
             char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 user;

  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;
  if (opt_subject || opt_description || opt_category)
    return ascendctl_usage_error (_("--subject, --description and --category belong to “ticket create”"));
  if (opt_status != NULL && !ascend_support_status_is_known (opt_status))
    return ascendctl_usage_error (_("Unknown status “%s”: use open, in_progress or resolved"), opt_status);

  db = open_as_acting_user (&user, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  tickets = ascend_support_ticket_list_for (db, user, opt_all, opt_status, &error);
  if (tickets == NULL)
    return ascendctl_store_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < tickets->len; i++)
    {
      AscendSupportTicketEntry *e = tickets->pdata[i];
      add_ticket (builder, e->ticket, e->owner_name);
    }
  json_builder_end_array (builder);
  return print_built (builder);
}

static int
ticket_status (int    argc,
               char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 id, user;

  if (argc < 4)
    return ascendctl_usage_error (_("“ticket status” needs the ticket id and the new status"));
  if (ascendctl_unexpected_argument (argc, argv, 3) != EXIT_OK)
    return EXIT_USAGE;
  if (opt_subject || opt_description || opt_category || opt_all || opt_status)
    return ascendctl_usage_error (_("“ticket status” takes only --user"));
  id = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || id <= 0)
    return ascendctl_usage_error (_("“%s” is not a ticket id"), argv[2]);
  if (!ascend_support_status_is_known (argv[3]))
    return ascendctl_usage_error (_("Unknown status “%s”: use open, in_progress or resolved"), argv[3]);

  db = open_as_acting_user (&user, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  if (!ascend_support_ticket_advance (db, user, id, argv[3], NULL, &error))
    return ascendctl_store_error (error);
  return print_ticket (db, id);
}

int
ascendctl_run_ticket (int    argc,
                      char **argv)
{
  if (opt_name || opt_email || opt_role)
    return ascendctl_usage_error (_("That option belongs to “ascendctl user”"));
  if (argc < 2)
    return ascendctl_usage_error (_("“ticket” needs what to do: create, list or status"));
  if (g_str_equal (argv[1], "create"))
    return ticket_create (argc, argv);
  if (g_str_equal (argv[1], "list"))
    return ticket_list (argc, argv);
  if (g_str_equal (argv[1], "status"))
    return ticket_status (argc, argv);
  return ascendctl_usage_error (_("Unknown “ticket” command “%s”: use create, list or status"), argv[1]);
}
