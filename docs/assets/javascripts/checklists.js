/* Clickable checklists that remember what the reader ticked.
 *
 * Progress lives in this browser's localStorage under a key made of the page
 * path and the checklist's position and text, so nothing leaves the browser.
 * Material's instant navigation swaps pages without a reload, so the script
 * runs on every page through Material's `document$` observable.
 */
(function () {
  "use strict";
  var PREFIX = "mlse:checklist:";

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function itemText(box) {
    var item = box.closest("li");
    return item ? item.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* A stable, short key: the page path, the list's index, and a hash of its items. */
  function listKey(list, index) {
    var text = Array.prototype.map.call(list.querySelectorAll("input[type=checkbox]"), itemText).join("|");
    var hash = 0;
    for (var i = 0; i < text.length; i++) { hash = (hash * 31 + text.charCodeAt(i)) | 0; }
    return PREFIX + window.location.pathname + "#" + index + ":" + (hash >>> 0).toString(36);
  }

  function topLevelLists(root) {
    return Array.prototype.filter.call(root.querySelectorAll("ul.task-list"), function (list) {
      return !list.parentElement.closest("ul.task-list");
    });
  }

  function setup() {
    var store = storage();
    var content = document.querySelector(".md-content");
    if (!content) { return; }
    topLevelLists(content).forEach(function (list, index) {
      if (list.dataset.checklistReady) { return; }
      list.dataset.checklistReady = "true";
      var key = listKey(list, index);
      var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
      var saved = [];
      try { saved = JSON.parse((store && store.getItem(key)) || "[]"); } catch (error) { saved = []; }

      var tools = document.createElement("div");
      tools.className = "checklist-tools";
      var progress = document.createElement("span");
      progress.className = "checklist-progress";
      progress.setAttribute("aria-live", "polite");
      var reset = document.createElement("button");
      reset.type = "button";
      reset.className = "checklist-reset";
      reset.textContent = "Reset checklist";
      tools.appendChild(progress);
      tools.appendChild(reset);
      list.parentNode.insertBefore(tools, list.nextSibling);

      function update() {
        var done = boxes.filter(function (box) { return box.checked; }).length;
        progress.textContent = done + " of " + boxes.length + " done";
      }

      function save() {
        if (store) {
          var state = boxes.map(function (box) { return box.checked; });
          store.setItem(key, JSON.stringify(state));
        }
        update();
      }

      boxes.forEach(function (box, i) {
        box.disabled = false;
        box.checked = Boolean(saved[i]);
        box.addEventListener("change", save);
      });
      reset.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = false; });
        if (store) { store.removeItem(key); }
        update();
      });
      update();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
