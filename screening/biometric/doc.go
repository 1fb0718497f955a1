// Package biometric holds the 1:N biometric galleries of a screening
// snapshot: a FaceGallery of embedding vectors and a FingerprintGallery of
// minutiae templates, both keyed by entry ID.
//
// A gallery is filled with Add or AddEntry, then searched with Search, which
// returns the best entries with their scores and a per-template decision
// (Match.Hit: the score reaches the threshold of the template's model or
// matcher). Search is safe for concurrent use, also with Add.
//
// Raw vectors and templates must never reach logs or audit records:
// FaceHash and FingerprintHash give a SHA-256 reference to record instead.
package biometric

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"

	"github.com/raqib/raqib/lists"
)

// Match is one gallery entry found by a search.
type Match struct {
	ID    string  // entry ID
	Score float64 // the best score over the entry's templates
	// Hit reports whether Score reaches the decision threshold of the
	// template's face model or fingerprint matcher.
	Hit bool
	// Template is the hash (FaceHash or FingerprintHash) of the entry's
	// template that scored best, for the audit record.
	Template string
}

// FaceHash returns the SHA-256 (hex) of a face template: the model ID, a
// zero byte, then each vector component as little-endian IEEE 754 bits,
// as given (not normalised).
func FaceHash(t lists.FaceTemplate) string {
	h := faceHash(t)
	return hex.EncodeToString(h[:])
}

func faceHash(t lists.FaceTemplate) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(t.Model))
	buf := make([]byte, 1, 1+4*len(t.Vector))
	for _, x := range t.Vector {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
	}
	h.Write(buf)
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// FingerprintHash returns the SHA-256 (hex) of a fingerprint template: the
// format, a zero byte, then the record bytes.
func FingerprintHash(t lists.FingerprintTemplate) string {
	h := sha256.New()
	h.Write([]byte(t.Format))
	h.Write([]byte{0})
	h.Write(t.Data)
	return hex.EncodeToString(h.Sum(nil))
}
