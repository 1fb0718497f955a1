package screening

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/raqib/raqib/lists"
)

// entryTable is what a snapshot holds of its entries: the columns that
// filters read for every candidate (ID, kind, source, regime), and the whole
// entries — in memory for lists given to New or Replace, or in the entries
// file of an index directory (Open), read when a match is reported.
type entryTable struct {
	ids   []string
	kinds []uint8 // index in kinds
	// kindSet has bit k set when some entry has kind code k: a filter on
	// the one kind every entry has need not read kinds (filter.allows).
	kindSet uint8
	sources []uint16 // index in sourceNames
	types   []uint16 // index in typeNames ("" is index 0)

	sourceNames []string
	typeNames   []string

	mem []*lists.Entry // in memory, or nil
	// biometric are the entries with face or fingerprint templates.
	biometric []int

	file    *os.File // the entries file of an index directory
	offsets []int64  // entry i is file[offsets[i]:offsets[i+1]]
}

// entryKinds are the kinds an entry may have, by code.
var entryKinds = []lists.Kind{"", lists.KindPerson, lists.KindOrganisation, lists.KindVessel, lists.KindAircraft}

func kindCode(k lists.Kind) uint8 {
	for i, x := range entryKinds {
		if x == k {
			return uint8(i)
		}
	}
	return 0
}

// add appends the columns of e.
func (t *entryTable) add(e *lists.Entry) {
	if len(e.Faces) > 0 || len(e.Fingerprints) > 0 {
		t.biometric = append(t.biometric, len(t.ids))
	}
	t.ids = append(t.ids, e.ID)
	t.kinds = append(t.kinds, kindCode(e.Kind))
	t.kindSet |= 1 << t.kinds[len(t.kinds)-1]
	t.sources = append(t.sources, code(&t.sourceNames, e.Source))
	t.types = append(t.types, code(&t.typeNames, e.ListType))
}

// code returns the index of s in names, adding it if it is new.
func code(names *[]string, s string) uint16 {
	if len(*names) == 0 {
		*names = append(*names, "")
	}
	for i, x := range *names {
		if x == s {
			return uint16(i)
		}
	}
	*names = append(*names, s)
	return uint16(len(*names) - 1)
}

func (t *entryTable) len() int { return len(t.ids) }

func (t *entryTable) kind(i int) lists.Kind { return entryKinds[t.kinds[i]] }

func (t *entryTable) source(i int) string { return t.sourceNames[t.sources[i]] }

func (t *entryTable) listType(i int) string { return t.typeNames[t.types[i]] }

// entry returns entry i.
func (t *entryTable) entry(i int) (*lists.Entry, error) {
	if t.mem != nil {
		return t.mem[i], nil
	}
	b := make([]byte, t.offsets[i+1]-t.offsets[i])
	if _, err := t.file.ReadAt(b, t.offsets[i]); err != nil {
		return nil, fmt.Errorf("screening: %s: entry %d: %w", t.file.Name(), i, err)
	}
	var e lists.Entry
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("screening: %s: entry %d: %w", t.file.Name(), i, err)
	}
	if e.ID != t.ids[i] {
		return nil, fmt.Errorf("screening: %s: entry %d is %q, want %q (index damaged)", t.file.Name(), i, e.ID, t.ids[i])
	}
	return &e, nil
}

// each calls fn with every entry, in order.
func (t *entryTable) each(fn func(i int, e *lists.Entry) error) error {
	for i := range t.len() {
		e, err := t.entry(i)
		if err != nil {
			return err
		}
		if err := fn(i, e); err != nil {
			return err
		}
	}
	return nil
}

func (t *entryTable) close() error {
	if t.file != nil {
		return t.file.Close()
	}
	return nil
}

// writeColumns writes the columns and offsets of t.
func (t *entryTable) writeColumns(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var buf []byte
	uv := func(v uint64) { buf = binary.AppendUvarint(buf[:0], v); bw.Write(buf) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	bw.WriteString(columnsMagic)
	uv(uint64(t.len()))
	for _, names := range [][]string{t.sourceNames, t.typeNames} {
		uv(uint64(len(names)))
		for _, s := range names {
			str(s)
		}
	}
	for i := range t.len() {
		str(t.ids[i])
		uv(uint64(t.kinds[i]))
		uv(uint64(t.sources[i]))
		uv(uint64(t.types[i]))
		uv(uint64(t.offsets[i+1] - t.offsets[i]))
	}
	return bw.Flush()
}

const columnsMagic = "RAQIB-ENTRIES-1\n"

// readColumns reads what writeColumns wrote. The IDs are substrings of one
// copy of data: a million IDs are one allocation, not a million.
func readColumns(data []byte) (*entryTable, error) {
	all := string(data)
	bad := func(what string) error { return fmt.Errorf("%w: %s", errBadIndex, what) }
	if !strings.HasPrefix(all, columnsMagic) {
		return nil, bad("not an entries table")
	}
	pos := len(columnsMagic)
	var err error
	uv := func() uint64 {
		if err != nil {
			return 0
		}
		v, n := binary.Uvarint(data[pos:])
		if n <= 0 {
			err = io.ErrUnexpectedEOF
			if n < 0 {
				err = bad("number too large")
			}
			return 0
		}
		pos += n
		return v
	}
	str := func() string {
		n := uv()
		if err != nil || n > 1<<20 || n > uint64(len(data)-pos) {
			if err == nil {
				err = bad("string too long")
				if n <= 1<<20 {
					err = io.ErrUnexpectedEOF
				}
			}
			return ""
		}
		s := all[pos : pos+int(n)]
		pos += int(n)
		return s
	}
	n := uv()
	if n > 1<<31 || n > uint64(len(data)-pos) {
		return nil, bad("too many entries")
	}
	t := &entryTable{ids: make([]string, 0, n), kinds: make([]uint8, 0, n), sources: make([]uint16, 0, n),
		types: make([]uint16, 0, n), offsets: make([]int64, 1, n+1)}
	for _, names := range []*[]string{&t.sourceNames, &t.typeNames} {
		k := uv()
		if k > 1<<16 {
			return nil, bad("too many names")
		}
		for range k {
			*names = append(*names, strings.Clone(str()))
		}
	}
	for range n {
		t.ids = append(t.ids, str())
		k, s, ty := uv(), uv(), uv()
		if err == nil && (k >= uint64(len(entryKinds)) || s >= uint64(len(t.sourceNames)) || ty >= uint64(len(t.typeNames))) {
			err = bad("code out of range")
		}
		t.kinds, t.sources, t.types = append(t.kinds, uint8(k)), append(t.sources, uint16(s)), append(t.types, uint16(ty))
		t.kindSet |= 1 << t.kinds[len(t.kinds)-1]
		t.offsets = append(t.offsets, t.offsets[len(t.offsets)-1]+int64(uv()))
		if err != nil {
			break
		}
	}
	if err == nil && pos != len(data) {
		err = bad("data after the table")
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadIndex, err)
	}
	return t, nil
}
