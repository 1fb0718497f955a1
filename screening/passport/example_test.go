package passport_test

import (
	"fmt"
	"log"

	"github.com/raqib/raqib/screening/passport"
)

// A passport zone whose document-number check digit was misread, with the
// passenger's record: the zone's verified fields are screened, its number
// is not, and the notes say why.
func ExampleParse() {
	zone := "P<EGYELZAWAHRY<<AYMAN<MOHAMED<RABIE<<<<<<<<<\n" +
		"1084010<<5EGY5106192M3103142<<<<<<<<<<<<<<<0"
	p, err := passport.Parse(passport.Traveller{ID: "PAX063", Name: "Ayman al-Zawahiri", BirthDate: "1951"}, zone)
	if err != nil {
		log.Fatal(err)
	}
	q := p.Query
	fmt.Println(q.Name, "|", q.AltNames, "|", q.BirthDate, q.Nationality, q.Gender, len(q.Documents))
	for _, n := range p.Notes {
		fmt.Println("note:", n)
	}
	// Output:
	// Ayman al-Zawahiri | [AYMAN MOHAMED RABIE ELZAWAHRY] | 1951-06-19 EGY male 0
	// note: MRZ composite check digit fails (read '0', computed '7'): the zone may be misread or altered
	// note: MRZ document number 1084010 fails its check digit (read '5', computed '4'): not used as evidence
}
