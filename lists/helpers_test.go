package lists

import (
	"context"
	"io"
)

// readFormat runs one format's reader as Read does, without detection or digest.
func readFormat(f func(*state, io.Reader) (*List, error), r io.Reader, name string) (*List, error) {
	st := newState(context.Background(), name)
	l, err := f(st, r)
	if err != nil {
		return nil, err
	}
	if err := st.finish(l); err != nil {
		return nil, err
	}
	return l, nil
}

func readOFACNoSide(st *state, r io.Reader) (*List, error) { return readOFAC(st, r, nil) }
