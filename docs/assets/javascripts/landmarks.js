/* Name the navigation landmarks Material adds to code blocks.
 *
 * With content.code.copy on, Material puts a <nav> holding the copy button
 * on every code block, without a name; several unnamed navigation landmarks
 * on one page leave screen-reader users unable to tell them apart. Each one
 * is named after its block, as Material inserts it.
 */
(function () {
  "use strict";

  var SELECTOR = "nav.md-code__nav:not([aria-label])";

  function label(nav) {
    var block = nav.closest("pre, .highlight");
    var code = block && block.querySelector("code[id], pre[id]") || block;
    var id = code && code.id ? code.id.replace(/\D+/g, "") : "";
    nav.setAttribute("aria-label", "Code block " + (id ? Number(id) + 1 : "") + " actions");
  }

  // Only the added nodes are looked at: scanning their parents' subtrees on
  // every insertion cost measurable main-thread time on large pages.
  function labelWithin(node) {
    if (node.nodeType !== 1) { return; }
    if (node.matches(SELECTOR)) { label(node); }
    Array.prototype.forEach.call(node.querySelectorAll(SELECTOR), label);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      Array.prototype.forEach.call(mutation.addedNodes, labelWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  labelWithin(document.documentElement);
})();
