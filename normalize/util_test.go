package normalize

import "golang.org/x/text/transform"

func transformWith(t transform.Transformer, s string) (string, int, error) {
	return transform.String(t, s)
}
