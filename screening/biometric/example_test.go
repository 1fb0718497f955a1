package biometric_test

import (
	"context"
	"fmt"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/face/facetest"
	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
	"github.com/raqib/raqib/screening/biometric"
)

func ExampleFaceGallery() {
	gen := facetest.New(1, 512)
	alice, bob := gen.Identity(), gen.Identity()
	// The embedding application knows its model's operating point.
	g := biometric.FaceGallery{Thresholds: face.Thresholds{facetest.Model: 0.45}}
	for _, e := range []lists.Entry{
		{ID: "W:1", Faces: []lists.FaceTemplate{{Model: facetest.Model, Vector: gen.Sample(alice)}}},
		{ID: "W:2", Faces: []lists.FaceTemplate{{Model: facetest.Model, Vector: gen.Sample(bob)}}},
	} {
		if err := g.AddEntry(&e); err != nil {
			fmt.Println(err)
		}
	}
	probe := lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(bob)}
	ms, err := g.Search(context.Background(), probe, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Printf("%s hit=%v\n", m.ID, m.Hit)
	}
	_, err = g.Search(context.Background(), lists.FaceTemplate{Model: "other-model", Vector: probe.Vector}, 2)
	fmt.Println(err)
	// Output:
	// W:2 hit=true
	// W:1 hit=false
	// biometric: unknown face model: "other-model"
}

func ExampleFingerprintGallery() {
	gen := fingerprinttest.New(1)
	var g biometric.FingerprintGallery // the built-in minutiae matcher
	var fingers []fingerprinttest.Finger
	for i := range 100 {
		f := gen.Finger()
		fingers = append(fingers, f)
		t := lists.FingerprintTemplate{Format: fingerprint.FormatISO, Position: int(f.Position), Data: gen.ISO(f)}
		if err := g.Add(fmt.Sprintf("W:%d", i), t); err != nil {
			fmt.Println(err)
		}
	}
	probe := lists.FingerprintTemplate{Format: fingerprint.FormatISO, Data: gen.ISO(fingers[42])}
	ms, err := g.Search(context.Background(), probe, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Printf("%s hit=%v\n", m.ID, m.Hit)
	}
	fmt.Println(len(ms[0].Template), "hex digits of SHA-256 for the audit record")
	// Output:
	// W:42 hit=true
	// W:83 hit=false
	// 64 hex digits of SHA-256 for the audit record
}
