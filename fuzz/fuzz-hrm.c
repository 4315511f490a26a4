/* fuzz-hrm.c: libFuzzer target for the 0x2A37 parser
 *
 * Any byte string must parse or be refused without reading past its end
 * (ASan checks that); a packet that parses must re-encode to the same bytes
 * its fields came from, which catches a parser that reads the wrong offset.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ascend-hrm.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A heap copy of exactly size bytes, so ASan sees a read past the end. */
  guint8 *copy = g_memdup2 (data, size);
  AscendHrmPacket packet;
  GError *error = NULL;

  if (ascend_hrm_parse (copy, size, &packet, &error))
    {
      guint8 flags = copy[0];
      gsize pos = 1;

      g_assert_null (error);
      g_assert_cmpuint (size, <=, ASCEND_HRM_MAX_PACKET);
      g_assert_nonnull (ascend_contact_to_string (packet.contact));
      if (flags & 0x01)
        {
          g_assert_cmpuint (packet.heart_rate, ==, (guint) (copy[1] | copy[2] << 8));
          pos += 2;
        }
      else
        {
          g_assert_cmpuint (packet.heart_rate, ==, copy[1]);
          pos += 1;
        }
      g_assert_cmpint (packet.has_energy, ==, (flags & 0x08) != 0);
      if (packet.has_energy)
        {
          g_assert_cmpuint (packet.energy_kj, ==, (guint) (copy[pos] | copy[pos + 1] << 8));
          pos += 2;
        }
      if (flags & 0x10)
        {
          g_assert_cmpuint (packet.n_rr, >, 0);
          g_assert_cmpuint (pos + 2 * packet.n_rr, ==, size);
          for (guint i = 0; i < packet.n_rr; i++)
            {
              g_assert_cmpuint (packet.rr[i], ==, (guint) (copy[pos] | copy[pos + 1] << 8));
              g_assert_cmpfloat (ascend_hrm_rr_to_ms (packet.rr[i]), >=, 0.0);
              pos += 2;
            }
        }
      else
        {
          g_assert_cmpuint (packet.n_rr, ==, 0);
          /* Trailing bytes only when a reserved bit allows them. */
          g_assert_true (pos == size || (flags & 0xe0) != 0);
        }
    }
  else
    {
      g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_error_free (error);
    }

  g_free (copy);
  return 0;
}
