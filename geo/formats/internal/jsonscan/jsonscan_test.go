package jsonscan

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
		got, err := Properties([]byte(in))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v (%v)\nwant %#v", in, got, err, want)
		}
	}
	for _, in := range []string{``, `null`, ` null `} {
		if got, err := Properties([]byte(in)); err != nil || len(got) != 0 {
			t.Errorf("%q: %v, %v; want an empty map", in, got, err)
		}
	}
	for _, in := range []string{`5`, `"x"`, `[1]`} {
		if _, err := Properties([]byte(in)); err == nil {
			t.Errorf("%q: no error for properties that are not an object", in)
		}
	}
}
