package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Open opens the input a flag names — a file, or standard input for "-" —
// and returns it buffered, with the name to use in messages ("stdin" for
// standard input) and a function that closes it. It refuses, naming what it
// is, content that no program here reads as text: a gzip, bzip2, xz or ZIP
// archive, a PDF, an HTML or XML page, UTF-16 text, binary data or text that
// is not UTF-8. The error names the path once.
func Open(path string, stdin io.Reader) (r *bufio.Reader, name string, closeFn func() error, err error) {
	var src io.Reader = stdin
	name, closeFn = "stdin", func() error { return nil }
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, "", nil, err // *PathError: "open PATH: why"
		}
		src, name, closeFn = f, path, f.Close
	}
	r = bufio.NewReaderSize(src, 64<<10)
	head, err := r.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		closeFn()
		return nil, "", nil, fmt.Errorf("%s: %w", name, err)
	}
	if what := Sniff(head); what != "" {
		closeFn()
		return nil, "", nil, fmt.Errorf("%s: %s", name, what)
	}
	return r, name, closeFn, nil
}

// magic are the starts of files that are not text.
var magic = []struct{ prefix, what string }{
	{"\x1f\x8b", "a gzip-compressed file: decompress it first (gunzip)"},
	{"BZh", "a bzip2-compressed file: decompress it first (bunzip2)"},
	{"\xfd7zXZ\x00", "an xz-compressed file: decompress it first (unxz)"},
	{"PK\x03\x04", "a ZIP archive: extract the file from it first"},
	{"%PDF-", "a PDF document, not machine-readable text"},
	{"\xff\xfe", "UTF-16 text: convert it to UTF-8 first"},
	{"\xfe\xff", "UTF-16 text: convert it to UTF-8 first"},
}

// Sniff says what the first bytes of an input are when they are not text a
// program here reads (see Open), and "" when they may be: UTF-8 text that
// is not markup.
func Sniff(head []byte) string {
	for _, m := range magic {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.what
		}
	}
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	lower := bytes.ToLower(b[:min(len(b), 64)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")):
		return "an HTML page, not a data file (a download that returned a web page?)"
	case bytes.HasPrefix(b, []byte("<")):
		return "an XML file: want JSON Lines (lists are given with -list)"
	case bytes.IndexByte(head, 0) >= 0:
		return "binary data, not text"
	}
	// A rune cut by the end of the head is not an error.
	if len(head) >= 4 {
		for i := 1; i < 4; i++ {
			if utf8.RuneStart(head[len(head)-i]) {
				if !utf8.FullRune(head[len(head)-i:]) {
					head = head[:len(head)-i]
				}
				break
			}
		}
	}
	if !utf8.Valid(head) {
		return "text that is not UTF-8 (Windows-1252 or Latin-1?): convert it to UTF-8 first"
	}
	return ""
}

// JSONError rewrites an error of encoding/json for a person: no Go type
// names, no "json:" prefix, the field and what it should hold. Other errors
// are returned as they are.
func JSONError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON ends too early (the line is cut short?)")
	case errors.As(err, &syn):
		return fmt.Errorf("not valid JSON at character %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("want a JSON object, got %s", jsonWord(typ.Value))
		}
		return fmt.Errorf("%s: want %s, got %s", typ.Field, JSONType(typ.Type), jsonWord(typ.Value))
	}
	if s, ok := strings.CutPrefix(err.Error(), "json: "); ok {
		return errors.New(s) // "unknown field \"nmae\""
	}
	return err
}

// jsonWord names a JSON value as UnmarshalTypeError.Value gives it.
func jsonWord(v string) string {
	switch v {
	case "string", "number":
		return "a " + v
	case "object", "array":
		return "an " + v
	case "bool":
		return "true or false"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + Truncate(n, 20) + ", out of range"
	}
	return v
}

// JSONType names, in JSON words, what a value of Go type t is read from
// ("a string", "a whole number", "base64 text"): for messages about a JSON
// value of the wrong type that name no Go type.
func JSONType(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64 text"
		}
		return "an array"
	}
	return "an object"
}

// RecoverID returns the "id" of a JSON object on a line that could not be
// read as a whole (cut short, a misspelt field, a value of the wrong type),
// so that the error can name the record by it; "" when the line has no
// readable id before the fault.
func RecoverID(line []byte) string {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for {
		key, err := dec.Token()
		k, ok := key.(string)
		if err != nil || !ok {
			return "" // the object ended without an id, or the fault came first
		}
		if k == "id" {
			v, _ := dec.Token()
			switch v := v.(type) {
			case string:
				return Truncate(v, 100)
			case json.Number:
				return v.String()
			}
			return ""
		}
		if err := skipValue(dec); err != nil {
			return ""
		}
	}
}

// skipValue reads one whole value from dec.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth <= 0 {
			return nil
		}
	}
}
