"""Ingestion: scanning, the pipeline, progress and cancel."""
