package lists

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeSeeds are entry lines on which the two decoders of decodeEntry
// could part: what json v2 refuses and encoding/json reads (names in
// another case, a name twice, an escaped lone surrogate, base64 with a line
// break), and what both must refuse alike.
var decodeSeeds = []string{
	`{"id":"X:1","kind":"person","names":[{"full":"Ali Hassan","quality":"primary"}],"birth_dates":["1970"],"gender":"male"}`,
	`{"ID":"X:1","Kind":"person","NAMES":[{"Full":"Ali"}]}`,
	`{"id":"X:1","id":"X:2","kind":"person","names":[{"full":"Ali"}]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Al\ud800i"}]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"fingerprints":[{"format":"ansi378","position":1,"data":"QUJD\nREVG"}]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"fingerprints":[{"format":"ansi378","position":1e0,"data":"QUJD"}]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"faces":[{"model":"m","vector":[1e39]}]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"raw":{"a":"1","a":"2"}}`,
	`{"id":"X:1","kind":"person","names":null,"birth_dates":[{"from":"1970-01-01","to":"1970-12-31","precision":"year","bogus":1}]}`,
	`{"id":"X:1","kind":"person","names":[],"titles":[],"raw":{}}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}]} {"id":"X:2"}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"unknown":true}`,
	`{"id":"X:1","kind":"person","names":[{"full":"<Ali & Co>"}],"interpol_link":true,"listed_on":null}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"birth_dates":[" about 1970 ",{"from":"1970-01-01","to":"1970-12-31","precision":"year","text":"1970"}]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"birth_dates":[null]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"birth_dates":[1970]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"birth_dates":["01/02/1970"]}`,
	`{"id":"X:1","kind":"person","names":[{"full":"Ali"}],"birth_dates":["1970\u002d05"]}`,
}

// FuzzDecodeEntry checks decodeEntry against encoding/json: the same entry,
// or an error for the same lines.
func FuzzDecodeEntry(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var fast, slow Entry
		errFast := decodeEntry(b, &fast)
		errSlow := strictUnmarshal(b, &slow)
		if (errFast == nil) != (errSlow == nil) {
			t.Fatalf("decodeEntry: %v, encoding/json: %v", errFast, errSlow)
		}
		if errFast != nil {
			if errFast.Error() != errSlow.Error() {
				t.Fatalf("decodeEntry: %v, encoding/json: %v", errFast, errSlow)
			}
			return
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("decodeEntry read %+v, encoding/json %+v", fast, slow)
		}
	})
}

func TestDecodeEntrySeeds(t *testing.T) {
	tests := []struct {
		line   string
		fastV2 bool // json v2 reads it (else decodeEntry falls back)
		ok     bool
	}{
		{decodeSeeds[0], true, true},
		{decodeSeeds[1], false, true},
		{decodeSeeds[2], false, true},
		{decodeSeeds[3], false, true},
		{decodeSeeds[4], false, true},
		{decodeSeeds[5], false, false},
		{decodeSeeds[6], false, false},
		{decodeSeeds[7], false, true},
		{decodeSeeds[8], false, false},
		{decodeSeeds[9], true, true},
		{decodeSeeds[10], false, false},
		{decodeSeeds[11], false, false},
		{decodeSeeds[12], true, true},
		{decodeSeeds[13], true, true},
		{decodeSeeds[14], false, true},
		{decodeSeeds[15], false, false},
		{decodeSeeds[16], false, false},
		{decodeSeeds[17], true, true},
	}
	for _, tc := range tests {
		t.Run(tc.line[:min(len(tc.line), 60)], func(t *testing.T) {
			var v2, fast, slow Entry
			assert.Equal(t, tc.fastV2, jsonv2.Unmarshal([]byte(tc.line), &v2, entryOpts) == nil)
			errFast := decodeEntry([]byte(tc.line), &fast)
			errSlow := strictUnmarshal([]byte(tc.line), &slow)
			assert.Equal(t, tc.ok, errFast == nil, "%v", errFast)
			assert.Equal(t, errSlow, errFast)
			assert.Equal(t, slow, fast)
		})
	}
}

// TestDecodeEntryFiles decodes every entry line of the repository's
// watchlists, and of a synthetic set's list with RAQIB_BENCH_SET=DIR (a set
// written by cmd/synthlist), both ways.
func TestDecodeEntryFiles(t *testing.T) {
	files, err := filepath.Glob("../testdata/watchlists/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	if set := os.Getenv("RAQIB_BENCH_SET"); set != "" {
		files = append(files, filepath.Join(set, "list.jsonl"))
	}
	for _, path := range files {
		f, err := os.Open(path)
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, MaxLine)
		n, fastN := 0, 0
		for sc.Scan() {
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 || isHeader(b) {
				continue
			}
			n++
			var v2, fast, slow Entry
			if jsonv2.Unmarshal(b, &v2, entryOpts) == nil {
				fastN++
			}
			errFast := decodeEntry(b, &fast)
			errSlow := strictUnmarshal(b, &slow)
			require.Equal(t, errSlow, errFast, "%s:%d", path, n)
			require.Equal(t, slow, fast, "%s:%d", path, n)
		}
		require.NoError(t, sc.Err())
		f.Close()
		t.Logf("%s: %d entry lines, %d read by json v2", path, n, fastN)
	}
}
