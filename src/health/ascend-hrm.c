/* ascend-hrm.c: the Heart Rate Measurement characteristic (GATT 0x2A37)
 *
 * Layout (Bluetooth Heart Rate Service 1.0, section 3.1):
 *
 *   flags       uint8
 *   heart rate  uint8, or uint16 LE when flags bit 0 is set
 *   energy      uint16 LE kJ, present when flags bit 3 is set
 *   RR          uint16 LE in 1/1024 s, present when flags bit 4 is set;
 *               every remaining byte belongs to them, oldest first
 *
 * Our contract, for the cases the specification leaves to the receiver:
 *
 * - Refused (ASCEND_HEALTH_ERROR_MALFORMED): an empty packet; a packet with
 *   only the flags byte; a heart rate, energy or RR field cut short; an odd
 *   number of RR bytes; the RR flag set with no RR bytes at all (the flag
 *   says the field is present, and a field of zero values is not a field);
 *   more than ASCEND_HRM_MAX_PACKET bytes (longer than any ATT value).
 * - Accepted: a heart rate of 0 (straps send it while they have no skin
 *   contact; the caller decides, with the contact state, what to show);
 *   an RR value of 0 (the clean-up in ascend-hrv.c drops it, the parser only
 *   checks the format).
 * - Reserved flag bits 5-7 are ignored, so a sensor following a later
 *   revision still parses. For the same reason, bytes after the last field
 *   the flags announce are ignored when a reserved bit is set (they may be a
 *   field we do not know yet) and refused otherwise (nothing can explain
 *   them, so the packet is probably corrupt).
 * - Contact: bit 2 clear means the sensor does not report contact, whatever
 *   bit 1 says (UNSUPPORTED); bit 2 set, bit 1 clear is NOT_DETECTED; both
 *   set is DETECTED.
 *
 * Every read goes through a position checked against len first, so the
 * parser never reads past data + len. *out is written only on success.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-hrm.h"

#define FLAG_HR16         (1u << 0)
#define FLAG_CONTACT      (1u << 1)
#define FLAG_CONTACT_SUPP (1u << 2)
#define FLAG_ENERGY       (1u << 3)
#define FLAG_RR           (1u << 4)
#define FLAGS_RESERVED    (0xe0u)

static inline guint16
read_u16_le (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static gboolean
malformed (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED, message);
  return FALSE;
}

gboolean
ascend_hrm_parse (const guint8    *data,
                  gsize            len,
                  AscendHrmPacket *out,
                  GError         **error)
{
  AscendHrmPacket packet = { 0 };
  gsize pos = 0;
  guint8 flags;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len == 0)
    return malformed (error, _("The heart rate packet is empty."));
  if (len > ASCEND_HRM_MAX_PACKET)
    {
      g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The heart rate packet has %" "zu" " byte; "
                                "a Bluetooth value has at most %d.",
                                "The heart rate packet has %" "zu" " bytes; "
                                "a Bluetooth value has at most %d.", len),
                   len, ASCEND_HRM_MAX_PACKET);
      return FALSE;
    }

  flags = data[pos++];

  if (flags & FLAG_HR16)
    {
      if (len - pos < 2)
        return malformed (error, len == pos
                          ? _("The heart rate packet has flags but no heart rate.")
                          : _("The heart rate packet announces a 16-bit heart rate "
                              "but is cut short after one byte."));
      packet.heart_rate = read_u16_le (data + pos);
      pos += 2;
    }
  else
    {
      if (len - pos < 1)
        return malformed (error, _("The heart rate packet has flags but no heart rate."));
      packet.heart_rate = data[pos];
      pos += 1;
    }

  if (!(flags & FLAG_CONTACT_SUPP))
    packet.contact = ASCEND_CONTACT_UNSUPPORTED;
  else if (flags & FLAG_CONTACT)
    packet.contact = ASCEND_CONTACT_DETECTED;
  else
    packet.contact = ASCEND_CONTACT_NOT_DETECTED;

  if (flags & FLAG_ENERGY)
    {
      if (len - pos < 2)
        return malformed (error, _("The heart rate packet announces the energy expended "
                                   "but is cut short before it."));
      packet.has_energy = TRUE;
      packet.energy_kj = read_u16_le (data + pos);
      pos += 2;
    }

  if (flags & FLAG_RR)
    {
      gsize rest = len - pos;

      if (rest == 0)
        return malformed (error, _("The heart rate packet announces RR intervals "
                                   "but carries none."));
      if (rest % 2 != 0)
        return malformed (error, _("The RR intervals of the heart rate packet have an odd "
                                   "number of bytes; each interval takes two."));
      /* len <= ASCEND_HRM_MAX_PACKET and pos >= 2 keep this within rr[]. */
      g_assert (rest / 2 <= ASCEND_HRM_MAX_RR);
      for (; pos < len; pos += 2)
        packet.rr[packet.n_rr++] = read_u16_le (data + pos);
    }
  else if (pos < len && !(flags & FLAGS_RESERVED))
    {
      g_set_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The heart rate packet has %" "zu" " unexpected byte "
                                "after its last field.",
                                "The heart rate packet has %" "zu" " unexpected bytes "
                                "after its last field.",
                                len - pos),
                   len - pos);
      return FALSE;
    }

  *out = packet;
  return TRUE;
}

const char *
ascend_contact_to_string (AscendContact contact)
{
  switch (contact)
    {
    case ASCEND_CONTACT_UNSUPPORTED:
      return "unsupported";
    case ASCEND_CONTACT_NOT_DETECTED:
      return "not-detected";
    case ASCEND_CONTACT_DETECTED:
      return "detected";
    default:
      g_return_val_if_reached ("unsupported");
    }
}

double
ascend_hrm_rr_to_ms (guint16 raw)
{
  return raw * 1000.0 / 1024.0;
}
