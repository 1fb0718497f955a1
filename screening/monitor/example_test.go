package monitor_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/monitor"
)

// watchlist is a national watchlist of invented people, at one version:
// each name listed under its reference ("3=Tarek Bouzidane").
func watchlist(version string, listed ...string) *lists.List {
	l := &lists.List{Source: "NWL", Version: version}
	for _, rn := range listed {
		ref, n, _ := strings.Cut(rn, "=")
		l.Entries = append(l.Entries, lists.Entry{ID: "NWL:" + ref, Source: "NWL", Ref: ref, ListVersion: version,
			Kind: lists.KindPerson, Names: []lists.Name{{Full: n, Quality: lists.NamePrimary}}})
	}
	return l
}

// A Monitor follows a Screener: when a new version of a list lists a
// registered party, the Replace that serves it raises the alert.
func ExampleMonitor() {
	ctx := context.Background()
	v1 := watchlist("v1", "1=Youssef El Haddad", "2=Svetlana Morozova")
	s, err := screening.New(ctx, screening.WithLists(v1))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	m, err := monitor.New(ctx, s, monitor.WithLists(v1), monitor.WithEventHook(func(evs []monitor.Event) {
		for _, e := range evs {
			fmt.Println(strings.TrimSpace(fmt.Sprint(e.Kind, " ", e.Cause, " ", e.Party, " ", e.Entry, " ", e.Decision)))
		}
	}))
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Register(ctx,
		monitor.Party{ID: "trader-1042", Query: raqib.Query{Name: "Tarek Bouzidane", BirthDate: "1990-01-20"}},
		monitor.Party{ID: "trader-2077", Query: raqib.Query{Name: "Svetlana Morozova"}}); err != nil {
		log.Fatal(err)
	}
	// v2 delists Svetlana Morozova and lists Tarek Bouzidane.
	v2 := watchlist("v2", "1=Youssef El Haddad", "3=Tarek Bouzidane")
	if err := s.Replace(ctx, []*lists.List{v2}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Stats().Alerts, "open alert")
	// Output:
	// new register trader-2077 NWL:2 hit
	// new lists trader-1042 NWL:3 hit
	// retracted lists trader-2077 NWL:2
	// 1 open alert
}
