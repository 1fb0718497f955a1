// Package fingerprint reads and writes finger minutiae records in the
// ISO/IEC 19794-2:2005 and ANSI/INCITS 378-2004 formats and compares them
// with a rotation- and translation-invariant minutiae matcher.
//
// The Matcher interface lets an agency plug in its own AFIS in place of the
// built-in MinutiaeMatcher.
package fingerprint

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The template formats, as written in lists.FingerprintTemplate.Format.
const (
	FormatISO  = "iso19794-2"
	FormatANSI = "ansi378"
)

// MinutiaType is the kind of a minutia, as coded in its two top bits.
type MinutiaType uint8

// The minutia types.
const (
	TypeOther       MinutiaType = 0
	TypeRidgeEnding MinutiaType = 1
	TypeBifurcation MinutiaType = 2
)

// Minutia is one minutia of a finger view. X and Y are in pixels from the
// top-left corner of the image; Angle is in degrees, counter-clockwise from
// the horizontal axis pointing right, in [0, 360).
type Minutia struct {
	Type    MinutiaType
	X, Y    uint16
	Angle   float64
	Quality uint8
}

// View is one finger view of a record: the minutiae of one impression of one finger.
type View struct {
	Position   uint8 // finger position code (0 unknown, 1 right thumb ... 10 left little)
	ViewNumber uint8 // 0..15
	Impression uint8 // impression type, 0..15 (0 live-scan plain)
	Quality    uint8 // finger quality 0..100
	Minutiae   []Minutia
	// Extended holds the view's extended data block (ridge counts, core and
	// delta, vendor data) undecoded, without its 2-byte length.
	Extended []byte
}

// Record is a finger minutiae record. The same type holds both formats; the
// ANSI-only fields are ignored when writing ISO.
type Record struct {
	Compliance  uint8  // capture equipment compliance, 4 bits
	EquipmentID uint16 // capture equipment ID, 12 bits
	Width       uint16 // image size in pixels
	Height      uint16
	ResX, ResY  uint16 // resolution in pixels per centimetre (197 = 500 dpi)
	// ProductOwner and ProductType are the ANSI 378 CBEFF product identifier.
	ProductOwner, ProductType uint16
	Views                     []View
}

// Errors returned (wrapped) by the readers.
var (
	ErrFormat    = errors.New("fingerprint: not a finger minutiae record")
	ErrTruncated = errors.New("fingerprint: record truncated")
	ErrMalformed = errors.New("fingerprint: malformed record")
)

const (
	isoHeaderLen  = 24
	ansiHeaderLen = 26
	viewHeaderLen = 4
	minutiaLen    = 6
	isoAngleUnit  = 360.0 / 256.0
	ansiAngleUnit = 2.0
	maxRecordLen  = 1 << 24 // no real record comes near this
)

// Parse reads a record in the named format (FormatISO or FormatANSI).
func Parse(format string, data []byte) (*Record, error) {
	switch format {
	case FormatISO:
		return ParseISO(data)
	case FormatANSI:
		return ParseANSI(data)
	}
	return nil, fmt.Errorf("fingerprint: unknown template format %q", format)
}

// ParseISO reads an ISO/IEC 19794-2:2005 finger minutiae record.
func ParseISO(data []byte) (*Record, error) {
	if err := checkMagic(data); err != nil {
		return nil, err
	}
	if len(data) < isoHeaderLen {
		return nil, fmt.Errorf("%w: ISO header needs %d bytes, have %d", ErrTruncated, isoHeaderLen, len(data))
	}
	n := binary.BigEndian.Uint32(data[8:12])
	if err := checkLength(uint64(n), len(data), isoHeaderLen); err != nil {
		return nil, err
	}
	r := &Record{}
	r.Compliance, r.EquipmentID = splitEquipment(binary.BigEndian.Uint16(data[12:14]))
	r.Width = binary.BigEndian.Uint16(data[14:16])
	r.Height = binary.BigEndian.Uint16(data[16:18])
	r.ResX = binary.BigEndian.Uint16(data[18:20])
	r.ResY = binary.BigEndian.Uint16(data[20:22])
	views := int(data[22])
	if err := r.readViews(data[isoHeaderLen:n], isoHeaderLen, views, isoAngleUnit); err != nil {
		return nil, err
	}
	return r, nil
}

// ParseANSI reads an ANSI/INCITS 378-2004 finger minutiae record. Its record
// length field takes 2 bytes, or 6 when the first 2 are zero.
func ParseANSI(data []byte) (*Record, error) {
	if err := checkMagic(data); err != nil {
		return nil, err
	}
	if len(data) < ansiHeaderLen {
		return nil, fmt.Errorf("%w: ANSI header needs %d bytes, have %d", ErrTruncated, ansiHeaderLen, len(data))
	}
	off := 8
	n := uint64(binary.BigEndian.Uint16(data[off:]))
	off += 2
	hdr := ansiHeaderLen
	if n == 0 {
		hdr += 4
		if len(data) < hdr {
			return nil, fmt.Errorf("%w: ANSI header with 6-byte length needs %d bytes, have %d", ErrTruncated, hdr, len(data))
		}
		n = uint64(binary.BigEndian.Uint32(data[off:]))
		off += 4
	}
	if err := checkLength(n, len(data), hdr); err != nil {
		return nil, err
	}
	r := &Record{}
	r.ProductOwner = binary.BigEndian.Uint16(data[off:])
	r.ProductType = binary.BigEndian.Uint16(data[off+2:])
	r.Compliance, r.EquipmentID = splitEquipment(binary.BigEndian.Uint16(data[off+4:]))
	r.Width = binary.BigEndian.Uint16(data[off+6:])
	r.Height = binary.BigEndian.Uint16(data[off+8:])
	r.ResX = binary.BigEndian.Uint16(data[off+10:])
	r.ResY = binary.BigEndian.Uint16(data[off+12:])
	views := int(data[off+14])
	if err := r.readViews(data[hdr:n], hdr, views, ansiAngleUnit); err != nil {
		return nil, err
	}
	return r, nil
}

func checkMagic(data []byte) error {
	if len(data) < 8 {
		return fmt.Errorf("%w: %d bytes", ErrTruncated, len(data))
	}
	if string(data[:4]) != "FMR\x00" {
		return fmt.Errorf("%w: format identifier %q, want \"FMR\\x00\"", ErrFormat, data[:4])
	}
	if string(data[4:8]) != " 20\x00" {
		return fmt.Errorf("%w: version %q, want \" 20\\x00\"", ErrFormat, data[4:8])
	}
	return nil
}

func checkLength(n uint64, have, hdr int) error {
	switch {
	case n < uint64(hdr):
		return fmt.Errorf("%w: record length %d shorter than its %d-byte header", ErrMalformed, n, hdr)
	case n > uint64(have):
		return fmt.Errorf("%w: record length %d, have %d bytes", ErrTruncated, n, have)
	case n > maxRecordLen:
		return fmt.Errorf("%w: record length %d too large", ErrMalformed, n)
	}
	return nil
}

func splitEquipment(v uint16) (uint8, uint16) { return uint8(v >> 12), v & 0x0fff }

// readViews reads views finger views from b, which starts at byte base of the record.
func (r *Record) readViews(b []byte, base, views int, unit float64) error {
	if views == 0 {
		return nil
	}
	r.Views = make([]View, 0, min(views, len(b)/viewHeaderLen))
	off := 0
	for v := range views {
		if len(b)-off < viewHeaderLen {
			return fmt.Errorf("%w: finger view %d header at byte %d", ErrTruncated, v+1, base+off)
		}
		var fv View
		fv.Position = b[off]
		fv.ViewNumber = b[off+1] >> 4
		fv.Impression = b[off+1] & 0x0f
		fv.Quality = b[off+2]
		nm := int(b[off+3])
		off += viewHeaderLen
		if fv.Position > 10 {
			return fmt.Errorf("%w: finger view %d: finger position %d", ErrMalformed, v+1, fv.Position)
		}
		if len(b)-off < nm*minutiaLen {
			return fmt.Errorf("%w: finger view %d: %d minutiae at byte %d need %d bytes, have %d",
				ErrTruncated, v+1, nm, base+off, nm*minutiaLen, len(b)-off)
		}
		fv.Minutiae = make([]Minutia, nm)
		for i := range fv.Minutiae {
			m := b[off : off+minutiaLen]
			xw := binary.BigEndian.Uint16(m[0:2])
			yw := binary.BigEndian.Uint16(m[2:4])
			t := MinutiaType(xw >> 14)
			if t == 3 {
				return fmt.Errorf("%w: finger view %d minutia %d: reserved type 3", ErrMalformed, v+1, i+1)
			}
			angle := float64(m[4]) * unit
			if angle >= 360 {
				return fmt.Errorf("%w: finger view %d minutia %d: angle code %d", ErrMalformed, v+1, i+1, m[4])
			}
			fv.Minutiae[i] = Minutia{Type: t, X: xw & 0x3fff, Y: yw & 0x3fff, Angle: angle, Quality: m[5]}
			off += minutiaLen
		}
		if len(b)-off < 2 {
			return fmt.Errorf("%w: finger view %d extended data length at byte %d", ErrTruncated, v+1, base+off)
		}
		ext := int(binary.BigEndian.Uint16(b[off:]))
		off += 2
		if len(b)-off < ext {
			return fmt.Errorf("%w: finger view %d: extended data of %d bytes at byte %d, have %d",
				ErrTruncated, v+1, ext, base+off, len(b)-off)
		}
		if ext > 0 {
			fv.Extended = append([]byte(nil), b[off:off+ext]...)
		}
		off += ext
		r.Views = append(r.Views, fv)
	}
	return nil
}

// AppendISO appends r as an ISO/IEC 19794-2:2005 record to b.
func (r *Record) AppendISO(b []byte) ([]byte, error) {
	body, err := r.viewsLen()
	if err != nil {
		return b, err
	}
	n := isoHeaderLen + body
	b = append(b, "FMR\x00 20\x00"...)
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	b = r.appendCommon(b)
	return r.appendViews(b, isoAngleUnit, 256)
}

// AppendANSI appends r as an ANSI/INCITS 378-2004 record to b, with a 2-byte
// record length when it fits and a 6-byte one otherwise.
func (r *Record) AppendANSI(b []byte) ([]byte, error) {
	body, err := r.viewsLen()
	if err != nil {
		return b, err
	}
	n := ansiHeaderLen + body
	b = append(b, "FMR\x00 20\x00"...)
	if n <= 0xffff {
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	} else {
		b = binary.BigEndian.AppendUint16(b, 0)
		b = binary.BigEndian.AppendUint32(b, uint32(n+4))
	}
	b = binary.BigEndian.AppendUint16(b, r.ProductOwner)
	b = binary.BigEndian.AppendUint16(b, r.ProductType)
	b = r.appendCommon(b)
	return r.appendViews(b, ansiAngleUnit, 180)
}

func (r *Record) viewsLen() (int, error) {
	if len(r.Views) > 255 {
		return 0, fmt.Errorf("fingerprint: %d finger views, at most 255", len(r.Views))
	}
	n := 0
	for i, v := range r.Views {
		if len(v.Minutiae) > 255 {
			return 0, fmt.Errorf("fingerprint: finger view %d has %d minutiae, at most 255", i+1, len(v.Minutiae))
		}
		if len(v.Extended) > 0xffff {
			return 0, fmt.Errorf("fingerprint: finger view %d extended data of %d bytes", i+1, len(v.Extended))
		}
		if v.Position > 10 || v.ViewNumber > 15 || v.Impression > 15 {
			return 0, fmt.Errorf("fingerprint: finger view %d: position %d, view %d or impression %d out of range",
				i+1, v.Position, v.ViewNumber, v.Impression)
		}
		for j, m := range v.Minutiae {
			if m.X > 0x3fff || m.Y > 0x3fff || m.Type > TypeBifurcation {
				return 0, fmt.Errorf("fingerprint: finger view %d minutia %d out of range", i+1, j+1)
			}
			if math.IsNaN(m.Angle) || math.IsInf(m.Angle, 0) {
				return 0, fmt.Errorf("fingerprint: finger view %d minutia %d: angle %v", i+1, j+1, m.Angle)
			}
		}
		n += viewHeaderLen + len(v.Minutiae)*minutiaLen + 2 + len(v.Extended)
	}
	if n > maxRecordLen {
		return 0, fmt.Errorf("fingerprint: record of %d bytes too large", n)
	}
	return n, nil
}

func (r *Record) appendCommon(b []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(r.Compliance&0x0f)<<12|r.EquipmentID&0x0fff)
	b = binary.BigEndian.AppendUint16(b, r.Width)
	b = binary.BigEndian.AppendUint16(b, r.Height)
	b = binary.BigEndian.AppendUint16(b, r.ResX)
	b = binary.BigEndian.AppendUint16(b, r.ResY)
	return append(b, byte(len(r.Views)), 0)
}

func (r *Record) appendViews(b []byte, unit float64, codes int) ([]byte, error) {
	for _, v := range r.Views {
		b = append(b, v.Position, v.ViewNumber<<4|v.Impression&0x0f, v.Quality, byte(len(v.Minutiae)))
		for _, m := range v.Minutiae {
			b = binary.BigEndian.AppendUint16(b, uint16(m.Type)<<14|m.X)
			b = binary.BigEndian.AppendUint16(b, m.Y)
			a := math.Mod(m.Angle, 360)
			if a < 0 {
				a += 360
			}
			c := int(math.Round(a/unit)) % codes
			b = append(b, byte(c), m.Quality)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(len(v.Extended)))
		b = append(b, v.Extended...)
	}
	return b, nil
}
