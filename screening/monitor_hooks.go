package screening

import (
	"bytes"
	"context"
	"slices"

	"github.com/raqib/raqib/lists"
)

// metKey is the context key of WithMet.
type metKey struct{}

// WithMet returns ctx asking Screen and ScreenBatch to report, in each
// Result whose room to lose is bounded, what retrieval met (Result.Met): a
// continuous screening counts the entries lost among them. Screening
// without it makes no such list.
func WithMet(ctx context.Context) context.Context {
	return context.WithValue(ctx, metKey{}, true)
}

// wantsMet reports whether ctx asks for Result.Met (WithMet).
func wantsMet(ctx context.Context) bool {
	v, _ := ctx.Value(metKey{}).(bool)
	return v
}

// metIDs returns the IDs of the entries r met (Result.Met), ascending:
// every candidate retrieval made, before the filter and the window. (The
// order retrieval meets them in depends on how the index is laid out: in
// memory or in a directory's shards.)
func (s *snapshot) metIDs(r *retrieval) []string {
	out := make([]string, len(r.cands))
	for k := range r.cands {
		g, j := s.seg(int(r.cands[k].entry))
		out[k] = g.tab.ids[j]
	}
	slices.Sort(out)
	return out
}

// SameIndexed reports whether a Screener indexes and scores entries a and b
// alike: they differ at most in what screening does not read (remarks,
// links, the list's version). An incremental Replace that finds b where its
// base holds a keeps the base's copy and indexes nothing new for it; a
// continuous screening that mirrors the Replace's delta segment tells the
// entries in that segment apart with it.
func SameIndexed(a, b *lists.Entry) bool {
	pa := scoredPart(a)
	return pa != nil && bytes.Equal(pa, scoredPart(b))
}
