// Package geojson reads GeoJSON (RFC 7946 and the older crs member),
// GeoJSON sequences, and — telling them apart — Esri JSON; large
// collections are decoded by workers, a fault in one feature reported and
// the rest kept. Write writes features as a FeatureCollection.
package geojson
