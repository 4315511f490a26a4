/* ascend-contact-rules.h: what an emergency contact typed in by a person may hold
 *
 * Pure functions: the contact form checks with them before anything is
 * written, and the tests feed them tables of good and bad values. Each
 * checks the text as it would be stored, that is with the spaces around it
 * taken off (ascend_contact_clean).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ASCEND_CONTACT_NAME_MAX          255
#define ASCEND_CONTACT_PHONE_MIN           6
#define ASCEND_CONTACT_PHONE_MAX          20
#define ASCEND_CONTACT_PHONE_MIN_DIGITS    6
#define ASCEND_CONTACT_RELATIONSHIP_MAX  100

typedef enum {
  ASCEND_CONTACT_FIELD_NONE = -1,
  ASCEND_CONTACT_FIELD_NAME,
  ASCEND_CONTACT_FIELD_PHONE,
  ASCEND_CONTACT_FIELD_RELATIONSHIP,
} AscendContactField;

/* text without the white space around it (a new string; "" for NULL). */
char    *ascend_contact_clean                 (const char  *text);

/* Each returns TRUE when valid; otherwise FALSE and, when message is not
 * NULL, a sentence for an inline error. */
gboolean ascend_contact_validate_name         (const char  *name,
                                               char       **message);
/* Digits, spaces, + - ( ) only; 6 to 20 characters; at least 6 digits. */
gboolean ascend_contact_validate_phone        (const char  *phone,
                                               char       **message);
/* Optional: empty is valid. */
gboolean ascend_contact_validate_relationship (const char  *relationship,
                                               char       **message);

/* All three; on failure *bad_field (may be NULL) names the first field at
 * fault (in form order) and *message says what is wrong with it. */
gboolean ascend_contact_validate              (const char          *name,
                                               const char          *phone,
                                               const char          *relationship,
                                               AscendContactField  *bad_field,
                                               char               **message);

/* "tel:" and the phone's digits, with a leading + kept: what a dialer
 * opens. NULL when phone has no digits. */
char    *ascend_contact_tel_uri               (const char  *phone);

G_END_DECLS
