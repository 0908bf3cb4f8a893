#!/usr/bin/python3
"""Draws the plan with QGIS (python3-qgis, headless), as a peer to
`planatlas export`: the same features (from `planatlas features`), extent
(Bazhong, as the export frames it), size and font (WenQuanYi Micro Hei),
comparable styles (areas filled by layer and outlined, lines cased and
stroked, points as circles) and every feature labelled with its Chinese
name and a halo -- the same map mapnik_export.py draws. Usage:
  QT_QPA_PLATFORM=offscreen qgis_export.py PLAN.geojson FONT.ttf OUT.png WIDTH HEIGHT"""
import sys

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
                       QgsCoordinateTransform, QgsFillSymbol, QgsLineSymbol, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsMarkerSymbol, QgsPalLayerSettings, QgsProject, QgsRectangle,
                       QgsRendererCategory, QgsTextBufferSettings, QgsTextFormat, QgsVectorLayer,
                       QgsVectorLayerSimpleLabeling, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QFontDatabase

plan, font, out, width, height = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
app = QgsApplication([], False)
app.initQgis()
family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(font))[0]

colours = {"base": "#d9d4c7", "region": "#b7a6d9", "county": "#c8e6b0", "corridor": "#c0392b",
           "network": "#e67e22", "logistics": "#16808c", "industry": "#7d4e7a", "eco": "#2e9d4f", "culture": "#d62728"}
layers = []
for geom, kind in (("Polygon", QgsWkbTypes.PolygonGeometry), ("LineString", QgsWkbTypes.LineGeometry), ("Point", QgsWkbTypes.PointGeometry)):
    lyr = QgsVectorLayer(f"{plan}|geometrytype={geom}", geom, "ogr")
    cats = []
    for name, c in colours.items():
        if kind == QgsWkbTypes.PolygonGeometry:
            sym = QgsFillSymbol.createSimple({"color": c + "8c", "outline_color": "#6b5a4a", "outline_width": "0.21"})
        elif kind == QgsWkbTypes.LineGeometry:
            sym = QgsLineSymbol.createSimple({"line_color": "#ffffff", "line_width": "1.32"})
            top = QgsLineSymbol.createSimple({"line_color": c, "line_width": "0.79"})  # kept alive while cloned
            sym.appendSymbolLayer(top.symbolLayer(0).clone())
        else:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": c, "size": "3.2",
                                                "outline_color": "#ffffff", "outline_width": "0.4"})
        cats.append(QgsRendererCategory(name, sym, name))
    lyr.setRenderer(QgsCategorizedSymbolRenderer("layer", cats))
    fmt = QgsTextFormat()
    fmt.setFont(QFontDatabase().font(family, "Regular", 13))
    fmt.setSize(13)
    fmt.setColor(QColor("#222222"))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.5)
    buf.setColor(QColor("#ffffff"))
    fmt.setBuffer(buf)
    pal = QgsPalLayerSettings()
    pal.fieldName = "name_zh"
    pal.setFormat(fmt)
    lyr.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    lyr.setLabelsEnabled(True)
    QgsProject.instance().addMapLayer(lyr, False)
    layers.append(lyr)

ms = QgsMapSettings()
ms.setLayers(list(reversed(layers)))  # points on top
ms.setOutputSize(QSize(width, height))
ms.setBackgroundColor(QColor("#f4f1ea"))
merc = QgsCoordinateReferenceSystem("EPSG:3857")
ms.setDestinationCrs(merc)
box = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), merc, QgsProject.instance()).transformBoundingBox(
    QgsRectangle(106.33, 31.24, 107.83, 32.76))
ms.setExtent(box)
job = QgsMapRendererParallelJob(ms)
job.start()
job.waitForFinished()
job.renderedImage().save(out, "png")
app.exitQgis()
