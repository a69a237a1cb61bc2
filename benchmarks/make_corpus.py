"""Write a synthetic registry of any size that passes validation, for benchmarks.

    python benchmarks/make_corpus.py --organisations 1000 --out benchmarks/corpus/content

Each organisation gets one commitment (six pledges, one a stage; six actions) and two
services. Text is varied deterministically (seeded) so output sizes are realistic.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

STAGES = ["universal-prevention", "targeted-prevention", "crisis-prevention-and-relief",
          "recovery", "move-on-support", "settled-home"]
AREAS = ["birmingham", "coventry", "dudley", "sandwell", "solihull", "walsall", "wolverhampton"]
SECTORS = ["health", "housing", "local-government", "education", "voluntary-community", "faith"]
STATUSES = ["planned", "in-progress", "done", "dropped"]
WORDS = ["housing", "advice", "tenancy", "support", "hospital", "discharge", "prison", "release", "young", "people", "care", "leavers", "debt", "benefits", "training", "referral", "pathway", "outreach", "shelter", "recovery", "family", "employment", "mental", "health", "partnership", "prevention", "crisis", "settled", "home", "move", "on"]


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def organisation(i: int, rng: random.Random) -> str:
    return (f"name: Synthetic Organisation {i}\nsector: {rng.choice(SECTORS)}\n"
            f"areas: [{', '.join(sorted(rng.sample(AREAS, 2)))}]\nsummary: {sentence(rng)}.\n"
            f"description: |\n  {sentence(rng, 40)}.\nc2c:\n  status: awarded\n  awarded: 2024-06-01\n")


def commitment(i: int, rng: random.Random) -> str:
    lines = [f"---\norganisation: org-{i}\nheld: 2024-05-01\napproach: roundtable\napproved: 2024-06-01",
             "discussion:\n  gaps:"]
    lines += [f"    - text: {sentence(rng)}\n      stages: [{rng.choice(STAGES)}]" for _ in range(3)]
    lines.append("pledges:")
    lines += [f"  - id: p{n}\n    text: {sentence(rng)}\n    stage: {stage}" for n, stage in enumerate(STAGES)]
    lines.append("actions:")
    for n in range(6):
        lines.append(f"  - pledge: p{n}\n    text: {sentence(rng)}\n    lead: Team lead\n"
                     f"    due: 2026-{rng.randint(1, 12):02d}-15\n    measure: {sentence(rng, 6)}\n"
                     f"    status: {rng.choice(STATUSES)}")
    lines.append("---\n" + sentence(rng, 200) + ".\n")
    return "\n".join(lines)


def service(i: int, n: int, rng: random.Random) -> str:
    return (f"name: Synthetic Service {i}-{n}\norganisation: org-{i}\nsummary: {sentence(rng)}.\n"
            f"stages: [{rng.choice(STAGES)}]\nclient_groups: [everyone]\nareas: [{rng.choice(AREAS)}]\n"
            f"contact:\n  phone: \"0121 496 0{rng.randint(100, 999)}\"\n"
            f"hours:\n  - days: [mon, tue, wed, thu, fri]\n    opens: \"09:00\"\n    closes: \"17:00\"\n"
            f"referral: self\ncost: free\nlast_verified: 2026-06-01\n")


def write_corpus(out: Path, organisations: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("organisations", "pledges", "services"):
        (out / folder).mkdir(parents=True)
    for i in range(organisations):
        (out / "organisations" / f"org-{i}.yaml").write_text(organisation(i, rng))
        (out / "pledges" / f"org-{i}-2024.md").write_text(commitment(i, rng))
        for n in range(2):
            (out / "services" / f"service-{i}-{n}.yaml").write_text(service(i, n, rng))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus" / "content")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.out, args.organisations, args.seed)
    print(f"wrote {args.organisations} organisations, {args.organisations} commitments and "
          f"{2 * args.organisations} services to {args.out}")


if __name__ == "__main__":
    main()
