"""MinHash signatures and LSH banding, as datasketch computes them, without importing datasketch.

datasketch's package imports all of its modules, and its LSH module imports ``scipy.integrate``
(about 0.3 s of every process) to choose the banding of a threshold. A briefing needs neither scipy
nor the index classes: the signature is a few numpy lines, and the banding is grouping by band.

* :func:`signature` is datasketch's ``MinHash(num_perm, seed).update_batch(values).hashvalues`` for
  its default scheme ``"affine32"`` (SHA-1's first 4 bytes as the input hash, the MurmurHash3 32-bit
  finalizer, then ``a * h + b mod 2^32`` with datasketch's seeded ``a`` and ``b``), bit for bit: the
  sketches a store holds and those datasketch builds in :mod:`newsweave.cluster` are one
  (``tests/test_dedup.py`` compares them).
* :func:`lsh_params` is datasketch's ``MinHashLSH(threshold, num_perm)`` choice of ``(bands, rows)``:
  the banding that minimises the mean of the false-positive and false-negative areas, the two
  integrals taken by Gauss-Legendre quadrature (exact for these polynomials) instead of scipy's.
* :func:`band_keys`: one key per band; two signatures that share a key are candidate pairs.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

_MAX32 = np.uint32(0xFFFFFFFF)
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of each affine permutation, as datasketch draws them for ``seed``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def _hash32(value: bytes) -> int:
    return int(struct.unpack("<I", hashlib.sha1(value).digest()[:4])[0])


def signature(values: Iterable[bytes], num_perm: int, seed: int = 1) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32) of a set of byte strings; all ``0xFFFFFFFF`` for none."""
    hashes = [_hash32(v) for v in values]
    if not hashes:
        return np.full(num_perm, _MAX32, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv = np.asarray(hashes, dtype=np.uint32).reshape(-1, 1)
    with np.errstate(over="ignore"):  # the wrap-around is the modulo 2^32
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        a, b = permutations(num_perm, seed)
        return np.asarray((hv * a + b).min(axis=0), dtype=np.uint32)


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows per band)`` for a Jaccard ``threshold``: datasketch's choice (equal weights)."""
    nodes, weights = np.polynomial.legendre.leggauss(128)

    def area(lo: float, hi: float, b: np.ndarray, r: np.ndarray, positive: bool) -> np.ndarray:
        s = (hi - lo) / 2 * nodes[:, None] + (hi + lo) / 2
        p = 1 - (1 - s ** r[None, :]) ** b[None, :]
        return (hi - lo) / 2 * (weights[:, None] * (p if positive else 1 - p)).sum(axis=0)

    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bs = np.array([p[0] for p in pairs], dtype=float)
    rs = np.array([p[1] for p in pairs], dtype=float)
    error = 0.5 * area(0.0, threshold, bs, rs, True) + 0.5 * area(threshold, 1.0, bs, rs, False)
    return pairs[int(np.argmin(error))]


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[str]:
    """One key per band of a signature: two signatures sharing a key are candidate near-copies."""
    v = np.asarray(values, dtype=np.uint64)
    return [
        f"{k}:{hashlib.blake2b(v[k * rows : (k + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
        for k in range(bands)
    ]
