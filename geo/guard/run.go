package guard

import "runtime/debug"

// Run calls fn and returns nil, or a *PanicError if fn panicked.
func Run(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	fn()
	return nil
}
