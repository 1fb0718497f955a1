package lists

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// checkList is what every reader promises: a *ParseError or a list whose
// entries have an ID and a name.
func checkList(t *testing.T, l *List, err error) {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T) is not a *ParseError", err, err)
		}
		if l != nil {
			t.Fatal("list and error")
		}
		return
	}
	for _, e := range l.Entries {
		if e.ID == "" || len(e.Names) == 0 {
			t.Fatalf("entry without id or name: %+v", e)
		}
	}
	for _, s := range l.Skipped {
		var pe *ParseError
		if !errors.As(s, &pe) {
			t.Fatalf("skip %v is not a *ParseError", s)
		}
	}
}

func unSeeds(f *testing.F) {
	f.Add([]byte(`<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL><FIRST_NAME> A </FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>B</ALIAS_NAME><NOTE>C; D</NOTE></INDIVIDUAL_ALIAS><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Add([]byte(`<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>E</FIRST_NAME><DATAID>1</DATAID><ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>F</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`))
	f.Add(defaultUN[:4000])
	i := bytes.Index(defaultUN, []byte("<REFERENCE_NUMBER>QDi.155"))
	s := bytes.LastIndex(defaultUN[:i], []byte("<INDIVIDUAL>"))
	e := bytes.Index(defaultUN[i:], []byte("</INDIVIDUAL>")) + i + len("</INDIVIDUAL>")
	f.Add([]byte("<CONSOLIDATED_LIST><INDIVIDUALS>" + string(defaultUN[s:e]) + "</INDIVIDUALS></CONSOLIDATED_LIST>"))
}

func FuzzUN(f *testing.F) {
	unSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readFormat(readUN, bytes.NewReader(b), "f.xml")
		checkList(t, l, err)
	})
}

func ofacSeeds(f *testing.F) {
	f.Add([]byte(`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a"))
	f.Add([]byte(`3754,"ABU MARZOOK, Mousa Mohammed","individual","SDGT","Political Leader",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 09 Feb 1951; alt. DOB 1950; POB Gaza, Egypt; Passport 92/664 (Egypt) expires 2005; nationality Egypt; citizen Jordan; Gender Male; a.k.a. 'ABU-'UMAR'; f.k.a. 'X'."` + "\n"))
	f.Add([]byte("1,\"a\"\"b\",x\n2,\"unterminated\n"))
}

func FuzzOFAC(f *testing.F) {
	ofacSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readFormat(readOFACNoSide, bytes.NewReader(b), "sdn.csv")
		checkList(t, l, err)
	})
}

func ukSeeds(f *testing.F) {
	head := "Last Updated,13/04/2018,,\nName 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\n"
	f.Add([]byte(head + " AL-QAHTANI,Sheikh,Farooq,,,,,00/00/1980,,Saudi Arabia,1) Saudi Arabia 2) Qatar,Passport No: 592667 (Qatari passport issued on 3 May 2007).,,,,,,,,,,Afghanistan,UN Ref QDe.004. Emir.,Individual,AKA,The ISIL (Da'esh) and Al-Qaida organisations,01/04/2016,01/04/2016,13349\n"))
	f.Add([]byte(head + "GROUPE ISLAMIQUE ARM\xc9,,,,,,,,,,,,,,,,,,,,,,UN REF:QE.A.6.01,Entity,Prime Alias,X,01/04/2016,01/04/2016,6963\n"))
}

func FuzzUK(f *testing.F) {
	ukSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readFormat(readUK, bytes.NewReader(b), "uk.csv")
		checkList(t, l, err)
	})
}

func watchlistSeeds(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteWatchlist(&buf, &List{Source: "NWL", Version: "1", Entries: []Entry{nationalEntry()}}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"raqib_watchlist":1,"source":"S"}` + "\n" + `{"ref":"1","kind":"person","names":[{"full":"A"}]}` + "\n"))
	f.Add([]byte(`{"id":"X:1","kind":"organisation","names":[{"full":"A","quality":"former"}],"faces":[{"model":"m","vector":[1,2]}]}`))
}

func FuzzWatchlist(f *testing.F) {
	watchlistSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ReadWatchlist(bytes.NewReader(b), "w.jsonl")
		checkList(t, l, err)
		if err != nil || len(l.Entries) == 0 {
			return
		}
		// What was read writes and reads back the same.
		var buf bytes.Buffer
		if err := WriteWatchlist(&buf, l); err != nil {
			t.Fatal(err)
		}
		l2, err := ReadWatchlist(&buf, "again.jsonl")
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if len(l2.Entries) != len(l.Entries) || len(l2.Skipped) != 0 {
			t.Fatalf("re-read %d entries (%d skipped), want %d", len(l2.Entries), len(l2.Skipped), len(l.Entries))
		}
		for i := range l.Entries {
			if d := ChangedFields(&l.Entries[i], &l2.Entries[i]); len(d) > 0 {
				t.Fatalf("entry %s changed in round trip: %v", l.Entries[i].ID, d)
			}
		}
	})
}

func ftmSeeds(f *testing.F) {
	f.Add([]byte(`{"id":"NK-1","schema":"Person","caption":"A B","properties":{"name":["A B"],"alias":["C"],"weakAlias":["D"],"previousName":["E"],"firstName":["A"],"lastName":["B"],"birthDate":["1970-05"],"nationality":["ru"],"gender":["male"],"passportNumber":["X1"],"topics":["sanction"]},"datasets":["eu_fsf"],"referents":["ofac-1"],"target":true}` + "\n" +
		`{"id":"a1","schema":"Address","properties":{"full":["x"]},"datasets":["eu_fsf"]}` + "\n" +
		`{"id":"v1","schema":"Vessel","properties":{"name":["SEA"],"imoNumber":["IMO 1"],"flag":["pa"]},"datasets":["eu_fsf"]}` + "\n"))
	f.Add([]byte(`{"id":"x","schema":"LegalEntity","properties":{"firstName":["A"],"lastName":["B"]}}`))
	if b, err := os.ReadFile("../testdata/lists/ftm/opensanctions-sample.ftm.json"); err == nil {
		f.Add(b)
	}
}

func FuzzFtM(f *testing.F) {
	ftmSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readFormat(readFtM, bytes.NewReader(b), "f.ftm.json")
		checkList(t, l, err)
	})
}

func FuzzFtMDelta(f *testing.F) {
	f.Add([]byte(`{"op":"ADD","entity":{"id":"n","schema":"Person","properties":{"name":["N"]},"datasets":["d"]}}` + "\n" + `{"op":"DEL","entity":{"id":"a"}}` + "\n" + `{"op":"MOD","entity":{"id":"b","schema":"Company","properties":{"name":["B2"]}}}`))
	f.Add([]byte(`{"op":"DEL","entity":{"id":"NK-500Poltergeist"}}`))
	base, err := readFormat(readFtM, strings.NewReader(`{"id":"a","schema":"Person","properties":{"name":["A"]},"datasets":["d"]}`+"\n"+`{"id":"b","schema":"Person","properties":{"name":["B"]},"datasets":["d"]}`), "base")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		next, d, err := ApplyFtMDelta(context.Background(), base, bytes.NewReader(b), "delta-1.json")
		checkList(t, next, err)
		if err != nil {
			return
		}
		if !reflect.DeepEqual(d, Diff(base, next)) {
			t.Fatalf("delta %+v, diff %+v", d, Diff(base, next))
		}
		if len(base.Entries) != 2 || base.Entries[0].Names[0].Full != "A" {
			t.Fatal("base modified")
		}
	})
}

func ofacAdvSeeds(f *testing.F) {
	if b, err := os.ReadFile("../testdata/lists/ofac-advanced/constructed.xml"); err == nil {
		f.Add(b)
		i := bytes.Index(b, []byte("<DistinctParties>"))
		f.Add(b[:i])
	}
	f.Add([]byte(`<Sanctions><ReferenceValueSets><PartySubTypeValues><PartySubType ID="1" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues><PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues></ReferenceValueSets><DistinctParties><DistinctParty FixedRef="1"><Profile ID="1" PartySubTypeID="1"><Identity ID="1" Primary="true"><Alias AliasTypeID="1" Primary="true"><DocumentedName><DocumentedNamePart><NamePartValue>A</NamePartValue></DocumentedNamePart></DocumentedName></Alias></Identity><Feature FeatureTypeID="8"><FeatureVersion><DatePeriod><Start Approximate="true"><From><Year>1960</Year><Month>1</Month><Day>1</Day></From></Start></DatePeriod></FeatureVersion></Feature></Profile></DistinctParty></DistinctParties></Sanctions>`))
}

func FuzzOFACAdvanced(f *testing.F) {
	ofacAdvSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readFormat(readOFACAdvanced, bytes.NewReader(b), "adv.xml")
		checkList(t, l, err)
	})
}

func semaSeeds(f *testing.F) {
	if b, err := os.ReadFile("../testdata/lists/canada/sema-2020-excerpt.xml"); err == nil {
		f.Add(b[:min(len(b), 3000)])
	}
	f.Add([]byte("<data-set>\n<record><Country>Russia / Russie</Country><LastName>DYUMIN</LastName><GivenName>Alexei</GivenName><Aliases>Alexei, Aleksei, X STRELKOV</Aliases><DateOfBirth>1972-08-10 or 1972</DateOfBirth><Schedule>1, Part 2</Schedule><Item>3</Item></record></data-set>"))
}

func FuzzSEMA(f *testing.F) {
	semaSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readFormat(readSEMA, bytes.NewReader(b), "sema.xml")
		checkList(t, l, err)
	})
}

// FuzzRead feeds every format through detection.
func FuzzRead(f *testing.F) {
	unSeeds(f)
	ofacSeeds(f)
	ukSeeds(f)
	watchlistSeeds(f)
	ftmSeeds(f)
	ofacAdvSeeds(f)
	semaSeeds(f)
	f.Add([]byte("\x1f\x8b\x08"))
	f.Add([]byte(`{"DATA_SOURCE":"X","RECORD_ID":"1"}`))
	f.Add([]byte(""))
	f.Add([]byte("\xef\xbb\xbf<"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := Read(bytes.NewReader(b), "any")
		checkList(t, l, err)
	})
}

// TestFuzzCorpusFiles keeps the corpus directory honest: every file under
// testdata/fuzz must belong to a fuzz target of this package.
func TestFuzzCorpusFiles(t *testing.T) {
	known := map[string]bool{"FuzzUN": true, "FuzzOFAC": true, "FuzzUK": true, "FuzzWatchlist": true, "FuzzRead": true,
		"FuzzFtM": true, "FuzzFtMDelta": true, "FuzzOFACAdvanced": true, "FuzzSEMA": true}
	dirs, err := os.ReadDir("testdata/fuzz")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no stored corpus")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !known[d.Name()] {
			t.Errorf("testdata/fuzz/%s: no such fuzz target", d.Name())
		}
	}
}
