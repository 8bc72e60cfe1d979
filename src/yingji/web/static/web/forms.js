/* Forms with errors (issue 14 §3): when a page comes back with a form's errors, the first invalid field is
 * scrolled into view and focused (a collapsed <details> around it is opened); the links of the error summary
 * (core/forms/errors.html, class yj-form-errors) take the reader to their field; a marked field loses its mark
 * once it is changed (YJForms.settled(field) for a script that sets a value). Fields are marked by the shared
 * renderer (core/templatetags/yingji_forms.py) with `is-invalid`; scripts that mark fields themselves may call
 * YJForms.focusFirstInvalid(root) afterwards.
 */
(function () {
  "use strict";

  function reveal(field) {
    for (var node = field.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  function focusField(field) {
    reveal(field);
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  }

  function focusable(field) {
    return !field.disabled && field.type !== "hidden" && field.getClientRects().length > 0;
  }

  function firstInvalid(root) {
    var fields = (root || document).querySelectorAll(".is-invalid, [aria-invalid=true]");
    for (var i = 0; i < fields.length; i += 1) {
      reveal(fields[i]);
      if (focusable(fields[i])) return fields[i];
    }
    return null;
  }

  function focusFirstInvalid(root) {
    var field = firstInvalid(root);
    if (field) { focusField(field); return field; }
    var summary = (root || document).querySelector(".yj-form-errors");
    if (summary) { summary.scrollIntoView({ block: "center" }); summary.focus({ preventScroll: true }); }
    return null;
  }

  // Once a marked field is changed, its mark and message go: what is left red still needs attention.
  function settled(field) {
    if (!field || !field.classList.contains("is-invalid")) return;
    field.classList.remove("is-invalid");
    field.removeAttribute("aria-invalid");
    var feedback = document.getElementById(field.id + "_error");
    if (feedback) feedback.classList.add("d-none");
  }
  document.addEventListener("input", function (event) { settled(event.target); });
  document.addEventListener("change", function (event) { settled(event.target); });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".yj-form-errors [data-focus]");
    var field = link && document.getElementById(link.dataset.focus);
    if (!field) return;
    event.preventDefault();
    focusField(field);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusFirstInvalid(); });
  } else {
    focusFirstInvalid();
  }
  window.YJForms = { focusFirstInvalid: focusFirstInvalid, settled: settled };
})();
