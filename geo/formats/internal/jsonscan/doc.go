// Package jsonscan is the hand-written JSON scanner the GeoJSON and Esri
// JSON readers share: members and elements found without decoding, values
// and properties decoded as encoding/json would, JSON errors as facts.
package jsonscan
