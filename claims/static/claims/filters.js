"use strict";
// On submit, the filter form sends only what the reader set: no empty fields in the URL, and
// no sort the reader did not touch (the list keeps its own: best match for a search). Without
// JavaScript every field is sent, and the sort box already shows the order in force.
document.addEventListener("DOMContentLoaded", function () {
  const form = document.querySelector("form.filters");
  if (!form) return;
  form.addEventListener("submit", function () {
    form.querySelectorAll("input, select").forEach(function (field) {
      const untouchedSort = field.name === "sort" &&
        Array.from(field.options).every(function (o) { return o.selected === o.defaultSelected; });
      const empty = (field.type === "search" || field.type === "text" || field.type === "date" ||
        field.tagName === "SELECT") && field.value === "";
      if (field.name && (empty || untouchedSort)) field.disabled = true;
    });
  });
});

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
