// Package shp reads Esri shapefiles with their .shx, .dbf (in the code
// page its .cpg or its header names, or GBK when the text says so) and
// .prj.
package shp
