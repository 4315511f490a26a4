/* ascend-contact-rules.c: checks on a typed-in emergency contact */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ascend-contact-rules.h"

#define PHONE_CHARS "0123456789 +-()"

static void
set_message (char       **message,
             char        *text)
{
  if (message != NULL)
    *message = text;
  else
    g_free (text);
}

char *
ascend_contact_clean (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

gboolean
ascend_contact_validate_name (const char  *name,
                              char       **message)
{
  g_autofree char *clean = ascend_contact_clean (name);

  if (!g_utf8_validate (clean, -1, NULL))
    {
      set_message (message, g_strdup (_("The name contains characters that are not valid text")));
      return FALSE;
    }
  if (*clean == '\0')
    {
      set_message (message, g_strdup (_("Please enter the contact's name")));
      return FALSE;
    }
  if (g_utf8_strlen (clean, -1) > ASCEND_CONTACT_NAME_MAX)
    {
      set_message (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The name can be at most %d character", "The name can be at most %d characters", ASCEND_CONTACT_NAME_MAX), ASCEND_CONTACT_NAME_MAX));
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_contact_validate_phone (const char  *phone,
                               char       **message)
{
  g_autofree char *clean = ascend_contact_clean (phone);
  gsize length = strlen (clean);
  guint digits = 0;

  if (length == 0)
    {
      set_message (message, g_strdup (_("Please enter a phone number")));
      return FALSE;
    }
  /* Only ASCII is allowed, so bytes are characters from here on. */
  if (strspn (clean, PHONE_CHARS) != length)
    {
      set_message (message, g_strdup (_("A phone number can only have digits, spaces and + - ( )")));
      return FALSE;
    }
  if (length < ASCEND_CONTACT_PHONE_MIN || length > ASCEND_CONTACT_PHONE_MAX)
    {
      set_message (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A phone number must be %d to %d character long", "A phone number must be %d to %d characters long", ASCEND_CONTACT_PHONE_MAX),
                                             ASCEND_CONTACT_PHONE_MIN, ASCEND_CONTACT_PHONE_MAX));
      return FALSE;
    }
  for (const char *p = clean; *p; p++)
    if (g_ascii_isdigit (*p))
      digits++;
  if (digits < ASCEND_CONTACT_PHONE_MIN_DIGITS)
    {
      set_message (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A phone number needs at least %d digit", "A phone number needs at least %d digits", ASCEND_CONTACT_PHONE_MIN_DIGITS),
                                             ASCEND_CONTACT_PHONE_MIN_DIGITS));
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_contact_validate_relationship (const char  *relationship,
                                      char       **message)
{
  g_autofree char *clean = ascend_contact_clean (relationship);

  if (!g_utf8_validate (clean, -1, NULL))
    {
      set_message (message, g_strdup (_("The relationship contains characters that are not valid text")));
      return FALSE;
    }
  if (g_utf8_strlen (clean, -1) > ASCEND_CONTACT_RELATIONSHIP_MAX)
    {
      set_message (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The relationship can be at most %d character", "The relationship can be at most %d characters", ASCEND_CONTACT_RELATIONSHIP_MAX),
                                             ASCEND_CONTACT_RELATIONSHIP_MAX));
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_contact_validate (const char          *name,
                         const char          *phone,
                         const char          *relationship,
                         AscendContactField  *bad_field,
                         char               **message)
{
  AscendContactField field = ASCEND_CONTACT_FIELD_NONE;

  if (!ascend_contact_validate_name (name, message))
    field = ASCEND_CONTACT_FIELD_NAME;
  else if (!ascend_contact_validate_phone (phone, message))
    field = ASCEND_CONTACT_FIELD_PHONE;
  else if (!ascend_contact_validate_relationship (relationship, message))
    field = ASCEND_CONTACT_FIELD_RELATIONSHIP;
  if (bad_field != NULL)
    *bad_field = field;
  return field == ASCEND_CONTACT_FIELD_NONE;
}

char *
ascend_contact_tel_uri (const char *phone)
{
  g_autoptr(GString) uri = g_string_new ("tel:");
  gboolean any = FALSE;

  for (const char *p = phone; p != NULL && *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (uri, *p);
          any = TRUE;
        }
      else if (*p == '+' && !any && uri->len == strlen ("tel:"))
        g_string_append_c (uri, '+');
    }
  return any ? g_string_free (g_steal_pointer (&uri), FALSE) : NULL;
}
