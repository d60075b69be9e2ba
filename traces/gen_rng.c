// SPDX-License-Identifier: MIT
/* gen_rng.c -- tracegen's PRNG: xoshiro256** seeded through splitmix64.
 *
 * Our own generator rather than rand(): the output must be the same on every
 * libc and every machine for a given --seed.  Nothing here depends on the
 * host's endianness or word size beyond uint64_t. */
#include "gen.h"

/* splitmix64: turns any seed (0 included) into well-mixed state words. */
static uint64_t gen_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t gen_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* Seeds r from (seed, stream); different streams of one seed are unrelated. */
void gen_rng_seed(gen_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ gen_splitmix64(&stream);
    for (int i = 0; i < 4; i++)
        r->s[i] = gen_splitmix64(&x);
    /* splitmix64 is a bijection of its counter, so four consecutive outputs
     * are never all zero; keep the guarantee explicit anyway. */
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
        r->s[0] = 1;
}

/* Returns the next 64 random bits. */
uint64_t gen_rng_next(gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = gen_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = gen_rotl(s[3], 45);
    return result;
}

/* Returns a uniform value in [0, n).  Rejection sampling: draws whose value
 * falls in the short last copy of [0, n) are redrawn, so there is no modulo
 * bias.  n must be > 0. */
uint64_t gen_rng_below(gen_rng *r, uint64_t n)
{
    if ((n & (n - 1)) == 0)
        return gen_rng_next(r) & (n - 1);
    uint64_t limit = UINT64_MAX - UINT64_MAX % n; /* a multiple of n */
    uint64_t x;
    do
        x = gen_rng_next(r);
    while (x >= limit);
    return x % n;
}

/* Returns p scaled to 2^53, compared against 53 random bits by
 * gen_rng_hit(): p = 0 never hits, p = 1 always does. */
uint64_t gen_rng_threshold(double p)
{
    if (!(p > 0.0))
        return 0;
    if (p >= 1.0)
        return (uint64_t)1 << 53;
    return (uint64_t)(p * 9007199254740992.0); /* 2^53 */
}

/* Returns 1 with the probability the threshold stands for. */
int gen_rng_hit(gen_rng *r, uint64_t threshold)
{
    if (threshold == 0)
        return 0;
    return (gen_rng_next(r) >> 11) < threshold;
}
