package monitor

// withTrustDelta makes the Monitor take the incremental path even when the
// Screener reports that the weights changed: the tests build list pairs
// whose weights do not change (ghostLists) and check the path against a
// full re-screen.
func withTrustDelta() Option {
	return func(c *config) error {
		c.policy = trustDelta
		return nil
	}
}
