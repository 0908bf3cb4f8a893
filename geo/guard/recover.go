package guard

import "runtime/debug"

// Recover, deferred at a task's entry point with the address of its error
// result, turns a panic on that goroutine (or one a Group raised there)
// into a *PanicError in *err:
//
//	func Export(…) (err error) {
//		defer guard.Recover(&err)
//		…
//	}
func Recover(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if pe, ok := r.(*PanicError); ok {
		*err = pe
		return
	}
	*err = &PanicError{Value: r, Stack: debug.Stack()}
}
