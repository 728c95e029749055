"""The checks the accessibility sweep runs in a page: axe-core, reflow, headings, focus ring.

Each returns plain data (lists of problems), so the sweep can report every page at once.
"""

import re

from axe_playwright_python.base import AXE_FILE_PATH

# WCAG 2.1 levels A and AA, as axe-core tags its rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SCRIPT_PATH = AXE_FILE_PATH

_AXE_RUN = """([tags, contrast]) => axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    rules: {"color-contrast": {enabled: contrast}}})
  .then(results => results.violations.map(v => ({
      id: v.id, impact: v.impact,
      nodes: v.nodes.map(node => node.target.join(" ")).slice(0, 5),
      count: v.nodes.length})))"""


def axe_violations(page, contrast: bool = True) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is laid out now.

    The colour contrast rule takes four fifths of axe's time; the sweep runs it at one
    width only, since no media query in static/css changes a colour.
    """
    return page.evaluate(_AXE_RUN, [WCAG_TAGS, contrast])


# How far the page scrolls sideways, and the outermost elements that stick out (to name
# them in the failure): those inside a scrolling box do not make the page scroll.
_OVERFLOW = """() => {
  const width = window.innerWidth;
  const over = document.documentElement.scrollWidth - width;
  if (over <= 0) return null;
  const clips = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX; if (o !== "visible") return a !== document.body
        && a !== document.documentElement; } return false; };
  const culprits = [...document.body.querySelectorAll("*")].filter(el => {
      const right = el.getBoundingClientRect().right;
      const parent = el.parentElement.getBoundingClientRect().right;
      return right > width + 1 && parent <= width + 1 && !clips(el); })
    .slice(0, 4).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className
      === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
  return {pixels: over, culprits};
}"""


def overflow(page) -> dict | None:
    """None when the page does not scroll sideways at the current width."""
    return page.evaluate(_OVERFLOW)


# Tables outside a named region that takes focus (axe flags a region only while it scrolls:
# this holds every table to the rule at every width).
_LOOSE_TABLES = """() => [...document.querySelectorAll("table")].filter(table => {
    const region = table.closest("[role=region][tabindex='0']");
    if (!region) return true;
    const ids = (region.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const name = region.getAttribute("aria-label")
      || ids.map(id => document.getElementById(id)?.textContent || "").join(" ");
    return !name.trim(); })
  .map(table => table.outerHTML.slice(0, 60))"""


def loose_tables(page) -> list[str]:
    """Tables that do not scroll in a named, focusable region."""
    return page.evaluate(_LOOSE_TABLES)


_HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter(h => h.getClientRects().length)
  .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 50)])"""


def heading_problems(page) -> list[str]:
    """Headings that skip a level (h1 to h3) or a page that does not start with its h1."""
    problems, previous = [], 0
    for level, text in page.evaluate(_HEADINGS):
        if level > previous + 1:
            problems.append(f"h{previous} → h{level} “{text}”")
        previous = level
    if not problems and previous == 0:
        problems.append("no heading")
    return problems


# Focusable elements are focused in turn, one per kind of element and background (after a
# Tab, so that :focus-visible applies as it does for keyboard users); the ring's colours and
# the background around the element are read once per distinct combination.
_FOCUS_RINGS = """() => {
  const seen = new Map();
  const background = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      const c = getComputedStyle(a).backgroundColor;
      if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c; }
    return "rgb(255, 255, 255)"; };
  const focusable = "a[href], button, input:not([type=hidden]), select, textarea, summary,"
    + " [tabindex]:not([tabindex='-1'])";
  const tried = new Set();
  for (const el of document.querySelectorAll(focusable)) {
    if (!el.getClientRects().length) continue;
    // One element per kind and background: a list's 300 links share one ring.
    const kind = [el.tagName, el.type, el.className, background(el)].join("|");
    if (tried.has(kind)) continue;
    tried.add(kind);
    el.focus();
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const ring = {outline: style.outlineStyle === "none" || style.outlineWidth === "0px"
                    ? null : style.outlineColor,
                  auto: style.outlineStyle === "auto",
                  shadow: style.boxShadow === "none" ? null : style.boxShadow,
                  background: background(el)};
    const key = JSON.stringify(ring);
    if (!seen.has(key)) seen.set(key, {...ring, example: el.outerHTML.slice(0, 80)});
  }
  document.activeElement.blur();
  return [...seen.values()];
}"""

_COLOUR = re.compile(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)")


def _luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _colours(css: str | None) -> list[tuple[float, float, float]]:
    """The opaque colours in a computed colour or box-shadow value."""
    found = []
    for match in _COLOUR.finditer(css or ""):
        if match.group(4) is None or float(match.group(4)) == 1:
            found.append(tuple(float(value) for value in match.group(1, 2, 3)))
    return found


def focus_ring_problems(page) -> list[str]:
    """Focus rings missing, or with no colour at 3:1 against the background around them."""
    page.keyboard.press("Tab")
    problems = []
    for ring in page.evaluate(_FOCUS_RINGS):
        background = _colours(ring["background"])[0]
        ring_colours = _colours(ring["outline"]) + _colours(ring["shadow"])
        if ring["auto"]:
            # Chromium's own ring (outline-style: auto, the Django admin's) is two-tone: a
            # white ring around the dark one.
            ring_colours.append((255, 255, 255))
        best = max((contrast(colour, background) for colour in ring_colours), default=0)
        if best < 3:
            problems.append(
                f"{best:.1f}:1 on {ring['background']} ({ring['outline']}; {ring['shadow']}):"
                f" {ring['example']}"
            )
    return problems
