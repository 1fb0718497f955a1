// Package lists reads sanctions lists and watchlists into one entry model:
// the UN Security Council Consolidated List (XML), OFAC's SDN list (legacy
// CSV and the advanced XML), the UK HM Treasury consolidated list (ConList
// CSV), Canada's Special Economic Measures Act list (XML), FollowTheMoney
// entities as OpenSanctions publishes them (JSON Lines, with their delta
// files) and Raqib's own watchlist format (JSON Lines). Load and Read detect
// the format from the content; every reader streams, bounds what it holds,
// names the file and line of what it cannot read, and gives the list a
// SHA-256 digest of its bytes. The package embeds a copy of the UN list as
// the default, and compares two versions of a list (Diff, or LoadFtMDelta
// for an FtM delta). It scores nothing. docs/formats.md maps every format's
// fields.
package lists
