package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// The program reads a manifest — here from standard input — and writes one
// JSON line per passenger for the calling system.
func Example() {
	manifest := `{"id":"PAX063","mrz":["P<EGYELZAWAHRY<<AYMAN<MOHAMED<RABIE<<<<<<<<<","1084010<<4EGY5106192M3103142<<<<<<<<<<<<<<<0"]}
{"id":"PAX107","name":"منير المتصدق","birth_date":"1974-04-03","nationality":"MAR","sex":"M"}
{"id":"PAX251","name":"Jamal Lounisi","birth_date":"1962-02-01","nationality":"DZA","sex":"M"}
{"id":"PAX300","name":"Anna Maria Eriksson","birth_date":"1974-08-12","nationality":"SWE","sex":"F"}
`
	var out bytes.Buffer
	code := run(context.Background(), []string{"-manifest", "-", "-json"}, strings.NewReader(manifest), &out, io.Discard)
	fmt.Println("exit status", code)
	dec := json.NewDecoder(&out)
	for dec.More() {
		var l struct {
			ID       string `json:"id"`
			Decision string `json:"decision"`
			Matches  []struct {
				EntryID string `json:"entry_id"`
				Name    string `json:"name"`
			} `json:"matches"`
		}
		if err := dec.Decode(&l); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(l.ID, " ", l.Decision)
		if len(l.Matches) > 0 {
			fmt.Print(" ", l.Matches[0].EntryID, " ", l.Matches[0].Name)
		}
		fmt.Println()
	}
	// Output:
	// exit status 0
	// PAX063 hit UN:QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI
	// PAX107 hit UN:QDi.082 MOUNIR EL MOTASSADEQ
	// PAX251 hit UN:QDi.155 DJAMEL LOUNICI
	// PAX300 clear
}
