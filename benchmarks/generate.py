"""A deterministic synthetic registry at three sizes, valid against the schemas, for the
benchmarks: every field of every kind of file is used, with text about as long as real
submissions'.

    python benchmarks/generate.py --size large --out /tmp/c2c-large/content

Sizes (organisations / commitments / services): small 50 / 100 / 300, medium
200 / 400 / 1,200, large 500 / 1,000 / 3,000. The same size and seed always write the
same bytes. One function per kind of file returns its text: a new schema field is one
more line in that function.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"small": (50, 100, 300), "medium": (200, 400, 1200), "large": (500, 1000, 3000)}
WORDS = ("housing advice tenancy support hospital discharge prison release young people care leavers debt "
         "benefits training referral pathway outreach shelter recovery family employment mental health "
         "partnership prevention crisis settled home move on council landlord hostel refuge money welfare "
         "rent arrears eviction notice visit plan key worker nurse clinic drop-in food bank volunteers "
         "night winter weather emergency beds rough sleeping street team assessment duty relief").split()
LANGUAGES = ("en", "pl", "ro", "ur", "pa", "ar", "so", "ti", "fa", "uk")
TOWNS = (("Birmingham", "B5 5PH", 52.477, -1.884), ("Coventry", "CV1 2GT", 52.408, -1.510),
         ("Wolverhampton", "WV1 1SH", 52.586, -2.128), ("Walsall", "WS1 1TP", 52.586, -1.982),
         ("Dudley", "DY1 1HF", 52.512, -2.081), ("West Bromwich", "B70 7PG", 52.519, -1.995),
         ("Solihull", "B91 3QB", 52.413, -1.778))
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def vocabulary(name: str) -> list[str]:
    """Ids of one controlled list, read from schemas/vocabularies/ so the corpus follows it."""
    return [term["id"] for term in yaml.safe_load((ROOT / "schemas" / "vocabularies" / f"{name}.yaml").read_text())]


class Text:
    """Seeded made-up prose: the same seed gives the same words."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self, low: int = 8, high: int = 18) -> str:
        return self.words(self.rng.randint(low, high)).capitalize() + "."

    def paragraphs(self, count: int, sentences: int = 4) -> str:
        return "\n\n".join(" ".join(self.sentence() for _ in range(sentences)) for _ in range(count))

    def pick(self, items, k: int) -> list:
        return sorted(self.rng.sample(list(items), k))


def dump(data: dict, schema: str) -> str:
    """YAML as a person would write it, with the editor's schema line first."""
    out = io.StringIO()
    yaml.safe_dump(data, out, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n" + out.getvalue()


def organisation(i: int, t: Text, orgs: int) -> str:
    status = ("awarded", "awarded", "pledged", "lapsed", "withdrawn")[i % 5]
    c2c: dict = {"status": status}
    if status in ("awarded", "lapsed"):
        c2c["awarded"] = f"{2021 + i % 4}-0{1 + i % 9}-15"
        c2c["renewal_due"] = f"{2025 + i % 3}-0{1 + i % 9}-20"
    data = {
        "name": f"Synthetic {t.words(2).title()} Organisation {i}",
        "short_name": f"Synthetic {i}",
        "sector": t.rng.choice(vocabulary("sectors")),
        "areas": t.pick(vocabulary("areas"), t.rng.randint(1, 3)),
        "website": f"https://org-{i}.example.org",
        "summary": t.sentence(20, 30)[:290],
        "description": t.paragraphs(3),
        "contact_email": f"homelessness@org-{i}.example.org",
        "c2c": c2c,
        "partners": sorted({f"org-{(i + k) % orgs}" for k in (1, 7, 31)} - {f"org-{i}"}),
    }
    if i % 10 == 0:
        data["logo"] = f"org-{i}.png"
    return dump(data, "organisation")


def commitment(i: int, org: int, year: int, t: Text, orgs: int) -> str:
    stages, themes = vocabulary("stages"), vocabulary("themes")
    pledges = [{"id": f"pledge-{n}", "text": t.sentence(12, 24), "stage": stages[n % len(stages)],
                "themes": t.pick(themes, 2)} for n in range(6)]
    actions = []
    for n in range(8):
        action = {"pledge": f"pledge-{n % 6}", "text": t.sentence(12, 24), "lead": "Tenancy Services Director",
                  "due": f"{year + 1}-{1 + n % 12:02d}-{10 + n:02d}", "measure": t.sentence(8, 14),
                  "status": ("planned", "in-progress", "done", "dropped")[n % 4]}
        if n % 3 == 0:
            action["stage"] = stages[(n + 1) % len(stages)]
        if n % 2 == 0:
            action["updates"] = [{"date": f"{year + 1}-0{1 + k * 3}-0{1 + k}", "note": t.sentence()} for k in range(2)]
        actions.append(action)
    discussion = {section: [{"text": t.sentence(8, 16), "stages": t.pick(stages, 1 + k % 2)} for k in range(3)]
                  for section in ("in_place", "gaps", "opportunities")}
    data = {
        "organisation": f"org-{org}",
        "title": t.sentence(4, 8).rstrip("."),
        "held": f"{year}-05-{1 + i % 28:02d}",
        "approach": ("roundtable", "case-study")[i % 2],
        "participants": 5 + i % 30,
        "collaborators": [f"org-{(org + 3) % orgs}", "Tenant scrutiny panel"],
        "approved": f"{year}-06-{1 + i % 28:02d}",
        "review_due": f"{year + 1}-06-{1 + i % 28:02d}",
        "discussion": discussion,
        "pledges": pledges,
        "actions": actions,
    }
    return "---\n" + dump(data, "commitment") + "---\n" + t.paragraphs(3) + "\n"


def service(i: int, t: Text, orgs: int) -> str:
    town, postcode, lat, lon = TOWNS[i % len(TOWNS)]
    data: dict = {"name": f"Synthetic {t.words(2).title()} Service {i}"}
    if i % 4:
        data["organisation"] = f"org-{i % orgs}"
    else:
        data["provider"] = f"Independent Provider {i}"
    data |= {
        "summary": t.sentence(12, 24)[:195],
        "description": t.paragraphs(2),
        "stages": t.pick(vocabulary("stages"), 1 + i % 3),
        "themes": t.pick(vocabulary("themes"), 1 + i % 2),
        "client_groups": t.pick(vocabulary("client-groups"), 1 + i % 3),
        "eligibility": t.sentence(),
        "areas": t.pick(vocabulary("areas"), 1 + i % 2),
        "locations": [{"name": f"{town} hub {i}", "address": [f"{1 + i % 200} High Street"], "town": town,
                       "postcode": postcode, "lat": round(lat + (i % 50) / 1000, 4),
                       "lon": round(lon - (i % 50) / 1000, 4), "accessibility": t.sentence(6, 10)}],
        "contact": {"phone": f"0121 496 {i % 10000:04d}", "email": f"service-{i}@example.org",
                    "website": f"https://service-{i}.example.org"},
    }
    if i % 9 == 0:
        data["always_open"] = True
    else:
        data["hours"] = [{"days": list(DAYS[:5]), "opens": "09:00", "closes": "17:00"},
                         {"days": ["sat"], "opens": "20:00", "closes": "08:00"}]
    data |= {
        "hours_note": t.sentence(6, 10), "referral": ("self", "professional", "both")[i % 3],
        "referral_details": t.sentence(), "cost": ("free", "charge")[int(i % 7 == 0)],
        "languages": t.pick(LANGUAGES, 1 + i % 4), "last_verified": f"2026-{1 + i % 9:02d}-{1 + i % 28:02d}",
        "status": ("active", "active", "active", "temporarily-closed", "closed")[i % 5],
    }
    return dump(data, "service")


def alert(i: int, t: Text) -> str:
    return dump({"title": f"Synthetic notice {i}: {t.words(4)}"[:120], "message": t.paragraphs(2, 2),
                 "level": ("info", "warning")[i % 2], "areas": t.pick(vocabulary("areas"), 2),
                 "active_from": f"2026-11-{1 + i:02d}", "active_until": f"2026-12-{1 + i:02d}"}, "alert")


def page(t: Text) -> str:
    return f"Title: About this synthetic register\nSlug: about\n\n{t.paragraphs(4)}\n"


def logo() -> bytes:
    """A small PNG, drawn the same way every time."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (240, 240), (32, 96, 160)).save(out, "PNG", optimize=False)
    return out.getvalue()


def write_registry(out: Path, size: str, seed: int = 1) -> dict[str, int]:
    """Write the registry of `size` into `out` (replacing it); return how many of each."""
    orgs, commitments, services = SIZES[size]
    if out.exists():
        shutil.rmtree(out)
    for folder in ("organisations/logos", "pledges", "services", "alerts", "pages"):
        (out / folder).mkdir(parents=True)
    t = Text(seed)
    png = logo()
    for i in range(orgs):
        (out / "organisations" / f"org-{i}.yaml").write_text(organisation(i, t, orgs))
        if i % 10 == 0:
            (out / "organisations" / "logos" / f"org-{i}.png").write_bytes(png)
    for i in range(commitments):
        org, year = i % orgs, 2024 - i // orgs
        (out / "pledges" / f"org-{org}-{year}.md").write_text(commitment(i, org, year, t, orgs))
    for i in range(services):
        (out / "services" / f"service-{i}.yaml").write_text(service(i, t, orgs))
    for i in range(3):
        (out / "alerts" / f"notice-{i}.yaml").write_text(alert(i, t))
    (out / "pages" / "about.md").write_text(page(t))
    return {"organisations": orgs, "commitments": commitments, "services": services, "alerts": 3, "pages": 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = write_registry(args.out, args.size, args.seed)
    print(f"wrote {', '.join(f'{n} {k}' for k, n in counts.items())} to {args.out}")


if __name__ == "__main__":
    main()
