// A [data-print] button prints the page (the content security policy forbids inline handlers).
(function () {
    'use strict';
    var print = document.querySelector('[data-print]');
    if (print) print.addEventListener('click', function () { window.print(); });
})();
