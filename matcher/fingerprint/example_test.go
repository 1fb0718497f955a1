package fingerprint_test

import (
	"fmt"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

func ExampleParseISO() {
	rec := &fingerprint.Record{
		Width: 400, Height: 500, ResX: 197, ResY: 197,
		Views: []fingerprint.View{{Position: 2, Quality: 90, Minutiae: []fingerprint.Minutia{
			{Type: fingerprint.TypeRidgeEnding, X: 120, Y: 210, Angle: 45, Quality: 80},
			{Type: fingerprint.TypeBifurcation, X: 200, Y: 150, Angle: 180, Quality: 70},
		}}},
	}
	data, err := rec.AppendISO(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := fingerprint.ParseISO(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d bytes, %d view(s), finger %d\n", len(data), len(got.Views), got.Views[0].Position)
	for _, m := range got.Views[0].Minutiae {
		fmt.Printf("type %d at (%d,%d) %.2f°\n", m.Type, m.X, m.Y, m.Angle)
	}
	_, err = fingerprint.ParseISO(data[:30])
	fmt.Println(err)
	// Output:
	// 42 bytes, 1 view(s), finger 2
	// type 1 at (120,210) 45.00°
	// type 2 at (200,150) 180.00°
	// fingerprint: record truncated: record length 42, have 30 bytes
}

func ExampleMinutiaeMatcher() {
	gen := fingerprinttest.New(1)
	finger, other := gen.Finger(), gen.Finger()
	var m fingerprint.MinutiaeMatcher
	a, _ := m.Prepare(fingerprint.FormatISO, gen.ISO(finger))
	b, _ := m.Prepare(fingerprint.FormatISO, gen.ISO(finger)) // another impression
	c, _ := m.Prepare(fingerprint.FormatISO, gen.ISO(other))
	fmt.Println("same finger:", m.Compare(a, b) >= m.Threshold())
	fmt.Println("other finger:", m.Compare(a, c) >= m.Threshold())
	// Output:
	// same finger: true
	// other finger: false
}
