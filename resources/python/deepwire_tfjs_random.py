"""TF.js's seeded random ops, value for value, so a PyTorch GAN run draws the TF.js engine's noise.

tf.randomNormal(shape, 0, 1, 'float32', seed) and tf.randomUniform(shape, lo, hi, 'float32', seed) seed
seedrandom's alea with String(seed) and fill the tensor in order (tfjs-core/src/ops/rand_util.ts: the
Marsaglia polar method for normals). Python floats are IEEE doubles like JavaScript numbers, so the
same arithmetic gives the same doubles; they become float32 as TF.js's Float32Array stores them.
"""
import math

import numpy as np

_TWO_TO_MINUS_32 = 2.3283064365386963e-10
_TWO_TO_32 = 4294967296.0


def js_seed_string(seed):
    """String(seed) in JavaScript for the integer seeds Deepwire uses."""
    if float(seed).is_integer() and abs(seed) < 1e21:
        return str(int(seed))
    return repr(float(seed))


def _mash():
    n = 0xEFC8249D

    def mash(data):
        nonlocal n
        for ch in data:
            n += ord(ch)
            h = 0.02519603282416938 * n
            n = int(h) % 0x100000000  # h >>> 0 (h is positive)
            h -= n
            h *= n
            n = int(h) % 0x100000000
            h -= n
            n += h * _TWO_TO_32
        return (int(n) % 0x100000000) * _TWO_TO_MINUS_32

    return mash


def alea(seed_text):
    """seedrandom's alea(seed): a function returning the next double in [0, 1)."""
    s0, s1, s2 = _alea_state(seed_text)
    c = 1

    def next_value():
        nonlocal s0, s1, s2, c
        t = 2091639 * s0 + c * _TWO_TO_MINUS_32
        s0, s1 = s1, s2
        c = int(t)  # t | 0: t is below 2^31 and positive
        s2 = t - c
        return s2

    return next_value


def _alea_state(seed_text):
    mash = _mash()
    state = [mash(" "), mash(" "), mash(" ")]
    for i in range(3):
        state[i] -= mash(seed_text)
        if state[i] < 0:
            state[i] += 1
    return state


def random_normal(shape, seed, mean=0.0, std=1.0):
    """tf.randomNormal(shape, mean, std, 'float32', seed) as a float32 array (alea inlined: this runs every step)."""
    count = int(np.prod(shape))
    s0, s1, s2 = _alea_state(js_seed_string(seed))
    c = 1
    k = _TWO_TO_MINUS_32
    log, sqrt = math.log, math.sqrt
    out = [0.0] * (count + 1)
    i = 0
    while i < count:
        while True:
            t = 2091639 * s0 + c * k
            s0, s1 = s1, s2
            c = int(t)
            s2 = t - c
            v1 = 2 * s2 - 1
            t = 2091639 * s0 + c * k
            s0, s1 = s1, s2
            c = int(t)
            s2 = t - c
            v2 = 2 * s2 - 1
            s = v1 * v1 + v2 * v2
            if s < 1 and s != 0:
                break
        mul = sqrt(-2.0 * log(s) / s)
        out[i] = mean + std * v1 * mul
        out[i + 1] = mean + std * v2 * mul
        i += 2
    return np.array(out[:count], dtype=np.float64).astype(np.float32).reshape(shape)


def random_uniform(shape, seed, low=0.0, high=1.0):
    """tf.randomUniform(shape, low, high, 'float32', seed) as a float32 array."""
    count = int(np.prod(shape))
    random = alea(js_seed_string(seed))
    span = high - low
    out = np.fromiter((low + span * random() for _ in range(count)), dtype=np.float64, count=count)
    return out.astype(np.float32).reshape(shape)
