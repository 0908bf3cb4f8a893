package app

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every interface string the code asks for exists in both languages.
func TestEveryStringTranslated(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`tr\([a-zA-Z.()]+, "([a-zA-Z]+)"\)`)
	n := 0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			s, ok := strs[m[1]]
			if !ok || s[0] == "" || s[1] == "" {
				t.Errorf("%s: string %q has no zh/en translation", f, m[1])
			}
		}
	}
	if n < 40 {
		t.Errorf("found only %d uses of tr()", n)
	}
}
