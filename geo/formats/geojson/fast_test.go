package geojson

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/planatlas/planatlas/geo/formats/internal/jsonscan"
	"github.com/planatlas/planatlas/geo/layer"
)

// Differential: on any input, the hand readers and encoding/json agree —
// on a feature's properties, and on a whole FeatureCollection.
func FuzzJSONHandReader(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"name":"巴中","x":[1,2,{"y":null}],"z":"\u00e9\\"}`, `{"a":{"b":{"c":"d"}},"e":-1.25E-7}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"巴中"},"geometry":{"type":"Point","coordinates":[106.75,31.86]}},` +
			`{"properties":null,"Geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, raws, ok, _ := scanFeatureCollection(b, layer.Options{}); ok {
			var fc struct {
				Features []featureRaw `json:"features"`
			}
			errW := json.Unmarshal(b, &fc)
			got, want := &layer.Layer{}, &layer.Layer{}
			errG := decodeFeatures(raws, got, layer.Options{})
			if errW == nil {
				errW = decodeFeatures(fc.Features, want, layer.Options{})
			}
			if (errG == nil) != (errW == nil) || (errG == nil && !reflect.DeepEqual(got, want)) {
				t.Fatalf("%q: by hand %v (%v), by encoding/json %v (%v)", b, got, errG, want, errW)
			}
		}
		if !json.Valid(b) {
			return
		}
		var want map[string]any
		errW := json.Unmarshal(b, &want)
		got, errG := jsonscan.Properties(b)
		if errW != nil {
			return // not an object (or a number out of range): encoding/json's error is reported instead
		}
		if errG != nil {
			t.Fatalf("%q: hand reader failed (%v) where encoding/json gave %#v", b, errG, want)
		}
		if want == nil {
			want = map[string]any{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
		}
	})
}
