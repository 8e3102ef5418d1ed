"""Generated street-light datasets for the engine benchmarks: N-Triples, about 11 triples per light.

Violations are injected at random (seeded) into about 1 % of the lights, across the constraints of
``streetlights-shapes.ttl``: a missing or repeated identifier, a malformed one, a power out of
range, an unknown lamp type, an ill-typed date, a cabinet that is not a cabinet.
"""

from __future__ import annotations

import random
from pathlib import Path

EX = "https://w3id.org/socle/bench/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LAMPS = ("led", "sodium_high_pressure", "metal_halide", "fluorescent")
BREAKS = ("no_id", "bad_id", "power", "lamp", "date", "cabinet", "duplicate_id", "height")


def generate(count: int, out: Path, *, seed: int = 47, error_rate: float = 0.01) -> int:
    """Write ``count`` lights (and one cabinet per 50 lights) to ``out``; return the triple count."""
    rng = random.Random(seed)
    triples = 0
    with out.open("w", encoding="utf-8") as file:
        for cabinet in range(count // 50 + 1):
            node = f"<{EX}cabinet/{cabinet}>"
            file.write(f"{node} {RDF_TYPE} <{EX}ControlCabinet> .\n")
            file.write(f'{node} <{EX}identifier> "AC-{cabinet:06d}" .\n')
            triples += 2
        for index in range(count):
            broken = rng.choice(BREAKS) if rng.random() < error_rate else None
            lines = _light(index, count, broken, rng)
            file.writelines(lines)
            triples += len(lines)
    return triples


def _light(index: int, count: int, broken: str | None, rng: random.Random) -> list[str]:
    node = f"<{EX}light/{index}>"
    identifier = f"EP-{index:07d}"
    if broken == "bad_id":
        identifier = f"ep {index}"
    if broken == "duplicate_id":
        identifier = f"EP-{max(index - 1, 0):07d}"
    power = rng.choice((35, 50, 70, 100, 150))
    if broken == "power":
        power = 2500
    lamp = "candle" if broken == "lamp" else rng.choice(LAMPS)
    date = "2021-13-40" if broken == "date" else f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-15"
    cabinet = (
        f"<{EX}light/{(index + 1) % count}>" if broken == "cabinet" else (f"<{EX}cabinet/{index // 50}>")
    )
    height = "-4" if broken == "height" else f"{rng.randint(4, 12)}.5"
    lines = [
        f"{node} {RDF_TYPE} <{EX}Streetlight> .\n",
        f'{node} <{EX}lamp_type> "{lamp}" .\n',
        f'{node} <{EX}nominal_power> "{power}"^^<{XSD}integer> .\n',
        f'{node} <{EX}installation_date> "{date}"^^<{XSD}date> .\n',
        f"{node} <{EX}control_cabinet> {cabinet} .\n",
        f'{node} <{EX}mast_height> "{height}"^^<{XSD}decimal> .\n',
        f'{node} <{EX}latitude> "{rng.uniform(41, 51):.6f}"^^<{XSD}decimal> .\n',
        f'{node} <{EX}longitude> "{rng.uniform(-5, 9):.6f}"^^<{XSD}decimal> .\n',
        f'{node} <{EX}commune> "{rng.randint(1000, 95999):05d}" .\n',
        f'{node} <{EX}name> "Point lumineux {index}"@fr .\n',
    ]
    if broken != "no_id":
        lines.append(f'{node} <{EX}identifier> "{identifier}" .\n')
    return lines
