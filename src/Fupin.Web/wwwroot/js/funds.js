// 资金 charts, drawn from the JSON in data-chart (the table beside each chart holds the same figures):
// data-funds-chart="kind": 到位, 下达, 拨付, 支出 by source kind; "months": cumulative 下达, 拨付, 支出 at
// each month's end. Tooltips render in the canvas (richText) because the CSP forbids inline styles.
(function () {
    'use strict';

    var COLORS = { amount: '#86909c', allocated: '#1f5fbf', disbursed: '#d48806', spent: '#1a7f37' };
    var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

    function wan(v) { return v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' 万元'; }

    function base() {
        return {
            animation: false,
            textStyle: { fontFamily: FONT },
            grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
            legend: { top: 8 },
            tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: wan },
            yAxis: { type: 'value', name: '万元', nameTextStyle: { align: 'right' } }
        };
    }

    function kindOption(d) {
        var o = base();
        o.xAxis = { type: 'category', data: d.kinds, axisLabel: { interval: 0, formatter: function (s) { return s.replace('财政专项扶贫资金', '\n财政专项').replace('资金', ''); } } };
        o.tooltip.axisPointer = { type: 'shadow' };
        o.series = [
            { name: '到位', type: 'bar', data: d.amount, itemStyle: { color: COLORS.amount } },
            { name: '下达', type: 'bar', data: d.allocated, itemStyle: { color: COLORS.allocated } },
            { name: '拨付', type: 'bar', data: d.disbursed, itemStyle: { color: COLORS.disbursed } },
            { name: '支出', type: 'bar', data: d.spent, itemStyle: { color: COLORS.spent } }
        ];
        return o;
    }

    function monthOption(d) {
        var o = base();
        o.xAxis = { type: 'category', data: d.months, boundaryGap: false };
        function line(name, data, color) {
            return { name: name, type: 'line', data: data, connectNulls: false, symbolSize: 6, itemStyle: { color: color }, lineStyle: { color: color, width: 2 } };
        }
        o.series = [line('累计下达', d.allocated, COLORS.allocated), line('累计拨付', d.disbursed, COLORS.disbursed), line('累计支出', d.spent, COLORS.spent)];
        return o;
    }

    function draw() {
        if (typeof echarts === 'undefined') return;
        var charts = [];
        document.querySelectorAll('[data-funds-chart]').forEach(function (el) {
            var data = JSON.parse(el.getAttribute('data-chart'));
            var kind = el.getAttribute('data-funds-chart');
            var chart = echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption(kind === 'months' ? monthOption(data) : kindOption(data));
            el.setAttribute('data-drawn', 'true');
            charts.push(chart);
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
})();
