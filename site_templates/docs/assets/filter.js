// Filters the claims index by verdict and topic. Without JavaScript the whole table simply shows.
(function () {
  "use strict";
  var form = document.querySelector(".fc-filter");
  var table = document.querySelector(".fc-index table");
  if (!form || !table) return;
  var verdict = document.getElementById("fc-filter-verdict");
  var topic = document.getElementById("fc-filter-topic");
  var count = document.getElementById("fc-filter-count");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!verdict.value || row.dataset.verdict === verdict.value) &&
        (!topic.value || row.dataset.topics.split(" ").indexOf(topic.value) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " claims";
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
