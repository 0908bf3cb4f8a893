package jsonscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/planatlas/planatlas/geo/layer"
)

// Hand-reading of small JSON objects that encoding/json has already
// checked (the json.RawMessage parts of a decoded FeatureCollection):
// decoding a million features' properties and geometry headers by
// reflection was most of the time of opening a large survey. Anything
// unusual (escapes, invalid UTF-8, nested values) goes to encoding/json,
// so the result is what json.Unmarshal gives.

// Members calls fn with the key and raw value of each member of the valid
// JSON object raw, in order; it stops at the first error fn returns. raw
// that is not an object (null) has no members.
func Members(raw []byte, fn func(key string, val []byte) error) error {
	_, err := MembersAt(raw, SkipWS(raw, 0), fn)
	return err
}

// MembersAt is members for the object that starts at raw[i]; it returns
// the object's end.
func MembersAt(raw []byte, i int, fn func(key string, val []byte) error) (int, error) {
	if i >= len(raw) || raw[i] != '{' {
		return SkipValue(raw, i), nil
	}
	i++
	for {
		i = SkipWS(raw, i)
		if i >= len(raw) {
			return i, nil
		}
		if raw[i] == '}' {
			return i + 1, nil
		}
		if raw[i] == ',' {
			i++
			continue
		}
		end := SkipValue(raw, i)
		key, err := String(raw[i:end])
		if err != nil {
			return end, err
		}
		i = SkipWS(raw, end)
		if i < len(raw) && raw[i] == ':' {
			i++
		}
		i = SkipWS(raw, i)
		end = SkipValue(raw, i)
		if err := fn(key, raw[i:end]); err != nil {
			return end, err
		}
		i = end
	}
}

// Elements calls fn with the start of each element of the valid JSON
// array raw; fn returns the element's end.
func Elements(raw []byte, fn func(i int) int) {
	i := SkipWS(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return
	}
	i++
	for {
		i = SkipWS(raw, i)
		if i >= len(raw) || raw[i] == ']' {
			return
		}
		if raw[i] == ',' {
			i++
			continue
		}
		i = fn(i)
	}
}

func SkipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// SkipValue returns the end of the JSON value starting at b[i].
func SkipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		for j := i + 1; ; j++ {
			k := bytes.IndexByte(b[j:], '"')
			if k < 0 {
				return len(b)
			}
			j += k
			n := 0 // backslashes before the quote: an odd number escapes it
			for m := j - 1; m > i && b[m] == '\\'; m-- {
				n++
			}
			if n%2 == 0 {
				return j + 1
			}
		}
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = SkipValue(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(b) && !strings.ContainsRune(",}] \n\r\t", rune(b[i])) {
		i++
	}
	return i
}

// String decodes a JSON string value, fast when it needs no unescaping.
func String(v []byte) (string, error) {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		s := v[1 : len(v)-1]
		if !strings.ContainsRune(string(s), '\\') && utf8.Valid(s) {
			return string(s), nil
		}
	}
	var out string
	err := json.Unmarshal(v, &out)
	return out, err
}

// Value decodes a JSON value as json.Unmarshal into an any would.
func Value(v []byte) (any, error) {
	if len(v) == 0 {
		return nil, nil
	}
	switch c := v[0]; {
	case c == '"':
		return String(v)
	case c == '-' || (c >= '0' && c <= '9'):
		if f, err := strconv.ParseFloat(string(v), 64); err == nil {
			return f, nil
		}
	case string(v) == "true":
		return true, nil
	case string(v) == "false":
		return false, nil
	case string(v) == "null":
		return nil, nil
	}
	var out any
	err := json.Unmarshal(v, &out)
	return out, err
}

// Properties decodes a feature's "properties" as json.Unmarshal into a
// map[string]any would, an empty map for null or none.
func Properties(raw []byte) (map[string]any, error) {
	props := map[string]any{}
	if v := strings.TrimSpace(string(raw)); v != "" && v[0] != '{' && v != "null" {
		return nil, fmt.Errorf("properties are not an object")
	}
	err := Members(raw, func(key string, val []byte) error {
		v, err := Value(val)
		props[key] = v
		return err
	})
	return props, err
}

// Error names the byte offset of a JSON syntax error.
func Error(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 && se.Error() == "unexpected end of JSON input" {
		return layer.NewReadError(layer.BytePlace(se.Offset), layer.NewFault(layer.ProblemTruncated, "JSON", ""), err)
	}
	if errors.As(err, &se) {
		return layer.NewReadError(layer.BytePlace(se.Offset), layer.NewFault(layer.ProblemMalformed, "JSON", se.Error()), err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return layer.NewReadError(layer.BytePlace(te.Offset), layer.NewFault(layer.ProblemFieldType, te.Field, te.Value), err)
	}
	if err.Error() == "unexpected end of JSON input" {
		return layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemTruncated, "JSON", ""), err)
	}
	return layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemInvalid, "GeoJSON", err.Error()), err)
}
