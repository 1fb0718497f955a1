package normalize

import (
	"encoding/binary"
	"errors"
	"math"
	"sort"
)

// Frequencies counts how many names of a list carry each part key, to weigh
// frequent name parts ("muhammad", "ahmad", "abdallah") below rare ones. The
// zero value is an empty table in which every key weighs 1. Add must not run
// concurrently with anything; Weight is safe for concurrent use once the
// table is built.
type Frequencies struct {
	names int
	df    map[string]int
}

// Add counts the distinct keys of n's parts once, particles and titles
// left out.
func (f *Frequencies) Add(n Name) {
	if f.df == nil {
		f.df = make(map[string]int)
	}
	f.names++
	for i, p := range n.Parts {
		if !p.Kind.counted() {
			continue
		}
		dup := false
		for _, q := range n.Parts[:i] {
			if q.Key == p.Key && q.Kind.counted() {
				dup = true
				break
			}
		}
		if !dup {
			f.df[p.Key]++
		}
	}
}

// DF returns the number of names added that carry key.
func (f *Frequencies) DF(key string) int { return f.df[key] }

// Names returns the number of names added.
func (f *Frequencies) Names() int { return f.names }

// Weight returns an inverse-document-frequency weight of key in (0,1]:
// log((N+1)/(df+1)) / log(N+1) for N names of which df carry the key, and at
// least 0.05. Unknown keys, and every key of an empty table, weigh 1.
func (f *Frequencies) Weight(key string) float64 {
	if f == nil || f.names == 0 {
		return 1
	}
	df := f.df[key]
	if df == 0 {
		return 1
	}
	n := float64(f.names)
	w := math.Log((n+1)/float64(df+1)) / math.Log(n+1)
	if w < 0.05 {
		w = 0.05
	}
	if w > 1 {
		w = 1
	}
	return w
}

// MarshalBinary encodes the counts (an index written to disk keeps them).
func (f *Frequencies) MarshalBinary() ([]byte, error) {
	keys := make([]string, 0, len(f.df))
	for k := range f.df {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := binary.AppendUvarint(nil, uint64(f.names))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(f.df[k]))
	}
	return b, nil
}

// UnmarshalBinary decodes counts written by MarshalBinary, replacing f's.
func (f *Frequencies) UnmarshalBinary(b []byte) error {
	bad := errors.New("normalize: bad frequency table")
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	names, ok1 := next()
	n, ok2 := next()
	if !ok1 || !ok2 || n > uint64(len(b)) {
		return bad
	}
	df := make(map[string]int, n)
	for range n {
		l, ok := next()
		if !ok || l > uint64(len(b)) {
			return bad
		}
		k := string(b[:l])
		b = b[l:]
		c, ok := next()
		if !ok {
			return bad
		}
		df[k] = int(c)
	}
	if len(b) != 0 {
		return bad
	}
	f.names, f.df = int(names), df
	return nil
}
