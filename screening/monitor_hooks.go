package screening

// metIDs returns the IDs of the entries r met (Result.Met): every
// candidate retrieval made, before the filter and the window, by the
// number the snapshot gives it.
func (s *snapshot) metIDs(r *retrieval) []string {
	out := make([]string, len(r.cands))
	for k := range r.cands {
		g, j := s.seg(int(r.cands[k].entry))
		out[k] = g.tab.ids[j]
	}
	return out
}
