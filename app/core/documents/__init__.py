"""Reading files into pages of text, and splitting pages into citable chunks."""
