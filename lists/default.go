package lists

import (
	"bytes"
	"context"
	_ "embed"
	"slices"
	"sync"
)

// defaultUN is the UN Security Council Consolidated List of 2026-05-08.
//
//go:embed default/un-consolidated-2026-05-08.xml
var defaultUN []byte

var defaultList = sync.OnceValues(func() (*List, error) {
	return read(context.Background(), bytes.NewReader(defaultUN), "un-consolidated-2026-05-08.xml", nil, nil)
})

// Default returns the list embedded in the package: the UN Security Council
// Consolidated List generated on 2026-05-08 (1009 entries). It is parsed once;
// Default is safe for concurrent use. The returned List is the caller's, but
// its entries share memory with every other caller's: do not modify them
// (copy an entry before changing its slices or map).
func Default() (*List, error) {
	l, err := defaultList()
	if err != nil {
		return nil, err
	}
	c := *l
	c.Entries = slices.Clone(l.Entries)
	c.Skipped = slices.Clone(l.Skipped)
	return &c, nil
}
