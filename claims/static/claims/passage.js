/* From a passage to a claim (claims/admin/passages.py). On an article's admin page, selecting
   words of its text offers "New claim from this passage", which opens the claim form with
   the words, where they are, the article and its date filled in. On the claim form, a
   claimant the article names is chosen in place. Without this script both still work:
   the article page links to the claim form, and each suggested claimant is a link. */
(function () {
  "use strict";

  function passageOffset(panel, range) {
    var before = document.createRange();
    before.setStart(panel, 0);
    before.setEnd(range.startContainer, range.startOffset);
    return before.toString().length;
  }

  function setUpArticlePage(panel) {
    var bar = document.createElement("p");
    bar.className = "passage-bar";
    bar.setAttribute("aria-live", "polite");
    panel.insertAdjacentElement("afterend", bar);

    function update() {
      var selection = window.getSelection();
      bar.textContent = "";
      if (!selection || selection.isCollapsed || !selection.rangeCount) return;
      var range = selection.getRangeAt(0);
      if (!panel.contains(range.startContainer) || !panel.contains(range.endContainer)) {
        bar.textContent = "Select words inside the article text to start a claim from them.";
        return;
      }
      var words = selection.toString();
      if (!words.trim()) return;
      var at = Number(panel.dataset.bodyStart) + passageOffset(panel, range);
      var link = document.createElement("a");
      link.className = "button new-claim-from-passage";
      link.href = panel.dataset.newClaim + "&quote=" + encodeURIComponent(words) + "&at=" + at;
      link.textContent = "New claim from this passage";
      bar.appendChild(link);
    }

    document.addEventListener("selectionchange", update);
  }

  function setUpSuggestions() {
    var links = document.querySelectorAll("a.claimant-suggestion");
    var jq = window.django && window.django.jQuery;
    if (!links.length || !jq) return;
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = jq("#id_claimant");
        if (!field.length) return;
        event.preventDefault();
        field.find("option[value='" + link.dataset.id + "']").remove();
        field.append(new Option(link.dataset.name, link.dataset.id, true, true)).trigger("change");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector(".passages");
    if (panel) setUpArticlePage(panel);
    setUpSuggestions();
  });
})();
