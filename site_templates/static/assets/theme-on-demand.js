// Material's bundle on demand (MkDocs only; main.html links this in the bundle's place, with the bundle's address
// in data-bundle): a first visit downloads no theme script. The bundle comes at a reader's first interaction
// (pointer, touch, key, focus, wheel or scroll), at once on a page opened from a search result (?h=, which it
// highlights). What readers see before that: the page as laid out by CSS (menu and search open: they are check
// boxes; reader.js makes them buttons), without the header's title swap, the contents' scroll-spy and the
// back-to-top button. What this relies on in Material: ARCHITECTURE.md; tests/test_theme_on_demand.py.
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.dataset.bundle;
  if (!src) return;
  document.documentElement.classList.add("fc-js");  // factcheck.css: the search field shows before the bundle
  var state = "waiting";  // then "loading", then "ready"
  var pending = null;  // a colour-scheme button (or a search key) pressed before the bundle was ready

  // Material's partial hides every colour-scheme button and its bundle shows the one of the current scheme (the
  // one saved, else the one the system's preference matches): show it now, as the bundle will.
  var inputs = Array.prototype.slice.call(document.querySelectorAll("[data-md-component=palette] input"));
  if (inputs.length) {
    var saved = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
    var index = saved && typeof saved.index === "number" ? saved.index : inputs.map(function (input) {
      return window.matchMedia(input.getAttribute("data-md-color-media") || "not all").matches;
    }).indexOf(true);
    index = Math.max(0, Math.min(index, inputs.length - 1));
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    // A scheme saved by an earlier page is on the body already (the theme's inline script); on a first visit the
    // bundle would take the one the system's preference matches: take it now.
    if (!saved) ["media", "scheme", "primary", "accent"].forEach(function (key) {
      var value = inputs[index].getAttribute("data-md-color-" + key);
      if (value) document.body.setAttribute("data-md-color-" + key, value);
    });
  }
  function paletteButton(target) {
    var label = target && target.closest ? target.closest("label[for]") : null;
    var input = label && document.getElementById(label.htmlFor);
    return input && inputs.indexOf(input) >= 0 ? label : null;
  }

  var triggers = ["pointerdown", "touchstart", "keydown", "focusin", "wheel", "scroll"];
  function load() {
    if (state !== "waiting") return;
    state = "loading";
    triggers.forEach(function (type) { window.removeEventListener(type, load, true); });
    var script = document.createElement("script");
    script.src = src;
    script.addEventListener("load", function () {
      // The bundle starts on DOMContentLoaded, long past by now (unless the page is still loading).
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
      setTimeout(function () {
        state = "ready";
        if (pending && pending.key) window.dispatchEvent(new KeyboardEvent("keydown", pending));
        else if (pending) pending.click();
        pending = null;
      }, 0);
    });
    document.body.appendChild(script);
  }
  // A click on the colour-scheme button before the bundle is ready would check the other scheme's box with no
  // one listening, and the bundle would then start with the saved scheme: hold the click, press it once ready.
  document.addEventListener("click", function (event) {
    if (state === "ready") return;
    var label = paletteButton(event.target);
    if (!label) return;
    event.preventDefault();
    pending = label;
    load();
  }, true);
  // Material's search keys ("/", "s", "f", outside a field) pressed before the bundle was ready: pressed again
  // once it is.
  document.addEventListener("keydown", function (event) {
    if (state === "ready" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (["/", "s", "f"].indexOf(event.key) < 0) return;
    event.preventDefault();
    pending = { key: event.key, code: event.code, shiftKey: event.shiftKey, bubbles: true, cancelable: true };
    load();
  }, true);
  if (/[?&]h=/.test(location.search)) load();
  else triggers.forEach(function (type) { window.addEventListener(type, load, { capture: true, passive: true }); });
})();
