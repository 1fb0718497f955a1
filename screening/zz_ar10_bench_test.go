package screening

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// BenchmarkClassesSynthetic1kScript screens the queries of the synthetic 1k
// list (internal/synth seed 1, 1,000 positives and 1,000 negatives: what
// `cmd/synthlist -n 1000 -seed 1` writes) split by the script of the name:
// those written in Arabic script and those in Latin letters only. Issue 15
// asks the Arabic-script p50 to be at most twice the Latin one:
//
//	go test -run '^$' -bench 'Synthetic1kScript' -benchmem ./screening
func BenchmarkClassesSynthetic1kScript(b *testing.B) {
	ctx := context.Background()
	l := &lists.List{Source: "SYN", Version: "seed-1"}
	require.NoError(b, synth.Entries(ctx, 1, 1000, func(e *lists.Entry) error {
		l.Entries = append(l.Entries, *e)
		return nil
	}))
	s, err := New(ctx, WithLists(l))
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	qs, err := synth.Queries(1, 1000, synth.WithPositives(1000), synth.WithNegatives(1000))
	require.NoError(b, err)
	var arabic, latin []raqib.Query
	for _, q := range qs {
		switch {
		case normalize.IsLatin(q.Query.Name):
			latin = append(latin, q.Query)
		case normalize.DetectScript(q.Query.Name) == normalize.ScriptArabic:
			arabic = append(arabic, q.Query)
		}
	}
	require.NotEmpty(b, arabic)
	require.NotEmpty(b, latin)
	benchClasses(b, s, []queryClass{{"arabic", arabic}, {"latin", latin}})
}
