package matcher

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// A Matcher written with WriteTo is read back with Read: an index built once
// is opened without preparing its entries again. What can be computed from
// the tokens (phonetic keys, letters, weights) is computed again on reading;
// biometric templates are not written (their preparation depends on the
// matcher options of the program that opens the index: it gives them to
// Read). The format is Raqib's own, versioned, and ends with a SHA-256 of
// everything before it, so that a damaged file is an error, not a matcher
// that scores wrongly.

const persistMagic = "RAQIB-MATCHER\x00"

// persistVersion changes whenever the layout does.
const persistVersion = 2

// ErrBadMatcher is wrapped by the errors of Read for data that is not a
// Matcher written by this version of WriteTo.
var ErrBadMatcher = errors.New("not a matcher written by this version of Raqib (or damaged)")

// WriteTo writes the Matcher to w.
func (m *Matcher) WriteTo(w io.Writer) (int64, error) {
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(w, h)}
	bw := bufio.NewWriterSize(cw, 1<<16)
	e := encoder{w: bw}
	e.str(persistMagic)
	e.uv(persistVersion)
	freq, _ := m.tt.freq.MarshalBinary()
	e.bytes(freq)
	e.uv(uint64(len(m.tt.toks)))
	for i := range m.tt.toks {
		t := &m.tt.toks[i]
		e.str(t.text)
		e.str(t.key)
		e.uv(uint64(t.kind))
		e.uv(b2u(t.abjad))
	}
	st := &m.st
	e.uv(uint64(len(st.forms)))
	for i := range st.forms {
		f := &st.forms[i]
		e.uv(uint64(f.start))
		e.uv(uint64(f.n))
		e.str(string(f.quality))
		e.uv(uint64(f.name))
	}
	e.u32s(st.ftok)
	e.u32s(st.formAt)
	e.uv(uint64(len(st.dates)))
	for _, d := range st.dates {
		e.uv(uint64(d.from))
		e.uv(uint64(d.to))
		e.uv(uint64(d.idx))
	}
	e.u32s(st.dateAt)
	e.strs(st.nats)
	e.u32s(st.natAt)
	e.bytes(st.gender)
	e.uv(uint64(len(st.docs)))
	for _, d := range st.docs {
		e.str(d.number)
		e.str(d.key)
		e.str(d.typ)
		e.str(d.country)
		e.uv(uint64(d.idx))
	}
	e.u32s(st.docAt)
	e.strs(st.places)
	e.u32s(st.placeAt)
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err != nil {
		return cw.n, fmt.Errorf("matcher: write: %w", e.err)
	}
	n, err := w.Write(h.Sum(nil))
	return cw.n + int64(n), err
}

// Read reads a Matcher written by WriteTo, with the options of the program
// that reads it. biometric names the entries with face or fingerprint
// templates, by entry number, whose templates are prepared again with those
// options; it may be nil.
func Read(r io.Reader, biometric map[int]*lists.Entry, opts ...Option) (*Matcher, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("matcher: read: %w", err)
	}
	if len(data) < sha256.Size {
		return nil, fmt.Errorf("matcher: %w: %d bytes", ErrBadMatcher, len(data))
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, fmt.Errorf("matcher: %w: checksum does not match", ErrBadMatcher)
	}
	d := decoder{b: body, short: map[string]string{}}
	if d.str() != persistMagic || d.uv() != persistVersion {
		return nil, fmt.Errorf("matcher: %w", ErrBadMatcher)
	}
	m := &Matcher{}
	for _, o := range opts {
		o(m)
	}
	if d.err == nil {
		if err := m.tt.freq.UnmarshalBinary(d.bytes()); err != nil {
			d.err = err
		}
	}
	nt := d.countOf(3)
	m.tt.toks = make([]token, 0, nt)
	m.tt.ids = make(map[tokenKey]uint32, nt)
	// The tokens' texts and keys, a few million short strings at scale,
	// share one string: one allocation for the collector, not millions.
	spans := make([][2]uint32, 0, 2*nt)
	var arena []byte
	for range nt {
		for range 2 {
			b := d.raw()
			spans = append(spans, [2]uint32{uint32(len(arena)), uint32(len(arena) + len(b))})
			arena = append(arena, b...)
		}
		t := token{kind: normalize.PartKind(d.uv())}
		t.abjad = d.uv() != 0
		m.tt.toks = append(m.tt.toks, t)
	}
	if d.err == nil && len(arena) > math.MaxUint32 {
		d.err = errors.New("token texts too long")
	}
	if d.err == nil {
		all := string(arena)
		arena = nil
		for i := range m.tt.toks {
			t := &m.tt.toks[i]
			s, k := spans[2*i], spans[2*i+1]
			t.text, t.key = all[s[0]:s[1]], all[k[0]:k[1]]
			t.letters = countLetters(t.text)
			m.tt.ids[tokenKey{t.text, t.kind, t.abjad}] = uint32(i)
		}
	}
	spans = nil
	st := &m.st
	nf := d.countOf(4)
	st.forms = make([]form, nf)
	for i := range st.forms {
		f := &st.forms[i]
		f.start, f.n = uint32(d.uv()), uint8(d.uv())
		f.quality, f.name = lists.NameQuality(d.shortStr()), uint16(d.uv())
	}
	st.ftok = d.u32s()
	st.formAt = d.u32s()
	st.dates = make([]pdate, d.countOf(3))
	for i := range st.dates {
		st.dates[i] = pdate{from: uint32(d.uv()), to: uint32(d.uv()), idx: uint16(d.uv())}
	}
	st.dateAt = d.u32s()
	st.nats = d.shortStrs()
	st.natAt = d.u32s()
	st.gender = d.bytes()
	st.docs = make([]pdoc, d.countOf(5))
	for i := range st.docs {
		st.docs[i] = pdoc{number: d.str(), key: d.str(), typ: d.shortStr(), country: d.shortStr(), idx: uint16(d.uv())}
	}
	st.docAt = d.u32s()
	st.places = d.shortStrs()
	st.placeAt = d.u32s()
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("data after the matcher")
	}
	if d.err != nil {
		return nil, fmt.Errorf("matcher: %w: %w", ErrBadMatcher, d.err)
	}
	if err := st.check(len(m.tt.toks)); err != nil {
		return nil, fmt.Errorf("matcher: %w: %w", ErrBadMatcher, err)
	}
	m.tt.finish(0)
	m.formWeights(0)
	m.infoScale = namesakeScale(m.tt.freq.Names())
	for i, e := range biometric {
		if i < 0 || i >= m.Len() {
			return nil, fmt.Errorf("matcher: biometric entry %d of %d", i, m.Len())
		}
		m.prepareBiometrics(i, e)
	}
	return m, nil
}

// readAll reads r to its end, in one allocation when r knows its size (a
// file, a bytes.Reader): a matcher is a hundred megabytes at a million
// entries, which io.ReadAll would copy as its buffer grows.
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch x := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(fi.Size())
			if s, ok := r.(io.Seeker); ok {
				if off, err := s.Seek(0, io.SeekCurrent); err == nil && off <= int64(size) {
					size -= int(off)
				}
			}
		}
	case interface{ Len() int }:
		size = x.Len()
	}
	if size < 0 {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, size+1) // +1: the read that finds the end
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // longer than it said
			b = append(b, 0)[:len(b)]
		}
	}
}

// check verifies that the store's runs and token IDs are in range.
func (st *store) check(tokens int) error {
	n := len(st.gender)
	for _, at := range []struct {
		name string
		a    []uint32
		len  int
	}{{"forms", st.formAt, len(st.forms)}, {"dates", st.dateAt, len(st.dates)}, {"nationalities", st.natAt, len(st.nats)},
		{"documents", st.docAt, len(st.docs)}, {"places", st.placeAt, len(st.places)}} {
		if len(at.a) != n+1 || at.a[0] != 0 || int(at.a[n]) != at.len {
			return fmt.Errorf("%s: runs do not cover %d entries", at.name, n)
		}
		for i := 1; i <= n; i++ {
			if at.a[i] < at.a[i-1] {
				return fmt.Errorf("%s: runs out of order at entry %d", at.name, i-1)
			}
		}
	}
	for i := range st.forms {
		f := &st.forms[i]
		if int(f.start)+int(f.n) > len(st.ftok) || f.n == 0 || f.n > maxTokens {
			return fmt.Errorf("form %d: tokens out of range", i)
		}
	}
	for _, id := range st.ftok {
		if int(id) >= tokens {
			return fmt.Errorf("token %d of %d", id, tokens)
		}
	}
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// encoder writes the persisted form: unsigned varints, strings and byte
// slices prefixed by their length, uint32 slices as little-endian words.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) uv(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], v))
	}
}

func (e *encoder) str(s string) {
	e.uv(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) bytes(b []byte) {
	e.uv(uint64(len(b)))
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) strs(ss []string) {
	e.uv(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) u32s(a []uint32) {
	e.uv(uint64(len(a)))
	var b [4]byte
	for _, v := range a {
		if e.err != nil {
			return
		}
		binary.LittleEndian.PutUint32(b[:], v)
		_, e.err = e.w.Write(b[:])
	}
}

// decoder reads what encoder wrote from the bytes in b; the first error
// sticks and later reads return zero values. short interns the short
// strings that repeat from entry to entry (a name's quality, a country
// code, a word of a place of birth).
type decoder struct {
	b     []byte
	err   error
	short map[string]string
}

// maxPersisted bounds one count or length read, so that a damaged length
// cannot ask for an absurd allocation.
const maxPersisted = 1 << 31

var errOverflow = errors.New("varint overflows a 64-bit integer")

func (d *decoder) uv() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = io.ErrUnexpectedEOF
		if n < 0 {
			d.err = errOverflow
		}
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) count() int { return d.countOf(1) }

// countOf reads a count of items of at least size bytes each, refusing one
// that the data left cannot hold.
func (d *decoder) countOf(size int) int {
	v := d.uv()
	if d.err == nil && (v > maxPersisted || int(v)*size > len(d.b)) {
		d.err = fmt.Errorf("count %d too large for the %d bytes left", v, len(d.b))
		return 0
	}
	return int(v)
}

// raw returns the next length-prefixed bytes, in the data itself.
func (d *decoder) raw() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) bytes() []byte { return bytes.Clone(d.raw()) }

func (d *decoder) str() string { return string(d.raw()) }

// shortStr is str, interned when it is short.
func (d *decoder) shortStr() string {
	b := d.raw()
	if len(b) > 16 {
		return string(b)
	}
	if s, ok := d.short[string(b)]; ok {
		return s
	}
	s := string(b)
	d.short[s] = s
	return s
}

func (d *decoder) shortStrs() []string {
	n := d.count()
	out := make([]string, 0, min(n, 1<<20))
	for range n {
		if d.err != nil {
			return nil
		}
		out = append(out, d.shortStr())
	}
	return out
}

func (d *decoder) u32s() []uint32 {
	n := d.count()
	if d.err != nil {
		return nil
	}
	if 4*n > len(d.b) {
		d.err = io.ErrUnexpectedEOF
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(d.b[4*i:])
	}
	d.b = d.b[4*n:]
	return out
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
