/* The small form widgets of the plan editor (editor.js). Each field carries the path of its value in the
   content ("levels.0.tasks.1.title") so the server's errors can be shown next to it. `changed` is called
   after a button has changed the content, to draw the form again. */
window.yjPlanWidgets = function (changed) {
  "use strict";
  var refocus = null;  // the move button to focus again once the form has been drawn anew

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else if (key.indexOf("on") === 0) {
        node.addEventListener(key.slice(2), attrs[key]);
      } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  function button(label, onclick, cls, attrs) {
    return el("button", Object.assign({ type: "button", "class": "btn btn-sm " + (cls || "btn-outline-secondary"), text: label,
      onclick: function () { onclick(); changed(); } }, attrs || {}));
  }
  function input(value, path, set, attrs) {
    attrs = Object.assign({}, attrs || {});
    var label = attrs.label || path;
    delete attrs.label;
    var node = el("input", Object.assign({ "class": "form-control form-control-sm", "data-path": path, "aria-label": label }, attrs));
    node.value = value === undefined || value === null ? "" : value;
    node.addEventListener("input", function () { set(node.value); });
    return node;
  }
  function number(value, path, set, label) {
    return input(value, path, function (raw) {
      var n = Number(raw);
      set(raw.trim() === "" ? null : (Number.isFinite(n) ? n : raw));
    }, { type: "number", min: "0", step: "any", label: label });
  }
  function select(choices, value, path, set, opts) {
    opts = opts || {};
    var node = el("select", { "class": "form-select form-select-sm", "data-path": path, "aria-label": opts.label || path });
    if (opts.multiple) { node.multiple = true; node.size = opts.size || 5; }
    if (opts.blank !== undefined) { node.appendChild(el("option", { value: "", text: opts.blank })); }
    var chosen = [].concat(value === undefined || value === null ? [] : value);
    choices.forEach(function (c) {
      var option = el("option", { value: c[0], text: c[1] });
      option.selected = chosen.indexOf(c[0]) >= 0;
      node.appendChild(option);
    });
    node.addEventListener("change", function () {
      set(opts.multiple ? [].filter.call(node.options, function (o) { return o.selected; }).map(function (o) { return o.value; }) : node.value);
    });
    return node;
  }
  function section(title, body, id) {
    return el("section", { "class": "card mb-3", id: id }, [el("div", { "class": "card-header", text: title }),
      el("div", { "class": "card-body" }, body)]);
  }
  function remove(list, index, what) {
    return button("×", function () { list.splice(index, 1); }, "btn-outline-danger", { "aria-label": interpolate(gettext("删除%s"), [what]), title: interpolate(gettext("删除%s"), [what]) });
  }

  // ↑ ↓ move the item at `index` of `list` (whose path is `path`) one place; the lists keep the user's order
  function moveButton(list, path, index, step, what) {
    var label = interpolate(step < 0 ? gettext("上移%s") : gettext("下移%s"), [what]);
    var node = button(step < 0 ? "↑" : "↓", function () {
      list.splice(index + step, 0, list.splice(index, 1)[0]);
      refocus = { item: path + "." + (index + step), label: label };
    }, "btn-outline-secondary", { "aria-label": label, title: label, "data-move": path + "." + index });
    node.disabled = index + step < 0 || index + step >= list.length;
    return node;
  }
  function moves(list, path, index, what) {
    return el("span", { "class": "btn-group btn-group-sm move-buttons" },
      [moveButton(list, path, index, -1, what), moveButton(list, path, index, 1, what)]);
  }
  function restoreFocus(root) {  // on the same button of the moved item, or its other one at the end of the list
    if (!refocus) { return; }
    var pair = [].slice.call(root.querySelectorAll('[data-move="' + refocus.item + '"]')).filter(function (b) { return !b.disabled; });
    var target = pair.find(function (b) { return b.getAttribute("aria-label") === refocus.label; }) || pair[0];
    if (target) { target.focus(); }
    refocus = null;
  }

  return { el: el, button: button, input: input, number: number, select: select, section: section, remove: remove,
    moves: moves, restoreFocus: restoreFocus };
};
