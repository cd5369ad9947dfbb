/* Filters for the Episodes, Guests and Topics listings.
 *
 * Without JavaScript the CSS hides the filter and every entry stays listed;
 * with it the filter is in place from the first paint, so the list never
 * moves. It reads only data-* attributes the build wrote
 * and sets only `hidden` and textContent: nothing the reader types, and no
 * data from the page, is ever parsed as HTML.
 */
(function () {
  "use strict";

  /* Lowercase, accents folded: the same folding the build used for data-text. */
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function values(card, name) {
    var raw = card.getAttribute("data-" + name);
    return raw ? raw.split("|") : [];
  }

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("div.listing-filter"), function (form) {
      if (form.dataset.filterReady) { return; }
      var list = document.getElementById(form.dataset.filterFor);
      if (!list) { return; }
      form.dataset.filterReady = "1";
      var cards = Array.prototype.slice.call(list.querySelectorAll(".listing-card"));
      var count = form.querySelector(".listing-filter-count");

      function apply() {
        var field = function (name) { var el = form.querySelector("[name=" + name + "]"); return el ? el.value : ""; };
        var season = field("season");
        var topic = field("topic");
        var words = fold(field("text")).split(/\s+/).filter(Boolean);
        var shown = 0;
        cards.forEach(function (card) {
          var seasons = values(card, "season").concat(values(card, "seasons"));
          var text = card.getAttribute("data-text") || "";
          var match = (!season || seasons.indexOf(season) !== -1) &&
            (!topic || values(card, "topics").indexOf(topic) !== -1) &&
            words.every(function (word) { return text.indexOf(word) !== -1; });
          card.hidden = !match;
          if (match) { shown += 1; }
        });
        count.textContent = shown === cards.length
          ? "Showing all " + cards.length + "."
          : "Showing " + shown + " of " + cards.length + ".";
      }

      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      apply();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
