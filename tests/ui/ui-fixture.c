/* ui-fixture.c: creates (or migrates) an Anime Ascend database and exits
 *
 *   ui-fixture PATH
 *
 * The UI tests need a database with the app's real schema before they fill
 * it with rows through Python's sqlite3; going through AscendDatabase means
 * they always get exactly the schema (and migrations) the app would make.
 */
#include "config.h"

#include "ascend-database.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s PATH\n", argv[0]);
      return 2;
    }
  db = ascend_database_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  return 0;
}
