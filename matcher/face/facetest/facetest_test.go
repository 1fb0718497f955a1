package facetest_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/raqib/raqib/matcher/face/facetest"
)

func TestUnitAndDeterministic(t *testing.T) {
	a, b := facetest.New(3, 64), facetest.New(3, 64)
	ia, ib := a.Identity(), b.Identity()
	assert.Equal(t, ia, ib)
	sa := a.Sample(ia)
	assert.Equal(t, sa, b.Sample(ib))
	assert.NotEqual(t, ia, sa)
	for _, v := range [][]float32{ia, sa} {
		var ss float64
		for _, x := range v {
			ss += float64(x) * float64(x)
		}
		assert.InDelta(t, 1, math.Sqrt(ss), 1e-5)
	}
}

func ExampleGenerator() {
	g := facetest.New(1, 512)
	id := g.Identity()
	a, b := g.Sample(id), g.Sample(id)
	var cos float32
	for i := range a {
		cos += a[i] * b[i]
	}
	fmt.Println(len(a), cos > 0.5)
	// Output: 512 true
}
