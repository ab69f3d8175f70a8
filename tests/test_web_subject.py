"""The person a URL names, as the guard reads them in one query, shows exactly as the ORM
object does on the pages that use it."""

from __future__ import annotations

from sqlalchemy.orm import joinedload

from staffpath.people.lookup import card_by_handle, person_view
from staffpath.store.engine import Store
from staffpath.store.tables import Person


def test_the_guards_row_shows_as_the_person_does(org: Store) -> None:
    with org.reading() as conn:
        rows = {h: card_by_handle(conn, h) for h in ("ada", "dana", "cy")}
    with org.session(read_only=True) as session:
        for handle, row in rows.items():
            assert row is not None
            person = session.query(Person).options(
                joinedload(Person.team), joinedload(Person.manager)).filter_by(
                handle=handle).one()
            assert row.view() == person_view(person)
    assert rows["ada"].team == "Checkout"
    assert rows["ada"].manager == "mo"
    assert rows["dana"].manager is None
    assert rows["dana"].team is None
