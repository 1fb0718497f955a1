package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/raqib/raqib/examples/internal/cli"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"internal error: encoding the response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, e *httpError) {
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="raqib"`)
	}
	writeJSON(w, e.status, map[string]string{"error": e.msg})
}

// maxDepth bounds the nesting of a request's JSON (a query nests three deep).
const maxDepth = 16

// jsonNames are the member names of the request types, exactly as they are
// written: encoding/json would match "NAME" to "name", which the service
// does not (strictKeys).
var jsonNames = func() map[string]bool {
	names := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			names[name] = true
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[batchRequest]())
	return names
}()

// decodeBody reads one JSON value of at most limit bytes from the request
// body into v, strictly: unknown members, members written in another case
// than the service's ("NAME" for "name"), members given twice and trailing
// data are errors. Errors name the byte offset where reading stopped and
// the JSON types involved, never Go's.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	if r.ContentLength > limit {
		return errorf(http.StatusRequestEntityTooLarge, "request body of %d bytes, larger than %d", r.ContentLength, limit)
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			return errorf(http.StatusRequestEntityTooLarge, "request body larger than %d bytes", big.Limit)
		}
		return errorf(http.StatusBadRequest, "reading the request body: %v", err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return errorf(http.StatusBadRequest, "empty request body: want a JSON object")
	}
	if err := strictKeys(b); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil {
		// One value only: anything but white space after it is an error.
		var extra json.RawMessage
		if err2 := dec.Decode(&extra); err2 != io.EOF {
			if err2 == nil {
				return errorf(http.StatusBadRequest, "bad JSON at offset %d: unexpected data after the JSON value", dec.InputOffset()-int64(len(extra)))
			}
			err = err2
		}
	}
	if err == nil {
		return nil
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(top level)"
		}
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: %s: want %s, got %s", typ.Offset, field, cli.JSONType(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: unexpected end of input", dec.InputOffset())
	default:
		// Unknown fields, bad base64 in a fingerprint template, ...
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: %s", dec.InputOffset(), truncate(strings.TrimPrefix(err.Error(), "json: "), 200))
	}
}

// strictKeys walks the JSON of b and refuses a member name given twice in
// one object (exactly or in another case: encoding/json would keep the last
// one), a member name that differs only in case from one of the service's,
// and nesting deeper than maxDepth. Syntax errors are left to the decoder,
// which names them better.
func strictKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type frame struct {
		object  bool
		wantKey bool
		keys    map[string]string // folded name -> name as written
	}
	var stack []*frame
	value := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF, or a syntax error the decoder reports
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				value()
				if len(stack) >= maxDepth {
					return errorf(http.StatusBadRequest, "bad JSON at offset %d: nested deeper than %d", dec.InputOffset(), maxDepth)
				}
				stack = append(stack, &frame{object: t == '{', wantKey: t == '{'})
			default:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		case string:
			top := (*frame)(nil)
			if n := len(stack); n > 0 {
				top = stack[n-1]
			}
			if top == nil || !top.object || !top.wantKey {
				value()
				continue
			}
			top.wantKey = false
			folded := foldName(t)
			if prev, dup := top.keys[folded]; dup {
				if prev == t {
					return errorf(http.StatusBadRequest, "bad JSON at offset %d: member %q given twice", dec.InputOffset(), truncate(t, 40))
				}
				return errorf(http.StatusBadRequest, "bad JSON at offset %d: members %q and %q differ only in case", dec.InputOffset(), truncate(prev, 40), truncate(t, 40))
			}
			if top.keys == nil {
				top.keys = map[string]string{}
			}
			top.keys[folded] = t
			if !jsonNames[t] && jsonNames[folded] && folded != t {
				return errorf(http.StatusBadRequest, "bad JSON at offset %d: unknown field %q (names are lower case: %q)", dec.InputOffset(), truncate(t, 40), folded)
			}
		default:
			value()
		}
	}
}

// foldName returns the service's member name that name matches without
// regard to case (as encoding/json matches them: Unicode case folding, "ſ"
// for "s" and "K" for "k" too), or name in lower case.
func foldName(name string) string {
	if jsonNames[name] {
		return name
	}
	for n := range jsonNames {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	return strings.ToLower(name)
}
