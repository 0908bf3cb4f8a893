// Plan Atlas web page: the plan's map, text and scenes from the data in
// #plan-data, drawn with OpenLayers (the global "ol"). Nothing is fetched.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('plan-data').textContent);
  // A plan may say nothing of some things (no scenes, no attribution).
  ['attribution', 'groups', 'stages', 'features', 'blocks', 'scenes'].forEach(function (k) { D[k] = D[k] || []; });
  D.labels = D.labels || {}; D.legend = D.legend || {};
  ['zh', 'en'].forEach(function (l) { D.labels[l] = D.labels[l] || []; D.legend[l] = D.legend[l] || []; });
  D.map.styles = D.map.styles || [];
  var WORDS = {
    zh: {
      layers: '图层', text: '文本', scenes: '场景', other: 'English', search: '搜索地名、拼音或条文…',
      legend: '图例', stages: '阶段', groups: '图层', kind: '类型', stage: '阶段', verb: '原文用语', position: '位置',
      role: '功能定位', since: '%s年后进展', progress: '进展记录', clauses: '相关条文', source: '来源', placeSource: '位置来源',
      noInfo: '至今未找到公开的进展信息', noInfoBy: '截至%s未找到公开的进展信息', onMap: '在地图上显示', inText: '在文本中查看',
      none: '没有找到', hint: '点击地图上的要素查看其条文；或搜索地名、拼音、条文。', stageAsOf: '截至%s的阶段', asOf: '进展截至 %s',
      exact: '精确位置（两个来源相符）', sourced: '有来源的位置（尚无第二来源复核）', town: '位置示意：在县城',
      approximate: '位置示意（大致位置）', schematic: '位置示意（示意走向）', rel_official: '官方', rel_news: '新闻媒体', rel_secondary: '二手资料',
      slides: '幻灯片', play: '播放场景', allStages: '全部阶段', mentioned: '另见', home: '全图', scenesNone: '这个规划没有场景。',
      features: '个要素', clause: '条文', online: '本网页使用在线底图（%s），打开时会从该网站读取瓦片'
    },
    en: {
      layers: 'Layers', text: 'Text', scenes: 'Scenes', other: '中文', search: 'Search names, pinyin or text…',
      legend: 'Legend', stages: 'Stages', groups: 'Layers', kind: 'Kind', stage: 'Stage', verb: "The text's verb", position: 'Position',
      role: 'Role', since: 'Since %s', progress: 'Progress', clauses: 'Clauses', source: 'Source', placeSource: 'Position source',
      noInfo: 'No public information on progress found', noInfoBy: 'No public information on progress found by %s', onMap: 'Show on map', inText: 'Show in text',
      none: 'Nothing found', hint: 'Click a feature on the map to read its clause, or search for a name, pinyin or words of the text.', stageAsOf: 'Stage as of %s', asOf: 'Progress as of %s',
      exact: 'exact position (two sources agree)', sourced: 'position from one source (not yet cross-checked)', town: 'indicative: at the county seat',
      approximate: 'indicative (approximate)', schematic: 'indicative (schematic line)', rel_official: 'official', rel_news: 'news', rel_secondary: 'secondary',
      slides: 'Slides', play: 'Play the scenes', allStages: 'All stages', mentioned: 'Also', home: 'Whole plan', scenesNone: 'This plan has no scenes.',
      features: 'features', clause: 'clause', online: 'This page uses an online base map (%s): opening it reads tiles from that site'
    }
  };
  var FONT = getComputedStyle(document.documentElement).getPropertyValue('--font') || 'sans-serif';
  var lang = D.lang === 'en' ? 'en' : 'zh';
  function w(key) { return WORDS[lang][key] || key; }
  function tx(t) { if (!t) return ''; return (lang === 'en' ? (t.en || t.zh) : (t.zh || t.en)) || ''; }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function colon(label) { return /[\u4e00-\u9fff]/.test(label) ? '：' : ': '; }
  function bracket(s) { return lang === 'en' ? ' (' + s + ')' : '（' + s + '）'; }
  function dateIn(d) {
    if (lang === 'en' || !d) return d || '';
    var p = d.split('-'), out = p[0] + '年';
    if (p.length > 1) out += String(+p[1]) + '月';
    if (p.length > 2) out += String(+p[2]) + '日';
    return out;
  }

  // ---- state ----
  var byId = {}, blocksByRef = {};
  D.features.forEach(function (f, i) { f.i = i; byId[f.id] = f; });
  D.blocks.forEach(function (b, i) { b.i = i; if (b.ref && b.kind !== 'intro' && !blocksByRef[b.ref]) blocksByRef[b.ref] = b; });
  var citing = {};
  D.features.forEach(function (f) { (f.refs || []).forEach(function (r) { (citing[r] = citing[r] || []).push(f.id); }); });
  var S = { groups: {}, stages: null, selected: {}, highlight: {}, scene: -1, tab: null };
  D.groups.forEach(function (g) { S.groups[g.id] = g.visible; });
  var roleGroup = (D.groups.filter(function (g) { return g.roles; })[0] || {}).id;
  var baseGroup = (D.groups.filter(function (g) { return g.base; })[0] || {}).id;

  // ---- styles: the renderer's passes ----
  var Z = 10;
  function strokeStyles(list, z) {
    return (list || []).map(function (s, k) {
      return new ol.style.Style({ zIndex: z * Z + k, stroke: new ol.style.Stroke({
        color: s.c, width: s.w, lineDash: s.d && s.d.length ? s.d : undefined,
        lineCap: s.r ? 'round' : 'butt', lineJoin: 'round' }) });
    });
  }
  // Over a base map the areas are translucent, as on the app's map.
  function overBase(c) {
    if (!D.basemap || !c) return c;
    var a = c.length === 9 ? parseInt(c.slice(7), 16) : 255;
    var h = Math.round(a * 0.45).toString(16);
    return c.slice(0, 7) + (h.length < 2 ? '0' + h : h);
  }
  var STYLES = D.map.styles.map(function (s) {
    var out = [];
    if (s.fill) out.push(new ol.style.Style({ zIndex: (s.fillZ || 0) * Z, fill: new ol.style.Fill({ color: overBase(s.fill) }) }));
    out = out.concat(strokeStyles(s.strokes, s.strokeZ || 0));
    if (s.symbol) {
      out.push(new ol.style.Style({ zIndex: 13 * Z, image: new ol.style.Icon({
        src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(s.symbol),
        width: s.symbolSize, height: s.symbolSize, declutterMode: 'obstacle' }) }));
    }
    return { styles: out, symbol: !!s.symbol, size: s.symbolSize || 0, line: !s.symbol && !s.fill && !!(s.strokes || []).length, strokes: s.strokes || [],
      maxScale: s.maxScale || 0 };
  });
  var labelCache = {};
  function labelsFor(l) {
    var list = l === 'en' ? D.labels.en : D.labels.zh, out = {};
    list.forEach(function (lb) { out[lb.id] = lb; });
    return out;
  }
  var LABELS = { zh: labelsFor('zh'), en: labelsFor('en') };
  var halo = D.map.palette.halo;
  function labelStyle(key, f, st) {
    var lb = LABELS[lang][key];
    if (!lb || !lb.label) return null;
    var ck = lang + key;
    if (labelCache[ck]) return labelCache[ck];
    var scale = 1.15, rich = [];
    lb.label.forEach(function (ln, i) {
      if (i > 0) rich.push('\n', '');
      rich.push(ln.t, (i === 0 && lb.label.length > 1 ? '600 ' : '') + Math.round(ln.s * scale) + 'px ' + FONT);
    });
    var point = st && st.symbol;
    var text = new ol.style.Text({
      text: rich, fill: new ol.style.Fill({ color: lb.colour || D.map.palette.text }),
      stroke: new ol.style.Stroke({ color: halo, width: 3 }),
      textAlign: point ? 'left' : 'center', textBaseline: 'middle',
      offsetX: point ? (lb.gap || st.size / 2) + 3 : 0, overflow: !point,
      placement: 'point'
    });
    // Lower priority numbers are placed first, as on the app's map.
    var s = new ol.style.Style({ text: text, zIndex: 2000 - Math.round((lb.priority || 0) * 100) });
    labelCache[ck] = s;
    return s;
  }
  var hiStyles = {};
  // The selection's outline, as the app draws it: an area's 2 mm wide, a
  // line's 2.2 mm wider than its widest stroke, a point's a disc under it.
  var MM = 96 / 25.4;
  function highlightStyle(st, kind) {
    var width = 2 * MM;
    if (st.line) {
      width = 1.2 * MM;
      st.strokes.forEach(function (s) { width = Math.max(width, s.w); });
      width += 2.2 * MM;
    }
    var key = kind + width;
    if (!hiStyles[key]) {
      var c = kind === 'sel' ? D.map.palette.highlight : D.map.palette.hover;
      hiStyles[key] = {
        line: new ol.style.Style({ zIndex: 11 * Z + 5, stroke: new ol.style.Stroke({ color: st.line ? c + 'd2' : c, width: width, lineCap: 'round', lineJoin: 'round' }) }),
        point: new ol.style.Style({ zIndex: 13 * Z - 1, image: new ol.style.Circle({ radius: 14, declutterMode: 'none', fill: new ol.style.Fill({ color: c + 'b0' }) }) })
      };
    }
    return hiStyles[key];
  }

  function rolesShown() { return !roleGroup || S.groups[roleGroup]; }
  function visible(f) {
    if (f.g === roleGroup && !S.groups[roleGroup]) return f.alt != null && !!S.groups[baseGroup];
    if (!S.groups[f.g]) return false;
    if (S.stages && f.project && f.g !== roleGroup) return !!S.stages[f.s];
    return true;
  }
  // Stand-ins sharing a county seat are fanned out on a dashed ring around
  // it, a fixed number of pixels at every zoom, as on the app's map.
  var fan = {}, fanStyles = {};
  var ringSource = new ol.source.Vector();
  function refan() {
    fan = {}; fanStyles = {};
    ringSource.clear();
    var groups = {}, order = [];
    D.features.forEach(function (f) {
      var lb = LABELS.zh[f.id];
      if (!lb || !lb.standIn || !visible(f) || f.geom.type !== 'Point') return;
      var k = f.geom.coordinates.join(',');
      if (!groups[k]) { groups[k] = []; order.push(k); }
      groups[k].push(f);
    });
    order.forEach(function (k) {
      var g = groups[k], n = g.length;
      if (n < 2) return;
      var rad = Math.max(D.fan[0], D.fan[1] * n / (2 * Math.PI));
      g.forEach(function (f, i) {
        var a = -Math.PI / 2 + 2 * Math.PI * i / n;
        fan[f.id] = [rad * Math.cos(a), rad * Math.sin(a)];
      });
      var ring = new ol.Feature(new ol.geom.Point(ol.proj.fromLonLat(g[0].geom.coordinates)));
      ring.setStyle(new ol.style.Style({ zIndex: 12 * Z, image: new ol.style.Circle({ radius: rad, declutterMode: 'none',
        stroke: new ol.style.Stroke({ color: D.map.palette.textMuted, width: 1, lineDash: [3, 3] }) }) }));
      ringSource.addFeature(ring);
    });
  }
  // fanned returns the styles of a fanned point: its symbol, highlight and
  // label moved by off (pixels, y down).
  function fanned(f, st, key, off, sel) {
    var ck = lang + key + (sel ? '+' : '');
    if (fanStyles[ck]) return fanStyles[ck];
    var out = [];
    st.styles.forEach(function (s) {
      if (!s.getImage()) { out.push(s); return; }
      var im = s.getImage().clone();
      im.setDisplacement([off[0], -off[1]]);
      out.push(new ol.style.Style({ zIndex: s.getZIndex(), image: im }));
    });
    if (sel) {
      var h = highlightStyle(st, 'sel').point, him = h.getImage().clone();
      him.setDisplacement([off[0], -off[1]]);
      out.push(new ol.style.Style({ zIndex: h.getZIndex(), image: him }));
    }
    var lb = labelStyle(key, f, st);
    if (lb) {
      var t = lb.getText().clone();
      t.setOffsetX(t.getOffsetX() + off[0]);
      t.setOffsetY(off[1]);
      out.push(new ol.style.Style({ zIndex: lb.getZIndex(), text: t }));
    }
    fanStyles[ck] = out;
    return out;
  }
  // scaleAt is the map's scale denominator (1:N) at a resolution, on a
  // 96-dpi screen at the view's latitude, as the app reckons it.
  function scaleAt(resolution) {
    var c = map ? ol.proj.toLonLat(map.getView().getCenter() || [0, 0]) : [0, 0];
    return resolution * Math.cos(c[1] * Math.PI / 180) / (0.0254 / 96);
  }
  function styleFunction(feature, resolution) {
    var f = D.features[feature.get('i')];
    if (!visible(f)) return null;
    var si = f.st, key = f.id;
    if (f.g === roleGroup && !rolesShown()) { si = f.alt; key = 'alt:' + f.id; }
    if (si < 0 || si == null) return null;
    var st = STYLES[si];
    if (st.maxScale && resolution && scaleAt(resolution) > st.maxScale * 1.0001) return null; // a town only close up
    var sel = S.selected[f.id] || S.highlight[f.id];
    if (st.symbol && fan[f.id]) return fanned(f, st, key, fan[f.id], sel);
    var out = st.styles.slice();
    if (sel) {
      var h = highlightStyle(st, 'sel');
      out.push(st.symbol ? h.point : h.line);
    }
    var lb = labelStyle(key, f, st);
    if (lb) out.push(lb);
    return out;
  }
  // changed redraws the map after what is shown changed.
  function changed() { refan(); layer.changed(); }

  // ---- map ----
  var map = null;
  var fmt = new ol.format.GeoJSON();
  var feats = D.features.map(function (f) {
    var of = new ol.Feature(fmt.readGeometry(f.geom, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' }));
    of.setId(f.id); of.set('i', f.i);
    return of;
  });
  var source = new ol.source.Vector({ features: feats });
  var layer = new ol.layer.Vector({ source: source, style: styleFunction, declutter: true, renderBuffer: 250,
    updateWhileAnimating: false, updateWhileInteracting: false });
  var attribution = new ol.control.Attribution({ collapsible: true, collapsed: window.innerWidth < 700 });
  layer.getSource().setAttributions(function () { return D.attribution.map(tx); });
  var rings = new ol.layer.Vector({ source: ringSource, updateWhileInteracting: false });
  var layers = [layer, rings];
  if (D.basemap) {
    // The planner chose an online base map: the reader's browser asks its
    // server for tiles, and the page says so.
    var b = D.basemap, subs = b.subdomains || [];
    var urls = subs.length ? subs.map(function (s) { return b.template.split('{s}').join(s); }) : [b.template];
    layers.unshift(new ol.layer.Tile({ source: new ol.source.XYZ({ urls: urls, maxZoom: b.maxZoom || 18,
      attributions: function () { return tx(b.attribution); } }) }));
  }
  map = new ol.Map({
    target: 'map', layers: layers,
    view: new ol.View({ projection: 'EPSG:3857', maxZoom: 18, minZoom: 3 }),
    controls: [new ol.control.Zoom({ zoomInTipLabel: '+', zoomOutTipLabel: '−' }), new ol.control.ScaleLine({ units: 'metric' }), attribution]
  });
  function extentOf(b) { return ol.proj.transformExtent(b, 'EPSG:4326', 'EPSG:3857'); }
  function padding() {
    var narrow = window.innerWidth < 700, p = [20, 20, 20, 20];
    if (!narrow && !$('panel').hidden) p[3] = 360;
    if (!narrow && !$('detail').hidden) p[1] = 400;
    if (narrow && (!$('panel').hidden || !$('detail').hidden)) p[2] = Math.round(window.innerHeight * 0.58);
    if (!$('show').hidden) p[2] = Math.max(p[2], 110);
    return p;
  }
  function fit(b, opts) {
    map.updateSize(); // the window may have changed since the last frame
    map.getView().fit(extentOf(b), Object.assign({ padding: padding(), maxZoom: 14, duration: 0 }, opts || {}));
  }
  fit(D.home);

  // ---- the bar, language, panels ----
  function setTexts() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = tx(D.title);
    $('title').textContent = tx(D.title);
    $('title').title = tx(D.subtitle);
    $('search').placeholder = w('search');
    $('search').setAttribute('aria-label', w('search'));
    $('tab-layers').textContent = w('layers');
    $('tab-text').textContent = w('text');
    $('tab-scenes').textContent = w('scenes');
    $('lang').textContent = w('other');
    $('legend-toggle').textContent = w('legend');
    if (D.basemap) {
      $('online').hidden = false;
      $('online').textContent = w('online').replace('%s', D.basemap.host);
    }
    var asof = $('asof');
    asof.hidden = !D.asOf;
    if (D.asOf) asof.textContent = w('asOf').replace('%s', dateIn(D.asOf));
    drawLegend();
    attribution.changed();
    layer.getSource().changed();
  }
  function drawLegend() {
    var rows = $('legend-rows');
    rows.textContent = '';
    (lang === 'en' ? D.legend.en : D.legend.zh).forEach(function (r) {
      if (r.heading) { rows.appendChild(el('div', { class: 'lhead', text: r.text })); return; }
      var img = r.swatch ? el('img', { src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(r.swatch), alt: '' }) : null;
      rows.appendChild(el('div', { class: 'lrow' }, [img, el('span', { text: r.text })]));
    });
  }
  $('legend-toggle').addEventListener('click', function () { $('legend').classList.toggle('folded'); });
  if (window.innerWidth < 700) $('legend').classList.add('folded');
  $('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    labelCache = {};
    setTexts();
    if (S.tab) openTab(S.tab);
    if (shown) showFeature(shown);
    if (S.scene >= 0) showScene(S.scene);
  });
  ['layers', 'text', 'scenes'].forEach(function (t) {
    $('tab-' + t).addEventListener('click', function () { if (S.tab === t) closePanel(); else openTab(t); });
  });
  $('panel-close').addEventListener('click', closePanel);
  $('detail-close').addEventListener('click', function () { select([]); });
  function closePanel() {
    S.tab = null; $('panel').hidden = true;
    ['layers', 'text', 'scenes'].forEach(function (t) { $('tab-' + t).setAttribute('aria-pressed', 'false'); });
  }
  function openTab(t) {
    S.tab = t;
    ['layers', 'text', 'scenes'].forEach(function (x) { $('tab-' + x).setAttribute('aria-pressed', String(x === t)); });
    if (window.innerWidth < 700) $('detail').hidden = true;
    $('panel').hidden = false;
    $('panel-title').textContent = w(t);
    var body = $('panel-body');
    body.textContent = '';
    if (t === 'layers') layersPanel(body);
    if (t === 'text') textPanel(body);
    if (t === 'scenes') scenesPanel(body);
    body.scrollTop = 0;
  }
  function layersPanel(body) {
    body.appendChild(el('h3', { text: w('groups') }));
    D.groups.forEach(function (g) {
      var box = el('input', { type: 'checkbox', 'data-group': g.id });
      box.checked = !!S.groups[g.id];
      box.addEventListener('change', function () { S.groups[g.id] = box.checked; changed(); });
      body.appendChild(el('label', { class: 'group' }, [box, el('span', { text: tx(g.name) })]));
    });
    body.appendChild(el('h3', { text: w('stages') }));
    var present = {};
    D.features.forEach(function (f) { if (f.project && f.s) present[f.s] = true; });
    D.stages.filter(function (s) { return present[s.id]; }).forEach(function (s) {
      var box = el('input', { type: 'checkbox', 'data-stage': s.id });
      box.checked = !S.stages || !!S.stages[s.id];
      box.addEventListener('change', function () {
        if (!S.stages) { S.stages = {}; D.stages.forEach(function (x) { S.stages[x.id] = true; }); }
        S.stages[s.id] = box.checked;
        changed();
      });
      body.appendChild(el('label', { class: 'stagebox' }, [box, el('span', { text: tx(s.name) })]));
    });
  }
  function textPanel(body, target) {
    D.blocks.forEach(function (b) {
      var div = el('div', { class: 'block ' + b.kind, id: 'block-' + b.i });
      if (b.label && b.kind === 'clause') div.appendChild(el('span', { class: 'label', text: b.label }));
      div.appendChild(document.createTextNode(b.kind === 'part' ? b.text : b.text));
      var ids = b.ref && b.kind !== 'intro' ? citing[b.ref] : null;
      if (ids && ids.length) {
        div.appendChild(el('button', { type: 'button', class: 'btn onmap', text: w('onMap') + ' (' + ids.length + ')',
          onclick: function () { select(ids, true); } }));
      }
      body.appendChild(div);
    });
  }
  function scenesPanel(body) {
    if (!D.scenes.length) { body.appendChild(el('p', { class: 'hint', text: w('scenesNone') })); return; }
    D.scenes.forEach(function (s, i) {
      body.appendChild(el('button', { type: 'button', class: 'btn', style: 'display:block;width:100%;text-align:left;margin:6px 0;padding:8px 10px',
        onclick: function () { showScene(i); } }, [el('div', { text: (i + 1) + '. ' + tx(s.name), style: 'font-weight:600' }),
        el('div', { class: 'cite', text: tx(s.caption) })]));
    });
  }

  // ---- selection and the feature panel ----
  var shown = null;
  function select(ids, frame) {
    S.selected = {};
    ids.forEach(function (id) { S.selected[id] = true; });
    layer.changed();
    if (ids.length === 1) showFeature(ids[0]);
    else if (ids.length > 1) showMany(ids);
    else { shown = null; $('detail').hidden = true; }
    if (frame && ids.length) frameIds(ids);
  }
  function frameIds(ids) {
    var ext = ol.extent.createEmpty();
    ids.forEach(function (id) { var of = source.getFeatureById(id); if (of) ol.extent.extend(ext, of.getGeometry().getExtent()); });
    if (ol.extent.isEmpty(ext)) return;
    map.updateSize();
    map.getView().fit(ext, { padding: padding(), maxZoom: 12, duration: 300 });
  }
  function openDetail() {
    if (window.innerWidth < 700) { $('panel').hidden = true; S.tab = null; }
    $('detail').hidden = false;
  }
  function showMany(ids) {
    shown = null;
    openDetail();
    $('detail-title').textContent = ids.length + ' ' + w('features');
    var body = $('detail-body');
    body.textContent = '';
    ids.forEach(function (id) {
      var f = byId[id];
      if (!f) return;
      body.appendChild(el('button', { type: 'button', class: 'qhead', text: tx(f.n) + ' · ' + tx(f.k), onclick: function () { select([id], true); } }));
    });
  }
  function highlighted(text, quotes) {
    var spans = [];
    quotes.forEach(function (q) {
      if (!q) return;
      for (var from = 0; ;) { var i = text.indexOf(q, from); if (i < 0) break; spans.push([i, i + q.length]); from = i + q.length; }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = [], pos = 0;
    spans.forEach(function (s) {
      if (s[0] < pos) return;
      if (s[0] > pos) out.push(document.createTextNode(text.slice(pos, s[0])));
      out.push(el('mark', { text: text.slice(s[0], s[1]) }));
      pos = s[1];
    });
    if (pos < text.length) out.push(document.createTextNode(text.slice(pos)));
    return out;
  }
  function dl(rows) {
    var d = el('dl', { class: 'dl' });
    rows.forEach(function (r) { if (r[1]) { d.appendChild(el('dt', { text: r[0] })); d.appendChild(el('dd', { text: r[1] })); } });
    return d;
  }
  function showFeature(id) {
    var f = byId[id];
    if (!f) return;
    shown = id;
    openDetail();
    var body = $('detail-body');
    body.textContent = '';
    var name = tx(f.n), other = lang === 'en' ? f.n.zh : f.n.en;
    $('detail-title').textContent = name;
    if (other && other !== name) body.appendChild(el('div', { class: 'other', text: other }));
    var stage = f.s ? tx((D.stages.filter(function (s) { return s.id === f.s; })[0] || {}).name) : '';
    if (stage && f.verb) stage += bracket(w('verb') + colon(w('verb')) + f.verb);
    var rows = [[w('kind'), tx(f.k)], [w('stage'), stage], [w('position'), f.p ? w(f.p) : ''], [w('role'), f.role]];
    body.appendChild(dl(rows));
    if (f.project) {
      var sinceHead = w('since').replace('%s', (D.adopted || '').slice(0, 4));
      var since = tx(f.since);
      if (!since) since = f.noInfoBy ? w('noInfoBy').replace('%s', dateIn(f.noInfoBy)) : w('noInfo');
      body.appendChild(dl([[sinceHead, since]]));
      (f.sinceSrc || []).forEach(function (c, i) {
        var head = w('source') + (i === 0 && f.rel ? bracket(w('rel_' + f.rel)) : '');
        body.appendChild(el('div', { class: 'cite', text: head + colon(head) + c }));
      });
    }
    if (D.asOf && f.project) body.appendChild(dl([[w('stageAsOf').replace('%s', D.asOf), stage]]));
    if (f.ev && f.ev.length) {
      body.appendChild(el('h3', { text: w('progress') }));
      f.ev.forEach(function (e) {
        var sn = tx((D.stages.filter(function (s) { return s.id === e.stage; })[0] || {}).name);
        body.appendChild(el('div', { class: 'ev', text: e.date + '  ' + tx(e.desc) + (sn ? bracket(sn) : '') }));
        var head = w('source') + (e.rel ? bracket(w('rel_' + e.rel)) : '');
        if (e.cite) body.appendChild(el('div', { class: 'cite', text: head + colon(head) + e.cite }));
      });
    }
    var refs = f.refs || [], quoted = {};
    if (refs.length) body.appendChild(el('h3', { text: w('clauses') }));
    refs.forEach(function (ref) {
      var quotes = (f.q || []).filter(function (q) { return q.ref === ref; }).map(function (q) { return q.text; });
      if (!quotes.length) return;
      quoted[ref] = true;
      var b = blocksByRef[ref];
      if (!b) return;
      body.appendChild(el('button', { type: 'button', class: 'qhead', text: tx(b.head) || b.label || ref, title: w('inText'),
        onclick: function () { showInText(ref); } }));
      var text = b.kind === 'part' ? b.text + '\n' + (D.blocks[b.i + 1] && D.blocks[b.i + 1].kind === 'intro' ? D.blocks[b.i + 1].text : '') : b.text;
      body.appendChild(el('div', { class: 'quote' }, highlighted(text, quotes)));
    });
    var rest = refs.filter(function (r) { return !quoted[r]; }).map(function (r) { var b = blocksByRef[r]; return b ? (b.label || b.text.slice(0, 12)) : r; });
    if (rest.length) body.appendChild(el('div', { class: 'cite', text: '+ ' + rest.join(' ') }));
    if (f.src && f.src.length) body.appendChild(el('div', { class: 'cite', style: 'margin-top:10px', text: w('placeSource') + colon(w('placeSource')) + f.src.join('；') }));
    body.scrollTop = 0;
  }
  function showInText(ref) {
    openTab('text');
    var b = blocksByRef[ref];
    if (!b) return;
    var div = $('block-' + b.i);
    if (!div) return;
    div.classList.add('target');
    div.scrollIntoView({ block: 'center' });
  }
  map.on('singleclick', function (e) {
    var hit = null, best = 99;
    map.forEachFeatureAtPixel(e.pixel, function (of) {
      var f = D.features[of.get('i')];
      if (!visible(f)) return;
      // Points over lines over areas; base divisions last.
      var st = STYLES[f.st] || {}, rank = st.symbol ? 0 : st.line ? 1 : f.g === baseGroup ? 3 : 2;
      if (rank < best) { best = rank; hit = f; }
    }, { hitTolerance: 6, layerFilter: function (l) { return l === layer; } });
    if (hit && hit.g === baseGroup && !hit.project && !(hit.refs || []).length) hit = null;
    select(hit ? [hit.id] : []);
  });
  map.on('pointermove', function (e) {
    if (e.dragging) return;
    var over = map.hasFeatureAtPixel(e.pixel, { hitTolerance: 6 });
    map.getTargetElement().style.cursor = over ? 'pointer' : '';
  });

  // ---- search ----
  function norm(s) { return (s || '').toLowerCase().replace(/[\s\-–—·・,，.。、()（）"“”'’]/g, ''); }
  function find(q) {
    q = norm(q);
    if (!q) return [];
    var hits = [];
    D.features.forEach(function (f) {
      var names = [norm(f.n.zh), norm(f.n.en)].concat(f.py || []), score = -1;
      names.forEach(function (n) {
        if (!n) return;
        if (n === q) score = 0;
        else if (n.indexOf(q) === 0 && (score < 0 || score > 1)) score = 1;
        else if (n.indexOf(q) >= 0 && score < 0) score = 2;
      });
      if (score >= 0) hits.push({ f: f, score: score + (f.g === baseGroup ? 3 : 0), len: (f.n.zh || '').length });
    });
    hits.sort(function (a, b) { return a.score - b.score || a.len - b.len || a.f.i - b.f.i; });
    var out = hits.slice(0, 30).map(function (h) { return { feature: h.f }; });
    var raw = q;
    D.blocks.forEach(function (b) {
      if (out.length >= 50 || !b.text) return;
      var i = norm(b.text).indexOf(raw);
      if (i >= 0 && (b.kind === 'clause' || b.kind === 'intro' || b.kind === 'preamble' || b.kind === 'part')) out.push({ block: b });
    });
    return out;
  }
  function snippet(text, q) {
    var i = text.indexOf(q);
    if (i < 0) return text.slice(0, 60);
    return (i > 20 ? '…' : '') + text.slice(Math.max(0, i - 20), i + q.length + 40);
  }
  var searchBox = $('search');
  searchBox.addEventListener('input', function () { showResults(searchBox.value); });
  searchBox.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { var first = $('results').querySelector('button'); if (first) first.click(); }
    if (e.key === 'Escape') { searchBox.value = ''; showResults(''); searchBox.blur(); }
    e.stopPropagation();
  });
  function showResults(q) {
    var box = $('results');
    box.textContent = '';
    if (!q.trim()) { box.hidden = true; return; }
    var hits = find(q);
    box.hidden = false;
    if (!hits.length) { box.appendChild(el('div', { class: 'none', text: w('none') })); return; }
    hits.forEach(function (h) {
      var b;
      if (h.feature) {
        var f = h.feature;
        b = el('button', { type: 'button', 'data-id': f.id, onclick: function () { box.hidden = true; if (!S.groups[f.g]) { S.groups[f.g] = true; changed(); } select([f.id], true); } },
          [tx(f.n), el('span', { class: 'sub', text: tx(f.k) + (lang === 'en' ? '' : f.n.en ? ' · ' + f.n.en : '') })]);
      } else {
        var bl = h.block;
        b = el('button', { type: 'button', onclick: function () { box.hidden = true; showInText(bl.ref); } },
          [(bl.label || tx(bl.head) || w('clause')), el('span', { class: 'sub', text: snippet(bl.text, q.trim()) })]);
      }
      box.appendChild(b);
    });
  }

  // ---- scenes: a slideshow ----
  function showScene(i) {
    if (!D.scenes.length) return;
    i = (i + D.scenes.length) % D.scenes.length;
    S.scene = i;
    var s = D.scenes[i];
    if (s.layers && s.layers.length) {
      D.groups.forEach(function (g) { S.groups[g.id] = g.base || s.layers.indexOf(g.id) >= 0; });
    }
    S.stages = null;
    if (s.stage) { S.stages = {}; S.stages[s.stage] = true; }
    S.highlight = {};
    (s.highlight || []).forEach(function (id) { S.highlight[id] = true; });
    $('show').hidden = false;
    $('show-name').textContent = (i + 1) + '/' + D.scenes.length + '  ' + tx(s.name);
    $('show-caption').textContent = tx(s.caption);
    if (window.innerWidth < 700) { closePanel(); $('detail').hidden = true; }
    changed();
    fit(s.bbox, { duration: 0 });
  }
  function endShow() {
    S.scene = -1; S.highlight = {}; $('show').hidden = true;
    D.groups.forEach(function (g) { S.groups[g.id] = g.visible; });
    S.stages = null;
    changed();
  }
  $('show-prev').addEventListener('click', function () { showScene(S.scene - 1); });
  $('show-next').addEventListener('click', function () { showScene(S.scene + 1); });
  $('show-close').addEventListener('click', endShow);
  // Keys (captured before the map's own, which pan with the arrows when it
  // has the focus): during a slideshow the arrows, Page Up/Down and the
  // space step it, as a clicker does.
  document.addEventListener('keydown', function (e) {
    if (e.target && e.target.tagName === 'INPUT') return;
    var step = 0;
    if (S.scene >= 0 && (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown' || e.key === ' ')) step = 1;
    if (S.scene >= 0 && (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp')) step = -1;
    if (step) { showScene(S.scene + step); e.preventDefault(); e.stopPropagation(); return; }
    if (e.key === 'Escape') { if (S.scene >= 0) endShow(); else select([]); }
    else if (e.key === '/') { searchBox.focus(); e.preventDefault(); }
  }, true);
  // A swipe on the slideshow's bar steps it (the map keeps its own gestures).
  var touchX = null;
  $('show').addEventListener('touchstart', function (e) { touchX = e.touches[0].clientX; }, { passive: true });
  $('show').addEventListener('touchend', function (e) {
    if (touchX == null) return;
    var dx = e.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 40) showScene(S.scene + (dx < 0 ? 1 : -1));
  });

  refan();
  setTexts();
  // For tests and for a reader's console: what the page holds and shows.
  window.planAtlas = {
    data: D, map: map, layer: layer, rings: rings, state: S, select: select, showScene: showScene, find: find,
    setLang: function (l) { if (l !== lang) $('lang').click(); },
    rendered: false
  };
  map.once('rendercomplete', function () { window.planAtlas.rendered = true; document.body.setAttribute('data-rendered', '1'); });
})();
