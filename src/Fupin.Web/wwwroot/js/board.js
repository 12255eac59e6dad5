// 作战图: a small line per figure (its months from the JSON in data-trend) and a bar chart of the child regions
// (data-chart); every number is also in the tables below. Colours from the Okabe–Ito palette (colour-blind safe);
// tooltips render in the canvas (richText) because the CSP forbids inline styles.
(function () {
    'use strict';

    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
    var BLUE = '#0072B2', ORANGE = '#E69F00', GREEN = '#009E73';

    function fmt(v, unit) {
        return v === null || v === undefined ? '—' : v + (unit === '%' ? '%' : ' ' + unit);
    }

    function trend(d) {
        return {
            animation: false,
            textStyle: { fontFamily: FONT },
            grid: { left: 4, right: 8, top: 8, bottom: 4, containLabel: true },
            tooltip: {
                trigger: 'axis', renderMode: 'richText',
                formatter: function (ps) { return d.label + '\n' + d.months[ps[0].dataIndex] + '：' + fmt(d.values[ps[0].dataIndex], d.unit); }
            },
            xAxis: { type: 'category', data: d.months, boundaryGap: false, axisLabel: { fontSize: 10, interval: 'auto' }, axisTick: { show: false } },
            yAxis: { type: 'value', splitNumber: 2, axisLabel: { fontSize: 10 }, min: function (v) { return Math.max(0, Math.floor(v.min * 0.9)); } },
            series: [{
                type: 'line', data: d.values, symbol: 'circle', symbolSize: 4, connectNulls: false,
                lineStyle: { color: BLUE, width: 2 }, itemStyle: { color: BLUE },
                areaStyle: { color: 'rgba(0, 114, 178, 0.10)' }
            }]
        };
    }

    function children(d, el) {
        var rotate = el.clientWidth / Math.max(d.names.length, 1) < 56 ? 40 : 0;
        return {
            animation: false,
            textStyle: { fontFamily: FONT },
            color: [ORANGE, GREEN, BLUE],
            legend: { top: 0, data: ['未脱贫户', '本年脱贫户', '贫困发生率'] },
            grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
            tooltip: {
                trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' },
                formatter: function (ps) {
                    var i = ps[0].dataIndex;
                    return d.names[i] + '\n未脱贫户 ' + fmt(d.poor[i], '户') + '\n本年脱贫户 ' + fmt(d.exited[i], '户') + '\n贫困发生率 ' + fmt(d.incidence[i], '%');
                }
            },
            xAxis: { type: 'category', data: d.names, axisLabel: { interval: 0, rotate: rotate } },
            yAxis: [
                { type: 'value', name: '户', nameTextStyle: { align: 'right' } },
                { type: 'value', name: '贫困发生率（%）', nameTextStyle: { align: 'left' }, splitLine: { show: false } }
            ],
            series: [
                { name: '未脱贫户', type: 'bar', data: d.poor, barMaxWidth: 28 },
                { name: '本年脱贫户', type: 'bar', data: d.exited, barMaxWidth: 28, itemStyle: { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4 } } },
                { name: '贫困发生率', type: 'line', yAxisIndex: 1, data: d.incidence, symbol: 'diamond', symbolSize: 8, lineStyle: { type: 'dashed' } }
            ]
        };
    }

    function draw() {
        if (typeof echarts === 'undefined') return;
        var charts = [];
        document.querySelectorAll('[data-board-trend]').forEach(function (el) {
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(trend(JSON.parse(el.getAttribute('data-trend'))));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        document.querySelectorAll('[data-board-children]').forEach(function (el) {
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(children(JSON.parse(el.getAttribute('data-chart')), el));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
})();
