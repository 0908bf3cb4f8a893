// Package kml reads KML and KMZ as a stream, in their declared encoding:
// placemarks with their geometries, names, descriptions and extended data;
// links are named, never followed.
package kml
