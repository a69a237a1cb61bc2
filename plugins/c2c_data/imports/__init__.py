"""`c2c import-hsds`: Open Referral feeds in, valid service files out.

One module per step: `sources` reads a file, a folder of pages or a URL page by page;
`shapes` turns the older ORUK list shape into HSDS 3.0; `prose` turns HTML into the
project's Markdown and plain text; `repair` fixes or refuses single values; `mapping`
reads the officer's mapping file and chooses which records come in; `gate` checks each
service against the real schema before it is written; `existing` finds what an earlier
import wrote and writes only inside content/services/; `report` says what happened.
The mapping of one HSDS service to our fields is `c2c_data.hsds_in`, beside the export.
Nothing here imports Pelican or the page layer.
"""
