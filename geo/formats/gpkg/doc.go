// Package gpkg reads and writes OGC GeoPackages: every feature table,
// its geometry blobs checked before they are decoded, attribute-only and
// raster tables named.
package gpkg
