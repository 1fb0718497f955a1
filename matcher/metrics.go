package matcher

import (
	"math/bits"

	"github.com/antzucaro/matchr"
)

// The string metrics of the hot path. Name tokens are short ASCII strings
// (normalize folds them), so these work on bytes with fixed-size buffers and
// allocate nothing; longer or non-ASCII input falls back to matchr.

// maxFast is the longest string the allocation-free metrics handle.
const maxFast = 64

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// jaroWinkler is the Jaro-Winkler similarity of a and b, as matchr computes
// it: matches are equal bytes within half the longer length, transpositions
// are half (rounded down) the matched bytes out of order, and a common prefix
// of up to four non-digit bytes raises a similarity above 0.7 by 0.1 per byte.
func jaroWinkler(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > maxFast || lb > maxFast || !ascii(a) || !ascii(b) {
		return matchr.JaroWinkler(a, b, false)
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	// The positions of b's bytes by their low five bits (the letters a-z
	// each their own; a digit shares a slot with a letter, so a candidate is
	// checked), and the bytes of each string matched, as bits: the first
	// unmatched equal byte of b in a's window is the lowest bit of a mask.
	var pos [32]uint64
	for j := 0; j < lb; j++ {
		pos[b[j]&31] |= 1 << j
	}
	var ma, mb uint64
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-window), min(lb-1, i+window)
		if lo > hi {
			continue
		}
		c := a[i]
		for cand := pos[c&31] &^ mb & (^uint64(0) >> (63 - (hi - lo)) << lo); cand != 0; cand &= cand - 1 {
			if j := bits.TrailingZeros64(cand); b[j] == c {
				ma |= 1 << i
				mb |= 1 << j
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	// Transpositions: the matched bytes of a and of b, in order, that differ.
	t := 0
	for ; ma != 0; ma &= ma - 1 {
		if a[bits.TrailingZeros64(ma)] != b[bits.TrailingZeros64(mb)] {
			t++
		}
		mb &= mb - 1
	}
	fm := float64(m)
	jaro := (fm/float64(la) + fm/float64(lb) + (fm-float64(t/2))/fm) / 3
	if jaro <= 0.7 {
		return jaro
	}
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] && (a[p] < '0' || a[p] > '9') {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

// jaroWinklerJoined is the Jaro-Winkler similarity of a and b1+b2, without
// building b1+b2 on the heap when it is short.
func jaroWinklerJoined(a, b1, b2 string) float64 {
	var buf [maxFast]byte
	if len(b1)+len(b2) > maxFast {
		return jaroWinkler(a, b1+b2)
	}
	n := copy(buf[:], b1)
	n += copy(buf[n:], b2)
	return jaroWinkler(a, string(buf[:n]))
}
