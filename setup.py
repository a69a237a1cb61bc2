"""Which packages the project installs; everything else is in pyproject.toml.

Here because pyproject.toml cannot both find the plugin packages under plugins/ and add
one from another folder: schemas/ is installed as the package `c2c_schemas`, so `c2c`
finds the schemas and vocabularies wherever it is installed, while content files keep
naming them ../../schemas/*.schema.json.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("plugins"), "c2c_schemas"],
    package_dir={"": "plugins", "c2c_schemas": "schemas"},
)
