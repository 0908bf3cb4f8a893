//go:build race

package app

// raceOn: the tests run under the race detector, which makes each event
// of the monkey several times slower.
const raceOn = true
