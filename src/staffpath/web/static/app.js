/* staffpath: the little behaviour htmx does not give for free. No inline scripts anywhere
   (the Content-Security-Policy forbids them), so everything hangs off events here. */
(function () {
  "use strict";

  function toast(message) {
    var el = document.getElementById("toast");
    if (!el) { return; }
    el.textContent = message;
    el.hidden = false;
    clearTimeout(el._timer);
    el._timer = setTimeout(function () { el.hidden = true; }, 6000);
  }

  // A new entry went in: clear the form and any earlier error, keep the date and kind.
  document.addEventListener("entry-added", function () {
    var form = document.getElementById("add-entry");
    var errors = document.getElementById("add-entry-error");
    if (errors) { errors.innerHTML = ""; }
    if (!form) { return; }
    ["new-title", "new-body", "new-impact", "new-project", "new-tags", "new-teams", "new-people"]
      .forEach(function (id) { var f = document.getElementById(id); if (f) { f.value = ""; } });
    var empty = document.querySelector("[data-testid=no-entries]");
    if (empty) { empty.remove(); }
    var title = document.getElementById("new-title");
    if (title) { title.focus(); }
  });

  // Entries come and go by swaps (a removed entry's own events never reach the document),
  // so the count beside the heading follows the list itself.
  function watchEntryCount() {
    var list = document.getElementById("entries");
    var count = document.querySelector("[data-testid=entry-count]");
    if (!list || !count || list._watched) { return; }
    list._watched = true;
    new MutationObserver(function () {
      count.textContent = String(list.querySelectorAll(":scope > .entry").length);
    }).observe(list, { childList: true });
  }
  document.addEventListener("DOMContentLoaded", watchEntryCount);
  document.addEventListener("htmx:afterSettle", watchEntryCount);

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    if (status === 404) { toast("That is gone, or not yours to change. Reload the page."); }
    else if (status === 403) { toast("This page is out of date. Reload it and try again."); }
    else if (status === 429) { toast("Too many attempts; wait a few minutes."); }
    else { toast("Something went wrong (" + status + "). Your change may not be saved."); }
  });

  document.addEventListener("htmx:sendError", function () {
    toast("Could not reach staffpath. Check your connection and try again.");
  });
})();
