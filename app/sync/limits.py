"""Hard limits of the bundle format, checked before anything is trusted or parsed.

A gmina holds at most about 1,000 families of ~45 records each, so a bundle of 80,000 records
leaves room for the largest real exchange while a flood (10^5 records, 10 MB strings, JSON nested
10^4 deep, 10^5 container members) is refused cheaply.  Rejection never needs more memory than
about twice the file size (at most ``MAX_BUNDLE_BYTES``).
"""

from __future__ import annotations

FORMAT = "kooperacja-bundle"
FORMAT_VERSION = 1
FILE_SUFFIX = ".kbundle"

MAX_BUNDLE_BYTES = 128 * 1024 * 1024  # the encrypted file
MIN_PLAINTEXT = 65_537  # padded to two age chunks, so truncation is told from tampering
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_MEMBERS = 8
MAX_MEMBER_HEADER = 80  # "<name> <size>\n"
MAX_RECORDS = 80_000
MAX_AUDIT_EVENTS = 50_000  # per bundle; a longer log travels over several round trips
MAX_LINE_BYTES = 24 * 1024 * 1024  # one JSON line (an attachment scan, base64)
MAX_TEXT_CHARS = 100_000  # any Text column
MAX_BINARY_BYTES = 16 * 1024 * 1024  # any binary column (decoded)
MAX_VV_ENTRIES = 64  # devices in one row's version vector
MAX_ACKS = 64  # acknowledgements carried in one manifest
MAX_REVOCATIONS = 1000
# A bundle is valid this long after it was made (TUF's freeze defence: a stick withheld for
# months cannot be passed off later as the sender's latest word); a newer one replaces it.
BUNDLE_LIFETIME_DAYS = 30
MAX_CONFLICTS = 10_000  # conflict entries in one bundle (the rest follow in the next)
MAX_ROTATIONS = 16  # keys announced in one bundle (rotations since the peer last answered)
MAX_JSON_DEPTH = 4  # records are flat objects; their metadata maps add one level
