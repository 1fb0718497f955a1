// Package synth makes synthetic watchlists and screening queries, for
// measuring Raqib at sizes no real list in the repository has (1k to 10M
// people): made-up people whose names are drawn per naming culture
// (Arabic, Persian/Pashto, South Asian, Turkic, Russian/Slavic, European,
// East Asian) from frequency-shaped tables with generative long tails, in
// every spelling they are written in and, for some, in Arabic script or
// Cyrillic; with aliases, birth dates in the precision mix of real lists,
// nationalities, genders and documents. Queries are positives — listed
// people presented the way travellers arrive (other spellings, reordering,
// dropped middle names, typos, native script, a year for a birth date) —
// and negatives — people on no list from the same distributions — with
// their truth.
//
// Everything is deterministic: entry i is a function of the seed and i
// alone (the list of 100k is the first 100k entries of the list of 1M), and
// the same seed gives the same bytes on any platform. docs/scale.md ("The
// synthetic lists") says how the names are drawn and what the sets hold.
//
// The names in the tables are public facts (frequency lists of given names
// and surnames, romanisation standards), written for this package; none is
// taken from Raqib's evaluation sets or from the lists it screens against.
package synth
