/* Land on the citation or chapter a link points at.
 *
 * "Cited on" links point at a citation inside a paragraph (#cite-3) and
 * citations point at a chapter on an episode page (#t-1045). After Material's
 * instant navigation the browser sometimes keeps the previous page's scroll
 * position and never sets :target, so this brings the element into view and
 * marks it, after every page swap.
 */
(function () {
  "use strict";
  var MARK = "is-target";

  function land() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var previous = document.querySelectorAll("." + MARK);
    Array.prototype.forEach.call(previous, function (element) { element.classList.remove(MARK); });
    if (!/^(cite|t)-\d+$/.test(id)) { return; }
    var target = document.getElementById(id);
    if (!target) { return; }
    target.classList.add(MARK);
    window.requestAnimationFrame(function () {
      target.scrollIntoView({ block: "center" });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(land);
  } else {
    document.addEventListener("DOMContentLoaded", land);
  }
  window.addEventListener("hashchange", land);
})();
