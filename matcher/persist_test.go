package matcher

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
)

// TestPersistRoundTrip: a Matcher written and read back scores every query
// against every entry as the one built did, and explains the same way.
func TestPersistRoundTrip(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n)
	m2, err := Read(bytes.NewReader(buf.Bytes()), nil)
	require.NoError(t, err)
	require.Equal(t, m.Len(), m2.Len())
	assert.Equal(t, m.ListTokens(), m2.ListTokens())
	for _, q := range []raqib.Query{
		{Name: "Ayman al-Zawahiri", BirthDate: "1951", Nationality: "EG"},
		{Name: "أيمن محمد ربيع الظواهري"},
		{Name: "Jamal Lounisi", Documents: []raqib.Document{{Type: "passport", Number: "1084010"}}},
		{Name: "Mohammed Hassan", Gender: "male", BirthPlace: "Cairo"},
	} {
		p1, err := m.Prepare(q)
		require.NoError(t, err)
		p2, err := m2.Prepare(q)
		require.NoError(t, err)
		for i := range es {
			require.Equal(t, m.Score(p1, i), m2.Score(p2, i), "%q entry %s", q.Name, es[i].ID)
		}
		i := 0
		for k := range es {
			if m.Score(p1, k) > m.Score(p1, i) {
				i = k
			}
		}
		assert.Equal(t, m.Compare(p1, i, es[i]), m2.Compare(p2, i, es[i]))
	}
}

// TestPersistDamaged: a truncated or altered file is an error naming the
// problem, never a Matcher.
func TestPersistDamaged(t *testing.T) {
	m := testMatcher()
	var buf bytes.Buffer
	_, err := m.WriteTo(&buf)
	require.NoError(t, err)
	b := buf.Bytes()
	for _, bad := range [][]byte{nil, b[:10], b[:len(b)-1], append(append([]byte{}, b[:len(b)/2]...), b[len(b)/2+1:]...), append(bytes.Clone(b), 0)} {
		_, err := Read(bytes.NewReader(bad), nil)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrBadMatcher)
	}
	flipped := bytes.Clone(b)
	flipped[len(flipped)/3] ^= 1
	_, err = Read(bytes.NewReader(flipped), nil)
	assert.ErrorIs(t, err, ErrBadMatcher)
}

func FuzzRead(f *testing.F) {
	m := testMatcher()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	// The fuzzer mutates the body; the checksum is made anew, so that the
	// decoder itself meets damaged data: it must fail, not panic or
	// allocate without bound.
	f.Add(buf.Bytes()[:buf.Len()-sha256.Size])
	f.Add([]byte(persistMagic))
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		if m, err := Read(bytes.NewReader(append(body, sum[:]...)), nil); err == nil {
			m.Len()
		}
	})
}
