// Package raqib holds the vocabulary shared by every part of Raqib, a library
// that screens people and organisations — by name, biographic data and
// biometrics — against sanctions lists and watchlists: the Query screened,
// the Documents it presents, the Features that explain a score and the
// Decision a match asks of an officer.
//
// Where to start:
//
//   - screening.New builds a Screener over the embedded UN Security Council
//     Consolidated List (or lists.Load'ed lists); Screener.Screen takes a
//     Query and returns scored, explained matches.
//   - package lists reads the UN, OFAC, UK and Raqib watchlist formats into
//     one entry model (lists.Entry); lists.Default is the embedded UN list.
//   - package screening/passport turns a passport's machine-readable zone
//     into a Query.
//   - package matcher compares one query with one entry; package normalize
//     prepares names, dates, countries and document numbers for it.
//   - package screening/audit writes a hash-chained audit log of screenings.
//
// The example programs (examples/screen, examples/border, examples/customs)
// show a command-line batch screener, a border post's manifest screening and
// an HTTP screening service built on these packages.
package raqib
