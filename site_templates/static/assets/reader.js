// Keyboard and sharing, on every page (linked by the theme's main.html; 'self' in the CSP allows it).
// 1. The menu (drawer) and the search field are off-screen until opened on narrow screens: while closed they
//    are inert, so Tab never lands on a link no one can see; the buttons that open them are reachable by Tab.
// 2. A claim's share control: the Web Share API where there is one, else the address is copied.
(function () {
  "use strict";
  // The words this script writes, in the site's language: data attributes of its own <script> (theme/main.html)
  // and of the share control (claim.md), English when a page has none.
  var words = (document.currentScript && document.currentScript.dataset) || {};
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var searchBox = document.querySelector(".md-search");
  var searchOutput = document.querySelector(".md-search__output");
  var narrowMenu = window.matchMedia("(max-width: 76.234375em)");  // Material's drawer breakpoint
  var narrowSearch = window.matchMedia("(max-width: 59.984375em)");  // its search overlay breakpoint

  function inert(element, on) {
    if (!element) return;
    if (on) element.setAttribute("inert", ""); else element.removeAttribute("inert");
  }
  function update() {
    inert(sidebar, narrowMenu.matches && drawer && !drawer.checked);
    inert(searchBox, narrowSearch.matches && search && !search.checked);
    // The results panel (a scroller, which Chromium would give a tab stop) only while search is open.
    inert(searchOutput, search && !search.checked);
    Array.prototype.forEach.call(document.querySelectorAll("button.fc-opener"), function (button) {
      var box = document.getElementById(button.dataset.for);
      if (box) button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    });
  }
  // The header's menu and search buttons are labels of hidden check boxes, which Tab skips: put a real button
  // in each one's place (same icon and look) that sets its box as the label would, and hide the label.
  Array.prototype.forEach.call(document.querySelectorAll('label.md-header__button[for="__drawer"], label.md-header__button[for="__search"]'), function (label) {
    var box = document.getElementById(label.htmlFor);
    if (!box) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " fc-opener";
    button.dataset.for = label.htmlFor;
    button.setAttribute("aria-label", label.htmlFor === "__drawer" ? words.menu || "Menu" : words.search || "Search");
    button.innerHTML = label.innerHTML;
    button.addEventListener("click", function () {
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      if (box === search && box.checked) {
        var input = document.querySelector(".md-search__input");
        if (input) setTimeout(function () { input.focus(); }, 0);
      }
    });
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
  });
  [drawer, search].forEach(function (box) { if (box) box.addEventListener("change", update); });
  // Material opens and closes search by setting the box, without an event: look again after its handlers.
  function later() { setTimeout(update, 0); }
  ["focusin", "input", "keyup", "click"].forEach(function (type) { document.addEventListener(type, later); });
  [narrowMenu, narrowSearch].forEach(function (query) {
    if (query.addEventListener) query.addEventListener("change", update); else query.addListener(update);
  });
  document.addEventListener("keydown", function (event) {  // Escape closes an open menu
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
      update();
      var opener = document.querySelector('button.fc-opener[data-for="__drawer"]');
      if (opener) opener.focus();
    }
  });
  update();

  // On paper, the folded quotes print too.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.fc-more-quotes"), function (d) { d.open = true; });
  });

  // The citation's address: the page's own when the site has no site_url.
  var cite = document.querySelector(".fc-cite-url");
  if (cite && !cite.textContent) cite.textContent = window.location.href.split("#")[0];

  // Share: the Web Share API (phones, some desktops), else copy the address; say what happened.
  Array.prototype.forEach.call(document.querySelectorAll(".fc-share"), function (box) {
    var button = box.querySelector("button");
    var said = box.querySelector(".fc-share-status");
    if (!button) return;
    box.hidden = false;
    var address = (box.dataset.url || "") || window.location.href.split("#")[0];
    function say(text) { if (said) said.textContent = text; }
    var copied = (said && said.dataset.copied) || "Link copied.";
    var copyThis = (said && said.dataset.copy) || "Copy this address: {address}";
    function fallback() {
      var field = document.createElement("textarea");
      field.value = address;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      say(ok ? copied : copyThis.replace("{address}", address));
    }
    button.addEventListener("click", function () {
      if (navigator.share && /^https?:/.test(address)) {
        navigator.share({ title: document.title, url: address }).then(function () { say(""); }, function () {});
        return;
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(address).then(function () { say(copied); }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
