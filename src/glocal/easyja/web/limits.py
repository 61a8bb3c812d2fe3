"""What the web side accepts: one limit for the API and the editor panel."""

# Long enough for any notice or guide (a long municipal guide is ~30,000 characters); short
# enough that one request cannot hold a web worker for long.
MAX_CHARACTERS = 100_000
