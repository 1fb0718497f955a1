package lists

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  string
	}{
		{`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="x">`, FormatUN, ""},
		{"\xef\xbb\xbf\n  <CONSOLIDATED_LIST>", FormatUN, ""},
		{`<html><body>`, "", "an HTML page"},
		{"<!DOCTYPE html>\n<html lang=en>", "", "an HTML page"},
		{`<?xml version="1.0"?><OTHER/>`, "", "XML with root element <OTHER>"},
		{"\x1f\x8b\x08\x00", "", "gzip-compressed"},
		{"PK\x03\x04", "", "ZIP archive"},
		{"%PDF-1.7\n", "", "PDF document"},
		{"\xff\xfe<\x00", "", "UTF-16"},
		{`<?xml version="1.0"?><Sanctions xmlns="x"><DateOfIssue>`, FormatOFACAdvanced, ""},
		{`<?xml version="1.0"?><data-set><record><Country>`, FormatCanadaSEMA, ""},
		{`<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="DistinctParty"`, "", "XML Schema (XSD) of OFAC's advanced format"},
		{`<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity>`, "", "EU Financial Sanctions Files"},
		{`<sdnList><publshInformation>`, "", "OFAC's SDN XML"},
		{`{"id":"NK-1","schema":"Person","properties":{}}`, FormatFtM, ""},
		{`{"op":"DEL","entity":{"id":"NK-1"}}`, FormatFtMDelta, ""},
		{`{"DATA_SOURCE":"WATCHLIST","RECORD_ID":"1","NAMES":[]}`, "", "Senzing"},
		{`[{"id":"x"}]`, "", "JSON array"},
		{`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"`, FormatOFAC, ""},
		{"Last Updated,13/04/2018,,,\r\nName 6,", FormatUK, ""},
		{`{"raqib_watchlist":1}`, FormatWatchlist, ""},
		{`{"id":"X:1"}`, FormatWatchlist, ""},
		{"", "", "empty file"},
		{" \n\t", "", "empty file"},
		{"ent_num,SDN_Name\n", "", `content starts "ent_num,SDN_Name"`},
		{"\x00\x01\x02", "", "unknown list format"},
	}
	for _, tt := range tests {
		got, err := Detect([]byte(tt.in))
		if tt.err != "" {
			require.Error(t, err, "%q", tt.in)
			assert.True(t, errors.Is(err, ErrUnknownFormat) || errors.Is(err, ErrUnsupportedFormat), "%q: %v", tt.in, err)
			assert.Contains(t, err.Error(), tt.err)
			continue
		}
		require.NoError(t, err, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

func TestLoadFiles(t *testing.T) {
	tests := []struct {
		path    string
		source  string
		version string
		entries int
	}{
		{"../testdata/lists/un-consolidated-2025-11-20.xml", "UN", "2025-11-20T23:00:09.067Z", 1000},
		{"../testdata/lists/ofac-sdn-2021-07/sdn.csv", "OFAC", ofac2021Version, 8976},
		{"../testdata/lists/uk-conlist-2018-04-13-isil.csv", "UK", "2018-04-13", 344},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			l, err := Load(tt.path)
			require.NoError(t, err)
			assert.Equal(t, tt.source, l.Source)
			assert.Equal(t, tt.version, l.Version)
			assert.Len(t, l.Entries, tt.entries)
			assert.Empty(t, l.Skipped)
		})
	}
}

// ofac2021Version is the version of the 2021 OFAC set, which names none: the
// start of the SHA-256 of its four files' digests, as the lines "name hex"
// that `sha256sum sdn.csv sdn_comments.csv alt.csv add.csv` prints (with one
// space).
var ofac2021Version = func() string {
	var lines []string
	for _, f := range []string{"sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"} {
		b, err := os.ReadFile("../testdata/lists/ofac-sdn-2021-07/" + f)
		if err != nil {
			panic(err)
		}
		lines = append(lines, fmt.Sprintf("%s %x", f, sha256.Sum256(b)))
	}
	return fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(strings.Join(lines, "\n")+"\n")))[:len("sha256:")+16]
}()

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	tests := []struct {
		path string
		want string
	}{
		{filepath.Join(dir, "missing.xml"), "missing.xml: open: no such file or directory"},
		{write("empty.csv", ""), "empty.csv:1: unknown list format: empty file"},
		{write("pdf.pdf", "%PDF-1.7\n"), "pdf.pdf:1: unsupported list format: a PDF document"},
		{write("utf16.xml", "\xff\xfe<\x00C\x00"), "utf16.xml:1: unsupported list format: UTF-16 text"},
		{write("page.html", "<!doctype html><html><body>Not found</body></html>"), "page.html:1: unsupported list format: an HTML page"},
		{write("sdn.csv.gz", "\x1f\x8b\x08\x00\x00\x00"), "sdn.csv.gz:1: unsupported list format: a gzip-compressed file"},
		{write("trunc.xml", string(defaultUN[:100000])), "trunc.xml:"},
		{dir, "is a directory"},
	}
	for _, tt := range tests {
		l, err := Load(tt.path)
		require.Error(t, err, tt.path)
		assert.Nil(t, l)
		assert.Contains(t, err.Error(), tt.want)
		assert.Equal(t, 1, strings.Count(err.Error(), tt.path), "the path is named once: %v", err)
		var pe *ParseError
		assert.ErrorAs(t, err, &pe)
	}
	// The truncated UN file names the line where it stops.
	_, err := Load(filepath.Join(dir, "trunc.xml"))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, bytes.Count(defaultUN[:100000], []byte("\n"))+1, pe.Line)
	assert.True(t, strings.HasPrefix(err.Error(), filepath.Join(dir, "trunc.xml")+":"))
}

func TestParseError(t *testing.T) {
	e := &ParseError{File: "un.xml", Line: 1234, Record: "QDi.155", Err: ErrTooLarge}
	assert.Equal(t, "un.xml:1234: record QDi.155: input exceeds limit", e.Error())
	assert.ErrorIs(t, e, ErrTooLarge)
	assert.Equal(t, "<input>: x", (&ParseError{Err: errString("x")}).Error())
}

type errString string

func (e errString) Error() string { return string(e) }

func TestReadBOM(t *testing.T) {
	for _, in := range []string{
		"\xef\xbb\xbf<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
		"\xef\xbb\xbf" + `{"id":"UN:QDi.1","kind":"person","names":[{"full":"A"}]}`,
		"\xef\xbb\xbf" + `1,"A",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
	} {
		l, err := Read(strings.NewReader(in), "bom")
		require.NoError(t, err, in)
		require.Len(t, l.Entries, 1, in)
		assert.Empty(t, l.Skipped, in)
		assert.Equal(t, "A", l.Entries[0].Names[0].Full)
	}
}

func TestLoadAll(t *testing.T) {
	def, err := LoadAll(context.Background())
	require.NoError(t, err)
	require.Len(t, def, 1)
	assert.Equal(t, "UN", def[0].Source)

	two, err := LoadAll(context.Background(), "../testdata/lists/un-consolidated-2020-11-30.xml", "../testdata/biometrics/watchlist.jsonl")
	require.NoError(t, err)
	require.Len(t, two, 2)
	assert.Equal(t, "2020-11-30", two[0].Version[:10])
	assert.Equal(t, "BIO", two[1].Source)

	_, err = LoadAll(context.Background(), "../testdata/lists/un-consolidated-2020-11-30.xml", "no-such-list.xml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-list.xml")
}

// TestScanSources: a file scanned entry by entry gives the entries Load
// gives, and the same description, for a streamed watchlist and a format
// read whole.
func TestScanSources(t *testing.T) {
	for _, path := range []string{"../testdata/biometrics/watchlist.jsonl", "../testdata/lists/un-consolidated-2020-11-30.xml"} {
		want, err := Load(path)
		require.NoError(t, err)
		var got []Entry
		d, err := File(path).Scan(context.Background(), func(e *Entry) error { got = append(got, *e); return nil })
		require.NoError(t, err)
		assert.Equal(t, want.Entries, got, path)
		assert.Nil(t, d.Entries)
		assert.Equal(t, want.Source, d.Source)
		assert.Equal(t, want.Version, d.Version)
		assert.Equal(t, want.Digest, d.Digest)
		d2, err := want.Scan(context.Background(), func(*Entry) error { return nil })
		require.NoError(t, err)
		assert.Equal(t, want.Digest, d2.Digest)
		assert.Nil(t, d2.Entries)
	}
	stop := errors.New("stop")
	_, err := File("../testdata/biometrics/watchlist.jsonl").Scan(context.Background(), func(*Entry) error { return stop })
	assert.ErrorIs(t, err, stop)
}
