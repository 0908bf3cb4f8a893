package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// planWords are words that name the built-in plan: its city and counties,
// its river, its date, its scope. Only the plan's generator and the data
// it reads may say them.
var planWords = regexp.MustCompile(`(?i)巴中|bazhong|巴州|恩阳|通江|南江|平昌|渠江|光雾山|2020-07-29|2020年7月29日|29 July 2020|成渝`)

// The code knows no plan by heart: no Go file outside the built-in plan's
// generator (assets/internal/genplan) names the built-in plan, in code or
// comment (seeds/ embeds its text without naming it). Tests may: they use
// the built-in plan as test data.
func TestNoPlanWordsInCode(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch filepath.ToSlash(path) {
			case "assets/internal/genplan", ".git", "testdata":
				return filepath.SkipDir
			}
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := planWords.FindString(line); m != "" {
				t.Errorf("%s:%d names the built-in plan (%q): %s", filepath.ToSlash(path), i+1, m, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
