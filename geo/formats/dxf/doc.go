// Package dxf reads AutoCAD drawings exchanged as DXF (ASCII and binary,
// R12 to current) as GDAL reads them: every entity of model space a
// feature, blocks exploded, texts as labelled points, layers and colours
// kept. A drawing names no coordinate system: it is guessed from its
// numbers (crs.Guess) and the guess reported, or read in its own numbers
// (layer.Options.Local) for placing by control points.
package dxf
