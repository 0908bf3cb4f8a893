#!/usr/bin/python3
"""Draws the plan with Mapnik, as a peer to `planatlas export`: the same
features (from `planatlas features`), extent (Bazhong, the plan's city
bound), size and font (WenQuanYi Micro Hei), comparable styles (areas
filled by layer and outlined, lines cased and stroked, points as circles)
and every feature labelled with its Chinese name and a halo. Usage:
  mapnik_export.py PLAN.geojson FONT.ttf OUT.png WIDTH HEIGHT"""
import sys

import mapnik

plan, font, out, width, height = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
mapnik.register_fonts(font)
face = [f for f in mapnik.FontEngine.face_names() if "WenQuanYi" in f][0]

colours = {"base": "#d9d4c7", "region": "#b7a6d9", "county": "#c8e6b0", "corridor": "#c0392b",
           "network": "#e67e22", "logistics": "#16808c", "industry": "#7d4e7a", "eco": "#2e9d4f", "culture": "#d62728"}
rules = []
for layer, c in colours.items():
    rules.append(f"""<Rule><Filter>[layer] = '{layer}' and [mapnik::geometry_type] = polygon</Filter>
      <PolygonSymbolizer fill="{c}" fill-opacity="0.55"/><LineSymbolizer stroke="#6b5a4a" stroke-width="0.8"/></Rule>
    <Rule><Filter>[layer] = '{layer}' and [mapnik::geometry_type] = linestring</Filter>
      <LineSymbolizer stroke="#ffffff" stroke-width="5"/><LineSymbolizer stroke="{c}" stroke-width="3"/></Rule>
    <Rule><Filter>[layer] = '{layer}' and [mapnik::geometry_type] = point</Filter>
      <MarkersSymbolizer fill="{c}" width="12" height="12" stroke="#ffffff" stroke-width="1.5" allow-overlap="true"/></Rule>""")
xml = f"""<Map srs="+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs" background-color="#f4f1ea">
  <Style name="plan">{''.join(rules)}</Style>
  <Style name="labels"><Rule>
    <TextSymbolizer face-name="{face}" size="13" fill="#222222" halo-fill="#ffffff" halo-radius="2" dy="-12" placement="point">[name_zh]</TextSymbolizer>
  </Rule></Style>
  <Layer name="plan" srs="+proj=longlat +datum=WGS84 +no_defs"><StyleName>plan</StyleName><StyleName>labels</StyleName>
    <Datasource><Parameter name="type">geojson</Parameter><Parameter name="file">{plan}</Parameter></Datasource>
  </Layer>
</Map>"""
m = mapnik.Map(width, height)
mapnik.load_map_from_string(m, xml)
# Bazhong, as the export's default view frames it.
merc = mapnik.ProjTransform(mapnik.Projection("+proj=longlat +datum=WGS84 +no_defs"), mapnik.Projection(m.srs))
m.zoom_to_box(merc.forward(mapnik.Box2d(106.33, 31.24, 107.83, 32.76)))
mapnik.render_to_file(m, out, "png")
