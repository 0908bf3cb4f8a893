// Package esrijson reads the Esri JSON FeatureSets an ArcGIS REST service
// answers with (attributes, geometry, spatialReference by wkid or WKT).
package esrijson
