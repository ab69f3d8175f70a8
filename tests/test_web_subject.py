"""The person a URL names, as the guard reads them in one query, shows exactly as the ORM
object does on the pages that use it."""

from __future__ import annotations

from sqlalchemy.orm import joinedload

from staffpath.store.engine import Store
from staffpath.store.tables import Person
from staffpath.web.context import _BY_HANDLE, SubjectRow
from staffpath.web.views.render import person_view


def test_the_guards_row_shows_as_the_person_does(org: Store) -> None:
    with org.reading() as conn:
        rows = {h: SubjectRow(*conn.execute(_BY_HANDLE, {"handle": h}).one())
                for h in ("ada", "dana", "cy")}
    with org.session(read_only=True) as session:
        for handle, row in rows.items():
            person = session.query(Person).options(
                joinedload(Person.team), joinedload(Person.manager)).filter_by(
                handle=handle).one()
            assert row.view() == person_view(person)
    assert rows["ada"].team == "Checkout"
    assert rows["ada"].manager == "mo"
    assert rows["dana"].manager is None
    assert rows["dana"].team is None
