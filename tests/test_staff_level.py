"""'Staff' is one definition: the bench, the organisation summary and who leads from their level
agree, also for a framework whose staff level is not called `staff`."""

from __future__ import annotations

from staffpath.framework.loader import default_framework
from staffpath.framework.model import Framework
from staffpath.framework.staff import is_staff_plus, staff_level


def _renamed() -> Framework:
    fw = default_framework()
    data = fw.model_dump(mode="python")
    renames = {"staff": "l3", "senior-staff": "l4"}
    for level in data["levels"]:
        level["id"] = renames.get(level["id"], level["id"])
    for dim in data["dimensions"]:
        dim["expectations"] = {renames.get(k, k): v for k, v in dim["expectations"].items()}
    overall = data["overall"]
    overall["against_by_reach_at"] = [renames.get(k, k) for k in overall["against_by_reach_at"]]
    overall["reader"] = None  # the shipped reader reads the default levels' ids only
    return Framework.model_validate(data)


def test_the_default_framework() -> None:
    fw = default_framework()
    assert staff_level(fw) == "staff"
    assert [lv for lv in fw.level_ids if is_staff_plus(fw, lv)] == [
        "staff", "senior-staff", "principal"]
    assert not is_staff_plus(fw, None)
    assert not is_staff_plus(fw, "senior")


def test_a_staff_level_named_otherwise_is_found_by_its_title() -> None:
    fw = _renamed()
    # Before: the summary fell back to the last level (only principal) and access to the id
    # "staff" (nobody): both disagreed with the bench, which reads the title.
    assert staff_level(fw) == "l3"
    assert [lv for lv in fw.level_ids if is_staff_plus(fw, lv)] == ["l3", "l4", "principal"]
