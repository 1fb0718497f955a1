package lists_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/raqib/raqib/lists"
)

func ExampleDefault() {
	l, err := lists.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Source, l.Version, len(l.Entries))
	for _, e := range l.Entries {
		if e.ID == "UN:QDi.155" {
			fmt.Println(e.Names[0].Full, e.BirthDates[0].From, e.Nationalities[0].Code)
			for _, n := range e.Names[1:] {
				fmt.Println(n.Quality, n.Full)
			}
		}
	}
	// Output:
	// UN 2026-05-08T23:00:06.922Z 1009
	// DJAMEL LOUNICI 1962-02-01 DZ
	// original-script جمال لونيسي
	// good Jamal Lounici
}

func ExampleLoad() {
	l, err := lists.Load("../testdata/lists/ofac-sdn-2021-07/sdn.csv") // alt.csv, add.csv and sdn_comments.csv are read too
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Source, len(l.Entries), len(l.Skipped))
	// Output: OFAC 8976 0
}

func ExampleDiff() {
	old, err := lists.Load("../testdata/lists/un-consolidated-2020-11-30.xml")
	if err != nil {
		log.Fatal(err)
	}
	cur, err := lists.Default()
	if err != nil {
		log.Fatal(err)
	}
	d := lists.Diff(old, cur)
	fmt.Println("delisted:", len(d.Removed), "added:", len(d.Added))
	// Output: delisted: 107 added: 98
}

func ExampleWriter() {
	w := lists.NewWriter(os.Stdout)
	w.WriteHeader(lists.Header{Source: "NWL", Version: "2026-05-08"})
	w.Write(&lists.Entry{
		ID: "NWL:1", Source: "NWL", Ref: "1", Kind: lists.KindPerson,
		Names:        []lists.Name{{Full: "Jamal Lounici", Quality: lists.NamePrimary}},
		Fingerprints: []lists.FingerprintTemplate{{Format: "iso19794-2", Position: 2, Data: []byte("FMR\x00")}},
	})
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"raqib_watchlist":1,"source":"NWL","version":"2026-05-08"}
	// {"id":"NWL:1","source":"NWL","ref":"1","kind":"person","names":[{"full":"Jamal Lounici","quality":"primary"}],"fingerprints":[{"format":"iso19794-2","position":2,"data":"Rk1SAA=="}]}
}

func ExampleLoadFtMDelta() {
	ctx := context.Background()
	l, err := lists.Load("../testdata/lists/ftm/opensanctions-sample.ftm.json")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Source, len(l.Entries))
	next, d, err := lists.LoadFtMDelta(ctx, l, "../testdata/lists/ftm/delta-20240528014702-pfh.json")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(next.Version, len(next.Entries), "entries")
	for _, e := range d.Added {
		fmt.Println("added", e.ID, e.Names[0].Full)
	}
	// Output:
	// eu_fsf 6
	// 20240528014702-pfh 8 entries
	// added eu_fsf:NK-500Poltergeist AL-QAIDA IN IRAQ
	// added eu_fsf:NK-2T3S8Hu29ktYnKSTgQp2wL Foobar Foobargroup
}
