// The survey answer form: “未能调查” hides and disables the questions (their answers are not sent) and shows the
// reason; “入户调查” does the opposite. Without script both stay visible and the server decides by the mode.
(function () {
    'use strict';

    function update(form) {
        var checked = form.querySelector('[data-mode]:checked');
        var away = checked && checked.value === 'unreached';
        var questions = form.querySelector('[data-questions]');
        var reason = form.querySelector('[data-reason]');
        if (questions) {
            questions.hidden = away;
            questions.querySelectorAll('input').forEach(function (i) { i.disabled = away; });
        }
        if (reason) reason.hidden = !away;
    }

    function init() {
        document.querySelectorAll('[data-survey-entry]').forEach(function (form) {
            form.querySelectorAll('[data-mode]').forEach(function (r) { r.addEventListener('change', function () { update(form); }); });
            update(form);
        });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
})();
