package guard

// Go runs fn on a new goroutine. A panic in fn is recovered and handed to
// report (on that goroutine) as a *PanicError instead of ending the
// process; report may be nil when the caller learns of the failure
// otherwise (a result left unset).
func Go(fn func(), report func(error)) {
	go func() {
		if err := Run(fn); err != nil && report != nil {
			report(err)
		}
	}()
}
