// lunr.js 2.3.9's Porter stemmer, on its own: the one part of lunr the browser still
// needs, so a search page downloads 1 KB instead of lunr's 25 KB. The steps and regular
// expressions are lunr's, unchanged (lunr - http://lunrjs.com - Copyright (C) 2020
// Oliver Nightingale, MIT licence), and plugins/c2c_search/stemmer.py is the same in
// Python; tests/test_search_index.py checks all three agree on every word of the sample
// content and of the benchmark's corpus.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.C2CStem = factory();
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var step2list = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al",
    iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log"
  };
  var step3list = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };

  var c = "[^aeiou]";  // consonant
  var v = "[aeiouy]";  // vowel
  var C = c + "[^aeiouy]*";  // consonant sequence
  var V = v + "[aeiou]*";  // vowel sequence

  var reMgr0 = new RegExp("^(" + C + ")?" + V + C);  // [C]VC... is m>0
  var reMeq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");  // [C]VC[V] is m=1
  var reMgr1 = new RegExp("^(" + C + ")?" + V + C + V + C);  // [C]VCVC... is m>1
  var reSv = new RegExp("^(" + C + ")?" + v);  // vowel in stem

  var re1a = /^(.+?)(ss|i)es$/;
  var re21a = /^(.+?)([^s])s$/;
  var re1b = /^(.+?)eed$/;
  var re21b = /^(.+?)(ed|ing)$/;
  var re1b2 = /.$/;
  var re21b2 = /(at|bl|iz)$/;
  var re31b2 = new RegExp("([^aeiouylsz])\\1$");
  var re41b2 = new RegExp("^" + C + v + "[^aeiouwxy]$");
  var re1c = /^(.+?[^aeiou])y$/;
  var re2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var re3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var re4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var re24 = /^(.+?)(s|t)(ion)$/;
  var re5 = /^(.+?)e$/;
  var re51 = /ll$/;
  var re35 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  return function porterStemmer(w) {
    var stem, fp;
    if (w.length < 3) return w;
    var firstch = w.substr(0, 1);
    if (firstch === "y") w = firstch.toUpperCase() + w.substr(1);

    // Step 1a
    if (re1a.test(w)) w = w.replace(re1a, "$1$2");
    else if (re21a.test(w)) w = w.replace(re21a, "$1$2");

    // Step 1b
    if (re1b.test(w)) {
      fp = re1b.exec(w);
      if (reMgr0.test(fp[1])) w = w.replace(re1b2, "");
    } else if (re21b.test(w)) {
      fp = re21b.exec(w);
      stem = fp[1];
      if (reSv.test(stem)) {
        w = stem;
        if (re21b2.test(w)) w = w + "e";
        else if (re31b2.test(w)) w = w.replace(re1b2, "");
        else if (re41b2.test(w)) w = w + "e";
      }
    }

    // Step 1c: a final y after a consonant (not the first letter) becomes i
    if (re1c.test(w)) {
      fp = re1c.exec(w);
      w = fp[1] + "i";
    }

    // Step 2
    if (re2.test(w)) {
      fp = re2.exec(w);
      if (reMgr0.test(fp[1])) w = fp[1] + step2list[fp[2]];
    }

    // Step 3
    if (re3.test(w)) {
      fp = re3.exec(w);
      if (reMgr0.test(fp[1])) w = fp[1] + step3list[fp[2]];
    }

    // Step 4
    if (re4.test(w)) {
      fp = re4.exec(w);
      if (reMgr1.test(fp[1])) w = fp[1];
    } else if (re24.test(w)) {
      fp = re24.exec(w);
      stem = fp[1] + fp[2];
      if (reMgr1.test(stem)) w = stem;
    }

    // Step 5
    if (re5.test(w)) {
      fp = re5.exec(w);
      stem = fp[1];
      if (reMgr1.test(stem) || (reMeq1.test(stem) && !re35.test(stem))) w = stem;
    }
    if (re51.test(w) && reMgr1.test(w)) w = w.replace(re1b2, "");

    if (firstch === "y") w = firstch.toLowerCase() + w.substr(1);
    return w;
  };
}));
