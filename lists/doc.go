// Package lists reads sanctions lists and watchlists into one entry model:
// the UN Security Council Consolidated List (XML), OFAC's SDN list (legacy
// CSV), the UK HM Treasury consolidated list (ConList CSV) and Raqib's own
// watchlist format (JSON Lines). It embeds a copy of the UN list as the
// default, and compares two versions of a list. It scores nothing.
package lists
