package biometric

// topK keeps the k largest (score, index) items seen: a min-heap on score.
type topK struct {
	k     int
	items []scored
}

type scored struct {
	score float32
	idx   int32
}

func newTopK(k int) topK { return topK{k: k, items: make([]scored, 0, k)} }

// full reports whether k items are kept; min is then the smallest kept score.
func (t *topK) full() bool { return len(t.items) == t.k }

func (t *topK) min() float32 { return t.items[0].score }

func (t *topK) push(s float32, idx int32) {
	if len(t.items) < t.k {
		t.items = append(t.items, scored{s, idx})
		// sift up
		i := len(t.items) - 1
		for i > 0 {
			p := (i - 1) / 2
			if !less(t.items[i], t.items[p]) {
				break
			}
			t.items[i], t.items[p] = t.items[p], t.items[i]
			i = p
		}
		return
	}
	if !less(t.items[0], scored{s, idx}) {
		return
	}
	t.items[0] = scored{s, idx}
	// sift down
	i, n := 0, len(t.items)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && less(t.items[r], t.items[l]) {
			m = r
		}
		if !less(t.items[m], t.items[i]) {
			break
		}
		t.items[i], t.items[m] = t.items[m], t.items[i]
		i = m
	}
}

// less orders by score, then prefers the lower index (so the kept set is
// deterministic whatever the sharding).
func less(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.idx > b.idx
}
