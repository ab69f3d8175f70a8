"""The demo organisation that `staffpath demo` builds and assesses."""
