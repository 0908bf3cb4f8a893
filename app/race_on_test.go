//go:build race

package app

// raceOn: the race detector is on, which multiplies memory and time.
const raceOn = true
