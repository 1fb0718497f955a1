package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/screening/audit"
)

// chromium finds a Chromium or Chrome: $RAQIB_CHROMIUM, or one on the PATH.
func chromium() string {
	if p := os.Getenv("RAQIB_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestOfficerPageInBrowser drives the officer's page in a headless Chromium:
// a hit, a review, an Arabic name and an error, each with a screenshot
// written to $RAQIB_SCREENSHOTS (or a new temporary directory, named in the
// log). It skips where no Chromium is installed; CI installs one.
func TestOfficerPageInBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium installed (apt-get install -y chromium, or set RAQIB_CHROMIUM): the officer's page is not tested in a browser")
	}
	dir := os.Getenv("RAQIB_SCREENSHOTS")
	if dir == "" {
		var err error
		dir, err = os.MkdirTemp("", "raqib-screenshots-")
		require.NoError(t, err)
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	t.Logf("screenshots in %s", dir)

	aw, err := audit.Open(filepath.Join(t.TempDir(), "audit.jsonl"))
	require.NoError(t, err)
	defer aw.Close()
	ts := newService(t, testConfig(), aw, smallList(t, "v1", smallIDs...))

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 1000),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	text := func(t *testing.T, sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		require.NoError(t, err, sel)
		return v
	}
	for _, tc := range []struct {
		name   string
		fields map[string]string
		banner string
		check  func(t *testing.T)
	}{
		{"hit", map[string]string{"#name": "Ayman al-Zawahiri", "#birth_date": "1951-06-19", "#nationality": "EG"}, "HIT", func(t *testing.T) {
			rows := text(t, ".card table")
			assert.Regexp(t, `date of birth\s+\+100%`, rows, "an agreeing exact birth date is full agreement")
			assert.Regexp(t, `name\s+\+100%`, rows)
		}},
		{"review", map[string]string{"#name": "Jamal Lounis", "#birth_date": "1975"}, "REVIEW", func(t *testing.T) {
			assert.Regexp(t, `date of birth\s+-\d+%`, text(t, ".card table"), "a disagreeing birth date counts against")
		}},
		{"arabic", map[string]string{"#name": "أيمن محمد ربيع الظواهري"}, "HIT", func(t *testing.T) {
			dir, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS("#name"), "dir"))
			require.NoError(t, err)
			assert.Equal(t, "auto", dir.Value)
			assert.Contains(t, text(t, ".card h2"), "AIMAN MUHAMMED RABI AL-ZAWAHIRI")
		}},
		{"error", map[string]string{"#name": "   "}, "Error 400", func(t *testing.T) {
			assert.Contains(t, text(t, "#out .banner"), "no name, document or biometrics")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			steps := []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(ts.URL + "/"),
				chromedp.WaitVisible(chromedp.CSS("#q")),
			}
			_, err := chromedp.Run(bctx, chromedp.Steps(steps...))
			require.NoError(t, err)
			_, err = chromedp.Run(bctx, chromedp.Poll[chromedp.Void](`document.getElementById("lists").textContent.includes("UN v1")`))
			require.NoError(t, err)
			assert.Contains(t, text(t, "#lists"), "hit ≥ 0.85")
			hidden, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.getElementById("audit-note").hidden`))
			require.NoError(t, err)
			assert.False(t, hidden, "the audit sentence shows when the audit log is on")
			steps = nil
			for sel, v := range tc.fields {
				steps = append(steps, chromedp.SetValue(chromedp.CSS(sel), v))
			}
			steps = append(steps, chromedp.Click(chromedp.CSS("#go")), chromedp.WaitVisible(chromedp.CSS("#out .banner")))
			_, err = chromedp.Run(bctx, chromedp.Steps(steps...))
			require.NoError(t, err)
			banner := text(t, "#out .banner")
			assert.True(t, strings.HasPrefix(banner, tc.banner), "banner %q", banner)
			tc.check(t)
			png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
			require.NoError(t, err)
			path := filepath.Join(dir, "customs-"+tc.name+".png")
			require.NoError(t, os.WriteFile(path, png, 0o644))
			t.Logf("%s: %s", tc.name, path)
		})
	}

	// Without an audit log the page does not speak of one; the favicon is
	// served.
	plain := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	_, err = chromedp.Run(bctx, chromedp.Steps(chromedp.Navigate(plain.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#q"))))
	require.NoError(t, err)
	_, err = chromedp.Run(bctx, chromedp.Poll[chromedp.Void](`document.getElementById("lists").textContent.includes("UN v1")`))
	require.NoError(t, err)
	hidden, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.getElementById("audit-note").hidden`))
	require.NoError(t, err)
	assert.True(t, hidden, "no audit sentence without an audit log")
	icon, err := chromedp.Run(bctx, chromedp.Evaluate[string](`fetch("/favicon.svg").then(r => r.status + " " + r.headers.get("content-type"))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.Equal(t, "200 image/svg+xml", icon)
}
