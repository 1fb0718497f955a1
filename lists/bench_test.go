package lists

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkLoad reads the real files whole, through detection and digest,
// as Load does: `go test -run '^$' -bench Load -benchmem ./lists`.
func BenchmarkLoad(b *testing.B) {
	for _, f := range []struct{ name, path string }{
		{"UN-2026-05-08", ""},
		{"OFAC-2024-05-03", "../../shared/data/ofac/sdn-2024-05-03.csv"},
		{"UK-2018-04-13", "../../shared/data/uk/conlist-2018-04-13.csv"},
		{"CA-SEMA-2020", "../../shared/data/canada/sema-2020.xml"},
		{"FtM-zala", "../../shared/data/ftm/zala-synthetic.ftm.json"},
	} {
		b.Run(f.name, func(b *testing.B) {
			data := defaultUN
			if f.path != "" {
				var err error
				if data, err = os.ReadFile(f.path); err != nil {
					b.Skip("../shared/data not present")
				}
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(bytes.NewReader(data), f.name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
