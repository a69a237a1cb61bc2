"""Pelican settings for the C2C registry site. The C2C_* settings are explained in
README.md; their defaults live in plugins/c2c_registry/settings.py."""

AUTHOR = "West Midlands Combined Authority"
SITENAME = "Commitment to Collaborate"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# The build's stages, in order: load -> check -> views -> pages and files -> finalise.
# Each c2c plugin declares its stage (STAGE); the first one listed checks this list at
# start-up and stops the build, naming the plugin, if one is missing or out of order
# (plugins/c2c_registry/pipeline.py, docs/architecture.md).
PLUGINS = [
    "c2c_registry",  # load and check: stops the build on bad content
    "c2c_views",  # views: the git history, then every derived view and the URL map
    # Pages and files, each from the views:
    "c2c_search",  # the search page and its index (before c2c_directory, whose worker keeps its files)
    "c2c_pages",  # home, organisations, commitments, stage/theme/area/sector pages, progress
    "c2c_directory",  # the directory: pages, listings, printable lists, filter files, the service worker
    "c2c_badges",  # badge images, verification pages and organisation logos
    "c2c_submit",  # /submit/: how to take part, and the forms that build a file in the browser
    # Open data: CSV, JSON, Open Referral (HSDS/ORUK), schemas, the commitments feed. Last of
    # the writers, after the pages, so `c2c serve --watch` shows a saved file's page sooner.
    "c2c_data",
    # Finalise:
    "pelican.plugins.sitemap",  # lists every page, once all are written
    "c2c_site",  # headers, robots.txt, the sitemap's tweaks, page cleaning; the CSP
]

# Registry files are read by the c2c_registry plugin, not as Pelican articles.
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
# PAGE_URL, PAGE_SAVE_AS and THEME_STATIC_DIR are set by c2c_views from the URL map.
DIRECT_TEMPLATES = []
for _kind in ("AUTHOR", "CATEGORY", "TAG"):
    globals()[f"{_kind}_SAVE_AS"] = ""
    globals()[f"{_kind}S_SAVE_AS"] = ""
ARCHIVES_SAVE_AS = ""
ARTICLE_SAVE_AS = ""
DISPLAY_PAGES_ON_MENU = False  # O(N^2) output otherwise; the theme has its own menu
DISPLAY_CATEGORIES_ON_MENU = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False  # `c2c build` swaps in a complete new folder instead

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

SITEMAP = {"format": "xml"}  # c2c_site adds the 404 page to its exclusions

# The build date: None means today (UK time); `c2c build --build-date` overrides it.
C2C_BUILD_DATE = None

# Where the /submit/ forms' "Send it by email" writes to (empty: no e-mail way is offered).
# An example address: put WMCA's real one here before publishing.
C2C_SUBMISSIONS_EMAIL = "c2c-submissions@example.org"
