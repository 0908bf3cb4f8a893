// Package guard keeps a fault in code that handles untrusted input (a
// reader's worker, a tile fetcher, an overlay's preparation, an export)
// from taking the process down: a panic on such a goroutine becomes an
// error its owner reports, and the rest of the work goes on.
//
// Go does not let a recover on one goroutine catch a panic on another, so
// every goroutine that touches a file or a server's answer starts through
// Go or wraps its body in Run.
package guard

import "fmt"

// PanicError is a panic caught by Run: what was panicked with and the
// stack of the goroutine that panicked.
type PanicError struct {
	Value any
	Stack []byte
}

// Error says what was panicked with.
func (e *PanicError) Error() string { return fmt.Sprintf("internal fault: %v", e.Value) }

// Unwrap gives the panic's value when it was an error (a runtime error,
// say), so errors.As reaches it.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
