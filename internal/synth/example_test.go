package synth_test

import (
	"context"
	"fmt"

	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
)

func ExampleEntries() {
	n := 0
	err := synth.Entries(context.Background(), 1, 1000, func(e *lists.Entry) error {
		n++
		return nil
	})
	fmt.Println(n, err, synth.Entry(1, 0).ID)
	// Output: 1000 <nil> SYN:000000001
}

func ExampleQueries() {
	qs, err := synth.Queries(1, 100000, synth.WithPositives(3), synth.WithNegatives(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	pos := 0
	for _, q := range qs {
		if q.EntryID != "" {
			pos++
		}
	}
	fmt.Println(len(qs), pos, qs[0].ID)
	// Output: 5 3 Q000001
}
