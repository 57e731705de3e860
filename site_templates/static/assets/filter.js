// Filters the claims index by verdict and topic. Without JavaScript every claim simply shows.
(function () {
  "use strict";
  var form = document.querySelector(".fc-filter");
  var index = document.querySelector(".fc-index");
  if (!form || !index) return;
  var verdict = document.getElementById("fc-filter-verdict");
  var topic = document.getElementById("fc-filter-topic");
  var count = document.getElementById("fc-filter-count");
  var groups = Array.prototype.slice.call(index.querySelectorAll(".fc-topic"));
  var items = Array.prototype.slice.call(index.querySelectorAll("[data-verdict]"));
  function claims(list) {  // a claim may show twice (a table row and its card): count it once
    var seen = {};
    list.forEach(function (item) { seen[item.dataset.claim || item.dataset.verdict + Math.random()] = true; });
    return Object.keys(seen).length;
  }
  var total = claims(items);
  // The words come from the page, in the site's language (macros.md, data-count): "{shown} of {total} claims".
  var words = form.dataset.count || "{shown} of {total} claims";
  function apply() {
    var shown = [];
    items.forEach(function (item) {
      var ok = (!verdict.value || item.dataset.verdict === verdict.value) &&
        (!topic.value || item.dataset.topics.split(" ").indexOf(topic.value) >= 0);
      item.hidden = !ok;
      if (ok) shown.push(item);
    });
    groups.forEach(function (group) { group.hidden = !group.querySelector("[data-verdict]:not([hidden])"); });
    count.textContent = words.replace("{shown}", claims(shown)).replace("{total}", total);
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
// On paper, every page shows its address (the element is empty when the site has no site_url).
(function () {
  "use strict";
  var line = document.querySelector(".fc-print-url");
  if (line && !line.textContent) line.textContent = window.location.href;
})();
