"""PDF and CSV writers. The only package that imports reportlab."""
