package formats

import (
	"encoding/json"
	"reflect"
	"testing"
)

// jsonProperties gives what json.Unmarshal into a map[string]any gives.
func TestJSONPropertiesMatchEncodingJSON(t *testing.T) {
	tests := []string{
		`{}`,
		`{"name":"巴中市","n":3,"f":-1.5e3,"ok":true,"no":false,"x":null}`,
		` { "a" : "b" , "c" : [1, {"d": "e"}], "o": {"p": [true, null]} } `,
		`{"esc":"line\nbreak \"quoted\" \u5df4\u4e2d","k\u0065y":1}`,
		`{"dup":1,"dup":"last"}`,
		`{"big":1e308,"tiny":5e-324,"zero":-0}`,
		`{"s":"a]b}c,d"}`,
		"{\"bad utf8\":\"\xff\xfe\"}",
	}
	for _, in := range tests {
		var want map[string]any
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		got, err := jsonProperties([]byte(in))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v (%v)\nwant %#v", in, got, err, want)
		}
	}
	for _, in := range []string{``, `null`, ` null `} {
		if got, err := jsonProperties([]byte(in)); err != nil || len(got) != 0 {
			t.Errorf("%q: %v, %v; want an empty map", in, got, err)
		}
	}
	for _, in := range []string{`5`, `"x"`, `[1]`} {
		if _, err := jsonProperties([]byte(in)); err == nil {
			t.Errorf("%q: no error for properties that are not an object", in)
		}
	}
}

// Differential: on any input, the hand readers and encoding/json agree —
// on a feature's properties, and on a whole FeatureCollection.
func FuzzJSONHandReader(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"name":"巴中","x":[1,2,{"y":null}],"z":"\u00e9\\"}`, `{"a":{"b":{"c":"d"}},"e":-1.25E-7}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"巴中"},"geometry":{"type":"Point","coordinates":[106.75,31.86]}},` +
			`{"properties":null,"Geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, raws, ok, _ := scanFeatureCollection(b, Options{}); ok {
			var fc struct {
				Features []featureRaw `json:"features"`
			}
			errW := json.Unmarshal(b, &fc)
			got, want := &Layer{}, &Layer{}
			errG := decodeFeatures(raws, got, Options{})
			if errW == nil {
				errW = decodeFeatures(fc.Features, want, Options{})
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
		got, errG := jsonProperties(b)
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
