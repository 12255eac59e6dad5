// 攻坚台账: a task's chart of the reported cumulative amount (bars) against the expected one at each month's end
// (line), drawn from the JSON in data-chart; the table beside it holds the same numbers. Colours are
// colour-blind-safe (blue bars, orange dashed line); tooltips render in the canvas because the CSP forbids inline styles.
(function () {
    'use strict';

    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

    function option(d) {
        return {
            animation: false,
            textStyle: { fontFamily: FONT },
            legend: { top: 4, data: ['累计完成', '应完成'] },
            grid: { left: 12, right: 20, top: 40, bottom: 12, containLabel: true },
            tooltip: { trigger: 'axis', renderMode: 'richText' },
            xAxis: { type: 'category', data: d.months },
            yAxis: { type: 'value', name: d.unit, max: function (v) { return Math.max(v.max, d.target); } },
            series: [
                { name: '累计完成', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#0072b2' }, data: d.achieved },
                {
                    name: '应完成', type: 'line', symbol: 'circle', lineStyle: { color: '#e69f00', type: 'dashed', width: 2 },
                    itemStyle: { color: '#e69f00' }, data: d.expected,
                    markLine: { symbol: 'none', silent: true, lineStyle: { color: '#555', type: 'dotted' }, label: { formatter: '目标 ' + d.target, position: 'insideEndTop' }, data: [{ yAxis: d.target }] }
                }
            ]
        };
    }

    function draw() {
        if (typeof echarts === 'undefined') return;
        var charts = [];
        document.querySelectorAll('[data-campaign-chart]').forEach(function (el) {
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(option(JSON.parse(el.getAttribute('data-chart'))));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
})();
