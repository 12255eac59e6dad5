// 排查核对 pages. Everything works without script; with it: the
// evidence upload says at once when a file is over 10 MB, and the run button shows that a
// comparison is under way (it can take a while for a county).
(function () {
    'use strict';

    var upload = document.querySelector('input[type=file][data-max-bytes]');
    if (upload) {
        var error = document.querySelector('[data-upload-error]');
        upload.addEventListener('change', function () {
            var max = parseInt(upload.getAttribute('data-max-bytes'), 10);
            var file = upload.files && upload.files[0];
            var tooLarge = file && file.size > max;
            upload.setCustomValidity(tooLarge ? '证据文件不能超过 10 MB' : '');
            if (error) error.textContent = tooLarge ? '证据文件不能超过 10 MB（所选文件 ' + (file.size / 1048576).toFixed(1) + ' MB）' : '';
        });
    }

    var run = document.querySelector('[data-run-form]');
    if (run) {
        run.addEventListener('submit', function () {
            var button = run.querySelector('[data-run-button]');
            if (!button) return;
            // Disabled after the submit has been taken, so the form still posts once.
            setTimeout(function () { button.disabled = true; button.textContent = '正在比对…'; }, 0);
        });
    }
})();
