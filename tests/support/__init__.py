"""What the tests share: where things are, how the suite runs the `c2c` command and serves
a built site, how it reads pages and watches a browser, and the content it builds.
No tests here (pytest collects none from this folder)."""
