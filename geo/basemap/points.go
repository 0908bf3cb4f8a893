package basemap

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/atomicfile"
)

// WritePoints writes control points as QGIS's georeferencer writes them
// (a .points file: map x, y in lon/lat, then the image position with its
// row negated), so a georeference can be taken up again here or in QGIS.
func WritePoints(path string, pts []ControlPoint) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		fmt.Fprintln(bw, `#CRS: GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]`)
		fmt.Fprintln(bw, "mapX,mapY,sourceX,sourceY,enable,dX,dY,residual")
		for _, p := range pts {
			fmt.Fprintf(bw, "%.9f,%.9f,%.4f,%.4f,1,0,0,0\n", p.LonLat[0], p.LonLat[1], p.Pixel[0], -p.Pixel[1])
		}
		return bw.Flush()
	})
}

// ReadPoints reads a .points file written by WritePoints or by QGIS with
// its map coordinates in lon/lat; disabled points are left out.
func ReadPoints(path string) ([]ControlPoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []ControlPoint
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "mapX") {
			continue
		}
		f := strings.Split(s, ",")
		if len(f) < 4 {
			return nil, said(ProblemDamaged, "%s line %d: four numbers at least", "%s 第 %d 行：至少要有四个数", path, line)
		}
		var v [4]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(strings.TrimSpace(f[i]), 64); err != nil {
				return nil, said(ProblemDamaged, "%s line %d: %q is not a number", "%s 第 %d 行：%q 不是数字", path, line, f[i])
			}
		}
		if len(f) >= 5 && strings.TrimSpace(f[4]) == "0" {
			continue
		}
		if math.Abs(v[0]) > 180 || math.Abs(v[1]) > 90 {
			return nil, said(ProblemNeedsCRS, "%s: map coordinates %v, %v are not lon/lat", "%s：地图坐标 %v, %v 不是经纬度", path, v[0], v[1])
		}
		out = append(out, ControlPoint{LonLat: orb.Point{v[0], v[1]}, Pixel: [2]float64{v[2], math.Abs(v[3])}})
	}
	return out, sc.Err()
}
