// 就业与覆盖: the coverage chart (data-coverage-chart) — the rate (%) of each child region as horizontal bars with
// the region's overall rate as a line; the table beside it holds the same figures. Tooltips render in the canvas
// (richText) because the CSP forbids inline styles.
(function () {
    'use strict';

    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

    function color(rate) {
        if (rate === null || rate === undefined) return '#c9cdd4';
        if (rate < 80) return '#c9302c';
        if (rate < 95) return '#d48806';
        return '#1a7f37';
    }

    function option(d) {
        var names = d.names.slice().reverse();
        var rates = d.rates.slice().reverse();
        var targets = d.targets.slice().reverse();
        var gaps = d.gaps.slice().reverse();
        var series = {
            name: '覆盖率', type: 'bar', barMaxWidth: 18,
            data: rates.map(function (r) { return { value: r === null ? 0 : r, itemStyle: { color: color(r) } }; }),
            label: { show: true, position: 'right', formatter: function (p) { return rates[p.dataIndex] === null ? '无应覆盖' : rates[p.dataIndex].toFixed(1) + '%'; } }
        };
        if (d.overall !== null) {
            series.markLine = {
                symbol: 'none', silent: true, lineStyle: { color: '#1f5fbf', type: 'dashed' },
                label: { formatter: '合计 ' + d.overall.toFixed(1) + '%', position: 'insideEndTop', color: '#1f5fbf' },
                data: [{ xAxis: d.overall }]
            };
        }
        return {
            animation: false,
            textStyle: { fontFamily: FONT },
            grid: { left: 12, right: 56, top: 28, bottom: 12, containLabel: true },
            tooltip: {
                trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText',
                formatter: function (ps) {
                    var i = ps[0].dataIndex;
                    return names[i] + '\n覆盖率：' + (rates[i] === null ? '—' : rates[i].toFixed(1) + '%') + '\n应覆盖：' + targets[i] + ' 人\n未覆盖：' + gaps[i] + ' 人';
                }
            },
            xAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: '{value}%' } },
            yAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
            series: [series]
        };
    }

    function draw() {
        if (typeof echarts === 'undefined') return;
        var charts = [];
        document.querySelectorAll('[data-coverage-chart]').forEach(function (el) {
            var data = JSON.parse(el.getAttribute('data-chart'));
            var rows = parseInt(el.getAttribute('data-rows'), 10) || 1;
            el.style.height = Math.max(240, rows * 30 + 60) + 'px';
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(option(data));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    }

    // 就业台账 form: the place field matters for migrant work, the post for a public-welfare job.
    function kindFields() {
        var kind = document.querySelector('[data-job-kind]');
        if (!kind) return;
        function sync() {
            document.querySelectorAll('[data-for-kind]').forEach(function (f) {
                var wanted = f.getAttribute('data-for-kind');
                var input = f.querySelector('input');
                if (input) input.required = wanted === kind.value;
            });
        }
        kind.addEventListener('change', sync);
        sync();
    }

    function start() { draw(); kindFields(); }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
