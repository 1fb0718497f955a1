package main

import (
	"bytes"
	"os"
	"testing"
)

// FuzzReadManifest feeds arbitrary bytes to the manifest reader and plans
// every passenger it returns: neither may panic, every passenger has an ID
// that its query keeps, and an error names the file.
func FuzzReadManifest(f *testing.F) {
	for _, p := range []string{manifestJSONL, manifestCSV, "../../testdata/border/bad.jsonl", "../../testdata/border/bad.csv"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// A few lines: the fuzzer minimises every input it finds
		// interesting, which is slow for long ones.
		if len(b) > 600 {
			b = b[:bytes.LastIndexByte(b[:600], '\n')+1]
		}
		f.Add(b)
	}
	f.Add([]byte(`{"mrz":"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<< L898902C36UTO7408122F1204159ZE184226B<<<<<10"}`))
	f.Add([]byte("name,mrz,face_model,face_vector\nx,\"I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\",m,1 2 3\n"))
	f.Add([]byte("\ufeffname\n\"unterminated\n"))
	f.Add([]byte(`{"name":"a","face":{"model":"m","vector":[1e39]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := readManifest(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		for i := range ps {
			p := &ps[i]
			if p.ID == "" {
				t.Fatalf("passenger %d has no ID", i)
			}
			if p.Err != nil {
				if !bytes.HasPrefix([]byte(p.Err.Error()), []byte("fuzz:")) {
					t.Fatalf("error %q does not name the file", p.Err)
				}
				continue
			}
			pl, err := planFor(p)
			if err != nil && !bytes.HasPrefix([]byte(err.Error()), []byte("fuzz:")) {
				t.Fatalf("error %q does not name the file", err)
			}
			if err == nil && pl.Query.ID != p.ID {
				t.Fatalf("passenger %d planned as %q", i, pl.Query.ID)
			}
		}
	})
}
