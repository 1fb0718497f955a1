package fingerprint

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleRecord() *Record {
	return &Record{
		Compliance: 1, EquipmentID: 0x123, Width: 400, Height: 500, ResX: 197, ResY: 197,
		ProductOwner: 0x0033, ProductType: 0x0001,
		Views: []View{
			{Position: 2, ViewNumber: 0, Impression: 0, Quality: 80, Minutiae: []Minutia{
				{Type: TypeRidgeEnding, X: 100, Y: 200, Angle: 90, Quality: 60},
				{Type: TypeBifurcation, X: 16383, Y: 0, Angle: 0, Quality: 100},
				{Type: TypeOther, X: 0, Y: 16383, Angle: 180, Quality: 0},
			}, Extended: []byte{0, 1, 0, 5, 9}},
			{Position: 7, ViewNumber: 1, Impression: 8, Quality: 40, Minutiae: []Minutia{
				{Type: TypeBifurcation, X: 5, Y: 6, Angle: 270, Quality: 33},
			}},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	r := sampleRecord()
	tests := []struct {
		name   string
		format string
		write  func(*Record) ([]byte, error)
		hdr    int
	}{
		{"iso", FormatISO, func(r *Record) ([]byte, error) { return r.AppendISO(nil) }, isoHeaderLen},
		{"ansi", FormatANSI, func(r *Record) ([]byte, error) { return r.AppendANSI(nil) }, ansiHeaderLen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.write(r)
			require.NoError(t, err)
			assert.Equal(t, "FMR\x00 20\x00", string(b[:8]))
			assert.Len(t, b, tt.hdr+4+3*6+2+5+4+6+2)
			got, err := Parse(tt.format, b)
			require.NoError(t, err)
			want := *r
			if tt.format == FormatISO {
				want.ProductOwner, want.ProductType = 0, 0
			}
			assert.Equal(t, &want, got)
			again, err := tt.write(got)
			require.NoError(t, err)
			assert.Equal(t, b, again)
		})
	}
}

func TestISOLayout(t *testing.T) {
	b, err := sampleRecord().AppendISO(nil)
	require.NoError(t, err)
	assert.Equal(t, uint32(len(b)), binary.BigEndian.Uint32(b[8:12]), "record length")
	assert.Equal(t, uint16(0x1123), binary.BigEndian.Uint16(b[12:14]), "compliance and equipment")
	assert.Equal(t, byte(2), b[22], "finger views")
	// First minutia: type 01, x 100; y 200; angle 90° = 64 units; quality 60.
	m := b[isoHeaderLen+4:]
	assert.Equal(t, uint16(1<<14|100), binary.BigEndian.Uint16(m[0:2]))
	assert.Equal(t, uint16(200), binary.BigEndian.Uint16(m[2:4]))
	assert.Equal(t, []byte{64, 60}, m[4:6])
}

func TestANSILayout(t *testing.T) {
	b, err := sampleRecord().AppendANSI(nil)
	require.NoError(t, err)
	assert.Equal(t, uint16(len(b)), binary.BigEndian.Uint16(b[8:10]), "record length")
	assert.Equal(t, uint16(0x33), binary.BigEndian.Uint16(b[10:12]), "CBEFF owner")
	assert.Equal(t, byte(2), b[24], "finger views")
	m := b[ansiHeaderLen+4:]
	assert.Equal(t, []byte{45, 60}, m[4:6], "90° is 45 two-degree units")

	// A record too long for 2 bytes uses the 6-byte length form.
	big := &Record{Width: 400, Height: 500, ResX: 197, ResY: 197}
	for range 200 {
		big.Views = append(big.Views, View{Minutiae: make([]Minutia, 60)})
	}
	b, err = big.AppendANSI(nil)
	require.NoError(t, err)
	require.Greater(t, len(b), 0xffff)
	assert.Equal(t, uint16(0), binary.BigEndian.Uint16(b[8:10]))
	assert.Equal(t, uint32(len(b)), binary.BigEndian.Uint32(b[10:14]))
	got, err := ParseANSI(b)
	require.NoError(t, err)
	assert.Len(t, got.Views, 200)
}

func TestParseErrors(t *testing.T) {
	iso, err := sampleRecord().AppendISO(nil)
	require.NoError(t, err)
	ansi, err := sampleRecord().AppendANSI(nil)
	require.NoError(t, err)
	patch := func(b []byte, off int, v ...byte) []byte {
		c := append([]byte(nil), b...)
		copy(c[off:], v)
		return c
	}
	m0 := isoHeaderLen + 4 // first minutia of the ISO record
	tests := []struct {
		name   string
		format string
		data   []byte
		want   error
		msg    string
	}{
		{"empty", FormatISO, nil, ErrTruncated, "0 bytes"},
		{"magic", FormatISO, patch(iso, 0, 'X'), ErrFormat, "format identifier"},
		{"version", FormatISO, patch(iso, 5, '3'), ErrFormat, "version"},
		{"short header", FormatISO, iso[:20], ErrTruncated, "header"},
		{"length beyond data", FormatISO, iso[:len(iso)-1], ErrTruncated, "record length"},
		{"length below header", FormatISO, patch(iso, 8, 0, 0, 0, 3), ErrMalformed, "shorter than"},
		{"views beyond length", FormatISO, patch(iso, 22, 9), ErrTruncated, "finger view 3"},
		{"minutiae beyond length", FormatISO, patch(iso, isoHeaderLen+3, 200), ErrTruncated, "200 minutiae"},
		{"reserved type", FormatISO, patch(iso, m0, 0xc0), ErrMalformed, "reserved type"},
		{"finger position", FormatISO, patch(iso, isoHeaderLen, 11), ErrMalformed, "finger position 11"},
		{"extended beyond", FormatISO, patch(iso, isoHeaderLen+4+18, 0xff), ErrTruncated, "extended data"},
		{"ansi short", FormatANSI, ansi[:25], ErrTruncated, "ANSI header"},
		{"ansi 6-byte short", FormatANSI, patch(ansi, 8, 0, 0)[:27], ErrTruncated, "6-byte"},
		{"ansi angle", FormatANSI, patch(ansi, ansiHeaderLen+4+4, 180), ErrMalformed, "angle code 180"},
		{"unknown format", "wsq", iso, nil, "unknown template format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.format, tt.data)
			require.Error(t, err)
			assert.Nil(t, r)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestAppendErrors(t *testing.T) {
	tests := []struct {
		name string
		r    Record
	}{
		{"x out of range", Record{Views: []View{{Minutiae: []Minutia{{X: 0x4000}}}}}},
		{"type out of range", Record{Views: []View{{Minutiae: []Minutia{{Type: 3}}}}}},
		{"too many minutiae", Record{Views: []View{{Minutiae: make([]Minutia, 256)}}}},
		{"position", Record{Views: []View{{Position: 12}}}},
		{"too many views", Record{Views: make([]View, 256)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.AppendISO(nil)
			assert.Error(t, err)
			_, err = tt.r.AppendANSI(nil)
			assert.Error(t, err)
		})
	}
}

func TestAngleWrap(t *testing.T) {
	r := &Record{Views: []View{{Minutiae: []Minutia{{Angle: 359.9}, {Angle: -90}, {Angle: 720 + 45}}}}}
	b, err := r.AppendISO(nil)
	require.NoError(t, err)
	got, err := ParseISO(b)
	require.NoError(t, err)
	ms := got.Views[0].Minutiae
	assert.InDelta(t, 0, ms[0].Angle, 1e-9)
	assert.InDelta(t, 270, ms[1].Angle, 1e-9)
	assert.InDelta(t, 45, ms[2].Angle, 1e-9)
}

func FuzzParse(f *testing.F) {
	iso, _ := sampleRecord().AppendISO(nil)
	ansi, _ := sampleRecord().AppendANSI(nil)
	f.Add(iso, false)
	f.Add(ansi, true)
	f.Add([]byte("FMR\x00 20\x00\x00\x00"), true)
	f.Add(iso[:30], false)
	// Degenerate minutiae for the matcher: on a lattice, all of one
	// direction; all at one point; spread over 16383 px at 1 px/cm.
	lattice, point, spread := &Record{ResX: 197, ResY: 197}, &Record{}, &Record{ResX: 1, ResY: 1}
	var lv, pv, sv View
	for i := range 200 {
		lv.Minutiae = append(lv.Minutiae, Minutia{Type: TypeRidgeEnding, X: uint16(20 + i%16*12), Y: uint16(20 + i/16*12), Angle: 90})
		pv.Minutiae = append(pv.Minutiae, Minutia{Type: TypeBifurcation, X: 7, Y: 7})
		sv.Minutiae = append(sv.Minutiae, Minutia{X: uint16(i * 81 % 16384), Y: uint16(i * 4099 % 16384), Angle: float64(i)})
	}
	lattice.Views, point.Views, spread.Views = []View{lv}, []View{pv, pv}, []View{sv}
	for _, r := range []*Record{lattice, point, spread} {
		b, _ := r.AppendISO(nil)
		f.Add(b, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, isANSI bool) {
		format := FormatISO
		if isANSI {
			format = FormatANSI
		}
		r, err := Parse(format, data)
		if err != nil {
			if r != nil {
				t.Fatal("record with error")
			}
			return
		}
		// A record that parses writes back and parses to the same record.
		var b []byte
		if isANSI {
			b, err = r.AppendANSI(nil)
		} else {
			b, err = r.AppendISO(nil)
		}
		if err != nil {
			t.Fatalf("write back: %v", err)
		}
		r2, err := Parse(format, b)
		if err != nil {
			t.Fatalf("reparse: %v", err)
		}
		if len(r2.Views) != len(r.Views) {
			t.Fatalf("views %d != %d", len(r2.Views), len(r.Views))
		}
		// And the matcher never panics on it.
		var m MinutiaeMatcher
		if ft, err := PrepareRecord(r); err == nil {
			if s := m.Compare(ft, ft); s < 0 || s > 1 {
				t.Fatalf("score %v", s)
			}
		}
	})
}
