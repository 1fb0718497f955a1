package biometric

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/face/facetest"
	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

var fixtureDir = filepath.Join("..", "..", "testdata", "biometrics")

// fixtureQuery is one line of queries.jsonl: a query in the `screen`
// example's format plus the entry it must find ("" for none).
type fixtureQuery struct {
	ID           string                      `json:"id"`
	Name         string                      `json:"name,omitempty"`
	Face         *lists.FaceTemplate         `json:"face,omitempty"`
	Fingerprints []lists.FingerprintTemplate `json:"fingerprints,omitempty"`
	Expect       string                      `json:"expect"`
}

// TestWriteFixtures regenerates testdata/biometrics when RAQIB_UPDATE_FIXTURES=1.
func TestWriteFixtures(t *testing.T) {
	if os.Getenv("RAQIB_UPDATE_FIXTURES") != "1" {
		t.Skip("set RAQIB_UPDATE_FIXTURES=1 to regenerate testdata/biometrics")
	}
	fg := facetest.New(2322, 512)
	pg := fingerprinttest.New(2322)
	const n = 12
	var entries []lists.Entry
	var queries []fixtureQuery
	for i := range n {
		cent := fg.Identity()
		fingers := [2]fingerprinttest.Finger{pg.Finger(), pg.Finger()}
		e := lists.Entry{
			ID: fmt.Sprintf("BIO:%03d", i+1), Source: "BIO", Ref: fmt.Sprintf("%03d", i+1),
			ListVersion: "2026-11-28", ListType: "synthetic biometric fixture", Kind: lists.KindPerson,
			Names:   []lists.Name{{Full: fmt.Sprintf("TEST SUBJECT %02d", i+1), Quality: lists.NamePrimary}},
			Remarks: "Synthetic identity: face from facetest, fingers from fingerprinttest (seed 2322).",
			Faces:   []lists.FaceTemplate{{Model: facetest.Model, Vector: fg.Sample(cent)}},
		}
		for j, f := range fingers {
			f.Position = uint8(2 + 5*j) // right index, left index
			rec := pg.Impression(f)
			format, data := fingerprint.FormatISO, must(rec.AppendISO(nil))
			if i%4 == 3 && j == 1 {
				format, data = fingerprint.FormatANSI, must(rec.AppendANSI(nil))
			}
			e.Fingerprints = append(e.Fingerprints, lists.FingerprintTemplate{Format: format, Position: int(f.Position), Data: data})
			fingers[j] = f
		}
		entries = append(entries, e)
		q := fixtureQuery{ID: fmt.Sprintf("q%02d", i+1), Expect: e.ID}
		switch i % 3 {
		case 0: // face and finger, the listed name
			q.Name = e.Names[0].Full
			q.Face = &lists.FaceTemplate{Model: facetest.Model, Vector: fg.Sample(cent)}
			q.Fingerprints = []lists.FingerprintTemplate{{Format: fingerprint.FormatISO, Position: 2, Data: pg.ISO(fingers[0])}}
		case 1: // face only, under another name (a forged identity)
			q.Name = fmt.Sprintf("OTHER NAME %02d", i+1)
			q.Face = &lists.FaceTemplate{Model: facetest.Model, Vector: fg.Sample(cent)}
		case 2: // fingerprint only, no name
			q.Fingerprints = []lists.FingerprintTemplate{{Format: fingerprint.FormatISO, Data: pg.ISO(fingers[1])}}
		}
		queries = append(queries, q)
	}
	for i := range 3 { // travellers on no list
		stranger := pg.Finger()
		queries = append(queries, fixtureQuery{
			ID: fmt.Sprintf("q%02d", n+i+1), Name: fmt.Sprintf("TRAVELLER %02d", i+1),
			Face:         &lists.FaceTemplate{Model: facetest.Model, Vector: fg.Sample(fg.Identity())},
			Fingerprints: []lists.FingerprintTemplate{{Format: fingerprint.FormatISO, Position: 2, Data: pg.ISO(stranger)}},
		})
	}
	require.NoError(t, os.MkdirAll(fixtureDir, 0o755))
	writeJSONL(t, filepath.Join(fixtureDir, "watchlist.jsonl"), entries)
	writeJSONL(t, filepath.Join(fixtureDir, "queries.jsonl"), queries)
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func writeJSONL[T any](t *testing.T, path string, items []T) {
	var buf bytes.Buffer
	for _, it := range items {
		b, err := json.Marshal(it)
		require.NoError(t, err)
		buf.Write(b)
		buf.WriteByte('\n')
	}
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

func readJSONL[T any](t *testing.T, path string) []T {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var v T
		require.NoError(t, json.Unmarshal(sc.Bytes(), &v), "%s:%d", path, line)
		out = append(out, v)
	}
	require.NoError(t, sc.Err())
	return out
}

// TestFixtures builds both galleries from the watchlist fixture and checks
// that every query finds its entry, and only its entry, as a hit.
func TestFixtures(t *testing.T) {
	entries := readJSONL[lists.Entry](t, filepath.Join(fixtureDir, "watchlist.jsonl"))
	queries := readJSONL[fixtureQuery](t, filepath.Join(fixtureDir, "queries.jsonl"))
	require.Len(t, entries, 12)
	require.Len(t, queries, 15)
	faces := FaceGallery{Thresholds: face.Thresholds{facetest.Model: 0.45}}
	var fingers FingerprintGallery
	for i := range entries {
		require.NoError(t, faces.AddEntry(&entries[i]))
		require.NoError(t, fingers.AddEntry(&entries[i]))
	}
	assert.Equal(t, 12, faces.Len())
	assert.Equal(t, 24, fingers.Len())
	ctx := context.Background()
	for _, q := range queries {
		t.Run(q.ID, func(t *testing.T) {
			var hits []string
			if q.Face != nil {
				ms, err := faces.Search(ctx, *q.Face, 3)
				require.NoError(t, err)
				for _, m := range ms {
					if m.Hit {
						hits = append(hits, m.ID)
					}
				}
			}
			for _, fp := range q.Fingerprints {
				ms, err := fingers.Search(ctx, fp, 3)
				require.NoError(t, err)
				for _, m := range ms {
					if m.Hit {
						hits = append(hits, m.ID)
					}
				}
			}
			if q.Expect == "" {
				assert.Empty(t, hits)
				return
			}
			require.NotEmpty(t, hits)
			for _, h := range hits {
				assert.Equal(t, q.Expect, h)
			}
		})
	}
}
