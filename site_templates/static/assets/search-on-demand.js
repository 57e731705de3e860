// Search on demand (main.html links it before the theme's bundle): the themes download the search index, and
// Material starts its worker, as every page loads; this holds both back until a reader opens search, or the page
// came from a search result (?h=). What it relies on in the themes: ARCHITECTURE.md; tests/test_search.py.
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var searchBox = document.querySelector("[data-md-component=search]");
  if (!config || !searchBox) return;
  var settings = JSON.parse(config.textContent);
  var base = new URL(settings.base, location.href);
  var indexes = ["search/search_index.json", "search/search_index.js", "search.json", "search.js"].map(function (name) {
    return new URL(name, base).href;
  });
  var open = /[?&]h=/.test(location.search);
  var waiting = [];
  function opened() {
    if (open) return;
    open = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  function whenOpen(go) { if (open) go(); else waiting.push(go); }
  var toggle = document.getElementById("__search");
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) opened(); });
  searchBox.addEventListener("focusin", opened);
  searchBox.addEventListener("click", opened, true);
  document.addEventListener("keydown", function (event) {  // Zensical's Ctrl+K: its dialog exists once the index is in
    if (!open && (event.ctrlKey || event.metaKey) && event.key === "k") {
      var button = searchBox.querySelector(".md-search__button");
      if (button) { event.preventDefault(); button.click(); }
    }
  });
  // Material reads its search field on keyup only: text that comes without a key (pasted from a menu, dictated,
  // some input methods; Urdu as Chromium's automation types it) was searched only at the next key, a space.
  var field = searchBox.querySelector("input[data-md-component=search-query]");
  if (field) field.addEventListener("input", function () { field.dispatchEvent(new KeyboardEvent("keyup")); });
  function isIndex(url) {
    return indexes.indexOf(new URL(String(url), location.href).href.split(/[?#]/)[0]) >= 0;
  }

  // http: the index's request is sent once search opens.
  var openRequest = XMLHttpRequest.prototype.open;
  var sendRequest = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.fcIndex = isIndex(url);
    return openRequest.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.fcIndex) return sendRequest.apply(request, args);
    whenOpen(function () { sendRequest.apply(request, args); });
  };

  // file://: the index's script element goes into <head> once search opens.
  var head = document.head;
  var append = head.appendChild;
  head.appendChild = function (node) {
    if (node && node.tagName === "SCRIPT" && node.src && isIndex(node.src)) {
      whenOpen(function () { append.call(head, node); });
      return node;
    }
    return append.call(this, node);
  };

  // Material's search worker, made before search opens, starts with the first message Material sends it (the
  // index, once it is in). Zensical makes its worker once the index is in: a worker made then is the real one.
  var RealWorker = window.Worker;
  if (!RealWorker || !settings.search) return;
  var workerUrl = new URL(settings.search, location.href).href;
  function OnDemandWorker(url, options) {
    if (open || new URL(String(url), location.href).href !== workerUrl) return new RealWorker(url, options);
    this.url = url;
    this.options = options;
    this.worker = null;
    this.listeners = [];
  }
  OnDemandWorker.prototype.start = function () {
    if (!this.worker) {
      this.worker = new RealWorker(this.url, this.options);
      this.listeners.forEach(function (l) { this.worker.addEventListener(l[0], l[1], l[2]); }, this);
    }
    return this.worker;
  };
  OnDemandWorker.prototype.addEventListener = function (type, listener, options) {
    this.listeners.push([type, listener, options]);
    if (this.worker) this.worker.addEventListener(type, listener, options);
  };
  OnDemandWorker.prototype.removeEventListener = function (type, listener, options) {
    this.listeners = this.listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
    if (this.worker) this.worker.removeEventListener(type, listener, options);
  };
  OnDemandWorker.prototype.postMessage = function (message, transfer) {
    this.start().postMessage(message, transfer);
  };
  OnDemandWorker.prototype.terminate = function () { if (this.worker) this.worker.terminate(); };
  window.Worker = OnDemandWorker;
})();
