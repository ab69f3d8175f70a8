"""Assessment: what level the evidence supports per dimension, and the gap to the target."""
