#!/usr/bin/env bash
# Makes the base-map test files with GDAL (Debian's gdal-bin), so the
# readers are tested on files written by another tool. The pictures are
# synthetic (colour ramps, a Gaussian hill); their georeference is a box
# over Bazhong. Run from this directory; the outputs are committed.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys, math
d = sys.argv[1]
W, H = 200, 150
with open(d + "/ramp.ppm", "wb") as f:
    f.write(b"P6 %d %d 255\n" % (W, H))
    px = bytearray()
    for y in range(H):
        for x in range(W):
            chk = 60 if ((x // 25) + (y // 25)) % 2 else 200
            px += bytes([x * 255 // (W - 1), y * 255 // (H - 1), chk])
    f.write(px)
# A Gaussian hill, 400 m to 1400 m, on a 100 m grid, nodata in one corner.
W, H = 120, 100
with open(d + "/hill.asc", "w") as f:
    f.write("ncols %d\nnrows %d\nxllcorner 370000\nyllcorner 3520000\ncellsize 100\nNODATA_value -9999\n" % (W, H))
    for y in range(H):
        row = []
        for x in range(W):
            if x < 10 and y < 10:
                row.append("-9999")
            else:
                r2 = ((x - 60) ** 2 + (y - 50) ** 2) / (25.0 ** 2)
                row.append("%.2f" % (400 + 1000 * math.exp(-r2 / 2)))
        f.write(" ".join(row) + "\n")
PY
ullr="106.5 32.0 107.0 31.7"
gdal_translate -q -a_srs EPSG:4326 -a_ullr $ullr -co TILED=YES -co BLOCKXSIZE=64 -co BLOCKYSIZE=64 \
  -co COMPRESS=DEFLATE -co PREDICTOR=2 "$tmp/ramp.ppm" rgb-deflate-tiled.tif
gdaladdo -q -r average rgb-deflate-tiled.tif 2 4
gdal_translate -q -a_srs EPSG:4326 -a_ullr $ullr -co COMPRESS=LZW -co BLOCKYSIZE=7 "$tmp/ramp.ppm" rgb-lzw-strips.tif
gdal_translate -q -a_srs EPSG:4326 -a_ullr $ullr -co TILED=YES -co COMPRESS=JPEG -co BIGTIFF=YES "$tmp/ramp.ppm" rgb-jpeg-bigtiff.tif
gdal_translate -q -a_srs EPSG:4545 -ot Float32 -co COMPRESS=DEFLATE -co PREDICTOR=3 "$tmp/hill.asc" dem-float32-gk.tif
gdal_translate -q -a_srs EPSG:4545 -ot Int16 -co TILED=YES -co BLOCKXSIZE=32 -co BLOCKYSIZE=32 "$tmp/hill.asc" dem-int16-gk.tif
gdal_translate -q -of MBTILES -co ZOOM_LEVEL_STRATEGY=UPPER rgb-deflate-tiled.tif rgb.mbtiles
gdaladdo -q -r average rgb.mbtiles 2 4
gdal_translate -q -of GPKG -co TILING_SCHEME=GoogleMapsCompatible -co TILE_FORMAT=PNG rgb-deflate-tiled.tif rgb.gpkg
gdalwarp -q -t_srs EPSG:3857 -r bilinear rgb-deflate-tiled.tif "$tmp/merc.tif"
gdal_translate -q -of PNG -co WORLDFILE=YES "$tmp/merc.tif" scan.png
gdalsrsinfo -o wkt_esri EPSG:3857 > scan.prj
rm -f scan.png.aux.xml
# A damaged file: the first 2000 bytes of a good one.
head -c 2000 rgb-deflate-tiled.tif > truncated.tif
ls -l
# The same package with lossless WebP tiles (cwebp, Debian's webp package;
# GDAL 3.6 here does not write WebP into MBTiles).
if command -v cwebp >/dev/null; then
python3 - <<'PY'
import sqlite3, subprocess, tempfile, os, shutil
shutil.copy('rgb.mbtiles', 'rgb-webp.mbtiles')
db = sqlite3.connect('rgb-webp.mbtiles')
d = tempfile.mkdtemp()
for z, x, y, data in db.execute("select zoom_level, tile_column, tile_row, tile_data from tiles").fetchall():
    open(d + '/t.png', 'wb').write(data)
    subprocess.run(['cwebp', '-quiet', '-lossless', d + '/t.png', '-o', d + '/t.webp'], check=True)
    db.execute("update tiles set tile_data=? where zoom_level=? and tile_column=? and tile_row=?", (open(d + '/t.webp', 'rb').read(), z, x, y))
db.execute("update metadata set value='webp' where name='format'")
db.commit(); db.execute("vacuum"); db.close()
PY
fi
# RGBA: the picture warped to a Gauss–Krüger zone, transparent where it has no data.
gdalwarp -q -t_srs EPSG:4545 -dstalpha -co TILED=YES -co COMPRESS=DEFLATE rgb-deflate-tiled.tif rgba-warped-gk.tif
# A PNG placed only by GDAL's .aux.xml (coordinate system and geotransform, no world file).
gdalwarp -q -t_srs EPSG:3857 -r bilinear rgb-deflate-tiled.tif "$tmp/merc2.tif"
gdal_translate -q -of PNG "$tmp/merc2.tif" scan-aux.png
