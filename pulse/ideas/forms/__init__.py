"""Forms for the ideas space, with NHS error wording."""
