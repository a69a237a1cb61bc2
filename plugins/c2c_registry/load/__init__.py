"""Reading the content folder into a Registry, and every problem found on the way.

`registry.load_registry(content_dir)` is the only parser of content: it walks the folder
(files.py), reads each file safely (reading.py), parses YAML keeping every value's
position (source.py, positions.py) or a page's header (pages.py), checks it against the
JSON Schemas (schemas.py, values.py), keeps parsed files between runs (cache.py), runs
the cross-file rules (../rules/) and builds the typed model (../model.py).

Nothing is re-exported here: import from the module that defines it.
"""
