/* ascend-breathe-view.h: the Breathe section
 *
 * Pages: the exercises with "what works for you" and the history; before a
 * session (pace, mood); the session (orb, words, live heart); after (how
 * it went, mood). Rows of exerciseSessions are written as the session goes
 * (ascend-breathe-history.h); a session still running when the view goes
 * (window closed, app quit) is recorded as abandoned. A session row that
 * app.breathe-now started is picked up and offered.
 *
 * ASCEND_BREATHE_SPEED=N runs sessions N times faster (tests).
 * ASCEND_BREATHE_DEMO=SCRIPT[:SECONDS[:prepare|summary]] shows that
 * exercise running from SECONDS in (or the page before or after it),
 * without recording it (screenshots).
 */
#pragma once

#include <adwaita.h>
#include "ascend-application.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_BREATHE_VIEW (ascend_breathe_view_get_type ())
G_DECLARE_FINAL_TYPE (AscendBreatheView, ascend_breathe_view, ASCEND, BREATHE_VIEW, AdwBin)

AscendBreatheView *ascend_breathe_view_new     (AscendApplication *app);
void               ascend_breathe_view_refresh (AscendBreatheView *self);

G_END_DECLS
