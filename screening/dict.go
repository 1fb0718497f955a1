package screening

import (
	"cmp"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/normalize"
)

// dict finds the list's spellings of a query token that its skeleton key
// does not reach: tokens that sound the same (Double Metaphone), tokens
// one edit away (a typo), and tokens two edits away (byStart, near). It is built once per snapshot over the distinct
// tokens of the list, so a query pays a few look-ups, not an automaton:
// the one-edit neighbours come from a deletion neighbourhood (every token of
// fuzzyMinLen letters or more is stored under itself and each of its
// one-letter deletions; two tokens within one edit — an insertion, a
// deletion, a substitution or two letters swapped — share an entry).
type dict struct {
	m     *matcher.Matcher
	phone map[string][]uint32 // Double Metaphone key -> tokens
	// variant holds the tokens under their other keys
	// (matcher.ListTokenVariants: another transliteration system's
	// spelling, the name without a joined article, the same syllables of a
	// Chinese or Korean name).
	variant map[string][]uint32
	// phoneDF sums, for each phonetic key, the entries carrying each of the
	// distinct skeleton keys of its tokens.
	phoneDF map[string]int
	// del is sorted by hash: (hash of a deletion variant, token); delDir
	// is its directory.
	del    []delEntry
	delDir hashDir
	// joined is the same neighbourhood for the names of the entries written
	// as one word ("laurentnkunda"), sorted by hash: (joinedHash of a
	// variant, entry). A hash collision only adds a candidate, which the
	// matcher then scores.
	joined    []joinedEntry
	joinedDir hashDir
	// byStart holds the tokens of nearMinLen letters or more by first
	// letter and length (startKey), for the tokens a few edits away.
	byStart map[uint16][]nearToken
	// keyHash is the keyHash of each list token's key, by token ID: one
	// dense array, where the token's own record is a cache miss a token
	// (retrieval.completeOne compares the keys of every token of
	// thousands of candidates' names).
	keyHash []uint32
}

// keyHash hashes a token's key for dict.keyHash; equal keys hash alike.
func keyHash(key string) uint32 { return joinedHash(key) }

// startKey is the key of byStart: a token's first letter and length.
func startKey(text string) uint16 { return uint16(text[0])<<8 | uint16(min(len(text), 255)) }

// nearToken is a list token of byStart and the letters it has.
type nearToken struct {
	id      uint32
	letters uint32
}

// joinedEntry is a hash of an entry's name written as one word (entry) or
// of one of its deletions (^entry).
type joinedEntry struct {
	h     uint32
	entry int32
}

// Joined names are looked up one edit away from joinedMinLen letters (as
// the matcher's whole-name comparison needs) to joinedMaxLen.
const (
	joinedMinLen = 8
	joinedMaxLen = 32
)

type delEntry struct {
	h  uint64
	id uint32
}

const (
	// fuzzyMinLen is the shortest token looked up one edit away: shorter
	// ones have too many neighbours that are other names.
	fuzzyMinLen = 5
	// nearMinLen is the shortest token looked up among the list's tokens a
	// few edits away (one edit below twoEditsMinLen letters, two from it).
	nearMinLen     = 4
	twoEditsMinLen = 5
	// maxNearTokens is the most list tokens a token looked up a few edits
	// away may reach and still retrieve.
	maxNearTokens = 16
	// maxPhoneTokens is the most tokens a phonetic key may stand for and
	// still retrieve: "MNT" is a hundred names.
	maxPhoneTokens = 64
)

func newDict(m *matcher.Matcher) *dict {
	d := &dict{m: m, phone: map[string][]uint32{}, variant: map[string][]uint32{}, byStart: map[uint16][]nearToken{}}
	n := m.ListTokens()
	var vs []string
	d.keyHash = make([]uint32, n)
	for id := uint32(0); id < uint32(n); id++ {
		text, key, ph, ordinary := m.ListToken(id)
		d.keyHash[id] = keyHash(key)
		if !ordinary {
			continue
		}
		for k, p := range ph {
			if p != "" && (k == 0 || p != ph[0]) && len(text) >= 3 {
				d.phone[p] = append(d.phone[p], id)
			}
		}
		vs = m.ListTokenVariants(id, vs[:0])
		for _, v := range vs {
			d.variant[v] = append(d.variant[v], id)
		}
		if len(text) >= nearMinLen {
			k := startKey(text)
			d.byStart[k] = append(d.byStart[k], nearToken{id, normalize.LetterSet(text)})
		}
		// (A query token of maxDeleted letters at most is looked up, so a
		// list token one letter longer is the longest it can reach.)
		if len(text) >= fuzzyMinLen && len(text) <= maxDeleted+1 {
			deletionHashes(text, func(h uint64, _ bool) { d.del = append(d.del, delEntry{h, id}) })
		}
	}
	// The entries' names written as one word, in ranges of entries on every
	// CPU; the ranges are joined in order, so that the result is the same.
	// Each range is sorted where it is made (millions of entries at scale:
	// a radix sort on the hash, stable, so that entries stay in order
	// within a hash), then the sorted ranges are merged, the earlier range
	// first on equal hashes.
	workers := runtime.GOMAXPROCS(0)
	parts := make([][]joinedEntry, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*m.Len()/workers, (w+1)*m.Len()/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = radixSortJoined(d.joinedRange(lo, hi))
		}()
	}
	wg.Wait()
	d.joined = mergeJoined(parts)
	slices.SortFunc(d.del, func(a, b delEntry) int {
		return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.id, b.id))
	})
	d.delDir = newHashDir(len(d.del), 64, delPerBucket, func(i int) uint64 { return d.del[i].h })
	d.joinedDir = newHashDir(len(d.joined), 32, joinedPerBucket, func(i int) uint64 { return uint64(d.joined[i].h) })
	d.phoneDF = make(map[string]int, len(d.phone))
	var keys []string
	for p, ts := range d.phone {
		keys = keys[:0]
		for _, id := range ts {
			if _, key, _, _ := m.ListToken(id); !slices.Contains(keys, key) {
				keys = append(keys, key)
				d.phoneDF[p] += m.KeyDF(key)
			}
		}
	}
	return d
}

// maxDeleted is the longest query token looked up one edit away.
const maxDeleted = 64

// deletionHashes calls fn with the FNV-1a hash of text (whole true), then
// with the hash of each of its one-letter deletions in order of the letter
// deleted: the hash of the letters before it, known from the first pass,
// continued over the letters after it. text has at most maxDeleted+1
// bytes. Query tokens and the list's names are hashed by it alike.
func deletionHashes[T string | []byte](text T, fn func(h uint64, whole bool)) {
	var prefix [maxDeleted + 1]uint64 // prefix[k]: the hash of text[:k]
	h := uint64(fnvOffset)
	for k := range len(text) {
		prefix[k] = h
		h ^= uint64(text[k])
		h *= fnvPrime
	}
	fn(h, true)
	for k := range len(text) {
		fn(fnvFrom(prefix[k], text[k+1:]), false)
	}
}

// joinedHash is the 32-bit hash of a joined name or of one of its
// deletions: FNV-1a, folded. Its collisions are not checked (they add a
// candidate the matcher then scores), so it is the same in every process:
// a query retrieves the same candidates on every replica and every run.
func joinedHash[T string | []byte](b T) uint32 { return foldFNV(fnvFrom(fnvOffset, b)) }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvFrom continues the FNV-1a hash h over b.
func fnvFrom[T string | []byte](h uint64, b T) uint64 {
	for k := range len(b) {
		h ^= uint64(b[k])
		h *= fnvPrime
	}
	return h
}

func foldFNV(h uint64) uint32 { return uint32(h ^ h>>32) }

// joinedRange returns the joined neighbourhood of entries [lo,hi).
func (d *dict) joinedRange(lo, hi int) []joinedEntry {
	m := d.m
	// Counted first, so that the slice of tens of millions is made once.
	size := 0
	for i := lo; i < hi; i++ {
		m.EntryForms(i, func(toks []uint32) {
			n, ordinary := 0, 0
			for _, id := range toks {
				if text, _, _, ok := m.ListToken(id); ok {
					n += len(text)
					ordinary++
				}
			}
			if ordinary >= 2 && n >= joinedMinLen && n <= joinedMaxLen {
				size += n + 1
			}
		})
	}
	out := make([]joinedEntry, 0, size)
	var buf []byte
	var seen []uint64 // the 64-bit hashes of the entry's joined forms so far
	for i := lo; i < hi; i++ {
		seen = seen[:0]
		m.EntryForms(i, func(toks []uint32) {
			buf = buf[:0]
			ordinary := 0
			for _, id := range toks {
				if text, _, _, ok := m.ListToken(id); ok {
					buf = append(buf, text...)
					ordinary++
				}
			}
			if ordinary < 2 || len(buf) < joinedMinLen || len(buf) > joinedMaxLen {
				return
			}
			h := fnvFrom(fnvOffset, buf)
			if slices.Contains(seen, h) {
				return
			}
			seen = append(seen, h)
			deletionHashes(buf, func(d uint64, whole bool) {
				e := ^int32(i) // a deletion
				if whole {
					e = int32(i)
				}
				out = append(out, joinedEntry{foldFNV(d), e})
			})
		})
	}
	return out
}

// phonetic appends to ids the list tokens that share a phonetic key with
// the query token, when the key is not too common: it stands for at most
// maxPhoneTokens tokens, carried by at most frequent entries in all (what
// one rare key may retrieve).
func (d *dict) phonetic(ph [2]string, frequent int, ids []uint32) []uint32 {
	for k, p := range ph {
		if p == "" || (k == 1 && p == ph[0]) {
			continue
		}
		if ts := d.phone[p]; len(ts) <= maxPhoneTokens && d.phoneDF[p] <= frequent {
			for _, id := range ts {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids
}

// variants appends to ids the list tokens whose other keys
// (matcher.ListTokenVariants) are key (none when "") or one of keys, when a
// key stands for at most maxPhoneTokens tokens.
func (d *dict) variants(key string, keys []string, ids []uint32) []uint32 {
	for i := -1; i < len(keys); i++ {
		k := key
		if i >= 0 {
			k = keys[i]
		} else if len(k) < minVariantKey {
			// A short key ("l": Ali) is some other key of too many tokens
			// ("ilja" read as "ilya").
			continue
		}
		if ts := d.variant[k]; len(ts) <= maxPhoneTokens {
			for _, id := range ts {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids
}

// oneEdit appends to ids the list tokens within one edit of text.
func (d *dict) oneEdit(text string, ids []uint32) []uint32 {
	if len(text) < fuzzyMinLen || len(text) > maxDeleted {
		return ids
	}
	deletionHashes(text, func(h uint64, _ bool) {
		i, end := d.delDir.span(h)
		for i < end && d.del[i].h < h {
			i++
		}
		for ; i < end && d.del[i].h == h; i++ {
			id := d.del[i].id
			if slices.Contains(ids, id) {
				continue
			}
			t, _, _, _ := d.m.ListToken(id)
			if normalize.OneEditApart(text, t) {
				ids = append(ids, id)
			}
		}
	})
	return ids
}

// near appends to ids the list tokens a few edits from text (twoEditsMinLen
// letters or more: two edits; nearMinLen: one), that start with its letter,
// for a query token whose key no listed name has (retrieveNames decides):
// a typo beyond one edit ("ergashwc" for ERGASHEV), or one edit in a short
// name ("femg" for FENG). None when more than maxNearTokens are: the
// token is then too like too many names to say which it is.
func (d *dict) near(text string, ids []uint32) []uint32 {
	k := 1
	switch {
	case len(text) < nearMinLen || len(text) > 64:
		return ids
	case len(text) >= twoEditsMinLen:
		k = 2
	}
	n0 := len(ids)
	set := normalize.LetterSet(text)
	for l := len(text) - k; l <= len(text)+k; l++ {
		if l < nearMinLen {
			continue
		}
		for _, nt := range d.byStart[startKey(text[:1])&0xff00|uint16(l)] {
			if bits.OnesCount32(set&^nt.letters) > k || bits.OnesCount32(nt.letters&^set) > k {
				continue
			}
			if t, _, _, _ := d.m.ListToken(nt.id); t != text && normalize.WithinEdits(text, t, k) {
				if len(ids)-n0 == maxNearTokens {
					return ids[:n0]
				}
				ids = append(ids, nt.id)
			}
		}
	}
	return ids
}

// joinedOneEdit calls fn with the entries that have a name which, written
// as one word, is within one edit of w (or collides with it in the hash);
// same reports that the name is w itself (or collides with it). An entry
// may come more than once.
func (d *dict) joinedOneEdit(w string, fn func(entry int32, same bool)) {
	if len(w) < joinedMinLen || len(w) > joinedMaxLen {
		return
	}
	deletionHashes(w, func(h64 uint64, whole bool) {
		h := foldFNV(h64)
		i, end := d.joinedDir.span(uint64(h))
		for i < end && d.joined[i].h < h {
			i++
		}
		for ; i < end && d.joined[i].h == h; i++ {
			if e := d.joined[i].entry; e >= 0 {
				fn(e, whole)
			} else {
				fn(^e, false)
			}
		}
	})
}

// mergeJoined merges runs sorted by hash into one, stable: on equal hashes
// an earlier run's entries come first.
func mergeJoined(runs [][]joinedEntry) []joinedEntry {
	for len(runs) > 1 {
		var next [][]joinedEntry
		for k := 0; k < len(runs); k += 2 {
			if k+1 == len(runs) {
				next = append(next, runs[k])
				continue
			}
			next = append(next, merge2Joined(runs[k], runs[k+1]))
		}
		runs = next
	}
	if len(runs) == 0 {
		return nil
	}
	return runs[0]
}

// mergeJoinedParallelFrom is the size from which two runs are merged on
// every CPU, in ranges of hashes.
const mergeJoinedParallelFrom = 1 << 16

// merge2Joined merges a and b, a's entries first on equal hashes. Large
// runs are cut into ranges of hashes, as many as there are CPUs, each
// merged on its own into its place in the result: an equal hash is never
// cut apart, so the result is the same.
func merge2Joined(a, b []joinedEntry) []joinedEntry {
	out := make([]joinedEntry, len(a)+len(b))
	w := runtime.GOMAXPROCS(0)
	if len(out) < mergeJoinedParallelFrom || w == 1 || len(a) == 0 {
		mergeJoinedInto(out, a, b)
		return out
	}
	// Range r is the entries with hashes from cut[r] to below cut[r+1].
	cutA, cutB := make([]int, w+1), make([]int, w+1)
	cutA[w], cutB[w] = len(a), len(b)
	for r := 1; r < w; r++ {
		h := a[r*len(a)/w].h
		cutA[r] = max(cutA[r-1], sort.Search(len(a), func(i int) bool { return a[i].h >= h }))
		cutB[r] = max(cutB[r-1], sort.Search(len(b), func(i int) bool { return b[i].h >= h }))
	}
	var wg sync.WaitGroup
	for r := range w {
		wg.Go(func() {
			mergeJoinedInto(out[cutA[r]+cutB[r]:cutA[r+1]+cutB[r+1]], a[cutA[r]:cutA[r+1]], b[cutB[r]:cutB[r+1]])
		})
	}
	wg.Wait()
	return out
}

// mergeJoinedInto merges a and b into out, which holds both exactly.
func mergeJoinedInto(out, a, b []joinedEntry) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if b[j].h < a[i].h {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}

// radixSortJoined sorts js by hash, keeping the order of equal hashes
// (least significant byte first, four passes), and returns the sorted slice.
func radixSortJoined(js []joinedEntry) []joinedEntry {
	if len(js) < 1<<12 {
		slices.SortStableFunc(js, func(a, b joinedEntry) int { return cmp.Compare(a.h, b.h) })
		return js
	}
	tmp := make([]joinedEntry, len(js))
	src, dst := js, tmp
	for shift := uint(0); shift < 32; shift += 8 {
		var count [257]int
		for _, j := range src {
			count[(j.h>>shift)&0xff+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, j := range src {
			b := (j.h >> shift) & 0xff
			dst[count[b]] = j
			count[b]++
		}
		src, dst = dst, src
	}
	return src
}

// minVariantKey is the shortest key of a query token looked up among the
// other keys of the list's tokens.
const minVariantKey = 3

// hashDir is the directory of a slice sorted by a hash: for each value of
// the hash's leading bits, where in the slice the hashes that start with it
// begin. A look-up then reads one range of a few elements (span) where a
// binary search over the whole slice would take a cache miss at each of its
// twenty-odd steps.
type hashDir struct {
	shift uint     // the hash's width less the bits the directory reads
	start []uint32 // start[b]: the first element whose leading bits are b or more
}

// Elements a directory's range holds on average: a cache line of each
// slice (delEntry is 16 bytes, joinedEntry 8), for a directory of a quarter
// and an eighth of the slice's size in bytes.
const (
	delPerBucket    = 4
	joinedPerBucket = 8
)

// newHashDir makes the directory of n elements sorted by hash(i), a hash of
// width bits, with about per elements a range.
func newHashDir(n int, width uint, per int, hash func(i int) uint64) hashDir {
	b := uint(0)
	for b < width && b < 30 && n>>b > per {
		b++
	}
	d := hashDir{shift: width - b, start: make([]uint32, 1<<b+1)}
	next := 0
	for i := range n {
		for k := int(hash(i) >> d.shift); next <= k; next++ {
			d.start[next] = uint32(i)
		}
	}
	for ; next < len(d.start); next++ {
		d.start[next] = uint32(n)
	}
	return d
}

// span returns the range of the slice that holds every element of hash h,
// if any has it.
func (d *hashDir) span(h uint64) (lo, hi int) {
	k := h >> d.shift
	return int(d.start[k]), int(d.start[k+1])
}
