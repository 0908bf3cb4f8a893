package geojson

import (
	"encoding/json"
	"io"

	orbjson "github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/layer"
)

// Write writes features as a GeoJSON FeatureCollection.
func Write(w io.Writer, fs []layer.Feature) error {
	fc := orbjson.NewFeatureCollection()
	for _, f := range fs {
		g := orbjson.NewFeature(f.Geometry)
		for k, v := range f.Props {
			g.Properties[k] = v
		}
		fc.Append(g)
	}
	b, err := json.MarshalIndent(fc, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
