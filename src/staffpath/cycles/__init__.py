"""Promotion cycles: nominations, frozen packets, blind scoring, calibration and decisions.

`changes` holds every change a person makes (each audited), on the rules of `lifecycle`;
`visible` and `calibration` hold what each viewer may see, as the frozen values of `views`;
`lookup` finds cycles and nominations as a caller may reach them; `report` is the cycle
report; `inputs` reads the scoring, rating and decision forms.
"""
