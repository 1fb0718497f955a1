package screening

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"github.com/raqib/raqib"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/face/facetest"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

// biometricScreener screens against the embedded UN list plus the synthetic
// biometric watchlist of testdata/biometrics.
func biometricScreener(t testing.TB) *Screener {
	t.Helper()
	wl, err := lists.Load("../testdata/biometrics/watchlist.jsonl")
	require.NoError(t, err)
	un, err := lists.Default()
	require.NoError(t, err)
	// The watchlist's fingers are synthetic: their source's threshold is
	// the generator's (as an agency sets its extractor's).
	s, err := New(context.Background(), WithLists(un, wl), WithFingerprintThreshold("BIO", fingerprinttest.Threshold))
	require.NoError(t, err)
	require.Empty(t, s.Skipped())
	return s
}

type fixtureQuery struct {
	raqib.Query
	Expect string `json:"expect"`
}

func TestBiometricFixtures(t *testing.T) {
	s := biometricScreener(t)
	f, err := os.Open("../testdata/biometrics/queries.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var fq fixtureQuery
		require.NoError(t, json.Unmarshal(sc.Bytes(), &fq))
		n++
		t.Run(fq.ID, func(t *testing.T) {
			res, err := s.Screen(context.Background(), fq.Query)
			require.NoError(t, err)
			if fq.Expect == "" {
				for _, m := range res.Matches {
					assert.NotEqual(t, raqib.Hit, m.Decision, "%s hit %s %.3f", fq.ID, m.EntryID, m.Score)
				}
				return
			}
			require.NotEmpty(t, res.Matches)
			m := res.Matches[0]
			assert.Equal(t, fq.Expect, m.EntryID)
			assert.Equal(t, raqib.Hit, m.Decision, "%+v", m.Features)
			var bio []string
			for _, f := range m.Features {
				if f.Name == "face" || f.Name == "fingerprint" {
					bio = append(bio, f.Detail)
					assert.Equal(t, 1.0, f.Score, f.Detail)
				}
			}
			require.NotEmpty(t, bio, "a biometric feature explains the match")
			if strings.HasPrefix(fq.Name, "OTHER NAME") {
				// A face hit under another name is reported and says so.
				assert.Contains(t, strings.Join(bio, " "), "names differ")
			}
		})
	}
	require.NoError(t, sc.Err())
	require.Equal(t, 15, n)
}

func TestBiometricDisagreementKeepsNameMatch(t *testing.T) {
	s := biometricScreener(t)
	other := facetest.New(99, 512)
	q := raqib.Query{Name: "TEST SUBJECT 01", Face: &lists.FaceTemplate{Model: facetest.Model, Vector: other.Sample(other.Identity())}}
	res, err := s.Screen(context.Background(), q)
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches, "a strong name match stays reported")
	m := res.Matches[0]
	assert.Equal(t, "BIO:001", m.EntryID)
	plain, err := s.Screen(context.Background(), raqib.Query{Name: "TEST SUBJECT 01"})
	require.NoError(t, err)
	assert.Less(t, m.Score, plain.Matches[0].Score, "a different face lowers the score")
}

func TestBiometricErrors(t *testing.T) {
	s := biometricScreener(t)
	_, err := s.Screen(context.Background(), raqib.Query{Face: &lists.FaceTemplate{Model: "unknown-model", Vector: []float32{1, 0, 0}}})
	require.ErrorIs(t, err, ErrBadQuery, "a face model the galleries do not hold")
	_, err = s.Screen(context.Background(), raqib.Query{Face: &lists.FaceTemplate{Model: facetest.Model, Vector: make([]float32, 512)}})
	require.ErrorIs(t, err, ErrBadQuery, "a zero vector")
	_, err = s.Screen(context.Background(), raqib.Query{Fingerprints: []lists.FingerprintTemplate{{Format: "iso19794-2", Data: []byte("FMR\x00 20\x00garbage")}}})
	require.ErrorIs(t, err, ErrBadQuery)
	// Biometrics against lists without any: screened on the name, with a warning.
	res, err := screener(t).Screen(context.Background(), raqib.Query{Name: "Djamel Lounici", Face: &lists.FaceTemplate{Model: "m", Vector: []float32{1, 2}}})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(res.Warnings, " "), "no face templates")
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "UN:QDi.155", res.Matches[0].EntryID)
}

// TestEvalBiometricFusion measures recall and false alerts on synthetic
// travellers, with and without their biometrics: listed people are UN
// individuals given a synthetic face and two fingers; the travellers who are
// listed come with a misspelt name (the treated yente positives), a new
// face sample and new finger impressions; the others are yente negatives with
// faces and fingers of their own.
func TestEvalBiometricFusion(t *testing.T) {
	n := 60
	if fullEval() {
		n = 300
	}
	l := loadList(t, list20251120)
	untreated := readYente(t, "positives_un_untreated.csv")
	treated := readYente(t, "positives_un_treated.csv")
	ids := truth(t, l, untreated)
	faces := facetest.New(2322, 512)
	fingers := fingerprinttest.New(2253)

	byID := map[string]int{}
	for i := range l.Entries {
		byID[l.Entries[i].ID] = i
	}
	bioList := &lists.List{Source: l.Source, Version: l.Version, Entries: append([]lists.Entry(nil), l.Entries...)}
	type traveller struct {
		q    raqib.Query
		want string
	}
	var travellers []traveller
	for i := 0; i < len(treated) && len(travellers) < n; i += 2 {
		if ids[i] == "" {
			continue
		}
		e := &bioList.Entries[byID[ids[i]]]
		if len(e.Faces) > 0 {
			continue // the same person twice in the rows
		}
		id := faces.Identity()
		fg := fingers.Finger()
		e.Faces = []lists.FaceTemplate{{Model: facetest.Model, Vector: faces.Sample(id)}}
		e.Fingerprints = []lists.FingerprintTemplate{{Format: "iso19794-2", Position: 2, Data: fingers.ISO(fg)}}
		q := treated[i].query(ids[i])
		q.Face = &lists.FaceTemplate{Model: facetest.Model, Vector: faces.Sample(id)}
		q.Fingerprints = []lists.FingerprintTemplate{{Format: "iso19794-2", Position: 2, Data: fingers.ISO(fg)}}
		travellers = append(travellers, traveller{q, ids[i]})
	}
	negatives := readYente(t, "negatives_global.csv")
	for i := 0; i < len(negatives) && len(travellers) < 2*n; i += 97 {
		r := negatives[i]
		fg := fingers.Finger()
		q := raqib.Query{ID: fmt.Sprint("neg", i), Name: r.FullName, BirthDate: r.DOB, Nationality: r.Nationality, Gender: r.Gender}
		q.Face = &lists.FaceTemplate{Model: facetest.Model, Vector: faces.Sample(faces.Identity())}
		q.Fingerprints = []lists.FingerprintTemplate{{Format: "iso19794-2", Position: 2, Data: fingers.ISO(fg)}}
		travellers = append(travellers, traveller{q, ""})
	}
	s, err := New(context.Background(), WithLists(bioList), WithFaceThresholds(face.Thresholds{facetest.Model: 0.4}),
		WithFingerprintThreshold("", fingerprinttest.Threshold))
	require.NoError(t, err)

	for _, mode := range []string{"name and biographic data only", "with face and fingerprints", "face and fingerprints only, no name"} {
		var found, listed, alerts, others int
		for _, tr := range travellers {
			q := tr.q
			switch mode {
			case "name and biographic data only":
				q.Face, q.Fingerprints = nil, nil
			case "face and fingerprints only, no name":
				q.Name, q.BirthDate, q.Nationality, q.Gender = "", "", "", ""
			}
			res, err := s.Screen(context.Background(), q)
			require.NoError(t, err)
			hit := len(res.Matches) > 0 && res.Matches[0].Decision == raqib.Hit
			if tr.want != "" {
				listed++
				if hit && res.Matches[0].EntryID == tr.want {
					found++
				}
			} else {
				others++
				if hit {
					alerts++
				}
			}
		}
		recall, falseHits := float64(found)/float64(listed), float64(alerts)/float64(others)
		t.Logf("%s: %d listed travellers, first with a hit %.1f%%; %d others, any hit %.1f%%", mode, listed, 100*recall, others, 100*falseHits)
		if mode != "name and biographic data only" {
			assert.GreaterOrEqual(t, recall, 0.99, mode)
		}
		assert.LessOrEqual(t, falseHits, 0.0, mode)
	}
}
