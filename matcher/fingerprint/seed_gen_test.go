package fingerprint

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("RAQIB_UPDATE_FIXTURES") != "1" {
		t.Skip("set RAQIB_UPDATE_FIXTURES=1 to rewrite testdata/fuzz/FuzzParse seeds")
	}
	big := &Record{Width: 400, Height: 500, ResX: 197, ResY: 197}
	for range 200 {
		big.Views = append(big.Views, View{Position: 1, Minutiae: make([]Minutia, 60)})
	}
	ansiBig, _ := big.AppendANSI(nil)
	iso, _ := sampleRecord().AppendISO(nil)
	ansi, _ := sampleRecord().AppendANSI(nil)
	seeds := map[string]struct {
		b    []byte
		ansi bool
	}{
		"ansi-6-byte-length": {ansiBig[:200], true}, // truncated: the 6-byte header path
		"iso-extended-data":  {iso, false},
		"ansi-as-iso":        {ansi, false},
		"iso-views-overflow": {append(append([]byte(nil), iso[:22]...), append([]byte{255, 0}, iso[24:]...)...), false},
	}
	for name, s := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbool(%v)\n", s.b, s.ansi)
		if err := os.WriteFile(filepath.Join("testdata", "fuzz", "FuzzParse", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
