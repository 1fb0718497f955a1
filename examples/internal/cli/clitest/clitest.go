// Package clitest reads the commands that run an example program out of the
// README, so that the program's tests can run each one as written.
package clitest

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Command is one command of the README.
type Command struct {
	Line   string   // the command as the README writes it
	Args   []string // the program's arguments, shell quotes removed
	Stdin  string   // the file after "<"; "" for none
	Stdout string   // the file after ">"; "" for none
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
