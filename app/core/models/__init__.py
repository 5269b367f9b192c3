"""Model catalog, download, import, hardware fit, adapters and the runtime."""
