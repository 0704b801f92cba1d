"""Resolution of mentions to canonical actors, places and dates."""
