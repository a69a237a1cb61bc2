"""The directory's views: everything the directory's pages and files show, computed once
per build by the views stage, written by the c2c_directory plugin.

- `listings`: `DirectoryViews`, /directory/ in pages, the listings by area, stage,
  access fact and language, the printable lists, the filters' counts;
- `services`: a service as the directory shows it (`ServiceView`) and the records the
  browser reads (services.json, a page's own "open now" data);
- `hours` (weekly hours, "open now") and `opening` (dated hours: bank holidays,
  exceptions, monthly sessions, alert hours): the one calendar, which the browser
  follows;
- `alerts`: which dated notices show on which page;
- `compact`: the filter files, short and split by area;
- `jsonld`: schema.org JSON-LD for a service page;
- `links`: call, directions and report-a-problem links; `languages`: language names.

A subpackage because these modules change together (a new filter touches services,
listings and compact) and nothing outside the directory reads them.
"""
