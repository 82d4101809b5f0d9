"""Every attack attempt and every control, for the summary printed at the end of the session.

An attack "succeeded" when isolation failed. A control "detected" when the probe saw the permissive
setup it was pointed at; a control that does not detect means the probe is broken, and its test fails.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Entry:
    category: str
    name: str
    outcome: bool | None  # attacks: True = succeeded; controls: True = detected; None = inconclusive
    evidence: str = ""


@dataclass
class Ledger:
    attacks: list[Entry] = field(default_factory=list)
    controls: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def attack(self, category: str, name: str, succeeded: bool | None, evidence: str = "") -> Entry:
        entry = Entry(category, name, succeeded, evidence.strip())
        self.attacks.append(entry)
        return entry

    def control(self, category: str, name: str, detected: bool | None, evidence: str = "") -> Entry:
        entry = Entry(category, name, detected, evidence.strip())
        self.controls.append(entry)
        return entry

    def note(self, text: str) -> None:
        self.notes.append(text)

    def summary_lines(self) -> list[str]:
        lines: list[str] = []
        if self.controls:
            detected = sum(1 for c in self.controls if c.outcome is True)
            lines.append(f"controls: {len(self.controls)} probes against permissive setups, {detected} detected")
            for c in self.controls:
                if c.outcome is not True:
                    lines.append(f"  control NOT detected: [{c.category}] {c.name}: {c.evidence[:300]}")
        per_cat = Counter(a.category for a in self.attacks)
        if per_cat:
            lines.append("attacks by kind: " + ", ".join(f"{cat} {n}" for cat, n in sorted(per_cat.items())))
        for a in self.attacks:
            if a.outcome is True:
                lines.append(f"  SUCCEEDED: [{a.category}] {a.name}: {a.evidence[:300]}")
            elif a.outcome is None:
                lines.append(f"  inconclusive: [{a.category}] {a.name}: {a.evidence[:300]}")
        lines.extend(f"  note: {n}" for n in self.notes)
        succeeded = sum(1 for a in self.attacks if a.outcome is True)
        inconclusive = sum(1 for a in self.attacks if a.outcome is None)
        line = f"isolation: {len(self.attacks)} attacks, {succeeded} succeeded"
        if inconclusive:
            line += f", {inconclusive} inconclusive"
        lines.append(line)
        return lines


LEDGER = Ledger()
