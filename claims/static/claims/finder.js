// The claim finder page from the keyboard: j/k (or the arrow keys) move between candidates,
// c opens the claim form, r adds the candidate as a repeat of its first match, x chooses why
// it is not a claim (Enter sends). Every door is an ordinary form, so it works without this.
(function () {
  "use strict";
  function items() { return Array.prototype.slice.call(document.querySelectorAll("li.candidate")); }
  function current() { return document.activeElement && document.activeElement.closest("li.candidate"); }
  function move(step) {
    var list = items(), at = list.indexOf(current());
    var next = list[Math.max(0, Math.min(list.length - 1, at + step))];
    if (next) { next.focus(); next.scrollIntoView({block: "nearest"}); }
  }
  function focusFromHash() {
    var list = items(), after = /^#after-(\d+)$/.exec(window.location.hash);
    if (!list.length) { return; }
    var target = list[0];
    if (after) {
      var start = parseInt(after[1], 10);
      target = list.find(function (li) { return parseInt(li.dataset.start, 10) > start; }) || list[list.length - 1];
    }
    target.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") {
      if (tag === "select" && event.key === "Enter") { event.preventDefault(); event.target.form.requestSubmit(); }
      if (event.key === "Escape") { var li = event.target.closest("li.candidate"); if (li) { li.focus(); } }
      return;
    }
    var item = current();
    if (event.key === "j" || event.key === "ArrowDown") { event.preventDefault(); move(1); return; }
    if (event.key === "k" || event.key === "ArrowUp") { event.preventDefault(); move(-1); return; }
    if (!item) { return; }
    var target = item.querySelector('[data-key="' + event.key + '"]');
    if (!target) { return; }
    event.preventDefault();
    if (target.tagName.toLowerCase() === "select") { target.focus(); } else { target.form.requestSubmit(target); }
  });
  document.addEventListener("DOMContentLoaded", focusFromHash);
})();
