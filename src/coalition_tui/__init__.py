"""coalition-tui: compare what each country committed at the coalition-of-the-willing meetings."""

__version__ = "0.1.0"
