"""Privacy guarantees a reviewer can check: the enforced offline switch and the network log."""
