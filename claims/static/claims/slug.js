// The admin fills an address (slug) from a title or claim as it is typed, cut at the field's
// length mid-word ("…-process-al"). Run after Django's own prepopulate handler, this cuts the
// filled-in address back to the last whole word. An address typed by hand is left alone.
"use strict";
(function () {
  const constants = document.getElementById("django-admin-prepopulated-fields-constants");
  if (!constants || typeof window.URLify !== "function") return;
  const fields = JSON.parse(constants.dataset.prepopulatedFields || "[]");
  fields.forEach(function (field) {
    const slug = document.querySelector(field.id);
    const sources = field.dependency_ids.map((id) => document.querySelector(id)).filter(Boolean);
    if (!slug || !sources.length) return;
    function cutAtWord() {
      const text = sources.map((source) => source.value).join(" ");
      const filled = window.URLify(text, field.maxLength, field.allowUnicode);
      if (slug.value !== filled) return; // typed by hand, or not filled in
      const whole = window.URLify(text, 100000, field.allowUnicode);
      const midWord = whole.length > filled.length && whole[filled.length] !== "-";
      const lastBreak = filled.lastIndexOf("-");
      if (midWord && lastBreak > 0) slug.value = filled.slice(0, lastBreak);
    }
    sources.forEach(function (source) {
      ["keyup", "change", "focus"].forEach((name) => source.addEventListener(name, cutAtWord));
    });
  });
})();
