// 暗访详情页：打印清单。
(function () {
    'use strict';
    var print = document.querySelector('[data-print]');
    if (print) print.addEventListener('click', function () { window.print(); });
})();
