"""Measure a person's task in the browser: taps (or key presses) and pixels scrolled.

A `Task` wraps a Playwright page. Every step a person takes goes through it, so what it
costs is counted the same way for every task and before and after a change:

- `reach(target)` scrolls the least distance that brings the target wholly into view
  (its top, if it is taller than the screen), as a thumb would, and adds that distance
  to `scrolled`. A target already in view costs nothing; a jump link or a focused
  heading moves the page for free, as it does for a person.
- `tap(target)` reaches it and taps it: one tap. `follow=False` counts the tap without
  following the link (a `tel:` link, or a map website the tests never contact).
- `choose(select, label)` reaches a drop-down and picks an option: two taps (open it,
  pick), as on a phone.
- `press(key)` is one key press, for the keyboard tasks; `type_text` counts one press
  its characters apart, in `typed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The least scroll that brings the element wholly into view; returns how far the page
# really moved (it stops at either end).
_REACH = """(el) => {
  const r = el.getBoundingClientRect();
  const vh = window.innerHeight;
  let delta = 0;
  if (r.top < 0) delta = r.top;
  else if (r.bottom > vh) delta = Math.min(r.top, r.bottom - vh);
  const before = window.scrollY;
  window.scrollBy(0, delta);
  return Math.abs(window.scrollY - before);
}"""


@dataclass
class Task:
    page: object
    name: str = ""
    taps: int = 0
    keys: int = 0
    typed: int = 0  # characters of text typed (not counted in `keys`)
    scrolled: int = 0
    steps: list[str] = field(default_factory=list)

    def goto(self, url: str) -> None:
        """Open an address (typed or followed from elsewhere): no tap counted."""
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        self.page.wait_for_timeout(100)

    def reach(self, target) -> None:
        target = self._locator(target)
        target.wait_for(state="visible")
        moved = round(target.evaluate(_REACH))
        self.scrolled += moved
        if moved:
            self.steps.append(f"scroll {moved}px")

    def tap(self, target, follow: bool = True) -> None:
        target = self._locator(target)
        self.reach(target)
        self.taps += 1
        self.steps.append(f"tap {self._describe(target)}")
        if follow:
            target.click()
            self.page.wait_for_load_state("load")
            self.page.wait_for_timeout(150)

    def choose(self, select, label: str | None = None, value: str | None = None) -> None:
        select = self._locator(select)
        self.reach(select)
        self.taps += 2
        self.steps.append(f"choose {label or value!r}")
        select.select_option(label=label) if label is not None else select.select_option(value=value)
        self.page.wait_for_timeout(200)

    def back(self) -> None:
        self.taps += 1
        self.steps.append("back")
        self.page.go_back(wait_until="load")
        self.page.wait_for_timeout(150)

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self.keys += 1

    def type_text(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.typed += len(text)

    def tab_to(self, test: str, limit: int = 300, backwards: bool = False) -> None:
        """Press Tab (Shift+Tab) until `test`, a JS expression about `el` (the focused
        element), holds; every press counts."""
        for _ in range(limit):
            self.press("Shift+Tab" if backwards else "Tab")
            if self.page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
                return
        raise AssertionError(f"Tab never reached {test}")

    def visible_in_viewport(self, target) -> bool:
        box = self._locator(target).bounding_box()
        height = self.page.viewport_size["height"]
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

    def figures(self) -> str:
        moves = f"{self.taps} taps" if not (self.keys or self.typed) else \
            f"{self.keys} key presses (and {self.typed} characters typed), {self.taps} taps"
        return f"{self.name}: {moves}, {self.scrolled} px scrolled"

    def _locator(self, target):
        return self.page.locator(target).first if isinstance(target, str) else target

    @staticmethod
    def _describe(target) -> str:
        try:
            text = target.evaluate("el => (el.innerText || el.value || el.getAttribute('aria-label') || '').trim()")
        except Exception:  # noqa: BLE001 - a description only
            text = ""
        return repr(" ".join(text.split())[:50])
