// Package mrz reads and writes the machine-readable zones (MRZ) of ICAO Doc
// 9303 travel documents: TD1 cards (3 lines of 30 characters), TD2 cards
// (2×36), TD3 passports (2×44) and the MRV-A (2×44) and MRV-B (2×36) visas.
//
// Parse splits a zone into its fields, verifies every check digit (weights
// 7-3-1) and the composite check, and reports each result in MRZ.Checks: a
// bad check digit is data for the caller, never silently trusted and never a
// parse error. Characters that OCR engines commonly confuse (O/0, I/1, B/8,
// S/5, Z/2) are reported as Warnings that carry the corrected reading.
//
// NameVariants turns the holder's name into a screening query. Names in the
// ICAO Doc 9303 Part 3 transliteration of Arabic (the "X" scheme, in which
// محمد is written MXHMD) are decoded back to Arabic letters (ArabicName) and
// given the phonetic spellings most states print (MOHAMED, MUHAMMAD, ...).
//
// Build writes a zone with correct check digits from a Document; tests and
// the border example use it to make zones for listed people.
package mrz
