// Package xmlstream reads XML token by token in linear time for the KML
// and GPX readers: one element at a time built into a Node, the context
// checked and progress reported as it goes, declared encodings decoded.
package xmlstream
