#!/bin/sh
# Makes the files of this corpus that other tools write: GDAL's ogr2ogr and
# gdal_translate (Debian 12's gdal-bin 3.6) and iconv. The hand-written
# files beside them are shaped like what 奥维互动地图, Google Earth, GPS
# apps and ArcGIS REST services give planners. corpus_test.go checks Plan
# Atlas's feature counts against GDAL's ogrinfo on every file here.
set -eu
cd "$(dirname "$0")"
rm -rf gdal && mkdir gdal

# The source: points, a line and an area with Chinese names (UTF-8).
cat > /tmp/corpus-src.geojson <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"名称":"巴中站","用途":"住宅","面积":12.5},"geometry":{"type":"Point","coordinates":[106.7470,31.8670]}},
{"type":"Feature","properties":{"名称":"医院","用途":"医院","面积":3.25},"geometry":{"type":"Point","coordinates":[106.7650,31.8530]}},
{"type":"Feature","properties":{"名称":"巴州大道","用途":"道路","面积":null},"geometry":{"type":"LineString","coordinates":[[106.70,31.84],[106.75,31.86],[106.80,31.87]]}},
{"type":"Feature","properties":{"名称":"片区","用途":"商业","面积":80},"geometry":{"type":"Polygon","coordinates":[[[106.6,31.7],[106.9,31.7],[106.9,32.0],[106.6,32.0],[106.6,31.7]],[[106.7,31.8],[106.7,31.9],[106.8,31.9],[106.8,31.8],[106.7,31.8]]]}}
]}
JSON

# A GBK shapefile without .cpg and without a language byte: its text must
# be decoded once for the whole file (per string, 住宅 reads as "סլ").
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=CP936 gdal/gbk-nocpg.shp /tmp/corpus-src.geojson -where "OGR_GEOMETRY='Point'"
rm gdal/gbk-nocpg.cpg
printf '\000' | dd of=gdal/gbk-nocpg.dbf bs=1 seek=29 count=1 conv=notrunc 2>/dev/null

# A UTM zone 48N shapefile as ArcGIS writes its .prj, with a byte-order mark.
ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:32648 -lco ENCODING=UTF-8 gdal/utm48n.shp /tmp/corpus-src.geojson -where "OGR_GEOMETRY='LineString' OR OGR_GEOMETRY='Point'" -nlt POINT -skipfailures
printf '\357\273\277PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]' > gdal/utm48n.prj

# Xi'an 1980 3° Gauss–Krüger CM 108°E (no datum shift in the file: the
# ellipsoid is all that differs).
ogr2ogr -f "ESRI Shapefile" -s_srs "+proj=longlat +ellps=IAU76" -t_srs EPSG:2381 -lco ENCODING=UTF-8 gdal/xian80.shp /tmp/corpus-src.geojson -where "OGR_GEOMETRY='Polygon'"

# KML and GPX as GDAL writes them.
ogr2ogr -f KML gdal/gdal.kml /tmp/corpus-src.geojson
ogr2ogr -f LIBKML gdal/libkml.kml /tmp/corpus-src.geojson
ogr2ogr -f GPX -nlt POINT gdal/points.gpx /tmp/corpus-src.geojson -where "OGR_GEOMETRY='Point'"

# A GeoPackage with a good table, a table in a coordinate system Plan
# Atlas does not read (World Mercator, EPSG:3395) and an attribute table.
ogr2ogr -f GPKG gdal/mixed.gpkg /tmp/corpus-src.geojson -nln good
ogr2ogr -f GPKG -update gdal/mixed.gpkg /tmp/corpus-src.geojson -nln mercator -t_srs EPSG:3395
ogr2ogr -f GPKG -update gdal/mixed.gpkg /tmp/corpus-src.geojson -nln notes -nlt NONE -select 名称,用途

# A raster GeoPackage: imagery, not features.
printf 'P6\n4 4\n255\n' > /tmp/corpus.ppm
head -c 48 /dev/zero >> /tmp/corpus.ppm
gdal_translate -q -of GPKG -a_srs EPSG:4326 -a_ullr 106.6 32.0 106.9 31.7 /tmp/corpus.ppm gdal/raster.gpkg

# GeoJSON in a projected system, as GDAL writes the crs member.
ogr2ogr -f GeoJSON -t_srs EPSG:4545 gdal/gk4545.geojson /tmp/corpus-src.geojson

# A GBK KML (encoding declared in the XML header).
iconv -f UTF-8 -t GBK gbk-utf8.kml.txt > gdal/gbk.kml

# Newline-delimited GeoJSON (GeoJSONSeq, RFC 8142): one feature a line.
ogr2ogr -f GeoJSONSeq gdal/seq.geojsons /tmp/corpus-src.geojson
