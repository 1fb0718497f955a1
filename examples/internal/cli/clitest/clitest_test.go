package clitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCommands(t *testing.T) {
	readme := []byte("# T\n\n```sh\n" +
		`go run ./examples/screen "Ayman al-Zawahiri" 'Jamal Lounisi'   # names` + "\n" +
		"go run ./examples/screen -json -queries q.jsonl > out.jsonl\n" +
		"go run ./examples/border -manifest - < m.jsonl\n" +
		"curl -s localhost:8080\n" +
		"```\n\ngo run ./examples/screen not-in-a-block\n```go\ngo run ./examples/screen x\n```\n")
	cmds, err := Commands(readme, "./examples/screen")
	require.NoError(t, err)
	assert.Equal(t, []Command{
		{Line: `go run ./examples/screen "Ayman al-Zawahiri" 'Jamal Lounisi'   # names`, Args: []string{"Ayman al-Zawahiri", "Jamal Lounisi"}},
		{Line: "go run ./examples/screen -json -queries q.jsonl > out.jsonl", Args: []string{"-json", "-queries", "q.jsonl"}, Stdout: "out.jsonl"},
	}, cmds)
	cmds, err = Commands(readme, "./examples/border")
	require.NoError(t, err)
	assert.Equal(t, []Command{{Line: "go run ./examples/border -manifest - < m.jsonl", Args: []string{"-manifest", "-"}, Stdin: "m.jsonl"}}, cmds)

	_, err = Commands([]byte("```sh\ngo run ./examples/screen \"open\n```\n"), "./examples/screen")
	assert.EqualError(t, err, `README line 2: unterminated " quote`)
}
