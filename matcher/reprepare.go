package matcher

import (
	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// Keeper keeps prepared queries between Matchers: a monitor that scores
// the same registered parties against a new Matcher at every list update
// prepares each of them once, keeps it (Keep), and at each update restores
// it for the Matcher of the day (Bind, then Binding.Restore) instead of
// preparing it again.
//
// Most of a Prepared does not depend on the Matcher that made it: the
// names parsed, romanised and folded into forms and tokens, each token's
// sounds, nicknames, syllables and other spellings, the dates, country,
// gender, documents and place of birth read, the face normalised. What
// does is small: each name token's weight (from the Matcher's name
// frequencies), its number in the Matcher's token table, the forms' summed
// weights, and the namesake scale. A Keeper holds every distinct name
// token once, with the weights it was prepared with; a Kept holds a
// query's token numbers and the rest of its Prepared. Binding to a Matcher
// looks every token up in its token table, and prepares again only the
// tokens whose weights that Matcher gives otherwise (a Matcher with other
// frequencies): a restored Prepared is the one Matcher.Prepare gives.
//
// A Keeper forgets a token once no query kept holds it (Forget): its room
// serves the next token kept, so that a Keeper of a population that
// changes holds the tokens of the queries kept now, not of every query
// ever kept.
//
// A Keeper is used by one goroutine at a time (Keep, Forget and Bind change
// it); a Binding may be used by many at once.
type Keeper struct {
	ids  map[boundToken]int32
	toks []keptToken
	refs []int32 // the queries kept that hold each token; 0: forgotten
	free []int32 // the tokens forgotten, whose room serves the next kept
}

// keptToken is a query token as some Matcher prepared it, with the two
// weights that Matcher gave it: kindWeight of its key, and its key's
// frequency weight (prepareToken's argument). A Matcher that gives both
// alike prepares the token alike but for its number in the token table.
type keptToken struct {
	bt       boundToken
	qt       qtoken
	w, freqW float64
}

// Kept is a query as a Matcher prepared it, less what depends on that
// Matcher (see Keeper). The zero Kept is not usable; Keeper.Keep makes one.
type Kept struct {
	toks       []int32 // the Keeper's token of each of Prepared.toks
	forms      []qform
	dates      []pdate
	dateRanges []normalize.DateRange
	country    string
	gender     uint8
	docs       []pdoc
	placeToks  []string
	warnings   []string
	face       *lists.FaceTemplate
}

// NewKeeper returns an empty Keeper.
func NewKeeper() *Keeper { return &Keeper{ids: map[boundToken]int32{}} }

// Tokens returns the number of distinct name tokens the Keeper holds: those
// of the queries kept and not forgotten.
func (k *Keeper) Tokens() int { return len(k.toks) - len(k.free) }

// Keep returns p, which m prepared, in the Keeper's keeping. It returns
// false for a query with fingerprints, whose templates are prepared by the
// Matcher's own fingerprint matcher: such a query is prepared anew.
func (k *Keeper) Keep(m *Matcher, p *Prepared) (*Kept, bool) {
	if len(p.fingers) > 0 {
		return nil, false
	}
	kp := &Kept{
		toks: make([]int32, len(p.toks)), forms: p.forms, dates: p.dates, dateRanges: p.dateRanges,
		country: p.country, gender: p.gender, docs: p.docs, placeToks: p.placeToks, warnings: p.Warnings, face: p.face,
	}
	for i := range p.toks {
		q := &p.toks[i]
		bt := q.bound()
		id, ok := k.ids[bt]
		if !ok {
			t := keptToken{bt: bt, qt: *q, w: m.tt.weight(q.key, q.kind), freqW: m.tt.freq.Weight(q.key)}
			if n := len(k.free); n > 0 {
				id, k.free = k.free[n-1], k.free[:n-1]
				k.toks[id] = t
			} else {
				id = int32(len(k.toks))
				k.toks = append(k.toks, t)
				k.refs = append(k.refs, 0)
			}
			k.ids[bt] = id
		}
		k.refs[id]++
		kp.toks[i] = id
	}
	return kp, true
}

// Forget tells the Keeper that kp, which it kept, is no longer kept (its
// query was dropped or kept again otherwise): the tokens no other query
// kept holds are forgotten. kp must not be restored after, nor forgotten
// twice; a Binding made before does not know the tokens kept after, in the
// room of those forgotten: Bind again.
func (k *Keeper) Forget(kp *Kept) {
	for _, id := range kp.toks {
		if k.refs[id]--; k.refs[id] == 0 {
			delete(k.ids, k.toks[id].bt)
			k.toks[id] = keptToken{}
			k.free = append(k.free, id)
		}
	}
}

// Binding is a Keeper's tokens as one Matcher prepares them.
type Binding struct {
	m    *Matcher
	k    *Keeper
	toks []qtoken
	// Prepared counts the tokens Bind had to prepare again (their weights
	// differ on this Matcher), Looked those it only looked up.
	Prepared, Looked int
}

// Bind returns the Keeper's tokens as m prepares them. A token whose
// weights m gives alike is looked up in m's token table; one whose weights
// differ is prepared again, and kept so from now on (the next Matcher with
// the same frequencies only looks it up). Tokens kept after Bind are not
// in the Binding: Bind again.
func (k *Keeper) Bind(m *Matcher) *Binding {
	b := &Binding{m: m, k: k, toks: make([]qtoken, len(k.toks))}
	for i := range k.toks {
		if k.refs[i] == 0 {
			continue // forgotten
		}
		t := &k.toks[i]
		w, fw := m.tt.weight(t.bt.key, t.bt.kind), m.tt.freq.Weight(t.bt.key)
		if w != t.w || fw != t.freqW {
			pt := normalize.Part{Text: t.bt.text, Key: t.bt.key, Kind: t.bt.kind}
			t.qt, t.w, t.freqW = m.queryToken(&pt, t.bt.abjad, nil), w, fw
			b.Prepared++
		} else {
			t.qt.listID, t.qt.onList = m.tt.lookup(t.bt.text, t.bt.kind)
			b.Looked++
		}
		b.toks[i] = t.qt
	}
	return b
}

// Restore returns the Prepared that the Binding's Matcher would give for
// q, from kp, which the Keeper kept from a Prepared of q. When the forms'
// summed weights differ on this Matcher (kp was prepared by a Matcher of
// other frequencies), fresh is kp with this Matcher's: a caller keeps
// fresh instead of kp, and restores the next time without that work.
func (b *Binding) Restore(q raqib.Query, kp *Kept) (p *Prepared, fresh *Kept) {
	return b.restore(q, kp, nil)
}

// restore is Restore, the query's tokens written into toks when it has
// room for them.
func (b *Binding) restore(q raqib.Query, kp *Kept, toks []qtoken) (p *Prepared, fresh *Kept) {
	p = &Prepared{
		Query: q, forms: kp.forms, dates: kp.dates, dateRanges: kp.dateRanges,
		country: kp.country, gender: kp.gender, docs: kp.docs, placeToks: kp.placeToks, Warnings: kp.warnings,
		face: kp.face, scale: b.m.infoScale,
	}
	if len(kp.toks) > 0 {
		if cap(toks) >= len(kp.toks) {
			p.toks = toks[:len(kp.toks)]
		} else {
			p.toks = make([]qtoken, len(kp.toks))
		}
		for i, id := range kp.toks {
			p.toks[i] = b.toks[id]
		}
	}
	// Each form's weight is the sum of its ordinary tokens' weights, in
	// order, as addQueryForm sums them.
	for f := range kp.forms {
		qf := &kp.forms[f]
		w := 0.0
		for _, k := range qf.toks {
			if ordinary(p.toks[k].kind) {
				w += p.toks[k].weight
			}
		}
		if w == qf.weight {
			continue
		}
		if fresh == nil {
			forms := append([]qform(nil), kp.forms...)
			c := *kp
			c.forms = forms
			fresh, p.forms = &c, forms
		}
		p.forms[f].weight = w
	}
	return p, fresh
}
