// The directory's search box on the site's search engine: the same ranking, words of the
// same meaning and near spellings as /search/, limited to services, and the answer stays
// on the directory. directory-filters.js calls `window.c2cSearchServices(query)` and
// shows the services in the order it resolves to (places in the directory's list, best
// first); without this file it matches the words in each service's text instead.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.C2CSearch) return;
  var engine = null;

  window.c2cSearchServices = function (query) {
    if (!engine) {
      engine = window.C2CSearch.engine({
        manifestUrl: script.getAttribute("data-manifest-url"),
        siteRoot: script.getAttribute("data-site-root") || "/",
        opening: window.c2cOpening
      });
    }
    return engine.services(query).then(function (answer) { return answer.order; });
  };
}());
