package normalize

import "github.com/antzucaro/matchr"

// OneEditApart reports whether the tokens a and b differ by at most one
// insertion, deletion or substitution of a letter, or a swap of two adjacent
// letters (bytes of folded text): the neighbourhood of spelling variants and
// typing mistakes that screening's retrieval reaches, and that its monitor
// mirrors.
func OneEditApart(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) || a[i+1:] == b[i+1:] {
			return true // the same, or one substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:]
	}
	return false
}

// WithinEdits reports whether the tokens a and b are at most k edits apart,
// counting as OneEditApart does (an insertion, a deletion or a
// substitution of a letter, or a swap of two adjacent letters: the optimal
// string alignment distance, EditDistance); tokens longer than maxFast bytes
// are never within.
func WithinEdits(a, b string, k int) bool {
	if len(a) > maxFast || len(b) > maxFast || k < 0 {
		return false
	}
	return EditDistance(a, b, k) <= k
}

// maxFast is the longest token EditDistance computes in its band.
const maxFast = 64

// EditDistance is the optimal-string-alignment distance of the tokens a and b
// (insertions, deletions, substitutions and swaps of adjacent letters), or
// limit+1 when it is more than limit: only a band of limit cells either side
// of the diagonal is computed, in bytes, without allocating (tokens longer
// than maxFast bytes are left to matchr's Damerau-Levenshtein).
func EditDistance(a, b string, limit int) int {
	la, lb := len(a), len(b)
	if la-lb > limit || lb-la > limit {
		return limit + 1
	}
	// A beginning and an end the tokens share take no edit, and no swap of
	// letters straddles them (it would make the first letters that differ
	// the same): left out, spellings of one name mostly differing in a few
	// letters in their middle.
	for la > 0 && lb > 0 && a[0] == b[0] {
		a, b, la, lb = a[1:], b[1:], la-1, lb-1
	}
	for la > 0 && lb > 0 && a[la-1] == b[lb-1] {
		a, b, la, lb = a[:la-1], b[:lb-1], la-1, lb-1
	}
	if la > maxFast || lb > maxFast {
		if d := matchr.DamerauLevenshtein(a, b); d <= limit {
			return d
		}
		return limit + 1
	}
	// Three rows of the dynamic programme, i-2, i-1 and i, each computed
	// only within limit of the diagonal: a cell beyond is more than limit
	// (it is at least the difference of its row and column), so the cells
	// next to the band hold limit+1, and a cell within it whose distance is
	// at most limit gets it exactly (its predecessors of at most limit are in
	// the band too). Distances are at most maxFast+1: bytes.
	lim := min(limit, maxFast)
	inf := uint8(lim + 1)
	var rows [3][maxFast + 2]uint8
	r0, r1, r2 := rows[0][:], rows[1][:], rows[2][:]
	for j := 0; j <= min(lb, lim); j++ {
		r1[j] = uint8(j)
	}
	r1[min(lb, lim)+1] = inf
	for i := 1; i <= la; i++ {
		lo, hi := max(1, i-lim), min(lb, i+lim)
		r2[0] = uint8(min(i, lim+1))
		best := r2[0]
		if lo > 1 {
			r2[lo-1] = inf
			best = inf
		}
		for j := lo; j <= hi; j++ {
			cost := uint8(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(r1[j]+1, r2[j-1]+1, r1[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, r0[j-2]+1)
			}
			d = min(d, inf)
			r2[j] = d
			best = min(best, d)
		}
		r2[hi+1] = inf
		if best > uint8(lim) {
			return limit + 1
		}
		r0, r1, r2 = r1, r2, r0
	}
	if int(r1[lb]) > lim {
		return limit + 1
	}
	return int(r1[lb])
}

// LetterSet has bit c-'a' set for each letter c of the token s, and bit 26
// for any other byte. An edit adds at most one letter to a token's set and
// takes away at most one, so tokens k edits apart (WithinEdits) differ by at
// most k letters each way: a test that rules out most tokens before their
// edits are counted.
func LetterSet(s string) uint32 {
	var m uint32
	for i := range len(s) {
		if c := s[i] - 'a'; c < 26 {
			m |= 1 << c
		} else {
			m |= 1 << 26
		}
	}
	return m
}
