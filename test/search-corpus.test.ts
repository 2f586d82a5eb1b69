// Search quality on the query corpus (test/fixtures/queries/, rules in its README), one describe per part.
// A sealed part is scored by the lead, never tuned to: run only `-t train` while working on search.
import { describe, expect, it } from "vitest";
import { describeScore, loadCorpus, SCORED_PARTS, scoreCorpus, type CorpusPart, type PartScore } from "../bench/lookup-corpus.js";
import { Errcode } from "../src/core/errcode.js";
import { lookup } from "../src/core/lookup.js";

const { index } = Errcode.load();
const rank = (query: string) => lookup(index, query).matches.map((m) => `${m.entry.catalog}:${m.entry.code}`);

// Sealed parts are scored once by the lead, then gated at that first run so they cannot regress:
// - sealed (part 1), first run 2026-12-02 (session 2): answerable 0.957 (155/162), `none` 0.800 (20/25). Spent,
//   it became development data in session 3.
// - sealed2 (part 2, written blind in session 3), first run 2026-12-02: answerable 0.848 (106/125), `none` 0.873
//   (48/55): short of the 0.90 / 0.95 bar.
// - sealed3 (part 3, written blind in session 3, longer descriptive queries), first run 2026-12-02 after the
//   search changes that sealed2's misses led to: answerable 0.700 (77/110), `none` 0.900 (45/50). Long sentences
//   describing a problem are where the search falls short: most of its misses answered nothing.
// - sealed4 (part 4, written blind in session 3, mixed lengths), first run 2026-12-02 with the final search:
//   answerable 0.776 (83/107), `none` 0.930 (40/43). One miss it showed (`cos v4 166`: a two-word alias) is fixed
//   since; in session 4 a word weighs by its own postings and foreign identifiers count against a match (now
//   0.776 / 0.953).
// - sealed5 (part 5, written blind in session 4, a third of its prose whole sentences), first run 2026-12-02:
//   answerable 0.701 (75/107), `none` 0.953 (41/43). Long descriptions still answer nothing (25 of its 32 misses).
// Since those runs (session 4, chosen on these spent parts, so their figures are in-sample): an HTTP status beside a
// vendor's code comes second, and a long question's coverage counts its 8 heaviest words (sealed2 0.896 / 0.909,
// sealed3 0.736 / 0.920, sealed5 0.729 / 0.953); the floors hold those figures.
// - sealed6 (part 6, written blind in session 4), first run 2026-12-02 with the session-4 search above: answerable
//   0.779 (67/86), `none` 0.971 (33/34). 12 of its 19 answerable misses answered nothing.
// - sealed7 (part 7, written blind in session 5), first run 2026-12-02 with the answer model below: answerable
//   0.837 (72/86), `none` 0.794 (27/34); the session-4 search scored it 0.814 / 0.794 (same day, for comparison).
//   Its `none` misses are near-misses (a sharp "unsupported image format", git LFS "over its data quota", tar's "File
//   name too long"); one was a bug fixed since (a time's `00` read as code 0).
// - sealed8 (part 8, written blind in session 5), first run 2026-12-02 with the search after part 7 (the answer model
//   refitted with it, times no longer codes): answerable 0.849 (73/86), `none` 0.882 (30/34); the session-4 search
//   scored it 0.733 (63/86) / 0.882 (30/34). One miss was a bug fixed since: a language's name (`cos ruby sdk … -97`)
//   took the code away although the question named COS.
// - sealed9 (part 9, written blind in session 5), first run 2026-12-02 with the search after part 8 (vocabulary and
//   rewrites from the spent parts' misses, the model refitted): answerable 0.791 (68/86), `none` 0.912 (31/34); the
//   session-4 search scored it 0.721 (62/86) / 0.941 (32/34).
// - sealed10 (part 10, written blind in session 5, kept unscored), first run 2026-12-02 (session 6) with the session-5
//   search: answerable 0.872 (75/86), `none` 0.971 (33/34); the session-4 search scored it 0.733 (63/86) / 0.941 (32/34).
//   Its zh misses were colloquial phrasing (删掉, 还没激活, 写不进去, 不一样), which led to the rewrites of session 6.
// - sealed11 (part 11, written blind in session 6), first run 2026-12-02 with those rewrites and the model refitted
//   with part 10: answerable 0.698 (60/86), `none` 0.941 (32/34); the session-4 search scored it 0.581 (50/86) /
//   0.853 (29/34). Its English is long stories with counts and formats (en 9/20): 12 of its 26 misses had the right
//   entry in the top three and the model answered nothing.
// - sealed12 (part 12, written blind in session 6, kept unscored), first run 2026-12-03 (session 7) with the session-6
//   search: answerable 0.744 (64/86), `none` 0.971 (33/34); the session-4 search scored it 0.605 (52/86) / 0.824
//   (28/34). Of its 22 answerable misses 15 answered nothing (10 with a right entry among the suggestions).
// In session 7 (after part 12's first run) 2,049 keywords were added to 503 entries with few (how engineers describe
// the situation, in English and Chinese), written from the catalogs by helpers who read no query, and a count or size
// with its unit (`250 entries`, `4kb`, `第11个`) no longer counts as another system's identifier. On the spent parts,
// pooled, answerable stayed 0.897 and `none` went 0.951 -> 0.953: the parts least tuned to rose (sealed7 0.872 ->
// 0.907, sealed9 0.837 -> 0.884, sealed10 0.919 -> 0.953, sealed11 0.721 -> 0.767), those whose misses earlier
// vocabulary was written for fell (train 0.953 -> 0.933, sealed 0.981 -> 0.951, dev 0.925 -> 0.875): more entries
// now share everyday words. The floors hold the new figures.
// - sealed13 (part 13, written blind in session 7), first run 2026-12-03 with that search: answerable 0.744 (64/86),
//   `none` 0.912 (31/34); the session-6 search scored it 0.698 (60/86) / 0.912 and the session-4 search 0.488 / 0.882
//   the same day. 13 of its 22 answerable misses are ranking misses; two `none` misses were kernel lines (`error -71`
//   from USB, `-110` from an SD card), answered nothing since the kernel's and drivers' names are other products'.
// - sealed14 (part 14, written blind in session 7), first run 2026-12-03 with the search after part 13: answerable
//   0.767 (66/86), `none` 0.971 (33/34); the session-6 search scored it 0.709 / 0.941 and the session-4 search 0.581 /
//   0.971 the same day. Its code miss (`续传返回 4024`, a dropped minus inside Chinese text) is fixed since.
// After part 14 (session 7) entries are ranked by their BM25F score alone, coverage deciding only what is shown and
// whether there is an answer: pooled over the 16 spent parts answerable 0.882 -> 0.890 at the same `none` 0.953
// (sealed7's `none` lost one: 0.824 -> 0.794), the answer model refitted.
// - sealed15 (part 15, written blind in session 7), first run 2026-12-03 with the BM25F-only ranking: answerable 0.814
//   (70/86), `none` 0.912 (31/34); the search just before the ranking change scored it the same, the session-6 search
//   0.756 / 0.912 and the session-4 search 0.605 / 0.824 the same day.
// - sealed16 (part 16, written blind in session 8), first run 2026-12-03 with the search as session 7 left it:
//   answerable 0.884 (76/86), `none` 1.000 (34/34); the session-6 search 0.837 / 1.000 the same day. 7 of its 10
//   answerable misses answered nothing (long situations).
// - sealed17 (part 17, written blind in session 8), first run 2026-12-03: answerable 0.779 (67/86), `none` 0.971 (33/34);
//   the session-6 search 0.698 / 0.971 the same day. After a second vocabulary pass written blind (helpers reading only
//   the catalogs) and the answer model refitted without it, the still unread part scored 0.826 (71/86) / 0.971.
// - sealed18 (part 18, written blind in session 8), first run 2026-12-03 with the search below: answerable 0.814 (70/86),
//   `none` 0.971 (33/34); the session-7 search 0.814 / 0.941 and the session-6 search 0.802 / 0.971 the same day.
// - sealed19 (part 19, written blind in session 9), first run 2026-12-03 with the search after the short-word typos
//   (bc2ca9f): answerable 0.860 (74/86), `none` 0.971 (33/34); the session-8 search (fc6923f) and the session-7 search
//   scored it the same that day.
// - sealed20 (part 20, written blind in session 9), first run 2026-12-03 with the same search: answerable 0.884 (76/86),
//   `none` 0.941 (32/34); the session-8 search scored it the same, the session-7 search 0.884 / 0.971.
// - sealed21 (part 21, written blind in session 9 while two other helpers wrote COS keywords from the catalogs), first
//   run 2026-12-03 with that vocabulary pass (e75b61d): answerable 0.837 (72/86), `none` 1.000 (34/34). The search just
//   before the pass and the session-8 search scored it the same, the session-7 search 0.826 / 1.000. No query of it is
//   a near-copy of a new keyword (the closest pairs: similarity 0.61-0.67).
// - sealed22 (part 22, written blind in session 9), first run 2026-12-03 with the search after the Chinese catalog
//   names, the detect words naming a catalog, NEAR_COVERAGE 0.1 and k1 2.5 (b3c8837): answerable 0.907 (78/86), `none`
//   0.971 (33/34), the bar met on a first run for the first time. The same day: the search before k1 (6716447)
//   0.895 / 0.971, before the vocabulary pass (d53184d) 0.860 / 0.971, the session-8 and session-7 searches 0.860 / 0.971.
// - sealed23 (part 23, written blind in session 9 to check part 22's result), first run 2026-12-03 with the same search:
//   answerable 0.860 (74/86), `none` 0.971 (33/34): below the bar again. The same day: before k1 0.860 / 0.971, before the
//   vocabulary pass 0.826 / 0.971, the session-8 search 0.826 / 1.000, the session-7 search 0.837 / 1.000.
// - sealed24 (part 24, written blind in session 9), first run 2026-12-03 with the search after two reviews (1c57a74):
//   answerable 0.930 (80/86), `none` 0.912 (31/34): over the bar on answerable, under it on "nothing". The same day the
//   part-22 search (b3c8837) scored the same, before the vocabulary pass 0.919 / 0.912, the session-8 search 0.895 /
//   0.912, the session-7 search 0.884 / 0.912.
// The vocabulary pass (new keywords that use a word marking another topic, such as 磁盘 or login, left out) and the
// answer model refitted on all 18 parts: pooled answerable 0.887 -> 0.888, `none` 0.955 -> 0.957, in-sample; the floors
// below hold these figures (some parts lost a query or two, others gained).
// - sealed25 and sealed26 (parts 25 and 26, written blind and at the same time by two writers in session 10), first run
//   2026-12-03 with the search of 548c6e5 (plain-language, typo and whole-phrase features): part 25 answerable 0.930
//   (80/86), `none` 0.882 (30/34); part 26 0.895 (77/86) / 0.912 (31/34). Under the bar on "nothing" both times. The
//   same day the session-9 search (9b07835) scored part 25 the same and part 26 0.826 / 0.853.
// Then, after reading parts 25 and 26: an HTTP status beside an identifier nobody's catalog uses is a suggestion, and
// one in a story that names our catalog answers when the words find nothing; an S3 name written as a CONSTANT is another
// system's; a lower-case unique part of a camel-case symbol of 12 characters or more answers as it; `tencentcloud` (the
// API 3.0 SDKs) is another product; the model refitted on all 27 parts. Leave-one-part-out at 0.75 over 27 parts:
// answered 1,600 of 1,698, "nothing" 989 of 1,026. In-sample: answerable 2,438 -> 2,440 of 2,647, `none` 984 -> 992 of
// 1,027 (the rules alone +5 / +7; the refit -3 / +1 on top). The floors below hold these figures.
// - sealed27 and sealed28 (parts 27 and 28, written blind and at the same time in session 10), first run 2026-12-03 with
//   the search of 4e214cd: part 27 answerable 0.849 (73/86), `none` 0.882 (30/34); part 28 0.860 (74/86) / 0.941
//   (32/34). The same day 548c6e5 scored them 0.849 / 0.853 and 0.860 / 0.912, the session-9 search (9b07835) 0.814 /
//   0.824 and 0.802 / 0.882.
// Then, after reading parts 27 and 28: an identifier the entries' own texts write (`save_token`, a form field of
// UpYun's) is not another system's name; the model refitted on all 29 parts. Leave-one-part-out at 0.75 over 29 parts:
// answered 1,686 -> 1,695 of 1,803, "nothing" 1,052 -> 1,055 of 1,093. In-sample: answerable 2,587 -> 2,589 of 2,819,
// `none` 1,054 -> 1,059 of 1,095; the floors below hold these figures.
// - sealed29 and sealed30 (parts 29 and 30, written blind and at the same time in session 10), first run 2026-12-03 with
//   the search of 9e780be: part 29 answerable 0.884 (76/86), `none` 0.882 (30/34); part 30 0.802 (69/86) / 0.941
//   (32/34). The same day 548c6e5 scored them 0.895 / 0.853 and 0.802 / 0.941, the session-9 search (9b07835) 0.872 /
//   0.882 and 0.814 / 0.912. Over the six parts first run this session (25 to 30): answerable 449 of 516 (0.870),
//   "nothing" 185 of 204 (0.907); the session-9 search on the same parts 435 (0.843) and 178 (0.873).
// Then, after reading parts 29 and 30: a one-digit code counts when signed and right after a word saying a code
// follows (`returns code -4`: the v4 SDKs' own client errors): in-sample 2,734 -> 2,735 of 2,991, `none` unchanged.
// Then a review's fixes: plain language counts only when no other product or error name is named ("why do we get
// ImagePullBackOff when we deploy, what should we do" no longer answers), at most 8 words, the log's own words (error,
// code, returned) not among them; typo words are words read only through a typo (not synonyms), at most 3; catalog
// names end at ASCII letters, digits and `-` only (`UpYun上传失败`, `upyun_sdk`), and catalogsNamedIn reads the same
// pattern; an identifier with one of our names in it (`CosClient`) is not another system's; the status rule reads
// only error-like names (not `userAvatar.png`, `putObject` or `GATEWAY_TIMEOUT`) and only words answering in the named
// catalog; a one-digit code needs one of our catalogs named (`read() returned -1` is not COS -1). Refitted on 31 parts:
// leave-one-part-out at 0.75 answered 1,797 of 1,908, "nothing" 1,117 of 1,160; in-sample 2,735 -> 2,743 of 2,991,
// `none` 1,121 -> 1,120 of 1,163. The floors below hold these figures.
// - sealed31 and sealed32 (parts 31 and 32, written blind and at the same time in session 10), first run 2026-12-03 with
//   the search of 7d23de3 (a review's fixes in): part 31 answerable 0.849 (73/86), `none` 1.000 (34/34); part 32 0.860
//   (74/86) / 1.000. The same day 2a274fa scored them 0.837 / 1.000 and 0.849 / 1.000, the session-9 search 0.802 /
//   0.971 and 0.826 / 1.000. Over the eight parts first run this session (25 to 32): answerable 596 of 688 (0.866),
//   "nothing" 253 of 272 (0.930); the session-9 search on the same parts 575 (0.836) and 245 (0.901).
// Then, after reading parts 31 and 32: numbers written as words are read as digits on both sides (两百, 一千五百,
// two hundred; not 一个, 百度 or 万象优图), and the model refitted on all 33 parts: leave-one-part-out at 0.75 answered
// 1,901 of 2,013, "nothing" 1,181 of 1,228; in-sample 2,890 -> 2,898 of 3,163, `none` 1,188 -> 1,187 of 1,231. The floors
// below hold these figures.
// - sealed33 and sealed34 (parts 33 and 34, written blind and at the same time in session 10), first run 2026-12-03 with
//   the search of 28d890d: part 33 answerable 0.942 (81/86), `none` 0.882 (30/34); part 34 0.907 (78/86) / 0.971
//   (33/34), over the bar. The same day 2a274fa scored them 0.930 / 0.882 and 0.907 / 0.971, the session-9 search 0.895
//   / 0.794 and 0.919 / 0.971. Over the ten parts first run this session (25 to 34): answerable 755 of 860 (0.878),
//   "nothing" 316 of 340 (0.929); the session-9 search on the same parts 731 (0.850) and 305 (0.897).
// - sealed35 and sealed36 (parts 35 and 36, written blind and at the same time in session 10), first run 2026-12-03 with
//   the search of 28d890d: part 35 answerable 0.919 (79/86), `none` 1.000 (34/34), over the bar; part 36 0.907 (78/86)
//   / 0.853 (29/34). The same day 2a274fa scored them 0.907 / 1.000 and 0.919 / 0.882, the session-9 search 0.884 /
//   0.941 and 0.919 / 0.882 (part 36: both older searches did better). Over the twelve parts first run this session (25
//   to 36): answerable 912 of 1,032 (0.884), "nothing" 379 of 408 (0.929); the session-9 search 886 (0.859) and 367
//   (0.900).
// - sealed37 to sealed40 (parts 37 to 40, written blind and at the same time in session 11), first run 2026-12-03:
//   parts 37 and 38 with the search of 93e4b9d (a line another program printed names that program), answerable 0.872
//   (75/86) and 0.895 (77/86), `none` 0.971 (33/34) both; parts 39 and 40, after reading 37 and 38, with bacbab1:
//   0.860 (74/86) / 1.000 (34/34) and 0.837 (72/86) / 0.941 (32/34). Over the four: answerable 298 of 344 (0.866),
//   "nothing" 132 of 136 (0.971); the same day the session-10 search (788e77e) 299 (0.869) and 130 (0.956), the
//   session-9 search 292 (0.849) and 127 (0.934). ffe1e84 then took back one change of bacbab1 that had cost two of
//   those answers.
// Then the ranking constants became data (src/catalog/ranking.json), chosen by tools/tune-search.ts on the spent parts
// but 31 to 40, which only checked the choice: right answers or "nothing"s there 1,102 -> 1,115 of 1,200 (each part
// scored with the answer model fitted without it; a review found the held-out parts' rows in those fits, and the tool
// fixed since gives, on parts 35 to 44, 1,111 for the old constants and 1,123 for these); the answer model refitted on
// all 41 parts. In-sample over the 41:
// answerable 3,527 -> 3,557 of 3,851, `none` 1,456 -> 1,460 of 1,503; some parts lost a query or two (sealed, sealed3's
// and sealed5's none, sealed6, sealed12, sealed19's none, sealed21, sealed28's none, sealed30, sealed33): the floors
// below hold the new figures.
// - sealed41 to sealed44 (parts 41 to 44, written blind and at the same time in session 11), first run 2026-12-03 with
//   the search of 97819fe (the chosen ranking constants): answerable 0.942 (81/86), 0.919 (79/86), 0.930 (80/86) and
//   0.919 (79/86); `none` 0.971 (33/34), 0.941 (32/34), 1.000 (34/34) and 0.912 (31/34); parts 41 and 43 over the bar.
//   Over the four: 319 of 344 (0.927) and 130 of 136 (0.956). The same day ffe1e84 (before the ranking change) 317 and
//   129, the session-10 search 314 and 127, the session-9 search 299 and 122. Over the eight parts first run this
//   session (37 to 44): 617 of 688 (0.897) and 262 of 272 (0.963).
// - sealed45 to sealed48 (parts 45 to 48, written blind and at the same time in session 11), first run 2026-12-03 with
//   the search of 097e6ec (a review's fixes): answerable 0.919 (79/86), 0.895 (77/86), 0.988 (85/86) and 0.919 (79/86);
//   `none` 0.941 (32/34), 1.000 (34/34), 0.882 (30/34) and 0.882 (30/34); no part over both bars. Over the four: 320 of
//   344 (0.930) and 126 of 136 (0.926). The same day ffe1e84 319 and 127, the session-10 search 318 and 126, the
//   session-9 search 304 and 121. Over the twelve parts first run this session (37 to 48): 937 of 1,032 (0.908) and 388
//   of 408 (0.951).
// Then, after reading parts 45 to 48: apps with storage behind them and messages of their own (Cloudreve, Lsky Pro,
// PicX) are other products. In-sample over the 49 parts: `none` 1,716 -> 1,723 of 1,775, answerable unchanged (4,196).
// - sealed49 to sealed52 (parts 49 to 52, written blind and at the same time in session 11), first run 2026-12-03 with
//   the search of 1ce80f5: answerable 0.930 (80/86), 0.907 (78/86), 0.919 (79/86) and 0.919 (79/86); `none` 0.971
//   (33/34), 0.971 (33/34), 0.912 (31/34) and 1.000 (34/34); parts 49, 50 and 52 over the bar. Over the four: 316 of
//   344 (0.919) and 131 of 136 (0.963). The same day ffe1e84 312 and 131, the session-10 search 309 and 129, the
//   session-9 search 307 and 127. Over the sixteen parts first run this session (37 to 52): 1,253 of 1,376 (0.911) and
//   519 of 544 (0.954).
// Session 10: the answer model reads three more features: how much of the question is plain language (stop words and
// Chinese particles: a question told in words, not a line pasted from another system's log), how many words were read
// through a typo, and whether the whole question is one of the best entry's keywords; a catalog's ASCII names (`UpYun`,
// `cos`) are taken out of the words to find as its Chinese ones were. Refitted on all 25 parts. Leave-one-part-out at
// 0.75: answered 1,483 of 1,582 -> 1,497 of 1,585 with a right entry found, "nothing" 911 -> 922 of 954. In-sample over
// the 25 parts: answerable 2,261 -> 2,281 of 2,475, `none` 914 -> 923 of 959; some parts lost a query or two (train,
// sealed, dev, sealed5's none, sealed8, a story with status 599 in sealed19); the floors below hold the new figures.
// Since session 5 whether a word search has an answer is a logistic model fitted on the spent parts
// (tools/fit-search.ts, src/catalog/answer-model.ts): the floors below hold its in-sample figures.
// - dev: written blind for tuning the honest "nothing"; tuned on, so it proves nothing about generalisation.
const FLOORS = {
  train: { accuracy: 0.93, none: 1 },
  sealed: { accuracy: 0.95, none: 0.96 },
  dev: { accuracy: 0.91, none: 0.95 },
  sealed2: { accuracy: 0.97, none: 0.98 },
  sealed3: { accuracy: 0.95, none: 0.96 },
  sealed4: { accuracy: 0.96, none: 1 },
  sealed5: { accuracy: 0.91, none: 0.93 },
  sealed6: { accuracy: 0.96, none: 1 },
  sealed7: { accuracy: 0.98, none: 0.91 },
  sealed8: { accuracy: 0.93, none: 1 },
  sealed9: { accuracy: 0.96, none: 0.97 },
  sealed10: { accuracy: 0.96, none: 0.94 },
  sealed11: { accuracy: 0.91, none: 0.97 },
  sealed12: { accuracy: 0.83, none: 1 },
  sealed13: { accuracy: 0.82, none: 1 },
  sealed14: { accuracy: 0.88, none: 1 },
  sealed15: { accuracy: 0.9, none: 1 },
  sealed16: { accuracy: 0.93, none: 1 },
  sealed17: { accuracy: 0.9, none: 0.97 },
  sealed18: { accuracy: 0.96, none: 0.97 },
  sealed19: { accuracy: 0.93, none: 0.94 },
  sealed20: { accuracy: 0.98, none: 0.97 },
  sealed21: { accuracy: 0.9, none: 1 },
  sealed22: { accuracy: 0.93, none: 0.97 },
  sealed23: { accuracy: 0.9, none: 0.97 },
  sealed24: { accuracy: 0.97, none: 0.97 },
  sealed25: { accuracy: 0.93, none: 0.97 },
  sealed26: { accuracy: 0.96, none: 0.97 },
  sealed27: { accuracy: 0.87, none: 0.94 },
  sealed28: { accuracy: 0.93, none: 0.97 },
  sealed29: { accuracy: 0.9, none: 0.91 },
  sealed30: { accuracy: 0.82, none: 0.94 },
  sealed31: { accuracy: 0.86, none: 1 },
  sealed32: { accuracy: 0.88, none: 1 },
  sealed33: { accuracy: 0.93, none: 0.94 },
  sealed34: { accuracy: 0.91, none: 0.97 },
  sealed35: { accuracy: 0.91, none: 1 },
  sealed36: { accuracy: 0.91, none: 0.97 },
  sealed37: { accuracy: 0.91, none: 0.97 },
  sealed38: { accuracy: 0.94, none: 0.97 },
  sealed39: { accuracy: 0.88, none: 1 },
  sealed40: { accuracy: 0.88, none: 1 },
  sealed41: { accuracy: 0.94, none: 1 },
  sealed42: { accuracy: 0.91, none: 0.94 },
  sealed43: { accuracy: 0.93, none: 1 },
  sealed44: { accuracy: 0.91, none: 0.94 },
  sealed45: { accuracy: 0.91, none: 0.94 },
  sealed46: { accuracy: 0.89, none: 1 },
  sealed47: { accuracy: 0.98, none: 0.94 },
  sealed48: { accuracy: 0.91, none: 0.91 },
  sealed49: { accuracy: 0.93, none: 0.97 },
  sealed50: { accuracy: 0.9, none: 0.97 },
  sealed51: { accuracy: 0.91, none: 0.91 },
  sealed52: { accuracy: 0.91, none: 1 },
} as const satisfies Record<CorpusPart, { accuracy: number; none: number }>;

function gate(part: CorpusPart) {
  let score: PartScore;

  it("has queries to score, `none` ones among them", () => {
    // Loaded here, not when the file is collected: `-t train` never reads the sealed part.
    const queries = loadCorpus(part);
    expect(queries.length).toBeGreaterThan(0);
    score = scoreCorpus(queries, rank);
    console.log(`${part}: ${describeScore(score)}`);
    expect(score.answerable).toBeGreaterThan(0);
    expect(score.none).toBeGreaterThan(0);
  });

  it(`finds the right entry: top 1 for codes and symbols, top 3 for words (at least ${FLOORS[part].accuracy})`, () => {
    const misses = score.misses.filter((m) => m.query.kind !== "none").map((m) => `${m.query.id} ${m.query.q} -> ${m.got.join(", ") || "nothing"}`);
    expect(score.accuracy, misses.join("\n")).toBeGreaterThanOrEqual(FLOORS[part].accuracy);
  });

  it(`answers nothing for what no catalog covers (at least ${FLOORS[part].none})`, () => {
    const answered = score.misses.filter((m) => m.query.kind === "none").map((m) => `${m.query.id} ${m.query.q} -> ${m.got.join(", ")}`);
    expect(score.noneRate, answered.join("\n")).toBeGreaterThanOrEqual(FLOORS[part].none);
  });
}

for (const part of SCORED_PARTS) describe(part, () => gate(part));
