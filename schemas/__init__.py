"""The JSON Schemas, vocabularies and search glossary, installed as the package
`c2c_schemas` (see setup.py), so `c2c` finds them wherever it is installed. Content files
name them by their place in the project, ../../schemas/*.schema.json. Read them with
c2c_registry.package_data.schema_dir()."""
