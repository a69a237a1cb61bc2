"""Write a synthetic registry of any size that passes validation, for benchmarks.

    python benchmarks/make_corpus.py --organisations 1000 --out benchmarks/corpus/content

Each organisation gets one commitment (six pledges, one a stage; six actions; three
discussion points) and two services. Text is varied deterministically (seeded) so output
sizes are realistic. Options change the shape (the defaults write the same files as
always): the search benchmark's registry is

    python benchmarks/make_corpus.py --organisations 500 --commitments 2 --pledges 10 \
        --actions 15 --discussion 12 --services 6 --extra-words 6000

(`--extra-words N` mixes N made-up words into the text, for a realistic vocabulary size).
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


EXTRA: list[str] = []  # made-up words mixed into the text (--extra-words)


def made_up_words(n: int) -> list[str]:
    """n distinct pronounceable words, the same ones for the same n."""
    rng = random.Random(n)
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice("bdfgklmnprstv") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))))
    return sorted(words)


def word(rng: random.Random) -> str:
    if EXTRA and rng.random() < 0.3:
        return rng.choice(EXTRA)
    return rng.choice(WORDS)


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(word(rng) for _ in range(n)).capitalize()


def organisation(i: int, rng: random.Random) -> str:
    return (f"name: Synthetic Organisation {i}\nsector: {rng.choice(SECTORS)}\n"
            f"areas: [{', '.join(sorted(rng.sample(AREAS, 2)))}]\nsummary: {sentence(rng)}.\n"
            f"description: |\n  {sentence(rng, 40)}.\nc2c:\n  status: awarded\n  awarded: 2024-06-01\n")


def commitment(i: int, rng: random.Random, year: int = 2024, pledges: int = 6, actions: int = 6,
               discussion: int = 3) -> str:
    lines = [f"---\norganisation: org-{i}\nheld: {year}-05-01\napproach: roundtable\napproved: {year}-06-01",
             "discussion:\n  gaps:"]
    lines += [f"    - text: {sentence(rng)}\n      stages: [{rng.choice(STAGES)}]" for _ in range(discussion)]
    lines.append("pledges:")
    lines += [f"  - id: p{n}\n    text: {sentence(rng)}\n    stage: {STAGES[n % len(STAGES)]}" for n in range(pledges)]
    lines.append("actions:")
    for n in range(actions):
        lines.append(f"  - pledge: p{n % pledges}\n    text: {sentence(rng)}\n    lead: Team lead\n"
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


def write_corpus(out: Path, organisations: int, seed: int = 1, commitments: int = 1, pledges: int = 6,
                 actions: int = 6, discussion: int = 3, services: int = 2, extra_words: int = 0) -> None:
    rng = random.Random(seed)
    EXTRA[:] = made_up_words(extra_words) if extra_words else []
    if out.exists():
        shutil.rmtree(out)
    for folder in ("organisations", "pledges", "services"):
        (out / folder).mkdir(parents=True)
    for i in range(organisations):
        (out / "organisations" / f"org-{i}.yaml").write_text(organisation(i, rng))
        for k in range(commitments):
            (out / "pledges" / f"org-{i}-{2024 - k}.md").write_text(
                commitment(i, rng, 2024 - k, pledges, actions, discussion))
        for n in range(services):
            (out / "services" / f"service-{i}-{n}.yaml").write_text(service(i, n, rng))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus" / "content")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commitments", type=int, default=1, help="per organisation")
    parser.add_argument("--pledges", type=int, default=6, help="per commitment")
    parser.add_argument("--actions", type=int, default=6, help="per commitment")
    parser.add_argument("--discussion", type=int, default=3, help="discussion points per commitment")
    parser.add_argument("--services", type=int, default=2, help="per organisation")
    parser.add_argument("--extra-words", type=int, default=0, help="made-up words mixed into the text")
    args = parser.parse_args()
    write_corpus(args.out, args.organisations, args.seed, args.commitments, args.pledges, args.actions,
                 args.discussion, args.services, args.extra_words)
    print(f"wrote {args.organisations} organisations, {args.organisations * args.commitments} commitments and "
          f"{args.services * args.organisations} services to {args.out}")


if __name__ == "__main__":
    main()
