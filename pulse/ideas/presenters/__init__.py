"""Display values for the ideas pages. Every author shown comes from `displayed_author`."""
