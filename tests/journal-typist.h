/* journal-typist.h: what journal-typist types, shared with test-journal.c */
#pragma once

#define TYPIST_KEY_MS 5

static const char journal_typist_title[] = "Killed mid-sentence";
/* Long enough to type for longer than a test round (5 ms a character),
 * in several scripts so the draft path carries any Unicode. */
static const char journal_typist_text[] =
  "Dear diary, today I walked to the river and watched the herons. "
  "今日は川まで散歩して、サギを見ました。とても静かでした。🌸🐦 "
  "اليوم مشيت إلى النهر. היום הלכתי לנהר. "
  "The light on the water was gold and then grey, and I stayed until the "
  "first lamps came on along the bank. Tomorrow I will bring a sketchbook. "
  "明日はスケッチブックを持って行こう。✏️📓 "
  "Dear diary, today I walked to the river and watched the herons. "
  "今日は川まで散歩して、サギを見ました。とても静かでした。🌸🐦 "
  "اليوم مشيت إلى النهر. היום הלכתי לנהר. "
  "The light on the water was gold and then grey, and I stayed until the "
  "first lamps came on along the bank. Tomorrow I will bring a sketchbook. "
  "明日はスケッチブックを持って行こう。✏️📓 "
  "Dear diary, today I walked to the river and watched the herons. "
  "今日は川まで散歩して、サギを見ました。とても静かでした。🌸🐦 "
  "اليوم مشيت إلى النهر. היום הלכתי לנהר. "
  "The light on the water was gold and then grey, and I stayed until the "
  "first lamps came on along the bank. Tomorrow I will bring a sketchbook. "
  "明日はスケッチブックを持って行こう。✏️📓 ";
