// Package gpx reads GPS Exchange files as a stream: waypoints as points,
// routes and tracks as lines.
package gpx
