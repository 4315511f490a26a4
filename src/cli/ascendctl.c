/* ascendctl.c: the command-line companion of Anime Ascend
 *
 *   ascendctl [--database PATH] init
 *   ascendctl [--database PATH] export [--user ID] [--format json|csv] [--output DIR]
 *   ascendctl [--database PATH] import FILE.json
 *   ascendctl [--database PATH] check
 *   ascendctl parse-hrm HEX | analyze-rr FILE | analyze-fall FILE
 *   ascendctl [--database PATH] monitor --sensor SPEC [--speed X] [--duration S]
 *   ascendctl [--database PATH] billing customer|checkout --tokens N|--tier T|wait ID|sync|cancel|refund ID
 *   ascendctl [--database PATH] user add|list ...      (ascendctl-support.c)
 *   ascendctl [--database PATH] ticket create|list|status ...
 *   ascendctl [--database PATH] backup list|now|restore FILE
 *   ascendctl [--database PATH] import-loop DIR|FILE [--yes]
 *   ascendctl [--database PATH] import-rr FILE [--start ISO8601] [--yes]
 *
 * Exit status: 0 on success, 1 when the store reports an error (or check
 * finds a problem), 2 for a command line it does not understand.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "ascend-database.h"
#include "ascend-export.h"
#include "ascend-table.h"
#include "ascendctl-private.h"


#define EXPORT_FILE_NAME "anime-ascend-export.json"

static char   *opt_database;
static gint64  opt_user;
static char   *opt_format;
static char   *opt_output;

/* The command being run, so a usage error points at its own --help. */
static const char *current_command;

static const GOptionEntry database_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &opt_database,
    N_("The database file (default: the one the app uses)"), N_("PATH") },
  G_OPTION_ENTRY_NULL
};

static const GOptionEntry export_entries[] = {
  { "user", 'u', 0, G_OPTION_ARG_INT64, &opt_user,
    N_("Export only this profile and what it owns"), N_("ID") },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    N_("json (the default) or csv"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    N_("Write into this folder: anime-ascend-export.json, or one file per table for csv"),
    N_("DIR") },
  G_OPTION_ENTRY_NULL
};

typedef struct {
  const char         *name;
  const char         *arguments;  /* after the name in the usage line, or NULL */
  const char         *summary;
  const GOptionEntry *entries;
  int               (*run) (int argc, char **argv);
} Command;

/* One line on stderr: scripts and people both read the first line only. */
int
ascendctl_usage_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (current_command != NULL)
    /* Translators: program, error message, program, command */
    g_printerr (_("%s: %s (see “%s %s --help”)\n"), g_get_prgname (), message,
                g_get_prgname (), current_command);
  else
    /* Translators: program, error message, program */
    g_printerr (_("%s: %s (see “%s --help”)\n"), g_get_prgname (), message, g_get_prgname ());
  return EXIT_USAGE;
}

int
ascendctl_store_error (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return EXIT_FAILED;
}

int
ascendctl_unexpected_argument (int    argc,
                               char **argv,
                               int    allowed)
{
  if (argc > allowed + 1)
    return ascendctl_usage_error (_("Unexpected argument “%s”"), argv[allowed + 1]);
  return EXIT_OK;
}

static char *
database_path (void)
{
  return opt_database ? g_strdup (opt_database) : ascend_database_default_path ();
}

/* Reading commands refuse to create an empty database where none was. */
AscendDatabase *
ascendctl_open_database (gboolean   must_exist,
                         GError   **error)
{
  g_autofree char *path = database_path ();

  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("There is no database at %s; “ascendctl init” creates one"), display);
      return NULL;
    }
  return ascend_database_open (path, error);
}

AscendUser *
ascendctl_get_profile (AscendDatabase  *db,
                       gint64           id,
                       GError         **error)
{
  AscendUser *user = id > 0 ? ascend_user_get (db, id, error) : ascend_user_get_first (db, error);

  if (user == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                         _("There is no profile yet: start the app once, or import one"));
  return user;
}

void
ascendctl_print_json (JsonNode *node,
                      gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
run_init (int    argc,
          char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (ascendctl_unexpected_argument (argc, argv, 0) != EXIT_OK)
    return EXIT_USAGE;

  db = ascendctl_open_database (FALSE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);

  g_print ("%s\n", ascend_database_get_path (db));
  g_print (_("schema version %d\n"), ascend_database_get_schema_version (db));
  return EXIT_OK;
}

static gboolean
write_json_file (const char  *dir,
                 const char  *text,
                 char       **out_path,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (dir, EXPORT_FILE_NAME, NULL);
  g_autofree char *contents = g_strconcat (text, "\n", NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  /* Health data: readable by its owner only. */
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO, local_error->message);
      return FALSE;
    }
  *out_path = g_steal_pointer (&path);
  return TRUE;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean csv;

  if (ascendctl_unexpected_argument (argc, argv, 0) != EXIT_OK)
    return EXIT_USAGE;
  if (opt_format == NULL || g_str_equal (opt_format, "json"))
    csv = FALSE;
  else if (g_str_equal (opt_format, "csv"))
    csv = TRUE;
  else
    return ascendctl_usage_error (_("Unknown format “%s”: use json or csv"), opt_format);
  if (opt_user < 0)
    return ascendctl_usage_error (_("--user must be a profile id, a number above zero"));

  db = ascendctl_open_database (TRUE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);

  if (csv)
    {
      const char *dir = opt_output ? opt_output : ".";
      const AscendTable * const *tables;
      guint n_tables;

      if (!ascend_export_csv (db, opt_user, dir, &error))
        return ascendctl_store_error (error);
      tables = ascend_tables_all (&n_tables);
      for (guint i = 0; i < n_tables; i++)
        {
          g_autofree char *name = g_strconcat (tables[i]->name, ".csv", NULL);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_print ("%s\n", path);
        }
      return EXIT_OK;
    }
  else
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonGenerator) generator = NULL;
      g_autofree char *text = NULL;

      root = ascend_export_json (db, opt_user, &error);
      if (root == NULL)
        return ascendctl_store_error (error);

      generator = json_generator_new ();
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);

      if (opt_output != NULL)
        {
          g_autofree char *path = NULL;

          if (!write_json_file (opt_output, text, &path, &error))
            return ascendctl_store_error (error);
          g_print ("%s\n", path);
          return EXIT_OK;
        }

      if (fputs (text, stdout) == EOF || fputc ('\n', stdout) == EOF || fflush (stdout) != 0)
        {
          int saved = errno;

          g_printerr (_("%s: Could not write the export: %s\n"), g_get_prgname (), g_strerror (saved));
          return EXIT_FAILED;
        }
      return EXIT_OK;
    }
}

static int
run_import (int    argc,
            char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 2)
    return ascendctl_usage_error (_("“import” needs the file to import"));
  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;

  /* Importing into a new file is how a backup is restored on a new machine. */
  db = ascendctl_open_database (FALSE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  if (!ascend_import_file (db, argv[1], &error))
    return ascendctl_store_error (error);
  return EXIT_OK;
}

static int
run_check (int    argc,
           char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (ascendctl_unexpected_argument (argc, argv, 0) != EXIT_OK)
    return EXIT_USAGE;

  db = ascendctl_open_database (TRUE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);
  problems = ascend_database_check (db, &error);
  if (problems == NULL)
    return ascendctl_store_error (error);

  if (problems->len == 0)
    {
      g_print ("%s\n", _("ok"));
      return EXIT_OK;
    }
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
  return EXIT_FAILED;
}

static const Command commands[] = {
  { "init", NULL, N_("Create or upgrade the database and show its schema version"),
    NULL, run_init },
  { "export", NULL, N_("Write every table as JSON (to standard output) or CSV"),
    export_entries, run_export },
  { "import", N_("FILE.json"), N_("Add the rows of an export, all or nothing"),
    NULL, run_import },
  { "check", NULL, N_("Check the file’s integrity, foreign keys and token ledger"),
    NULL, run_check },
  { "parse-hrm", N_("HEX"), N_("Decode a Bluetooth Heart Rate Measurement packet as JSON"),
    NULL, ascendctl_run_parse_hrm },
  { "analyze-rr", N_("FILE"), N_("One line per beat with its rhythm; HRV and stress on standard error"),
    ascendctl_analyze_rr_entries, ascendctl_run_analyze_rr },
  { "analyze-fall", N_("FILE"), N_("Print the falls found in a SisFall accelerometer recording"),
    NULL, ascendctl_run_analyze_fall },
  { "monitor", NULL, N_("Record readings from a sensor without the window"),
    ascendctl_monitor_entries, ascendctl_run_monitor },
  { "billing", N_("customer|checkout|wait|sync|cancel|refund [ID]"),
    N_("Stripe: create the customer, buy tokens or a plan, sync, cancel, refund (prints JSON)"),
    ascendctl_billing_entries, ascendctl_run_billing },
  { "user", N_("add|list"), N_("Add a profile or list the profiles, as JSON"),
    ascendctl_user_entries, ascendctl_run_user },
  { "ticket", N_("create|list|status [ID STATUS]"), N_("Write, list or move support tickets, as JSON"),
    ascendctl_ticket_entries, ascendctl_run_ticket },
  { "backup", N_("list|now|restore FILE"), N_("List the daily backups, make one now, or restore one"),
    NULL, ascendctl_run_backup },
  { "import-loop", N_("DIR|FILE"), N_("Preview (and with --yes add) a Loop Habit Tracker CSV export"),
    ascendctl_import_loop_entries, ascendctl_run_import_loop },
  { "import-rr", N_("FILE"), N_("Preview (and with --yes add) an RR-interval file as minute readings"),
    ascendctl_import_rr_entries, ascendctl_run_import_rr },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static char *
commands_summary (void)
{
  GString *summary = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-13s %s", commands[i].name, _(commands[i].summary));
  return g_string_free (summary, FALSE);
}

static int
run_command (const Command  *command,
             int             argc,
             char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = NULL;

  current_command = command->name;
  usage = command->arguments ? g_strdup_printf ("%s %s", command->name, _(command->arguments))
                             : g_strdup (command->name);
  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  /* --database is accepted after the command name too. */
  g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);

  /* argv[0] is the command name, which the parser skips like a program name. */
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ascendctl_usage_error ("%s", error->message);

  return command->run (argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const Command *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("ascendctl");

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = commands_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
                                    _("“ascendctl COMMAND --help” shows the options of a command."));
  g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);
  /* Stop at the command name: what follows belongs to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ascendctl_usage_error ("%s", error->message);
  if (argc < 2)
    return ascendctl_usage_error (_("No command given"));

  command = find_command (argv[1]);
  if (command == NULL)
    return ascendctl_usage_error (_("Unknown command “%s”"), argv[1]);

  return run_command (command, argc - 1, argv + 1);
}
