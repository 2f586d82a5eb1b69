// Its own module, imported by the detector and by the replies that mention it: no import cycle through the lexicon.

/**
 * The budget of places judged per message. Judging a place reads its window and scores it for each entry (a few
 * microseconds); a code in thousands of different contexts (a hostile paste, a long listing) would otherwise cost that
 * thousands of times. A code's first places decide as well as the rest (its best reading is kept), and a chat message
 * stays far below both limits. What the budget leaves unread is counted in `scan.unread` (candidates.ts), and the reply says so.
 * Places that the words before them rule out (a status, a port, an errno) do not count: an access log's thousands of
 * HTTP statuses leave the budget whole. Past a code's budget its places are not read at all.
 */
export const PLACES_PER_CODE = 64;
export const PLACES_PER_MESSAGE = 4096;
