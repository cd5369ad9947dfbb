/* Name the navigation landmarks Material adds to code blocks.
 *
 * With content.code.copy on, Material puts a <nav> holding the copy button
 * on every code block, without a name; several unnamed navigation landmarks
 * on one page leave screen-reader users unable to tell them apart. Each one
 * is named after its block, as Material inserts it.
 */
(function () {
  "use strict";

  function name(root) {
    var navs = (root.querySelectorAll ? root : document).querySelectorAll("nav.md-code__nav:not([aria-label])");
    Array.prototype.forEach.call(navs, function (nav) {
      var block = nav.closest("pre, .highlight");
      var code = block && block.querySelector("code[id], pre[id]") || block;
      var id = code && code.id ? code.id.replace(/\D+/g, "") : "";
      var number = id ? Number(id) + 1 : "";
      nav.setAttribute("aria-label", "Code block " + number + " actions");
    });
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      Array.prototype.forEach.call(mutation.addedNodes, function (node) {
        if (node.nodeType === 1) { name(node.parentNode || document); }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  name(document);
})();
