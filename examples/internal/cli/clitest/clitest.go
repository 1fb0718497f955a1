// Package clitest holds what the example programs' tests share: the
// commands of the README that run a program, so that its tests can run each
// one as written, and screeners shared between the runs of a test binary.
package clitest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// Command is one command of the README.
type Command struct {
	Line   string   // the command as the README writes it
	Args   []string // the program's arguments, shell quotes removed
	Stdin  string   // the file after "<"; "" for none
	Stdout string   // the file after ">"; "" for none
}

// Input returns the content of the file the command reads on standard
// input, "" when it reads none.
func (c Command) Input() (string, error) {
	if c.Stdin == "" {
		return "", nil
	}
	b, err := os.ReadFile(c.Stdin)
	return string(b), err
}

// Screeners shares screeners between the runs of a program in one test
// binary: an index of the UN list takes a second or more under -race. The
// zero value is ready.
type Screeners struct {
	mu sync.Mutex
	m  map[string]*screening.Screener
}

// Get returns the screener built for the same lists and options (opts, in
// words) before, or builds it with build.
func (c *Screeners) Get(ls []*lists.List, opts string, build func() (*screening.Screener, error)) (*screening.Screener, error) {
	key := opts
	for _, l := range ls {
		key += fmt.Sprintf("|%s %s %s %d", l.Source, l.Version, l.Digest, len(l.Entries))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[key]; ok {
		return s, nil
	}
	s, err := build()
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*screening.Screener{}
	}
	c.m[key] = s
	return s, nil
}

// Commands returns the lines of the README's sh blocks that start with
// "go run PROG" (PROG as "./examples/border"), in order. It understands
// what those lines use of the shell: single and double quotes, "<" and ">"
// redirections, and a trailing "#" comment.
func Commands(readme []byte, prog string) ([]Command, error) {
	var out []Command
	in := false
	sc := bufio.NewScanner(bytes.NewReader(readme))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		}
		if !in || !strings.HasPrefix(strings.TrimSpace(line), "go run "+prog+" ") && strings.TrimSpace(line) != "go run "+prog {
			continue
		}
		words, err := split(line)
		if err != nil {
			return nil, fmt.Errorf("README line %d: %w", n, err)
		}
		c := Command{Line: strings.TrimSpace(line)}
		for i := 3; i < len(words); i++ { // after "go run PROG"
			switch w := words[i]; {
			case (w == "<" || w == ">") && i+1 < len(words):
				if w == "<" {
					c.Stdin = words[i+1]
				} else {
					c.Stdout = words[i+1]
				}
				i++
			default:
				c.Args = append(c.Args, w)
			}
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// split splits a shell line into words.
func split(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case r == '#' && !inWord:
			return words, nil
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}
