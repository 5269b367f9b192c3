"""Optical character recognition for pages that carry no text layer (scans)."""
