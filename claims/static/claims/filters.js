"use strict";
// The claimant checkboxes, narrowed as one types: a convenience only. Without JavaScript
// the list is all there, and the search box above finds claimants by name.
document.addEventListener("DOMContentLoaded", function () {
  const find = document.getElementById("claimant-find");
  const list = document.getElementById("claimant-list");
  if (!find || !list) return;
  find.hidden = false;
  find.addEventListener("input", function () {
    const typed = find.value.trim().toLowerCase();
    list.querySelectorAll("label").forEach(function (label) {
      const checked = label.querySelector("input").checked;
      label.hidden = typed !== "" && !checked && !label.textContent.toLowerCase().includes(typed);
    });
  });
});
