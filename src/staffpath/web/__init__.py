"""The web application: server-rendered pages, htmx fragments and a JSON API over the services.

Only HTTP lives here: routes (`views/` for pages, `api*.py` for the JSON API), templates,
cookies, the request guard (`context.py`) and what pages and API share (`nav.py`,
`sessions.py`, `downloads.py`, `schemas.py`). Every rule is a service of its area; `create_app`
lives in `staffpath.web.app`.
"""
