// Progressive enhancement shared by every page. Pages work without it.
document.documentElement.classList.add("js-enabled");
document.body.classList.add("js-enabled", "govuk-frontend-supported");
