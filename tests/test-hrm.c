/* test-hrm.c: the Heart Rate Measurement (0x2A37) parser */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-hrm.h"

/* Parses a heap copy of exactly len bytes, so ASan reports any read past
 * the end of the packet. */
static gboolean
parse (const guint8    *bytes,
       gsize            len,
       AscendHrmPacket *out,
       GError         **error)
{
  g_autofree guint8 *copy = len > 0 ? g_memdup2 (bytes, len) : NULL;

  return ascend_hrm_parse (copy, len, out, error);
}

#define PARSE_OK(packet, ...) G_STMT_START {                      \
    static const guint8 bytes_[] = { __VA_ARGS__ };                 \
    g_autoptr(GError) error_ = NULL;                                \
    g_assert_true (parse (bytes_, sizeof bytes_, (packet), &error_)); \
    g_assert_no_error (error_);                                     \
  } G_STMT_END

/* Asserts a refusal whose message contains `words`, and that *out is not
 * touched. */
static void
assert_malformed (const guint8 *bytes,
                  gsize         len,
                  const char   *words)
{
  g_autoptr(GError) error = NULL;
  AscendHrmPacket packet;

  memset (&packet, 0xab, sizeof packet);
  g_assert_false (parse (bytes, len, &packet, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
  g_assert_true (g_str_has_suffix (error->message, "."));
  if (strstr (error->message, words) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, words);
  g_assert_cmpuint (packet.heart_rate, ==, 0xabababab);
}

#define MALFORMED(words, ...) G_STMT_START {                      \
    static const guint8 bytes_[] = { __VA_ARGS__ };                 \
    assert_malformed (bytes_, sizeof bytes_, (words));              \
  } G_STMT_END

static void
test_design_example (void)
{
  AscendHrmPacket p;

  /* DESIGN.md section 6: HR 72, contact detected, RR 340 and 748. */
  PARSE_OK (&p, 0x16, 0x48, 0x54, 0x01, 0xec, 0x02);
  g_assert_cmpuint (p.heart_rate, ==, 72);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_DETECTED);
  g_assert_false (p.has_energy);
  g_assert_cmpuint (p.n_rr, ==, 2);
  g_assert_cmpuint (p.rr[0], ==, 340);
  g_assert_cmpuint (p.rr[1], ==, 748);
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (p.rr[0]), ==, 332.03125);
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (p.rr[1]), ==, 730.46875);
}

static void
test_simple_vectors (void)
{
  AscendHrmPacket p;

  /* Bit 1 (detected) without bit 2 (supported): the sensor does not report. */
  PARSE_OK (&p, 0x02, 0x3c);
  g_assert_cmpuint (p.heart_rate, ==, 60);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_UNSUPPORTED);
  g_assert_false (p.has_energy);
  g_assert_cmpuint (p.n_rr, ==, 0);

  PARSE_OK (&p, 0x01, 0x01, 0x01);
  g_assert_cmpuint (p.heart_rate, ==, 257);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_UNSUPPORTED);
  g_assert_cmpuint (p.n_rr, ==, 0);

  /* Little endian, full 16-bit range. */
  PARSE_OK (&p, 0x01, 0xff, 0xff);
  g_assert_cmpuint (p.heart_rate, ==, 65535);
  PARSE_OK (&p, 0x00, 0xff);
  g_assert_cmpuint (p.heart_rate, ==, 255);
}

static void
test_contact (void)
{
  AscendHrmPacket p;

  PARSE_OK (&p, 0x00, 0x48);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_UNSUPPORTED);
  PARSE_OK (&p, 0x02, 0x48);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_UNSUPPORTED);
  PARSE_OK (&p, 0x04, 0x48);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_NOT_DETECTED);
  PARSE_OK (&p, 0x06, 0x48);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_DETECTED);

  g_assert_cmpstr (ascend_contact_to_string (ASCEND_CONTACT_UNSUPPORTED), ==, "unsupported");
  g_assert_cmpstr (ascend_contact_to_string (ASCEND_CONTACT_NOT_DETECTED), ==, "not-detected");
  g_assert_cmpstr (ascend_contact_to_string (ASCEND_CONTACT_DETECTED), ==, "detected");
}

static void
test_zero_heart_rate (void)
{
  AscendHrmPacket p;

  /* A strap without skin contact sends 0: accepted, the contact says why. */
  PARSE_OK (&p, 0x04, 0x00);
  g_assert_cmpuint (p.heart_rate, ==, 0);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_NOT_DETECTED);
  PARSE_OK (&p, 0x01, 0x00, 0x00);
  g_assert_cmpuint (p.heart_rate, ==, 0);
}

static void
test_energy (void)
{
  AscendHrmPacket p;

  PARSE_OK (&p, 0x08, 0x50, 0x10, 0x27);
  g_assert_cmpuint (p.heart_rate, ==, 80);
  g_assert_true (p.has_energy);
  g_assert_cmpuint (p.energy_kj, ==, 10000);
  g_assert_cmpuint (p.n_rr, ==, 0);

  PARSE_OK (&p, 0x0e, 0x00, 0x00, 0x00);
  g_assert_true (p.has_energy);
  g_assert_cmpuint (p.energy_kj, ==, 0);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_DETECTED);
}

static void
test_hr16_energy_many_rr (void)
{
  guint8 bytes[5 + 2 * 200];
  AscendHrmPacket p;
  g_autoptr(GError) error = NULL;

  bytes[0] = 0x1f;                         /* HR16, contact detected, energy, RR */
  bytes[1] = 0x2c; bytes[2] = 0x01;        /* 300 bpm */
  bytes[3] = 0xff; bytes[4] = 0xff;        /* 65535 kJ */
  for (guint i = 0; i < 200; i++)
    {
      guint16 raw = (guint16) (i * 327 + 7);
      bytes[5 + 2 * i] = raw & 0xff;
      bytes[6 + 2 * i] = raw >> 8;
    }

  g_assert_true (parse (bytes, sizeof bytes, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.heart_rate, ==, 300);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_DETECTED);
  g_assert_true (p.has_energy);
  g_assert_cmpuint (p.energy_kj, ==, 65535);
  g_assert_cmpuint (p.n_rr, ==, 200);
  for (guint i = 0; i < 200; i++)
    g_assert_cmpuint (p.rr[i], ==, (guint16) (i * 327 + 7));
}

static void
test_largest_packet (void)
{
  guint8 bytes[ASCEND_HRM_MAX_PACKET + 1];
  AscendHrmPacket p;
  g_autoptr(GError) error = NULL;

  /* 8-bit HR and RR: 1 + 1 + 2 * 255 = 512 bytes, the most RR a value holds. */
  memset (bytes, 0, sizeof bytes);
  bytes[0] = 0x10;
  bytes[1] = 61;
  for (guint i = 0; i < ASCEND_HRM_MAX_RR; i++)
    {
      bytes[2 + 2 * i] = (guint8) i;
      bytes[3 + 2 * i] = 0x04;
    }
  g_assert_true (parse (bytes, ASCEND_HRM_MAX_PACKET, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.n_rr, ==, ASCEND_HRM_MAX_RR);
  g_assert_cmpuint (p.n_rr, ==, 255);
  g_assert_cmpuint (p.rr[0], ==, 0x0400);
  g_assert_cmpuint (p.rr[254], ==, 0x04fe);

  /* One byte more than any ATT value. */
  assert_malformed (bytes, ASCEND_HRM_MAX_PACKET + 1, "has 513 bytes; a Bluetooth value has at most 512");
}

static void
test_reserved_bits (void)
{
  AscendHrmPacket p;

  /* Bits 5-7 are reserved for future use: ignored. */
  PARSE_OK (&p, 0xe6, 0x48);
  g_assert_cmpuint (p.heart_rate, ==, 72);
  g_assert_cmpint (p.contact, ==, ASCEND_CONTACT_DETECTED);
  PARSE_OK (&p, 0xf0, 0x48, 0x00, 0x04);   /* reserved bits and RR */
  g_assert_cmpuint (p.n_rr, ==, 1);
  g_assert_cmpuint (p.rr[0], ==, 1024);

  /* With a reserved bit set, bytes after the known fields may be a field of
   * a later revision: ignored. */
  PARSE_OK (&p, 0x20, 0x48, 0x99, 0x98, 0x97);
  g_assert_cmpuint (p.heart_rate, ==, 72);
  g_assert_cmpuint (p.n_rr, ==, 0);
  /* Without one, nothing explains them. */
  MALFORMED ("3 unexpected bytes after its last field", 0x00, 0x48, 0x99, 0x98, 0x97);
  MALFORMED ("1 unexpected byte after", 0x08, 0x48, 0x10, 0x27, 0x01);
}

static void
test_malformed (void)
{
  assert_malformed (NULL, 0, "empty");
  assert_malformed ((const guint8 *) "", 0, "empty");
  /* Flags only, whatever the flags say. */
  MALFORMED ("flags but no heart rate", 0x00);
  MALFORMED ("flags but no heart rate", 0x01);
  MALFORMED ("flags but no heart rate", 0x16);
  MALFORMED ("flags but no heart rate", 0xff);
  /* 16-bit heart rate cut after its first byte. */
  MALFORMED ("16-bit heart rate but is cut short", 0x01, 0x48);
  MALFORMED ("16-bit heart rate but is cut short", 0x19, 0x48);
  /* Energy announced, missing or half there. */
  MALFORMED ("energy expended but is cut short", 0x08, 0x48);
  MALFORMED ("energy expended but is cut short", 0x08, 0x48, 0x10);
  MALFORMED ("energy expended but is cut short", 0x09, 0x48, 0x00, 0x10);
  MALFORMED ("energy expended but is cut short", 0x18, 0x48);
  /* RR announced with none. */
  MALFORMED ("announces RR intervals but carries none", 0x10, 0x48);
  MALFORMED ("announces RR intervals but carries none", 0x11, 0x48, 0x00);
  MALFORMED ("announces RR intervals but carries none", 0x18, 0x48, 0x10, 0x27);
  /* An odd number of RR bytes. */
  MALFORMED ("odd number of bytes", 0x10, 0x48, 0x54);
  MALFORMED ("odd number of bytes", 0x16, 0x48, 0x54, 0x01, 0xec);
  MALFORMED ("odd number of bytes", 0x19, 0x48, 0x00, 0x10, 0x27, 0x54, 0x01, 0xec);
}

static void
test_rr_to_ms (void)
{
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (0), ==, 0.0);
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (512), ==, 500.0);
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (1024), ==, 1000.0);
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (820), ==, 800.78125);
  g_assert_cmpfloat (ascend_hrm_rr_to_ms (65535), ==, 63999.0234375);
}

/* Every prefix of a packet with every field: a prefix parses exactly when
 * it ends on an RR boundary after at least one RR. */
static void
test_every_prefix (void)
{
  static const guint8 full[] = {
    0x1f, 0x2c, 0x01, 0x10, 0x27,
    0x54, 0x01, 0xec, 0x02, 0x00, 0x04, 0x33, 0x03, 0xff, 0xff,
  };

  for (gsize len = 0; len <= sizeof full; len++)
    {
      g_autoptr(GError) error = NULL;
      AscendHrmPacket p;
      gboolean should_parse = len >= 7 && (len - 5) % 2 == 0;

      g_assert_cmpint (parse (full, len, &p, &error), ==, should_parse);
      if (should_parse)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (p.heart_rate, ==, 300);
          g_assert_cmpuint (p.energy_kj, ==, 10000);
          g_assert_cmpuint (p.n_rr, ==, (len - 5) / 2);
          g_assert_cmpuint (p.rr[p.n_rr - 1], ==, full[len - 2] | full[len - 1] << 8);
        }
      else
        g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
    }

  /* The design example: only its complete form carries RR pairs. */
  {
    static const guint8 example[] = { 0x16, 0x48, 0x54, 0x01, 0xec, 0x02 };

    for (gsize len = 0; len <= sizeof example; len++)
      {
        g_autoptr(GError) error = NULL;
        AscendHrmPacket p;

        g_assert_cmpint (parse (example, len, &p, &error), ==, len == 4 || len == 6);
      }
  }
}

/* Random bytes of every length up to past the maximum: parsed or refused,
 * never a crash (ASan in the sanitizer build) and never a stray code. */
static void
test_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x2a37);
  guint8 bytes[ASCEND_HRM_MAX_PACKET + 8];
  guint parsed = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = g_rand_int_range (rand, 0, sizeof bytes + 1);
      AscendHrmPacket p;

      for (gsize i = 0; i < len; i++)
        bytes[i] = g_rand_int_range (rand, 0, 256);
      if (parse (bytes, len, &p, &error))
        {
          parsed++;
          g_assert_cmpuint (p.n_rr, <=, ASCEND_HRM_MAX_RR);
        }
      else
        g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
    }
  /* Both outcomes were exercised. */
  g_assert_cmpuint (parsed, >, 0);
  g_assert_cmpuint (parsed, <, 20000);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/hrm/design-example", test_design_example);
  g_test_add_func ("/hrm/simple-vectors", test_simple_vectors);
  g_test_add_func ("/hrm/contact", test_contact);
  g_test_add_func ("/hrm/zero-heart-rate", test_zero_heart_rate);
  g_test_add_func ("/hrm/energy", test_energy);
  g_test_add_func ("/hrm/hr16-energy-many-rr", test_hr16_energy_many_rr);
  g_test_add_func ("/hrm/largest-packet", test_largest_packet);
  g_test_add_func ("/hrm/reserved-bits", test_reserved_bits);
  g_test_add_func ("/hrm/malformed", test_malformed);
  g_test_add_func ("/hrm/rr-to-ms", test_rr_to_ms);
  g_test_add_func ("/hrm/every-prefix", test_every_prefix);
  g_test_add_func ("/hrm/random-bytes", test_random_bytes);

  return g_test_run ();
}
