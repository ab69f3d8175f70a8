"""`python -m staffpath`."""

from staffpath.cli import main

main()
