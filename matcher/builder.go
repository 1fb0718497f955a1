package matcher

import (
	"runtime"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// Builder builds a Matcher from entries given one at a time, so that a
// list larger than memory wants need not be held whole: each entry is
// prepared on one of the CPUs as soon as a chunk of them is added, and
// interned in the order added (entry i is the i-th added). A Builder is
// used by one goroutine.
type Builder struct {
	m     *Matcher
	n     int             // entries added
	ids   map[string]bool // the IDs of the first minFrequencyEntries entries
	chunk []*lists.Entry
	jobs  chan buildJob
	done  chan struct{} // closed when the interning goroutine has finished
	wg    sync.WaitGroup
}

// buildChunk is how many entries one worker prepares at a time.
const buildChunk = 256

type buildJob struct {
	lo      int
	entries []*lists.Entry
	out     []preparedEntry
	ready   chan struct{}
}

// NewBuilder returns a Builder of a Matcher with the options.
func NewBuilder(opts ...Option) *Builder {
	b := &Builder{m: &Matcher{tt: tokenTable{ids: map[tokenKey]uint32{}}}, ids: map[string]bool{}}
	for _, o := range opts {
		o(b.m)
	}
	workers := runtime.GOMAXPROCS(0)
	b.jobs = make(chan buildJob, 2*workers)
	queue := make(chan buildJob, 4*workers)
	b.done = make(chan struct{})
	work := make(chan buildJob, 2*workers)
	for range workers {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			for j := range work {
				for k, e := range j.entries {
					j.out[k] = prepareEntry(e)
				}
				close(j.ready)
			}
		}()
	}
	// Jobs go to the workers and, in the same order, to the interning
	// goroutine, which waits for each to be ready: the store is the same
	// whatever the scheduling.
	go func() {
		for j := range b.jobs {
			queue <- j
			work <- j
		}
		close(work)
		close(queue)
	}()
	go func() {
		defer close(b.done)
		var parts []normalize.Part
		for j := range queue {
			<-j.ready
			for k := range j.out {
				parts = b.m.add(&j.out[k], parts[:0])
			}
		}
	}()
	return b
}

// Add adds an entry. The entry must not be modified until Matcher returns.
func (b *Builder) Add(e *lists.Entry) {
	if b.n < minFrequencyEntries {
		b.ids[e.ID] = true
	}
	if len(e.Faces) > 0 || len(e.Fingerprints) > 0 {
		b.m.prepareBiometrics(b.n, e)
	}
	b.n++
	b.chunk = append(b.chunk, e)
	if len(b.chunk) == buildChunk {
		b.flush()
	}
}

func (b *Builder) flush() {
	if len(b.chunk) == 0 {
		return
	}
	b.jobs <- buildJob{lo: b.n - len(b.chunk), entries: b.chunk, out: make([]preparedEntry, len(b.chunk)), ready: make(chan struct{})}
	b.chunk = make([]*lists.Entry, 0, buildChunk)
}

// Len returns the number of entries added.
func (b *Builder) Len() int { return b.n }

// Matcher finishes the build and returns the Matcher; the Builder must not
// be used after.
func (b *Builder) Matcher() *Matcher {
	b.flush()
	close(b.jobs)
	<-b.done
	b.wg.Wait()
	m := b.m
	if b.n < minFrequencyEntries && !m.tt.frozen {
		for _, d := range defaultNames() {
			if !b.ids[d.id] {
				m.tt.freq.Add(d.name)
			}
		}
	}
	m.tt.finish(0)
	m.formWeights(0)
	if !m.tt.frozen {
		m.infoScale = namesakeScale(m.tt.freq.Names())
	}
	return m
}

// WithFrequenciesOf weighs name tokens with the frequencies of base instead
// of counting the entries added: a Matcher of the few entries that changed
// in a list scores them exactly as base scores its own, so that the scores
// of a list updated in part do not move (screening's incremental Replace).
// base must not change after.
func WithFrequenciesOf(base *Matcher) Option {
	return func(m *Matcher) {
		m.tt.freq, m.tt.frozen = base.tt.freq, true
		m.infoScale = base.infoScale
	}
}
