package normalize

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
// string alignment distance). Only a band of k cells either side of the
// diagonal is computed, so it costs about (2k+1)·len(a) steps and allocates
// nothing; tokens longer than 64 bytes are never within.
func WithinEdits(a, b string, k int) bool {
	if len(a) > 64 || len(b) > 64 || k < 0 || len(a)-len(b) > k || len(b)-len(a) > k {
		return false
	}
	const far = 200 // more edits than any k asked for
	var rows [3][66]uint8
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := range len(b) + 2 {
		prev[j], prev2[j] = far, far
		if j <= k && j <= len(b) {
			prev[j] = uint8(j)
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		for j := range len(b) + 2 {
			cur[j] = far
		}
		if i <= k {
			cur[0] = uint8(i)
		}
		best := cur[0]
		for j := lo; j <= hi; j++ {
			v := prev[j-1]
			if a[i-1] != b[j-1] {
				v++
			}
			v = min(v, prev[j]+1, cur[j-1]+1)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, far)
			best = min(best, cur[j])
		}
		if int(best) > k {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)]) <= k
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
