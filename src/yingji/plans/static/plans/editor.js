/* The structured plan editor: draws the content of a version as a form and writes it back as the same
   JSON the API takes. The server checks it; its errors come back keyed by field path ("levels.0.tasks.1.
   deadline_minutes") and are shown next to the field of that path. Lists (posts, groups, member units, tasks,
   team and material lines) keep their order, which ↑ ↓ change. Widgets: editor-widgets.js. No framework,
   no network calls. */
(function () {
  "use strict";
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var state = read("plan-content"), options = read("plan-options"), errors = read("plan-errors");
  var root = document.getElementById("plan-editor");
  var form = document.getElementById("plan-editor-form");

  var w = window.yjPlanWidgets(redraw);
  var el = w.el, button = w.button, input = w.input, number = w.number, select = w.select, section = w.section,
    remove = w.remove, moves = w.moves;
  function redraw() { errors = {}; draw(); }

  function drawCommand() {
    state.command = state.command || [];
    var rows = state.command.map(function (post, i) {
      var path = "command." + i;
      return el("div", { "class": "row g-1 mb-1 command-row", "data-path": path }, [
        el("div", { "class": "col-3" }, [input(post.role, path + ".role", function (v) { post.role = v; }, { label: gettext("职务"), placeholder: gettext("职务") })]),
        el("div", { "class": "col-4" }, [select(options.organizations, post.organization, path + ".organization", function (v) { post.organization = v; }, { blank: gettext("—— 单位 ——"), label: gettext("单位") })]),
        el("div", { "class": "col-3" }, [input(post.title, path + ".title", function (v) { post.title = v; }, { label: gettext("担任人员职务"), placeholder: gettext("如 主要负责人") })]),
        el("div", { "class": "col-2 d-flex gap-1 align-items-start" }, [moves(state.command, "command", i, pgettext("item", "职务")), remove(state.command, i, pgettext("item", "职务"))])]);
    });
    rows.push(button(gettext("添加职务"), function () { state.command.push({ role: "副指挥长", organization: "", title: "主要负责人" }); }));
    return section(gettext("指挥机构（指挥长、副指挥长）"), rows, "editor-command");
  }

  function renameGroup(before, after) {
    (state.levels || []).forEach(function (level) {
      (level.tasks || []).forEach(function (task) { if (task.group === before) { task.group = after; } });
    });
  }
  function drawMembers(group, path) {
    group.members = group.members || [];
    var rows = group.members.map(function (code, i) {
      return el("div", { "class": "d-flex gap-1 mb-1 member-row" }, [
        select(options.organizations, code, path + ".members." + i, function (v) { group.members[i] = v; }, { blank: gettext("—— 成员单位 ——"), label: gettext("成员单位") }),
        moves(group.members, path + ".members", i, pgettext("item", "成员单位")), remove(group.members, i, pgettext("item", "成员单位"))]);
    });
    return el("div", {}, rows.concat([button(gettext("+ 成员单位"), function () { group.members.push(""); })]));
  }
  function drawGroups() {
    state.groups = state.groups || [];
    var rows = state.groups.map(function (group, i) {
      var path = "groups." + i;
      return el("div", { "class": "row g-1 mb-2 group-row", "data-path": path }, [
        el("div", { "class": "col-2" }, [input(group.name, path + ".name", function (v) { renameGroup(group.name, v); group.name = v; }, { label: gettext("工作组名称"), placeholder: gettext("工作组名称") })]),
        el("div", { "class": "col-3" }, [select(options.organizations, group.lead, path + ".lead", function (v) { group.lead = v; }, { blank: gettext("—— 牵头单位 ——"), label: gettext("牵头单位") })]),
        el("div", { "class": "col-3" }, [drawMembers(group, path)]),
        el("div", { "class": "col-2" }, [input(group.duties, path + ".duties", function (v) { group.duties = v; }, { label: gettext("职责"), placeholder: gettext("职责") })]),
        el("div", { "class": "col-2 d-flex gap-1 align-items-start" }, [moves(state.groups, "groups", i, pgettext("item", "工作组")), remove(state.groups, i, pgettext("item", "工作组"))])]);
    });
    rows.push(button(gettext("添加工作组"), function () { state.groups.push({ name: "", lead: "", members: [], duties: "" }); }));
    return section(gettext("工作组（牵头单位、成员单位）"), rows, "editor-groups");
  }

  function assignees() {
    var groups = (state.groups || []).filter(function (g) { return g.name; }).map(function (g) { return ["group:" + g.name, interpolate(gettext("工作组：%s"), [g.name])]; });
    return groups.concat([["unit:" + options.township[0], options.township[1]]],
      options.organizations.map(function (o) { return ["unit:" + o[0], interpolate(gettext("单位：%s"), [o[1]])]; }));
  }
  function specialities(current) {  // the vocabulary; a value from outside it stays visible until changed
    var known = options.specialities.some(function (s) { return s[0] === current; });
    return current && !known ? options.specialities.concat([[current, interpolate(gettext("%s（不在专业目录中）"), [current])]]) : options.specialities;
  }
  function drawNeeds(task, path) {
    task.teams = task.teams || []; task.materials = task.materials || [];
    var teams = task.teams.map(function (team, i) {
      var p = path + ".teams." + i;
      return el("div", { "class": "d-flex gap-1 mb-1", "data-path": p }, [
        select(options.team_types, team.type, p + ".type", function (v) { team.type = v; }, { label: gettext("队伍类型") }),
        select(specialities(team.speciality), team.speciality, p + ".speciality", function (v) { team.speciality = v; }, { blank: gettext("（不限）"), label: gettext("专业特长") }),
        number(team.count, p + ".count", function (v) { team.count = v; }, gettext("队伍数量")),
        moves(task.teams, path + ".teams", i, pgettext("item", "队伍")), remove(task.teams, i, pgettext("item", "队伍"))]);
    });
    var materials = task.materials.map(function (item, i) {
      var p = path + ".materials." + i;
      return el("div", { "class": "d-flex gap-1 mb-1", "data-path": p }, [
        select(options.materials, item.code, p + ".code", function (v) { item.code = v; }, { blank: gettext("—— 物资 ——"), label: gettext("物资") }),
        number(item.quantity, p + ".quantity", function (v) { item.quantity = v; }, gettext("物资数量")),
        moves(task.materials, path + ".materials", i, pgettext("item", "物资")), remove(task.materials, i, pgettext("item", "物资"))]);
    });
    return el("div", {}, teams.concat([button(gettext("+ 队伍"), function () { task.teams.push({ type: options.team_types[0][0], speciality: "", count: 1 }); })],
      materials, [button(gettext("+ 物资"), function () { task.materials.push({ code: "", quantity: 1 }); })]));
  }
  function drawTask(level, task, tasksPath, i) {
    var path = tasksPath + "." + i, who = task.group ? "group:" + task.group : "unit:" + (task.unit || "");
    return el("tr", { "class": "task-editor", "data-path": path, "data-key": task.key }, [
      el("td", { style: "min-width:16rem" }, [input(task.title, path + ".title", function (v) { task.title = v; }, { label: gettext("任务名称") })]),
      el("td", {}, [select(assignees(), who, path + ".group", function (v) {
        delete task.group; delete task.unit;
        if (v.indexOf("group:") === 0) { task.group = v.slice(6); } else { task.unit = v.slice(5); }
      }, { blank: gettext("—— 责任组/单位 ——"), label: gettext("责任组或单位") })]),
      el("td", {}, [number(task.deadline_minutes, path + ".deadline_minutes", function (v) { task.deadline_minutes = v; }, gettext("时限（分钟）"))]),
      el("td", { style: "min-width:28rem" }, [drawNeeds(task, path)]),  // room for type, speciality and count
      el("td", {}, [el("div", { "class": "d-flex gap-1" }, [moves(level.tasks, tasksPath, i, pgettext("item", "任务")), remove(level.tasks, i, pgettext("item", "任务"))])])]);
  }
  function drawLevel(value, label) {
    state.levels = state.levels || [];
    var index = state.levels.findIndex(function (l) { return l.level === value; });
    var level = state.levels[index];
    var toggle = el("input", { type: "checkbox", "class": "form-check-input me-1", id: "level-on-" + value, "aria-label": interpolate(gettext("启用%s"), [label]) });
    toggle.checked = !!level;
    toggle.addEventListener("change", function () {
      if (toggle.checked) { state.levels.push({ level: value, approvers: ["commander"], criteria: { types: [], thresholds: {} }, tasks: [] }); } else { state.levels.splice(index, 1); }
      var order = options.levels.map(function (l) { return l[0]; });
      state.levels.sort(function (a, b) { return order.indexOf(a.level) - order.indexOf(b.level); });
      redraw();
    });
    var header = el("div", { "class": "card-header" }, [toggle, el("label", { "for": toggle.id, text: label })]);
    var card = el("section", { "class": "card mb-3 level-editor", "data-level": value }, [header]);
    if (level) { card.appendChild(el("div", { "class": "card-body", "data-path": "levels." + index }, drawLevelBody(level, "levels." + index))); }
    return card;
  }
  function drawLevelBody(level, path) {
    level.criteria = level.criteria || {}; level.criteria.thresholds = level.criteria.thresholds || {}; level.tasks = level.tasks || [];
    var approvers = el("div", { "data-path": path + ".approvers", "class": "mb-2" }, [el("span", { "class": "me-2", text: gettext("审批角色：") })].concat(options.roles.map(function (role) {
      var box = el("input", { type: "checkbox", "class": "form-check-input", "aria-label": role[1], value: role[0] });
      box.checked = (level.approvers || []).indexOf(role[0]) >= 0;
      box.addEventListener("change", function () {
        level.approvers = (level.approvers || []).filter(function (r) { return r !== role[0]; });
        if (box.checked) { level.approvers.push(role[0]); }
      });
      return el("label", { "class": "form-check-inline small" }, [box, document.createTextNode(" " + role[1])]);
    })));
    var thresholds = options.figures.map(function (f) {
      return el("div", { "class": "col-3" }, [el("label", { "class": "small", text: f[1] + " ≥" }),
        number(level.criteria.thresholds[f[0]], path + ".criteria.thresholds." + f[0], function (v) {
          if (v === null) { delete level.criteria.thresholds[f[0]]; } else { level.criteria.thresholds[f[0]] = v; }
        }, f[1])]);
    });
    var criteria = el("div", { "class": "row g-1 mb-2" }, [
      el("div", { "class": "col-4" }, [el("label", { "class": "small", text: gettext("事件等级不低于") }), select(options.grades, level.criteria.min_grade, path + ".criteria.min_grade", function (v) { if (v) { level.criteria.min_grade = v; } else { delete level.criteria.min_grade; } }, { blank: gettext("不限"), label: gettext("事件等级不低于") })]),
      el("div", { "class": "col-8" }, [el("label", { "class": "small", text: gettext("限定事件类型（不选为全部适用类型）") }), select(options.types, level.criteria.types, path + ".criteria.types", function (v) { level.criteria.types = v; }, { multiple: true, size: 3, label: gettext("限定事件类型") })])
    ].concat(thresholds));
    var rows = level.tasks.map(function (task, i) { return drawTask(level, task, path + ".tasks", i); });
    var table = el("table", { "class": "table table-sm small" }, [el("thead", {}, [el("tr", {}, [gettext("任务"), gettext("责任组/单位"), gettext("时限（分钟）"), gettext("所需队伍与物资"), ""].map(function (h) { return el("th", { text: h }); }))]), el("tbody", {}, rows)]);
    return [approvers, el("div", { "class": "small text-muted", text: gettext("启动条件（满足任一即可）：") }), criteria, table,
      button(gettext("添加任务"), function () { level.tasks.push({ key: level.level.replace("response_", "t") + "-" + Date.now().toString(36), title: "", deadline_minutes: 60, teams: [], materials: [] }); })];
  }

  function showErrors() {
    Object.keys(errors).forEach(function (path) {
      // a task's unit is chosen in the same select as its group; its key is shown through its title
      var parts = path.replace(/\.unit$/, ".group").replace(/\.key$/, ".title").split("."), target = null;
      while (parts.length && !target) {
        target = root.querySelector('[data-path="' + parts.join(".") + '"]');
        parts.pop();
      }
      target = target || root;
      target.classList.add("is-invalid");
      var note = el("div", { "class": "invalid-feedback d-block field-error", "data-error-for": path, text: errors[path].join(gettext("；")) });
      target.insertAdjacentElement(target === root ? "afterbegin" : "afterend", note);
    });
  }
  function draw() {
    var types = section(gettext("适用事件类型"), [select(options.types, state.incident_types, "incident_types", function (v) { state.incident_types = v; }, { multiple: true, size: 8, label: gettext("适用事件类型") })], "editor-types");
    root.replaceChildren(types, drawCommand(), drawGroups(), el("h2", { "class": "h5", text: gettext("响应级别（Ⅳ→Ⅰ，高级别在低级别任务基础上增加）") }));
    options.levels.forEach(function (l) { root.appendChild(drawLevel(l[0], l[1])); });
    showErrors();
    w.restoreFocus(root);
  }
  form.addEventListener("submit", function () { document.getElementById("plan-content-field").value = JSON.stringify(state); });
  draw();
})();
