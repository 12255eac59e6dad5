// The import page. With script, an upload shows its progress instead of waiting for the whole
// import: the form says so (Live=true), and a running job is polled every second until it ends,
// when the page reloads to show the report the server renders. Without script the form post
// waits for the import and returns the report.
(function () {
    'use strict';

    var live = document.getElementById('import-live');
    if (live) live.value = 'true';

    var area = document.querySelector('[data-import-job]');
    if (!area) return;

    var statusUrl = area.getAttribute('data-status-url');
    var pageUrl = area.getAttribute('data-page-url');
    var message = area.querySelector('[data-job-message]');
    var elapsed = area.querySelector('[data-job-elapsed]');
    var rows = area.querySelector('[data-job-rows]');
    var bar = area.querySelector('[data-job-bar]');
    var cancel = area.querySelector('[data-job-cancel]');
    var failures = 0;

    function elapsedText(seconds) {
        var s = Math.max(0, Math.floor(seconds));
        if (s < 60) return s + ' 秒';
        var rest = s % 60;
        return Math.floor(s / 60) + ' 分 ' + (rest < 10 ? '0' : '') + rest + ' 秒';
    }

    function render(job) {
        message.textContent = job.cancelRequested ? '正在取消，数据库将回滚…' : job.message;
        elapsed.textContent = elapsedText(job.elapsedSeconds);
        rows.textContent = job.rows != null ? '，已读取 ' + job.rows + ' 行' : '';
        if (job.householdsTotal != null) {
            bar.max = Math.max(1, job.householdsTotal);
            bar.value = job.householdsDone || 0;
            bar.hidden = false;
        }
        cancel.disabled = !job.cancellable;
    }

    function poll() {
        fetch(statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) {
                if (response.status === 404) return { status: 'gone' };
                if (!response.ok) throw new Error('HTTP ' + response.status);
                return response.json();
            })
            .then(function (job) {
                failures = 0;
                if (job.status !== 'running') {
                    location.replace(pageUrl);
                    return;
                }
                render(job);
                setTimeout(poll, 1000);
            })
            .catch(function () {
                failures++;
                message.textContent = '连接中断，正在重试…（第 ' + failures + ' 次）';
                setTimeout(poll, Math.min(10000, 1000 * failures));
            });
    }

    setTimeout(poll, 1000);
})();
