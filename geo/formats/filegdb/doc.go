// Package filegdb reads Esri File Geodatabases (a .gdb folder, or one
// zipped) as GDAL's OpenFileGDB driver reads them: every feature class, its
// fields with their aliases and coded-value domains, points, lines, areas,
// curves and multipatches, each class in its own coordinate system.
package filegdb
