"""The Qt layer: depends on ``app.core``, never the reverse."""
