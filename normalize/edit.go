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
