package matcher

import (
	"math"
	"slices"
)

// entryLayout is what entrySims.load reads of each entry, laid out once
// when the matcher is made instead of at every comparison: the entry's
// distinct tokens in the order its forms first name them, their weights
// rounded up to float32, and for each token of each form (in form order)
// its index among the distinct ones. A query compares a few hundred
// entries; finding their distinct tokens again each time (a small hash
// table an entry) and reading each token's weight from the token table (a
// cache miss each) was a third of load's cost.
type entryLayout struct {
	ids   []uint32  // ids[at[i]:at[i+1]]: entry i's distinct tokens
	w     []float32 // their weights, rounded up
	at    []uint32
	loc   []uint8 // loc[refAt[i]:refAt[i+1]]: the local index of each of entry i's form tokens
	refAt []uint32
}

// layout makes st.lay from the forms and the token weights of tt.
func (st *store) layout(tt *tokenTable) {
	n := len(st.formAt) - 1
	if n < 0 {
		st.lay = entryLayout{}
		return
	}
	// First the sizes, then the contents, each over ranges of entries in
	// parallel.
	distinct := make([]uint32, n)
	refs := make([]uint32, n)
	parallel(n, func(lo, hi int) {
		var buf []uint32
		for i := lo; i < hi; i++ {
			buf = buf[:0]
			r := 0
			for _, f := range st.entryForms(i) {
				for _, id := range st.formTokens(&f) {
					if !slices.Contains(buf, id) {
						buf = append(buf, id)
					}
					r++
				}
			}
			distinct[i], refs[i] = uint32(len(buf)), uint32(r)
		}
	})
	lay := entryLayout{at: make([]uint32, n+1), refAt: make([]uint32, n+1)}
	for i := range n {
		lay.at[i+1] = lay.at[i] + distinct[i]
		lay.refAt[i+1] = lay.refAt[i] + refs[i]
	}
	lay.ids = make([]uint32, lay.at[n])
	lay.w = make([]float32, lay.at[n])
	lay.loc = make([]uint8, lay.refAt[n])
	parallel(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			ids := lay.ids[lay.at[i]:lay.at[i+1]]
			loc := lay.loc[lay.refAt[i]:lay.refAt[i+1]]
			d, r := 0, 0
			for _, f := range st.entryForms(i) {
				for _, id := range st.formTokens(&f) {
					k := 0
					for k < d && ids[k] != id {
						k++
					}
					if k == d {
						ids[d] = id
						d++
					}
					// An entry of more distinct tokens than a local index
					// holds is not loaded (load checks the count first).
					loc[r] = uint8(min(k, math.MaxUint8))
					r++
				}
			}
			for k, id := range ids {
				w := tt.toks[id].weight
				f := float32(w)
				if float64(f) < w {
					f = math.Nextafter32(f, math.MaxFloat32)
				}
				lay.w[int(lay.at[i])+k] = f
			}
		}
	})
	st.lay = lay
}
