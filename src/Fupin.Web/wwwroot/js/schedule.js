// 倒排工期 chart: for each milestone a grey bar for the plan (latest start → latest finish) and a
// coloured bar for the actual work (start → finish, or → the as-of date while under way), a vertical
// line on the as-of date. Drawn from the JSON in data-schedule-chart; the table beside it has the same
// figures in words. Tooltips render in the canvas (richText) because the CSP forbids inline styles.
(function () {
    'use strict';
    if (window.fupinScheduleLoaded) return;
    window.fupinScheduleLoaded = true;

    var STATUS = [
        { key: 'onTime', name: '正常', color: '#1a7f37' },
        { key: 'notStarted', name: '未开始', color: '#86909c' },
        { key: 'atRisk', name: '预警', color: '#d48806' },
        { key: 'late', name: '滞后', color: '#c9242b' },
        { key: 'done', name: '按期完成', color: '#1f5fbf' },
        { key: 'doneLate', name: '逾期完成', color: '#7a3e9d' }
    ];
    var PLAN_COLOR = '#c9cdd4';
    var DAY = 86400000;

    function day(text) {
        // Local midnight so the time axis shows the same calendar day in any time zone.
        var p = text.split('-');
        return new Date(+p[0], +p[1] - 1, +p[2]).getTime();
    }

    function fmt(ms) {
        var d = new Date(ms);
        var m = d.getMonth() + 1, dd = d.getDate();
        return d.getFullYear() + '-' + (m < 10 ? '0' : '') + m + '-' + (dd < 10 ? '0' : '') + dd;
    }

    function bar(offset, share, text) {
        // A horizontal bar inside the milestone's band: offset and height as shares of the band.
        return function (params, api) {
            var start = api.coord([api.value(1), api.value(0)]);
            var end = api.coord([api.value(2), api.value(0)]);
            var band = api.size([0, 1])[1];
            var width = Math.max(end[0] - start[0], 3);
            var rect = echarts.graphic.clipRectByRect(
                { x: start[0], y: start[1] - band / 2 + band * offset, width: width, height: band * share },
                { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
            if (!rect) return null;
            var el = { type: 'rect', shape: rect, style: { fill: api.visual('color'), stroke: text ? null : '#86909c', lineWidth: text ? 0 : 1 } };
            if (text) {
                el.textContent = { style: { text: text(params.dataIndex), fill: '#1d2129', fontSize: 12 } };
                el.textConfig = { position: 'right', distance: 6 };
            }
            return el;
        };
    }

    function draw(el) {
        var data = JSON.parse(el.getAttribute('data-schedule-chart'));
        var ms = data.milestones;
        if (!ms.length || typeof echarts === 'undefined') return;
        var asOf = day(data.asOf);
        var names = ms.map(function (m) { return m.seq + ' ' + m.name; });
        var lo = Infinity, hi = -Infinity;
        ms.forEach(function (m) {
            lo = Math.min(lo, day(m.latestStart), m.startedOn ? day(m.startedOn) : Infinity);
            hi = Math.max(hi, day(m.latestFinish), m.finishedOn ? day(m.finishedOn) : -Infinity);
        });
        lo = Math.min(lo, asOf) - 7 * DAY;
        hi = Math.max(hi, asOf) + 7 * DAY;

        var plan = ms.map(function (m, i) {
            return { value: [i, day(m.latestStart), day(m.latestFinish)], milestone: m };
        });
        var series = [{
            name: '计划（最迟开始→最迟完成）', type: 'custom', renderItem: bar(0.12, 0.34),
            itemStyle: { color: PLAN_COLOR, borderColor: '#86909c', borderWidth: 1 },
            encode: { x: [1, 2], y: 0 }, data: plan,
            markLine: {
                symbol: 'none', silent: true,
                lineStyle: { color: '#b5121b', type: 'dashed', width: 2 },
                label: { formatter: '统计日 ' + data.asOf, color: '#b5121b', position: 'end' },
                data: [{ xAxis: asOf }]
            }
        }];
        STATUS.forEach(function (s) {
            var rows = [];
            ms.forEach(function (m, i) {
                if (m.status !== s.key || !m.startedOn) return;
                var end = m.finishedOn ? day(m.finishedOn) : asOf;
                rows.push({ value: [i, day(m.startedOn), end], milestone: m });
            });
            series.push({
                name: s.name, type: 'custom',
                renderItem: bar(0.52, 0.34, function (i) { return rows[i].milestone.percent + '% ' + rows[i].milestone.statusLabel; }),
                itemStyle: { color: s.color }, encode: { x: [1, 2], y: 0 }, data: rows
            });
        });
        if (data.deadline) {
            series[0].markLine.data.push({ xAxis: day(data.deadline), lineStyle: { color: '#4e5969', type: 'solid', width: 1 }, label: { formatter: '完工期限 ' + data.deadline, color: '#4e5969', position: 'insideEndTop' } });
        }

        el.style.height = Math.max(220, 70 + ms.length * 46) + 'px';
        var chart = echarts.init(el, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif' },
            grid: { left: 12, right: 150, top: 48, bottom: 28, containLabel: true },
            legend: {
                top: 0, left: 0, itemWidth: 16, itemHeight: 10,
                data: ['计划（最迟开始→最迟完成）'].concat(STATUS.map(function (s) { return s.name; }))
            },
            tooltip: {
                trigger: 'item', renderMode: 'richText',
                formatter: function (p) {
                    var m = p.data.milestone;
                    return m.seq + ' ' + m.name + '（' + m.days + '天）\n'
                        + '计划：' + m.latestStart + ' → ' + m.latestFinish + '\n'
                        + '实际：' + (m.startedOn || '未开始') + ' → ' + (m.finishedOn || (m.startedOn ? '进行中' : '—')) + '\n'
                        + '完成 ' + m.percent + '%（应完成 ' + m.expected + '%）  ' + m.statusLabel;
                }
            },
            xAxis: {
                type: 'time', min: lo, max: hi, position: 'top',
                axisLabel: { formatter: function (v) { return fmt(v).slice(0, 7); }, hideOverlap: true },
                splitLine: { show: true, lineStyle: { color: '#eef0f3' } }
            },
            yAxis: {
                type: 'category', data: names, inverse: true,
                axisTick: { show: false }, axisLabel: { color: '#1d2129', fontSize: 13 }
            },
            series: series
        });
        window.addEventListener('resize', function () { chart.resize(); });
        el.setAttribute('data-drawn', 'true');
    }

    function init() {
        Array.prototype.forEach.call(document.querySelectorAll('[data-schedule-chart]'), draw);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
})();
