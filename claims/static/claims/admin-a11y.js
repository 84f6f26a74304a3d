"use strict";
// Accessibility mends for what Django's admin draws with Select2 (autocomplete fields),
// which axe-core reports: its inline search box has no label, and its "clear" button sits
// inside the list of choices. Select2 redraws both on every change, so the mends run again
// whenever the page's DOM changes. Without JavaScript there is no Select2 and nothing to mend.
(function () {
  function labelFor(container) {
    const select = container.previousElementSibling;
    if (!select || !select.id) return "";
    const label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function mend() {
    document.querySelectorAll(".select2-container").forEach(function (container) {
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (field) {
        const name = labelFor(container);
        if (name) field.setAttribute("aria-label", "Search " + name.toLowerCase());
      });
      container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (stray) {
        stray.parentElement.before(stray);
      });
    });
  }

  let queued = false;
  const observer = new MutationObserver(function () {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () {
      queued = false;
      mend();
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    mend();
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
