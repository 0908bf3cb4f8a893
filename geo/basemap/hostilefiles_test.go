package basemap_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// hostileFile makes one hostile base-map file in dir and returns its path.
type hostileFile struct {
	name string
	make func(t *testing.T, dir string) string
	gdal bool   // made by GDAL (skipped where it is not installed)
	draw bool   // a map is drawn (else: a message)
	want string // in the Chinese message
}

const wgs84PRJ = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]`

// beside writes a world file and a .prj for image path.
func beside(t *testing.T, path, world string) string {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	ext := map[string]string{".png": ".pgw", ".jpg": ".jgw", ".tif": ".tfw"}[filepath.Ext(path)]
	if err := os.WriteFile(base+ext, []byte(world), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(base+".prj", []byte(wgs84PRJ), 0o644)
	return path
}

// smallPNG is a real 64 × 64 grey PNG.
func smallPNG() []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = 0x90
	}
	png.Encode(&b, img)
	return b.Bytes()
}

// jpegDeclaring is a small JPEG whose frame header is rewritten to
// declare w × h pixels.
func jpegDeclaring(w, h uint16) []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
	p := b.Bytes()
	for i := 2; i+9 < len(p); i++ {
		if p[i] == 0xFF && p[i+1] == 0xC0 { // SOF0: length, precision, height, width
			binary.BigEndian.PutUint16(p[i+5:], h)
			binary.BigEndian.PutUint16(p[i+7:], w)
			break
		}
	}
	return p
}

// tiffDeclaring is an 8-byte-per-nothing classic TIFF whose only image
// declares w × h RGB pixels in one uncompressed strip (or, tiled, one
// tile of that size) that the file does not hold, placed by a .tfw.
func tiffDeclaring(w, h uint32, tiled bool) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("II")
	binary.Write(&b, le, uint16(42))
	binary.Write(&b, le, uint32(8))
	type ent struct {
		tag, typ uint16
		n, v     uint32
	}
	ents := []ent{{256, 4, 1, w}, {257, 4, 1, h}, {258, 3, 1, 8}, {259, 3, 1, 1}, {262, 3, 1, 1}, {277, 3, 1, 1}}
	if tiled {
		ents = append(ents, ent{322, 4, 1, w}, ent{323, 4, 1, h}, ent{324, 4, 1, 200}, ent{325, 4, 1, 16})
	} else {
		ents = append(ents, ent{273, 4, 1, 200}, ent{278, 4, 1, h}, ent{279, 4, 1, 16})
	}
	binary.Write(&b, le, uint16(len(ents)))
	for _, e := range ents {
		binary.Write(&b, le, e.tag)
		binary.Write(&b, le, e.typ)
		binary.Write(&b, le, e.n)
		if e.typ == 3 {
			binary.Write(&b, le, uint16(e.v))
			binary.Write(&b, le, uint16(0))
		} else {
			binary.Write(&b, le, e.v)
		}
	}
	binary.Write(&b, le, uint32(0))
	for b.Len() < 216 {
		b.WriteByte(0x80)
	}
	return b.Bytes()
}

func gdal(t *testing.T, args ...string) {
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%v: %v %s", args, err, out)
	}
}

// The hostile file set: images that lie about their size, big images
// without overviews, heights that are not numbers, world files that
// place nothing. Each opens and draws within seconds and bounded memory,
// giving a map or a sentence, never a panic.
func TestHostileBaseMapFiles(t *testing.T) {
	world := "0.001\n0\n0\n-0.001\n106.5\n32.0\n"
	cases := []hostileFile{
		{name: "PNG declaring 50,000²", want: "声明有 50000 × 50000 像素", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "huge.png")
			os.WriteFile(p, hugePNG(50_000, 50_000), 0o644)
			return beside(t, p, world)
		}},
		{name: "JPEG declaring 50,000²", want: "声明有 50000 × 50000 像素", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "huge.jpg")
			os.WriteFile(p, jpegDeclaring(50_000, 50_000), 0o644)
			return beside(t, p, world)
		}},
		{name: "TIFF declaring a 50,000² strip", want: "损坏", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "strip.tif")
			os.WriteFile(p, tiffDeclaring(50_000, 50_000, false), 0o644)
			return beside(t, p, world)
		}},
		{name: "TIFF declaring a 50,000² tile", want: "不支持", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "tile.tif")
			os.WriteFile(p, tiffDeclaring(50_000, 50_000, true), 0o644)
			return beside(t, p, world)
		}},
		{name: "world file of zeros", want: "", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "zero.png")
			os.WriteFile(p, smallPNG(), 0o644)
			return beside(t, p, "0\n0\n0\n0\n0\n0\n")
		}},
		{name: "world file of NaN", want: "像素大小为零或不是数", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "nan.png")
			os.WriteFile(p, smallPNG(), 0o644)
			return beside(t, p, "NaN\n0\n0\nNaN\n106.5\n32\n")
		}},
		{name: "world file far outside the Earth", want: "落在地球之外", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "far.png")
			os.WriteFile(p, smallPNG(), 0o644)
			return beside(t, p, "1e30\n0\n0\n-1e30\n1e300\n1e300\n")
		}},
		{name: "rotated world file", draw: true, make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "rot.png")
			os.WriteFile(p, smallPNG(), 0o644)
			return beside(t, p, "0.004\n0.002\n0.002\n-0.004\n106.6\n31.95\n")
		}},
		{name: "30,000² RGB without overviews", gdal: true, draw: true, make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "scan30k.tif")
			gdal(t, "gdal_create", "-q", "-of", "GTiff", "-outsize", "30000", "30000", "-bands", "3", "-ot", "Byte",
				"-burn", "200", "-burn", "180", "-burn", "150", "-a_srs", "EPSG:4326", "-a_ullr", "106.5", "32.0", "107.0", "31.7",
				"-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", p)
			return p
		}},
		{name: "200,000² RGB without overviews", gdal: true, draw: true, make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "scan200k.tif")
			gdal(t, "gdal_create", "-q", "-of", "GTiff", "-outsize", "200000", "200000", "-bands", "3", "-ot", "Byte",
				"-a_srs", "EPSG:4326", "-a_ullr", "106.5", "32.0", "107.0", "31.7",
				"-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "SPARSE_OK=TRUE", "-co", "BIGTIFF=YES", p)
			return p
		}},
		{name: "heights NaN and infinite", gdal: true, draw: true, make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "dem.tif")
			gdal(t, "gdal_create", "-q", "-of", "GTiff", "-outsize", "200", "200", "-bands", "1", "-ot", "Float32",
				"-burn", "500", "-a_srs", "EPSG:4326", "-a_ullr", "106.5", "32.0", "107.0", "31.7", p)
			// Every third height NaN, every fifth +Inf, every seventh -Inf,
			// written into the uncompressed strips GDAL laid out.
			b, _ := os.ReadFile(p)
			n := 0
			for i := len(b) - 200*200*4; i+4 <= len(b); i += 4 {
				switch n++; {
				case n%3 == 0:
					binary.LittleEndian.PutUint32(b[i:], math.Float32bits(float32(math.NaN())))
				case n%5 == 0:
					binary.LittleEndian.PutUint32(b[i:], math.Float32bits(float32(math.Inf(1))))
				case n%7 == 0:
					binary.LittleEndian.PutUint32(b[i:], math.Float32bits(float32(math.Inf(-1))))
				}
			}
			os.WriteFile(p, b, 0o644)
			return p
		}},
	}
	v := proj.Fit(orb.Bound{Min: orb.Point{106.45, 31.65}, Max: orb.Point{107.05, 32.05}}, 1000, 1000, 96, 0)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.gdal {
				if _, err := exec.LookPath("gdal_create"); err != nil {
					t.Skip("gdal_create not installed")
				}
			}
			path := tc.make(t, t.TempDir())
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			src, err := basemap.Open(path, basemap.OpenOptions{})
			var st basemap.Stats
			img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
			if err == nil {
				st, err = src.Draw(context.Background(), v, img, true)
				src.Close()
			}
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			msg := basemap.Message(err, "zh")
			t.Logf("%v, %.1f MB allocated, %+v: %s", took.Round(time.Millisecond), float64(after.TotalAlloc-before.TotalAlloc)/1e6, st, msg)
			if took > 60*time.Second {
				t.Errorf("took %v", took)
			}
			if after.HeapInuse > 1<<30 {
				t.Errorf("heap in use %d MB", after.HeapInuse>>20)
			}
			switch {
			case tc.draw && err != nil:
				t.Errorf("want a map, got %q", msg)
			case tc.draw && opaque(img) == 0:
				t.Errorf("nothing drawn: %+v", st)
			case !tc.draw && err == nil:
				t.Errorf("drew %d pixels; want a message", opaque(img))
			case !tc.draw && err != nil && !strings.Contains(msg, tc.want):
				t.Errorf("message %q lacks %q", msg, tc.want)
			}
		})
	}
}
