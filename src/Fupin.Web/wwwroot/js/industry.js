// 产业扶贫 charts, drawn from the JSON in data-chart (a table on the page holds the same figures):
// data-industry-chart="places": 带动农户 by township or village, one stacked series per industry;
// "industries": 联结户 and 自主发展户 per industry; "townships": one industry's households and 亩 by township;
// "plan": the plan lines of one kind, target against actual. Tooltips render in the canvas (richText)
// because the CSP forbids inline styles.
(function () {
    'use strict';

    var PALETTE = ['#1f5fbf', '#1a7f37', '#d48806', '#b5121b', '#6b46c1', '#0e7c86', '#86909c', '#c2410c', '#4d7c0f', '#be185d'];
    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

    function num(v, unit) { return v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) + (unit ? ' ' + unit : ''); }

    function base(unit) {
        return {
            animation: false,
            color: PALETTE,
            textStyle: { fontFamily: FONT },
            grid: { left: 16, right: 24, top: 56, bottom: 16, containLabel: true },
            legend: { top: 8, type: 'scroll' },
            tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' }, valueFormatter: function (v) { return num(v, unit); } },
            yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'right' }, minInterval: 1 }
        };
    }

    // Labels turn only when the chart is too narrow for them side by side (a phone, a long list of villages).
    function rotation(el, n) { return el.clientWidth / Math.max(n, 1) < 72 ? 40 : 0; }

    function placesOption(d, el) {
        var o = base('户');
        o.xAxis = { type: 'category', data: d.places, axisLabel: { interval: 0, rotate: rotation(el, d.places.length) } };
        o.series = d.series.map(function (s) { return { name: s.name, type: 'bar', stack: 'households', data: s.data, barMaxWidth: 36 }; });
        return o;
    }

    function industriesOption(d) {
        var o = base('户');
        o.xAxis = { type: 'category', data: d.industries, axisLabel: { interval: 0 } };
        o.series = [
            { name: '利益联结户', type: 'bar', data: d.linked, barMaxWidth: 36 },
            { name: '自主发展户', type: 'bar', data: d.own, barMaxWidth: 36 },
            { name: '带动农户合计', type: 'bar', data: d.total, barMaxWidth: 36 }
        ];
        return o;
    }

    function townshipsOption(d, el) {
        var o = base('户');
        o.tooltip.valueFormatter = undefined;
        o.grid.right = 40;
        o.xAxis = { type: 'category', data: d.places, axisLabel: { interval: 0, rotate: rotation(el, d.places.length) } };
        o.yAxis = [
            { type: 'value', name: '户', minInterval: 1, nameTextStyle: { align: 'right' } },
            { type: 'value', name: '亩', splitLine: { show: false }, nameTextStyle: { align: 'left' } }
        ];
        o.series = [
            { name: '利益联结户', type: 'bar', stack: 'h', data: d.linked, barMaxWidth: 36 },
            { name: '仅自主发展户', type: 'bar', stack: 'h', data: d.ownOnly, barMaxWidth: 36 },
            { name: '自主发展面积（亩）', type: 'line', yAxisIndex: 1, data: d.area, symbolSize: 6, itemStyle: { color: '#d48806' }, lineStyle: { color: '#d48806', width: 2 } }
        ];
        return o;
    }

    function planOption(d) {
        var o = base(d.unit);
        o.grid.left = 8;
        o.grid.right = 48;
        o.xAxis = { type: 'value', name: d.unit };
        o.yAxis = { type: 'category', data: d.names, inverse: true, axisLabel: { width: 220, overflow: 'truncate' } };
        o.series = [
            { name: '目标', type: 'bar', data: d.target, itemStyle: { color: '#c9cdd4' }, barGap: '-100%', barMaxWidth: 22, z: 1 },
            { name: '完成', type: 'bar', data: d.actual, itemStyle: { color: '#1f5fbf' }, barMaxWidth: 14, z: 2,
              label: { show: true, position: 'right', formatter: function (p) { var pct = d.percent[p.dataIndex]; return pct === null ? '' : pct + '%'; } } }
        ];
        return o;
    }

    var OPTIONS = { places: placesOption, industries: industriesOption, townships: townshipsOption, plan: planOption };

    function draw() {
        if (typeof echarts === 'undefined') return;
        var charts = [];
        document.querySelectorAll('[data-industry-chart]').forEach(function (el) {
            var make = OPTIONS[el.getAttribute('data-industry-chart')];
            if (!make) return;
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(make(JSON.parse(el.getAttribute('data-chart')), el));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
})();
