package gpkg

import (
	"encoding/binary"
	"fmt"
)

// checkWKB walks a WKB geometry's structure and checks that every count
// it declares fits in the bytes that follow, so that a corrupt blob cannot
// make the decoder allocate gigabytes (found by FuzzParseGPKGGeometry).
func checkWKB(b []byte) error {
	_, err := wkbWalk(b, 0, 0)
	return err
}

func wkbWalk(b []byte, off, depth int) (int, error) {
	if depth > 32 {
		return 0, fmt.Errorf("WKB nested too deeply")
	}
	if off+5 > len(b) {
		return 0, fmt.Errorf("WKB truncated at byte %d", off)
	}
	var order binary.ByteOrder = binary.BigEndian
	if b[off] == 1 {
		order = binary.LittleEndian
	}
	typ := order.Uint32(b[off+1:])
	off += 5
	dims := 2
	base := typ
	switch {
	case typ >= 3000 && typ < 4000:
		dims, base = 4, typ-3000
	case typ >= 2000 && typ < 3000:
		dims, base = 3, typ-2000
	case typ >= 1000 && typ < 2000:
		dims, base = 3, typ-1000
	case typ&0x80000000 != 0 && typ&0x40000000 != 0:
		dims, base = 4, typ&0xFFFF
	case typ&0x80000000 != 0 || typ&0x40000000 != 0:
		dims, base = 3, typ&0xFFFF
	}
	point := 8 * dims
	count := func() (int, error) {
		if off+4 > len(b) {
			return 0, fmt.Errorf("WKB truncated at byte %d", off)
		}
		n := int(order.Uint32(b[off:]))
		off += 4
		return n, nil
	}
	points := func() error {
		n, err := count()
		if err != nil {
			return err
		}
		if n < 0 || n > (len(b)-off)/point {
			return fmt.Errorf("WKB claims %d points in %d bytes", n, len(b)-off)
		}
		off += n * point
		return nil
	}
	switch base {
	case 1:
		if off+point > len(b) {
			return 0, fmt.Errorf("WKB point truncated")
		}
		return off + point, nil
	case 2:
		return off, points()
	case 3:
		n, err := count()
		if err != nil {
			return 0, err
		}
		if n < 0 || n > (len(b)-off)/4 {
			return 0, fmt.Errorf("WKB claims %d rings in %d bytes", n, len(b)-off)
		}
		for i := 0; i < n; i++ {
			if err := points(); err != nil {
				return 0, err
			}
		}
		return off, nil
	case 4, 5, 6, 7:
		n, err := count()
		if err != nil {
			return 0, err
		}
		if n < 0 || n > (len(b)-off)/5 {
			return 0, fmt.Errorf("WKB claims %d parts in %d bytes", n, len(b)-off)
		}
		for i := 0; i < n; i++ {
			if off, err = wkbWalk(b, off, depth+1); err != nil {
				return 0, err
			}
		}
		return off, nil
	}
	return 0, fmt.Errorf("unsupported WKB geometry type %d", typ)
}
