"""Kept page bodies: rendered once per (object shown, viewer values), never served for
another object, even an equal one or one that reuses a freed object's id."""

from __future__ import annotations

from staffpath.web.rendered import RenderedBodies


class Shown:
    def __init__(self, text: str) -> None:
        self.text = text


def test_a_body_is_rendered_once_per_object_and_viewer() -> None:
    bodies = RenderedBodies()
    calls: list[str] = []

    def render(source: Shown, who: str) -> str:
        calls.append(who)
        return f"<p>{source.text} for {who}</p>"

    first = Shown("staff")
    assert bodies.get_or_render(first, ("ada",), lambda: render(first, "ada")) == (
        "<p>staff for ada</p>")
    assert bodies.get_or_render(first, ("ada",), lambda: render(first, "ada")) == (
        "<p>staff for ada</p>")
    assert calls == ["ada"]
    # Another viewer of the same assessment is rendered for them.
    assert bodies.get_or_render(first, ("mo",), lambda: render(first, "mo")) == (
        "<p>staff for mo</p>")
    # A new object (the assessment changed) is rendered again, even when it looks the same.
    second = Shown("staff")
    bodies.get_or_render(second, ("ada",), lambda: render(second, "ada"))
    assert calls == ["ada", "mo", "ada"]


def test_only_the_newest_bodies_are_kept() -> None:
    bodies = RenderedBodies(size=2)
    shown = [Shown(str(n)) for n in range(3)]
    for s in shown:
        bodies.get_or_render(s, (), lambda s=s: s.text)
    rendered: list[str] = []
    bodies.get_or_render(shown[0], (), lambda: rendered.append("again") or "0")
    assert rendered == ["again"]


def test_a_body_kept_by_value_is_rendered_again_when_a_value_changes() -> None:
    bodies = RenderedBodies()
    calls: list[tuple[str, ...]] = []

    def render(rows: tuple[str, ...]) -> str:
        calls.append(rows)
        return ",".join(rows)

    rows = ("ada: ready", "bo: 2 gaps")
    assert bodies.get_or_render_value(("team", rows), lambda: render(rows)) == (
        "ada: ready,bo: 2 gaps")
    assert bodies.get_or_render_value(("team", tuple(rows)), lambda: render(rows)) == (
        "ada: ready,bo: 2 gaps")
    changed = ("ada: ready", "bo: 1 gap")
    assert bodies.get_or_render_value(("team", changed), lambda: render(changed)) == (
        "ada: ready,bo: 1 gap")
    assert calls == [rows, changed]
