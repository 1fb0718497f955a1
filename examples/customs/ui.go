package main

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"net/http"
	"strings"
)

// uiPage is the officer's page: plain HTML, CSS and JavaScript in one file,
// no external resources, no build step.
//
//go:embed ui.html
var uiPage []byte

// uiCSP is the page's Content-Security-Policy: nothing but its own inline
// script and style (allowed by their hashes) and requests to this service.
var uiCSP = func() string {
	return "default-src 'none'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; " +
		"script-src " + inlineHashes("script") + "; style-src " + inlineHashes("style")
}()

// inlineHashes returns the CSP source expressions of the page's inline
// elements of the given tag.
func inlineHashes(tag string) string {
	var out []string
	rest := uiPage
	open, end := []byte("<"+tag+">"), []byte("</"+tag+">")
	for {
		i := bytes.Index(rest, open)
		if i < 0 {
			break
		}
		rest = rest[i+len(open):]
		j := bytes.Index(rest, end)
		if j < 0 {
			break
		}
		sum := sha256.Sum256(rest[:j])
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		rest = rest[j:]
	}
	if len(out) == 0 {
		return "'none'"
	}
	return strings.Join(out, " ")
}

func (sv *server) handleUI(w http.ResponseWriter, r *http.Request, id string) error {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", uiCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(uiPage)
	}
	return nil
}

// favicon is the page's icon: an eye, the watcher of the name.
const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
	`<rect width="32" height="32" rx="6" fill="#1d3557"/>` +
	`<path d="M3 16c4-6 8.5-9 13-9s9 3 13 9c-4 6-8.5 9-13 9S7 22 3 16z" fill="#fff"/>` +
	`<circle cx="16" cy="16" r="5" fill="#1d3557"/><circle cx="17.5" cy="14.5" r="1.6" fill="#fff"/></svg>`

func (sv *server) handleFavicon(w http.ResponseWriter, r *http.Request, id string) error {
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Cache-Control", "max-age=86400")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write([]byte(favicon))
	}
	return nil
}
