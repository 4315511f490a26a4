/* fuzz-rr.c: libFuzzer target for RR clean-up, HRV and stress
 *
 * The bytes are uint16 LE RR intervals in ms (any value 0..65535, so the
 * clean-up sees zeros, artefacts and long gaps). Checks the invariants the
 * rest of the app relies on: a result is finite and within its range, and
 * a refusal carries the documented error code.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "ascend-hrv.h"
#include "ascend-stress.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gsize n = size / 2;
  double *rr = g_new (double, MAX (n, 1));
  gboolean *is_normal = g_new (gboolean, MAX (n, 1));
  AscendHrv hrv;
  AscendStress stress;
  GError *error = NULL;
  guint kept;

  for (gsize i = 0; i < n; i++)
    rr[i] = data[2 * i] | data[2 * i + 1] << 8;

  kept = ascend_rr_clean (rr, n, is_normal);
  g_assert_cmpuint (kept, <=, n);
  for (gsize i = 0; i < n; i++)
    if (is_normal[i])
      g_assert_true (rr[i] >= 300 && rr[i] <= 2000);

  if (ascend_hrv_compute (rr, n, &hrv, &error))
    {
      g_assert_cmpuint (hrv.n_nn, ==, kept);
      g_assert_cmpuint (hrv.n_beats, ==, n);
      g_assert_cmpfloat (hrv.mean_nn, >=, 300);
      g_assert_cmpfloat (hrv.mean_nn, <=, 2000);
      g_assert_true (isfinite (hrv.rmssd) && hrv.rmssd >= 0 && hrv.rmssd <= 1700);
      g_assert_true (isfinite (hrv.sdnn) && hrv.sdnn >= 0 && hrv.sdnn <= 1700);
      g_assert_true (hrv.pnn50 >= 0 && hrv.pnn50 <= 100);
      g_assert_true (hrv.mean_hr >= 30 - 1e-9 && hrv.mean_hr <= 200 + 1e-9);
    }
  else
    {
      g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
      g_clear_error (&error);
    }

  if (ascend_stress_compute (rr, n, TRUE, &stress, &error))
    {
      g_assert_cmpuint (stress.n_nn, >=, 30);
      g_assert_true (isfinite (stress.baevsky_si) && stress.baevsky_si > 0);
      g_assert_true (stress.amo > 0 && stress.amo <= 100);
      g_assert_true (stress.mo > 0.3 && stress.mo < 2.05);
      g_assert_cmpint (stress.level, >=, 1);
      g_assert_cmpint (stress.level, <=, 10);
    }
  else
    {
      g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
      g_clear_error (&error);
    }

  g_assert_false (ascend_stress_compute (rr, n, FALSE, &stress, &error));
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
  g_clear_error (&error);

  g_free (is_normal);
  g_free (rr);
  return 0;
}
