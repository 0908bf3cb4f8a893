package cli

import (
	"bytes"
	"testing"
	"time"
)

// A server that does not answer within the wait makes an export say how
// far it has come on the command line, once a second.
func TestTileProgressIsPrinted(t *testing.T) {
	var b bytes.Buffer
	f := tileProgress(&b, "zh")
	f(1, 3) // within the first second: quiet
	if b.Len() != 0 {
		t.Fatalf("printed at once: %q", b.String())
	}
	time.Sleep(1100 * time.Millisecond)
	f(2, 3)
	f(3, 3)
	if got := b.String(); got != "planatlas: 底图瓦片 2/3\nplanatlas: 底图瓦片 3/3\n" {
		t.Errorf("printed %q", got)
	}
	var quiet bytes.Buffer
	g := tileProgress(&quiet, "en")
	g(1, 1) // all came in the first second: nothing to say
	if quiet.Len() != 0 {
		t.Errorf("printed %q", quiet.String())
	}
}
