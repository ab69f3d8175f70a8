"""A person's data as a whole: everything staffpath holds about them, and erasing it."""
