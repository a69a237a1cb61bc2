"""Documentation kept honest: every setting is documented, the commands README shows exist."""

from c2c_registry.settings import DEFAULTS

from conftest import ROOT


def test_every_c2c_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in DEFAULTS if f"`{name}`" not in readme]
    assert missing == []


def test_readme_names_the_two_setup_commands_and_they_exist():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve", "test", "install", "html", "validate"):
        assert f"make {target}" in readme
        assert f"\n{target}:" in makefile


def test_every_schema_property_is_described():
    import json

    def walk(node, path):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                has_description = "description" in prop or "$ref" in prop
                assert has_description, f"{path}.{name} has no description"
            for key, value in node.items():
                if key not in ("if", "then", "not", "oneOf", "anyOf"):  # conditions, not fields
                    walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")

    for schema in (ROOT / "schemas").glob("*.schema.json"):
        walk(json.loads(schema.read_text()), schema.name)
