/* fake-stripe-server: the fake Stripe server as a program, for ascendctl
 * and UI tests and for trying the Shop by hand.
 *
 *   fake-stripe-server [--key sk_test_...] [--port N]
 *
 * Prints its base URL (e.g. http://127.0.0.1:40123) on the first line of
 * standard output and serves until it is killed (SIGTERM or SIGINT end it
 * cleanly). The control endpoints are described in fake-stripe.c.
 */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "fake-stripe.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *key = NULL;
  int port = 0;
  const GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key, "The secret key it accepts (default sk_test_fake)", "KEY" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "The port on 127.0.0.1 (default: a free one)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeStripe) fake = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || port < 0 || port > 65535)
    {
      g_printerr ("fake-stripe-server: %s\n", error ? error->message : "--port must be 0-65535");
      return 2;
    }

  fake = fake_stripe_new (key ? key : "sk_test_fake", port, &error);
  if (fake == NULL)
    {
      g_printerr ("fake-stripe-server: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", fake_stripe_get_url (fake));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
