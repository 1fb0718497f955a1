// Package fingerprinttest generates synthetic fingers for tests and
// evaluations: master minutiae sets and noisy impressions of them, encoded as
// ISO/IEC 19794-2:2005 records. Everything is deterministic for a seed.
//
// A master finger has 25 to 70 minutiae inside an elliptical finger area of a
// 400 × 500 pixel, 500 dpi frame; minutia directions follow a smooth
// loop-like ridge orientation field (core and delta), so that unrelated
// fingers share local structure as real ones do. An impression rotates the
// finger by up to ±30° and shifts it by up to ±50 px, bends it with a smooth
// non-linear displacement field (up to about 10 px), adds position noise
// (σ = 4 px) and direction noise (σ = 10°), loses 20% of the minutiae,
// adds 10% spurious ones, and drops whatever falls outside the frame.
package fingerprinttest

import (
	"math"
	"math/rand/v2"

	"github.com/raqib/raqib/matcher/fingerprint"
)

// Threshold is the fingerprint.MinutiaeMatcher threshold for this
// generator's fingers, at a false match rate of about 1 in 60,000: 3 of
// 179,700 impostor pairs of 600 fingers reach it (the highest scores
// 0.190; 4 before the matcher's rotation limit), and 4 of their 3,600
// genuine pairs fall below it. Its impostors
// score lower than real templates' do, so fingerprint.DefaultThreshold,
// set on real templates, rejects more of its genuine pairs (1.15% of 1,000
// fingers'): tests on synthetic fingers set this one as their source's
// threshold, as an agency sets its extractor's.
const Threshold = 0.182

// The frame of every generated record: 400 × 500 pixels at 500 dpi (197 pixels per cm).
const (
	Width  = 400
	Height = 500
	Res    = 197
)

// Generator makes synthetic fingers. It is not safe for concurrent use.
type Generator struct {
	rng *rand.Rand
	// The impression parameters; New sets the defaults described in the package comment.
	MaxRotation    float64 // degrees
	MaxShift       float64 // pixels
	MaxDistortion  float64 // pixels, amplitude of the displacement field
	PositionNoise  float64 // pixels, σ
	AngleNoise     float64 // degrees, σ
	LossRate       float64 // share of master minutiae lost
	SpuriousRate   float64 // spurious minutiae, as a share of the master count
	TypeFlipRate   float64 // share of minutiae whose type (ending/bifurcation) flips
	MinMinutiae    int
	MaxMinutiae    int
	minSpacing     float64
	cx, cy, ax, ay float64 // finger ellipse
}

// New returns a Generator with the default parameters, seeded with seed (PCG).
func New(seed uint64) *Generator {
	return &Generator{
		rng:         rand.New(rand.NewPCG(seed, 0x5ee0f1e6e7)),
		MaxRotation: 30, MaxShift: 50, MaxDistortion: 10,
		PositionNoise: 4, AngleNoise: 10,
		LossRate: 0.2, SpuriousRate: 0.1, TypeFlipRate: 0.1,
		MinMinutiae: 25, MaxMinutiae: 70,
		minSpacing: 10,
		cx:         Width / 2, cy: Height/2 + 10, ax: 150, ay: 205,
	}
}

// Finger is a master finger: its true minutiae, before any impression noise.
type Finger struct {
	Position uint8   // finger position code written into its records
	minutiae []point // the true minutiae
}

type point struct {
	x, y, a float64 // a in radians
	t       fingerprint.MinutiaType
}

// Len returns the number of master minutiae.
func (f Finger) Len() int { return len(f.minutiae) }

// Finger returns a new master finger.
func (g *Generator) Finger() Finger {
	r := g.rng
	n := g.MinMinutiae + r.IntN(g.MaxMinutiae-g.MinMinutiae+1)
	// Orientation field: a loop with a core above a delta, both jittered.
	coreX := g.cx + (r.Float64()*2-1)*40
	coreY := g.cy - 40 + (r.Float64()*2-1)*40
	deltaX := coreX + (r.Float64()*2-1)*120
	deltaY := coreY + 140 + r.Float64()*80
	base := (r.Float64()*2 - 1) * 0.3
	orient := func(x, y float64) float64 {
		return base + 0.5*(math.Atan2(y-coreY, x-coreX)-math.Atan2(y-deltaY, x-deltaX))
	}
	f := Finger{Position: uint8(1 + r.IntN(10))}
	for tries := 0; len(f.minutiae) < n && tries < 50*n; tries++ {
		u, v := r.Float64()*2-1, r.Float64()*2-1
		if u*u+v*v > 1 {
			continue
		}
		x, y := g.cx+u*g.ax, g.cy+v*g.ay
		ok := true
		for _, p := range f.minutiae {
			if math.Hypot(p.x-x, p.y-y) < g.minSpacing {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		a := orient(x, y) + r.NormFloat64()*5*math.Pi/180
		if r.IntN(2) == 0 {
			a += math.Pi
		}
		t := fingerprint.TypeRidgeEnding
		if r.IntN(2) == 0 {
			t = fingerprint.TypeBifurcation
		}
		f.minutiae = append(f.minutiae, point{x, y, wrap(a), t})
	}
	return f
}

// Impression returns a noisy impression of f as a record with one finger view.
func (g *Generator) Impression(f Finger) *fingerprint.Record {
	r := g.rng
	rot := (r.Float64()*2 - 1) * g.MaxRotation * math.Pi / 180
	tx := (r.Float64()*2 - 1) * g.MaxShift
	ty := (r.Float64()*2 - 1) * g.MaxShift
	sin, cos := math.Sincos(rot)
	// Smooth displacement: two random plane waves per axis.
	type wave struct{ amp, kx, ky, ph float64 }
	var waves [4]wave
	for i := range waves {
		lambda := 250 + r.Float64()*350
		dir := r.Float64() * 2 * math.Pi
		waves[i] = wave{
			amp: r.Float64() * g.MaxDistortion / 2,
			kx:  2 * math.Pi / lambda * math.Cos(dir), ky: 2 * math.Pi / lambda * math.Sin(dir),
			ph: r.Float64() * 2 * math.Pi,
		}
	}
	place := func(x, y float64) (float64, float64) {
		dx := waves[0].amp*math.Sin(waves[0].kx*x+waves[0].ky*y+waves[0].ph) +
			waves[1].amp*math.Sin(waves[1].kx*x+waves[1].ky*y+waves[1].ph)
		dy := waves[2].amp*math.Sin(waves[2].kx*x+waves[2].ky*y+waves[2].ph) +
			waves[3].amp*math.Sin(waves[3].kx*x+waves[3].ky*y+waves[3].ph)
		x, y = x+dx-Width/2, y+dy-Height/2
		return Width/2 + cos*x - sin*y + tx, Height/2 + sin*x + cos*y + ty
	}
	var ms []fingerprint.Minutia
	add := func(x, y, a float64, t fingerprint.MinutiaType) {
		if x < 0 || y < 0 || x > Width-1 || y > Height-1 || len(ms) == 255 {
			return
		}
		deg := wrap(a) * 180 / math.Pi
		ms = append(ms, fingerprint.Minutia{
			Type: t, X: uint16(math.Round(x)), Y: uint16(math.Round(y)),
			Angle: math.Mod(deg, 360), Quality: uint8(40 + r.IntN(61)),
		})
	}
	for _, p := range f.minutiae {
		if r.Float64() < g.LossRate {
			continue
		}
		x, y := place(p.x, p.y)
		x += r.NormFloat64() * g.PositionNoise
		y += r.NormFloat64() * g.PositionNoise
		t := p.t
		if r.Float64() < g.TypeFlipRate {
			t = 3 - t
		}
		// Image y grows downwards, so a rotation by rot in image coordinates
		// turns counter-clockwise angles by -rot.
		add(x, y, -p.a-rot+r.NormFloat64()*g.AngleNoise*math.Pi/180, t)
	}
	spurious := int(math.Round(g.SpuriousRate * float64(len(f.minutiae))))
	for range spurious {
		u, v := r.Float64()*2-1, r.Float64()*2-1
		for u*u+v*v > 1 {
			u, v = r.Float64()*2-1, r.Float64()*2-1
		}
		x, y := place(g.cx+u*g.ax, g.cy+v*g.ay)
		add(x, y, r.Float64()*2*math.Pi, fingerprint.MinutiaType(1+r.IntN(2)))
	}
	// Shuffle so that the order of minutiae tells nothing.
	r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	return &fingerprint.Record{
		Width: Width, Height: Height, ResX: Res, ResY: Res,
		Views: []fingerprint.View{{Position: f.Position, Quality: uint8(50 + r.IntN(51)), Minutiae: ms}},
	}
}

// ISO returns a noisy impression of f encoded as an ISO/IEC 19794-2:2005 record.
func (g *Generator) ISO(f Finger) []byte {
	b, err := g.Impression(f).AppendISO(nil)
	if err != nil {
		panic("fingerprinttest: " + err.Error()) // cannot happen: the generator keeps every field in range
	}
	return b
}

func wrap(a float64) float64 {
	a = math.Mod(a, 2*math.Pi)
	if a < 0 {
		a += 2 * math.Pi
	}
	return a
}
