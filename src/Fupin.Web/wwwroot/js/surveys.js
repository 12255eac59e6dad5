// 满意度调查: the chart of 认可度 by township or village with the 90% standard as a line, drawn from the JSON in
// data-chart (the table beside it holds the same figures). Bars under the standard are red. Tooltips render in
// the canvas (richText) because the CSP forbids inline styles.
(function () {
    'use strict';

    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

    function option(d, el) {
        var rotate = el.clientWidth / Math.max(d.names.length, 1) < 64 ? 40 : 0;
        var low = Math.min.apply(null, d.rates.filter(function (v) { return v !== null; }).concat([d.standard]));
        return {
            animation: false,
            textStyle: { fontFamily: FONT },
            grid: { left: 16, right: 56, top: 40, bottom: 16, containLabel: true },
            tooltip: {
                trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' },
                formatter: function (ps) {
                    var i = ps[0].dataIndex;
                    var r = d.rates[i];
                    return d.names[i] + '\n认可度 ' + (r === null ? '—' : r + '%') + '\n认可 ' + d.approving[i] + ' / 已调查 ' + d.surveyed[i] + ' 户';
                }
            },
            xAxis: { type: 'category', data: d.names, axisLabel: { interval: 0, rotate: rotate } },
            yAxis: { type: 'value', name: '认可度（%）', min: Math.max(0, Math.floor((low - 10) / 10) * 10), max: 100, nameTextStyle: { align: 'left' } },
            series: [{
                name: '认可度', type: 'bar', barMaxWidth: 36,
                data: d.rates.map(function (v) {
                    return { value: v, itemStyle: { color: v === null ? '#c9cdd4' : v >= d.standard ? '#1a7f37' : '#b5121b' } };
                }),
                label: { show: d.names.length <= 20, position: 'top', formatter: function (p) { return p.value === null || p.value === undefined ? '' : p.value + '%'; } },
                markLine: {
                    symbol: 'none', silent: true,
                    lineStyle: { color: '#b5121b', type: 'dashed', width: 2 },
                    label: { formatter: '标准 ' + d.standard + '%', position: 'end', color: '#b5121b' },
                    data: [{ yAxis: d.standard }]
                }
            }]
        };
    }

    function draw() {
        if (typeof echarts === 'undefined') return;
        var charts = [];
        document.querySelectorAll('[data-survey-chart]').forEach(function (el) {
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(option(JSON.parse(el.getAttribute('data-chart')), el));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
})();
