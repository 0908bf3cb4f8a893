package guard_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/planatlas/planatlas/geo/guard"
)

func TestRun(t *testing.T) {
	var nilMap map[string]int
	tests := []struct {
		name  string
		fn    func()
		fault bool
		words string
	}{
		{"returns", func() {}, false, ""},
		{"panic with a string", func() { panic("boom") }, true, "boom"},
		{"nil map write", func() { nilMap["a"] = 1 }, true, "assignment to entry in nil map"},
		{"index out of range", func() { _ = []int{}[len(nilMap)+3] }, true, "index out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := guard.Run(tt.fn)
			if (err != nil) != tt.fault {
				t.Fatalf("Run: %v, want fault %v", err, tt.fault)
			}
			if err == nil {
				return
			}
			var pe *guard.PanicError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.words) || len(pe.Stack) == 0 {
				t.Fatalf("Run: %v (%T), want a PanicError saying %q with a stack", err, err, tt.words)
			}
		})
	}
}

func TestRunRuntimeErrorUnwraps(t *testing.T) {
	var p *struct{ x int }
	err := guard.Run(func() { _ = p.x })
	var re runtime.Error
	if !errors.As(err, &re) {
		t.Fatalf("Run: %v, want it to unwrap to a runtime.Error", err)
	}
}

func TestGoReportsOnItsGoroutine(t *testing.T) {
	got := make(chan error, 1)
	guard.Go(func() { panic("worker fault") }, func(err error) { got <- err })
	select {
	case err := <-got:
		if !strings.Contains(err.Error(), "worker fault") {
			t.Fatalf("reported %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the panic was never reported")
	}
	// A goroutine that ends well reports nothing.
	done := make(chan struct{})
	guard.Go(func() { close(done) }, func(err error) { t.Errorf("reported %v for a goroutine that returned", err) })
	<-done
}

func ExampleRun() {
	err := guard.Run(func() {
		var m map[string]int
		m["x"]++ // a fault in code reading a file
	})
	fmt.Println(err)
	// Output: internal fault: assignment to entry in nil map
}

func TestGroupRaisesTheFirstPanicWhereRecoverCatchesIt(t *testing.T) {
	task := func(fault int) (err error) {
		defer guard.Recover(&err)
		var g guard.Group
		for w := 0; w < 4; w++ {
			g.Go(func() {
				if w == fault {
					panic(fmt.Sprintf("band %d", w))
				}
			})
		}
		g.Raise()
		return nil
	}
	if err := task(-1); err != nil {
		t.Fatalf("no fault: %v", err)
	}
	err := task(2)
	var pe *guard.PanicError
	if !errors.As(err, &pe) || pe.Value != "band 2" {
		t.Fatalf("task with a faulty band: %v, want the band's PanicError", err)
	}
}

func TestRecoverKeepsAnOrdinaryResult(t *testing.T) {
	f := func() (err error) {
		defer guard.Recover(&err)
		return errors.New("plain")
	}
	if err := f(); err == nil || err.Error() != "plain" {
		t.Fatalf("got %v", err)
	}
}
