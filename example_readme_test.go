package raqib_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/screening"
)

// Screening one query against the embedded UN list: the snippet of the
// README's "Install" section (TestREADMESnippet keeps the two the same).
func Example_screening() {
	ctx := context.Background()
	s, err := screening.New(ctx) // the embedded UN list; screening.WithLists(...) for others
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	res, err := s.Screen(ctx, raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951", Nationality: "EG"})
	if err != nil {
		log.Fatal(err) // a query the screener cannot answer wraps screening.ErrBadQuery
	}
	fmt.Println(res.Decision(), "against", res.Lists[0].Source, res.Lists[0].Version)
	for _, m := range res.Matches {
		fmt.Println(m.EntryID, m.Name, m.Decision) // and m.Score, m.MatchedName
		for _, f := range m.Features {
			fmt.Println("  ", f.Name) // and f.Score, f.Weight, f.Detail: the evidence in numbers and words
		}
	}
	// Output:
	// hit against UN 2026-05-08T23:00:06.922Z
	// UN:QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI hit
	//    name
	//    birth_date
	//    nationality
}

// TestREADMESnippet checks that the Go snippet of the README is the body of
// Example_screening, so that the README shows code that compiles, checks
// its errors and prints what the example's output says.
func TestREADMESnippet(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## Install\n.*?```go\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md: no Go snippet in the Install section")
	}
	src, err := os.ReadFile("example_readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	body := regexp.MustCompile("(?s)func Example_screening\\(\\) \\{\n(.*?)\t// Output:").FindSubmatch(src)
	if body == nil {
		t.Fatal("example_readme_test.go: no Example_screening")
	}
	var lines []string
	for _, l := range strings.Split(string(body[1]), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	if got, want := string(m[1]), strings.Join(lines, "\n"); got != want {
		t.Errorf("the README's snippet is not Example_screening's body:\n--- README.md\n%s\n--- example_readme_test.go\n%s", got, want)
	}
}
