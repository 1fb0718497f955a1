package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/lists"
)

// Limits on what a manifest may hold. A flight manifest has hundreds of
// passengers; a day at a land crossing tens of thousands.
const (
	maxLine       = 1 << 20 // one JSON line: a face vector of a few thousand floats fits
	maxField      = 64 << 10
	maxPassengers = 1 << 20
	maxFaceDims   = 4096
)

// passenger is one line of a manifest. Err, when set, says why the line
// could not be read; the other fields are then what could be read.
type passenger struct {
	File        string // the manifest's name
	Line        int    // the line the passenger starts on, from 1
	ID          string
	Name        string
	Surname     string
	GivenNames  string
	BirthDate   string
	Nationality string
	Sex         string
	Document    document
	MRZ         string // the zone's lines separated by "\n"
	VisaMRZ     string // a visa's zone, likewise
	Face        *lists.FaceTemplate
	Err         error
}

// document is the travel document of a passenger given as fields.
type document struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number,omitempty"`
	Country string `json:"country,omitempty"`
}

// record is one JSON Lines passenger.
type record struct {
	ID          string              `json:"id"`
	Name        string              `json:"name"`
	Surname     string              `json:"surname"`
	GivenNames  string              `json:"given_names"`
	BirthDate   string              `json:"birth_date"`
	Nationality string              `json:"nationality"`
	Sex         string              `json:"sex"`
	Gender      string              `json:"gender"` // the screen example's name for sex
	Document    *document           `json:"document"`
	MRZ         zone                `json:"mrz"`
	VisaMRZ     zone                `json:"visa_mrz"`
	Face        *lists.FaceTemplate `json:"face"`
}

// zone is an MRZ in JSON: one string (lines separated by newlines or
// spaces) or an array of lines.
type zone string

func (z *zone) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*z = zone(mrzLines(s))
		return nil
	}
	var ls []string
	if err := json.Unmarshal(b, &ls); err != nil {
		return errors.New("a zone (mrz, visa_mrz) is a string or an array of lines")
	}
	*z = zone(mrzLines(strings.Join(ls, "\n")))
	return nil
}

// mrzLines puts each line of a zone on its own line: document readers and
// spreadsheets separate them by newlines, spaces or '|'.
func mrzLines(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}), "\n")
}

// csvColumns are the columns a CSV manifest may have, in the order
// docs/border.md lists them. Column names are matched without regard to case.
var csvColumns = []string{
	"id", "name", "surname", "given_names", "birth_date", "nationality", "sex", "gender",
	"document_type", "document_number", "document_country", "mrz", "visa_mrz", "face_model", "face_vector",
}

// readManifest reads a manifest, JSON Lines or CSV as its first non-blank
// byte says ('{' is JSON). It returns an error, naming the file and line,
// only for a manifest it cannot read at all: an I/O error, a file that is
// neither format, a CSV header it does not know. A bad passenger line is
// returned as a passenger with Err set.
func readManifest(r io.Reader, name string) ([]passenger, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, fmt.Errorf("%s: empty manifest", name)
	case trimmed[0] == '{':
		return readJSONL(br, name)
	case trimmed[0] == '[':
		return nil, fmt.Errorf("%s:1: a JSON array: want JSON Lines (one passenger object a line) or CSV", name)
	}
	return readCSV(br, name)
}

func readJSONL(r io.Reader, name string) ([]passenger, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var out []passenger
	line := 0
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		text = bytes.TrimSpace(text)
		if len(text) == 0 {
			continue
		}
		if len(out) == maxPassengers {
			return nil, fmt.Errorf("%s:%d: more than %d passengers: split the manifest", name, line, maxPassengers)
		}
		p := passenger{Line: line}
		var rec record
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		err := dec.Decode(&rec)
		if err == nil && dec.More() {
			err = errors.New("more than one JSON value on the line")
		}
		if err != nil {
			// Keep the passenger's ID when the line has one before its fault.
			p.ID = cli.RecoverID(text)
			err = cli.JSONError(err)
		} else {
			p.ID, p.Name, p.Surname, p.GivenNames = rec.ID, rec.Name, rec.Surname, rec.GivenNames
			p.BirthDate, p.Nationality, p.Sex = rec.BirthDate, rec.Nationality, rec.Sex
			p.MRZ, p.VisaMRZ = string(rec.MRZ), string(rec.VisaMRZ)
			if p.Sex == "" {
				p.Sex = rec.Gender
			}
			if rec.Document != nil {
				p.Document = *rec.Document
			}
			p.Face = rec.Face
			err = p.check()
		}
		p.finish(name, err)
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes", name, line+1, maxLine)
		}
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}

func readCSV(r io.Reader, name string) ([]passenger, error) {
	ll := &lineLimiter{r: r, line: 1}
	cr := csv.NewReader(ll)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !known(h) {
			return nil, fmt.Errorf("%s:1: column %d %q is not a manifest column (want JSON Lines, or CSV with columns among %s)",
				name, i+1, cli.Truncate(h, 40), strings.Join(csvColumns, ", "))
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("%s:1: column %q appears twice", name, h)
		}
		col[h] = i
	}
	_, hasName := col["name"]
	_, hasSurname := col["surname"]
	_, hasMRZ := col["mrz"]
	if !hasName && !hasSurname && !hasMRZ {
		return nil, fmt.Errorf("%s:1: the header has no name, surname or mrz column", name)
	}
	var out []passenger
	lastLine := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: after line %d: %w", name, lastLine, err)
		}
		if len(out) == maxPassengers {
			return nil, fmt.Errorf("%s:%d: more than %d passengers: split the manifest", name, lastLine+1, maxPassengers)
		}
		if pe != nil {
			p := passenger{Line: pe.StartLine}
			if i, ok := col["id"]; ok {
				p.ID = ll.field(pe.StartLine, i)
			}
			p.finish(name, pe.Err)
			out = append(out, p)
			lastLine = pe.Line
			continue
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" && len(header) > 1 {
			continue // a blank line
		}
		p := passenger{Line: line}
		if i, ok := col["id"]; ok && i < len(rec) {
			p.ID = strings.TrimSpace(rec[i])
		}
		if len(rec) != len(header) {
			p.finish(name, fmt.Errorf("%d fields, the header has %d", len(rec), len(header)))
			out = append(out, p)
			continue
		}
		get := func(c string) string {
			if i, ok := col[c]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		p.ID, p.Name, p.Surname, p.GivenNames = get("id"), get("name"), get("surname"), get("given_names")
		p.BirthDate, p.Nationality, p.Sex = get("birth_date"), get("nationality"), get("sex")
		if p.Sex == "" {
			p.Sex = get("gender")
		}
		p.Document = document{Type: get("document_type"), Number: get("document_number"), Country: get("document_country")}
		p.MRZ, p.VisaMRZ = mrzLines(get("mrz")), mrzLines(get("visa_mrz"))
		err = nil
		if model, vec := get("face_model"), get("face_vector"); model != "" || vec != "" {
			p.Face, err = parseFace(model, vec)
		}
		if err == nil {
			for _, f := range rec {
				if len(f) > maxField {
					err = fmt.Errorf("a field of %d bytes (at most %d)", len(f), maxField)
					break
				}
			}
		}
		if err == nil {
			err = p.check()
		}
		p.finish(name, err)
		out = append(out, p)
	}
}

// errLongLine stops reading a CSV manifest with a line longer than maxLine.
var errLongLine = fmt.Errorf("line longer than %d bytes", maxLine)

// lineLimiter fails once a line grows longer than maxLine, so that a CSV
// field with no end cannot take all memory. It keeps the start of the
// lines read lately, so that a record the CSV reader cannot parse can still
// be named by its ID (see field).
type lineLimiter struct {
	r    io.Reader
	cur  int // bytes since the last newline
	line int // the line being read, from 1
	// heads holds the first headLen bytes of the last len(heads) lines, by
	// line number modulo len(heads); more lines than the CSV reader buffers
	// ahead of its records.
	heads [8192][]byte
}

const headLen = 160

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.cur = 0
			l.line++
			l.heads[l.line%len(l.heads)] = l.heads[l.line%len(l.heads)][:0]
			continue
		}
		if l.cur++; l.cur > maxLine {
			return 0, errLongLine
		}
		if h := &l.heads[l.line%len(l.heads)]; len(*h) < headLen {
			*h = append(*h, c)
		}
	}
	return n, err
}

// field returns field i of the record starting on a line read lately, read
// leniently (stray quotes allowed) from the line's start; "" when the line
// is no longer held or the field is not in its start.
func (l *lineLimiter) field(line, i int) string {
	if line <= l.line-len(l.heads) || line > l.line {
		return ""
	}
	head := l.heads[line%len(l.heads)]
	if len(head) == headLen {
		// The last field may be cut: only whole fields before it count.
		head = head[:bytes.LastIndexByte(head, ',')+1]
	}
	cr := csv.NewReader(bytes.NewReader(head))
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err != nil || i >= len(rec) || (len(head) > 0 && head[len(head)-1] == ',' && i == len(rec)-1) {
		return ""
	}
	return cli.Truncate(strings.TrimSpace(rec[i]), 100)
}

func known(col string) bool {
	for _, c := range csvColumns {
		if c == col {
			return true
		}
	}
	return false
}

// parseFace reads a face embedding from CSV: the model ID and the vector's
// numbers separated by spaces, commas or semicolons, optionally in brackets.
func parseFace(model, vec string) (*lists.FaceTemplate, error) {
	f := &lists.FaceTemplate{Model: model}
	for _, s := range strings.FieldsFunc(vec, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '[' || r == ']' || r == '\t'
	}) {
		if len(f.Vector) == maxFaceDims {
			return nil, fmt.Errorf("face_vector: more than %d numbers", maxFaceDims)
		}
		x, err := strconv.ParseFloat(s, 32)
		if err != nil {
			return nil, fmt.Errorf("face_vector: %q is not a number", cli.Truncate(s, 20))
		}
		f.Vector = append(f.Vector, float32(x))
	}
	return f, nil
}

// name returns the passenger's name as the manifest gives it.
func (p *passenger) name() string {
	if n := strings.TrimSpace(p.Name); n != "" {
		return n
	}
	return strings.TrimSpace(p.GivenNames + " " + p.Surname)
}

// check validates what was read of a passenger.
func (p *passenger) check() error {
	if p.Face != nil {
		if p.Face.Model == "" {
			return errors.New("face: no model ID")
		}
		if len(p.Face.Vector) == 0 {
			return errors.New("face: empty vector")
		}
		if len(p.Face.Vector) > maxFaceDims {
			return fmt.Errorf("face: %d numbers (at most %d)", len(p.Face.Vector), maxFaceDims)
		}
		for _, x := range p.Face.Vector {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return errors.New("face: vector holds a value that is not a finite number")
			}
		}
	}
	if p.Name == "" && p.Surname == "" && p.GivenNames == "" && p.MRZ == "" && p.VisaMRZ == "" && p.Document.Number == "" && p.Face == nil {
		return errors.New("no name, MRZ, document number or face: nothing to screen")
	}
	return nil
}

// finish sets the passenger's ID (the file and line when the manifest gives
// none) and its error, which names the file and line.
func (p *passenger) finish(name string, err error) {
	p.File = name
	if p.ID == "" {
		p.ID = fmt.Sprintf("%s:%d", name, p.Line)
	}
	if err != nil {
		p.Err = fmt.Errorf("%s:%d: %w", name, p.Line, err)
	}
}
