package lists

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRepeatedFieldsLinear: a UN record with 99,000 repeated child elements
// took 44 s, because each repeat re-joined every earlier one (quadratic
// copying). The bytes allocated show it without a clock: 20,000 repeats
// copied about 1.8 GB before, and now cost a few megabytes.
func TestRepeatedFieldsLinear(t *testing.T) {
	const n = 20_000
	var b strings.Builder
	b.WriteString(`<CONSOLIDATED_LIST dateGenerated="x"><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>`)
	for i := range n {
		fmt.Fprintf(&b, "<SORT_KEY>k%d</SORT_KEY>", i)
	}
	b.WriteString(`</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`)
	in := b.String()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	l, err := Read(strings.NewReader(in), "rep.xml")
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	require.Len(t, l.Entries, 1)
	raw := l.Entries[0].Raw["SORT_KEY"]
	assert.Equal(t, n, strings.Count(raw, "; ")+1)
	assert.True(t, strings.HasPrefix(raw, "k0; k1; k2"))
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "bytes allocated for a %d-byte record", len(in))
}

// TestRecordLimit: a record larger than the record limit is refused with an
// error naming the line where it starts, without reading it whole (a 500 MB
// record was accepted and took 3.85 GB). The limit is lowered to 64 KiB here
// so that the test stays small.
func TestRecordLimit(t *testing.T) {
	old := maxRecord
	maxRecord = 64 << 10
	defer func() { maxRecord = old }()
	field := "<SORT_KEY>" + strings.Repeat("x", 1000) + "</SORT_KEY>"
	head := "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"
	var read atomic.Int64
	r := &countingReader{r: io.MultiReader(strings.NewReader(head), &repeatReader{s: field}), n: &read}
	_, err := Read(r, "big.xml")
	require.ErrorIs(t, err, ErrTooLarge)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 3, pe.Line)
	assert.Contains(t, err.Error(), "big.xml:3: input exceeds limit: a record (from this line) longer than 65536 bytes")
	assert.Less(t, read.Load(), int64(maxRecord+2*sniffSize), "stops at the limit")

	// The same for the other formats.
	for name, in := range map[string]string{
		"ftm":       `{"id":"x","schema":"Person","properties":{"name":["` + strings.Repeat("a", maxRecord+1) + `"]}}`,
		"uk group":  "Last Updated,13/04/2018\nName 6,Name 1,Group Type,Alias Type,Group ID\n" + strings.Repeat("A,"+strings.Repeat("b", 1000)+",Individual,AKA,7\n", 100),
		"sema":      "<data-set>\n<record><Country>Iran</Country>" + strings.Repeat("<Aliases>"+strings.Repeat("y", 1000)+"</Aliases>", 80) + "</record></data-set>",
		"ofac adv":  "<Sanctions><DateOfIssue/><DistinctParties><DistinctParty FixedRef=\"1\">" + strings.Repeat("<Comment>"+strings.Repeat("x", 1000)+"</Comment>", 80) + "</DistinctParty></DistinctParties></Sanctions>",
		"watchlist": `{"id":"X:1","kind":"person","names":[{"full":"` + strings.Repeat("a", MaxLine) + `"}]}`,
	} {
		_, err := Read(strings.NewReader(in), name)
		require.ErrorIs(t, err, ErrTooLarge, name)
		assert.Contains(t, err.Error(), name+":", name)
	}
	assert.Equal(t, 4<<20, MaxRecord, "the limit of real reads")
}

// TestCancel: a cancelled load of a large file stops within a few thousand
// records. The reader here never ends; without the context check the read
// would never return.
func TestCancel(t *testing.T) {
	rec := `<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.%d</REFERENCE_NUMBER></INDIVIDUAL>` + "\n"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var produced atomic.Int64
	src := &recordStream{head: "<CONSOLIDATED_LIST><INDIVIDUALS>\n", rec: rec, n: &produced, at: 1000, cancel: cancel}
	_, err := ReadContext(ctx, src, "endless.xml")
	require.ErrorIs(t, err, context.Canceled)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "endless.xml", pe.File)
	assert.Greater(t, pe.Line, 100, "the line reached")
	assert.Less(t, produced.Load(), int64(1000+5000), "records produced before the read stopped")

	// The same in LoadAll, and for the JSON Lines and CSV readers.
	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	_, err = LoadAll(ctx2, "../testdata/lists/ofac-sdn-2021-07/sdn.csv")
	require.ErrorIs(t, err, context.Canceled)
	for name, rec := range map[string]string{
		"w.jsonl":   `{"id":"X:%d","kind":"person","names":[{"full":"A"}]}` + "\n",
		"f.ftm":     `{"id":"x%d","schema":"Person","properties":{"name":["A"]}}` + "\n",
		"sdn.csv":   `%d,"A",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\n",
		"sema.xml":  `<record><Country>Iran</Country><LastName>A</LastName><Item>%d</Item></record>` + "\n",
		"uk.csv":    `A,B,Individual,AKA,%d` + "\n",
		"ofacadv.x": `<DistinctParty FixedRef="%d"><Profile ID="1" PartySubTypeID="1"/></DistinctParty>` + "\n",
	} {
		head := map[string]string{"sema.xml": "<data-set>\n", "uk.csv": "Last Updated,13/04/2018\nName 6,Name 1,Group Type,Alias Type,Group ID\n",
			"ofacadv.x": "<Sanctions><DateOfIssue/><DistinctParties>\n"}[name]
		ctx, cancel := context.WithCancel(context.Background())
		var n atomic.Int64
		_, err := ReadContext(ctx, &recordStream{head: head, rec: rec, n: &n, at: 1000, cancel: cancel}, name)
		cancel()
		require.ErrorIs(t, err, context.Canceled, name)
		assert.Less(t, n.Load(), int64(1000+5000), name)
	}
}

// TestStrippedReferences: a UN file with the reference numbers stripped
// from most records does not load as a smaller list; with a few stripped,
// each such record is a skip naming its line and DATAID.
func TestStrippedReferences(t *testing.T) {
	re := regexp.MustCompile(`<REFERENCE_NUMBER>[^<]*</REFERENCE_NUMBER>`)
	un := unHead(300)
	n := 0
	most := re.ReplaceAllFunc(un, func(m []byte) []byte {
		n++
		if n%10 == 0 {
			return m
		}
		return nil
	})
	_, err := Read(bytes.NewReader(most), "un.xml")
	require.ErrorIs(t, err, ErrTooManySkipped)
	assert.Contains(t, err.Error(), "270 of 300 records could not be read")
	assert.Regexp(t, `^un\.xml:\d+: record DATAID \d+: more records skipped`, err.Error())

	n = 0
	few := re.ReplaceAllFunc(un, func(m []byte) []byte {
		n++
		if n%30 == 0 {
			return nil
		}
		return m
	})
	l, err := Read(bytes.NewReader(few), "un.xml")
	require.NoError(t, err)
	assert.Len(t, l.Entries, 300-10)
	require.Len(t, l.Skipped, 10)
	for _, s := range l.Skipped {
		assert.Regexp(t, `^un\.xml:\d+: record DATAID \d+: no REFERENCE_NUMBER$`, s.Error())
	}
}

// unHead returns the first n INDIVIDUALs of the embedded UN list as a list.
func unHead(n int) []byte {
	end := 0
	for range n {
		end += bytes.Index(defaultUN[end:], []byte("</INDIVIDUAL>")) + len("</INDIVIDUAL>")
	}
	return append(append([]byte{}, defaultUN[:end]...), "</INDIVIDUALS></CONSOLIDATED_LIST>\n"...)
}

// TestDigest: every reader fills Digest with the SHA-256 of the file's
// bytes, and a list naming no version gets one from it.
func TestDigest(t *testing.T) {
	for _, path := range []string{
		"../testdata/lists/canada/sema-2020-excerpt.xml",
		"../testdata/lists/ftm/opensanctions-sample.ftm.json",
		"../testdata/lists/ofac-advanced/constructed.xml",
		"../testdata/biometrics/watchlist.jsonl",
	} {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		sum := sha256.Sum256(b)
		l, err := Load(path)
		require.NoError(t, err, path)
		assert.Equal(t, hex.EncodeToString(sum[:]), l.Digest, path)
		assert.NotEmpty(t, l.Version, path)
		for _, e := range l.Entries {
			require.NotEmpty(t, e.ListVersion, e.ID)
		}
	}
	// sdn.csv alone (through Read, no companions) is its own digest.
	b, err := os.ReadFile("../testdata/lists/ofac-sdn-2021-07/sdn.csv")
	require.NoError(t, err)
	cut := 0
	for range 1000 { // the first 1000 lines
		cut += bytes.IndexByte(b[cut:], '\n') + 1
	}
	b = b[:cut]
	l, err := Read(bytes.NewReader(b), "sdn.csv")
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	assert.Equal(t, hex.EncodeToString(sum[:]), l.Digest)
	assert.Equal(t, "sha256:"+l.Digest[:16], l.Version)
	assert.Equal(t, l.Version, l.Entries[0].ListVersion)
	def, err := Default()
	require.NoError(t, err)
	sum = sha256.Sum256(defaultUN)
	assert.Equal(t, hex.EncodeToString(sum[:]), def.Digest)
}

// TestSkippedCap: past maxSkipped, one error counts the rest.
func TestSkippedCap(t *testing.T) {
	var b strings.Builder
	for i := range maxSkipped + 5 {
		fmt.Fprintf(&b, "{\"id\":\"X:%d\",\"kind\":\"person\",\"names\":[{\"full\":\" \"}]}\n", i)
	}
	for i := range maxSkipped + 6 {
		fmt.Fprintf(&b, "{\"id\":\"Y:%d\",\"kind\":\"person\",\"names\":[{\"full\":\"A\"}]}\n", i)
	}
	l, err := Read(strings.NewReader(b.String()), "w.jsonl")
	require.NoError(t, err)
	require.Len(t, l.Skipped, maxSkipped+1)
	assert.Equal(t, "w.jsonl: 5 more records skipped (only the first 10000 are named)", l.Skipped[maxSkipped].Error())
}

type repeatReader struct {
	s string
	i int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.s[r.i:])
		n += c
		r.i = (r.i + c) % len(r.s)
	}
	return n, nil
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// recordStream writes head, then records without end (rec formatted with
// the record number); after at records it calls cancel.
type recordStream struct {
	head, rec string
	buf       []byte
	n         *atomic.Int64
	at        int64
	cancel    func()
}

func (s *recordStream) Read(p []byte) (int, error) {
	if s.head != "" {
		s.buf, s.head = append(s.buf, s.head...), ""
	}
	for len(s.buf) < len(p) {
		k := s.n.Add(1)
		s.buf = fmt.Appendf(s.buf, s.rec, k)
		if k == s.at {
			s.cancel()
		}
		if k > 1_000_000 {
			return 0, errors.New("the reader did not stop")
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}
