package screening

// before orders candidates for the window: best rank first, then entry, so
// that the window is deterministic.
func before(a, b *candidate) bool {
	if a.rank != b.rank {
		return a.rank > b.rank
	}
	return a.entry < b.entry
}

// selectTop moves the k best candidates (by before) to the front of cs, in
// no particular order: a quickselect, so that the thousands of candidates
// of a common name are not sorted to keep a few hundred.
func selectTop(cs []candidate, k int) {
	lo, hi := 0, len(cs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if before(&cs[mid], &cs[lo]) {
			cs[mid], cs[lo] = cs[lo], cs[mid]
		}
		if before(&cs[hi], &cs[lo]) {
			cs[hi], cs[lo] = cs[lo], cs[hi]
		}
		if before(&cs[hi], &cs[mid]) {
			cs[hi], cs[mid] = cs[mid], cs[hi]
		}
		pivot := cs[mid]
		i, j := lo, hi
		for i <= j {
			for before(&cs[i], &pivot) {
				i++
			}
			for before(&pivot, &cs[j]) {
				j--
			}
			if i <= j {
				cs[i], cs[j] = cs[j], cs[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// candMap maps entries to their index among the candidates: open
// addressing on int32 keys, each slot holding its key and value side by
// side (one cache line a probe: a common name's query meets thousands of
// entries), kept with its memory from query to query and emptied by
// clearing the slots the candidates used.
type candMap struct {
	slots []candSlot
	n     int
	used  []uint32 // scratch for reset
}

// candSlot is a slot of a candMap: an entry plus one (0: empty) and its
// index among the candidates.
type candSlot struct {
	key, val int32
}

func (m *candMap) slot(e int32) uint32 {
	mask := uint32(len(m.slots) - 1)
	h := (uint32(e) * 0x9e3779b1) & mask
	for m.slots[h].key != 0 && m.slots[h].key != e+1 {
		h = (h + 1) & mask
	}
	return h
}

func (m *candMap) get(e int32) (int32, bool) {
	if len(m.slots) == 0 {
		return 0, false
	}
	sl := &m.slots[m.slot(e)]
	return sl.val, sl.key != 0
}

// put adds e at index v of the candidates (cands are those so far, for a
// resize).
func (m *candMap) put(e, v int32, cands []candidate) {
	if 2*(m.n+1) > len(m.slots) {
		m.grow(cands)
	}
	m.slots[m.slot(e)] = candSlot{e + 1, v}
	m.n++
}

func (m *candMap) grow(cands []candidate) {
	size := max(1024, 2*len(m.slots))
	m.slots, m.n = make([]candSlot, size), 0
	for i := range cands {
		m.slots[m.slot(cands[i].entry)] = candSlot{cands[i].entry + 1, int32(i)}
		m.n++
	}
}

// reset empties the map of the candidates it holds.
func (m *candMap) reset(cands []candidate) {
	if len(m.slots) == 0 {
		return
	}
	if m.n > len(m.slots)/8 {
		clear(m.slots)
	} else {
		// Find the slots first and empty them after: emptying one slot
		// would cut the probe sequence that finds another key.
		m.used = m.used[:0]
		for i := range cands {
			m.used = append(m.used, m.slot(cands[i].entry))
		}
		for _, h := range m.used {
			m.slots[h].key = 0
		}
	}
	m.n = 0
}
