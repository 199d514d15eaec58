"""Generic format parsers, one module per format; `registry.py` maps names to them."""
