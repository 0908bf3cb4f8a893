// Package formats opens a file of features by its extension (Open): it
// hands the file to the reader of its format — geojson (and esrijson),
// kml (KML and KMZ), gpx, shp, gpkg, dxf, filegdb, one package each —
// places what the reader read in lon/lat, and refuses a file with nothing
// to draw with a layer.ReadError that says why. A reader never takes the
// program down and stops soon after its context is cancelled.
package formats
