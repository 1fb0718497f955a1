// Package normalize turns the text of names, dates, countries and document
// numbers into comparable forms: cleaned Unicode, romanised Arabic and
// Cyrillic, spelling-family skeleton keys and phonetic keys, tagged name parts,
// birth-date intervals with their precision, ISO 3166-1 country codes and
// normalised document numbers. It knows nothing of lists, indexes or scores.
package normalize
