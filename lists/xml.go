package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xnode is one element of a record, read into a small bounded tree.
type xnode struct {
	name  string
	text  string
	line  int
	attrs []xml.Attr
	kids  []*xnode
}

// child returns the first child called name, or nil.
func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// get returns the trimmed text of the first child called name.
func (n *xnode) get(name string) string {
	if k := n.child(name); k != nil {
		return clean(k.text)
	}
	return ""
}

// attr returns the trimmed value of the attribute called name (any namespace).
func (n *xnode) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return clean(a.Value)
		}
	}
	return ""
}

// values returns the trimmed non-empty VALUE texts under the children called name.
func (n *xnode) values(name string) []string {
	var out []string
	for _, k := range n.kids {
		if k.name != name {
			continue
		}
		for _, v := range k.kids {
			if t := clean(v.text); t != "" {
				out = append(out, t)
			}
		}
		if len(k.kids) == 0 {
			if t := clean(k.text); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// flat returns the texts of n and its descendants joined by "; ".
func (n *xnode) flat() string {
	var parts []string
	var walk func(*xnode)
	walk = func(x *xnode) {
		if t := clean(x.text); t != "" {
			if len(x.kids) == 0 && x != n && x.name != "VALUE" {
				t = x.name + ": " + t
			}
			parts = append(parts, t)
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(n)
	return strings.Join(parts, "; ")
}

// clean trims s and folds runs of white space (the lists wrap long values
// over lines) to one space.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\n\r\t  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// xmlStream reads an XML list token by token and its records into bounded
// trees: no field over MaxField, no record over MaxRecord bytes or maxNodes
// elements, no nesting deeper than MaxDepth; it looks at the context every
// few thousand tokens.
type xmlStream struct {
	st       *state
	dec      *xml.Decoder
	nodes    int
	recStart int64
	recLine  int
}

func newXMLStream(st *state, r io.Reader) *xmlStream {
	g := &guardReader{r: r, sep: '<', limit: MaxField}
	d := xml.NewDecoder(g)
	d.Strict = true
	return &xmlStream{st: st, dec: d}
}

func (x *xmlStream) line() int {
	l, _ := x.dec.InputPos()
	return l
}

// token returns the next token; errors are ParseErrors naming the line, and
// the end of input is io.EOF.
func (x *xmlStream) token() (xml.Token, error) {
	if err := x.st.tick(x.line()); err != nil {
		return nil, err
	}
	tok, err := x.dec.Token()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, x.xmlErr(err)
	}
	return tok, nil
}

// xmlErr turns a decoder error into a ParseError naming the line.
func (x *xmlStream) xmlErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Msg == "unexpected EOF" {
			return x.st.errf(se.Line, "", fmt.Errorf("truncated: %w", io.ErrUnexpectedEOF))
		}
		return x.st.errf(se.Line, "", errors.New(se.Msg))
	}
	if err == io.EOF {
		err = fmt.Errorf("truncated: %w", io.ErrUnexpectedEOF)
	}
	return x.st.errf(x.line(), "", err)
}

// record reads the element opened by start, at the given depth, into a tree
// within the record limits.
func (x *xmlStream) record(start xml.StartElement, depth int) (*xnode, error) {
	x.nodes = 0
	x.recStart = x.dec.InputOffset()
	x.recLine = x.line()
	return x.node(start, depth)
}

func (x *xmlStream) node(start xml.StartElement, depth int) (*xnode, error) {
	n := &xnode{name: start.Name.Local, line: x.line()}
	if len(start.Attr) > 0 {
		n.attrs = make([]xml.Attr, 0, len(start.Attr))
		for _, a := range start.Attr {
			if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
				continue
			}
			n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
		}
	}
	var text []byte
	for {
		tok, err := x.token()
		if err != nil {
			if err == io.EOF {
				err = x.xmlErr(err)
			}
			return nil, err
		}
		if x.dec.InputOffset()-x.recStart > int64(maxRecord) {
			return nil, x.st.errf(x.recLine, "", fmt.Errorf("%w: a record (from this line) longer than %d bytes", ErrTooLarge, maxRecord))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth+1 > MaxDepth {
				return nil, x.st.errf(x.line(), "", fmt.Errorf("%w: elements nested deeper than %d", ErrTooLarge, MaxDepth))
			}
			x.nodes++
			if x.nodes > maxNodes {
				return nil, x.st.errf(x.recLine, "", fmt.Errorf("%w: more than %d elements in one record", ErrTooLarge, maxNodes))
			}
			k, err := x.node(t, depth+1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		case xml.CharData:
			if len(text)+len(t) > MaxField {
				return nil, x.st.errf(x.line(), "", fmt.Errorf("%w: <%s> text longer than %d bytes", ErrTooLarge, n.name, MaxField))
			}
			text = append(text, t...)
		case xml.EndElement:
			n.text = string(text)
			return n, nil
		}
	}
}

// skipElement skips the element just opened, token by token (without
// building anything), keeping the context and limit checks.
func (x *xmlStream) skipElement() error {
	depth := 1
	for depth > 0 {
		tok, err := x.token()
		if err != nil {
			if err == io.EOF {
				err = x.xmlErr(err)
			}
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}
