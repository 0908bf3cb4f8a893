package dxf_test

import (
	"testing"

	"github.com/planatlas/planatlas/geo/formats/dxf"
	"github.com/planatlas/planatlas/geo/layer"
)

// FuzzParseDXF feeds the DXF reader: blocks nested and inserted, bulges,
// hatches, splines, text in GBK.
func FuzzParseDXF(f *testing.F) {
	f.Add(handDXF())
	f.Add(binaryDXF(f, handDXF(), false))
	f.Add(binaryDXF(f, handDXF(), true))
	f.Add([]byte("0\nSECTION\n2\nENTITIES\n0\nLINE\n8\n0\n10\n1\n20\n2\n11\n3\n21\n4\n0\nENDSEC\n0\nEOF\n"))
	f.Add([]byte("0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nA\n0\nINSERT\n2\nA\n0\nENDBLK\n0\nENDSEC\n2\nENTITIES\n0\nINSERT\n2\nA\n0\nENDSEC\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := dxf.Parse(b, layer.Options{EPSG: 4326})
		if err == nil && l == nil {
			t.Fatal("no layer and no error")
		}
	})
}
