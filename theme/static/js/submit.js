/* The /submit/ forms: build a content file in the browser, check it against the site's
   own JSON Schemas (the same files the build checks with), and offer it for download,
   copying or a pull request on GitHub. No server; drafts stay in localStorage.

   A field's name is its place in the file, dotted as `c2c validate` names fields
   (pledges.0.text). Addresses
   (schemas, the validator, GitHub) come from data- attributes, never spelt here. */
(function () {
  'use strict';
  var root = document.querySelector('.js-submit');
  if (!root) return;
  var form = root.querySelector('.js-submit-form');
  var kind = root.dataset.kind;
  var draftKey = root.dataset.draftKey;
  var RESERVED = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

  root.querySelector('.js-submit-nojs').hidden = true;
  form.hidden = false;

  // -- lists the person can add to ----------------------------------------------------
  function rowsOf(list) { return list.querySelector('.js-repeat-rows'); }

  function fill(node, i) {
    var n = String(i + 1);
    node.querySelectorAll('*').forEach(function (el) {
      ['id', 'for', 'name', 'aria-describedby', 'data-field'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v && v.indexOf('{i}') >= 0) el.setAttribute(attr, v.split('{i}').join(String(i)));
      });
      ['data-missing', 'data-label'].forEach(function (attr) {  // messages name their field: "pledge 2"
        var v = el.getAttribute(attr);
        if (v && v.indexOf('{n}') >= 0) el.setAttribute(attr, v.split('{n}').join(n));
      });
    });
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.indexOf('{n}') >= 0) {
        walker.currentNode.nodeValue = walker.currentNode.nodeValue.split('{n}').join(n);
      }
    }
  }

  function addRow(list) {
    var template = list.querySelector('.js-repeat-template');
    var rows = rowsOf(list);
    var i = rows.children.length;
    var holder = document.createElement('div');
    holder.appendChild(template.content.cloneNode(true));
    var row = holder.firstElementChild;
    fill(row, i);
    rows.appendChild(row);
    refreshPledgeChoices();
    return row;
  }

  function setRows(list, count) {
    var rows = rowsOf(list);
    while (rows.children.length > count) rows.removeChild(rows.lastElementChild);
    while (rows.children.length < count) addRow(list);
  }

  function removeRow(list, row) {
    var values = snapshot();
    var rows = Array.prototype.slice.call(rowsOf(list).children);
    var index = rows.indexOf(row);
    var prefix = list.dataset.list + '.';
    var shifted = {};
    Object.keys(values.fields).forEach(function (name) {
      if (name.indexOf(prefix) !== 0) { shifted[name] = values.fields[name]; return; }
      var rest = name.slice(prefix.length).split('.');
      var at = parseInt(rest[0], 10);
      if (at === index) return;
      rest[0] = String(at > index ? at - 1 : at);
      shifted[prefix + rest.join('.')] = values.fields[name];
    });
    values.fields = shifted;
    values.counts[list.dataset.list] = rows.length - 1;
    restore(values);
    save();
    var heading = list.querySelector('h3');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  }

  // An action names its pledge by id; the ids come from the pledges' words.
  function slugify(text, length) {
    var words = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').split('-');
    return words.slice(0, length ? 80 : 5).join('-').slice(0, length || 60).replace(/-+$/, '');
  }

  function pledgeIds() {
    var ids = [];
    form.querySelectorAll('[name^="pledges."][name$=".text"]').forEach(function (el) {
      var base = slugify(el.value) || 'pledge';
      var id = base;
      for (var k = 2; ids.indexOf(id) >= 0; k++) id = base + '-' + k;
      ids.push(id);
    });
    return ids;
  }

  function refreshPledgeChoices() {
    var texts = Array.prototype.map.call(form.querySelectorAll('[name^="pledges."][name$=".text"]'),
      function (el) { return el.value.trim(); });
    form.querySelectorAll('.js-pledge-choice').forEach(function (select) {
      var chosen = select.value;
      while (select.options.length > 1) select.remove(1);
      texts.forEach(function (text, i) {
        var words = text.length > 70 ? text.slice(0, 69) + '…' : text;
        select.add(new Option('Pledge ' + (i + 1) + (words ? ': ' + words : ''), String(i)));
      });
      select.value = chosen;
    });
  }

  // -- drafts -----------------------------------------------------------------------
  function snapshot() {
    var fields = {};
    form.querySelectorAll('[name]').forEach(function (el) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (!el.checked) return;
        if (el.type === 'radio') fields[el.name] = el.value;
        else (fields[el.name] = fields[el.name] || []).push(el.value);
      } else if (el.value) {
        fields[el.name] = el.value;
      }
    });
    var counts = {};
    form.querySelectorAll('.js-repeat').forEach(function (list) {
      counts[list.dataset.list] = rowsOf(list).children.length;
    });
    return { fields: fields, counts: counts };
  }

  function restore(values) {
    form.querySelectorAll('.js-repeat').forEach(function (list) {
      setRows(list, values.counts[list.dataset.list] || 0);
    });
    refreshPledgeChoices();
    form.querySelectorAll('[name]').forEach(function (el) {
      var v = values.fields[el.name];
      if (el.type === 'checkbox') el.checked = Array.isArray(v) && v.indexOf(el.value) >= 0;
      else if (el.type === 'radio') el.checked = v === el.value;
      else if (!el.readOnly) el.value = v === undefined ? (el.defaultValue || '') : v;
    });
    refreshPledgeChoices();
    form.querySelectorAll('.js-pledge-choice').forEach(function (select) {
      var v = values.fields[select.name];
      if (v !== undefined) select.value = v;
    });
    showNewOrganisation();
  }

  function save() {
    try { localStorage.setItem(draftKey, JSON.stringify(snapshot())); } catch (e) { /* private browsing */ }
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(draftKey) || 'null'); } catch (e) { return null; }
  }

  function showNewOrganisation() {
    var panel = form.querySelector('.js-new-org');
    var org = form.querySelector('[name="organisation"]');
    if (panel && org) panel.hidden = org.value !== '-new-';
  }

  // -- the file ----------------------------------------------------------------------
  function put(target, pointer, value) {
    var parts = pointer.split('.');
    var here = target;
    for (var k = 0; k < parts.length - 1; k++) {
      var nextIsIndex = /^\d+$/.test(parts[k + 1]);
      if (here[parts[k]] === undefined) here[parts[k]] = nextIsIndex ? [] : {};
      here = here[parts[k]];
    }
    here[parts[parts.length - 1]] = value;
  }

  function compact(value) {
    if (Array.isArray(value)) return value.filter(function (v) { return v !== undefined; }).map(compact);
    if (value && typeof value === 'object') {
      Object.keys(value).forEach(function (k) { value[k] = compact(value[k]); });
    }
    return value;
  }

  function collect() {
    var docs = { main: {}, organisation: {}, problems: [] };
    var values = snapshot().fields;
    var ids = kind === 'commitment' ? pledgeIds() : [];
    form.querySelectorAll('.js-date').forEach(function (group) {
      if (group.closest('[hidden]')) return;
      var read = readDate(group);
      var doc = group.querySelector('[data-doc="organisation"]') ? docs.organisation : docs.main;
      if (read.problem) docs.problems.push({ pointer: group.dataset.field, text: read.problem });
      else if (read.value) put(doc, group.dataset.field, read.value);
    });
    form.querySelectorAll('[name]').forEach(function (el) {
      var name = el.name;
      if (!(name in values) || name === 'story' || name.indexOf(':') >= 0) return;  // a date's parts: above
      var doc = el.dataset.doc === 'organisation' ? docs.organisation : docs.main;
      if (el.type === 'checkbox' && el !== form.querySelector('[name="' + name + '"]')) return;
      var v = values[name];
      if (typeof v === 'string') v = v.trim();
      if (v === '' || v === undefined) return;
      if (name === 'participants' && /^\d+$/.test(v)) v = parseInt(v, 10);
      if (name === 'collaborators') v = v.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
      if (/^actions\.\d+\.pledge$/.test(name)) v = ids[parseInt(v, 10)] || v;
      put(doc, name, v);
    });
    (docs.main.pledges || []).forEach(function (p, i) { p.id = ids[i]; });  // before the gaps close
    var main = compact(docs.main);
    var organisation = null;
    if (kind === 'commitment') {
      if (main.organisation === '-new-') {
        organisation = compact(docs.organisation);
        organisation.c2c = { status: 'pledged' };
        main.organisation = slugify(organisation.name || '', 80) || 'new-organisation';
      }
    }
    return { main: main, organisation: organisation, problems: docs.problems };
  }

  // -- dates as people write them ------------------------------------------------------
  var MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  var WHOLE_DATE = /^\s*(\d{1,2})[\/.\-\s]+(\d{1,2}|[A-Za-z]{3,9})[\/.\-\s]+(\d{2}|\d{4})\s*$/;  // 10/11/2026, 10 Nov 2026
  var ISO_DATE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

  function monthNumber(text) {
    if (/^\d{1,2}$/.test(text)) return parseInt(text, 10);
    var at = MONTH_NAMES.indexOf(text.slice(0, 3).toLowerCase());
    return at >= 0 && MONTH_NAMES[at] === text.slice(0, 3).toLowerCase() ? at + 1 : NaN;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // A whole date typed or pasted into one of the three boxes, read the UK way round
  // (10/11/2026 is 10 November) or as 2026-11-10, and spread over day, month and year.
  function spread(input, finished) {
    var m = WHOLE_DATE.exec(input.value);
    var iso = ISO_DATE.exec(input.value);
    if (!m && !iso) return false;
    var day = iso ? iso[3] : m[1];
    var month = iso ? iso[2] : m[2];
    var year = iso ? iso[1] : m[3];
    if (year.length === 2 && !finished) return false;  // still typing the year
    var group = input.closest('.js-date');
    var parts = {};
    group.querySelectorAll('.js-date-part').forEach(function (el) { parts[el.dataset.part] = el; });
    parts.day.value = String(parseInt(day, 10));
    parts.month.value = isNaN(monthNumber(month)) ? month : String(monthNumber(month));
    parts.year.value = year.length === 2 ? '20' + year : year;
    if (document.activeElement === input && input !== parts.year) parts.year.focus();
    return true;
  }

  // {value: 'YYYY-MM-DD' (or 'YYYY-MM', or 'ongoing')} or {problem: words naming the field}.
  function readDate(group) {
    var label = group.dataset.label;
    var ongoing = group.querySelector('input[type=checkbox]');
    if (ongoing && ongoing.checked) return { value: 'ongoing' };
    var got = {};
    group.querySelectorAll('.js-date-part').forEach(function (el) { got[el.dataset.part] = el.value.trim(); });
    if (!got.day && !got.month && !got.year) return {};
    var month = monthNumber(got.month);
    var year = /^\d{2}$/.test(got.year) ? '20' + got.year : got.year;
    var missing = ['day', 'month', 'year'].filter(function (part) { return !got[part]; });
    if (missing.length === 1 && missing[0] === 'day' && group.dataset.month) {
      if (!(month >= 1 && month <= 12) || !/^\d{4}$/.test(year)) return { problem: label + ' must be a real month' };
      return { value: year + '-' + pad(month) };
    }
    if (missing.length) return { problem: label + ' must include a ' + missing.join(' and a ') };
    if (!/^\d{4}$/.test(year)) return { problem: label + ' must have a year of 4 numbers, for example 2026' };
    var day = /^\d{1,2}$/.test(got.day) ? parseInt(got.day, 10) : NaN;
    var check = new Date(Date.UTC(+year, month - 1, day));
    if (isNaN(check.getTime()) || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
      return { problem: label + ' must be a real date' };
    }
    return { value: year + '-' + pad(month) + '-' + pad(day) };
  }

  // YAML as the project writes it (and `c2c fmt` keeps): keys in the schema's order,
  // lists of ids in brackets, text quoted only when YAML would misread it. YAML takes
  // CR, LF, NEL (U+0085) and the line and paragraph separators (U+2028, U+2029) as line
  // breaks, so text holding any of them (from a crafted /submit/?start= link, say) is
  // quoted, and they are written as escapes: they can never start a line, or a field.
  // So is text with any other control character (JSON escapes the C0 controls; DEL and
  // the C1 controls are escaped here, since YAML refuses them raw).
  var NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
  function quoted(v) {
    return JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029]/g, function (c) {
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    });
  }

  function scalar(v, inFlow) {
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    var plain = /^[A-Za-z(]/.test(v) && !NEEDS_ESCAPE.test(v) && !RESERVED.test(v) && !/(: |\s#|:$|\s$)/.test(v) &&
      !(inFlow && /[,[\]{}]/.test(v));
    return plain ? v : quoted(v);
  }

  function order(obj, schema) {
    var known = Object.keys((schema && schema.properties) || {});
    return known.filter(function (k) { return k in obj; })
      .concat(Object.keys(obj).filter(function (k) { return known.indexOf(k) < 0; }));
  }

  function emit(obj, schema, indent, lines) {
    order(obj, schema).forEach(function (key, n) {
      var v = obj[key];
      var sub = resolve(schema && schema.properties ? schema.properties[key] : null);
      var pad = indent.first !== undefined && n === 0 ? indent.first : indent.rest;
      if (Array.isArray(v) && v.every(function (x) { return typeof x !== 'object'; })) {
        lines.push(pad + key + ': [' + v.map(function (x) { return scalar(x, true); }).join(', ') + ']');
      } else if (Array.isArray(v)) {
        lines.push(pad + key + ':');
        var items = resolve(sub && sub.items);
        v.forEach(function (item) {
          emit(item, items, { first: indent.rest + '  - ', rest: indent.rest + '    ' }, lines);
        });
      } else if (v && typeof v === 'object') {
        lines.push(pad + key + ':');
        emit(v, sub, { rest: indent.rest + '  ' }, lines);
      } else {
        lines.push(pad + key + ': ' + scalar(v, false));
      }
    });
    return lines;
  }

  var schemas = {};
  function resolve(schema) {
    var guard = 0;
    while (schema && schema.$ref && guard++ < 10) {
      var parts = schema.$ref.split('#');
      var doc = parts[0] ? schemas[parts[0]] : schemas.current;
      schema = (parts[1] || '').split('/').filter(Boolean).reduce(function (s, p) { return s && s[p]; }, doc);
    }
    return schema;
  }

  function yamlText(data, schema, schemaFile) {
    schemas.current = schema;
    var lines = ['# yaml-language-server: $schema=../../schemas/' + schemaFile]
      .concat(emit(data, schema, { rest: '' }, []));
    return lines.join('\n') + '\n';
  }

  // -- checking against the schemas ----------------------------------------------------
  var validators = null;
  function loadValidators() {
    if (validators) return validators;
    var fetchJson = function (url) { return fetch(url).then(function (r) { return r.json(); }); };
    var urls = [root.dataset.schemaUrl, root.dataset.commonSchemaUrl, root.dataset.orgSchemaUrl].filter(Boolean);
    validators = Promise.all([import(root.dataset.validatorUrl)].concat(urls.map(fetchJson))).then(function (got) {
      var lib = got[0];
      var common = got[2];
      var base = new URL(root.dataset.schemaUrl, location.href).href;
      schemas['common.schema.json'] = common;
      function make(schema, url) {
        var copy = JSON.parse(JSON.stringify(schema));
        copy.$id = new URL(url, location.href).href;
        var v = new lib.Validator(copy, '2020-12', false);
        v.addSchema(common, new URL('common.schema.json', base).href);
        return { schema: schema, validator: v };
      }
      return { main: make(got[1], urls[0]), organisation: got[3] ? make(got[3], urls[2]) : null };
    });
    return validators;
  }

  var TYPE_WORDS = { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'yes or no',
    array: 'a list', object: 'a set of fields' };

  function schemaAt(schema, pointer) {
    var node = resolve(schema);
    var hint = node && node['x-hint'];
    (pointer ? pointer.split('.') : []).forEach(function (part) {
      if (!node) return;
      node = /^\d+$/.test(part) ? resolve(node.items) : resolve(node.properties && node.properties[part]);
      hint = (node && node['x-hint']) || hint;
    });
    return { node: node, hint: hint };
  }

  function message(error, data, schema) {
    var pointer = error.instanceLocation.replace(/^#\/?/, '').split('/').join('.');  // as c2c names fields
    var field = (pointer ? pointer.split('.') : []).reduce(function (v, p) { return v == null ? v : v[p]; }, data);
    var at = schemaAt(schema, pointer);
    var tail = at.hint ? '; ' + at.hint : '';
    var words;
    switch (error.keyword) {
      case 'required':
        var missing = (error.error.match(/"([^"]+)"/) || [])[1];
        return { pointer: (pointer ? pointer + '.' : '') + missing, text: null };
      case 'pattern': case 'format':
        words = JSON.stringify(String(field)) + ' is not in the right form' + (tail || ''); break;
      case 'maxLength':
        words = 'this is ' + String(field).length + ' characters long; the limit is ' + at.node.maxLength + '. Shorten it'; break;
      case 'minLength': words = 'this is empty; write something or remove it'; break;
      case 'minItems': return { pointer: pointer, text: null };
      case 'uniqueItems': words = 'this list has the same item twice; keep one of each'; break;
      case 'enum': words = 'choose one of: ' + at.node.enum.join(', '); break;
      case 'type': words = 'expected ' + (TYPE_WORDS[at.node.type] || at.node.type); break;
      case 'minimum': case 'maximum':
        words = field + ' is out of range (' + error.keyword + ' ' + at.node[error.keyword] + ')'; break;
      case 'minProperties': return { pointer: pointer, text: null };
      case 'oneOf': case 'anyOf':
        words = at.hint || 'these fields do not fit together'; pointer = root.dataset.rootField || pointer; break;
      default: return null;  // properties, items, $ref: containers of the errors above
    }
    return { pointer: pointer, text: words.charAt(0).toUpperCase() + words.slice(1) };
  }

  // Fields WMCA fills in when it accepts a file (a commitment's approved:): the form
  // leaves them out rather than invent them, and does not ask for them.
  var SET_BY_REVIEWER = (root.dataset.setByReviewer || '').split(',').filter(Boolean);

  function fieldFor(pointer) {
    var parts = pointer.split('.');
    while (parts.length && parts[0]) {
      var el = form.querySelector('[data-field="' + parts.join('.') + '"]');
      if (el && !el.closest('[hidden]')) return el;
      parts.pop();
    }
    return null;
  }

  function clearErrors() {
    form.querySelectorAll('.govuk-form-group--error').forEach(function (g) { g.classList.remove('govuk-form-group--error'); });
    form.querySelectorAll('.govuk-input--error, .govuk-select--error, .govuk-textarea--error').forEach(function (el) {
      el.classList.remove('govuk-input--error', 'govuk-select--error', 'govuk-textarea--error');
    });
    form.querySelectorAll('.js-field-error').forEach(function (p) { p.hidden = true; });
    form.querySelectorAll('[data-error-described]').forEach(function (el) {
      el.setAttribute('aria-describedby', el.getAttribute('data-error-described'));
      if (!el.getAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
      el.removeAttribute('data-error-described');
    });
    var summary = form.querySelector('.js-error-summary');
    summary.hidden = true;
    summary.querySelector('.js-error-list').innerHTML = '';
  }

  function showErrors(found) {
    var summary = form.querySelector('.js-error-summary');
    var list = summary.querySelector('.js-error-list');
    var shown = {};
    var placed = found.map(function (e) { return { e: e, group: fieldFor(e.pointer) }; });
    placed.sort(function (a, b) {  // in the order of the page, as the summary is read
      if (!a.group || !b.group || a.group === b.group) return 0;
      return a.group.compareDocumentPosition(b.group) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    placed.map(function (p) { return p.e; }).forEach(function (e) {
      var group = fieldFor(e.pointer);
      var key = group ? group.dataset.field : e.pointer;
      if (shown[key]) return;
      shown[key] = true;
      var text = e.text ? named(group, e.text) : (group && group.dataset.missing) || 'Fill this in';
      var isList = group && group.classList.contains('js-repeat');  // a list: its Add button, no field to mark
      var control = group && group.querySelector(isList ? '.js-repeat-add' : 'input, select, textarea');
      if (group) {
        if (group.classList.contains('govuk-form-group')) group.classList.add('govuk-form-group--error');
        var p = group.querySelector('.js-field-error');
        p.querySelector('.js-error-text').textContent = text;
        p.hidden = false;
        if (control && !isList && control.type !== 'checkbox' && control.type !== 'radio') {
          control.classList.add(control.tagName === 'SELECT' ? 'govuk-select--error'
            : control.tagName === 'TEXTAREA' ? 'govuk-textarea--error' : 'govuk-input--error');
          control.setAttribute('data-error-described', control.getAttribute('aria-describedby') || '');
          control.setAttribute('aria-describedby', ((control.getAttribute('aria-describedby') || '') + ' ' + p.id).trim());
        }
      }
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.textContent = text;
      a.href = '#' + (control ? control.id : '');
      if (control) a.addEventListener('click', function (ev) { ev.preventDefault(); control.focus(); });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.hidden = false;
    summary.focus();
  }

  // A message names its field ("Who leads action 2: this is 201 characters long…"),
  // in the summary at the top as next to the field.
  function named(group, text) {
    var label = group && (group.dataset.label ||
      ((group.querySelector('label, legend, h3') || {}).textContent || '').trim());
    if (!label || text.indexOf(label) === 0) return text;
    return label.replace(/ \(optional\)$/, '') + ': ' + text.charAt(0).toLowerCase() + text.slice(1);
  }

  function errorsOf(checker, data) {
    schemas.current = checker.schema;  // what this schema's own "#/$defs/…" references point into
    var result = checker.validator.validate(data);
    if (result.valid) return [];
    return result.errors.map(function (e) { return message(e, data, checker.schema); }).filter(Boolean);
  }

  // What the schema cannot say: each action names a pledge of this file.
  function referenceErrors(data) {
    var ids = (data.pledges || []).map(function (p) { return p.id; });
    return (data.actions || []).map(function (a, i) {
      return a.pledge && ids.indexOf(a.pledge) < 0 ? { pointer: 'actions.' + i + '.pledge', text: null } : null;
    }).filter(Boolean);
  }

  // -- the result --------------------------------------------------------------------
  function fileName(data) {
    if (kind === 'service') return slugify(data.name || '', 80) || 'service';
    return data.organisation + '-' + String(data.held || '').slice(0, 4);
  }

  function showFile(name, folder, text) {
    var result = root.querySelector('.js-submit-result');
    var holder = document.createElement('div');
    holder.appendChild(result.querySelector('.js-submit-file-template').content.cloneNode(true));
    var box = holder.firstElementChild;
    var id = 'file-' + result.querySelectorAll('.js-file-text').length;
    box.querySelector('.js-file-name').textContent = folder + name;
    box.querySelector('.js-file-text').value = text;
    box.querySelector('.js-file-text').id = id;
    box.querySelector('.js-file-label').setAttribute('for', id);
    var download = box.querySelector('.js-file-download');
    download.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    download.setAttribute('download', name);
    box.querySelector('.js-file-copy').addEventListener('click', function () {
      var done = function () { box.querySelector('.js-file-copied').textContent = 'Copied ' + name + '.'; };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, function () {
        box.querySelector('.js-file-text').select(); document.execCommand('copy'); done();
      });
    });
    var github = box.querySelector('.js-file-github');  // there only when a repository is set
    if (github) {
      github.href = root.dataset.newFileUrl + '?filename=' + encodeURIComponent(folder + name) +
        '&value=' + encodeURIComponent(text);
    }
    result.querySelector('.js-submit-files').appendChild(box);
  }

  // "Send it by email" (there only when C2C_SUBMISSIONS_EMAIL is set): one message with
  // every file written out, ready to send to WMCA.
  function emailFiles(files) {
    var link = root.querySelector('.js-submit-email');
    if (!link) return;
    var names = files.map(function (f) { return f.path; });
    var body = ['Please review this ' + kind + ' for the Commitment to Collaborate registry.',
      'It was made with the form on ' + location.origin + location.pathname + '.', ''];
    files.forEach(function (f) { body.push('----- ' + f.path + ' -----', f.text, ''); });
    link.href = 'mailto:' + link.dataset.email + '?subject=' +
      encodeURIComponent('C2C ' + kind + ': ' + names.join(', ')) + '&body=' + encodeURIComponent(body.join('\n'));
  }

  function check(event) {
    event.preventDefault();
    clearErrors();
    var result = root.querySelector('.js-submit-result');
    result.hidden = true;
    result.querySelector('.js-submit-files').innerHTML = '';
    var docs = collect();
    loadValidators().then(function (v) {
      var found = docs.problems.concat(errorsOf(v.main, docs.main).filter(function (e) {
        return !(e.text === null && SET_BY_REVIEWER.indexOf(e.pointer) >= 0);
      }));
      if (docs.organisation && v.organisation) found = errorsOf(v.organisation, docs.organisation).concat(found);
      if (kind === 'commitment') found = found.concat(referenceErrors(docs.main));
      if (found.length) { showErrors(found); return; }
      var text = yamlText(docs.main, v.main.schema, kind + '.schema.json');
      if (kind === 'commitment') {
        var story = (form.querySelector('[name="story"]').value || '').trim();
        text = '---\n' + text + '---\n' + (story ? story + '\n' : '');
      }
      var files = [];
      if (docs.organisation) {
        files.push({ name: docs.main.organisation + '.yaml', folder: root.dataset.orgFolder,
          text: yamlText(docs.organisation, v.organisation.schema, 'organisation.schema.json') });
      }
      files.push({ name: fileName(docs.main) + (kind === 'commitment' ? '.md' : '.yaml'), folder: root.dataset.folder, text: text });
      files.forEach(function (f) { f.path = f.folder + f.name; showFile(f.name, f.folder, f.text); });
      emailFiles(files);
      result.hidden = false;
      result.focus();
    }).catch(function (err) {
      showErrors([{ pointer: '', text: 'The checks could not load (' + err.message + '). Reload the page and try again.' }]);
    });
  }

  // -- starting from a published pledge or action ----------------------------------------
  // The first row nothing has been written in: a starting point fills it rather than
  // landing as pledge 2 under an empty pledge 1.
  function firstEmptyRow(list) {
    return Array.prototype.find.call(rowsOf(list).children, function (row) {
      return !Array.prototype.some.call(row.querySelectorAll('input[type=text], textarea, select'),
        function (el) { return el.value.trim(); }) && !row.querySelector('input:checked');
    }) || null;
  }

  function startFrom() {
    var params = new URLSearchParams(location.search);
    var start = params.get('start');
    if (kind !== 'commitment' || (start !== 'pledge' && start !== 'action')) return;
    var pledges = form.querySelector('[data-list="pledges"]');
    var row;
    var status = form.querySelector('.js-submit-started');
    if (start === 'pledge') {
      row = firstEmptyRow(pledges) || addRow(pledges);
      row.querySelector('[name$=".text"]').value = params.get('text') || '';
      row.querySelector('[name$=".stage"]').value = params.get('stage') || '';
      (params.get('themes') || '').split(',').forEach(function (t) {
        var box = row.querySelector('input[type=checkbox][value="' + CSS.escape(t) + '"]');
        if (box) box.checked = true;
      });
      status.textContent = 'We added the pledge you chose as pledge ' +
        (Array.prototype.indexOf.call(rowsOf(pledges).children, row) + 1) + '. Change its words to fit your organisation.';
    } else {
      var actions = form.querySelector('[data-list="actions"]');
      row = firstEmptyRow(actions) || addRow(actions);
      row.querySelector('[name$=".text"]').value = params.get('text') || '';
      row.querySelector('[name$=".measure"]').value = params.get('measure') || '';
      status.textContent = 'We added the action you chose to your action plan. Give it a lead, a deadline and the pledge it delivers.';
    }
    refreshPledgeChoices();
    save();
    history.replaceState(null, '', location.pathname + '#form');
    row.querySelector('textarea, input, select').focus();
  }

  // -- wiring ------------------------------------------------------------------------
  form.addEventListener('click', function (event) {
    var add = event.target.closest('.js-repeat-add');
    var remove = event.target.closest('.js-repeat-remove');
    if (add) {
      var row = addRow(add.closest('.js-repeat'));
      save();
      row.querySelector('textarea, input, select').focus();
    } else if (remove) {
      removeRow(remove.closest('.js-repeat'), remove.closest('.js-repeat-row'));
    }
  });
  form.addEventListener('input', function (event) {
    if (/^pledges\.\d+\.text$/.test(event.target.name || '')) refreshPledgeChoices();
    if (event.target.classList.contains('js-date-part')) spread(event.target, false);
    save();
  });
  form.addEventListener('paste', function (event) {  // "10/11/2026" pasted into any of the three
    if (!event.target.classList.contains('js-date-part')) return;
    window.setTimeout(function () { spread(event.target, true); save(); }, 0);
  });
  form.addEventListener('change', function (event) {
    if (event.target.classList.contains('js-date-part')) spread(event.target, true);
    showNewOrganisation();
    save();
  });
  form.addEventListener('submit', check);
  form.querySelector('.js-submit-clear').addEventListener('click', function () {
    try { localStorage.removeItem(draftKey); } catch (e) { /* nothing kept */ }
    restore({ fields: {}, counts: kind === 'commitment' ? { pledges: 1, actions: 1 } : {} });
    clearErrors();
    root.querySelector('.js-submit-result').hidden = true;
  });

  var draft = load();
  restore(draft || { fields: {}, counts: kind === 'commitment' ? { pledges: 1, actions: 1 } : {} });
  startFrom();
})();
