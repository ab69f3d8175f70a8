"""The web application: server-rendered pages, htmx fragments and a JSON API over the services.

Modules without FastAPI imports (auth, access, audit, privacy, ratelimit, settings, models)
are the service layer the CLI shares; `create_app` lives in `staffpath.web.app`.
"""
