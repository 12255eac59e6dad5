// 作战图·地图: colours the child regions of a county or township board by the indicator chosen in the select — on the
// county's uploaded boundaries (ECharts map with a piecewise visualMap as its legend) or, without boundaries, on the
// schematic tiles (same classes, same colours, an HTML legend). Clicking a region or tile opens its board. Data comes
// from the JSON block #bmap-data; the map's GeoJSON from the API. Tooltips render in the canvas (richText) because the
// CSP forbids inline styles.
(function () {
    'use strict';

    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
    // ColorBrewer YlGnBu (5 classes): sequential and safe for colour-blind readers; darker = larger.
    var COLORS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
    var NODATA = '#e5e6eb';

    function fmt(v, unit) {
        if (v === null || v === undefined || isNaN(v)) return '—';
        var r = Math.round(v * 100) / 100;
        var s = r === Math.round(r) ? Math.round(r).toLocaleString('en-US') : r.toString();
        return unit === '%' ? s + '%' : s;
    }

    // Up to five equal classes between the smallest and the largest value; whole numbers unless the indicator is a rate.
    function pieces(values, unit) {
        var vs = values.filter(function (v) { return v !== null && v !== undefined; });
        if (vs.length === 0) return [];
        var min = Math.min.apply(null, vs), max = Math.max.apply(null, vs);
        var whole = unit !== '%' && vs.every(function (v) { return Math.round(v) === v; });
        if (min === max) return [{ gte: min, lte: max, label: fmt(min, unit), color: COLORS[2] }];
        var bounds = [];
        for (var i = 0; i <= 5; i++) {
            var b = min + (max - min) * i / 5;
            b = whole ? Math.round(b) : Math.round(b * 100) / 100;
            if (bounds.length === 0 || b > bounds[bounds.length - 1]) bounds.push(b);
        }
        bounds[bounds.length - 1] = max;
        var n = bounds.length - 1;
        var out = [];
        for (var k = 0; k < n; k++) {
            var lo = bounds[k], hi = bounds[k + 1], last = k === n - 1;
            var color = COLORS[n === 1 ? 2 : Math.round(k * 4 / (n - 1))];
            var label = whole
                ? (last ? lo === hi ? fmt(lo, unit) : fmt(lo, unit) + '–' + fmt(hi, unit) : lo === hi - 1 ? fmt(lo, unit) : fmt(lo, unit) + '–' + fmt(hi - 1, unit))
                : fmt(lo, unit) + (last ? '–' : '～') + fmt(hi, unit);
            var p = { gte: lo, label: label, color: color };
            if (last) p.lte = hi; else p.lt = hi;
            out.push(p);
        }
        return out;
    }

    function pieceOf(ps, v) {
        if (v === null || v === undefined) return -1;
        for (var i = 0; i < ps.length; i++) {
            var p = ps[i];
            if (v >= p.gte && (p.lt !== undefined ? v < p.lt : v <= p.lte)) return i;
        }
        return -1;
    }

    function init() {
        var panel = document.querySelector('[data-board-map]');
        var dataEl = document.getElementById('bmap-data');
        if (!panel || !dataEl) return;
        var data = JSON.parse(dataEl.textContent);
        var select = panel.querySelector('[data-bmap-indicator]');
        var tilesEl = panel.querySelector('[data-bmap-tiles]');
        var legendEl = panel.querySelector('[data-bmap-legend]');
        var canvas = panel.querySelector('[data-bmap-canvas]');
        var chart = null;
        var names = {};
        data.children.forEach(function (c) { names[c.code] = c.name; });

        function indicator() {
            var key = select ? select.value : null;
            return data.indicators.filter(function (i) { return i.key === key; })[0] || data.indicators[0] || null;
        }

        function valueOf(child, key) {
            var v = child.values[key];
            return v === undefined ? null : v;
        }

        function paintTiles(ind, ps) {
            data.children.forEach(function (c) {
                var tile = tilesEl.querySelector('[data-bmap-tile="' + c.code + '"]');
                if (!tile) return;
                var v = ind ? valueOf(c, ind.key) : null;
                var i = pieceOf(ps, v);
                tile.className = 'bmap-tile ' + (i < 0 ? 'bmap-nodata' : 'bmap-c' + COLORS.indexOf(ps[i].color));
                tile.querySelector('[data-bmap-value]').textContent = ind ? fmt(v, ind.unit) : '';
                tile.setAttribute('aria-label', c.name + '，' + (ind ? ind.label + ' ' + fmt(v, ind.unit) : ''));
            });
            legendEl.textContent = '';
            ps.concat(data.children.some(function (c) { return ind && valueOf(c, ind.key) === null; }) ? [{ label: '无数据', color: null }] : [])
                .forEach(function (p) {
                    var li = document.createElement('li');
                    var sw = document.createElement('span');
                    sw.className = 'bmap-swatch ' + (p.color ? 'bmap-c' + COLORS.indexOf(p.color) : 'bmap-nodata');
                    sw.setAttribute('aria-hidden', 'true');
                    li.appendChild(sw);
                    var n = p.color ? data.children.filter(function (c) { return pieceOf(ps, valueOf(c, ind.key)) === ps.indexOf(p); }).length : null;
                    li.appendChild(document.createTextNode(p.label + (ind && ind.unit && ind.unit !== '%' && p.color ? ' ' + ind.unit : '') + (n !== null ? '（' + n + '个）' : '')));
                    legendEl.appendChild(li);
                });
            legendEl.setAttribute('data-indicator', ind ? ind.key : '');
        }

        function mapOption(ind, ps) {
            var narrow = canvas.clientWidth < 560;
            return {
                animation: false,
                textStyle: { fontFamily: FONT },
                tooltip: {
                    trigger: 'item', renderMode: 'richText',
                    formatter: function (p) {
                        return (names[p.name] || p.name) + '\n' + ind.label + ' ' + fmt(isNaN(p.value) ? null : p.value, ind.unit) + '\n点击查看作战图';
                    }
                },
                visualMap: {
                    type: 'piecewise', pieces: ps, show: true, left: 8, bottom: 8,
                    orient: narrow ? 'horizontal' : 'vertical', itemGap: narrow ? 6 : 8, itemWidth: 16, itemHeight: 12,
                    text: narrow ? null : [ind.label + (ind.unit ? '（' + ind.unit + '）' : '')], textGap: 6,
                    textStyle: { fontFamily: FONT, fontSize: 12, color: '#1f2329' },
                    outOfRange: { color: NODATA }, selectedMode: false
                },
                series: [{
                    type: 'map', map: 'bmap-' + data.region, nameProperty: 'code', roam: false, selectedMode: false,
                    layoutCenter: ['50%', narrow ? '44%' : '50%'], layoutSize: narrow ? '88%' : '92%',
                    itemStyle: { areaColor: NODATA, borderColor: '#ffffff', borderWidth: 1 },
                    emphasis: { itemStyle: { borderColor: '#1f2329', borderWidth: 2 }, label: { show: true, color: '#1f2329' } },
                    label: {
                        show: true, fontFamily: FONT, fontSize: narrow ? 10 : 12, color: '#1f2329',
                        textBorderColor: '#ffffff', textBorderWidth: 2,
                        formatter: function (p) { return names[p.name] || ''; }
                    },
                    data: data.children.map(function (c) {
                        var v = valueOf(c, ind.key);
                        return { name: c.code, value: v === null ? NaN : v };
                    })
                }]
            };
        }

        function showTiles() {
            panel.setAttribute('data-mode', 'tiles');
            if (canvas) canvas.hidden = true;
            tilesEl.hidden = false;
            legendEl.hidden = false;
        }

        function draw() {
            var ind = indicator();
            var ps = ind ? pieces(data.children.map(function (c) { return valueOf(c, ind.key); }), ind.unit) : [];
            paintTiles(ind, ps);
            if (chart && ind) {
                // A tooltip left showing under the pointer would be re-shown by ECharts on the replaced series a tick
                // later and throw (apache/echarts#21732, still in 6.1): hide it before the option is replaced.
                chart.dispatchAction({ type: 'hideTip' });
                chart.setOption(mapOption(ind, ps), true);
                canvas.setAttribute('data-indicator', ind.key);
            }
        }

        function startMap(geo) {
            if (typeof echarts === 'undefined' || !geo || !geo.features || geo.features.length === 0) { showTiles(); return; }
            echarts.registerMap('bmap-' + data.region, geo);
            chart = echarts.init(canvas, null, { renderer: 'canvas' });
            chart.on('click', function (p) { if (p.name && names[p.name]) window.location.href = '/board/' + p.name; });
            draw();
            canvas.setAttribute('data-drawn', 'true');
            window.addEventListener('resize', function () { chart.resize(); draw(); });
        }

        if (select) select.addEventListener('change', draw);
        draw();
        if (data.mapUrl && canvas) {
            var whenEcharts = function (then) {
                if (typeof echarts !== 'undefined') { then(); return; }
                var s = document.createElement('script');
                s.src = '/lib/echarts.min.js';
                s.onload = then;
                s.onerror = showTiles;
                document.head.appendChild(s);
            };
            fetch(data.mapUrl, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (geo) { if (geo) whenEcharts(function () { startMap(geo); }); else showTiles(); })
                .catch(showTiles);
        }
    }

    // Deferred scripts (the page's ECharts among them) have all run by DOMContentLoaded.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
})();
