// Its own module, imported by the detector and by the replies that mention it: no import cycle through the lexicon.

/**
 * The budget of places judged per message. Judging a place reads its window and scores it for each entry (a few
 * microseconds); a code in thousands of different contexts (a hostile paste, a long listing) would otherwise cost that
 * thousands of times. Per code, places that report it (a code key, `==` or a failure word before it) and other places
 * each have PLACES_PER_CODE, so a long listing cannot use up the reading of the line that reports the error; a message
 * has PLACES_PER_MESSAGE in all. Numbers the words before them rule out (a status, a port, an errno) spend nothing.
 * What the budget leaves unread is counted in `scan.unread` (candidates.ts), and the reply says so; past a budget a
 * place is not read at all, so the count may hold numbers that reading would have ruled out.
 */
export const PLACES_PER_CODE = 64;
export const PLACES_PER_MESSAGE = 4096;
