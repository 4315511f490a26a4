#include "config.h"

#include <glib/gi18n.h>

#include "ascend-profile.h"

gboolean
ascend_profile_validate_name (const char  *name,
                              char       **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      *message = g_strdup (_("Please enter a name"));
      return FALSE;
    }
  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      *message = g_strdup (_("The name contains characters that are not valid text"));
      return FALSE;
    }
  if (g_utf8_strlen (trimmed, -1) > ASCEND_PROFILE_NAME_MAX)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The name can be at most %d character", "The name can be at most %d characters", ASCEND_PROFILE_NAME_MAX), ASCEND_PROFILE_NAME_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_profile_validate_email (const char  *email,
                               char       **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email ? email : ""));

  if (*trimmed == '\0')
    return TRUE;
  if (strlen (trimmed) > ASCEND_PROFILE_EMAIL_MAX)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The email address can be at most %d character", "The email address can be at most %d characters", ASCEND_PROFILE_EMAIL_MAX), ASCEND_PROFILE_EMAIL_MAX);
      return FALSE;
    }
  /* Deliberately loose: one @, something before it, a dot in the domain,
   * no spaces. Real validation is the mail server's job. */
  if (!g_regex_match_simple ("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", trimmed, 0, 0))
    {
      *message = g_strdup (_("That doesn't look like an email address (name@example.com)"));
      return FALSE;
    }
  return TRUE;
}
