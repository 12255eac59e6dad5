// 整改台账: choosing a region reloads the ledger, so the village list of the chosen township appears (drill-down).
(function () {
    "use strict";
    var select = document.querySelector("select[data-drill]");
    if (!select || !select.form) return;
    select.addEventListener("change", function () { select.form.submit(); });
})();
